"""The events scorer: label rules and metrics on hand-made records, then on real gold (slow)."""

from __future__ import annotations

import pytest

from eventscope.evaluation.events import _norm_pred, evaluate, gold_label, macro_f1


def test_gold_label_rules():
    assert gold_label({"events": []}) == "NONE"
    assert gold_label({"events": [{"type": None, "cameo": "010"}]}) is None
    assert gold_label({"events": [{"type": "ASSAULT"}, {"type": "ASSAULT"}, {"type": "ACCUSE"}]}) == "ASSAULT"


def test_yield_accepts_concede_or_retreat():
    assert _norm_pred("RETREAT", "YIELD", True) == "YIELD"
    assert _norm_pred("CONCEDE", "ACCUSE", True) == "YIELD"
    assert _norm_pred("CONCEDE", "CONCEDE", False) == "CONCEDE"


def test_macro_f1():
    pairs = [("A", "A"), ("A", "B"), ("B", "B"), ("B", "B")]
    macro, per = macro_f1(pairs, ["A", "B"])
    assert per["A"]["precision"] == 1.0 and per["A"]["recall"] == 0.5
    assert per["B"]["f1"] == pytest.approx(0.8)
    assert macro == pytest.approx((2 / 3 + 0.8) / 2)


@pytest.mark.slow
def test_evaluate_on_gsr_sample(shared_dir):
    metrics = evaluate(shared_dir / "data" / "events" / "plover-gsr.jsonl", verbose=True, limit=12)
    assert metrics["records"] == 12
    assert 0.0 <= metrics["macro_f1"] <= 1.0
    assert metrics["events_per_sentence"] >= 0
    assert "confusion" in metrics and metrics["scored"] > 0
