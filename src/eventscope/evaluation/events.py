"""``eventscope eval GOLD.jsonl --task events``: event type, count and actor agreement.

Why: event coders are judged on the type of the act each sentence reports, on not inventing
events (events per sentence against gold), and on who did it to whom. The whole pipeline runs on
each gold sentence (batched, with the record's date), exactly as ``eventscope code`` would.

Scoring rules: the *top* event is the predicted event with the highest confidence. PLV's YIELD is
correct when the system says CONCEDE or RETREAT. Gold events whose PLOVER type is null (CAMEO
01/02, which PLOVER dropped) are scored on the CAMEO root only. A record with no gold event
expects no event ("NONE").
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..model import AnalyzedDocument, Document, Event
from . import read_gold

YIELD = {"CONCEDE", "RETREAT"}


def _pipeline():
    """The full pipeline; falls back to the stages that are installed (reported in the metrics)."""
    from ..pipeline import DEFAULT_STAGES, Pipeline, PipelineConfig, get_pipeline

    try:
        return get_pipeline(), list(DEFAULT_STAGES)
    except Exception:  # noqa: BLE001 - a parallel stage may not be ready yet
        stages: list[str] = []
        for name in DEFAULT_STAGES:
            try:
                Pipeline(PipelineConfig(stages=tuple(stages + [name])))
                stages.append(name)
            except Exception:  # noqa: BLE001
                continue
        return Pipeline(PipelineConfig(stages=tuple(stages))), stages


def gold_label(record: dict[str, Any]) -> str | None:
    """The record's top gold type: "NONE" when no event is expected, None when CAMEO-only."""
    events = record.get("events") or []
    if not events:
        return "NONE"
    types = [e.get("type") for e in events if e.get("type")]
    if not types:
        return None
    return Counter(types).most_common(1)[0][0]


def top_event(events: list[Event]) -> Event | None:
    """The predicted event with the highest confidence (first on ties)."""
    live = [e for e in events if not e.follow_up]
    if not live:
        return None
    return max(live, key=lambda e: e.confidence)


def _norm_pred(pred: str, gold: str, yield_in_gold: bool) -> str:
    if pred in YIELD and (gold == "YIELD" or yield_in_gold):
        return "YIELD"
    return pred


def macro_f1(pairs: list[tuple[str, str]], labels: list[str]) -> tuple[float, dict[str, dict[str, float]]]:
    """Macro-averaged F1 over ``labels`` (the gold labels), with per-label precision/recall/F1."""
    per: dict[str, dict[str, float]] = {}
    f1s: list[float] = []
    for lab in labels:
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        fp = sum(1 for g, p in pairs if g != lab and p == lab)
        fn = sum(1 for g, p in pairs if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        f1s.append(f1)
        per[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": tp + fn}
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    return macro, per


def _span_agrees(gold: dict[str, Any] | None, pred: Any) -> bool | None:
    """Overlap of a gold actor span with a predicted ActorRef; None when gold has no span."""
    if not gold or not gold.get("text"):
        return None
    if pred is None:
        return False
    if gold.get("start") is not None and pred.start is not None and pred.end is not None:
        return pred.start < gold["end"] and gold["start"] < pred.end
    g = gold["text"].lower()
    p = (pred.text or "").lower()
    return bool(p) and (p in g or g in p)


def evaluate(path: Path, verbose: bool = False, limit: int | None = None,
             pipeline: Any = None) -> dict[str, Any]:
    """Score the pipeline's events against a gold events file.

    path (Path): gold JSONL (``../shared/data/events/*.jsonl`` format).
    verbose (bool): add a confusion matrix and the first mistakes.
    limit (int | None): score only the first N records.
    pipeline (Pipeline | None): a pipeline to score instead of the process-wide full one.
    RETURNS (dict): metrics (accuracy, macro_f1, events_per_sentence, gold_events_per_sentence,
        source/target span and country agreement, per-label scores, timing).
    """
    path = Path(path)
    records = read_gold(path, limit)
    if pipeline is None:
        pipeline, stages = _pipeline()
    else:
        stages = list(pipeline.stage_names)
    docs = [Document(text=r["text"], id=str(r.get("id")), date=r.get("date")) for r in records]
    started = time.perf_counter()
    adocs: list[AnalyzedDocument] = list(pipeline.pipe(docs))
    seconds = time.perf_counter() - started
    yield_in_gold = any(gold_label(r) == "YIELD" for r in records)

    pairs: list[tuple[str, str]] = []
    cameo_hits = cameo_total = 0
    n_pred = n_gold = 0
    agree: dict[str, list[bool]] = defaultdict(list)
    mistakes: list[dict[str, Any]] = []
    for rec, adoc in zip(records, adocs):
        events = [e for e in adoc.events if not e.follow_up]
        n_pred += len(events)
        n_gold += len(rec.get("events") or [])
        top = top_event(events)
        gold = gold_label(rec)
        if gold is None:  # CAMEO-only gold
            cameo_total += 1
            codes = {str(e.get("cameo"))[:2] for e in rec["events"] if e.get("cameo")}
            cameo_hits += int(top is not None and (top.cameo or "")[:2] in codes)
            continue
        pred = _norm_pred(top.type, gold, yield_in_gold) if top else "NONE"
        pairs.append((gold, pred))
        if pred != gold and verbose and len(mistakes) < 60:
            mistakes.append({"id": rec.get("id"), "gold": gold, "pred": pred, "text": rec["text"][:200]})
        if gold == "NONE":
            continue
        g_ev = next((e for e in rec["events"] if e.get("type") == gold), rec["events"][0])
        for side in ("source", "target"):
            g = g_ev.get(side)
            p = getattr(top, side) if top else None
            ok = _span_agrees(g, p)
            if ok is not None:
                agree[f"{side}_span"].append(ok)
            if g and g.get("country"):
                agree[f"{side}_country"].append(bool(p is not None and p.country == g["country"]))

    labels = sorted({g for g, _ in pairs})
    macro, per = macro_f1(pairs, labels)
    acc = sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0
    n = len(records) or 1
    events_stage = next((s for s in pipeline.stages if s.name == "events"), None)
    metrics: dict[str, Any] = {
        "records": len(records),
        "scored": len(pairs),
        "accuracy": round(acc, 4),
        "macro_f1": round(macro, 4),
        "events_per_sentence": round(n_pred / n, 4),
        "gold_events_per_sentence": round(n_gold / n, 4),
        "events_ratio": round(n_pred / n_gold, 4) if n_gold else None,
        "per_label": per,
        "stages": stages,
        "seconds": round(seconds, 2),
        "sentences_per_second": round(len(records) / seconds, 1) if seconds else None,
        "stage_seconds": {k: round(v, 2) for k, v in pipeline.timings.items()},
    }
    if events_stage is not None:
        metrics["classified_sentences"] = getattr(events_stage, "sentences_classified", None)
    for key, vals in sorted(agree.items()):
        metrics[f"{key}_agreement"] = round(sum(vals) / len(vals), 4) if vals else None
        metrics[f"{key}_n"] = len(vals)
    if cameo_total:
        metrics["cameo_only_records"] = cameo_total
        metrics["cameo_root_accuracy"] = round(cameo_hits / cameo_total, 4)
    if verbose:
        confusion: dict[str, dict[str, int]] = {}
        for g, p in pairs:
            confusion.setdefault(g, {}).setdefault(p, 0)
            confusion[g][p] += 1
        metrics["confusion"] = confusion
        metrics["top_confusions"] = Counter(f"{g}->{p}" for g, p in pairs if g != p).most_common(15)
        metrics["mistakes"] = mistakes
    return metrics
