"""Follow-up detection: an event mention that retells an earlier act is not counted again.

News repeats itself: "last week's strikes", "following his visit", "after the attack on …",
"the visit came a week after …". Such a mention reports an act already told, here or in an earlier
article. ``mark_follow_ups`` sets ``event.follow_up`` on it and, when this document told an act of
the same type earlier, links it there (``event.follow_up_of``), so counts and key points keep one
act once. The cues are read from ``data/followups.yaml``; decisions are made on the parse around
the event's trigger word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..common.data import read_data_yaml
from ..model import AnalyzedDocument, Event, TimeExpression
from ..events.decide import decision_cues
from ..events.stage import words_within
from ..nlp.tokens import span_root


@dataclass(frozen=True)
class FollowUpCues:
    after_phrases: tuple[tuple[str, ...], ...]
    temporal_possessors: frozenset[str]
    past_adjectives: frozenset[str]
    definite_determiners: frozenset[str]


@lru_cache(maxsize=1)
def load_follow_up_cues() -> FollowUpCues:
    """Follow-up cue words from ``data/followups.yaml`` (read once).

    RETURNS (FollowUpCues): the cue lexicon.
    """
    raw = read_data_yaml("eventscope.stories", "followups.yaml")
    return FollowUpCues(
        after_phrases=tuple(sorted((tuple(p.lower().split()) for p in raw["after_phrases"]), key=len, reverse=True)),
        temporal_possessors=frozenset(w.lower() for w in raw["temporal_possessors"]),
        past_adjectives=frozenset(w.lower() for w in raw["past_adjectives"]),
        definite_determiners=frozenset(w.lower() for w in raw["definite_determiners"]),
    )


def _governing_phrase(token: Any, cues: FollowUpCues) -> bool:
    """Whether ``token`` (or the noun phrase it heads) is the object of an "after"-type phrase."""
    node = token
    while node.dep_ in {"conj", "compound", "appos"} and node.head.i != node.i:
        node = node.head
    head = node.head
    if head.i == node.i:
        return False
    if node.dep_ in {"pobj", "dobj", "obj", "pcomp"} or (node.pos_ == "VERB" and node.dep_ == "advcl"):
        anchor = head
        if node.pos_ == "VERB" and node.dep_ == "advcl":
            marks = [c for c in node.children if c.dep_ == "mark"]
            if not marks:
                return False
            anchor = marks[0]
        doc = token.doc
        for phrase in cues.after_phrases:
            start = anchor.i - len(phrase) + 1
            if start < 0:
                continue
            words = tuple(t.lower_ for t in doc[start: anchor.i + 1])
            if words == phrase:
                return True
    return False


def _temporal_modifier(token: Any, cues: FollowUpCues) -> bool:
    """"last week's strikes", "recent airstrikes", "Monday's talks"."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    for child in token.children:
        if child.dep_ == "poss" and child.lower_ in cues.temporal_possessors:
            return True
        if child.dep_ in {"amod", "advmod"} and child.lower_ in cues.past_adjectives:
            return True
    return False


def _definite_reference(token: Any, cues: FollowUpCues) -> bool:
    """"the visit", "his visit", "Qaani's visit": a noun that points back."""
    if token.pos_ != "NOUN":
        return False
    for child in token.children:
        if child.dep_ == "det" and child.lower_ in cues.definite_determiners:
            return True
        if child.dep_ == "poss":
            return True
    return False


def _compatible(a: Event, b: Event) -> bool:
    """Same type and no contradicting actors (an unknown side never contradicts)."""
    if a.type != b.type:
        return False
    for x, y in ((a.source, b.source), (a.target, b.target)):
        if x is None or y is None:
            continue
        if x.actor and y.actor and x.actor != y.actor:
            if not (x.country and x.country == y.country):
                return False
    return True


def _position(event: Event) -> int:
    """Where an event is told: its trigger, else its sentence."""
    return event.trigger.start if event.trigger else event.evidence.start


def _earlier(adoc: AnalyzedDocument, event: Event) -> Event | None:
    """The first telling of a compatible act before ``event`` in the document."""
    start = _position(event)
    for other in adoc.events:
        if other is event or other.follow_up:
            continue
        if _position(other) < start and other.sentence <= event.sentence and _compatible(event, other):
            return other
    return None


def _same_doer(a: Any, b: Any) -> bool:
    """Whether two sources name one doer: the same actor, or one country's same sector, or a state
    and one of its own sectors ("Iran detained …" — "Revolutionary Guards detained …"); two actors
    each told by a name of its own are two doers, whatever their codes share."""
    if a is None or b is None:
        return False
    if a.actor and a.actor == b.actor:
        return True
    if not a.country or a.country != b.country:
        return False
    if a.actor and b.actor and _named(a) and _named(b) and not words_within(a.text, b.text):
        # ("The Greens criticised the cuts" — "The Christian Democrats accused …": two parties;
        # "Greens" and "German Greens" are one name written shorter and longer)
        return False
    return a.sector == b.sector or (a.sector is None and _named(a)) or (b.sector is None and _named(b))


def _named(ref: Any) -> bool:
    """Whether a role is told by a name ("Iran"), not a pronoun or a common noun ("it")."""
    return (ref.text or "")[:1].isupper() and (ref.text or "").lower() not in decision_cues().pronouns


def _differ(a: Any, b: Any) -> bool:
    """Whether two targets may name different parties: other countries or other sectors, or one
    without any code ("the media" and "Cruz"); "fighters" and "ISIL terrorists", both rebels, may
    be one party, and a telling that names no target contradicts none."""
    if a is None or b is None or (a.actor and a.actor == b.actor):
        return False
    if not (a.country or a.sector) or not (b.country or b.sector):
        return True
    return bool((a.country and b.country and a.country != b.country)
                or (a.sector and b.sector and a.sector != b.sector))


def _retold(event: Event, earlier: Event) -> bool:
    """Whether ``event`` tells again the act ``earlier`` told in an earlier sentence: the same type
    by the same doer, at a target that does not differ ("The coalition conducted 26 strikes against
    ISIL" — "In Syria, coalition forces conducted 15 strikes against ISIL targets"), dated alike
    and in no other country. News tells its main act in the lead and again, in detail, further
    down; counting both would double the act. Distinct acts of one dyad differ in day or place, or
    name another target."""
    if event.sentence <= earlier.sentence or event.type != earlier.type:
        return False
    if not _same_doer(event.source, earlier.source) or _differ(event.target, earlier.target):
        return False
    things = (event.__dict__.get("_thing"), earlier.__dict__.get("_thing"))
    if None not in things and things[0] != things[1]:
        return False  # ("shot down 74 of the drones" — "struck an oil depot": done to other things)
    if event.date != earlier.date:
        return False  # ("In September, police arrested eight men": a dated act is another one)
    here = event.location.country if event.location is not None and not event.location.inferred else None
    there = earlier.location.country if earlier.location is not None and not earlier.location.inferred else None
    return not (here and there and here != there)


def mark_follow_ups(adoc: AnalyzedDocument) -> None:
    """Set ``follow_up`` (and ``follow_up_of`` when told earlier here) on events retelling an act.

    An event is a follow-up when its trigger is the object of an "after"-type phrase ("following
    his visit"), carries a past time modifier ("last week's strikes", "recent airstrikes"), or is a
    definite noun ("the visit", "Qaani's visit") repeating an act of the same type told earlier in
    the document. Never clears a flag another stage set.

    adoc (AnalyzedDocument): with ``events`` (with ``trigger`` spans) and ``spacy_doc``.
    """
    if adoc.spacy_doc is None or not adoc.events:
        mark_retellings(adoc.events, adoc.times)
        return
    cues = load_follow_up_cues()
    ordered = sorted(adoc.events, key=_position)
    for event in ordered:
        if event.trigger is None:
            continue
        token = span_root(adoc.spacy_doc, event.trigger.start, event.trigger.end)
        if token is None:
            continue
        earlier = _earlier(adoc, event)
        after = _governing_phrase(token, cues)
        if after and token.pos_ in {"VERB", "AUX"} and earlier is None:
            # "… after police shot a man": a clause may carry news of its own; only a retelling
            # of an act already told counts.
            after = False
        if after or _temporal_modifier(token, cues):
            event.follow_up = True
            if earlier is not None and event.follow_up_of is None:
                event.follow_up_of = earlier.id
        elif earlier is not None and _definite_reference(token, cues):
            event.follow_up = True
            if event.follow_up_of is None:
                event.follow_up_of = earlier.id
    mark_retellings(adoc.events, adoc.times)


def mark_retellings(events: list[Event], times: list[TimeExpression] | tuple[()] = ()) -> None:
    """Set ``follow_up`` (and ``follow_up_of``) on each event that tells again an act an earlier
    sentence told (``_retold``); needs no parse, so the decision's cross-validation applies it to
    the events it chooses as the pipeline does. Never clears a flag.

    times (list[TimeExpression]): the document's time expressions: a sentence that names a time of
        its own ("In December, …", "Days earlier, on 30 November, …") tells another act, even where
        the act was left undated."""
    ordered = sorted(events, key=_position)
    for event in ordered:
        if event.follow_up or any(event.evidence.start <= t.start < event.evidence.end for t in times):
            continue
        first = next((e for e in ordered if e is not event and not e.follow_up and _retold(event, e)), None)
        if first is not None:
            event.follow_up = True
            event.follow_up_of = first.id
