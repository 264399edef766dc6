"""``eventscope eval --task dedupe``: are several reports of one event merged, and only those?

Gold file (JSONL), one document per line with the stories it reports::

    {"id": "kharkiv-a", "text": "...", "date": "2024-06-04",
     "stories": [{"id": "S1", "type": "ASSAULT"}]}

Documents are coded with the full pipeline and ingested one by one through ``Store.write``, the
way ``eventscope ingest`` does, so stories are built incrementally (``stories.merge`` decides,
``store.stories`` persists). A gold unit is
(document, gold story); its predicted stories are the stories of that document's events of the
same type family. Scores are pairwise over units of different documents: a pair is a predicted
merge when their predicted stories intersect, a gold merge when they share the gold story.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from ..errors import Errors
from ..model import PLOVER_TYPES, Document
from ..store import Store
from ..stories.merge import StoryIndex, load_config, to_event_row


def read_dedupe_gold(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Gold documents with their ``stories`` (lines without text or stories are skipped)."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if not isinstance(record.get("text"), str):
                continue
            stories = record.get("stories")
            if stories is None and record.get("story"):
                stories = [record["story"]] if isinstance(record["story"], dict) else [
                    {"id": record["story"], "type": record.get("type")}
                ]
            record["stories"] = stories or []
            records.append(record)
            if limit is not None and len(records) >= limit:
                break
    return records


def _ingest(adocs: list[Any], folder: Path) -> tuple[list[dict[str, Any]], str]:
    """Store the coded documents one by one (as ``eventscope ingest`` does); returns the story
    members (``story_id``, ``doc_id``, ``type``, ``event_id``) and the ingestion path ("store")."""
    store = Store(folder / "dedupe.duckdb")
    try:
        for adoc in adocs:
            result = store.write([adoc])
            if result.get("warnings"):
                raise RuntimeError(Errors.E039.format(what="storing the dedupe gold", detail="; ".join(result["warnings"])))
        members = store.story_memberships()
    finally:
        store.close()
    return members, "store"


def pairwise_scores(units: list[tuple[str, str, set[str]]]) -> dict[str, Any]:
    """Pairwise merge precision/recall over (doc id, gold story, predicted stories) units.

    RETURNS (dict): tp, fp, fn, precision, recall, f1 (pairs of units of different documents).
    """
    tp = fp = fn = 0
    for (doc_a, gold_a, pred_a), (doc_b, gold_b, pred_b) in itertools.combinations(units, 2):
        if doc_a == doc_b:
            continue
        same_gold = gold_a == gold_b
        same_pred = bool(pred_a & pred_b)
        if same_pred and same_gold:
            tp += 1
        elif same_pred:
            fp += 1
        elif same_gold:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4)}


def synthetic_rows(n_events: int, seed: int = 7) -> list[dict[str, Any]]:
    """Synthetic event rows: a year, 16 types, 60 countries, places worldwide; about a third are
    repeated reports of an earlier event (same dyad, a few km away, date ± 1 day)."""
    rng = random.Random(seed)
    types = list(PLOVER_TYPES)
    countries = [f"C{i:02d}" for i in range(60)]
    base: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for i in range(n_events):
        if base and rng.random() < 0.35:
            src = rng.choice(base)
            day = int(src["date"][-2:])
            row = dict(src, event_id=f"e{i}", doc_id=f"d{i}", lat=src["lat"] + rng.uniform(-0.05, 0.05),
                       date=src["date"][:-2] + f"{min(28, max(1, day + rng.choice((-1, 0, 1)))):02d}")
        else:
            row = {
                "event_id": f"e{i}", "doc_id": f"d{i}", "type": rng.choice(types),
                "source_country": rng.choice(countries), "source_sector": rng.choice(["GOV", "MIL", None]),
                "target_country": rng.choice(countries), "lat": rng.uniform(-40, 60),
                "lon": rng.uniform(-20, 120), "admin1": None, "country": None,
                "date": f"2024-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}",
                "date_precision": "day", "modality": "asserted",
            }
            base.append(row)
        rows.append(row)
    return rows


def merge_cost(n_events: int = 10_000, seed: int = 7) -> dict[str, Any]:
    """Time to place ``n_events`` synthetic events into stories (the blocking keeps it near-linear).

    Rows come from ``synthetic_rows``; this times the in-memory assignment alone.
    RETURNS (dict): events, seconds, seconds_per_10k, comparisons_per_event, stories.
    """
    config = load_config()
    rows = synthetic_rows(n_events, seed)
    index = StoryIndex(config)
    started = time.perf_counter()
    stories = 0
    for raw in rows:
        row = to_event_row(raw, config)
        story, score = index.best_story(row)
        if story is None or score < config.min_score:
            story = row.event_id
            stories += 1
        index.add(row, story)
    seconds = time.perf_counter() - started
    return {
        "events": n_events, "seconds": round(seconds, 3),
        "seconds_per_10k": round(seconds * 10_000 / n_events, 3),
        "comparisons_per_event": round(index.comparisons / n_events, 2), "stories": stories,
    }


def available_stages() -> tuple[tuple[str, ...], list[str]]:
    """The default stages that can be built here, and those that cannot (not installed yet)."""
    from ..pipeline import available_stages as available

    return available()


def store_merge_cost(n_events: int = 10_000, batch: int = 500, seed: int = 7) -> dict[str, Any]:
    """Time story merging in a store (``Store.update_stories``), ``batch`` events per call (the
    cost ``eventscope ingest`` pays per write, SQL reads and story rewrites included; inserting
    the events themselves is not counted).

    RETURNS (dict): events, batch, seconds, seconds_per_10k, stories.
    """
    rows = synthetic_rows(n_events, seed)
    columns = ("event_id", "doc_id", "type", "source_country", "source_sector", "target_country",
               "lat", "lon", "date", "date_precision", "modality")
    store = Store(":memory:")
    seconds = 0.0
    try:
        for i in range(0, len(rows), batch):
            chunk = rows[i:i + batch]
            store.insert_rows("events", [
                {**{c: r.get(c) for c in columns}, "seq": 0, "date": dt.date.fromisoformat(r["date"])} for r in chunk
            ])
            started = time.perf_counter()
            store.update_stories([r["event_id"] for r in chunk])
            seconds += time.perf_counter() - started
        stories = len({m["story_id"] for m in store.story_memberships()})
    finally:
        store.close()
    return {"events": n_events, "batch": batch, "seconds": round(seconds, 2),
            "seconds_per_10k": round(seconds * 10_000 / n_events, 2), "stories": stories}


def code_and_merge(records: list[dict[str, Any]]) -> tuple[list[Any], dict[str, list[dict[str, Any]]], str, list[str]]:
    """Code documents (``id``, ``text``, ``date``) with the pipeline and ingest them one by one.

    RETURNS (tuple): analysed documents; story members by doc id (``story_id``, ``doc_id``,
        ``type``, ``event_id``); the ingestion path; the stages that could not be built.
    """
    from ..pipeline import get_pipeline

    documents = [Document(text=g["text"], id=str(g["id"]), date=g.get("date")) for g in records]
    stages, missing = available_stages()
    adocs = list(get_pipeline(stages).pipe(documents))
    with tempfile.TemporaryDirectory() as tmp:
        members, route = _ingest(adocs, Path(tmp))
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for m in members:
        by_doc.setdefault(m["doc_id"], []).append(m)
    return adocs, by_doc, route, missing


def evaluate(path: Path, verbose: bool = False, limit: int | None = None) -> dict[str, Any]:
    """Code the gold documents, merge their events into stories, and score the merges.

    path (Path): gold JSONL (see the module docstring).
    verbose (bool): print each document's events and stories.
    limit (int | None): score only the first ``limit`` documents.
    RETURNS (dict): pairwise precision/recall/f1 of merges, units found, gold stories recovered
        exactly, the ingestion path, and the merge cost per 10k synthetic events.
    """
    gold = read_dedupe_gold(Path(path), limit)
    adocs, by_doc, route, missing = code_and_merge(gold)
    config = load_config()
    units: list[tuple[str, str, set[str]]] = []
    found = 0
    for g in gold:
        for story in g["stories"]:
            family = config.family(story.get("type"))
            predicted = {
                m["story_id"] for m in by_doc.get(str(g["id"]), [])
                if story.get("type") is None or config.family(m["type"]) == family
            }
            found += bool(predicted)
            units.append((str(g["id"]), str(story["id"]), predicted))
    scores = pairwise_scores(units)
    gold_ids = sorted({u[1] for u in units})
    exact = 0
    for story_id in gold_ids:
        mine = [u[2] for u in units if u[1] == story_id]
        others = set().union(*(u[2] for u in units if u[1] != story_id))
        if mine and set.intersection(*mine) - others:
            exact += 1
    if verbose:
        for adoc in adocs:
            print(f"# {adoc.document.id}")
            for e in adoc.events:
                loc = e.location.name if e.location else None
                print(f"  {e.id} {e.type} {e.source.name if e.source else None} -> "
                      f"{e.target.name if e.target else None} @ {loc} {e.date} follow_up={e.follow_up}")
            for m in by_doc.get(str(adoc.document.id), []):
                print(f"  story {m['story_id']} <- {m['event_id']} {m['type']}")
    return {
        "task": "dedupe",
        "documents": len(gold),
        "units": len(units),
        "units_with_events": found,
        "gold_stories": len(gold_ids),
        "gold_stories_recovered_exactly": exact,
        "merge_pairs": scores,
        "precision": scores["precision"],
        "recall": scores["recall"],
        "f1": scores["f1"],
        "ingest_path": route,
        "stages_missing": missing,
        "merge_cost": merge_cost(),
        "store_merge_cost": store_merge_cost(),
    }
