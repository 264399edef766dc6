"""The event/no-event decision: its data files, the model arithmetic, the choice of events, and
coded political sources only (with the raw candidates kept on request)."""

from __future__ import annotations

import json
import math

import pytest

from eventscope.events.decide import FEATURES, DecisionModel, decision_cues, get_decision_model
from eventscope.events.stage import choose
from eventscope.model import ActorRef, Event, Span


def test_cue_file_loads():
    cues = decision_cues()
    assert "analysts" in cues.opinion_sources and "percent" in cues.statistics and "could" in cues.hedges


def test_packaged_model_matches_the_features():
    model = get_decision_model()
    assert model is not None, "events/data/event_decision.json is missing (scripts/train_event_decision.py)"
    assert model.features == list(FEATURES)
    assert len(model.coef) == len(model.mean) == len(model.scale) == len(FEATURES)
    assert 0.0 < model.rule_threshold <= model.threshold < 1.0
    assert model.meta["documents"] > 0 and model.meta["candidates"] > model.meta["right"] > 0


def test_model_is_a_calibrated_logistic_score():
    spec = {"features": ["a", "b"], "mean": [0.0, 1.0], "scale": [1.0, 2.0], "coef": [2.0, -1.0],
            "intercept": 0.5, "platt": {"a": 0.5, "b": -0.25}, "threshold": 0.4}
    model = DecisionModel(spec)
    (p,) = model.probability([{"a": 1.0, "b": 3.0}])
    score = 2.0 * 1.0 - 1.0 * (3.0 - 1.0) / 2.0 + 0.5
    assert p == pytest.approx(1 / (1 + math.exp(-(0.5 * score - 0.25))))
    assert model.probability([{"a": 1.0}])[0] > model.probability([{"a": 1.0, "b": 9.0}])[0]
    assert model.rule_threshold == model.threshold == 0.4  # no rule threshold: the same bar


def _ev(etype, trigger, sentence=0, country="KEN", rule=False):
    src = ActorRef(actor="A1", text="police", name="Kenyan police", country=country, sector="COP" if country else None)
    ev = Event(id="", type=etype, source=src, target=None, evidence=Span("x", 0, 50),
               trigger=Span("t", trigger, trigger + 5), sentence=sentence)
    ev._rule = rule
    return ev


def test_choose_keeps_one_reading_per_trigger_above_its_bar():
    raw = [_ev("COERCE", 0), _ev("ASSAULT", 0), _ev("ACCUSE", 10, rule=True), _ev("PROTEST", 20)]
    kept = choose(raw, [0.6, 0.3, 0.25, 0.3], threshold=0.35, rule_threshold=0.2)
    assert sorted((e.type, e.confidence) for e in kept) == [("ACCUSE", 0.25), ("COERCE", 0.6)]
    # one threshold for all: the rules' pick needs the same bar
    assert [e.type for e in choose(raw, [0.6, 0.3, 0.25, 0.3], threshold=0.35)] == ["COERCE"]


def test_choose_emits_only_coded_sources_and_caps_a_sentence():
    raw = [_ev("COERCE", 0, country=None), _ev("ASSAULT", 10), _ev("ACCUSE", 20), _ev("REQUEST", 30),
           _ev("REJECT", 40)]
    kept = choose(raw, [0.9, 0.5, 0.6, 0.7, 0.8], threshold=0.3, max_per_sentence=3)
    assert [e.type for e in kept] == ["ACCUSE", "REQUEST", "REJECT"]  # the likeliest three, in text order
    everything = choose(raw, [0.9, 0.5, 0.6, 0.7, 0.8], threshold=0.3, coded_only=False, max_per_sentence=9)
    assert len(everything) == 5


def test_without_a_model_the_rules_picks_are_kept():
    raw = [_ev("COERCE", 0, rule=True), _ev("ASSAULT", 10)]
    assert [e.type for e in choose(raw, None, 0.0)] == ["COERCE"]


@pytest.mark.slow
def test_coded_events_by_default_and_candidates_on_request():
    from eventscope import analyze

    text = ("Kenyan police arrested the opposition leader in Nairobi on Friday. "
            "Analysts say the arrest could inflame tensions, and some residents want the curfew lifted.")
    plain = analyze(text, date="2024-05-03")
    assert plain.candidates == [] and "candidates" not in plain.to_contract()
    assert plain.events and all(e.source is not None and (e.source.country or e.source.sector) for e in plain.events)
    assert any(e.type == "COERCE" for e in plain.events)
    full = analyze(text, date="2024-05-03", include_candidates=True)
    assert len(full.candidates) >= len(full.events)
    assert {(e.type, e.trigger.start) for e in full.events} <= {(e.type, e.trigger.start) for e in full.candidates}
    assert all(0.0 <= e.confidence <= 1.0 for e in full.candidates)
    contract = json.loads(json.dumps(full.to_contract(), default=str))
    assert len(contract["candidates"]) == len(full.candidates)
