"""The dates scorer on a gold file we write, and on the shared dev set."""

from __future__ import annotations

import json

import pytest

from eventscope.evaluation.dates import evaluate

pytestmark = pytest.mark.slow


def test_exact_day_on_own_notes(tmp_path, nlp):
    rows = [
        {"id": "a", "text": "His body was found on 3 August 2014.", "date": None, "event_date": "2014-08-03",
         "meta": {"has_date_expression": True, "has_absolute_day": True}},
        {"id": "b", "text": "Killed by soldiers. Israel held the body until 8 April 2023.", "date": None,
         "event_date": "2023-03-01", "meta": {"has_date_expression": True, "has_absolute_day": True}},
        {"id": "c", "text": "Shot during clashes on Tuesday.", "date": "2025-03-20", "event_date": "2025-03-18",
         "meta": {"has_date_expression": True, "has_absolute_day": False}},
    ]
    gold = tmp_path / "notes.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    m = evaluate(gold)
    assert m["notes"] == 3
    assert m["exact_day_accuracy_all"] == pytest.approx(2 / 3, abs=1e-3)
    assert m["dated"] == 2 and m["dated_precision"] == 1.0  # note b stays undated, not misdated


def test_dev_set_runs(shared_dir):
    m = evaluate(shared_dir / "data" / "dates" / "btselem-notes-dev.jsonl", limit=100)
    assert m["notes"] == 100
    assert m["dated_precision"] is None or m["dated_precision"] >= 0.8
