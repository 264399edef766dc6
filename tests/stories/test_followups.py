"""Follow-up detection on parsed sentences with hand-placed event triggers."""

from __future__ import annotations

import pytest

from eventscope.model import ActorRef, Event, Span
from eventscope.stories.followups import load_follow_up_cues, mark_follow_ups


def test_cue_file_loads():
    cues = load_follow_up_cues()
    assert ("in", "the", "wake", "of") in cues.after_phrases
    assert "week" in cues.temporal_possessors and "recent" in cues.past_adjectives


def ev(adoc, i, type, word, nth=0, source=None):
    text = adoc.document.text
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    sentence = adoc.sentence_at(start).index
    src = ActorRef(actor=source, text=None, name=None, country=None, sector=None) if source else None
    return Event(id=f"E{i}", type=type, source=src, target=None, evidence=Span("", start, start),
                 trigger=Span(word, start, start + len(word)), sentence=sentence)


@pytest.mark.slow
def test_after_phrase_and_time_modifiers(make_adoc):
    text = ("Troops shelled the village on Monday. Protesters marched in the capital after the shelling. "
            "Last week's strikes were condemned by the opposition. The council met in recent talks.")
    adoc = make_adoc(text)
    shelled = ev(adoc, 1, "ASSAULT", "shelled")
    marched = ev(adoc, 2, "PROTEST", "marched")
    shelling = ev(adoc, 3, "ASSAULT", "shelling")
    strikes = ev(adoc, 4, "ASSAULT", "strikes")
    talks = ev(adoc, 5, "CONSULT", "talks")
    adoc.events = [shelled, marched, shelling, strikes, talks]
    mark_follow_ups(adoc)
    assert not shelled.follow_up and not marched.follow_up
    assert shelling.follow_up and shelling.follow_up_of == "E1"
    assert strikes.follow_up and strikes.follow_up_of == "E1"
    assert talks.follow_up and talks.follow_up_of is None


@pytest.mark.slow
def test_definite_noun_retells_only_an_act_already_told(make_adoc):
    text = ("The minister visited Cairo on Sunday. The visit was his first abroad. "
            "The attack shocked the town.")
    adoc = make_adoc(text)
    visited = ev(adoc, 1, "CONSULT", "visited", source="A1")
    visit = ev(adoc, 2, "CONSULT", "visit", nth=1, source="A1")
    attack = ev(adoc, 3, "ASSAULT", "attack")
    adoc.events = [visited, visit, attack]
    mark_follow_ups(adoc)
    assert visit.follow_up and visit.follow_up_of == "E1"
    assert not attack.follow_up  # nothing earlier to retell: news in its own right


@pytest.mark.slow
def test_following_his_visit_with_other_actor_is_not_linked(make_adoc):
    text = "Ali Reza met the envoy in Doha. Following his visit to Oman, Sami Noor met the envoy."
    adoc = make_adoc(text)
    met1 = ev(adoc, 1, "CONSULT", "met", source="A1")
    visit = ev(adoc, 2, "CONSULT", "visit", source="A2")
    met2 = ev(adoc, 3, "CONSULT", "met", nth=1, source="A2")
    adoc.events = [met1, visit, met2]
    mark_follow_ups(adoc)
    assert visit.follow_up and visit.follow_up_of is None
    assert not met2.follow_up


def _told(sentence: int, type: str, source: ActorRef | None, target: ActorRef | None = None,
          date: str | None = None, id: str = "") -> Event:
    start = sentence * 100
    return Event(id=id or f"E{sentence}", type=type, source=source, target=target,
                 evidence=Span(text="…", start=start, end=start + 50),
                 trigger=Span(text="struck", start=start + 10, end=start + 16),
                 sentence=sentence, date=date)


def _ref(actor: str | None, country: str | None, sector: str | None, text: str = "x") -> ActorRef:
    return ActorRef(actor=actor, text=text, name=text, country=country, sector=sector)


def test_a_later_telling_of_the_same_act_is_a_follow_up_of_the_first():
    from eventscope.stories.followups import mark_retellings

    coalition, isil = _ref("A1", None, "MIL", "Coalition forces"), _ref("A2", None, "REB", "ISIL")
    fighters = _ref("A5", None, "REB", "fighters")
    lead = _told(0, "ASSAULT", coalition, isil)
    detail = _told(3, "ASSAULT", coalition, fighters)  # rebels both: may be one party
    mark_retellings([detail, lead])
    assert detail.follow_up and detail.follow_up_of == lead.id
    assert not lead.follow_up


def test_another_day_another_target_or_another_doer_is_another_act():
    from eventscope.stories.followups import mark_retellings

    police = _ref("A1", "EGY", "COP", "police")
    first = _told(0, "COERCE", police, _ref("A2", "EGY", "OPP", "activists"))
    dated = _told(2, "COERCE", police, None, date="2014-09-01")
    other_target = _told(3, "COERCE", police, _ref(None, None, None, "the media"))
    other_doer = _told(4, "COERCE", _ref("A9", "EGY", "JUD", "a court"))
    pronoun_state = _told(5, "COERCE", _ref("A3", "EGY", None, "it"))
    named_state = _told(6, "COERCE", _ref("A4", "EGY", None, "Egypt"))
    events = [first, dated, other_target, other_doer, pronoun_state, named_state]
    mark_retellings(events)
    assert [e.follow_up for e in events] == [False, False, False, False, False, True]


def test_a_sentence_with_a_time_of_its_own_tells_another_act():
    from eventscope.model import TimeExpression
    from eventscope.stories.followups import mark_retellings

    israel = _ref("A1", "ISR", "MIL", "Israeli jets")
    lead = _told(0, "ASSAULT", israel)
    earlier = _told(3, "ASSAULT", israel)  # "Days earlier, on 30 November, Israeli jets struck …"
    on_30_november = TimeExpression(text="on 30 November", start=earlier.evidence.start + 20,
                                    end=earlier.evidence.start + 34, date=None, precision="day")
    mark_retellings([lead, earlier], [on_30_november])
    assert not earlier.follow_up
    mark_retellings([lead, earlier])
    assert earlier.follow_up


def test_two_actors_each_named_are_two_doers_whatever_their_codes_share():
    from eventscope.stories.followups import mark_retellings

    greens = _told(2, "ACCUSE", _ref("A1", "DEU", "PTY", "Greens"))
    conservatives = _told(3, "ACCUSE", _ref("A2", "DEU", "PTY", "Christian Democrats"))
    mark_retellings([greens, conservatives])
    assert not conservatives.follow_up
    # one name written longer is still one doer
    party = _told(2, "ACCUSE", _ref("A1", "DEU", "PTY", "Greens"))
    again = _told(4, "ACCUSE", _ref("A3", "DEU", "PTY", "German Greens"))
    mark_retellings([party, again])
    assert again.follow_up
