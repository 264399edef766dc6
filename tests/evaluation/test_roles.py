"""PLV's role rule (token overlap; a null gold role wants no role) and document event matching."""

from __future__ import annotations

from eventscope.evaluation.roles import (
    best_match, gold_span, match_document_events, role_agreement, side_correct, tokens_overlap,
)
from eventscope.model import ActorRef, Event, Span

TEXT = "Ukraine accused Russia of shelling a hospital in Kharkiv on Monday."


def _ref(start, end, country=None):
    return ActorRef(actor=None, text=TEXT[start:end], name=None, country=country, sector=None, start=start, end=end)


def _event(etype, source, target, trigger=(8, 15)):
    return Event(id="E1", type=etype, source=source, target=target, evidence=Span(TEXT, 0, len(TEXT)),
                 trigger=Span(TEXT[trigger[0]:trigger[1]], *trigger))


def test_tokens_overlap_needs_a_shared_word():
    assert tokens_overlap((0, 7), (0, 15), TEXT)
    assert not tokens_overlap((0, 7), (8, 15), TEXT)
    assert not tokens_overlap((0, 8), (7, 15), TEXT)  # only the space between them is shared


def test_gold_span_from_offsets_text_or_annotator_span():
    assert gold_span({"text": "Russia", "start": 16, "end": 22}, TEXT) == (16, 22)
    assert gold_span({"text": "Russia"}, TEXT) == (16, 22)
    assert gold_span({"span": [16, 22]}, TEXT) == (16, 22)
    assert gold_span({"text": "Belarus"}, TEXT) is None
    assert gold_span(None, TEXT) is None


def test_side_rules():
    russia = {"text": "Russia", "start": 16, "end": 22}
    assert side_correct(russia, _ref(16, 22), TEXT) is True
    assert side_correct(russia, _ref(0, 7), TEXT) is False
    assert side_correct(russia, None, TEXT) is False
    assert side_correct(None, None, TEXT) is True  # null gold: right only when nothing is predicted
    assert side_correct(None, _ref(16, 22), TEXT) is False
    # the annotators' implied, unnamed actor: nothing, or an actor of its country
    implied = {"span": None, "country": "RUS", "sector": "MIL"}
    assert side_correct(implied, None, TEXT) is True
    assert side_correct(implied, _ref(16, 22, "RUS"), TEXT) is True
    assert side_correct(implied, _ref(0, 7, "UKR"), TEXT) is False
    # codes only (PETR2)
    assert side_correct({"text": None, "code": "UKR", "country": "UKR"}, _ref(0, 7, "UKR"), TEXT) is True
    assert side_correct({"text": None, "code": "UKR", "country": "UKR"}, None, TEXT) is False


def test_best_match_counts_any_compound_pair():
    gold = [{"type": "ACCUSE", "source": {"text": "Ukraine"}, "target": {"text": "Kharkiv"}},
            {"type": "ACCUSE", "source": {"text": "Ukraine"}, "target": {"text": "Russia"}}]
    got = best_match(gold, _event("ACCUSE", _ref(0, 7), _ref(16, 22)), TEXT)
    assert got == {"type": True, "source": True, "target": True, "triple": True}
    got = best_match(gold, _event("ASSAULT", _ref(0, 7), _ref(16, 22)), TEXT)
    assert got["source"] and got["target"] and not got["type"] and not got["triple"]
    assert not any(best_match(gold, None, TEXT).values())


def test_yield_matches_concede_and_retreat():
    gold = [{"type": "YIELD", "source": None, "target": None}]
    assert best_match(gold, _event("RETREAT", None, None), TEXT)["triple"]
    assert not best_match(gold, _event("AGREE", None, None), TEXT)["type"]


def test_document_matching_by_trigger_then_sentence_and_type():
    gold = [
        {"trigger": [8, 15], "evidence": [0, len(TEXT)], "type": "ACCUSE",
         "source": {"span": [0, 7]}, "target": {"span": [16, 22]}, "repeat_of": None},
        {"trigger": [26, 34], "evidence": [0, len(TEXT)], "type": "ASSAULT",
         "source": {"span": [16, 22]}, "target": {"span": [37, 45]}, "repeat_of": None},
        {"trigger": [8, 15], "evidence": [0, len(TEXT)], "type": "ACCUSE",
         "source": {"span": [0, 7]}, "target": None, "repeat_of": 0},
    ]
    accuse = _event("ACCUSE", _ref(0, 7), _ref(16, 22))
    assault = _event("ASSAULT", _ref(0, 7), _ref(37, 45), trigger=(0, 0))  # anchored elsewhere, same type
    pairs = match_document_events(gold, [accuse, assault])
    assert [(g["type"], p.type) for g, p in pairs] == [("ACCUSE", "ACCUSE"), ("ASSAULT", "ASSAULT")]
    counts = role_agreement(pairs, TEXT)
    assert counts == {"matched": 2, "type": 2, "source": 1, "target": 2, "roles": 1}
