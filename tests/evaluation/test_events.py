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


@pytest.mark.slow
def test_evaluate_on_handwritten_gold(tmp_path):
    import json

    rows = [
        {"id": "a", "text": "Police in Lagos arrested twelve opposition activists on Monday.",
         "events": [{"type": "COERCE", "source": {"text": "Police in Lagos", "start": 0, "end": 15}, "target": None}]},
        {"id": "b", "text": "The old bridge is painted green and spans the river.", "events": []},
        {"id": "c", "text": "Chile's president visited Lima for talks with Peruvian officials.",
         "events": [{"type": "CONSULT", "source": {"text": "Chile's president"}, "target": {"text": "Lima"}}]},
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    metrics = evaluate(gold, verbose=True)
    assert metrics["records"] == 3 and metrics["scored"] == 3
    assert metrics["accuracy"] == 1.0, metrics["mistakes"]
    assert metrics["gold_events_per_sentence"] == pytest.approx(2 / 3, abs=1e-3)
    assert metrics["source_span_agreement"] == 1.0
