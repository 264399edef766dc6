"""``eventscope eval``: one scorer module per task, chosen by name or by the gold file's shape."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from ..errors import Errors

TASK_MODULES: dict[str, str] = {
    "events": "eventscope.evaluation.events",
    "actors": "eventscope.evaluation.actors",
    "geo": "eventscope.evaluation.geo",
    "dates": "eventscope.evaluation.dates",
    "dedupe": "eventscope.evaluation.dedupe",
    "sides": "eventscope.evaluation.sides",
}


def read_gold(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The records of a gold JSONL file (blank lines skipped), at most ``limit`` of them."""
    records: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                records.append(json.loads(line))
                if limit is not None and len(records) >= limit:
                    break
    return records


def detect_task(path: Path) -> str | None:
    """Guess the task from the first record's keys (the formats of ../shared/data)."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if "expect" in record:
                return "actors"
            if "side_a" in record:
                return "sides"
            if "events" in record:
                return "events"
            if "toponyms" in record or "verb" in record or "gold_location" in record:
                return "geo"
            if "event_date" in record:
                return "dates"
            if "story" in record or "stories" in record:
                return "dedupe"
            return None
    return None


def evaluate(path: str | Path, task: str | None = None, verbose: bool = False,
             limit: int | None = None) -> dict[str, Any]:
    """Score the project against one gold file; returns the metrics as a dict."""
    path = Path(path)
    task = task or detect_task(path)
    if task not in TASK_MODULES:
        raise ValueError(Errors.E031.format(task=task, choices=", ".join(TASK_MODULES)))
    module = importlib.import_module(TASK_MODULES[task])
    metrics = module.evaluate(path, verbose=verbose, limit=limit)
    metrics.setdefault("task", task)
    metrics.setdefault("file", str(path))
    return metrics
