"""The dates scorer on a gold file we write, and on the shared dev set."""

from __future__ import annotations

import json

import pytest

from eventscope.evaluation.dates import evaluate



@pytest.mark.slow
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
    assert (m["n_explicit"], m["n_relative"]) == (2, 1)  # the meta decides when a record has it
    assert m["exact_day_accuracy_explicit"] == pytest.approx(0.5) and m["exact_day_accuracy_relative"] == 1.0


@pytest.mark.slow
def test_dev_set_runs(shared_dir):
    m = evaluate(shared_dir / "data" / "dates" / "btselem-notes-dev.jsonl", limit=100)
    assert m["notes"] == 100
    assert m["dated_precision"] is None or m["dated_precision"] >= 0.8


@pytest.mark.parametrize("text, gold, explicit", [
    ("On 3 May 2021, gunmen stormed a post.", "2021-05-03", True),
    ("Rebels attacked Gao on May 3rd, 2021.", "2021-05-03", True),
    ("On 5/3/2021 a gunman fired at a rally in Ohio.", "2021-05-03", True),
    ("On 3/5/2021, gunmen shot a councillor in Tumaco.", "2021-05-03", True),
    ("2021-05-03: Rebels ambushed a convoy.", "2021-05-03", True),
    ("Overnight on 2-3 May 2021, drones struck a depot.", "2021-05-02", True),
    ("3-May-2021 | militants fired mortars.", "2021-05-03", True),
    ("KABUL, May 6 (EVS) - Fighters attacked a checkpoint on Tuesday.", "2021-05-04", False),
    ("Bandits killed ten herders on the 5th, a leader said.", "2022-09-05", False),
    ("Troops shelled the town on 13 May.", "2021-05-03", False),
    ("Troops shelled the town last week.", None, False),
])
def test_a_note_writes_the_day_or_leaves_it_to_be_counted(text, gold, explicit):
    from eventscope.evaluation.dates import writes_the_day

    assert writes_the_day(text, gold) is explicit
