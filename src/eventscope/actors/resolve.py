"""Resolve an actor phrase to its codes: "Armenian Prime Minister Nikol Pashinyan" -> ARM GOV.

The phrase is split into words, the longest knowledge-base names inside it are found by
dictionary look-up (states, demonyms, capitals, territories, IGOs, organisations, people, places),
then the sector words (titles and nouns, and their modifiers). The head of the phrase (the part
before "of/to/in/at/from") decides what the phrase is; complements add the country ("president of
the European Council") or where a diplomat is posted ("ambassador to Iraq"). People in the
knowledge base get the sector of the role they held on the document date.

The pipeline stage uses the same ``analyze_phrase`` on every mention, so the API and the stage
always agree.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..model import Role
from ..common.data import read_data_yaml
from .kb import PACKAGE, Entry, Hit, KnowledgeBase, actor_lexicon, load_kb, norm

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:'[^\W_]+)*'?|[-,()]", re.UNICODE)
_LEXICON = actor_lexicon()
_REGION_WORDS = _LEXICON["region_words"]
_WATER_HEADS = frozenset(_LEXICON["water_heads"])
# The sectors of a state's own bodies (government, army, police, courts, legislature, intelligence).
STATE_BODY_SECTORS = frozenset(_LEXICON["not_coreferent_org_sectors"])
PREPOSITIONS = _LEXICON["prepositions"]
# Participles of patronage: "Iran-backed militias" are militias, not Iran.
PATRON_WORDS = frozenset(_LEXICON["patron_words"])
# Sectors of private organisations that have national branches ("Amnesty International Kenya").
CHAPTER_SECTORS = frozenset({"NGO", "BUS", "MED", "JRN", "EDU", "HLH", "SOC"})
_DIPLOMATIC = _LEXICON["diplomatic_titles"]
_LOOSE_ROLE_KEYS = _LEXICON["loose_role_keys"]
_PERSON_PRONOUNS = _LEXICON["bare_pronouns"]
# Head nouns after an organisation's name that keep it the head ("the Hezbollah group").
_ORG_HEAD_NOUNS = _LEXICON["org_head_nouns"]
_NOT_PLURAL = _LEXICON["not_plural"]
_ARMED_SECTORS = frozenset({"REB", "MIL", "PRM", "UAF"})  # sides that fight


def today() -> str:
    """Today's ISO date: the default of ``resolve_actor`` (never read inside a cached function)."""
    return _dt.date.today().isoformat()


@dataclass
class Tok:
    text: str  # as written
    key: str  # normalised
    base: str  # normalised, possessive 's removed
    poss: bool = False
    cap: bool = False
    hyph: bool = False  # followed by a hyphen ("Iran-backed")


@dataclass
class Match:
    start: int
    end: int
    hits: list[Hit] | None = None  # KB match
    code: str | None = None  # sector noun/modifier match
    noun: str | None = None  # normalised noun (singular)
    modifier: bool = False
    place: str | None = None  # ISO3 of a sub-national place


@dataclass
class PhraseInfo:
    """What a phrase says about an actor."""

    text: str
    name: str | None = None  # canonical (knowledge-base) name when known
    label: str | None = None  # a readable name for the actor even when not in the KB
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    entry: Entry | None = None
    via: str | None = None
    roles: list[Role] = field(default_factory=list)
    title: str | None = None
    role_key: str | None = None
    posted_to: str | None = None
    former: bool = False
    plural: bool = False
    head: str | None = None
    person_name: str | None = None  # capitalised name words not explained by the KB
    org_entry: Entry | None = None  # organisation named in the phrase (head or complement)
    secondary_sector: str | None = None
    country_source: str | None = None  # "place" when only a sub-national place gave the country

    @property
    def found(self) -> bool:
        return bool(self.entry or self.country or self.sector)


@dataclass
class _Parse:
    """Working state of one description while ``_analyze_one`` reads it."""

    toks: list[Tok]
    date: str
    ctx_country: str | None
    matches: list[Match]
    head: list[Match]  # matches before the first preposition
    comps: list[tuple[str, list[Match]]]  # (preposition, matches) after it
    kb_head: list[Match]
    nouns: list[Match]
    mods: list[Match]
    head_noun: Match | None
    name_words: list[str]
    head_entity: Match | None = None
    comp_noun: bool = False  # a sector noun in a complement ("a member of the army")
    country: str | None = None
    sector: str | None = None
    kind: str | None = None


def tokenize(text: str) -> list[Tok]:
    raw = _TOKEN.findall(text.replace("’", "'").replace("‘", "'"))
    toks: list[Tok] = []
    for r in raw:
        if r == "-":
            if toks:
                toks[-1].hyph = True
            continue
        if r in "(),":
            toks.append(Tok(r, r, r))
            continue
        poss = False
        body = r
        low = r.lower()
        if low.endswith("'s") and len(r) > 2:
            body, poss = r[:-2], True
        elif low.endswith("s'") and len(r) > 2:
            body, poss = r[:-1], True
        k = norm(r)
        b = norm(body)
        toks.append(Tok(r, k, b, poss, r[:1].isupper() or r[:1].isdigit()))
    return toks


def _singulars(word: str, irregular: dict[str, str]) -> list[str]:
    out = [word]
    if word in irregular:
        out.append(irregular[word])
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        out.append(word[:-1])
    return out


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    """Words in front of a name that are no given name ("Mr.", "Sheikh", "Dr."): Phoenix's list,
    read on first use (not at every start)."""
    return frozenset(norm(h) for h in read_data_yaml(PACKAGE, "phoenix_codes.yaml").get("honorifics", []))


def _name_skeleton(word: str) -> str:
    """A name's consonants as they sound, for matching transliterations: "Qassem", "Kasem" ->
    "ksm"; "Muhammad", "Mohamed" -> "mhmd"."""
    w = word.lower().replace("ph", "f").replace("q", "k").replace("c", "k")
    out = []
    for ch in w:
        if ch.isalpha() and ch not in "aeiouyhw'" and (not out or out[-1] != ch):
            out.append(ch)
    return "".join(out)


class PhraseResolver:
    """Resolves phrases against the knowledge base (one per process, see ``get_resolver``)."""

    def __init__(self, kb: KnowledgeBase | None = None):
        self.kb = kb or load_kb()
        self.sec = self.kb.sectors

    # ------------------------------------------------------------------ matching
    def _kb_hits(self, key: str, toks: list[Tok], i: int, j: int, context_country: str | None, *,
                 lower_phrase: bool, whole: bool) -> list[Hit]:
        hits = self.kb.lookup(key)
        if not hits:
            return []
        words = toks[i:j]
        if not lower_phrase:
            if not any(t.cap for t in words):
                return []
            if len(key.replace(" ", "")) <= 3 and not all(
                    t.text.replace(".", "").isupper() or sum(c.isupper() for c in t.text) >= 2 for t in words) \
                    and not all(h.entry.kind == "person" and h.via == "name" for h in hits):
                return []  # (a person's own short name stays: "Xi", "Abe")
        elif len(key) < 4 and not whole:
            return []
        good = []
        for h in hits:
            if h.context_only and not whole and context_country != h.entry.country:
                continue
            if h.via == "surname" and not (whole or (words[0].cap and not lower_phrase)):
                continue
            if i > 0 and toks[i - 1].key != "the" and h.entry.name.startswith("the ") and h.via == "name" \
                    and key == norm(h.entry.name)[4:]:
                continue  # a name written with its article ("the West"): "Kanye West" is someone else
            if j - i == 1 and not toks[i].cap and h.entry.named_by_common_noun(key):
                continue  # "the commission" written small is the common noun, not "the Commission" of the EU
            if h.entry.source in ("org", "igo") and j - i == 1 and i > 0 and toks[i - 1].cap and not lower_phrase \
                    and toks[i - 1].key != "the" and h.entry.named_by_common_noun(key) \
                    and not self.kb.lookup(toks[i - 1].key):
                continue  # "the Electoral Commission" is no European Commission ("the Commission"): a longer name
            if h.entry.source == "person" and j - i == 1 and i > 0 and self._other_given_name(toks[i - 1], h.entry):
                continue  # "Jay Carney" is not the knowledge base's Mark Carney
            if h.entry.source == "org" and j - i == 1 and i > 1 and self._other_given_name(toks[i - 1], h.entry) \
                    and (self._other_given_name(toks[i - 2], h.entry) or toks[i - 2].base in self.sec.role_keys
                         or toks[i - 2].base in _honorifics()):
                continue  # "Minister Therese Wagner" is a person, no Wagner Group ("Rival Hamas fighters" is)
            if h.entry.source in ("org", "igo") and j - i == 1 and j < len(toks) and self._unexplained_cap(toks[j]) \
                    and not words[0].text.isupper() and _acronym_only(h.entry, key):
                continue  # "Rand Paul" is a senator, not the RAND Corporation (an acronym written as a name)
            good.append(h)
        return good

    def _other_given_name(self, tok: Tok, person: Entry) -> bool:
        """Whether ``tok``, right before a one-word name of ``person``, is another person's given
        name: a capitalised word no title, honorific, sector word or known name explains, and no
        spelling of the person's own given names ("Kassem" is Qasem Soleimani's; "Jay" is not Mark
        Carney's). An initial such as "J." is no given name of its own.
        """
        if len(tok.base.replace(".", "")) <= 1 or tok.base in _honorifics() or not self._unexplained_cap(tok):
            return False
        written = _name_skeleton(tok.base)
        for word in norm(person.name).split()[:-1]:
            own = _name_skeleton(word)
            if own and written and (own.startswith(written) or written.startswith(own)):
                return False
        return True

    def _starts_name(self, toks: list[Tok]) -> bool:
        for L in range(min(5, len(toks)), 1, -1):
            key = " ".join([t.key for t in toks[:L - 1]] + [toks[L - 1].base])
            if self.kb.lookup(key) or key in self.kb.places:
                return True
        return False

    def _unexplained_cap(self, tok: Tok) -> bool:
        k = tok.base
        return (tok.cap and k not in self.sec.nouns and k not in self.sec.modifiers
                and k not in PREPOSITIONS and k not in self.sec.role_keys and not self._known_as_written(tok)
                and k not in ("the", "and") and not any(k == q[0] for q in self.sec.quantifiers))

    def _known_as_written(self, tok: Tok) -> bool:
        """A knowledge-base name, unless only an acronym reads so and this word is no acronym ("Rand")."""
        hits = self.kb.lookup(tok.base)
        return any(tok.text.isupper() or not _acronym_only(h.entry, tok.base) for h in hits)

    def _in_name(self, toks: list[Tok], i: int, j: int, matches: list[Match]) -> bool:
        """A place name inside a person's name ("Feliciano Valencia") is not a place. A place of
        several words may stand before a name ("New Mexico Democratic Senator Tom Udall", "Niger
        Delta Avengers"): read as no place, the state inside it took its country (Mexico, Niger)."""
        before = i > 0 and toks[i - 1].key not in ",()" and not (matches and matches[-1].end == i) \
            and self._unexplained_cap(toks[i - 1])
        after = j - i == 1 and j < len(toks) and toks[j].key not in ",()" and self._unexplained_cap(toks[j])
        return bool(before or after)

    def _scan(self, toks: list[Tok], context_country: str | None, *, strict_case: bool = False) -> list[Match]:
        n = len(toks)
        lower_phrase = not strict_case and not any(t.cap for t in toks)
        matches: list[Match] = []
        covered = [False] * n
        maxlen = min(self.kb.max_alias_len, 9)
        i = 0
        while i < n:
            found = None
            if toks[i].key in ",()":
                i += 1
                continue
            for L in range(min(maxlen, n - i), 0, -1):
                seg = toks[i:i + L]
                if any(t.key in ",()" for t in seg):
                    continue
                keys = [" ".join([t.key for t in seg[:-1]] + [seg[-1].base])]
                if seg[-1].poss:
                    keys.append(" ".join(t.key for t in seg))
                for key in keys:
                    hits = self._kb_hits(key, toks, i, i + L, context_country, lower_phrase=lower_phrase, whole=L == n)
                    if hits and matches and matches[-1].end == i and L < n:
                        # "Chile's Defense Department", "Santa Marta Self Defense Forces": a
                        # generic organisation name after another country's name is not that org.
                        prev = matches[-1]
                        prev_c = prev.place or (prev.hits[0].entry.country if prev.hits and
                                                prev.hits[0].entry.source in ("state", "territory") else None)
                        hits = [h for h in hits if not (h.entry.source in ("org", "igo") and prev_c
                                                        and h.entry.country not in (prev_c, None))]
                    if hits and i > 0 and key in self.sec.nouns and self._unexplained_cap(toks[i - 1]):
                        # "Santa Marta Self Defense Forces" is not Japan's Self-Defense Forces.
                        hits = [h for h in hits if h.entry.source not in ("org", "igo")]
                    if hits:
                        found = Match(i, i + L, hits=hits)
                        break
                    if (L <= 4 and key in self.kb.places and (seg[0].cap or lower_phrase)
                            and key not in self.sec.nouns and key not in self.sec.modifiers
                            and (len(key) > 3 or "." in seg[-1].text)
                            and not self._in_name(toks, i, i + L, matches)):
                        found = Match(i, i + L, place=self.kb.places[key])
                        break
                if found:
                    break
            if found:
                matches.append(found)
                for k in range(found.start, found.end):
                    covered[k] = True
                i = found.end
            else:
                i += 1
        # Sector words over what the KB did not explain.
        matches.extend(self._sector_words(toks, covered))
        matches.sort(key=lambda m: m.start)
        return matches

    def _sector_words(self, toks: list[Tok], covered: list[bool]) -> list[Match]:
        """Sector nouns and modifiers ("defense secretary", "Iraqi") over the tokens not ``covered``
        by a knowledge-base name, longest first."""
        matches: list[Match] = []
        n = len(toks)
        i = 0
        maxn = self.sec.max_noun_len
        while i < n:
            if covered[i] or toks[i].key in ",()":
                i += 1
                continue
            got = None
            for L in range(min(maxn, n - i), 0, -1):
                seg = toks[i:i + L]
                if any(covered[k] for k in range(i, i + L)) or any(t.key in ",()" for t in seg):
                    continue
                head = seg[-1].base
                for sing in _singulars(head, self.sec.irregular):
                    key = " ".join([t.key for t in seg[:-1]] + [sing])
                    if key in self.sec.nouns:
                        got = Match(i, i + L, code=self.sec.nouns[key], noun=key)
                        break
                if got:
                    break
                key = " ".join(t.key for t in seg)
                if key in self.sec.modifiers:
                    got = Match(i, i + L, code=self.sec.modifiers[key], noun=key, modifier=True)
                    break
            if got:
                matches.append(got)
                i = got.end
            else:
                i += 1
        return matches

    def _written_office(self, name_toks: list[Tok]) -> str | None:
        """The office sector of a title written inside a person's knowledge-base name.

        Why: some names carry their title ("Defense Secretary Ash Carter" is one alias), so the
        title never reaches the head-noun step. Read at a date after all his roles ended, the
        person is "former" (ELI); but the text calls him Defense Secretary at the time it was
        written, and "former" is written when meant (the caller checks it).
        """
        for m in self._sector_words(name_toks, [False] * len(name_toks)):
            if not m.modifier and m.code in _LEXICON["office_sectors"]:
                return m.code
        return None

    # ------------------------------------------------------------------ analysis
    def analyze(self, text: str, context: str | None = None, *, date: str, role_lookup: bool = True,
                appositions: bool = True, strict_case: bool = False) -> PhraseInfo:
        """Everything the phrase says about an actor (see ``PhraseInfo``).

        date (str): ISO date the roles are read at (the caller decides; nothing here reads the clock).
        role_lookup (bool): a title with no name may name the one person holding it on ``date``.
        appositions (bool): read "X, the Y of Z" as two descriptions of one actor (the stage
            passes False: it reads appositions from the parse, and commas there are lists).
        strict_case (bool): names must be capitalised even in an all-lower-case phrase (the
            stage passes True: in running text "more" is a word, not a town).
        """
        ctx_country = self._context_country(context, date) if context else None
        parts = [p.strip() for p in re.split(r",\s+", text.strip()) if p.strip()] if appositions else [text]
        if len(parts) > 1:
            infos = [self._analyze_one(p, ctx_country, date, role_lookup=role_lookup, strict_case=strict_case)
                     for p in parts[:3]]
            main = next((x for x in infos if x.entry is not None and x.entry.source == "person"), None) \
                or next((x for x in infos if x.entry is not None), None) or infos[0]
            for other in infos:
                if other is main:
                    continue
                if main.country is None and other.country:
                    main.country = other.country
                if main.sector is None and other.sector:
                    main.sector = other.sector
                if main.kind is None and other.kind:
                    main.kind = other.kind
                main.roles.extend(other.roles)
                if main.entry is None and other.person_name and not main.person_name:
                    main.person_name = other.person_name
                    main.kind = "person"
            main.text = text
            return main
        return self._analyze_one(text, ctx_country, date, role_lookup=role_lookup, strict_case=strict_case)

    def _context_country(self, context: str, date: str) -> str | None:
        return self._analyze_one(context, None, date, role_lookup=False).country

    def _analyze_one(self, text: str, ctx_country: str | None, date: str, *, role_lookup: bool,
                     strict_case: bool = False) -> PhraseInfo:
        """One description: lead words, KB names and sector words, head and complements, then
        the codes in order (head entity, head country, head noun, complements, story context,
        the holder of a bare title on ``date``)."""
        info = PhraseInfo(text=text)
        toks = self._strip_lead(tokenize(text), info)
        if not toks:
            return info
        if len(toks) == 1 and toks[0].key in _PERSON_PRONOUNS:
            info.sector, info.kind = "UNK", "person" if toks[0].key not in ("they", "them", "their") else "group"
            return info
        if any(t.key in self.sec.former for t in toks[:3]):
            info.former = True
        p = self._parse(toks, ctx_country, date, strict_case=strict_case)
        self._head_entity(p, info)
        if p.country is None:
            self._head_country(p, info)
        if p.head_noun is not None and (info.entry is None or info.entry.source != "person"
                                        or (p.sector in (None, "ELI") and not info.former)):
            self._head_noun(p, info)
        elif p.mods and p.sector is None and info.entry is None:
            p.sector = p.mods[-1].code
            p.kind = p.kind or "group"
        if p.country is None:
            self._complement_country(p, info)
        if p.country is None and ctx_country and not any(t.base in self.sec.not_from_story for t in toks):
            p.country = ctx_country  # (not "foreign fighters", "European leaders": from elsewhere)
        self._bare_names(p, info)
        if role_lookup:
            self._title_holder(p, info)
        self._title_role(p, info)
        if p.head_entity is not None and info.via == "demonym" and p.head_entity.end == len(toks) \
                and (p.head_noun is not None or p.mods or len(toks) > 1):
            p.kind, info.name = "group", None  # "displaced Sudanese", "ordinary Kazakhs"
        info.country, info.sector, info.kind = p.country, p.sector, p.kind
        if info.kind is None and (p.country or p.sector):
            info.kind = "group"
        info.label = info.name or info.person_name or _clean_label(toks)
        return info

    def _strip_lead(self, toks: list[Tok], info: PhraseInfo) -> list[Tok]:
        """Drop leading determiners, numbers, quantifiers and "former" (noted on ``info``)."""
        changed = True
        while changed and toks:
            changed = False
            keys = tuple(t.key for t in toks)
            if toks[0].key in self.sec.former:
                info.former = True
                toks = toks[1:]
                changed = True
                continue
            if toks[0].key.isdigit():
                toks = toks[1:]
                changed = True
                continue
            if toks[0].cap and self._starts_name(toks):
                break  # "New York City", "Top Gear": a name, not a quantifier
            for q in self.sec.quantifiers:
                if keys[:len(q)] == q and len(q) < len(toks):
                    toks = toks[len(q):]
                    changed = True
                    break
        return toks

    def _parse(self, toks: list[Tok], ctx_country: str | None, date: str, *, strict_case: bool) -> _Parse:
        """Matches, head segment and complements ("of/to/in ..." outside KB names)."""
        matches = self._scan(toks, ctx_country, strict_case=strict_case)
        if any(t.key in _REGION_WORDS for t in toks):
            matches = _unregional(toks, matches)
        inside = set()
        for m in matches:
            inside.update(range(m.start + 1, m.end))
        head_end = len(toks)
        for k, t in enumerate(toks):
            if k > 0 and t.key in PREPOSITIONS and k not in inside:
                head_end = k
                break
        head = [m for m in matches if m.end <= head_end]
        comps: list[tuple[str, list[Match]]] = []
        if head_end < len(toks):
            cur_prep, cur = toks[head_end].key, []
            for k in range(head_end + 1, len(toks)):
                if toks[k].key in PREPOSITIONS and k not in inside:
                    comps.append((cur_prep, cur))
                    cur_prep, cur = toks[k].key, []
                    continue
                cur.extend(m for m in matches if m.start == k)
            comps.append((cur_prep, cur))
        explained = set()
        for m in matches:
            explained.update(range(m.start, m.end))
        # Capitalised words the KB and the vocabulary do not explain: a person's or an org's name.
        name_words = [t.text for k, t in enumerate(toks[:head_end])
                      if k not in explained and t.cap and t.key not in PREPOSITIONS and t.key not in ",()"
                      and t.key not in ("and", "the")]
        nouns = [m for m in head if m.code and not m.modifier]
        return _Parse(toks=toks, date=date, ctx_country=ctx_country, matches=matches, head=head, comps=comps,
                      kb_head=[m for m in head if m.hits], nouns=nouns,
                      mods=[m for m in head if m.code and m.modifier],
                      head_noun=nouns[-1] if nouns else None, name_words=name_words)

    def pick(self, hits: list[Hit], ctx_country: str | None) -> Hit:
        """The hit a name means: one of the context's country, else a name before a demonym or
        capital, a person before an organisation before a state."""
        if ctx_country:
            for h in hits:
                if h.entry.country == ctx_country:
                    return h
        order = {"person": 0, "org": 1, "igo": 2, "territory": 3, "state": 4}
        return sorted(hits, key=lambda h: (h.context_only, h.via != "name", order.get(h.entry.source, 9)))[0]

    def _entity_country(self, p: _Parse, m: Match) -> str | None:
        if m.place:
            return m.place
        e = self.pick(m.hits, p.ctx_country).entry
        return e.country_at(p.date) if e.source == "person" else e.country

    def _head_entity(self, p: _Parse, info: PhraseInfo) -> None:
        """1. The knowledge-base entity that is the head of the phrase, and its codes."""
        head_noun, kb_head = p.head_noun, p.kb_head
        person_m = next((m for m in reversed(kb_head) if self.pick(m.hits, p.ctx_country).entry.source == "person"),
                        None)
        if person_m is not None and (head_noun is None or head_noun.start < person_m.start):
            p.head_entity = person_m
        elif kb_head:
            last = kb_head[-1]
            if head_noun is None or head_noun.start < last.start:
                p.head_entity = last
            elif head_noun.noun.split()[-1] in self.sec.generic_heads \
                    and self.pick(last.hits, p.ctx_country).entry.source in ("org", "igo") \
                    and head_noun.noun.split()[-1] in _ORG_HEAD_NOUNS and head_noun.start == last.end:
                p.head_entity = last  # "the ISIL group", "the ISIL terrorist group": ISIL
        if p.head_entity is None:
            return
        chapter = self._national_chapter(p)
        if chapter is not None:  # "Amnesty International Kenya": the organisation, in Kenya
            p.head_entity, country = chapter
            h = self.pick(p.head_entity.hits, p.ctx_country)
            info.entry, info.via, info.name, info.org_entry = h.entry, h.via, h.entry.name, h.entry
            p.kind, p.country, p.sector = h.entry.kind, country, h.entry.sector_at(p.date)
            return
        h = self.pick(p.head_entity.hits, p.ctx_country)
        e = h.entry
        info.entry, info.via, info.name = e, h.via, e.name
        if e.source == "person":
            p.kind, p.country, p.sector = "person", e.country_at(p.date), e.sector_at(p.date)
            if p.sector == "ELI" and not info.former:
                p.sector = self._written_office(p.toks[p.head_entity.start:p.head_entity.end]) or p.sector
            if not info.former and self._written_office(p.toks[:p.head_entity.start]) == "OPP":
                # in opposition when the text was written, whatever office the dictionary's dated
                # roles still give him ("Opposition leader Raila Odinga", once prime minister)
                p.sector = "OPP"
            role = e.role_at(p.date)
            if role is not None:
                info.roles.append(Role(title=role.title, country=role.country, sector=role.sector,
                                       start=role.start, end=role.end))
        elif e.source in ("org", "igo"):
            p.kind, p.country, p.sector = e.kind, e.country, e.sector_at(p.date)
            info.org_entry = e
        else:  # state or territory
            p.kind = e.kind if e.source == "territory" else "state"
            p.country = e.country
            p.sector = e.sector if e.source == "territory" else None
            ent = p.head_entity
            if h.via == "capital" and len(p.toks) == ent.end - ent.start:
                p.sector = "GOV"
                key = " ".join(t.base for t in p.toks[ent.start:ent.end])
                info.name = self.kb.place_names.get(key, info.name)
            if h.via == "demonym" and p.toks[ent.end - 1].key.endswith("s") \
                    and p.toks[ent.end - 1].key != norm(e.name):
                p.kind = "group"
                info.name = None
                if p.mods:
                    p.sector = p.mods[-1].code

    def _national_chapter(self, p: _Parse) -> tuple[Match, str] | None:
        """(the organisation, the country) of a phrase that ends in an organisation's name and a
        state's, one right after the other ("Amnesty International Kenya", "Save the Children UK"):
        the organisation's branch in that country, not the state."""
        last = p.head_entity
        if p.head_noun is not None or last.end != len(p.toks) or len(p.kb_head) < 2:
            return None
        state = self.pick(last.hits, p.ctx_country).entry
        before = p.kb_head[-2]
        org = self.pick(before.hits, p.ctx_country).entry
        if state.source != "state" or before.end != last.start or org.source not in ("org", "igo") \
                or org.sector_at(p.date) not in CHAPTER_SECTORS:
            return None
        return before, state.country

    def _head_country(self, p: _Parse, info: PhraseInfo) -> None:
        """2. Country signals from the head segment (possessives, demonyms, orgs, places)."""
        toks = p.toks
        cands = [m for m in p.head if (m.hits or m.place) and not _patron(toks, m)]
        poss = [m for m in cands if toks[m.end - 1].poss]
        chosen = poss[0] if poss else (cands[-1] if cands else None)
        if not poss and len({self._entity_country(p, m) for m in cands}) > 1 and any(
                t.key in ("and", ",", "or") for t in toks[cands[0].end:cands[-1].start]):
            chosen = None  # "American, British and French workers": several countries
        if chosen is None:
            return
        p.country = self._entity_country(p, chosen)
        if p.country is None and not poss and chosen.hits and len(cands) > 1:
            entry = self.pick(chosen.hits, p.ctx_country).entry
            if entry.source == "org" and entry.sector_at(p.date) in STATE_BODY_SECTORS:
                # a state body any state has ("the Philippine National Security Council"): the
                # state named before it
                p.country = next((c for m in reversed(cands[:-1]) if (c := self._entity_country(p, m))), None)
        if chosen.place:
            info.country_source = "place"
        if chosen.hits and self.pick(chosen.hits, p.ctx_country).entry.source in ("org", "igo"):
            info.org_entry = self.pick(chosen.hits, p.ctx_country).entry

    def _head_noun(self, p: _Parse, info: PhraseInfo) -> None:
        """3. The head noun: sector, kind, title (and the country an ambassador is posted to)."""
        head_noun = p.head_noun
        noun = head_noun.noun or ""
        nsector = head_noun.code
        org_m = [m for m in p.kb_head if self.pick(m.hits, p.ctx_country).entry.source in ("org", "igo")
                 and m.start < head_noun.start]
        comp_org, comp_noun = self._complement_org_and_noun(p)
        p.comp_noun = comp_noun is not None
        if info.former and nsector in _LEXICON["former_office_sectors"]:
            p.sector = "ELI"
        elif noun in self.sec.generic_heads:
            p.sector = self._generic_head_sector(p, info, nsector, org_m, comp_org, comp_noun)
        elif org_m and (nsector in _LEXICON["member_sectors"] or (
                nsector not in _ARMED_SECTORS
                and self.pick(org_m[-1].hits, p.ctx_country).entry.sector_at(p.date) in _LEXICON["member_org_sectors"])):
            # "Hamas fighters"; "U.N. investigators", "the IAEA board", "NATO ambassadors": people of an
            # international or non-governmental body act for it (they are no police, firm or government)
            org = self.pick(org_m[-1].hits, p.ctx_country).entry
            p.sector = org.sector_at(p.date)
            info.org_entry = info.org_entry or org
        elif nsector == "UNK" and p.mods:
            p.sector = p.mods[-1].code
        elif noun in _LEXICON["grouping_heads"] and len(p.nouns) > 1 and p.nouns[-2].end == head_noun.start \
                and p.nouns[-2].code not in (None, "UNK"):
            p.sector = p.nouns[-2].code  # "the gang coalition": gangs grouped, no party
        else:
            p.sector = nsector
        if p.sector == "UNK" and p.mods:
            p.sector = p.mods[-1].code
        info.head = noun
        lb = p.toks[head_noun.end - 1].base
        info.plural = lb in self.sec.irregular or (
            lb.endswith("s") and not lb.endswith(("ss", "us", "is")) and lb not in _NOT_PLURAL)
        if info.entry is None or info.entry.source != "person":
            p.kind = self._noun_kind(noun, plural=info.plural)
            if p.name_words and p.kind == "person":
                info.person_name = " ".join(p.name_words)
        title_start = min([m.start for m in p.head if m.code] + [head_noun.start])
        info.title = " ".join(t.text for t in p.toks[title_start:head_noun.end])
        info.role_key = self.kb_role_key(info.title)
        for prep, ms in p.comps:
            if prep == "to" and (noun in _DIPLOMATIC or noun.split()[-1] in _DIPLOMATIC):
                for m in ms:
                    if m.hits or m.place:
                        info.posted_to = self._entity_country(p, m)
                        break

    def _complement_org_and_noun(self, p: _Parse) -> tuple[Entry | None, Match | None]:
        comp_org = None
        comp_noun = None
        for prep, ms in p.comps:
            if prep in _LEXICON["complement_org_preps"]:
                for m in ms:
                    if m.hits and self.pick(m.hits, p.ctx_country).entry.source in ("org", "igo") and comp_org is None:
                        comp_org = self.pick(m.hits, p.ctx_country).entry
                    if m.code and not m.modifier and comp_noun is None:
                        comp_noun = m
        return comp_org, comp_noun

    def _generic_head_sector(self, p: _Parse, info: PhraseInfo, nsector: str | None, org_m: list[Match],
                             comp_org: Entry | None, comp_noun: Match | None) -> str | None:
        """"officials", "leaders": the sector of what they belong to ("regime forces": its armed side)."""
        prev_nouns = [m for m in p.nouns[:-1] if m.noun not in self.sec.generic_heads and m.code not in ("UNK",)]
        if p.mods or prev_nouns:
            owner = p.mods[-1] if p.mods else prev_nouns[-1]
            whose = comp_org.sector_at(p.date) if comp_org is not None else comp_noun.code if comp_noun is not None else None
            if owner.code == "OPP" and whose in _ARMED_SECTORS:
                return whose  # "a dissident faction of the former FARC rebels": a split of an armed group is armed
            if p.head_noun.noun in self.sec.armed_heads:
                word = " ".join(t.base for t in p.toks[owner.start:owner.end])
                return self.sec.armed_sides.get(word, owner.code)
            return owner.code
        if org_m:
            org = self.pick(org_m[-1].hits, p.ctx_country).entry
            info.org_entry = info.org_entry or org
            sector = org.sector_at(p.date)
            if sector == "GOV" and p.head_noun.noun in self.sec.armed_heads:
                return self.sec.armed_sides.get("government", sector)  # "Assad government forces"
            return sector
        if comp_org is not None:
            info.org_entry = comp_org
            return comp_org.sector_at(p.date)
        if comp_noun is not None and comp_noun.code not in ("UNK",):
            return comp_noun.code
        return nsector

    def _noun_kind(self, noun: str, *, plural: bool) -> str:
        last = noun.split()[-1]
        if (noun in self.sec.org_nouns or last in self.sec.org_nouns) and not plural:
            return "organization"
        if plural or last in self.sec.collective:
            return "organization" if noun in self.sec.org_nouns else "group"
        return "person"

    def _complement_country(self, p: _Parse, info: PhraseInfo) -> None:
        """4. Country from complements ("president of the European Council", "people in the UK")."""
        for prep, ms in p.comps:
            if prep == "to" and info.posted_to:
                continue
            if prep in _LEXICON["complement_country_preps"]:
                for m in ms:
                    if _in_water_name(p.toks, m):
                        continue  # ("a tanker in the Gulf of Oman": no Omani tanker)
                    if (m.hits or m.place) and not _patron(p.toks, m):  # ("commander of the Iran-backed Hezbollah")
                        p.country = self._entity_country(p, m)
                        if m.hits and self.pick(m.hits, p.ctx_country).entry.source in ("org", "igo") \
                                and info.org_entry is None:
                            info.org_entry = self.pick(m.hits, p.ctx_country).entry
                        break
            if p.country:
                break

    def _bare_names(self, p: _Parse, info: PhraseInfo) -> None:
        """A phrase that is only a place, or only an unknown name (perhaps "of" an organisation)."""
        toks = p.toks
        if (info.entry is None and p.head_noun is None and len(p.matches) == 1 and p.matches[0].place
                and p.matches[0].end - p.matches[0].start == len(toks)):
            info.name = self.kb.place_names.get(" ".join(t.base for t in toks))
            info.country_source = "place"
            p.kind = p.kind or "group"
        if info.entry is None and p.head_noun is None and p.name_words and not p.kb_head:
            info.person_name = " ".join(p.name_words)
            # "Sarah Jones of Human Rights Watch": the person takes the organisation's codes
            for prep, ms in p.comps:
                if prep in ("of", "from", "with"):
                    org = next((self.pick(m.hits, p.ctx_country).entry for m in ms if m.hits
                                and self.pick(m.hits, p.ctx_country).entry.source in ("org", "igo")), None)
                    if org is not None:
                        p.country = p.country or org.country
                        p.sector = p.sector or org.sector_at(p.date)
                        p.kind = "person"
                        info.org_entry = org
                    break

    def _title_holder(self, p: _Parse, info: PhraseInfo) -> None:
        """5. A title with no name: who held it on that date? ("the US president" in 2019)."""
        e = info.entry
        if e is not None and e.kind == "person" and e.source in ("igo", "org") and not info.former:
            # an office in the knowledge base ("UN Secretary-General"): its holder on the date
            key = self.kb_role_key(e.name)
            holder = self._role_holder(key, e.country, None, p.date) if key else None
            if holder is not None:
                person, role = holder
                info.entry, info.via, info.name = person, "role", person.name
                info.roles.append(Role(title=role.title, country=role.country, sector=role.sector,
                                       start=role.start, end=role.end))
            return
        if (info.entry is None and p.head_noun is not None and not info.former and not p.comp_noun
                and not info.plural and not p.name_words and info.role_key and p.kind == "person"):
            holder = self._role_holder(info.role_key, p.country, info.org_entry, p.date)
            if holder is not None:
                e, role = holder
                info.entry, info.via, info.name = e, "role", e.name
                p.sector = role.sector or p.sector
                info.roles.append(Role(title=role.title, country=role.country, sector=role.sector,
                                       start=role.start, end=role.end))

    def _title_role(self, p: _Parse, info: PhraseInfo) -> None:
        """The title as written becomes the actor's first role ("commander of the Quds Force")."""
        if not info.title or not (info.entry is None or info.via == "role" or info.entry.source == "person"):
            return
        if p.head_noun is None or p.kind != "person":
            return
        title_text = info.title
        for prep, ms in p.comps:
            if prep == "of" and ms:
                first = min(m.start for m in ms)
                last = max(m.end for m in ms)
                title_text += " of " + " ".join(t.text for t in p.toks[first:last])
                break
        info.roles.insert(0, Role(title=title_text, country=p.country, sector=p.sector, posted_to=info.posted_to))

    def kb_role_key(self, title: str) -> str | None:
        from .kb import role_key_of

        return role_key_of(title, self.sec)

    def _role_holder(self, key: str, country: str | None, org: Entry | None, date: str):
        cands = []
        if org is not None:
            cands = [(e, r) for e, r in self.kb.role_index.get((key, org.id), []) if r.active(date)]
        # "commander", "spokesman" and "chief" name one person only together with their
        # organisation; alone ("the UN chief", "an army commander") they are too loose.
        if not cands and country and key not in _LOOSE_ROLE_KEYS:
            cands = self.kb.persons_with_role(key, country, date)
        people = {e.id for e, _ in cands}
        if len(people) == 1:
            return cands[0]
        return None


def _patron(toks: list[Tok], m: Match) -> bool:
    """Whether a match names a patron, a side taken or a topic, not the phrase's own country: "Iran"
    in "Iran-backed militias", "Russia" in "pro-Russia separatists", "Taiwan" in "the Taiwan Affairs
    Office" (China's)."""
    return (toks[m.end - 1].hyph and m.end < len(toks) and toks[m.end].key in PATRON_WORDS) or (
        m.start > 0 and toks[m.start - 1].hyph and toks[m.start - 1].key in ("pro", "anti")) or (
        m.end < len(toks) and toks[m.end].key == "affairs"
        and (m.place or bool(m.hits) and all(h.entry.source in ("state", "territory") for h in m.hits)))


def _clean_label(toks: list[Tok]) -> str:
    return " ".join(t.text for t in toks if t.key not in ",()").strip()


@lru_cache(maxsize=1)
def get_resolver() -> PhraseResolver:
    """The process-wide resolver (the knowledge base is loaded once)."""
    return PhraseResolver()


@lru_cache(maxsize=65536)
def analyze_phrase(text: str, context: str | None = None, *, date: str, role_lookup: bool = True,
                   appositions: bool = True, strict_case: bool = False) -> PhraseInfo:
    """Cached ``PhraseResolver.analyze`` (mentions repeat a lot across a corpus).

    The date is an argument, never today's: a cached answer must not depend on when it was made.
    """
    return get_resolver().analyze(text, context, date=date, role_lookup=role_lookup,
                                  appositions=appositions, strict_case=strict_case)


def resolve_actor(text: str, context: str | None = None, date: str | None = None) -> dict[str, Any] | None:
    """Resolve an actor phrase to its codes (contract section 2).

    text (str): the actor phrase, e.g. "Armenian Prime Minister Nikol Pashinyan".
    context (str | None): nearby words that may give the country ("Mexico", "Saudi").
    date (str | None): ISO date of the document; time-bounded roles are read at this date
        (default: today).
    RETURNS (dict | None): {"name", "country", "sector", "kind", "roles", "kb_id", "text", ...}
        or None when nothing in the phrase identifies an actor.
    """
    if not text or not text.strip():
        return None
    info = analyze_phrase(text.strip(), context, date=date or today())
    if not info.found:
        return None
    return {
        "name": info.name,
        "label": info.label,
        "country": info.country,
        "sector": info.sector,
        "kind": info.kind,
        "roles": [r.__dict__.copy() for r in info.roles],
        "kb_id": info.entry.id if info.entry else None,
        "posted_to": info.posted_to,
        "text": text,
    }


def _acronym_only(entry: Entry, key: str) -> bool:
    """Whether every name of ``entry`` that reads as ``key`` is written in capitals ("RAND")."""
    forms = [f for f in (entry.name, *entry.aliases) if norm(f) == key]
    return bool(forms) and all(f.replace(".", "").replace("-", "").isupper() for f in forms)


def regional(before: tuple[bool, str] | None, first: tuple[bool, str], words: int,
             after: tuple[bool, str] | None) -> bool:
    """Whether a name is half of a region's adjective: a demonym after a capitalised region word
    ("Latin American", "West African"), or a one-word region word before a capitalised demonym
    ("West" in "West African"). Each word is given as (capitalised, lower-case form).

    Why: "Latin American leaders" are not the United States' and "the West African bloc" is not
    the West; a state's own such demonym ("South African") is one name and matches whole first."""
    if before is not None and before[0] and before[1] in _REGION_WORDS and first[0]:
        return True
    return words == 1 and first[1] in _REGION_WORDS and after is not None and after[0] \
        and after[1].endswith(("an", "ean", "ian"))


def _unregional(toks: list[Tok], matches: list[Match]) -> list[Match]:
    """The matches without the knowledge-base readings of a region's adjective (``regional``);
    the words stay explained, as no actor's."""
    out = []
    for m in matches:
        before = (toks[m.start - 1].cap, toks[m.start - 1].key) if m.start > 0 else None
        after = (toks[m.end].cap, toks[m.end].key) if m.end < len(toks) else None
        hit = bool(m.hits) and regional(before, (toks[m.start].cap, toks[m.start].key), m.end - m.start, after)
        out.append(Match(m.start, m.end) if hit else m)
    return out


def _in_water_name(toks: list[Tok], m: Match) -> bool:
    """Whether a matched place is the "of" part of a water's name ("the Gulf of Oman", "the Bay of
    Bengal"): it names the waters, not a country the phrase's people or ships belong to."""
    return m.start >= 2 and toks[m.start - 1].key == "of" and toks[m.start - 2].key in _WATER_HEADS
