"""The actor-case scorer: strict and non-null accuracies, on a tiny gold file and the NGEC cases."""

from __future__ import annotations

import json

import pytest

from eventscope.evaluation.actors import evaluate


def test_scores_a_small_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "1", "text": "Kenyan police", "expect": {"country": "KEN", "sector": "COP"}},
        {"id": "2", "text": "soldiers", "expect": {"country": None, "sector": "MIL"}},
        {"id": "3", "text": "Hezbollah", "expect": {"country": "SYR", "name": "Hezbollah"}},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = evaluate(gold)
    assert out["cases"] == 3
    assert out["country_n"] == 3 and out["country_n_non_null"] == 2
    assert out["country_accuracy"] == pytest.approx(2 / 3, abs=1e-3)  # Hezbollah is LBN
    assert out["country_accuracy_non_null"] == pytest.approx(0.5)
    assert out["sector_accuracy"] == 1.0
    assert out["name_accuracy"] == 1.0
    assert evaluate(gold, limit=1)["cases"] == 1


def test_ngec_cases_meet_targets(shared_dir):
    out = evaluate(shared_dir / "data" / "actors" / "ngec-actor-cases.jsonl")
    assert out["country_accuracy"] >= 0.90
    assert out["sector_accuracy"] >= 0.85
