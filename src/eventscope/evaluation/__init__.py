"""``eventscope eval``: one scorer module per task, chosen by name or by the gold file's shape."""

from __future__ import annotations

import importlib
import inspect
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
    "documents": "eventscope.evaluation.documents",
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
    """Guess the task from the first record's keys (the formats of ../shared/data; a folder is
    the document-level gold, ``gold/documents/``)."""
    if path.is_dir():
        return "documents"
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if "expect" in record:
                return "actors"
            if "side_a" in record:
                return "sides"
            if "text_sha256" in record or "not_story" in record:
                return "documents"
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
             limit: int | None = None, **options: Any) -> dict[str, Any]:
    """Score the project against one gold file; returns the metrics as a dict.

    options: task-specific keyword arguments (``split`` for ``documents``), passed on when given.
    """
    path = Path(path)
    task = task or detect_task(path)
    if task not in TASK_MODULES:
        raise ValueError(Errors.E031.format(task=task, choices=", ".join(TASK_MODULES)))
    module = importlib.import_module(TASK_MODULES[task])
    options = {k: v for k, v in options.items() if v is not None}
    unknown = sorted(set(options) - set(inspect.signature(module.evaluate).parameters))
    if unknown:
        raise ValueError(f"option(s) {', '.join(unknown)} do not apply to task '{task}'")
    metrics = module.evaluate(path, verbose=verbose, limit=limit, **options)
    metrics.setdefault("task", task)
    metrics.setdefault("file", str(path))
    return metrics
