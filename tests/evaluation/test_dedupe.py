"""The dedupe scorer: pairwise merge metrics, gold reading, cost, and an end-to-end run."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventscope.evaluation import detect_task
from eventscope.evaluation.dedupe import code_and_merge, evaluate, merge_cost, pairwise_scores, read_dedupe_gold

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "dedupe-gold.jsonl"


def test_gold_fixture_is_detected_and_read():
    assert detect_task(GOLD) == "dedupe"
    gold = read_dedupe_gold(GOLD)
    assert len(gold) >= 10
    stories = [s["id"] for g in gold for s in g["stories"]]
    assert stories.count("S1") == 3  # three tellings of one strike
    assert read_dedupe_gold(GOLD, limit=2)[1]["id"] == gold[1]["id"]


def test_pairwise_scores():
    units = [("d1", "S1", {"x"}), ("d2", "S1", {"x"}), ("d3", "S1", {"y"}), ("d4", "S2", {"x"})]
    scores = pairwise_scores(units)
    # gold pairs: (1,2) (1,3) (2,3); predicted: (1,2) (1,4) (2,4)
    assert (scores["tp"], scores["fp"], scores["fn"]) == (1, 2, 2)
    assert scores["precision"] == pytest.approx(1 / 3, abs=1e-3)
    assert scores["recall"] == pytest.approx(1 / 3, abs=1e-3)


def test_merge_cost_is_reported():
    cost = merge_cost(2000)
    assert cost["events"] == 2000 and cost["seconds"] >= 0
    assert cost["comparisons_per_event"] < 20


@pytest.mark.slow
def test_three_reports_merge_and_another_city_stays_apart():
    """The issue's target, end to end: three wordings of one strike give one story with three
    sources; a strike on another city the same day is another story."""
    gold = {g["id"]: g for g in read_dedupe_gold(GOLD)}
    records = [gold[i] for i in ("kharkiv-a", "kharkiv-b", "kharkiv-c", "odesa-a")]
    _, by_doc, _, _ = code_and_merge(records)
    stories = {doc: {m["story_id"] for m in members if m["type"] == "ASSAULT"} for doc, members in by_doc.items()}
    shared = stories["kharkiv-a"] & stories["kharkiv-b"] & stories["kharkiv-c"]
    assert shared, stories
    assert not (stories["odesa-a"] & (stories["kharkiv-a"] | stories["kharkiv-b"] | stories["kharkiv-c"]))


@pytest.mark.slow
def test_evaluate_reports_pairwise_scores():
    metrics = evaluate(GOLD, limit=4)
    assert metrics["units"] == 4 and metrics["documents"] == 4
    assert 0.0 <= metrics["precision"] <= 1.0 and 0.0 <= metrics["recall"] <= 1.0
    assert {"merge_pairs", "merge_cost", "store_merge_cost", "gold_stories_recovered_exactly"} <= set(metrics)
