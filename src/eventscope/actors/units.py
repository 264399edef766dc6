"""Finding actor mention candidates ("units") in a parsed document.

Why a separate step: what counts as a mention (a knowledge-base name, an NER entity, a noun
chunk headed by an actor noun, a personal pronoun) is decided once here, from the parse alone;
resolution and coreference then work on these spans. Places used as places ("fighting in
Hodeidah"), dates and quantities are not units: they are never actors.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..model import DocumentFocus, Role
from ..nlp.tokens import doc_text
from .kb import KnowledgeBase, actor_lexicon, norm
from .resolve import CHAPTER_SECTORS, PhraseInfo, regional

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# Third-person pronouns the actors stage resolves (first and second person are the speaker's
# and the listener's: the quotes stage links "we"/"I" inside a quote to its speaker).
_LEXICON = actor_lexicon()
PERSON_PRONOUNS = _LEXICON["person_pronouns"]
GROUP_PRONOUNS = _LEXICON["group_pronouns"]
THING_PRONOUNS = _LEXICON["thing_pronouns"]
ALL_PRONOUNS = frozenset(PERSON_PRONOUNS) | GROUP_PRONOUNS | THING_PRONOUNS
_SKIP_DET = _LEXICON["skip_determiners"]
LEAD_DROP = _LEXICON["lead_drop"]
# Prepositions after which a toponym is where something happens, not who acts.
LOCATIVE_PREPS = _LEXICON["locative_preps"]
NAMED_ONLY_NOUNS = _LEXICON["named_only_nouns"]
MANNER_OF_FORCE = _LEXICON["manner_of_force"]
PROCESS_NOUNS = frozenset(_LEXICON["process_nouns"])
PLACE_NOUNS = _LEXICON["place_nouns"]
PLACE_FEATURE_WORDS = _LEXICON["place_feature_words"]
ATTACK_NOUNS = _LEXICON["attack_nouns"]
MEETING_NOUNS = _LEXICON["named_meeting_nouns"]
OFFICE_SECTORS = _LEXICON["office_sectors"]
# Entity types of numbers and times: never part of an actor's name.
NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
NAME_PUNCT = frozenset({"-", "'", "’", ".", "&", "–"})
NAME_PARTICLES = _LEXICON["name_particles"]


@dataclass
class Unit:
    """One mention candidate (token span) and what we know about it."""

    start: int  # token index
    end: int
    label: str
    info: PhraseInfo | None = None
    kind: str = "named"  # named | noun | pron
    cluster: int = -1
    root: int = -1  # head token index
    extra_roles: list[Role] = field(default_factory=list)
    sent: int = 0
    name_text: str | None = None  # readable name for a description ("Iran's ambassador to Iraq")
    weak: bool = False  # "the group": kept only if it corefers with a named actor
    phrase: str = ""  # what the resolver saw
    confidence: float = 1.0  # lowered when the country came from the story, not the phrase
    resolved: bool = False  # ``info`` already set (units of a re-read headline)
    collective: bool = False  # an actor noun before an act ("separatist attack"): a group, not one person
    armed: bool = False  # an actor noun before an armed act ("coalition airstrikes"): its armed side
    side: bool = False  # one nationality of several sharing a head noun ("U.S. and Swiss officials")
    tail: tuple[int, int] | None = None  # the head words such a side shares, read with it ("officials")

    def key_text(self, doc: Any) -> str:
        return doc[self.start:self.end].text


@dataclass
class DocContext:
    """What every step knows about the document being read (never kept on the stage)."""

    doc: Any
    text: str  # doc.text, once (spaCy rebuilds it from the tokens on every access)
    date: str  # reference date: the document's, else the stage's fallback (see ``dated``)
    dated: bool  # True when ``date`` is the document's own date
    sent_of: list[int]
    focus: DocumentFocus | None = None
    places: frozenset[tuple[int, int]] = frozenset()  # character spans of toponyms (places stage)
    place_countries: list[tuple[int, str]] = field(default_factory=list)  # (sentence, ISO3) of toponyms
    place_at: dict[int, str] = field(default_factory=dict)  # token index -> ISO3, for the words of each toponym
    name_spans: list[tuple[int, int, str]] = field(default_factory=list)  # knowledge-base names found
    quotes: list[tuple[int, int]] = field(default_factory=list)  # character spans inside quotation marks
    words: list[str] = field(default_factory=list)  # token texts, once
    publisher: str | None = None  # ISO3 of the government publishing the document (``publisher.py``)
    armed: bool | None = None  # whether the text tells of armed acts (``armed_story``, once)

    def quoted(self, token: int) -> bool:
        return bool(self.quotes) and in_spans(self.doc[token].idx, self.quotes)

    def armed_story(self, sectors: Any) -> bool:
        """Whether the text tells of armed acts (an armed act noun: "airstrikes", "shelling",
        "offensive"): there a coalition is the armed one (computed once)."""
        if self.armed is None:
            acts = sectors.act_nouns - sectors.unarmed_act_nouns
            self.armed = any(t.lower_ in acts or t.lemma_.lower() in acts for t in self.doc if t.pos_ == "NOUN")
        return self.armed


@lru_cache(maxsize=1)
def english_words() -> tuple[frozenset[str], frozenset[str]]:
    """Lower-case English words (WordNet's index, as shipped in the spaCy model's lemmatizer):
    all of them, and those that are also a verb, an adjective or an adverb.

    Why: to tell a common word from a name where capitals do not ("Kills" in a headline). The
    index also lists many proper nouns ("basra"), as nouns only; "central" is an adjective too.
    """
    from ..nlp import load_spacy

    table = load_spacy().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    every: set[str] = set()
    not_nouns: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        words = {w.lower() for w in table.get(pos, []) if "_" not in w}
        every |= words
        if pos != "noun":
            not_nouns |= words
    return frozenset(every), frozenset(not_nouns)


def is_common_word(word: str, words: frozenset[str] | None = None) -> bool:
    """An English word, inflections included ("kills", "killed", "killing" -> "kill")."""
    words = english_words()[0] if words is None else words
    w = word.lower()
    if w in words:
        return True
    stems = []
    if w.endswith("s"):
        stems += [w[:-1], w[:-2] if w.endswith("es") else ""]
    if w.endswith("ed"):
        stems += [w[:-2], w[:-1], w[:-3] if len(w) > 4 and w[-3] == w[-4] else ""]
    if w.endswith("ing"):
        stems += [w[:-3], w[:-3] + "e", w[:-4] if len(w) > 5 and w[-4] == w[-5] else ""]
    if w.endswith("ies"):
        stems.append(w[:-3] + "y")
    return any(st and st in words for st in stems)


def headline_case(sent: Any) -> bool:
    """A headline in title case (or capitals): every word but the small ones ("of", "in", "the")
    starts with a capital, and there are at least four of them."""
    words = [t.text for t in sent if t.is_alpha and not t.is_stop]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


HEADLINE_DASHES = frozenset({"-", "—", "–", "--", "|"})


def headline_spans(doc: Any, *, first_sentences: int = 2) -> list[Any]:
    """Title-case headlines among the first sentences: a whole sentence, or the title-case
    stretch that opens a sentence and ends at a dash ("Nepal Angered by Climber's Death in
    Tibet-The death of ...": a headline fused with the lead)."""
    out = []
    for sent in list(doc.sents)[:first_sentences]:
        if headline_case(sent):
            out.append(sent)
            continue
        for t in sent:
            if t.text in HEADLINE_DASHES or (t.text.startswith("-") and t.i > sent.start):
                head = doc[sent.start:t.i]
                if len(head) >= 4 and headline_case(head):
                    out.append(head)
                break
            if t.is_alpha and not t.is_stop and not t.text[0].isupper():
                break
    return out


def sentence_case(ctx: DocContext, sent: Any, kb: KnowledgeBase) -> str:
    """The text of a title-case headline in sentence case, same length (offsets stay valid).

    Common words are lowered ("Kills" -> "kills"), names kept: knowledge-base names and places,
    words of identity ("Shiite"), acronyms, and words that are not English words ("Qusayr").
    spaCy's small model parses the result far better than "Syrian Army Retakes Qusayr From
    Rebels", where it reads every word as a name.
    """
    text = ctx.text
    keep: set[int] = set()
    for s, e, _ in ctx.name_spans:
        if s < sent.end and e > sent.start:
            keep.update(range(s, e))
    shouting = all(not t.is_alpha or t.is_upper for t in sent)
    not_nouns = english_words()[1]
    out = []
    for t in sent:
        word = t.text
        key = token_key(word)
        name_like = key in kb.places or bool(kb.lookup(key))
        if t.i not in keep and t.is_alpha and not (t.is_upper and len(word) <= 5 and not shouting) \
                and key not in kb.identity_words and is_common_word(word) \
                and not (name_like and not is_common_word(word, not_nouns)):
            lowered = word.lower()
            if len(lowered) == len(word):
                word = lowered
        out.append(word + t.whitespace_)
    new = "".join(out)
    return new if len(new) == len(text[sent.start_char:sent.end_char]) else text[sent.start_char:sent.end_char]


_QUOTE_SPAN = re.compile(r"[“«„][^”»\n]*[”»]?|\"[^\"\n]*\"?")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks (a line break closes a quote left open).

    Why: "“Obama is leaving a legacy,” he said": the pronoun outside the quote is the speaker,
    not a person named inside it.
    """
    return [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(text)]


def in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``offset`` falls in one of ``spans`` (sorted, not overlapping)."""
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


POSSESSIVE_MARKS = frozenset({"'s", "’s"})


@lru_cache(maxsize=200_000)
def token_key(text: str) -> str:
    """``norm`` of one token, cached (the same words recur in every document)."""
    return norm(text)


class NameScanner:
    """Finds knowledge-base names in a parsed document by looking up token n-grams.

    Why not spaCy's PhraseMatcher: compiling every alias (curated and generated, tens of
    thousands) into patterns cost most of the stage's start-up time and memory; a look-up of
    the normalised n-grams that start with a known first word is as fast per document and needs
    only the knowledge base's own index. Curated aliases must match as written (or capitalised,
    or in capitals in a headline); generated ones, whose casing is unknown, must look like a name.
    """

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.surfaces: dict[str, set[str]] = {}
        for surface, key in kb.surface_aliases.items():
            variants = {surface, surface.replace("'", "’")}
            if surface[:1].islower():
                variants.add(surface[:1].upper() + surface[1:])
            if len(surface) >= 4:
                variants.add(surface.upper())  # headlines: "IRAN WARNS ..."
            if surface.lower().startswith("the "):
                variants.update({v[4:] for v in list(variants)})
            self.surfaces.setdefault(key, set()).update(variants)
        keys = list(kb.aliases)
        if kb.generated is not None:
            keys.extend(kb.generated.keys)
        self.first_words = frozenset(k.split()[0] for k in keys if k)
        self.max_len = min(kb.max_alias_len, 9)

    def spans(self, doc: Any, text: str | None = None, words: list[str] | None = None) -> list[tuple[int, int, str]]:
        """Longest non-overlapping (start token, end token, alias key) matches, in text order.

        text, words: ``doc.text`` and the token texts, when the caller has them already.
        """
        found: list[tuple[int, int, str]] = []
        texts = words if words is not None else [t.text for t in doc]
        keys = [token_key(x) for x in texts]
        first = self.first_words
        lookup = self.kb.lookup
        n = len(texts)
        idx: list[int] | None = None
        for i in range(n):
            if keys[i] not in first:
                continue
            words: list[str] = []
            for j in range(i, min(n, i + 2 * self.max_len)):
                if not keys[j]:
                    if texts[j] in NAME_PUNCT:
                        continue  # "al-Sudani", "Kata'ib": punctuation inside a name
                    break
                if j > i and texts[j] in POSSESSIVE_MARKS and words:
                    # "Tigray People's Liberation Front": the tokenizer splits "People" and "'s",
                    # the key is written whole ("peoples")
                    words[-1] += keys[j]
                    continue
                words.append(keys[j])
                if len(words) > self.max_len:
                    break
                key = " ".join(words)
                if lookup(key):
                    if idx is None:
                        idx = [t.idx for t in doc]
                        text = doc_text(doc) if text is None else text
                    if self._written_as_name(key, text[idx[i]:idx[j] + len(texts[j])]):
                        found.append((i, j + 1, key))
        found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        chosen: list[tuple[int, int, str]] = []
        last_end = -1
        for s, e, key in found:
            if s >= last_end:
                chosen.append((s, e, key))
                last_end = e
            elif e > last_end and chosen and e - s > chosen[-1][1] - chosen[-1][0] and s <= chosen[-1][0]:
                chosen[-1] = (s, e, key)
                last_end = e
            elif e > last_end and chosen and all(keys[k] in self.kb.sectors.nouns for k in range(chosen[-1][0], s)):
                # "President Xi" (an alias) in "President Xi Jinping": the full name after the title
                # wins, not the title's alias that leaves "Jinping" a stranger
                chosen[-1] = (s, e, key)
                last_end = e
        return chosen

    def _written_as_name(self, key: str, raw: str) -> bool:
        raw = re.sub(r"\s+", " ", raw)
        variants = self.surfaces.get(key)
        if variants is not None:
            return raw in variants
        return looks_like_name(raw)


def looks_like_name(raw: str) -> bool:
    """Every word capitalised (particles such as "al", "bin", "de" aside), or a headline in capitals."""
    if "\n" in raw or any(ch in raw for ch in ",;:()[]\""):
        return False
    letters = [ch for ch in raw if ch.isalpha()]
    if len(letters) >= 4 and all(ch.isupper() for ch in letters):
        return True
    for word in raw.split():
        for part in re.split(r"[-'’]", word):
            if part and part[0].isalpha() and not part[0].isupper() and part.lower() not in NAME_PARTICLES:
                return False
    return True


class UnitCollector:
    """The units of one document so far, with the tokens they already take."""

    def __init__(self, ctx: DocContext):
        self.ctx = ctx
        self.units: list[Unit] = []
        self.taken = [False] * len(ctx.doc)

    def add(self, s: int, e: int, label: str, *, kind: str = "named") -> Unit | None:
        doc = self.ctx.doc
        # trim determiners, dates and possessive markers at the edges
        while s < e and kind != "pron" and (doc[s].lower_ in LEAD_DROP or doc[s].is_punct or doc[s].is_space
                                            or doc[s].ent_type_ in NON_ACTOR_ENTS):
            s += 1
        while e > s and (doc[e - 1].lower_ in ("'s", "’s", "'") or doc[e - 1].is_punct or doc[e - 1].is_space):
            e -= 1  # (and the line break a headline's last name swallows: "… President Yoon\n\n")
        if s >= e or any(self.taken[i] for i in range(s, e)):
            return None
        for i in range(s, e):
            self.taken[i] = True
        u = Unit(s, e, label, kind=kind, root=doc[s:e].root.i, sent=self.ctx.sent_of[s])
        self.units.append(u)
        return u

    def release(self, u: Unit) -> None:
        self.units.remove(u)
        for k in range(u.start, u.end):
            self.taken[k] = False

    def owner(self, i: int) -> Unit | None:
        return next((u for u in self.units if u.start <= i < u.end), None)

    def sorted_units(self) -> list[Unit]:
        doc = self.ctx.doc
        self.units.sort(key=lambda u: u.start)
        for u in self.units:
            u.root = doc[u.start:u.end].root.i
            u.sent = self.ctx.sent_of[u.start]
        return self.units


def _regional(doc: Any, start: int, end: int) -> bool:
    """Whether the name in ``doc[start:end]`` is half of a region's adjective (``resolve.regional``)."""
    before = (doc[start - 1].is_title, doc[start - 1].lower_) if start > 0 else None
    after = (doc[end].is_title, doc[end].lower_) if end < len(doc) else None
    return regional(before, (doc[start].is_title, doc[start].lower_), end - start, after)


def _in_feature_name(doc: Any, start: int, end: int) -> bool:
    """Whether ``doc[start:end]`` names the state inside a water body's or landform's name: a
    capitalised feature word right after it ("South China Sea", "Persian Gulf", "Korean
    Peninsula") or before it with "of" ("the Sea of Japan", "Gulf of Mexico", "Bay of Bengal")."""
    after = doc[end] if end < len(doc) else None
    if after is not None and after.is_title and after.lower_ in PLACE_FEATURE_WORDS:
        return True
    if start >= 2 and doc[start - 1].lower_ == "of":
        before = doc[start - 2]
        return before.is_title and before.lower_ in PLACE_FEATURE_WORDS
    return False


class UnitFinder:
    """Finds the units of a document: names, entities, actor nouns, pronouns (in that order)."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.names = NameScanner(kb)

    def find(self, ctx: DocContext) -> list[Unit]:
        units = UnitCollector(ctx)
        doc = ctx.doc
        ent_at: dict[int, Any] = {}
        ents = [ent for ent in doc.ents if ent.label_ in NER_LABELS]
        for ent in ents:
            for i in range(ent.start, ent.end):
                ent_at[i] = ent
        self._kb_names(ctx, units, ent_at)
        self._entities(ctx, units, ents)
        self._titled_names(ctx, units)
        self._surnames_again(ctx, units)
        self._actor_nouns(ctx, units)
        self._pronouns(ctx, units)
        kept = []
        for u in units.sorted_units():
            country = self._place_used_as_place(ctx, u)
            if country is None:
                kept.append(u)
            elif country and not ctx.places:
                ctx.place_countries.append((u.sent, country))  # no places stage: count them here
        return kept

    # ------------------------------------------------------------------ the four kinds
    def _kb_names(self, ctx: DocContext, units: UnitCollector, ent_at: dict[int, Any]) -> None:
        kb, doc = self.kb, ctx.doc
        chosen = self.names.spans(doc, ctx.text, ctx.words or None)
        ctx.name_spans = chosen
        doc_countries = set()
        for _, _, key in chosen:
            for h in kb.lookup(key):
                if h.entry.source in ("state", "territory") and not h.context_only:
                    doc_countries.add(h.entry.country)
        named: dict[int, list[Any]] = {}  # unit start -> its knowledge-base hits
        for s, e, key in chosen:
            hits = kb.lookup(key)
            if not hits:
                continue
            if all(h.context_only for h in hits) and not any(h.entry.country in doc_countries for h in hits):
                continue
            if _regional(doc, s, e):
                continue  # "Latin American leaders", "the West African bloc": a region's people
            if _in_feature_name(doc, s, e) and all(
                    h.via == "demonym" or h.entry.source in ("state", "territory") for h in hits):
                continue  # "the Sea of Japan", "the Persian Gulf": a place's name, not the state
            if s > 0 and doc[s - 1].is_title and all(h.entry.source in ("state", "territory") for h in hits) \
                    and f"{token_key(doc[s - 1].text)} {key}" in kb.places and not units.taken[s - 1]:
                units.add(s - 1, e, "GPE")  # "New Mexico", "New South Wales": a place whose name holds a state's
                continue
            ent = ent_at.get(s)
            if e - s == 1 and all(h.entry.named_by_common_noun(key) for h in hits) and (doc[s].is_lower or (
                    ent is not None and ent.start < s and doc[s - 1].is_title and doc[s - 1].lower_ != "the")):
                # "Commission" in "its High Commission", "the Electoral Commission": a word of a longer
                # name; "the commission" written small: the common noun
                continue
            if ent is not None and ent.label_ == "ORG" and any(doc[k].lower_ == "affairs" for k in range(e, ent.end)) \
                    and all(h.entry.source in ("state", "territory") for h in hits):
                # "the Taiwan Affairs Office" is China's office for Taiwan, "the Hong Kong and Macao
                # Affairs Office" for both: the places are its topic
                continue
            if all(h.via == "surname" for h in hits):
                if not (ent is not None and ent.label_ == "PERSON") and doc[s].pos_ != "PROPN":
                    continue
            if e - s == 1 and ent is not None and ent.label_ == "PERSON" and ent.start < s and ent.end == e \
                    and all(h.entry.source in ("org", "igo") for h in hits):
                continue  # "Kanye West" is a person, not the West: a surname the tagger read as one
            if e - s == 1 and doc[s].is_sent_start and doc[s].is_title and ent is None \
                    and doc[s].pos_ not in ("PROPN",):
                continue
            chapter = _chapter_of(units, s, e, hits, named)
            if chapter is not None:  # "Amnesty International Kenya": the organisation's branch there
                units.release(chapter)
                units.add(chapter.start, e, "ORG")
                continue
            # the NER label when the entity and the name coincide
            label = ent.label_ if ent is not None and ent.start <= s and ent.end >= e else "NAME"
            if all(h.via == "demonym" for h in hits) and label in ("NAME", "NORP", "ORG", "GPE"):  # ("Azerbaijani" tagged GPE)
                label = "DEMONYM"
            elif all(h.entry.source in ("state", "territory") for h in hits) and label != "GPE":
                label = "GPE" if label in ("NAME", "ORG", "PERSON", "FAC") else label
            u = units.add(s, e, label)
            if u is not None:
                named[u.start] = hits

    def _entities(self, ctx: DocContext, units: UnitCollector, ents: list[Any]) -> None:
        kb, doc = self.kb, ctx.doc
        for ent in ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and any(units.taken[i] for i in range(ent.start, ent.end)):
                continue  # "New Cairo": the known place inside is the unit, not the word left over
            if ent.label_ in ("GPE", "LOC", "FAC") and any(t.is_title and t.lower_ in PLACE_FEATURE_WORDS for t in ent):
                continue  # "the Sea of Japan", "the Red Sea": water and land, never an actor
            if ent[-1].is_title and ent[-1].lower_ in MEETING_NOUNS and ent.label_ != "PERSON":
                continue  # "the Nuclear Security Summit", "the Minsk Agreement": a meeting or a pact
            run = _longest_free_run(units.taken, ent.start, ent.end)
            if run is None:
                continue
            rs, re_ = run
            whole = self._body_of_state(ctx, units, ent, rs, re_)
            if whole is not None:
                units.release(whole)  # "the Government of Iraq": one actor, Iraq's government
                re_ = ent.end
            label = ent.label_
            if rs < re_ - 1 and _closes_title(doc, rs, token_key(doc[rs].text), kb.sectors.nouns):
                rs += 1  # a title's last word swallowed by a name ("Secretary of State Molly Phee")
                label = "PERSON"  # (the tagger's ORG for the whole: the title holder's name)
            if label == "PERSON":
                # titles swallowed into the entity ("President Kassym-Jomart Tokayev")
                while rs < re_ - 1 and token_key(doc[rs].text) in kb.sectors.nouns:
                    rs += 1
                # a count after the name ("shooting Laquan McDonald 16 times") is no part of it
                while rs < re_ - 1 and doc[re_ - 1].text[:1].isdigit():
                    re_ -= 1
            # whatever the label, a number that counts the plural noun after the name is no part of
            # it ("shooting McDonald 16 times"; "Channel 4 reported", "the Group of 20 leaders" keep theirs)
            if rs < re_ - 1 and doc[re_ - 1].like_num and re_ < len(doc) and doc[re_].tag_ == "NNS" \
                    and doc[re_ - 2].lower_ != "of":
                re_ -= 1
            if doc[rs].like_num and token_key(doc[re_ - 1].text) in kb.measure_words:
                continue  # "6 Tons" (of ivory): an amount the tagger took for a name
            if not any(doc[i].text[:1].isupper() and any(ch.isalpha() for ch in doc[i].text)
                       for i in range(rs, re_)):
                continue
            words = [token_key(doc[i].text) for i in range(rs, re_)]
            if all(w in kb.sectors.nouns or w in kb.sectors.modifiers for w in words) \
                    and doc[rs:re_].root.dep_ in ("compound", "amod"):
                continue  # "Defense" in "U.S. Defense Secretary Hegseth" is part of a title
            if _closes_title(doc, rs, " ".join(words), kb.sectors.nouns):
                continue  # "State" in "Secretary of State Antony Blinken" closes a title
            if all(w in kb.calendar_words or not w or w.isdigit() for w in words):
                continue  # "October", "Monday": a date the tagger took for a name
            if words[0] in LOCATIVE_PREPS and doc[rs].is_title:
                continue  # "Near Ar Raqqah, two strikes ...": a place phrase the tagger took for a name
            if words[0] in kb.sectors.nouns or words[0] in kb.sectors.modifiers:
                if headline_case(doc[rs].sent):
                    continue  # "Government Shelling" in a headline: a description, read as one below
            units.add(rs, re_, label)

    def _titled_names(self, ctx: DocContext, units: UnitCollector) -> None:
        """Capitalised names after a capitalised title that the tagger took for no entity
        ("Governor Uba Sani condemned the attack"): the title's holder, a person.

        Why: the small model misses many African and Asian names; without a unit the holder was an
        uncoded phrase, though the title says the sector and the story the country. Words that are
        also English verbs, adjectives or adverbs, titles and sector words are no names here."""
        doc = ctx.doc
        nouns, modifiers = self.kb.sectors.nouns, self.kb.sectors.modifiers
        not_nouns = english_words()[1]
        for t in doc:
            if units.taken[t.i] or not (t.is_title and t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON")
                                        and self._office_title(t)):
                continue  # ("Muslim Rohingya": a faith's word is no office)
            e = t.i + 1
            while e < t.sent.end and e - t.i <= 3 and doc[e].pos_ == "PROPN" and doc[e].is_title \
                    and not units.taken[e]:
                e += 1
            if e == t.i + 1 or (e < t.sent.end and doc[e].pos_ == "PROPN") or headline_case(t.sent):
                continue
            words = [token_key(doc[i].text) for i in range(t.i + 1, e)]
            if any(w in nouns or w in modifiers or w in not_nouns or w in self.kb.calendar_words for w in words):
                continue
            if any(doc[i].ent_type_ not in ("", "PERSON") for i in range(t.i + 1, e)):
                continue
            units.add(t.i + 1, e, "PERSON")

    def _office_title(self, tok: Any) -> bool:
        """Whether a word is a title of office ("Governor", "leader", "candidate")."""
        return self.kb.sectors.nouns.get(token_key(tok.text)) in OFFICE_SECTORS

    def _surnames_again(self, ctx: DocContext, units: UnitCollector) -> None:
        """A person's surname alone, later, where the tagger saw no entity ("opposition candidate
        Venancio Mondlane …", then "Mondlane, who lives abroad, urged …"): that person again.

        Why: the small model misses repeated African and Asian surnames, most often at the start of
        a sentence; without a unit the act's doer was an uncoded phrase and the event was lost."""
        doc = ctx.doc
        not_nouns = english_words()[1]
        surnames: dict[str, int] = {}
        for u in units.units:
            # ("leader Sikhumbuzo Tshabangu", which the tagger read as an organisation)
            titled = u.start > 0 and self._office_title(doc[u.start - 1]) \
                and all(doc[i].pos_ == "PROPN" for i in range(u.start, u.end))
            if (u.label == "PERSON" or titled) and u.end - u.start >= 2 and doc[u.end - 1].is_title:
                word = doc[u.end - 1].text
                if len(word) >= 3 and token_key(word) not in not_nouns and not is_common_word(word):
                    surnames.setdefault(word, u.start)
        if not surnames:
            return
        for t in doc:
            first = surnames.get(t.text)
            if first is None or t.i <= first or units.taken[t.i] or t.pos_ != "PROPN" or t.ent_type_ \
                    or headline_case(t.sent):
                continue
            before = doc[t.i - 1] if t.i > t.sent.start else None
            after = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if any(n is not None and n.pos_ == "PROPN" for n in (before, after)):
                continue  # part of a longer name ("Mondlane Foundation")
            units.add(t.i, t.i + 1, "PERSON")

    def _body_of_state(self, ctx: DocContext, units: UnitCollector, ent: Any, rs: int, re_: int) -> Unit | None:
        """The state's unit closing an organisation's name "<body> of <state>" ("the Government of
        Iraq", "the Supreme Court of Pakistan"), when the words before it are a body's sector noun;
        else None. Why: the state alone took its name first, and the body was left as "Government
        of", an actor of no country."""
        doc = ctx.doc
        if ent.label_ != "ORG" or re_ >= ent.end or re_ - rs < 2 or doc[re_ - 1].lower_ != "of":
            return None
        state = units.owner(re_)
        if state is None or state.start != re_ or state.end != ent.end:
            return None
        if not all(h.entry.source in ("state", "territory") for h in self.kb.lookup(
                token_key(doc[state.start:state.end].text))):
            return None
        words = [token_key(doc[i].text) for i in range(rs, re_ - 1) if doc[i].lower_ not in LEAD_DROP]
        return state if words and " ".join(words) in self.kb.sectors.nouns else None

    def _actor_nouns(self, ctx: DocContext, units: UnitCollector) -> None:
        """Noun chunks headed by a sector noun ("armed factions", "the commander")."""
        doc = ctx.doc
        nouns = self.kb.sectors.nouns
        irregular = self.kb.sectors.irregular
        for chunk in doc.noun_chunks:
            root = chunk.root
            self._actor_possessor(units, chunk)
            if units.taken[root.i] or root.pos_ not in ("NOUN", "PROPN"):
                continue
            if chunk[0].lower_ in _SKIP_DET:
                continue
            low = root.lower_
            cands = _noun_forms(root, irregular)
            prev = doc[root.i - 1].lower_ if root.i > chunk.start else ""
            two = {f"{prev} {c}" for c in cands} if prev else set()
            if not (cands & nouns.keys() or two & nouns.keys()):
                self._actor_before_act(ctx, units, chunk)
                continue
            if root.pos_ == "PROPN" and root.text[:1].isupper() and low not in nouns:
                continue
            if root.i == chunk.start and _closes_title(doc, chunk.start, low, nouns):
                continue  # "Staff" in "Chief of Staff Mark Meadows" closes a title
            if low == "force" and all(t.i == root.i or t.lower_ in MANNER_OF_FORCE for t in chunk):
                # "threatened to use force", "taken by force", "excessive force by the authorities",
                # "lethal force": a means, no actor ("a multinational force" acts)
                continue
            if low in PROCESS_NOUNS and len(chunk) == 1 and root.dep_ not in ("nsubj", "nsubjpass"):
                continue  # "would face prosecution", "spending on defence": the process, not its people
            if root.lemma_.lower() in NAMED_ONLY_NOUNS and any(
                    c.dep_ in ("compound", "amod", "nmod") and c.text[:1].islower() for c in root.lefts):
                # "the air campaign", "a smear campaign" are acts ("the Trump campaign" acts); an
                # actor noun before it is the actor ("the coalition campaign")
                self._actor_before_act(ctx, units, chunk)
                continue
            s = chunk.start
            # the mention starts after a possessor ("Iran's ambassador" -> "ambassador")
            for t in chunk:
                if t.dep_ == "case" and t.i < root.i:
                    s = t.i + 1
            e = root.i + 1
            s = self._demonym_before(units, s)
            _absorb_names(units, s, e, root.i)
            sides = self._national_sides(root, s)
            if sides:
                self._add_sides(units, sides, root)
                continue
            units.add(s, e, "NOUN", kind="noun")

    def _national_sides(self, root: Any, start: int) -> list[tuple[int, int]]:
        """The token spans of the nationalities coordinated before an actor noun ("U.S. and Swiss
        officials", "Italian and Greek rescue crews"), when they name two countries or more, else [].

        Why: the annotators code each nationality as an actor of its own with the shared noun's
        sector ("U.S." and "Swiss officials"); read as one phrase, the two countries had cancelled
        out and the story's country had taken their place."""
        first = next((t for t in root.lefts if t.dep_ in ("amod", "compound", "nmod") and t.i >= start
                      and any(c.dep_ == "conj" for c in t.children)), None)
        if first is None:
            return []
        heads = [first, *first.conjuncts]
        if any(h.i >= root.i for h in heads):
            return []
        spans, countries = [], set()
        for h in sorted(heads, key=lambda t: t.i):
            a = min([h.i] + [x.i for c in h.lefts for x in c.subtree])  # ("South Korean")
            text = root.doc[a:h.i + 1].text
            hits = [x for x in self.kb.lookup(token_key(text)) if x.entry.kind == "state" and x.entry.country]
            if not hits:
                return []
            countries.add(hits[0].entry.country)
            spans.append((a, h.i + 1))
        return spans if len(countries) > 1 else []

    @staticmethod
    def _add_sides(units: UnitCollector, sides: list[tuple[int, int]], root: Any) -> None:
        """One unit per nationality: the last runs to the head noun ("Swiss officials"), each one
        before it is the nationality alone, read with the head words it shares ("U.S." as "U.S.
        officials")."""
        tail = (sides[-1][1], root.i + 1)
        for k, (a, b) in enumerate(sides):
            last = k == len(sides) - 1
            u = units.add(a, root.i + 1 if last else b, "NOUN", kind="noun")
            if u is not None:
                u.side = True
                u.tail = None if last else tail

    def _demonym_before(self, units: UnitCollector, s: int) -> int:
        """Where a description starts when a nationality word right before it was parsed apart
        ("accused Azerbaijani troops": the parser made "Azerbaijani" an object of its own): at the
        nationality word, which becomes part of it."""
        before = units.owner(s - 1) if s > 0 else None
        if before is None or before.end != s or before.kind != "named" or before.end - before.start != 1:
            return s
        hits = self.kb.lookup(token_key(units.ctx.doc[before.start].text))
        return before.start if hits and all(h.via == "demonym" for h in hits) else s

    def _actor_possessor(self, units: UnitCollector, chunk: Any) -> None:
        """"the military's ouster of Morsi", "the rebels' requests": an actor noun owning the
        chunk's head is an actor of its own (the chunk is headed by what it owns)."""
        nouns = self.kb.sectors.nouns
        irregular = self.kb.sectors.irregular
        for t in chunk:
            if t.dep_ != "poss" or t.i >= chunk.root.i or units.taken[t.i] or t.pos_ != "NOUN":
                continue
            if not _noun_forms(t, irregular) & nouns.keys():
                continue
            s = min(x.i for x in t.subtree)
            while s < t.i and (chunk.doc[s].lower_ in LEAD_DROP or chunk.doc[s].dep_ == "det"):
                s += 1
            _absorb_names(units, s, t.i + 1, t.i)
            units.add(s, t.i + 1, "NOUN", kind="noun")

    def _actor_before_act(self, ctx: DocContext, units: UnitCollector, chunk: Any) -> None:
        """"Syrian government shelling", "police raid", "army checkpoint": the actor noun that
        modifies an act or something an actor holds."""
        root = chunk.root
        sec = self.kb.sectors
        if not ({root.lemma_.lower(), root.lower_} & (sec.act_nouns | sec.asset_nouns)):
            return
        # ("a general strike", "a major attack": an adjective, no rank)
        mods = [t for t in chunk if t.i < root.i and t.dep_ in ("compound", "amod", "nmod")
                and token_key(t.text) in self.kb.sectors.nouns and not units.taken[t.i]
                and not (t.tag_ == "JJ" and t.lower_ in sec.adjective_senses)]
        if not mods:
            return
        last = mods[-1]
        s = chunk.start
        for t in chunk:  # after a possessor ("today's terrorist attack" -> "terrorist")
            if t.dep_ == "case" and t.i < last.i:
                s = t.i + 1
        while s < last.i and (chunk.doc[s].lower_ in LEAD_DROP or chunk.doc[s].dep_ == "det"):
            s += 1
        _absorb_names(units, s, last.i + 1, last.i)
        u = units.add(s, last.i + 1, "NOUN", kind="noun")
        if u is not None:
            u.collective = True
            u.armed = bool({root.lemma_.lower(), root.lower_} & sec.act_nouns) \
                and root.lemma_.lower() not in sec.unarmed_act_nouns

    def _pronouns(self, ctx: DocContext, units: UnitCollector) -> None:
        doc = ctx.doc
        for i, word in enumerate(ctx.words):
            low = word.lower()
            if low not in ALL_PRONOUNS or units.taken[i]:
                continue
            t = doc[i]
            if t.pos_ != "PRON":
                continue
            if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS or (low in THING_PRONOUNS and _names_a_body(t)):
                units.add(t.i, t.i + 1, "PRON", kind="pron")

    # ------------------------------------------------------------------ places are not actors
    def _place_used_as_place(self, ctx: DocContext, u: Unit) -> str | None:
        """A toponym that says where ("in Hodeidah", "near the Syrian border town of Tal Abyad").

        A state or city name that acts ("Baghdad said", "talks with Tehran", "strikes on Gaza")
        stays an actor: only the object of a locative preposition is dropped, and only when it
        is a toponym (the places stage found it there, or it is a known place or state name).
        RETURNS (str | None): None when the unit stays an actor, else the place's country ("" when
            unknown).
        """
        if u.kind != "named":
            return None
        doc = ctx.doc
        root = doc[u.root]
        if root.dep_ in ("compound", "nmod") and _names_an_attack_or_meeting(root):
            return self._town_country(doc[u.start:u.end])
        if root.dep_ != "pobj":
            return None
        prep = root.head
        named_place = prep.lower_ == "of" and prep.head.lower_ in PLACE_NOUNS
        if not named_place and prep.lower_ not in LOCATIVE_PREPS:
            return None  # "the town of Maarat al-Numan", "north of Baghdad" are places too
        span = doc[u.start:u.end]
        key = norm(span.text)
        hits = self.kb.lookup(key)
        if hits and not all(h.entry.source in ("state", "territory") for h in hits):
            return None  # "in Hezbollah", "in Qaani's speech": an actor
        country = hits[0].entry.country if hits else self.kb.places.get(key)
        if not named_place and u.label not in ("GPE", "LOC", "FAC", "NAME") and country is None:
            return None  # a person or organisation the knowledge base does not know as a place
        if named_place or (span.start_char, span.end_char) in ctx.places or any(
                s <= span.start_char and span.end_char <= e for s, e in ctx.places):
            return country or ""
        return country

    def _town_country(self, span: Any) -> str | None:
        """The country of a town or capital, None when the name is a state's own, a territory's or
        an actor's ("the Hamas attack", "the Iran strikes" keep their doer)."""
        hits = self.kb.lookup(norm(span.text))
        if hits:
            capital = next((h for h in hits if h.entry.source == "state" and h.via == "capital"), None)
            if capital is not None:  # (also a body seated there: "the Brussels attacks" were in Brussels)
                return capital.entry.country
            return None
        country = self.kb.places.get(norm(span.text))
        if country is None and span.root.ent_type_ not in ("GPE", "LOC", "FAC"):
            return None  # a name the gazetteer does not know as a place ("the Westgate attack")
        return country or ""


def _closes_title(doc: Any, start: int, words: str, nouns: Any) -> bool:
    """Whether the words at ``start`` end a title written with "of" ("Secretary of State",
    "Chief of Staff"): the title's last word, no actor of its own."""
    return start >= 2 and doc[start - 1].lower_ == "of" and f"{token_key(doc[start - 2].text)} of {words}" in nouns


def _names_an_attack_or_meeting(tok: Any) -> bool:
    """Whether a name modifies an attack or a meeting noun through a chain of compounds ("the
    Benghazi attack", "the Moscow concert hall attack", "the Minsk agreement", "the Doha talks")."""
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("compound", "amod", "nmod") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in ATTACK_NOUNS or cur.lower_ in ATTACK_NOUNS or cur.lower_ in MEETING_NOUNS:
            return True
    return False


def _chapter_of(units: UnitCollector, s: int, e: int, hits: list[Any], named: dict[int, list[Any]]) -> Unit | None:
    """The organisation unit a state's name right after it makes a national branch of
    ("Amnesty International Kenya", "Save the Children UK"), or None: the state heads the two
    (the parser hangs the organisation's name on it), and the organisation is a private one."""
    doc = units.ctx.doc
    if s == 0 or not all(h.entry.source == "state" for h in hits):
        return None
    before = units.owner(s - 1)
    if before is None or before.end != s or before.start not in named or doc[s - 1].head.i not in range(s, e) \
            or doc[s:e].root.dep_ == "compound":
        return None
    return before if all(h.entry.source in ("org", "igo") and h.entry.sector in CHAPTER_SECTORS
                         for h in named[before.start]) else None


def _noun_forms(tok: Any, irregular: dict[str, str]) -> set[str]:
    """The forms a sector noun may be listed under: as written, lemma, singular ("rebels" -> "rebel")."""
    low = tok.lower_
    forms = {low, tok.lemma_.lower(), irregular.get(low, low)}
    if low.endswith("s"):
        forms.add(low[:-1])
    return forms


def _absorb_names(units: UnitCollector, s: int, e: int, root: int) -> None:
    """Demonyms and organisation names inside a description become part of it."""
    for i in range(s, e):
        if units.taken[i]:
            owner = units.owner(i)
            if owner is not None and owner.end <= root and owner.kind == "named":
                units.release(owner)


def _longest_free_run(taken: list[bool], start: int, end: int) -> tuple[int, int] | None:
    runs: list[list[int]] = []
    for i in range(start, end):
        if taken[i]:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    if not runs:
        return None
    run = max(runs, key=len)
    return run[0], run[-1] + 1


def _names_a_body(tok: Any) -> bool:
    """"It" that may name an organisation or a state: a subject that acts ("it said", "it
    warned") or takes a stance ("it was concerned"), or "its" as a possessor; not "it is", "it
    seems", nor "it" as an object (mostly a thing: "denied it")."""
    if tok.lower_ == "its":
        return tok.dep_ == "poss"
    if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if tok.head.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in _LEXICON["stance_adjectives"]
                                       for c in tok.head.children):
        return True  # "said it was concerned about the arrests": a body's stance
    return tok.head.lemma_ not in _LEXICON["impersonal_it_verbs"]
