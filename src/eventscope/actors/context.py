"""Generic actors take their country from the story: "government forces", "the regime", "police".

Why: news names the home side of a conflict without its nationality ("security forces fired on
protesters"), because the story already said where it is. CAMEO coders read those actors as
that country's; leaving them uncoded loses the event (its source has no country and no sector).

Where the country comes from, nearest first:

1. a place named in the same sentence ("... in Hodeidah" -> Yemen), when all such places agree;
2. the story's focus country (``adoc.focus``, set by the ``places`` stage), else the country the
   document names most (states, capitals, demonyms, places), with the share of its mentions as
   confidence.

Only plain descriptions are coded: no knowledge-base entry, no country of their own, a sector of
``story_country_sectors`` (sectors.yaml), not a single person's title ("the spokesman" could be
anyone's; a police officer or a lawmaker is the story's: ``story_country_person_sectors``), and no modifier
saying they come from elsewhere ("foreign fighters", "coalition forces"). A person's name that
nothing codes ("Jason Van Dyke") is the story's too, from the story alone (people travel: a place in
the sentence says where they are, not where they are from). The actor's
``confidence`` says how sure the country is.

A bare office of the government that publishes the document ("the Foreign Secretary" on
www.gov.uk, ``publisher.py``) takes that government's country instead of the story's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from .kb import KnowledgeBase, actor_lexicon, norm
from .units import PLACE_NOUNS, DocContext, Unit

SEVERAL_STATES_NOUNS = frozenset(actor_lexicon()["several_states_nouns"])

GROUP_CODES = frozenset({"UNO", "EUR", "IGO", "NGO"})
OFFICE_SECTORS = actor_lexicon()["office_sectors"]
MEETING_NOUNS = actor_lexicon()["named_meeting_nouns"]
COMMAND_VERBS = actor_lexicon()["command_verbs"]
COMMANDED_SECTORS = actor_lexicon()["commanded_sectors"]
OTHER_PARTY_PREPS = actor_lexicon()["other_party_preps"]
ONLOOKER_NOUNS = frozenset(actor_lexicon()["onlooker_nouns"])
DEMAND_VERBS = frozenset(actor_lexicon()["demand_verbs"])
REPORTING_LEMMAS = frozenset(actor_lexicon()["reporting_verbs"])
DIRECTION_PREPS = frozenset(actor_lexicon()["direction_preps"])
AIMED_PREPS = frozenset(actor_lexicon()["aimed_preps"])
BORDER_NOUNS = frozenset(actor_lexicon()["border_nouns"])
PATRON_WORDS = frozenset(actor_lexicon()["patron_words"])
# Confidence of a country read from a place named in the same sentence.
SENTENCE_PLACE_CONFIDENCE = 0.9
# Confidence of a bare office read as the publishing government's ("the Prime Minister" on gov.uk).
PUBLISHER_OFFICE_CONFIDENCE = 0.85


@dataclass
class StoryCountry:
    """The story's country as the actors stage reads it, and how sure it is."""

    country: str | None
    confidence: float
    source: str  # "focus" (the places stage) | "mentions" (counted here) | "none"


def _tells(root: Any) -> bool:
    """Whether a description is the subject of a reporting verb told as done ("…, a resistance
    group said"): one group of the story, not a kind of group ("a terrorist organization")."""
    verb = root.head
    return root.dep_ == "nsubj" and verb.lemma_.lower() in REPORTING_LEMMAS \
        and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def story_country(ctx: DocContext, units: list[Unit]) -> StoryCountry:
    """The story's focus country, or the one it names most when there is no focus yet.

    The share of the top country among all country mentions is the confidence, so a story that
    names several countries equally gets a low one.
    """
    focus = ctx.focus
    if focus is not None and focus.country:
        return StoryCountry(focus.country, float(focus.confidence), "focus")
    counts: Counter[str] = Counter()
    for sent, country in ctx.place_countries:
        counts[country] += 2.0 if sent == 0 else 1.0
    for u in units:
        info = u.info
        if info is None or not info.country or u.kind == "pron":
            continue
        source = info.entry.source if info.entry is not None else None
        if source in ("state", "territory"):
            weight = 0.7 if info.via == "demonym" else 1.0  # "Iraq", "Baghdad"; "Iraqi"
        elif info.country_source == "place":
            weight = 1.0  # a town named as a group of its people
        elif source in ("org", "igo") or (source is None and u.kind == "noun"):
            weight = 0.5  # "Iraqi police", "Tehrik-i-Taliban Pakistan"
        else:
            continue  # people travel: "the U.S. envoy" says little about where the story is
        counts[info.country] += weight * (2.0 if u.sent == 0 else 1.0)
    for code in GROUP_CODES:
        counts.pop(code, None)
    if not counts:
        return StoryCountry(None, 0.0, "none")
    (top, n), total = counts.most_common(1)[0], sum(counts.values())
    return StoryCountry(top, round(n / total, 3), "mentions")


class StoryContext:
    """Codes country-less generic actors with the story's country (see module docstring)."""

    def __init__(self, kb: KnowledgeBase, *, min_confidence: float = 0.55):
        self.kb = kb
        self.min_confidence = min_confidence

    def apply(self, ctx: DocContext, units: list[Unit], clusters: list[list[Unit]]) -> None:
        story = story_country(ctx, units)
        nationality = _nationality_words(units)
        for group in clusters:
            if any(u.info is not None and u.info.country for u in group):
                continue
            first = next((u for u in group if u.info is not None and (
                u.kind == "noun" or (u.info.entry is None and u.info.head) or _unknown_person(u))), None)
            if first is not None and self._publishers_office(ctx, first):
                for u in group:
                    if u.info is not None:
                        u.info = replace(u.info, country=ctx.publisher)
                    u.confidence = PUBLISHER_OFFICE_CONFIDENCE
                continue
            if first is None or not self._eligible(ctx, first):
                continue
            country, confidence = self._country_for(ctx, first, story, nationality, units)
            if country is None or confidence < self.min_confidence:
                continue
            for u in group:
                if u.info is not None:
                    u.info = replace(u.info, country=country)
                u.confidence = confidence

    def _publishers_office(self, ctx: DocContext, u: Unit) -> bool:
        """Whether ``u`` is a bare office of the government that publishes the document.

        "The Foreign Secretary" on www.gov.uk is the UK's: a single person's title with no country
        and no name of its own, an office that state has (a holder in the knowledge base). Quotes
        too: on its own site a government quotes its own spokesmen.
        """
        info = u.info
        if not ctx.publisher or info.entry is not None or info.country or info.plural:
            return False
        if info.kind != "person" or not info.role_key or info.sector not in OFFICE_SECTORS:
            return False
        return bool(self.kb.role_index.get((info.role_key, ctx.publisher)))

    def _eligible(self, ctx: DocContext, u: Unit) -> bool:
        info = u.info
        sec = self.kb.sectors
        if info.entry is not None or info.country:
            return False
        if _unknown_person(u):
            return True  # "Jason Van Dyke", "Cruz": someone of the story the knowledge base does not know
        if info.sector not in sec.story_country:
            return False
        if info.org_entry is not None:
            return False  # "Islamic State militants": the organisation's country (none) is theirs
        if norm(info.head or "") in sec.machine_nouns:
            return False  # "Drones struck the airport": whoever sent them, not the story's country
        if norm(info.head or "") in SEVERAL_STATES_NOUNS:
            return False  # "world powers": several states, none of them the story's
        one_person = info.kind == "person" and not info.plural and not u.collective
        if one_person and info.sector not in sec.story_country_persons \
                and norm(info.head or "") not in sec.story_country_titles:
            return False  # "the spokesman" could be anyone's; "the sheriff", "the interior minister" the story's
        # (an office's own name is no modifier: "the Foreign Ministry said …" is the story's ministry)
        office = set(norm(info.head or "").split()) if norm(info.head or "") in sec.home_offices else set()
        words = norm(u.phrase or ctx.doc[u.start:u.end].text).split()
        if any(w in sec.not_from_story and w not in office for w in words):
            return False
        # "any member of a terrorist organization": a kind of actor, not one in this story; but
        # "a white police officer shot …" is one officer
        generic = ("any", "every") if info.sector in sec.story_country_persons or _tells(ctx.doc[u.root]) \
            else ("a", "an", "any", "every")
        return not (u.start > 0 and ctx.doc[u.start - 1].lower_ in generic and not info.plural)

    def _country_for(self, ctx: DocContext, u: Unit, story: StoryCountry,
                     nationality: dict[int, str], units: list[Unit]) -> tuple[str | None, float]:
        commander = _commanders_country(ctx, u, units) or _speakers_country(ctx, u, units)
        if commander is not None:  # "Vucic ordered the army …": his army, whatever place follows
            return commander, SENTENCE_PLACE_CONFIDENCE
        own = _phrase_place(ctx, u)
        if own is not None:  # "rockets at military positions in northern Israel": there, whatever else is named
            return own, SENTENCE_PLACE_CONFIDENCE
        here = {c for sent, c in ctx.place_countries if sent == u.sent and c not in GROUP_CODES}
        here -= _dealers_states(ctx, u, units)
        aimed = _aimed_at(ctx, u)
        if aimed:  # "militants who fired rockets at southern Israel": not Israel's, whoever they are
            here -= aimed
            if not here and story.country in aimed:
                return None, 0.0
        acting, other_party = _states_named_as_actors(ctx, u.sent, units)
        if other_party:  # two states dealing with each other say nothing of where the sentence is
            here -= acting
        elif len(here) > 1:
            doers = _states_doing(ctx, u.sent, units)
            if here - doers:
                here -= doers  # "Four people died when Russia shelled Kharkiv, Ukraine's second city": in Ukraine
        if _unknown_person(u):
            written = _nationality_before(ctx, u, nationality)
            if written is not None:  # "Canadian musician Bryan Adams": the phrase says it
                return written, 1.0
            here = set()  # people travel: "McGurk will lead a delegation to Berlin" is no German
        if len(here) == 1:
            return here.pop(), SENTENCE_PLACE_CONFIDENCE
        confidence = story.confidence * (0.7 if len(here) > 1 else 1.0)
        return story.country, round(confidence, 3)


def _root(ctx: DocContext, u: Unit) -> Any:
    """The head word of a unit's phrase (its last word when the unit has no parse root)."""
    return ctx.doc[u.root] if u.root >= 0 else ctx.doc[u.end - 1]


def _unit_of(units: list[Unit], i: int, besides: Unit) -> Unit | None:
    """The unit other than ``besides`` that holds token ``i``."""
    return next((w for w in units if w.start <= i < w.end and w is not besides), None)


def _phrase_place(ctx: DocContext, u: Unit) -> str | None:
    """The country of the place a description's own phrase puts it in ("military positions in
    northern Israel", "police stations inside Gaza"), also through the thing it modifies; None
    when the phrase names no place or places of two countries.

    Why: a sentence that names places of two countries ("… in northern Israel, a day after a strike
    in southern Lebanon") says where each of its people are only through their own phrases."""
    if u.kind != "noun":
        return None  # names go where their bearers go
    root = _root(ctx, u)
    heads = [root]
    if root.dep_ in ("compound", "amod", "nmod") and root.head.i != root.i:
        heads.append(root.head)  # "military positions in …": the positions say where
    found = {ctx.place_at[t.i] for h in heads for prep in h.children if prep.dep_ == "prep" and prep.lower_ in ("in", "inside")
             for g in prep.children if g.dep_ == "pobj" for t in g.subtree if t.i in ctx.place_at}
    found -= GROUP_CODES
    return found.pop() if len(found) == 1 else None


def _aimed_at(ctx: DocContext, u: Unit) -> set[str]:
    """Countries of the places a description's own act is aimed at or heads into ("militants who
    fired rockets at southern Israel", "gunmen fired into Israel", "refugees who fled into
    Jordan"): where the act lands, not where its doers are from.

    Why: a generic actor takes the country of its sentence's place, and the only place of a
    cross-border attack is often the side it hits."""
    if u.kind != "noun":
        return set()
    root = _root(ctx, u)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "NUM"):
        root = root.head.head  # "hundreds of families who fled …"
    verbs = [c for c in root.children if c.dep_ == "relcl"]
    if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"):
        verbs.append(root.head)
    found: set[str] = set()
    for verb in verbs:
        heads = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        for prep in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in AIMED_PREPS):
            for g in (c for c in prep.children if c.dep_ == "pobj"):
                # the place itself ("at southern Israel"), not one inside it ("at a market in Kano")
                words = [g] + [c for c in g.children if c.dep_ in ("compound", "amod", "nmod")]
                found |= {ctx.place_at[t.i] for t in words if t.i in ctx.place_at}
    return found - GROUP_CODES


def _dealers_states(ctx: DocContext, u: Unit, units: list[Unit]) -> set[str]:
    """Countries of the states that do the verb a description is the object of ("the United States
    urged the authorities to lift the ban"): whom a state acts upon is mostly another's."""
    root = _root(ctx, u)
    if root.dep_ not in ("dobj", "obj"):
        return set()
    subjects = {c.i for c in root.head.children if c.dep_ == "nsubj"}
    return {w.info.country for w in _named_states(u.sent, units) if any(w.start <= i < w.end for i in subjects)}


def _states_named_as_actors(ctx: DocContext, sent: int, units: list[Unit]) -> tuple[set[str], bool]:
    """Countries of the sentence's states named as actors, and whether one of them is named as the
    other party of an act ("suspending military cooperation with France", "urged Russia to
    withdraw", "Washington presses Iraq"): the object of a verb or of "with / against / to /
    toward", or the subject of the clause a demand asks for ("demanding that Japan apologise").

    Why: the places stage reads every country name as a toponym, so a sentence where states deal
    with each other gave a state's country to the sentence's generic actors ("The junta …
    suspended military cooperation with France": a French junta; "Washington presses Iraq over
    armed groups": American groups). Such a sentence says who deals with whom, not where; a state
    alone as subject ("Ukraine demanded talks with separatist leaders") mostly is where its story
    is, and a toponym that says where ("in Niger") is no unit: the units stage dropped it.
    """
    acting: set[str] = set()
    other_party = False
    for u in _named_states(sent, units):
        root = ctx.doc[u.root]
        if root.dep_ == "poss" and root.head.lemma_.lower() in PLACE_NOUNS:
            continue  # "Kharkiv, Ukraine's second largest city": a place, no state acting
        acting.add(u.info.country)
        # (also through whom it owns: "summoned Russia's ambassador", "met Iran's foreign minister")
        held = root.head if root.dep_ == "poss" and root.head.pos_ in ("NOUN", "PROPN") else root
        if held.dep_ in ("dobj", "obj") or (held.dep_ == "pobj" and held.head.lower_ in OTHER_PARTY_PREPS) \
                or (root.dep_ == "poss" and root.head.lemma_.lower() in ONLOOKER_NOUNS) \
                or (root.dep_ == "nsubj" and root.head.dep_ == "ccomp" and root.head.head.lemma_.lower() in DEMAND_VERBS):
            # ("… demanding that Japan apologise": whom the demand is made of)
            other_party = True  # (also the onlooker: "To Washington's dismay, the junta …")
    return acting, other_party


def _states_doing(ctx: DocContext, sent: int, units: list[Unit]) -> set[str]:
    """Countries of the sentence's states named as the doer of a verb (its subject, or the agent
    of a passive): "when Russia shelled Kharkiv" — they act there, they are not where it is."""
    out: set[str] = set()
    for u in _named_states(sent, units):
        root = ctx.doc[u.root]
        if root.dep_ == "nsubj" or (root.dep_ == "pobj" and root.head.dep_ == "agent"):
            out.add(u.info.country)
    return out


def _named_states(sent: int, units: list[Unit]) -> list[Unit]:
    """The units of a sentence that name a state by its name (not by a nationality word)."""
    return [u for u in units if u.sent == sent and u.kind == "named" and u.info is not None and u.info.country
            and u.info.entry is not None and u.info.entry.source == "state" and u.info.via != "demonym"]


def _commanders_country(ctx: DocContext, u: Unit, units: list[Unit]) -> str | None:
    """The country of whoever orders, sends or deploys an armed or police body that has none of its
    own: the object of a command verb (lexicon ``command_verbs``; or the subject of its passive)
    whose subject is coded with a state ("Serbian President Aleksandar Vucic ordered the army to
    its highest level of combat readiness" — Serbia's army, though Kosovo is named after it)."""
    if u.info is None or u.info.sector not in COMMANDED_SECTORS:
        return None
    root = ctx.doc[u.root]
    verb = root.head
    if root.dep_ not in ("dobj", "obj", "nsubjpass") or verb.lemma_.lower() not in COMMAND_VERBS:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj",)] if root.dep_ != "nsubjpass" else \
        [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    for s in subjects:
        owner = _unit_of(units, s.i, u)
        info = owner.info if owner is not None else None
        if info is not None and info.country and info.country not in GROUP_CODES:
            return info.country
    return None


def _speakers_country(ctx: DocContext, u: Unit, units: list[Unit]) -> str | None:
    """The country of an armed or police body of the same kind that tells of the act an armed or
    police body with no country of its own does ("The Israeli military said soldiers came under
    fire": its soldiers, though the story is in the West Bank; "police said officers arrested …").

    Why: an army or a police force speaks of its own men by their bare noun; other speakers (a
    health ministry, a monitor) tell of anyone's, so only a speaker of the body's own sector counts.
    """
    if u.info is None or u.info.sector not in COMMANDED_SECTORS or u.root < 0:
        return None
    root = ctx.doc[u.root]
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = root.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORTING_LEMMAS:
        return None
    for s in (c for c in verb.head.children if c.dep_ == "nsubj"):
        owner = _unit_of(units, s.i, u)
        info = owner.info if owner is not None else None
        if info is not None and info.country and info.country not in GROUP_CODES and info.sector == u.info.sector:
            return info.country
    return None


def _nationality_words(units: list[Unit]) -> dict[int, str]:
    """Token index -> country of every state named or written as a nationality ("Canadian")."""
    out: dict[int, str] = {}
    for u in units:
        if u.info is not None and u.info.entry is not None and u.info.entry.source == "state" and u.info.country:
            for i in range(u.start, u.end):
                out[i] = u.info.country
    return out


def _nationality_before(ctx: DocContext, u: Unit, nationality: dict[int, str]) -> str | None:
    """The country written in front of a name inside its own phrase or the description it is set
    beside ("Canadian musician Bryan Adams", "an Italian student, Giulio Regini"), else None."""
    root = _root(ctx, u)
    phrases = [root, root.head] if root.dep_ == "appos" else [root]  # "an Italian student, Giulio Regini"
    for head in phrases:
        for left in head.lefts:
            if left.dep_ in ("amod", "compound", "nmod", "poss") and left.i < u.start:
                for t in left.subtree:
                    if t.i in nationality:
                        return nationality[t.i]
    return None


def _unknown_person(u: Unit) -> bool:
    """A person named in the story whom nothing codes: no knowledge-base entry, no title, no
    country or sector of the phrase ("Jason Van Dyke", "Cruz").

    Why: such a name is mostly one of the story's own people (a suspect, a victim, a local
    politician); foreigners are usually introduced with their nationality or title, which codes
    them. Tune gold roles: country agreement 0.750 -> 0.766 (55 roles right, 6 wrong).
    """
    info = u.info
    return (u.kind == "named" and u.label == "PERSON" and info is not None and info.entry is None
            and bool(info.person_name) and not info.country and info.sector is None and not info.plural)


def story_senses(units: list[Unit], kb: KnowledgeBase) -> None:
    """Heads of two sectors take the one the story is about: "officer" is COP in a story whose
    other actors are police more often than military, else MIL (``story_sense_heads``).

    Why: the Ferguson story's "officer Darren Wilson" is a policeman; the same title in a story
    about an army is an army officer. Counted over the document's other resolved actors, so a
    story with one "police" and three "soldiers" keeps its officers military.
    """
    senses = kb.sectors.story_sense
    ambiguous = [u for u in units if u.info is not None and u.info.head in senses
                 and u.info.entry is None and u.info.sector == senses[u.info.head][0]]
    if not ambiguous:
        return
    counts = Counter(u.info.sector for u in units
                     if u.info is not None and u.kind != "pron" and u.info.head not in senses and u.info.sector)
    for u in ambiguous:
        choices = senses[u.info.head]
        best = max(choices, key=lambda c: (counts[c], -choices.index(c)))
        if best != u.info.sector:
            u.info = replace(u.info, sector=best)


def place_countries(ctx: DocContext, kb: KnowledgeBase, locations: list[Any]) -> list[tuple[int, str]]:
    """(sentence, ISO3) of every located toponym of the places stage (``adoc.locations``)."""
    out: list[tuple[int, str]] = []
    doc = ctx.doc
    for loc in locations:
        if not loc.country or loc.start is None:
            continue
        span = doc.char_span(loc.start, loc.end, alignment_mode="expand")
        if span is None or not len(span) or _names_a_meeting(span) or _direction(span) or _tellers_own(span) \
                or _beside_border(span) or _patron_of_someone(span) \
                or _hyphened_modifier(span) or _owns_machines(span, kb.sectors.machine_nouns):
            continue
        out.append((ctx.sent_of[span.start], loc.country))
    return out


def place_tokens(ctx: DocContext, locations: list[Any]) -> dict[int, str]:
    """Token index -> ISO3 for the words of every located toponym (``adoc.locations``)."""
    out: dict[int, str] = {}
    for loc in locations:
        if not loc.country or loc.start is None:
            continue
        span = ctx.doc.char_span(loc.start, loc.end, alignment_mode="expand")
        for t in span or ():
            out[t.i] = loc.country
    return out


def _tellers_own(span: Any) -> bool:
    """A toponym that says whose the teller of the sentence is ("Caracas freed five prisoners, U.S.
    officials said"): where the news comes from, not where the sentence's people are."""
    root = span.root
    owner = root.head
    return root.dep_ in ("compound", "amod", "poss", "nmod") and owner.i != root.i and owner.dep_ == "nsubj" \
        and owner.head.lemma_.lower() in REPORTING_LEMMAS


def _owns_machines(span: Any, machine_nouns: frozenset[str]) -> bool:
    """A toponym that says whose drones or jets they are ("air strikes by U.S. drones"): who acts,
    not where the sentence's people are."""
    root = span.root
    return root.dep_ in ("compound", "amod", "poss") and root.head.i != root.i and norm(root.head.text) in machine_nouns


def _hyphened_modifier(span: Any) -> bool:
    """A toponym joined by a hyphen to a participle ("US-based cleric", "Iran-backed militias",
    "Saudi-led coalition"): it describes someone by a place, it is not where the sentence is."""
    doc = span.doc
    end = span.end
    return end + 1 < len(doc) and doc[end].text in ("-", "‐", "‑") and not doc[end - 1].whitespace_ \
        and doc[end + 1].tag_ in ("VBN", "VBD", "JJ") and doc[end + 1].lower_.endswith(("ed", "born", "made", "led"))


def _direction(span: Any) -> bool:
    """A toponym named as where something heads ("taking the country back toward Russia"): a
    direction, not where the sentence's people are."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in DIRECTION_PREPS


def _patron_of_someone(span: Any) -> bool:
    """A state named as whom someone is backed by or tied to ("rebels supported by Rwanda", "militias
    backed by Iran"): the patron, not where the sentence's people are."""
    for anc in span.root.ancestors:
        if anc.dep_ == "acl" and anc.head.pos_ in ("NOUN", "PROPN") and anc.lower_ in PATRON_WORDS:
            return True
        if anc.dep_ in ("ccomp", "relcl", "advcl", "ROOT", "conj"):
            return False
    return False


def _beside_border(span: Any) -> bool:
    """A toponym named as the far side of a frontier ("captured towns near the Chinese border", "on
    the border with Syria"): beside where the sentence's people are, not where they are."""
    root = span.root
    if root.dep_ in ("amod", "compound", "poss", "nmod"):
        return root.head.i != root.i and root.head.lemma_.lower() in BORDER_NOUNS
    return root.dep_ == "pobj" and root.head.lower_ == "with" and root.head.head.lemma_.lower() in BORDER_NOUNS


def _names_a_meeting(span: Any) -> bool:
    """A toponym in the name of a meeting or a pact: "since the Geneva peace talks stalled" tells
    which talks, not that the civilians of the sentence are Swiss."""
    tok = span.root
    for _ in range(3):
        if tok.dep_ != "compound" or tok.head is tok:
            return False
        tok = tok.head
        if tok.lemma_.lower() in MEETING_NOUNS or tok.lower_ in MEETING_NOUNS:
            return True
    return False
