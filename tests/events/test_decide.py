"""The event/no-event decision: its data files, the model arithmetic, the choice of events, and
coded political sources only (with the raw candidates kept on request)."""

from __future__ import annotations

import json
import math

import pytest

from eventscope.events.decide import FEATURES, BoostedTrees, DecisionModel, decision_cues, get_decision_model
from eventscope.events.stage import _context_features, _Salience, choose
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


def test_a_trigger_word_s_rate_is_smoothed_toward_the_overall_share():
    from eventscope.events.decide import word_rates

    rates, prior = word_rates(["killed", "killed", "killed", "says", "says", "held"], [1, 1, 1, 0, 0, 1], smoothing=2.0)
    assert prior == pytest.approx(4 / 6)
    assert rates["killed"] == pytest.approx((3 + 2 * prior) / (3 + 2))
    assert rates["says"] == pytest.approx((0 + 2 * prior) / (2 + 2))
    assert rates["killed"] > rates["held"] > rates["says"]  # one sighting counts less than three


def test_the_model_reads_a_trigger_word_s_rate_from_its_own_table():
    from eventscope.events.decide import WORD_RATE, trigger_word

    spec = {"features": ["a", WORD_RATE], "mean": [0.0, 0.0], "scale": [1.0, 1.0], "coef": [0.0, 4.0],
            "intercept": -2.0, "platt": {"a": 1.0, "b": 0.0}, "threshold": 0.5,
            "word_rates": {"killed": 0.9, "says": 0.1}, "word_prior": 0.5}
    model = DecisionModel(spec)
    p_killed, p_says, p_new = model.probability([{"a": 0.0}] * 3, ["killed", "says", "unseen"])
    assert p_killed > p_new > p_says
    assert p_new == pytest.approx(0.5)  # an unseen word counts at the overall share: 4 x 0.5 - 2 = 0
    ev = _ev("ASSAULT", 0)
    ev.trigger = Span(text="Conducted 11 strikes", start=0, end=20)
    assert trigger_word(ev) == "conducted"


# One stump and one two-level tree over features (a, b): node 0 is the root; ``x <= threshold`` goes left.
TREES = {"baseline": -0.5, "trees": [
    {"feature": [0, 0, 0], "threshold": [0.5, 0.0, 0.0], "left": [1, 0, 0], "right": [2, 0, 0],
     "value": [0.0, -1.0, 1.0], "leaf": [0, 1, 1]},
    {"feature": [1, 0, 0, 0, 0], "threshold": [2.0, 0.25, 0.0, 0.0, 0.0], "left": [1, 3, 0, 0, 0],
     "right": [2, 4, 0, 0, 0], "value": [0.0, 0.0, 0.75, -0.25, 0.5], "leaf": [0, 0, 1, 1, 1]},
]}


def test_boosted_trees_add_one_leaf_per_tree():
    trees = BoostedTrees(TREES)
    x = [[0.2, 1.0], [0.2, 2.0], [0.9, 1.0], [0.3, 5.0], [0.5, 0.0]]
    import numpy as np

    scores = trees.score(np.asarray(x))
    # row by row: baseline + stump (a <= 0.5 ? -1 : 1) + tree (b <= 2 ? (a <= 0.25 ? -0.25 : 0.5) : 0.75)
    assert scores.tolist() == pytest.approx([-1.75, -1.75, 1.0, -0.75, -1.0])


def test_blended_model_gives_the_expected_probability():
    spec = {"features": ["a", "b"], "mean": [0.0, 0.0], "scale": [1.0, 1.0], "coef": [1.0, 0.0],
            "intercept": 0.0, "blend": {"linear_weight": 2.0, "tree_weight": 0.5}, "trees": TREES,
            "platt": {"a": 1.0, "b": 0.1}, "threshold": 0.5}
    model = DecisionModel(spec)
    (p,) = model.probability([{"a": 0.9, "b": 1.0}])
    score = 2.0 * 0.9 + 0.5 * 1.0  # linear 0.9, trees -0.5 + 1 + 0.5
    assert p == pytest.approx(1 / (1 + math.exp(-(score + 0.1))))
    rows = [{"a": v / 10, "b": v / 3} for v in range(10)]
    assert model.probability(rows).tolist() == model.probability(rows).tolist()  # deterministic
    no_trees = DecisionModel({**spec, "trees": None})
    assert no_trees.probability([{"a": 0.9}])[0] == pytest.approx(1 / (1 + math.exp(-(1.8 + 0.1))))


def test_packaged_trees_score_every_row():
    model = get_decision_model()
    import numpy as np

    rows = [{name: (k * 7 + i) % 5 / 4 for i, name in enumerate(FEATURES)} for k in range(20)]
    probs = model.probability(rows)
    assert probs.shape == (20,) and np.all((probs > 0) & (probs < 1))
    assert np.array_equal(probs, model.probability(rows))
    if model.trees is not None:
        assert model.tree_weight > 0 and len(model.trees.trees) > 0


def test_context_features_rank_a_reading_among_its_rivals():
    class Doc:  # the salience needs only mentions and actors
        mentions = [type("M", (), {"actor": a})() for a in ("A1", "A1", "A1", "A2", None)]
        actors = [type("A", (), {"id": "A1", "country": "KEN", "sector": None})(),
                  type("A", (), {"id": "A2", "country": None, "sector": None})()]

    salience = _Salience(Doc())
    ev = _ev("COERCE", 0)
    ev._role_p = (0.8, 0.1)
    top = _context_features(ev, None, [0.6, 0.3], 0.6, salience, 2, ev.source)
    second = _context_features(ev, None, [0.6, 0.3], 0.3, salience, 2, None)
    assert top["trigger_rank"] == 0.0 and second["trigger_rank"] > 0
    assert top["trigger_margin"] == pytest.approx(0.3) and second["trigger_margin"] == pytest.approx(-0.3)
    assert top["role_source_p"] == 0.8 and top["source_salience"] == 1.0
    assert top["parse_source_agrees"] == 1.0 and second["parse_source_agrees"] == 0.0
    assert set(top) <= set(FEATURES)


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


def test_choose_keeps_one_act_of_a_type_per_sentence():
    # "conducted 15 strikes using attack, bomber and fighter aircraft": two ASSAULT readings, one act
    raw = [_ev("ASSAULT", 0), _ev("ASSAULT", 10), _ev("ACCUSE", 20), _ev("ASSAULT", 30, sentence=1)]
    kept = choose(raw, [0.7, 0.8, 0.6, 0.5], threshold=0.3)
    assert [(e.type, e.sentence, e.confidence) for e in kept] == [
        ("ASSAULT", 0, 0.8), ("ACCUSE", 0, 0.6), ("ASSAULT", 1, 0.5)]


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


def test_a_thing_in_the_target_slot_is_no_target():
    from eventscope.events.stage import actor_targets

    def with_target(text, country=None, sector=None):
        ev = _ev("ASSAULT", 0)
        ev.target = ActorRef(actor=None, text=text, name=text, country=country, sector=sector)
        return ev

    events = [with_target("positions near the border"), with_target("five men"), with_target("Sabboura"),
              with_target("470"), with_target("the villagers", sector="CVL"), with_target("the violence"),
              with_target("GPS signals"), with_target("man-made islands"), with_target("Tribal Elders"),
              with_target("foreign-funded groups")]
    kept = [ev.target.text if ev.target else None for ev in actor_targets(events)]
    # a capitalised first word ("GPS") names no actor when the head word is a common noun; a
    # people word inside a compound word ("man-made") makes no people; groups are people
    assert kept == [None, "five men", "Sabboura", "470", "the villagers", None, None, None, "Tribal Elders",
                    "foreign-funded groups"]
    # a facility is what an attack or a raid is done to; for a statement it is a thing
    refinery = with_target("the gas refinery")
    praised = with_target("the gas refinery")
    praised.type = "SUPPORT"
    assert [ev.target.text if ev.target else None for ev in actor_targets([refinery, praised])] == ["the gas refinery", None]


def test_a_conditional_warning_is_marked_as_a_threat_feature():
    from types import SimpleNamespace

    from eventscope.events.decide import event_features

    cand = SimpleNamespace(types={"THREATEN"}, speech=False, generic=False, nominal=False, background=False,
                           depth=1, extra_tokens=[], trigger=SimpleNamespace(tag_="VBD"))
    iran = ActorRef(actor="A1", text="Iran", name="Iran", country="IRN", sector=None)

    def features(modality: str) -> dict:
        ev = Event(id="", type="THREATEN", source=iran, target=None, evidence=Span(text="…", start=0, end=10), modality=modality)
        return event_features(ev, cand, {"THREATEN": 0.6, "NONE": 0.2}, None, {}, {}, "state", 3)

    assert features("conditional")["conditional_threat"] == 1.0
    assert features("asserted")["conditional_threat"] == 0.0


def test_a_verb_in_the_simple_present_is_marked(nlp):
    from types import SimpleNamespace

    from eventscope.events.decide import event_features

    hospital = ActorRef(actor="A1", text="The hospital", name=None, country="SYR", sector="MED")

    def present(text: str, verb: str, nominal: bool = False) -> float:
        doc = nlp(text)
        cand = SimpleNamespace(types={"AID"}, speech=False, generic=False, nominal=nominal, background=False,
                               depth=0, extra_tokens=[], trigger=next(t for t in doc if t.lower_ == verb))
        ev = Event(id="", type="AID", source=hospital, target=None, evidence=Span(text=text, start=0, end=len(text)))
        return event_features(ev, cand, {"AID": 0.6, "NONE": 0.2}, None, {}, {}, "organization", 3)["present_simple"]

    assert present("The hospital provides medical services to patients.", "provides") == 1.0
    assert present("The hospital provided medical services to the wounded.", "provided") == 0.0
    assert present("The aid provides relief.", "aid", nominal=True) == 0.0
