"""The ``actors`` pipeline stage: find every actor mention, resolve it, group mentions per actor.

Reads ``adoc.spacy_doc`` (parsed by the ``nlp`` stage), and ``adoc.focus``/``adoc.locations`` when
the ``places`` stage ran; writes ``adoc.mentions`` and ``adoc.actors``. One step per module:

1. *units* (``units.py``): stretches of text that name or describe an actor - knowledge-base names,
   NER PERSON/ORG/GPE/NORP entities, noun chunks whose head is an actor noun ("armed factions",
   "Iran's ambassador to Iraq"), and third-person pronouns; toponyms used as places ("in
   Hodeidah"), dates and quantities are left out;
2. *resolution* (here): each unit goes through the same phrase resolver as ``resolve_actor``
   (titles in front of a name, "of/to" complements and possessors are added to the phrase);
3. *coreference* (``coref.py``): units grouped into actors - knowledge-base id, full name and
   surname, apposition, bare titles, definite descriptions, possessive owners, pronouns;
4. *story context* (``context.py``): "government forces", "the regime", "police" with no country
   take the story's;
5. *writing*: actors get ids A1, A2, ... in order of first mention. A pronoun that found no
   antecedent is no actor.

The reference date is the document's; an undated document is read at the stage's
``default_date`` (today when not set) and every actor says so in ``as_of``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from typing import Any, Iterable, Iterator

from ..model import Actor, AnalyzedDocument, Mention, Role
from ..nlp.tokens import doc_text, keep_recased
from ..registry import BaseStage, stage
from .context import GROUP_CODES, StoryContext, place_countries, place_tokens, story_senses
from .coref import Coreference
from .publisher import publisher_country
from .kb import Entry, KnowledgeBase, actor_lexicon, load_kb, norm, role_key_of
from .resolve import PhraseInfo, analyze_phrase
from .units import (LEAD_DROP, DocContext, Unit, UnitFinder, english_words, headline_spans, quote_spans,
                    sentence_case)

_COMPLEMENT_PREPS = actor_lexicon()["complement_preps"]
# A name the parser calls a person and the places stage did not take as a place is read as a
# person when the town of that name is smaller than this: "Bush" is not a town of 136,000 in
# Egypt, "Rubio" not one of 93,000 in Venezuela, "Paul" not a province of Cape Verde (provinces carry no
# population here: 0). A city this big named alone is meant as the city.
PERSON_NAMED_PLACE_MAX_POPULATION = 1_000_000
# A town written like a common word ("Human", "Mobile") opening a sentence is read as the word
# unless it is a city this big ("Nice police said ...").
COMMON_WORD_PLACE_MAX_POPULATION = 300_000


def reference_date(adoc: AnalyzedDocument, default_date: str | None = None) -> tuple[str, bool]:
    """The date a document's roles are read at, and whether it is the document's own.

    default_date (str | None): used when the document has no date; today when None.
    RETURNS (tuple[str, bool]): (ISO date, True when it is the document's date).
    """
    own = (adoc.document.date or "")[:10]
    if own:
        return own, True
    return default_date or _dt.date.today().isoformat(), False


def in_latest_office(info: PhraseInfo) -> PhraseInfo:
    """A person an undated document names is read in his latest office, not as "former".

    Why: read at today's date, everyone whose roles have ended is ELI; but a news story that
    names a minister is far more often about his time in office (no annotator of the document
    gold coded a source ELI). "Former" is written when meant, and the phrase keeps it then.
    """
    if info.entry is None or info.former or info.sector != "ELI":
        return info
    latest = info.entry.latest_sector()
    return replace(info, sector=latest) if latest else info


@stage("actors")
class ActorStage(BaseStage):
    """Finds, resolves and groups the actors of each document (see module docstring)."""

    name = "actors"

    def __init__(self, max_pronoun_distance: int = 1, title_window: int = 4,
                 default_date: str | None = None, min_context_confidence: float = 0.55):
        self.max_pronoun_distance = max_pronoun_distance
        self.title_window = title_window
        self.default_date = default_date
        self.min_context_confidence = min_context_confidence
        self.kb: KnowledgeBase | None = None
        self.finder: UnitFinder | None = None
        self.coref: Coreference | None = None
        self.context: StoryContext | None = None
        self.nlp: Any = None

    # ------------------------------------------------------------------ setup
    def initialize(self) -> None:
        """Load the knowledge base and its name index once."""
        self.kb = load_kb()
        self.finder = UnitFinder(self.kb)
        self.coref = Coreference(self.kb, max_pronoun_distance=self.max_pronoun_distance)
        self.context = StoryContext(self.kb, min_confidence=self.min_context_confidence)
        from ..nlp import load_spacy  # the nlp stage's model (loaded once per process)

        self.nlp = load_spacy()

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument:
        return next(iter(self.pipe([adoc])))

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        """Two passes per batch: find units and the headlines to re-read, parse those headlines
        together (one ``nlp.pipe`` call), then resolve, group and write each document."""
        if self.kb is None:
            self.initialize()
        adocs = list(adocs)
        jobs = [self._start(adoc) for adoc in adocs]
        texts = [_recased_tokens(span, text) for job in jobs if job is not None for span, text in job[2]]
        parsed = iter(self.nlp.pipe(texts, batch_size=batch_size)) if texts else iter(())
        for adoc, job in zip(adocs, jobs):
            if job is not None:
                ctx, units, headlines = job
                for span, _ in headlines:
                    hdoc = next(parsed)
                    keep_recased(ctx.doc, span, hdoc)  # the events stage reads its acts from it
                    units = self._headline_units(ctx, units, span, hdoc)
                self._finish(adoc, ctx, units)
            yield adoc

    def _start(self, adoc: AnalyzedDocument) -> tuple[DocContext, list[Unit], list[tuple[Any, str]]] | None:
        doc = adoc.spacy_doc
        if doc is None:
            return None
        date, dated = reference_date(adoc, self.default_date)
        text = doc_text(doc)
        ctx = DocContext(doc=doc, text=text, date=date, dated=dated, sent_of=_sentence_of_tokens(doc),
                         focus=adoc.focus,
                         places=frozenset((loc.start, loc.end) for loc in adoc.locations
                                          if loc.start is not None and loc.end is not None),
                         quotes=quote_spans(text), words=[t.text for t in doc],
                         publisher=publisher_country(adoc.document.url))
        units = self.finder.find(ctx)
        headlines = []
        for span in headline_spans(doc):  # a headline comes first (or after a kicker line)
            text = sentence_case(ctx, span, self.kb)
            if text != span.text:
                headlines.append((span, text))
        return ctx, units, headlines

    def _finish(self, adoc: AnalyzedDocument, ctx: DocContext, units: list[Unit]) -> None:
        if adoc.locations:
            ctx.place_countries = place_countries(ctx, self.kb, adoc.locations)
            ctx.place_at = place_tokens(ctx, adoc.locations)
        self._resolve(ctx, units)
        story_senses(units, self.kb)
        clusters = self.coref.cluster(ctx, units)
        self.context.apply(ctx, units, clusters)
        self._write(adoc, ctx, units, clusters)

    # ------------------------------------------------------------------ 1b. headlines
    def _headline_units(self, ctx: DocContext, units: list[Unit], sent: Any, hdoc: Any) -> list[Unit]:
        """Units of a title-case headline come from a parse of it in sentence case (``hdoc``).

        Why: the small model reads "Iraqi Police Arrest 12 Suspected Insurgents in Basra" as one
        name; "Iraqi police arrest 12 suspected insurgents in Basra" it parses right. The copy has
        the same length, so its units map back to the document by character offsets.
        """
        doc = ctx.doc
        offset = sent.start_char
        hctx = DocContext(doc=hdoc, text=doc_text(hdoc), date=ctx.date, dated=ctx.dated, sent_of=[0] * len(hdoc),
                          focus=ctx.focus, words=[t.text for t in hdoc],
                          places=frozenset((s - offset, e - offset) for s, e in ctx.places
                                           if s >= offset and e <= sent.end_char))
        mapped = []
        for u in self.finder.find(hctx):
            if u.kind != "pron":
                u.info = self._resolve_one(hctx, u)
            u.resolved = True
            first, last = hdoc[u.start], hdoc[u.end - 1]
            span = doc.char_span(offset + first.idx, offset + last.idx + len(last), alignment_mode="expand")
            if span is None or not (sent.start <= span.start and span.end <= sent.end):
                continue
            u.start, u.end, u.root, u.sent = span.start, span.end, span.root.i, ctx.sent_of[span.start]
            mapped.append(u)
        si = ctx.sent_of[sent.start]
        ctx.place_countries[:] = [(x, c) for x, c in ctx.place_countries if x != si]
        ctx.place_countries.extend((si, c) for _, c in hctx.place_countries)
        units = [u for u in units if not (sent.start <= u.start < sent.end)] + mapped
        return sorted(units, key=lambda u: u.start)

    # ------------------------------------------------------------------ 2. resolution
    def _resolve(self, ctx: DocContext, units: list[Unit]) -> None:
        doc = ctx.doc
        for u in units:
            if u.kind != "pron" and not u.resolved:
                u.info = self._resolve_one(ctx, u)
        # "Ferguson, Missouri": a place with no country takes the one of the place after it.
        starts = {u.start: u for u in units}
        for u in units:
            if u.kind != "named" or u.info is None or u.info.country or u.label not in ("GPE", "LOC"):
                continue
            if u.end < len(doc) and doc[u.end].text == ",":
                nxt = starts.get(u.end + 1)
                if nxt is not None and nxt.info is not None and nxt.info.country and nxt.label == "GPE":
                    u.info = replace(u.info, country=nxt.info.country, kind=u.info.kind or "group")

    def _resolve_one(self, ctx: DocContext, u: Unit) -> PhraseInfo | None:
        doc, date = ctx.doc, ctx.date
        start, end = self._phrase_bounds(doc, u)
        text = doc[start:end].text
        if u.tail is not None:  # one of several nationalities sharing a noun: "U.S." as "U.S. officials"
            text = f"{text} {doc[u.tail[0]:u.tail[1]].text}"
        u.phrase = text
        # "the US president" is read at the document date; without a date nobody is guessed
        role_lookup = u.kind == "noun" and ctx.dated and _one_holder(doc, u)
        info = analyze_phrase(text, date=date, role_lookup=role_lookup, appositions=False, strict_case=True)
        if info.country_source == "place" and _sentence_capital(doc[start], ctx) \
                and self.kb.place_pop.get(norm(doc[start].text), 0) < COMMON_WORD_PLACE_MAX_POPULATION:
            # "Human rights groups ...": the capital is the sentence's, not a name's (Uman, Ukraine,
            # is also written "Human"); read the phrase as written mid-sentence.
            lowered = analyze_phrase(text[0].lower() + text[1:], date=date, role_lookup=role_lookup,
                                     appositions=False, strict_case=True)
            if lowered.country_source != "place":
                info = lowered
        if not ctx.dated:
            info = in_latest_office(info)
        if u.kind == "noun" and info.sector in (None, "UNK") and info.country is None and info.entry is None:
            if u.start > 0 and doc[u.start - 1].lower_ in ("the", "its", "their") and u.end - u.start == 1:
                u.weak = True  # "the group" may name an actor mentioned before
            else:
                return None  # "Original Source", "figures": nothing to code
        own_text = u.key_text(doc)
        if info.sector == "PTY" and info.entry is None \
                and norm(own_text).rsplit(" ", 1)[-1] in self.kb.sectors.armed_party_words \
                and (u.armed or ctx.armed_story(self.kb.sectors)):
            # "coalition airstrikes": the coalition's forces struck; in a story of airstrikes and
            # offensives "the international coalition" is that armed coalition, not parties
            info = replace(info, sector="MIL")
        if u.kind == "named" and info.entry is None and text != own_text:
            # the title did not name anyone we know: keep the name's own reading too
            own = analyze_phrase(own_text, date=date, role_lookup=False, appositions=False, strict_case=True)
            national = start < u.start and own.entry is not None and own.entry.country in GROUP_CODES \
                and info.country is not None and info.country not in GROUP_CODES
            if own.entry is not None and not national:
                info = own  # unless a nationality makes it national: "the Turkish Red Crescent"
        span = doc[u.start:u.end]
        if u.label == "PERSON" and info.country_source == "place" and info.entry is None and info.head is None \
                and self.kb.place_pop.get(norm(own_text), 0) < PERSON_NAMED_PLACE_MAX_POPULATION \
                and (span.start_char, span.end_char) not in ctx.places:
            # a person named like a town ("Laude") is not that town (unless the places stage says so)
            info = analyze_phrase(own_text + " ", date=date, role_lookup=False, appositions=False,
                                  strict_case=True)
            if info.country_source == "place":
                info = PhraseInfo(text=info.text, label=own_text, kind="person", person_name=own_text)
        elif info.country_source == "place" and info.entry is None and info.head is None \
                and _surname_of_a_named_person(doc, u):
            # "Rand Paul ... Paul called Rubio's plan": the surname of a person the story names,
            # not the Cape Verdean county of that name
            info = PhraseInfo(text=info.text, label=own_text, kind="person", person_name=own_text)
        return info

    def _phrase_bounds(self, doc: Any, u: Unit) -> tuple[int, int]:
        """The tokens the resolver reads: the unit plus its title in front and complements after
        (sets a description's name on ``u``)."""
        s, e = u.start, u.end
        u.name_text = None
        if u.kind == "named" and u.label in ("PERSON", "NAME", "LOC", "ORG"):
            s = self._title_start(doc, u)
        if u.kind == "named" and u.label == "ORG" and s == u.start and s > 0 \
                and any(h.via == "demonym" for h in self.kb.lookup(norm(doc[s - 1].text))):
            s -= 1  # "Jordanian 71st Counter Terrorism Battalion": the nationality in front
        if u.kind == "named" and u.label == "ORG" and s == u.start:
            s = _state_owner_start(doc, s)  # "Iran's Foreign Ministry": the state that owns it
        if u.kind == "named" and u.label == "PERSON":
            e = _affiliation_end(doc, u, e)
        if u.kind == "noun":
            s, e = self._description_bounds(doc, u)
        return s, e

    def _description_bounds(self, doc: Any, u: Unit) -> tuple[int, int]:
        """A description with its possessor, pre-modifiers and "of/to/in" complement; sets its name."""
        s, e = u.start, u.end
        root = doc[u.root]
        left = [t.i for t in root.lefts]
        for t in root.lefts:
            left.extend(x.i for x in t.subtree)
        if left and not u.side:  # (a side of coordinated nationalities stops at its own)
            s = min(s, min(left))
        while s < u.start and doc[s].lower_ in LEAD_DROP:
            s += 1
        if s == u.start and s >= 2 and (doc[s - 1].text in ("'s", "’s") or (
                doc[s - 1].text in ("'", "’") and doc[s - 2].pos_ == "PROPN" and doc[s - 2].lower_.endswith("s")
                and not doc[s - 2].whitespace_)):
            # possessor the parser attached elsewhere ("... as well as Iran's ambassador", "the
            # Philippines’ Supreme Court" read as two subjects)
            j = s - 2
            while j > 0 and doc[j - 1].pos_ == "PROPN" and s - j < 5:
                j -= 1
            s = j
        for child in root.rights:
            if child.dep_ == "prep" and child.lower_ in _COMPLEMENT_PREPS:
                if any(c.dep_ in ("pcomp", "pobj") and c.tag_ == "VBG" for c in child.children):
                    break  # "accused the group of dragging out the talks": the charge, not the group's name
                sub = list(child.subtree)
                if len(sub) <= 8 and not any("\n" in t.text_with_ws for t in doc[u.end - 1:sub[-1].i]):
                    e = max(e, sub[-1].i + 1)
                break
        # the actor's name: the description without long complements, on one line, no date first
        ne = e if e - u.end <= 5 else u.end
        ns = s
        while ns < u.start and (any("\n" in t.text_with_ws for t in doc[ns:u.start])
                                or doc[ns].ent_type_ in ("DATE", "TIME") or doc[ns].is_punct):
            ns += 1
        u.name_text = doc[ns:ne].text.rstrip(" ,;:-")
        return s, e

    def _title_start(self, doc: Any, u: Unit) -> int:
        """Leftmost token of the title in front of a name ("U.S. Defense Secretary Pete Hegseth")."""
        sec = self.kb.sectors
        s = u.start
        j = s - 1
        seen_title = False
        limit = max(0, s - 8)
        while j >= limit:
            t = doc[j]
            k = norm(t.text)
            if t.text in ("'s", "’s", "-"):
                j -= 1
                continue
            if (k in sec.nouns or k in sec.role_keys or k in sec.modifiers or k in sec.former) and not (
                    t.dep_ == "dobj" or (t.dep_ == "pobj" and t.head.lower_ != "of")):
                # (not a noun that is another phrase's object: "praised Kenya for its leadership
                # Amnesty International urged …" in a text without full stops)
                seen_title = True
                j -= 1
                continue
            if k == "of" and seen_title and j - 1 >= limit and j + 1 < s and (
                    f"{norm(doc[j - 1].text)} of {norm(doc[j + 1].text)}" in sec.nouns):
                j -= 1  # "Chief of Staff Mark Meadows": the title is written with "of"
                continue
            if t.pos_ in ("PROPN", "ADJ", "NOUN") and t.dep_ in ("compound", "amod", "poss", "nmod") \
                    and j <= t.head.i < u.end + 1:
                j -= 1
                continue
            break
        start = j + 1
        if not seen_title:
            return s
        while start < s and (doc[start].is_punct or doc[start].lower_ in LEAD_DROP):
            start += 1
        return start

    # ------------------------------------------------------------------ 5. writing
    def _write(self, adoc: AnalyzedDocument, ctx: DocContext, units: list[Unit],
               clusters: list[list[Unit]]) -> None:
        text = adoc.document.text
        doc = ctx.doc
        ordered = sorted((cl for cl in clusters if any(u.kind != "pron" for u in cl)),
                         key=lambda cl: min(u.start for u in cl))
        actors: list[Actor] = []
        mentions: list[Mention] = []
        for n, cl in enumerate(ordered, start=1):
            aid = f"A{n}"
            actor = self._build_actor(aid, doc, cl, ctx.date)
            if not ctx.dated:
                actor.as_of = ctx.date  # no document date: codes read at the fallback date
            for u in sorted(cl, key=lambda x: x.start):
                span = doc[u.start:u.end]
                m = Mention(text=text[span.start_char:span.end_char], start=span.start_char,
                            end=span.end_char, sentence=u.sent, label=_mention_label(u), actor=aid)
                actor.mentions.append(m)
                mentions.append(m)
            actors.append(actor)
        mentions.sort(key=lambda m: (m.start, m.end))
        adoc.actors = actors
        adoc.mentions = mentions

    def _build_actor(self, aid: str, doc: Any, cl: list[Unit], date: str) -> Actor:
        real = [u for u in cl if u.info is not None]
        roles = self._roles(real)
        confidence = min((u.confidence for u in cl), default=1.0)
        kb_unit = next((u for u in real if u.info.entry is not None), None)
        if kb_unit is not None:
            info = kb_unit.info
            e: Entry = info.entry
            country = info.country if info.country is not None else e.country
            sector = info.sector
            if e.source == "person":  # "the opposition leader, Raila Odinga,": the text says what he is
                sector = _apposed_title_sector(doc, real, kb_unit) or sector
            return Actor(id=aid, name=e.name, country=country, sector=None if e.source == "state" else sector,
                         kind=e.kind if e.source != "person" else "person", roles=roles, kb_id=e.id,
                         confidence=confidence)
        # prefer a proper name, then the most specific description
        named = [u for u in real if u.kind == "named"]
        primary = named[0] if named else real[0]
        info = primary.info
        if primary.label == "PERSON" and info.country_source != "place":
            name = max((doc[u.start:u.end].text for u in named if u.label == "PERSON"), key=len)
        elif primary.kind == "noun":
            name = primary.name_text or doc[primary.start:primary.end].text
        else:
            name = info.label or doc[primary.start:primary.end].text
        kind = info.kind or ("person" if primary.label == "PERSON" else "organization"
                             if primary.label == "ORG" else "group")
        if primary.label == "PERSON" and info.country_source != "place":
            kind = "person"
        country = next((u.info.country for u in real if u.info.country), None)
        sector = next((u.info.sector for u in real if u.info.sector and u.info.sector != "UNK"), None) \
            or next((u.info.sector for u in real if u.info.sector), None)
        return Actor(id=aid, name=name, country=country, sector=sector, kind=kind or "group",
                     roles=roles, kb_id=None, confidence=confidence)

    def _roles(self, real: list[Unit]) -> list[Role]:
        roles: list[Role] = []
        seen: set[Any] = set()
        for u in real:
            for r in u.info.roles:
                rk = role_key_of(r.title, self.kb.sectors) or norm(r.title)
                key = (rk, r.sector, r.posted_to)
                if key not in seen and norm(r.title) not in seen:
                    seen.add(key)
                    seen.add(norm(r.title))
                    roles.append(r)
        return roles


def _recased_tokens(span: Any, text: str) -> Any:
    """A headline in sentence case (``text``, as long as ``span``) as an unparsed ``Doc`` with the
    document's own tokens, so that the parse of the copy lines up with the document token for
    token ("Prisoners-" of a headline glued to its lead stays "prisoners" and "-")."""
    from spacy.tokens import Doc

    off = span.start_char
    words = [text[t.idx - off:t.idx - off + len(t.text)] for t in span]
    spaces = [bool(t.whitespace_) for t in span]
    spaces[-1] = False
    return Doc(span.doc.vocab, words=words, spaces=spaces)


def _sentence_of_tokens(doc: Any) -> list[int]:
    sent_of = [0] * len(doc)
    for si, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_of[i] = si
    return sent_of


def _affiliation_end(doc: Any, u: Unit, end: int) -> int:
    """End of an affiliation right after a name: "Sarah Jones of Human Rights Watch"."""
    for child in doc[u.root].rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "from", "with"):
            sub = list(child.subtree)
            if len(sub) <= 7:
                return sub[-1].i + 1
            break
    return end


# Determiners and adjectives that make a title no particular holder ("a new American president").
_NO_HOLDER = actor_lexicon()["no_holder_words"]


def _state_owner_start(doc: Any, start: int) -> int:
    """First token of a place written as an organisation's possessor ("Iran's Foreign Ministry"),
    else ``start``.

    Why: a ministry, an agency or a court the text names after its state has no country of its
    own; read without its possessor, "Foreign Ministry" was coded with none (and the story's
    country cannot stand in: "foreign" says it may be anyone's).
    """
    if start < 2 or doc[start - 1].text not in ("'s", "’s", "'") or doc[start - 2].ent_type_ != "GPE":
        return start
    j = start - 2
    while j > 0 and doc[j].ent_iob_ == "I" and doc[j - 1].ent_type_ == "GPE":
        j -= 1
    return j


def _apposed_title_sector(doc: Any, units: list[Unit], person: Unit) -> str | None:
    """The sector of a title set in apposition to a known person's name ("Lebanon's prime
    minister, Najib Mikati,", "Raila Odinga, the opposition leader,"), else None.

    Why: the knowledge base reads a person's sector from his roles on the document date, and its
    roles end or miss; the title the story gives him beside his name is what he is in it (a title
    written in front of the name is read with the name already).
    """
    if person.phrase and norm(person.phrase) != norm(person.key_text(doc)):
        return None  # "Senator Jane Doe, leader of the party in the Senate,": the title in front
    span = range(person.start, person.end)
    for u in units:
        if u.kind != "noun" or u.sent != person.sent or u.info.sector in (None, "UNK"):
            continue
        root, name = doc[u.root], doc[person.root]
        if (root.dep_ == "appos" and root.head.i in span) or (name.dep_ == "appos" and u.start <= name.head.i < u.end):
            return u.info.sector
    return None


def _one_holder(doc: Any, u: Unit) -> bool:
    """A bare title names the office's holder only when it is definite: "the US president", not
    "a new American president"."""
    root = doc[u.root]
    return not any(t.lower_ in _NO_HOLDER for t in root.lefts) and not (
        u.start > 0 and doc[u.start - 1].lower_ in _NO_HOLDER)


def _mention_label(u: Unit) -> str:
    if u.kind == "noun" and u.info is not None and u.info.kind == "person" and not u.info.plural:
        return "TITLE"
    return u.label


def _sentence_capital(first: Any, ctx: DocContext) -> bool:
    """True when ``first`` (a phrase's first token) opens its sentence and is a common English
    word that is not a noun only ("Human", "More", "Mobile"), not found by the places stage.

    Why: a sentence's first word is capitalised whatever it is, and the place table knows towns
    written like adjectives and verbs (Uman, Ukraine, is also written "Human"); a town named so at
    a sentence's start is rare, a common word there is not.
    """
    word = first.text
    if not (first.is_sent_start and word[:1].isupper() and word[1:].islower()):
        return False
    if any(s <= first.idx < e for s, e in ctx.places):
        return False
    return word.lower() in english_words()[1]


def _surname_of_a_named_person(doc: Any, u: Unit) -> bool:
    """A one-word name that ends a longer PERSON name elsewhere in the document."""
    if u.kind != "named" or u.end - u.start != 1:
        return False
    word = doc[u.start].text
    return any(ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == word and not (ent.start <= u.start < ent.end)
               for ent in doc.ents)

