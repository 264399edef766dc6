"""Toponym recognition: spaCy GPE/LOC/FAC entities, widened and corrected with the gazetteer.

spaCy's small model misses or mislabels many place names in news ("Gaza" as ORG, "Teir Maaleh
village" as nothing, "Strait of Hormuz" split), and labels some non-places GPE. The finder keeps
spaCy's spans, then: adds curated multi-word names (seas, straits, regions), relabels ORG/PERSON
spans that are exactly a country or a curated place, adds "X village"/"the town of X" patterns,
widens "northern Iraq", and drops demonyms ("Iraqi") and generic words ("the world").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..common.dateline import dateline_place
from ..common.names import arabic_articles
from .gazetteer import get_gazetteer, load_lexicon, load_places_yaml, normalize
from ..nlp.tokens import doc_text

PLACE_LABELS = {"GPE", "LOC", "FAC"}
BIG_PLACE = 200_000  # people: a one-word ORG/PRODUCT span naming a place this big is the place
RELABEL_LABELS = {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}


@dataclass
class Toponym:
    """A place name found in the text; ``name`` is what to look up in the gazetteer."""

    start: int
    end: int
    text: str
    name: str
    feature_hint: str | None = None  # from a place noun or a direction word
    label: str | None = None  # spaCy label, or "CURATED"/"PATTERN"
    token_start: int | None = None
    token_end: int | None = None

    @classmethod
    def of_span(cls, span: Any, label: str) -> "Toponym":
        """A toponym that is a whole spaCy span (offsets and tokens from the span)."""
        return cls(span.start_char, span.end_char, span.text, span.text, label=label,
                   token_start=span.start, token_end=span.end)


@lru_cache(maxsize=1)
def curated_pattern() -> re.Pattern[str]:
    """One regex over every curated name and alias (longest first, word-bounded)."""
    return re.compile(rf"(?<![\w-]){_curated_names_then_edge()}")


@lru_cache(maxsize=1)
def _curated_names_pattern() -> re.Pattern[str]:
    """``curated_pattern`` without its opening look-behind (``curated_matches`` checks it).

    Why: a pattern that opens with a look-behind is tried at every position of the text; one
    that opens with the names is tried only where one of their first letters stands.
    """
    return re.compile(_curated_names_then_edge())


# A character a curated name may not touch (``curated_pattern``'s look-behind and look-ahead).
_NAME_EDGE = re.compile(r"[\w-]")


def curated_matches(text: str) -> list[re.Match[str]]:
    """The matches of ``curated_pattern().finditer(text)``, found faster: the names are searched
    without the look-behind, and a match whose start touches a word is searched again from the
    next character (as the look-behind would have moved on), so the same matches come out."""
    pattern = _curated_names_pattern()
    found: list[re.Match[str]] = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        start = m.start()
        if start > 0 and _NAME_EDGE.match(text, start - 1):
            pos = start + 1
            continue
        found.append(m)
        pos = m.end()
    return found


def _curated_names_then_edge() -> str:
    """The curated names and aliases, longest first, then the look-ahead that ends a name."""
    names: set[str] = set()
    for entry in load_places_yaml():
        for name in [entry["name"], *entry.get("aliases", [])]:
            if name.lower().startswith("the "):
                continue  # "the Gulf" would swallow "the Gulf of Oman"; spaCy finds these
            if len(name) >= 4 and " " in name or (name[:1].isupper() and len(name) >= 5) or \
                    (len(name) >= 3 and name.replace(".", "").isupper() and name != "US"):
                names.add(name)
    alts = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(n) for n in alts)
    return rf"(?:{body})(?![\w-])"


@lru_cache(maxsize=1)
def metonym_names() -> frozenset[str]:
    """Normalised names of curated landmarks that usually stand for their occupants."""
    names: set[str] = set()
    for entry in load_places_yaml():
        if entry.get("metonym"):
            names.update(normalize(n) for n in [entry["name"], *entry.get("aliases", [])])
    return frozenset(names)


def _after_locative(doc: Any, top: Toponym) -> bool:
    """Whether a locative preposition ("at the White House", "inside the Kremlin") opens the name."""
    i = (top.token_start or 0) - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ in load_lexicon()["landmark_preps"]


def _strip_the(text: str, start: int) -> tuple[str, int]:
    """Without a leading "the" and a trailing possessive ("the United Kingdom's" -> "United Kingdom")."""
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[:-len(suffix)]
            break
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            return text[len(prefix):], start + len(prefix)
    return text, start


def _is_place_text(text: str) -> bool:
    lex = load_lexicon()
    key = normalize(text)
    if not key or key in lex["not_places"]:
        return False
    if not any(c.isupper() for c in text):
        return False
    if get_gazetteer().is_demonym(text) and not get_gazetteer().candidate_ids(text):
        return False
    return True


def find_toponyms(doc: Any) -> list[Toponym]:
    """Every toponym in a parsed spaCy ``Doc``, sorted by offset, without overlaps.

    Args:
        doc (Doc): the parsed document.
    RETURNS (list[Toponym]): the place names with character offsets.
    """
    lex = load_lexicon()
    gaz = get_gazetteer()
    text = doc_text(doc)
    found: list[Toponym] = []

    accepted: set[int] = set()  # tokens of the entities taken as places so far (for "X, Y")
    for ent in doc.ents:
        label = ent.label_
        etext, estart = _strip_the(ent.text, ent.start_char)
        if "(" in etext and ")" not in etext:
            # "Titao (Loroum province": the model ran the name into a bracketed unit
            etext = etext[:etext.index("(")].rstrip()
            if not etext:
                continue
        if label in PLACE_LABELS or label in RELABEL_LABELS:
            ent, etext = _hyphen_tail(doc, ent, etext, gaz)
        by_context = False
        if label in PLACE_LABELS:
            if label == "FAC" and not gaz.candidate_ids(etext):
                continue
            if not _is_place_text(etext):
                continue
        elif label in RELABEL_LABELS:
            ids = gaz.candidate_ids(etext)
            if not ids and label in {"ORG", "FAC"}:
                found.extend(_embedded(ent, gaz))
                continue
            if not ids or label == "NORP" and gaz.is_demonym(etext):
                continue
            # only names that are surely places: countries and curated entries, or (not for
            # people's names) a one-word name of a big city or province ("Edmonton" as ORG)
            sure = any(gaz.places[i].feature == "country" or gaz.places[i].curated for i in ids)
            if not sure and label not in {"PERSON", "NORP"} and len(ent) == 1:
                big = BIG_PLACE if label == "ORG" else BIG_PLACE // 4
                sure = not etext.isupper() and any(
                    gaz.places[i].feature in ("city", "admin1") and gaz.places[i].population >= big
                    and gaz.is_primary(i, etext) for i in ids)
            if not sure and (_place_context(ent) or _apposed_to_place(ent, accepted)):
                # "In Samarra, ..." tagged NORP/PERSON, "captured Jaffna" tagged PERSON, "the
                # regional capital, Grozny": a known place in a slot that takes places
                # "an offensive on X": "on" takes people as often ("pressure on X"), so a big town only
                min_pop = 0 if ent.root.dep_ == "pobj" and ent.root.head.lower_ != "on" else 50_000
                sure = any(gaz.places[i].feature in ("city", "admin1", "admin2")
                           and (gaz.places[i].population >= min_pop or gaz.places[i].feature != "city")
                           for i in ids)
                by_context = sure
            if not sure:
                continue
            if label == "PERSON" and " " in etext and not (by_context and _primary_settlement(gaz, ids, etext)):
                continue  # a person's full name, unless a slot for places holds a town of that name ("inside Bahir Dar")
        else:
            continue
        first = ent.start + (1 if ent[0].lower_ == "the" else 0)
        accepted.update(range(ent.start, ent.end))
        found.append(Toponym(estart, estart + len(etext), etext, etext, label=label,
                             token_start=first, token_end=ent.end))

    # Curated multi-word names spaCy split or missed.
    for m in curated_matches(text):
        mtext, mstart = _strip_the(m.group(0), m.start())
        found.append(Toponym(mstart, m.end(), mtext, mtext, label="CURATED"))

    # "X village", "Y district", "the town of Z".
    found.extend(_pattern_toponyms(doc, lex))
    # "the Cercle de Bankass", "Muhafazat al-Anbar": a unit named in its national language
    found.extend(_local_unit_names(doc, lex))
    # "BEIRUT —", "LONDON, Ky. (WKYT) -", "PLYMOUTH CO. -": the dateline of a news story
    found.extend(_dateline_toponyms(text, gaz))
    # names that are surely places wherever they stand, which the small model missed
    found.extend(_scan_sure_places(doc, gaz, lex))
    # "near Tessit": an untagged proper name in a slot that takes places, known to the gazetteer
    found.extend(_untagged_slot_places(doc, gaz))
    # "Kaoma was the scene of clashes", "Makeni residents clashed": a town that opens its sentence
    found.extend(_sentence_opening_places(doc, gaz, lex))
    # "between Nahualá and Ixtahuacán", "the Narayanpur-Dantewada border": two places by their syntax
    paired = _paired_places(doc, gaz, lex) + _contained_pairs(doc, gaz, lex)

    merged = _merge(found)
    people = _non_place_names(doc)
    surnames = _surnames(doc)
    out: list[Toponym] = []
    for top in merged:
        _set_tokens(doc, top)
        if _a_surname(top, surnames, gaz):
            continue  # "an investigation into Machado" after "María Corina Machado": the person
        if top.token_end is not None and top.token_end < len(doc) and \
                doc[top.token_end].lower_ in lex["not_place_after"]:
            continue  # "Marburg virus", "Rift Valley fever"
        if normalize(top.name) in metonym_names() and not _after_locative(doc, top):
            continue  # "the Kremlin said": the government, not the place
        _join_linked_compound(doc, top, lex)
        _widen(doc, top, lex)
        if not any(ch.isupper() for ch in top.text):
            continue  # "fled into the bush" (tagged PERSON): a proper name has a capital
        if top.label in PLACE_LABELS and not gaz.candidate_ids(top.name) and not _looks_unknown_place(doc, top, people):
            continue
        out.append(top)
    out = _with_pairs(out, paired, gaz)
    _shared_place_nouns(doc, out, lex)
    out = _bracketed_units(doc, out, gaz)
    # a word the model took for an organisation ("Orikhiv, Polohy raion") may still be the town
    out = _named_before_unit(doc, out, gaz, _non_place_names(doc, labels=("PERSON",)))
    # "withdrew from Lalibela" (tagged PERSON) in a story whose other places are Ethiopian
    return _focus_slot_places(doc, out, gaz)


def _hyphen_tail(doc: Any, ent: Any, etext: str, gaz: Any) -> tuple[Any, str]:
    """"Hpa-an": the model cut the name at an unspaced hyphen before a lowercase part; the whole
    hyphenated word is the name when the gazetteer knows it."""
    k = ent.end
    if k + 1 >= len(doc) or doc[k].text != "-" or doc[k - 1].whitespace_ or doc[k].whitespace_ \
            or not doc[k + 1].is_alpha or not etext.endswith(doc[k - 1].text):
        return ent, etext
    joined = etext + "-" + doc[k + 1].text
    if not gaz.candidate_ids(joined) or gaz.candidate_ids(etext):
        return ent, etext
    return doc[ent.start:k + 2], joined


# prepositions of movement that take a place as readily as "in" does, once the story's country
# vouches for the name ("withdrew from Lalibela", "fled to Dessie")
MOVEMENT_PREPS = ("from", "to", "toward", "towards", "via", "through")
FOCUS_SLOT_MIN_POPULATION = 1_000


def _focus_countries(tops: list[Toponym], gaz: Any) -> set[str]:
    """Countries of the names found so far that have readings in one country only."""
    countries: set[str] = set()
    for top in tops:
        found = {gaz.places[i].country for i in gaz.candidate_ids(top.name) if gaz.places[i].country}
        if len(found) == 1:
            countries |= found
    return countries


def _focus_slot_places(doc: Any, tops: list[Toponym], gaz: Any) -> list[Toponym]:
    """A capitalised name in a slot that takes places, tagged as a person or organisation or
    not at all, that the gazetteer knows as a town or unit in the country of the story's other
    (unambiguous) places: "troops withdrew from Lalibela after clashes in North Wollo zone".

    Why: the small model tags many African and Asian town names as people; a place slot alone
    is weak evidence (people come "from" somewhere too), but a namesake inside the country the
    story's own places point to is strong. Only primary names of towns of some size or units.
    """
    lex = load_lexicon()
    preps = set(lex["place_slot_preps"]) | set(MOVEMENT_PREPS)
    countries = _focus_countries(tops, gaz) | _chain_countries(doc, gaz, preps, lex)
    if not countries and not tops:
        # only the place slots proper ("in/near/of X"): "went to X" may name a person
        countries = _sole_slot_country(doc, gaz, set(lex["place_slot_preps"]), lex)
    if not countries:
        return tops
    # words that open a longer proper name elsewhere ("Franklin" of "Franklin Elementary"): the
    # bare word is that name cut short
    heads = {t.lower_ for t in doc[:-1] if t.text[:1].isupper() and t.nbor(1).text[:1].isupper()
             and t.nbor(1).is_alpha}
    taken = _token_indices(tops)
    added: list[Toponym] = []
    for tok in doc:
        if tok.i in taken or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.is_sent_start:
            continue
        if not _in_place_slot(tok, preps, lex):
            continue
        if tok.ent_type_:
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            if ent is None or ent.label_ in PLACE_LABELS or ent.label_ not in RELABEL_LABELS | SLOT_LABELS:
                continue
            span = ent
        else:
            start = tok.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" \
                    and not doc[start - 1].ent_type_:
                start -= 1
            span = doc[start:tok.i + 1]
        if any(i in taken for i in range(span.start, span.end)) or not _is_place_text(span.text) \
                or span[-1].lower_ in heads:
            continue
        if any(gaz.places[i].country in countries and gaz.is_primary(i, span.text) and (
                gaz.places[i].feature in ("admin1", "admin2") or gaz.places[i].feature == "city"
                and gaz.places[i].population >= FOCUS_SLOT_MIN_POPULATION)
               for i in gaz.candidate_ids(span.text)):
            added.append(Toponym.of_span(span, "FOCUS_SLOT"))
            taken.update(range(span.start, span.end))
    return _with_added(tops, added)


def _in_place_slot(tok: Any, preps: set[str], lex: dict[str, Any], depth: int = 0) -> bool:
    """Whether ``tok`` stands where places stand: the object of a place preposition ("in X",
    "the outskirts of X"), of a place-taking verb ("shelled X"), or a name apposed to or listed
    with one ("in X, Y", "between X and Y")."""
    if tok.dep_ == "pobj" and (tok.head.lower_ in preps or (
            tok.head.lower_ == "of" and tok.head.head.lower_ in lex["area_nouns"])):
        return True
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in lex["place_object_verbs"]:
        return True
    return depth < 3 and tok.dep_ in ("appos", "conj", "npadvmod") and tok.head.i != tok.i and \
        _in_place_slot(tok.head, preps, lex, depth + 1)


UNIT_FEATURES = ("admin1", "admin2")
NAME_PARTICLES = frozenset({"del", "de", "la", "las", "los", "al", "el", "du", "des", "di", "da", "do", "dos", "das"})


def _name_run(doc: Any, i: int, step: int) -> Any:
    """The run of capitalised words from token ``i`` going left (step -1) or right (+1)."""
    def capital(k: int) -> bool:
        return 0 <= k < len(doc) and doc[k].text[:1].isupper() and doc[k].is_alpha

    j = i
    while True:
        if capital(j + step):
            j += step
        elif 0 <= j + step < len(doc) and doc[j + step].lower_ in NAME_PARTICLES and capital(j + 2 * step):
            j += 2 * step  # "Lanao del Sur", "Santa Cruz de la Sierra"
        else:
            break
    lo, hi = sorted((i, j))
    return doc[lo:hi + 1]


def _chain_countries(doc: Any, gaz: Any, preps: set[str], lex: dict[str, Any]) -> set[str]:
    """Countries a containment chain vouches for: "Bannang Sata, Yala", "Patikul, Sulu".

    Why: when the small model tags every name of a note as a person, nothing else says where
    the story is; but a name followed after a comma by a province or district of the same
    country, which holds it, is a place chain whichever tags the names got. Only a chain with a
    single shared country counts; a village the gazetteer lacks ("Barangay X, Lanao del Sur")
    lets the unit after it vouch alone when the village stands in a place slot and the unit's
    name is a unit in one country only.
    """
    found: set[str] = set()
    for tok in doc[1:-1]:
        if tok.text != "," or not doc[tok.i - 1].text[:1].isupper() or not doc[tok.i + 1].text[:1].isupper():
            continue
        inner, outer = _name_run(doc, tok.i - 1, -1), _name_run(doc, tok.i + 1, 1)
        if inner[0].is_sent_start or len(inner) > 4 or len(outer) > 4:
            continue
        inner_places = [gaz.places[i] for i in gaz.candidate_ids(inner.text)
                        if gaz.places[i].feature in ("city", *UNIT_FEATURES)]
        units = [gaz.places[i] for i in gaz.candidate_ids(outer.text)
                 if gaz.places[i].feature in UNIT_FEATURES and gaz.is_primary(i, outer.text)]
        if inner_places:
            shared = {p.country for p in inner_places} & {u.country for u in units}
        else:
            shared = {u.country for u in units} if _in_place_slot(inner[-1], preps, lex) else set()
        if len(shared) == 1:
            found |= shared
    return found


def _sole_slot_country(doc: Any, gaz: Any, preps: set[str], lex: dict[str, Any]) -> set[str]:
    """The one country every reading of the story's place-slot names lies in, when the story
    has no place the model tagged as one ("occupied the market of Datu Piang").

    Why: with nothing else to go on, a name in a place slot whose every town or unit reading
    is in one country says where the story is; two names pointing to two countries, or a name
    known in several, say nothing.
    """
    countries: set[str] = set()
    for tok in doc:
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.is_sent_start or \
                not _in_place_slot(tok, preps, lex):
            continue
        span = _name_run(doc, tok.i, -1)
        readings = {gaz.places[i].country for i in gaz.candidate_ids(span.text)
                    if gaz.places[i].feature in ("city", *UNIT_FEATURES) and gaz.places[i].country}
        if len(readings) == 1:
            countries |= readings
    return countries if len(countries) == 1 else set()


def _token_indices(tops: list[Toponym]) -> set[int]:
    """The token positions the toponyms found so far cover."""
    return {i for t in tops if t.token_start is not None for i in range(t.token_start, t.token_end or t.token_start)}


def _with_added(tops: list[Toponym], added: list[Toponym]) -> list[Toponym]:
    """``tops`` with ``added`` merged in, in text order."""
    return sorted(tops + added, key=lambda t: t.start) if added else tops


def _bracketed_units(doc: Any, tops: list[Toponym], gaz: Any) -> list[Toponym]:
    """"Irumu territory (Ituri)", "Beni (North Kivu)": a name in brackets right after a place is
    the province, district or country that contains it when the gazetteer has such a unit in a
    country where the place has a reading (the small model tags these NORP or nothing, and a
    NORP word is no person's name here: the brackets and the unit say place)."""
    added: list[Toponym] = []
    taken = _token_indices(tops)
    for top in tops:
        i = top.token_end
        if i is None or i + 2 >= len(doc) or doc[i].text != "(":
            continue
        end = i + 1
        while end < len(doc) and end - i <= 3 and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
        if end == i + 1 or end >= len(doc) or doc[end].text != ")":
            continue
        if any(k in taken or doc[k].ent_type_ == "PERSON" for k in range(i + 1, end)):
            continue
        span = doc[i + 1:end]
        countries = {gaz.places[p].country for p in gaz.candidate_ids(top.name)}
        if any(gaz.places[p].feature in UNIT_FEATURES and gaz.places[p].country in countries
               for p in gaz.candidate_ids(span.text)):
            added.append(Toponym.of_span(span, "BRACKET"))
    return _with_added(tops, added)


UNIT_FEATURES = ("country", "admin1", "admin2")


def _named_before_unit(doc: Any, tops: list[Toponym], gaz: Any, people: set[str]) -> list[Toponym]:
    """"attacked Gwoza, Borno state": a capitalised name right before ", <province or country>"
    is a place when the gazetteer has a namesake in that unit's country (the small model often
    leaves small towns untagged)."""
    added: list[Toponym] = []
    taken = _token_indices(tops)
    for top in tops:
        i = top.token_start
        if i is None or i < 2 or doc[i - 1].text != ",":
            continue
        units = [gaz.places[p] for p in gaz.candidate_ids(top.name) if gaz.places[p].feature in UNIT_FEATURES]
        if not units and top.feature_hint not in ("admin1", "admin2"):
            continue
        countries = {u.country for u in units} or {gaz.places[p].country for p in gaz.candidate_ids(top.name)}
        end = i - 1
        start = end
        while start > 0 and end - start < 3 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper() \
                and (start - 1) not in taken and doc[start - 1].lower_ not in people and not doc[start - 1].is_sent_start:
            start -= 1
        if start == end:
            continue
        span = doc[start:end]
        if any(gaz.places[p].country in countries and gaz.places[p].feature in ("city", "admin2")
               for p in gaz.candidate_ids(span.text)):
            added.append(Toponym.of_span(span, "CHAIN"))
    return _with_added(tops, added)


def _shared_place_nouns(doc: Any, tops: list[Toponym], lex: dict[str, Any]) -> None:
    """"Homs and Aleppo Governorates", "Kisumu and Rift Valley provinces": the plural noun after
    the last name types every name of the list; a capitalised singular one ("Aleppo Governorate")
    types its name."""
    nouns = lex["place_nouns"]
    for k, top in enumerate(tops):
        if top.token_end is None or top.token_end >= len(doc) or top.feature_hint:
            continue
        low = doc[top.token_end].lower_
        plural = low.endswith("s") and low[:-1] in nouns and low not in nouns
        noun = nouns.get(low[:-1]) if plural else nouns.get(low)
        if noun is None:
            continue
        top.feature_hint = noun
        j = k
        while plural and j > 0:
            prev = tops[j - 1]
            between = doc_text(doc)[prev.end:tops[j].start].strip().lower()
            if between not in (",", "and", ", and") or prev.feature_hint:
                break
            prev.feature_hint = noun
            j -= 1


_COUNTY_ABBREVIATION = re.compile(r"\s+CO\.?$", re.I)


def _dateline_toponyms(text: str, gaz: Any) -> list[Toponym]:
    """The dateline place ("DETROIT —", "EDMONTON, Ky.") when the gazetteer knows it.

    Why: the small spaCy model tags upper-case datelines as ORG or nothing, yet the dateline is
    where the story was filed and usually where it happened.
    """
    found = dateline_place(text)
    if found is None:
        return []
    start, words = found
    raw = words.rstrip(".-' ") if not words.endswith("CO.") else words
    if len(raw.replace(" ", "")) < 3 or not any(c.isalpha() for c in raw):
        return []
    name = _COUNTY_ABBREVIATION.sub(" County", raw.title()) if raw.upper() == raw else raw
    if normalize(name) in load_lexicon()["not_places"] or not gaz.candidate_ids(name):
        return []
    return [Toponym(start, start + len(raw), raw, name, label="DATELINE")]


def _sure_place(gaz: Any, text: str, min_population: int = BIG_PLACE // 2) -> bool:
    """A name that is, read alone, surely a place: a country, province, curated or big city."""
    if text.isupper() and len(text) > 4:
        return False
    lex = load_lexicon()
    if normalize(text) in lex["not_places"] or text.lower() in lex["directions"]:
        return False
    for i in gaz.candidate_ids(text):
        p = gaz.places[i]
        if p.feature in ("country", "admin1") or p.curated or (
                p.feature == "city" and p.population >= min_population and gaz.is_primary(i, text)):
            return True
    return False


def _embedded(ent: Any, gaz: Any) -> list[Toponym]:
    """Place names inside organisation names: "Kentucky State Police", "Government of Alberta"."""
    out: list[Toponym] = []
    toks = [t for t in ent if t.lower_ != "the"]
    if len(toks) < 2:
        return out
    for k in (3, 2, 1):
        if k < len(toks):
            span = ent.doc[toks[0].i:toks[k - 1].i + 1]
            if span.text[:1].isupper() and (_sure_place(gaz, span.text) or _named_unit(gaz, span)):
                out.append(Toponym(span.start_char, span.end_char, span.text, span.text, label="EMBEDDED"))
                break
    ofs = [t for t in toks if t.lower_ == "of"]
    if ofs and ofs[-1].i + 1 < ent.end:
        span = ent.doc[ofs[-1].i + 1:ent.end]
        if span.text[:1].isupper() and _sure_place(gaz, span.text):
            out.append(Toponym(span.start_char, span.end_char, span.text, span.text, label="EMBEDDED"))
    return out


def _named_unit(gaz: Any, span: Any) -> bool:
    """A known subdivision whose name ends in its unit noun: "Metcalfe County", "Idlib Province"."""
    if len(span) < 2 or span[-1].lower_ not in load_lexicon()["admin_unit_nouns"]:
        return False
    return any(gaz.places[i].feature in ("admin1", "admin2") for i in gaz.candidate_ids(span.text))


def _place_context(ent: Any) -> bool:
    """Whether the entity sits in a slot that takes places: the object of "in/near/outside",
    "the outskirts of X", "captured X" (a place-taking verb), or "the regional capital, X"."""
    root = ent.root
    head = root.head
    if root.dep_ == "pobj":
        if head.lower_ in load_lexicon()["place_slot_preps"]:
            return True
        if head.lower_ == "on" and head.head.lemma_.lower() in load_lexicon()["assault_nouns"]:
            return True  # "launched an offensive on Derna"
        return head.lower_ == "of" and head.head.lower_ in load_lexicon()["area_nouns"]
    if root.dep_ in ("dobj", "nsubjpass"):
        return head.lemma_.lower() in load_lexicon()["place_object_verbs"]
    if root.dep_ == "appos":
        return head.lower_ in load_lexicon()["area_nouns"]
    return _in_place_list(ent)


def _apposed_to_place(ent: Any, accepted: set[int]) -> bool:
    """"inside Bahir Dar, Amhara": a name in apposition to a place already taken is the larger
    area that contains it."""
    root = ent.root
    return root.dep_ == "appos" and root.head.i in accepted


def _primary_settlement(gaz: Any, ids: Any, text: str) -> bool:
    """Whether a multi-word name is the primary name of a town or subdivision (not an alias)."""
    return any(gaz.places[i].feature in ("city", "admin1", "admin2") and gaz.is_primary(i, text) for i in ids)


def _in_place_list(ent: Any) -> bool:
    """"in Cairo, Giza and Alexandria": a one-word name listed next to a place name.

    Read from the surface (the small model's parse of such lists is unreliable): the word
    before the comma or "and" (or after it) is in a place entity or is surely a place itself.
    """
    if len(ent) != 1:
        return False
    doc = ent.doc
    gaz = get_gazetteer()

    def place_at(i: int) -> bool:
        if i < 0 or i >= len(doc) or not doc[i].text[:1].isupper():
            return False
        tok = doc[i]
        if tok.ent_type_ in PLACE_LABELS:
            return True
        return _sure_place(gaz, tok.text)

    i = ent.start
    if i >= 2 and doc[i - 1].lower_ in {",", "and", "or"} and place_at(i - 2):
        return True
    return i + 2 < len(doc) and doc[i + 1].lower_ in {",", "and", "or"} and place_at(i + 2)


SCAN_MIN_POPULATION = 100_000  # a city named without any entity label must be at least this big
# (not WORK_OF_ART or EVENT: the small model gives those labels to long spans full of places)
_SCAN_SKIP_LABELS = {"PERSON", "LAW", "LANGUAGE", "NORP", "PRODUCT", "DATE", "TIME"}


def _scan_sure_places(doc: Any, gaz: Any, lex: dict[str, Any]) -> list[Toponym]:
    """Countries, provinces and big cities by their own name, wherever spaCy left them.

    Why: the small model misses many place names in running text ("in Cairo, Giza, and
    Al-Minya", "the United Kingdom's Health Ministry", "Devon and Cornwall police"). A name that
    is a country or province, or the primary name of a city of ``SCAN_MIN_POPULATION`` people, is
    a place unless it is part of a person's name or a title; words of the document's person
    names ("Jordan" of "Michael Jordan") are skipped.
    """
    people: set[str] = set()
    blocked: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in _SCAN_SKIP_LABELS:
            blocked.update(range(ent.start, ent.end))
            if ent.label_ == "PERSON":
                people.update(t.lower_ for t in ent if t.is_alpha)
    # Each token's text, offset and letters read once (a ``Token`` or ``Span`` made per look made
    # this scan one of the places stage's larger costs); a span's text is the document's text
    # between its first token's start and its last token's end, as ``Span.text`` gives it.
    text = doc_text(doc)
    words = [t.text for t in doc]
    starts = doc.to_array("IDX").tolist()
    alpha = doc.to_array("IS_ALPHA").tolist()
    out: list[Toponym] = []
    i, n = 0, len(doc)
    while i < n:
        word = words[i]
        if not word[:1].isupper() or i in blocked:
            i += 1
            continue
        tok = doc[i]
        if tok.lower_ in people or tok.lower_ in {"the", "a", "an"}:
            i += 1
            continue
        hit = 0
        for k in (5, 4, 3, 2, 1):
            if i + k > n or any(j in blocked for j in range(i, i + k)):
                continue
            last = words[i + k - 1]
            span_text = text[starts[i]:starts[i + k - 1] + len(last)]
            if k == 5 and "-" not in span_text:
                continue  # five tokens only for a hyphenated name ("Port-au-Prince")
            if not last[:1].isupper() or last in {"-", "'s"}:
                continue
            if k == 1 and (tok.is_stop or tok.pos_ != "PROPN" and not _scan_country(gaz, word)):
                continue
            # the whole proper name, not a piece of one ("Agent Orange", "Islington Bay")
            if (i > 0 and words[i - 1][:1].isupper() and alpha[i - 1]) or \
                    (i + k < n and words[i + k][:1].isupper() and alpha[i + k]):
                continue
            if _scan_place(gaz, span_text, lex):
                hit = k
                break
        if hit:
            span = doc[i:i + hit]
            nxt = doc[i + hit] if i + hit < n else None
            # "Marburg virus", "Reston ebolavirus": the disease, not the place
            if nxt is None or nxt.lower_ not in lex.get("not_place_after", ()):
                out.append(Toponym.of_span(span, "SCAN"))
            i += hit
        else:
            i += 1
    return out


# a name in a place slot counts whatever these labels say ("at Myawaddy on the Thai border" as a
# WORK_OF_ART): the small model gives them to spans that run over a place name
SLOT_LABELS = {"", "PRODUCT", "WORK_OF_ART", "EVENT"}


def _untagged_slot_places(doc: Any, gaz: Any) -> list[Toponym]:
    """Proper names spaCy gave no entity label that are the object of "in/near/inside …" and
    name a town or subdivision in the gazetteer ("clashed near Tessit"): the slot says place, the
    gazetteer says which. Any size of town, because the slot, not fame, is the evidence."""
    preps = set(load_lexicon()["place_slot_preps"])
    out: list[Toponym] = []
    for tok in doc:
        if tok.dep_ != "pobj" or tok.pos_ != "PROPN" or tok.ent_type_ not in SLOT_LABELS or not tok.text[:1].isupper() \
                or tok.head.lower_ not in preps:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == tok.i \
                and doc[start - 1].pos_ == "PROPN" and doc[start - 1].ent_type_ in SLOT_LABELS:
            start -= 1
        span = doc[start:tok.i + 1]
        ids = gaz.candidate_ids(span.text)
        if any(gaz.places[i].feature in ("city", "admin1", "admin2") for i in ids):
            out.append(Toponym.of_span(span, "SLOT"))
    return out


def _scan_country(gaz: Any, text: str) -> bool:
    return any(gaz.places[i].feature == "country" for i in gaz.candidate_ids(text))


def _scan_place(gaz: Any, text: str, lex: dict[str, Any]) -> bool:
    key = normalize(text)
    if not key or key in lex["not_places"] or text.lower() in lex["directions"] or gaz.is_demonym(text):
        return False
    if text.isupper() and len(text) > 4:
        return False
    for pid in gaz.candidate_ids(text):
        p = gaz.places[pid]
        if text.isupper() and not (p.feature == "country" or p.curated or p.feature == "admin1"):
            continue
        if p.feature == "country" or (p.curated and p.feature != "city") or (
                p.feature == "admin1" and gaz.is_primary(pid, text)) or (
                p.feature == "city" and p.population >= SCAN_MIN_POPULATION and gaz.is_primary(pid, text)):
            return True
    return False


def _surnames(doc: Any) -> set[str]:
    """The last words of the document's full personal names ("Machado" of "Maria Corina Machado"),
    also a proper noun the model left out of the name right after it ("Maria Corina" tagged, then
    "Machado")."""
    out = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if len(ent) > 1 and ent[-1].is_title:
            out.add(ent[-1].text)
        if ent.end < len(doc) and doc[ent.end].is_title and doc[ent.end].pos_ == "PROPN" and not doc[ent.end].ent_type_:
            out.add(doc[ent.end].text)
    return out


def _a_surname(top: Toponym, surnames: set[str], gaz: Any) -> bool:
    """Whether a one-word name the model tagged as a place is the surname of someone the document
    names in full, and the gazetteer knows no country, province or big city by it: the person
    ("Machado" is a town in the US and the Venezuelan opposition leader)."""
    if top.text not in surnames or " " in top.text or top.label not in PLACE_LABELS:
        return False
    return not any(gaz.places[i].feature in ("country", "admin1") or gaz.places[i].curated
                   or gaz.places[i].population >= BIG_PLACE for i in gaz.candidate_ids(top.name))


def _non_place_names(doc: Any, labels: tuple[str, ...] = ("PERSON", "ORG", "NORP")) -> set[str]:
    """Words of the person and organisation names of the document ("Qaani" of "Esmail Qaani")."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ in labels:
            words.update(t.lower_ for t in ent if t.is_alpha)
    return words


def _looks_unknown_place(doc: Any, top: Toponym, people: set[str]) -> bool:
    """Keep a name the gazetteer lacks only with place evidence: a place noun, a locative
    preposition before it, or a "X, Country" qualifier; never a word of a person's name."""
    if top.feature_hint:
        return True
    if top.token_start is None or top.token_end is None:
        return False
    if any(doc[i].lower_ in people for i in range(top.token_start, top.token_end)):
        return False
    prev = doc[top.token_start - 1] if top.token_start > 0 else None
    if prev is not None and prev.lower_ in {"in", "near", "at", "from", "outside", "to", "into", "of"} and \
            prev.lower_ != "of":
        return True
    nxt = doc[top.token_end] if top.token_end < len(doc) else None
    if nxt is not None and nxt.text == "," and top.token_end + 1 < len(doc):
        after = doc[top.token_end + 1]
        if get_gazetteer().candidate_ids(after.text):
            return True
    return False


def _pattern_toponyms(doc: Any, lex: dict[str, Any]) -> list[Toponym]:
    """Names marked as places by a place noun: "Teir Maaleh village", "the town of Mussaiyab",
    "Baghdad's southern district of Saiydiah", "the towns of Tel Hamis and Tel Birak"."""
    nouns = lex["place_nouns"]
    out: list[Toponym] = []
    for tok in doc:
        low = tok.lower_
        noun = nouns.get(low) or (nouns.get(low[:-1]) if low.endswith("s") else None)
        if noun is None or tok.i == 0:
            continue
        # "<place noun> of X (and Y)"
        if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of" and tok.text.islower():
            j = tok.i + 2
            while j < len(doc):
                k = _name_end(doc, j)
                if k == j:
                    break
                span = doc[j:k]
                if _is_place_text(span.text):
                    # "the Kwali village of Anka LGA": the noun is Kwali's; Anka is the unit
                    # that contains it, typed by its own noun if it has one
                    hint = nouns.get(span[-1].lower_) if _name_word(doc[tok.i - 1]) else noun
                    out.append(Toponym(span.start_char, span.end_char, span.text, span.text,
                                       feature_hint=hint, label="PATTERN"))
                if k + 1 < len(doc) and doc[k].lower_ in {"and", ","} and low.endswith("s"):
                    j = k + 1
                    continue
                break
        # "Niger State", "Shiroro LGA", "Kayin State": a capitalised unit noun after a name the
        # gazetteer knows as a unit or town (the small model tags these PERSON, ORG or nothing)
        if not tok.text.islower() and low in lex["capitalised_unit_nouns"]:
            named = _capitalised_unit_name(doc, tok)
            if named is not None:
                out.append(named)
            continue
        # "Kalay (Kale) township": a name and its other spelling in brackets before the noun
        if tok.text.islower() and not low.endswith("s") and doc[tok.i - 1].text == ")":
            named = _bracketed_spelling(doc, tok, noun)
            if named is not None:
                out.append(named)
                continue
        # "Teir Maaleh village": capitalised words right before a lowercase place noun
        if tok.text.islower() and not low.endswith("s"):
            j = tok.i - 1
            while j >= 0 and (_name_word(doc[j]) or (
                    doc[j].text in {"-", "'"} and j > 0 and (_name_word(doc[j - 1]) or _article(doc[j - 1]))
                    and not doc[j - 1].whitespace_)):
                j -= 1
            if j >= 0 and _article(doc[j]) and j + 1 < tok.i and doc[j + 1].text == "-":
                j -= 1  # "al-Zahawi school": keep the lowercase article
            if j < tok.i - 1 and doc[j + 1].text not in {"-", "'"}:
                span = doc[j + 1:tok.i]
                if _is_place_text(span.text) and not get_gazetteer().is_demonym(span.text):
                    out.append(Toponym(span.start_char, tok.idx + len(tok.text), doc_text(doc)[span.start_char:tok.idx + len(tok.text)],
                                       span.text, feature_hint=noun, label="PATTERN"))
    return out


@lru_cache(maxsize=1)
def _local_unit_pattern() -> re.Pattern[str]:
    lex = load_lexicon()
    prefixes = sorted(lex.get("local_unit_prefixes") or {}, key=len, reverse=True)
    alts = "|".join(re.escape(p).replace("\\ ", r"\s+") for p in prefixes)
    word = r"(?:(?:al|el|ad|an|ar|as|at|az|ash)-)?[A-ZÀ-Þ][\w'’\-]*"
    particles = "|".join(re.escape(p) for p in lex["name_particles"])
    return re.compile(rf"\b(?P<prefix>(?i:{alts}))\s*(?P<name>{word}(?:\s+(?:(?:{particles})\s+)?{word})*)")


def _local_unit_names(doc: Any, lex: dict[str, Any]) -> list[Toponym]:
    """"the Cercle de Bankass", "the Région du Sahel", "Muhafazat al-Anbar": a unit named in
    its national language, by a unit noun before the name. The name is looked up alone as the
    unit of the noun's level; the span keeps the noun.

    Why: notes copy local forms; the small model tags them ORG or PERSON or nothing, and the
    gazetteer holds the name without the noun (or with the English one).
    """
    gaz = get_gazetteer()
    out: list[Toponym] = []
    for m in _local_unit_pattern().finditer(doc.text):
        if not m.group("prefix")[0].isupper():
            continue  # "la commune de" in running French is rare in English news; a capital marks a name
        name = m.group("name")
        # the longest run of its words the gazetteer knows ("Tizi Ouzou" of "Tizi Ouzou province")
        words = name.split()
        while words and not gaz.candidate_ids(" ".join(words)):
            words.pop()
        if not words:
            continue
        name = " ".join(words)
        level = lex["local_unit_prefixes"][re.sub(r"\s+", " ", m.group("prefix").lower())]
        end = m.start("name") + len(name)
        out.append(Toponym(m.start(), end, doc.text[m.start():end], name, feature_hint=level, label="PATTERN"))
    return out


def _bracketed_spelling(doc: Any, noun_tok: Any, noun: str) -> Toponym | None:
    """"Kalay (Kale) township", "Izium (Izyum) city": a name with another spelling in brackets,
    typed by the place noun after both; the name looked up is the first spelling the gazetteer
    knows (the model tags such names as people, and the brackets hide them from the noun)."""
    close = noun_tok.i - 1
    open_ = close - 1
    while open_ > 0 and close - open_ <= 4 and doc[open_].text != "(":
        open_ -= 1
    if open_ <= 0 or doc[open_].text != "(" or open_ + 1 == close:
        return None
    inner = doc[open_ + 1:close]
    j = open_ - 1
    while j > 0 and open_ - j <= 3 and _name_word(doc[j]):
        j -= 1
    if j == open_ - 1 or not all(t.text[:1].isupper() and t.is_alpha for t in inner):
        return None
    outer = doc[j + 1:open_]
    gaz = get_gazetteer()
    name = next((t.text for t in (outer, inner) if _is_place_text(t.text) and gaz.candidate_ids(t.text)), None)
    if name is None:
        return None
    return Toponym(outer.start_char, noun_tok.idx + len(noun_tok.text),
                   doc_text(doc)[outer.start_char:noun_tok.idx + len(noun_tok.text)], name,
                   feature_hint=noun, label="PATTERN", token_start=outer.start, token_end=noun_tok.i + 1)


def _capitalised_unit_name(doc: Any, noun_tok: Any) -> Toponym | None:
    """"Niger State", "Maru LGA": the name before a capitalised unit noun, when the gazetteer
    knows the name (with or without the noun) as a province or district.

    Why: a capitalised unit noun is part of the unit's name, so the name is a place whatever
    label the model gave it; the gazetteer check keeps "Islamic State" out, and a capitalised
    word after the noun ("Ohio State University") means the unit name is part of another name.
    """
    k = noun_tok.i + 1
    if k < len(doc) and doc[k].text[:1].isupper() and doc[k].is_alpha:
        return None
    j = noun_tok.i - 1
    while j >= 0 and noun_tok.i - j <= 3 and _name_word(doc[j]) and not doc[j].is_stop \
            and doc[j].lower_ not in load_lexicon()["place_nouns"]:
        j -= 1
    if j == noun_tok.i - 1 or (j >= 0 and doc[j].text[:1].isupper() and doc[j].is_alpha):
        return None  # no name, or only the tail of a longer one ("New Zealand State …")
    gaz = get_gazetteer()
    span = doc[j + 1:noun_tok.i]
    if not _is_place_text(span.text) or gaz.is_demonym(span.text):
        return None
    whole = doc[j + 1:noun_tok.i + 1]
    whole_ids = gaz.candidate_ids(whole.text)
    ids = whole_ids or gaz.candidate_ids(span.text)
    if not any(gaz.places[i].feature in ("admin1", "admin2") for i in ids):
        return None  # the gazetteer must know a unit by that name, not only a town abroad
    # look up the unit's own name when the gazetteer has it ("Chin State", not "Chin")
    return Toponym(whole.start_char, whole.end_char, whole.text, whole.text if whole_ids else span.text,
                   feature_hint=load_lexicon()["place_nouns"][noun_tok.lower_], label="PATTERN",
                   token_start=j + 1, token_end=noun_tok.i + 1)


def _article(tok: Any) -> bool:
    """A lowercase Arabic article glued to a name by a hyphen ("al-Thawra")."""
    return tok.lower_ in arabic_articles() and tok.i + 1 < len(tok.doc) and tok.nbor(1).text == "-" \
        and not tok.whitespace_


def _name_end(doc: Any, j: int) -> int:
    """End (exclusive) of the capitalised place name starting at token ``j`` (``j`` if none)."""
    k = j
    while k < len(doc):
        t = doc[k]
        if t.text[:1].isupper() and t.pos_ in {"PROPN", "NOUN", "ADJ", "X"} and not get_gazetteer().is_demonym(t.text):
            k += 1
        elif (_article(t) or t.text == "-") and k + 1 < len(doc) and not t.whitespace_ and \
                (doc[k + 1].text[:1].isupper() or doc[k + 1].text == "-"):
            k += 1
        else:
            break
    while k > j and doc[k - 1].text == "-":
        k -= 1
    return k


def _name_word(tok: Any) -> bool:
    """A capitalised word that can be part of a place name (spaCy often tags unknown names ADJ)."""
    return tok.text[:1].isupper() and tok.pos_ in {"PROPN", "ADJ", "NOUN", "X", "VERB"} and tok.i > 0 \
        and not tok.is_sent_start and not get_gazetteer().is_demonym(tok.text)


def _merge(found: list[Toponym]) -> list[Toponym]:
    """Overlapping finds become one toponym: the longest span wins (curated beats spaCy on ties)."""
    priority = {"CURATED": 0, "PATTERN": 1}
    found.sort(key=lambda t: (t.start, -(t.end - t.start), priority.get(t.label or "", 2)))
    out: list[Toponym] = []
    for top in found:
        if out and top.start < out[-1].end:
            prev = out[-1]
            if top.end > prev.end:  # partial overlap: keep the longer
                if top.end - top.start > prev.end - prev.start:
                    out[-1] = top
            continue
        out.append(top)
    return out


def _set_tokens(doc: Any, top: Toponym) -> None:
    span = doc.char_span(top.start, top.end, alignment_mode="expand")
    if span is not None:
        top.token_start, top.token_end = span.start, span.end


def _linked_after(doc: Any, k: int, linkers: frozenset[str]) -> bool:
    """Whether tokens k.. read "-e-Naw": hyphen, linking particle, hyphen, capitalised word, unspaced."""
    if k + 3 >= len(doc) or k < 1 or doc[k - 1].whitespace_:
        return False
    hyphen, linker, hyphen2, word = doc[k], doc[k + 1], doc[k + 2], doc[k + 3]
    return hyphen.text == "-" and hyphen2.text == "-" and linker.lower_ in linkers and linker.text.islower() and \
        not (hyphen.whitespace_ or linker.whitespace_ or hyphen2.whitespace_) and word.text[:1].isupper()


def _join_linked_compound(doc: Any, top: Toponym, lex: dict[str, Any]) -> None:
    """"Qala-e-Naw", "Mazar-i-Sharif": one name, not "Qala" (a Maltese island) and "Naw".

    Why: spaCy splits such compounds at the hyphens and the scans find their first word, which
    is often a place of its own elsewhere; the whole compound is the name to look up.
    """
    if top.token_start is None or top.token_end is None:
        return
    linkers = lex["ezafe_linkers"]
    start, end = top.token_start, top.token_end
    if end - start > 1 and doc[end - 1].text == "-" and _linked_after(doc, end - 1, linkers):
        end -= 1  # "Qala-" as the model cut it
    while _linked_after(doc, end, linkers):
        end += 4
    while start >= 4 and _linked_after(doc, start - 3, linkers) and doc[start - 4].text[:1].isupper():
        start -= 4
    if (start, end) == (top.token_start, top.token_end):
        return
    top.token_start, top.token_end = start, end
    top.start, top.end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    top.text = top.name = doc_text(doc)[top.start:top.end]


def _widen(doc: Any, top: Toponym, lex: dict[str, Any]) -> None:
    """"northern Iraq" and "Al-Rastan district": include the direction word or place noun."""
    if top.token_start is None or top.token_end is None:
        return
    if top.token_start > 0:
        prev = doc[top.token_start - 1]
        # lowercase "northern", or capitalised "Northern" at a sentence start ("Northern Syria
        # saw...") but not "North" of a name such as "North Carolina"
        if prev.lower_ in lex["directions"] and (prev.text.islower() or prev.lower_.endswith("ern")):
            top.start = prev.idx
            top.token_start = prev.i
            top.text = doc_text(doc)[top.start:top.end]
            # "rural Tibú" is the district around the town (ACLED's level 2), not a region;
            # "eastern Daraa province" is still placed at its province
            if top.feature_hint not in ("admin1", "admin2"):
                top.feature_hint = "admin2" if prev.lower_ in lex["district_directions"] else "region"
    if top.token_end < len(doc):
        nxt = doc[top.token_end]
        noun = lex["place_nouns"].get(nxt.lower_)
        # "Konduga LGA": a short upper-case unit noun widens the name too
        if noun and (nxt.text.islower() or nxt.text.isupper() and len(nxt.text) <= 4) and top.feature_hint is None:
            top.end = nxt.idx + len(nxt.text)
            top.token_end = nxt.i + 1
            top.text = doc_text(doc)[top.start:top.end]
            top.feature_hint = noun


def _name_pattern(lex: dict[str, Any]) -> str:
    """A proper name of up to five words, capitalised but for name particles ("San Miguel del Ene")."""
    particles = "|".join(sorted(lex["name_particles"], key=len, reverse=True))
    word = r"[A-ZÀ-ÖØ-Þ][\w'’]*"
    return rf"{word}(?:\s+(?:(?:{particles})\s+)?{word}){{0,4}}"


@lru_cache(maxsize=1)
def _pair_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = load_lexicon()
    name = _name_pattern(lex)
    nouns = "|".join(lex["pair_nouns"])
    between = re.compile(rf"\bbetween\s+(?:the\s+)?({name})\s+and\s+(?:the\s+)?({name})")
    hyphened = re.compile(rf"\b({name})\s?[-–]\s?({name})\s+(?:{nouns})\b")
    return between, hyphened


@lru_cache(maxsize=1)
def _contained_pair_pattern() -> re.Pattern[str]:
    name = _name_pattern(load_lexicon())
    return re.compile(rf"\b({name}),\s+({name})\b(?![\w'’-])")


def _contained_pairs(doc: Any, gaz: Any, lex: dict[str, Any]) -> list[Toponym]:
    """"Chilapa de Alvarez, Guerrero": a town and then the province or country that holds it, by
    the gazetteer, are both places whatever the model tagged them (a surname, nothing at all).

    Why: the containment itself is the evidence, and it is strong: two unrelated words rarely
    name a town and the province it lies in. Only towns and districts inside a province or
    country, so "Smith, Jones" adds nothing.
    """
    out: list[Toponym] = []
    for m in _contained_pair_pattern().finditer(doc_text(doc)):
        small, big = m.group(1), m.group(2)
        if small.isupper() or big.isupper() or any(
                normalize(n) in lex["not_places"] or n.lower() in lex["directions"] or gaz.is_demonym(n)
                for n in (small, big)):
            continue
        inner = [gaz.places[i] for i in gaz.candidate_ids(small) if gaz.places[i].feature in ("city", "admin2")]
        outer = [gaz.places[i] for i in gaz.candidate_ids(big) if gaz.places[i].feature in ("admin1", "country")]
        if not any(p.country == q.country and (q.feature == "country" or (
                p.admin1 is not None and normalize(p.admin1) == normalize(q.name))) for p in inner for q in outer):
            continue
        for g in (1, 2):
            top = Toponym(m.start(g), m.end(g), m.group(g), m.group(g), label="PAIR")
            _set_tokens(doc, top)
            out.append(top)
    return out


def _paired_places(doc: Any, gaz: Any, lex: dict[str, Any]) -> list[Toponym]:
    """Both names of "between X and Y" and of "the X-Y border / road", when both are places of
    one country (or both are countries).

    Why: the small model misses such names or reads "Narayanpur-Dantewada" as one unknown name;
    the construction says both are places, and the gazetteer which (any size of town or unit: the
    syntax, not fame, is the evidence). "Between the army and the KIA" names parties, not places:
    a pair counts only when the gazetteer knows both names in a country they share, so an
    acronym, a people or an unknown name on either side leaves the pair alone.
    """
    text = doc_text(doc)
    out: list[Toponym] = []
    for pattern in _pair_patterns():
        for m in pattern.finditer(text):
            names = [(m.group(g), m.start(g)) for g in (1, 2)]
            if any(name.isupper() or normalize(name) in lex["not_places"] or name.lower() in lex["directions"]
                   or gaz.is_demonym(name) for name, _ in names):
                continue
            readings = [[gaz.places[i] for i in gaz.candidate_ids(name)
                         if gaz.places[i].feature in ("city", "admin1", "admin2", "country")] for name, _ in names]
            both_countries = all(any(p.feature == "country" for p in r) for r in readings)
            shared = {p.country for p in readings[0]} & {p.country for p in readings[1]}
            if not (both_countries or shared):
                continue
            for name, start in names:
                top = Toponym(start, start + len(name), name, name, label="PAIR")
                _set_tokens(doc, top)
                out.append(top)
    return out


def _with_pairs(tops: list[Toponym], paired: list[Toponym], gaz: Any) -> list[Toponym]:
    """Add the paired places; a found name they overlap gives way unless the gazetteer knows it
    and it is at least as long ("Santa Catarina Ixtahuacán" stays whole)."""
    if not paired:
        return tops
    kept: list[Toponym] = []
    for top in tops:
        over = [p for p in paired if p.start < top.end and top.start < p.end]
        whole = len(over) == 1 and top.text.strip(" -–") != over[0].text and \
            top.end - top.start >= over[0].end - over[0].start and gaz.candidate_ids(top.name)
        if over and not whole:
            continue
        kept.append(top)
    for pair in paired:
        if not any(pair.start < k.end and k.start < pair.end for k in kept):
            kept.append(pair)
    return sorted(kept, key=lambda t: t.start)


OPENING_SKIP_LABELS = {"PERSON", "ORG", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "LAW"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def _sentence_opening_places(doc: Any, gaz: Any, lex: dict[str, Any]) -> list[Toponym]:
    """A name that opens its sentence as the subject ("Kaoma was the scene of …") or as the
    subject's modifier ("Makeni residents clashed …"), when it is no English word and every
    reading the gazetteer has of it lies in one country.

    Why: the small model tags a capitalised first word by its position, not its meaning, and
    leaves many towns there untagged or calls them a people; the subject slot of a note's first
    word is where notes put the scene. Common words ("Police", "Troops") and names read in
    several countries are left alone: with no other evidence the name alone must be unambiguous.
    """
    from ..actors.units import english_words  # WordNet's index, shipped with the model

    words = english_words()[0]
    people = _non_place_names(doc, labels=("PERSON", "ORG"))
    speech = set(lex["statement_words"])
    out: list[Toponym] = []
    for sent in doc.sents:
        tok = next((t for t in sent if not t.is_punct and not t.is_space), None)
        if tok is None or not tok.is_alpha or not tok.text[:1].isupper() or tok.is_stop or \
                tok.ent_type_ in OPENING_SKIP_LABELS or tok.lower_ in words or gaz.is_demonym(tok.text):
            continue
        end = tok.i + 1
        while end < sent.end and end - tok.i < 3 and doc[end].is_alpha and doc[end].text[:1].isupper() \
                and doc[end].lower_ not in words and doc[end].ent_type_ not in OPENING_SKIP_LABELS:
            end += 1
        last = doc[end - 1]
        if not (last.dep_ in SUBJECT_DEPS or last.dep_ == "compound" and last.head.dep_ in SUBJECT_DEPS):
            continue
        verb = last.head if last.dep_ in SUBJECT_DEPS else last.head.head
        if verb.lemma_.lower() in speech or any(doc[i].lower_ in people for i in range(tok.i, end)):
            continue  # "Gulen said": a speaker; a word of a person's or group's name elsewhere
        span = doc[tok.i:end]
        if normalize(span.text) in lex["not_places"]:
            continue
        readings = [gaz.places[i] for i in gaz.candidate_ids(span.text)
                    if gaz.places[i].feature in ("city", "admin1", "admin2") and gaz.places[i].lat is not None]
        if readings and len({p.country for p in readings}) == 1:
            out.append(Toponym.of_span(span, "OPENING"))
    return out
