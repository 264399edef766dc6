"""The conflict-headline scorer (``--task sides``) and its fixture of headlines written for the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventscope.evaluation import evaluate
from eventscope.evaluation.sides import family_of

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "actors" / "conflict-headlines.jsonl"


def test_families_of_sectors():
    assert family_of("MIL", "organization") == "state"
    assert family_of(None, "state") == "state"
    assert family_of("REB", "group") == "nonstate"
    assert family_of("OPP", "group") == "civilians"  # protesters are unarmed
    assert family_of(None, "group") is None


def test_fixture_is_well_formed():
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 60
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        for side in ("side_a", "side_b"):
            assert r[side]["family"] in ("state", "nonstate", "civilians"), r["id"]
            assert r[side]["country"] is None or len(r[side]["country"]) == 3, r["id"]


@pytest.mark.slow
def test_headline_sides_are_found():
    metrics = evaluate(FIXTURE, task="sides")
    assert metrics["headlines"] >= 60
    assert metrics["side_a_found"] >= 0.88
    assert metrics["side_b_found"] >= 0.65


def test_side_families_load_from_the_data_file_and_do_not_overlap():
    from eventscope.evaluation.sides import FAMILIES

    assert set(FAMILIES) == {"state", "nonstate", "civilians"}
    assert "MIL" in FAMILIES["state"] and "REB" in FAMILIES["nonstate"] and "OPP" in FAMILIES["civilians"]
    seen: set[str] = set()
    for sectors in FAMILIES.values():
        assert not seen & sectors
        seen |= sectors
