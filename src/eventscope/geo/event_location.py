"""Where an event happened: the place attached to the event's own clause, not the nearest name.

Order of evidence (first hit wins):

1. the clause of the trigger: a place that is the direct object of a place-taking verb
   ("visited Baghdad", "shelled Aleppo"); a place reached from the trigger through locative
   prepositions, possibly via its nominal object ("killed in the bombardment of Aziziyah
   district", "strikes against Houthi positions in Yemen", "airstrikes on Gaza"); a city named as
   a modifier of a nominal trigger ("the Aleppo bombing"); "X-based";
2. the sentence: a place in a locative prepositional phrase anywhere in the sentence
   ("In Mosul, ..."), when the trigger's clause names none;
3. the document's focus (``geo.stage.focus_location``: dateline place, focus province or
   country, flagged inferred), only when the caller asks for it (``use_focus``).

A statement (``clause_only``) takes a place only from a locative phrase on its own verb ("said
in Geneva"): it was made where the speaker was, not at the scene its sentence names.

Subordinate clauses (relative, adverbial, complement, other verbs in coordination) belong to
other events, so the search does not enter them.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Location
from ..nlp.tokens import doc_text, span_root
from .chains import inside
from .gazetteer import load_lexicon
from .relations import beyond_the_event

CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "csubj", "csubjpass", "parataxis", "acl", "xcomp", "pcomp"}
NOMINAL_OBJ_DEPS = {"dobj", "nsubjpass", "obj", "attr", "oprd"}
NAME_MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod"}
MAX_DEPTH = 4


def _token_locations(doc: Any, locations: list[Location]) -> dict[int, int]:
    """Token index -> index of the location covering it."""
    cover: dict[int, int] = {}
    for li, loc in enumerate(locations):
        if loc.start is None or loc.end is None:
            continue
        span = doc.char_span(loc.start, loc.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            cover[tok.i] = li
    return cover


def _place_under(tok: Any, cover: dict[int, int], allow_poss: bool,
                 locations: list[Location] | None = None) -> int | None:
    """The location headed by ``tok`` or hanging on it as a name modifier ("Aziziyah district").

    A country as a plain modifier ("in U.S. military operations") names an actor, not a place;
    it counts only as a possessor ("in Syria's conflict") or an apposition.
    """
    if tok.i in cover:
        return cover[tok.i]
    nouns = load_lexicon()["place_nouns"]
    low = tok.lower_
    if low in nouns or (low.endswith("s") and low[:-1] in nouns):
        # "the district of Saiydiah" is more precise than its possessor "Baghdad's"
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.i in cover:
                        return cover[pobj.i]
    for child in tok.children:
        if child.i not in cover:
            continue
        if child.dep_ in {"appos", "conj"} or (allow_poss and child.dep_ == "poss"):
            return cover[child.i]
        if child.dep_ in NAME_MODIFIER_DEPS:
            if locations is not None and locations[cover[child.i]].feature == "country":
                continue
            return cover[child.i]
    return None


def _prep_search(head: Any, cover: dict[int, int], lex: dict[str, Any], depth: int,
                 found: list[tuple[int, int, int]], *, attack: bool = False,
                 locations: list[Location] | None = None) -> None:
    """Follow prep -> pobj chains from ``head``; record (rank, depth, location) hits."""
    if depth > MAX_DEPTH:
        return
    for child in head.children:
        if child.dep_ in ("prep", "agent"):
            prep = child.lower_
            # two-word prepositions: "north of", "close to"
            if prep in {"of", "to"} and child.i > 0 and f"{child.nbor(-1).lower_} {prep}" in lex["locative_preps"]:
                prep = f"{child.nbor(-1).lower_} {prep}"
            for pobj in child.children:
                if pobj.dep_ not in {"pobj", "pcomp"}:
                    continue
                if child.dep_ == "prep" and prep == "against":
                    # "protested against Libya" names a target, not a place; "strikes against
                    # Iraq" (a place-taking act) and "actions against Yemen's Houthis" do
                    possessor = any(c.dep_ == "case" for c in pobj.children)  # "Yemen's" misparsed
                    hit = cover.get(pobj.i) if attack or possessor else None
                    if hit is None:
                        hit = next((cover[c.i] for c in pobj.children if c.dep_ == "poss" and c.i in cover), None)
                    if hit is not None:
                        found.append((1, depth, hit))
                elif child.dep_ == "prep" and (prep in lex["locative_preps"] or prep == "of"):
                    hit = _place_under(pobj, cover, allow_poss=prep in lex["strong_preps"], locations=locations)
                    if hit is not None and prep != "of" or hit is not None and depth > 0:
                        rank = 0 if prep in lex["strong_preps"] else 1
                        found.append((rank, depth, hit))
                        for conj in pobj.conjuncts:
                            if conj.i in cover:
                                found.append((rank, depth, cover[conj.i]))
                _prep_search(pobj, cover, lex, depth + 1, found, attack=attack, locations=locations)
        elif child.dep_ in NOMINAL_OBJ_DEPS and depth == 0 and child.pos_ in {"NOUN", "PROPN"}:
            _prep_search(child, cover, lex, depth + 1, found, attack=attack, locations=locations)


def find_event_location(doc: Any, trigger: tuple[int, int], locations: list[Location],
                        focus: Location | None = None, use_focus: bool = True,
                        cover: dict[int, int] | None = None,
                        clause_only: bool = False) -> tuple[Location | None, str]:
    """The location of the event whose trigger spans ``trigger`` (character offsets).

    Args:
        doc (Doc): the parsed document.
        trigger (tuple[int, int]): start and end offsets of the trigger word(s).
        locations (list[Location]): every toponym of the document (``adoc.locations``).
        focus (Location | None): the document's focus place (fallback 3).
        use_focus (bool): whether fallback 3 may be used.
        cover (dict | None): token -> location index, when the caller computed it already.
        clause_only (bool): a statement: only a locative phrase on the trigger itself counts.
    RETURNS (tuple[Location | None, str]): the location and how it was found
        ("clause", "sentence", "focus" or "none").
    """
    lex = load_lexicon()
    if cover is None:
        cover = _token_locations(doc, locations)
    tok = span_root(doc, *trigger)
    if tok is None:
        return (focus if use_focus else None), ("focus" if use_focus and focus else "none")

    # 1. the trigger's own clause
    if tok.pos_ == "VERB" or tok.pos_ == "AUX":
        if tok.lemma_.lower() in lex["place_object_verbs"]:
            for child in tok.children:
                if child.dep_ in {"dobj", "obj", "nsubjpass"}:
                    hit = _place_under(child, cover, allow_poss=True)
                    if hit is not None:
                        return locations[hit], "clause"
    else:
        for child in tok.children:
            if child.dep_ in NAME_MODIFIER_DEPS and child.i in cover:
                loc = locations[cover[child.i]]
                if loc.feature not in ("country", None):
                    return loc, "clause"
    found: list[tuple[int, int, int]] = []
    _prep_search(tok, cover, lex, 0, found, attack=tok.lemma_.lower() in lex["place_object_verbs"],
                 locations=locations)
    if clause_only:
        claimed = _claimed_place(tok, cover, lex)
        if claimed is not None:
            return locations[claimed], "clause"
        # "condemned the killings in Gwoza": a phrase after the object may be the object's place
        objects = [c.i for c in tok.children if c.dep_ in NOMINAL_OBJ_DEPS]
        direct = sorted(f for f in found if f[0] == 0 and f[1] == 0 and not (
            objects and locations[f[2]].start is not None and locations[f[2]].start > doc[min(objects)].idx))
        return (locations[direct[0][2]], "clause") if direct else (None, "none")
    # "One in western Afghanistan killed ...": a place attached to the subject
    if not found:
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}:
                sub: list[tuple[int, int, int]] = []
                _prep_search(child, cover, lex, 1, sub, locations=locations)
                found.extend((rank + 1, depth, li) for rank, depth, li in sub)
    # a passive or nominal trigger's clause head ("was killed in ..." where "killed" is the root)
    if not found and tok.dep_ in {"amod", "acl"} and tok.head.pos_ in {"NOUN", "PROPN"}:
        _prep_search(tok.head, cover, lex, 1, found, locations=locations)
    # adjuncts shared with a coordinated verb ("were killed ... and others wounded in X")
    if not found and tok.pos_ in {"VERB", "AUX"}:
        for conj in [*tok.conjuncts]:
            if conj.pos_ in {"VERB", "AUX"}:
                _prep_search(conj, cover, lex, 1, found, locations=locations)
    # "clashed in X, on the border with Brazil": the neighbour is not the event's place
    found = [f for f in found if not _beyond(doc_text(doc), locations[f[2]])]
    if found:
        found.sort()
        return locations[_first_of_pair(doc_text(doc), _most_specific(found, locations), locations)], "clause"
    based = _based(doc, tok, cover)
    if based is not None:
        return locations[based], "clause"

    # 2. the sentence: a locative phrase anywhere in it
    sent = tok.sent
    for t in sent:
        if t.i in cover and t.dep_ == "pobj" and t.head.dep_ == "prep" and \
                t.head.lower_ in lex["strong_preps"] and t.head.head.pos_ in {"VERB", "AUX", "NOUN"} and \
                not _beyond(doc_text(doc), locations[cover[t.i]]):
            return locations[cover[t.i]], "sentence"

    # ... or the only sub-national place the sentence names ("the siege of the city of Homs")
    sent_locs = {cover[t.i] for t in sent if t.i in cover}
    local = [li for li in sent_locs if locations[li].lat is not None
             and locations[li].feature not in ("country", "region", "water")]
    # "the town of Arbinda (Soum)": a unit that contains another of the names is no second place
    units = {name for li in local for name in (locations[li].within or [])}
    local = [li for li in local if (locations[li].name or locations[li].text) not in units] or local
    if len({locations[li].name for li in local}) == 1:
        return locations[min(local)], "sentence"

    if use_focus and focus is not None:
        return focus, "focus"
    return None, "none"


def _beyond(text: str, loc: Location) -> bool:
    """A country named as a neighbour, origin or destination (``geo.relations``)."""
    return loc.feature == "country" and beyond_the_event(text, loc.start)


def _first_of_pair(text: str, li: int, locations: list[Location]) -> int:
    """The first name of "the X-Y border / road" or "between X and Y" when the parse hung the
    phrase on the second.

    Why: coders place an event on a line between two places at the first one named (as with
    "between X and Y"); the parse makes the last word of the compound its head.
    """
    loc = locations[li]
    if loc.start is None:
        return li
    for k, other in enumerate(locations):
        if other.end is None or other.start is None or other.lat is None or other.end >= loc.start:
            continue
        gap = text[other.end:loc.start]
        if re.fullmatch(r"\s?[-–]\s?", gap) or (
                re.fullmatch(r"\s+and\s+(?:the\s+)?", gap) and re.search(r"\bbetween\s+(?:the\s+)?$", text[:other.start])):
            return k
    return li


def _claimed_place(tok: Any, cover: dict[int, int], lex: dict[str, Any]) -> int | None:
    """"claimed full control of Bakhmut", "announced the capture of Raqqa city": a statement
    whose object is the taking of a place reports an act at that place, so the place is the
    event's (the speaker's whereabouts are not what the claim is about)."""
    for obj in tok.children:
        if obj.dep_ not in NOMINAL_OBJ_DEPS or obj.lemma_.lower() not in lex["capture_nouns"]:
            continue
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "over"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        hit = _place_under(pobj, cover, allow_poss=True)
                        if hit is not None:
                            return hit
    return None


def _most_specific(found: list[tuple[int, int, int]], locations: list[Location]) -> int:
    """The best hit, or a town of the same rank that lies inside it.

    Why: "took the base at Myawaddy on the Thai border, Kayin State": the verb's own adjunct
    names the state, the object's names the town in it; the town is where it happened.
    """
    best = found[0][2]
    unit = locations[best]
    if unit.feature not in ("admin1", "country") or unit.lat is None:
        return best
    for rank, _, li in found[1:]:
        loc = locations[li]
        if rank == found[0][0] and loc.lat is not None and loc.feature in ("city", "admin2") and inside(loc, unit):
            return li
    return best


def _based(doc: Any, tok: Any, cover: dict[int, int]) -> int | None:
    """"a London-based group" in the trigger's clause: the base is where the actor acts."""
    for t in tok.subtree:
        if t.lower_ == "based" and t.i >= 2 and doc[t.i - 1].text == "-" and (t.i - 2) in cover:
            return cover[t.i - 2]
    return None
