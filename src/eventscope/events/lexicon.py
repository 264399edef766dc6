"""Cached loaders for the event knowledge in ``events/data/`` (triggers, modes, CAMEO, cues).

Why: the rules must be editable as data and read once per process; the Python code only
interprets them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import re
from functools import lru_cache
from pathlib import Path

from ..common.data import read_data_lines, read_data_tsv, read_data_yaml
from ..errors import Errors
from ..model import PLOVER_TYPES

PACKAGE = "eventscope.events"
DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class TriggerEntry:
    lemma: str
    pos: str  # VERB | NOUN | ANY
    type: str
    mode: str | None
    cameo: str


@dataclass(frozen=True)
class CameoEntry:
    code: str
    type: str
    mode: str | None
    goldstein: float
    quad_class: int


def _rows(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated data file of ``events/data`` (comment lines skipped)."""
    return read_data_tsv(PACKAGE, name)


def _lines(name: str) -> list[str]:
    """The words of a word-list file of ``events/data``."""
    return read_data_lines(PACKAGE, name)


def quad_class_of(code: str) -> int:
    """CAMEO quad class from the 2-digit root (1 verbal coop ... 4 material conflict)."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


@lru_cache(maxsize=1)
def type_groups() -> dict[str, frozenset[str] | tuple[str, ...]]:
    """PLOVER type groups and word classes (``data/type_groups.yaml``), read once.

    Lists become frozensets (``yield_types`` a tuple); every ``*_types`` entry must be a PLOVER type.
    """
    raw = read_data_yaml(PACKAGE, "type_groups.yaml")
    for key, values in raw.items():
        unknown = [v for v in values if key.endswith("_types") and v not in PLOVER_TYPES]
        if unknown:
            raise ValueError(Errors.E037.format(file="type_groups.yaml", detail=f"unknown types {unknown} in {key}"))
    return {key: tuple(values) if key == "yield_types" else frozenset(values) for key, values in raw.items()}


@lru_cache(maxsize=1)
def plover_modes() -> dict[str, frozenset[str]]:
    """PLOVER type -> its modes (``data/plover_modes.tsv``, the NGEC-2025 codebook's labels)."""
    out: dict[str, set[str]] = {}
    for r in _rows("plover_modes.tsv"):
        out.setdefault(r["type"], set()).add(r["mode"])
    return {t: frozenset(m) for t, m in out.items()}


@lru_cache(maxsize=1)
def triggers() -> dict[str, list[TriggerEntry]]:
    """Trigger lemma -> candidate entries (a lemma may point to several types). A lemma with a
    space is a phrasal verb, verb lemma and particle ("crack down").

    RETURNS (dict[str, list[TriggerEntry]]): entries keyed by lower-case lemma.
    Why the checks: a misspelt type or mode in the data file would silently never match.
    """
    modes = plover_modes()
    out: dict[str, list[TriggerEntry]] = {}
    for r in _rows("triggers.tsv"):
        if r["type"] not in PLOVER_TYPES:
            raise ValueError(Errors.E037.format(file="triggers.tsv", detail=f"unknown type {r['type']!r}"))
        if r["mode"] and r["mode"] not in modes.get(r["type"], ()):
            raise ValueError(Errors.E037.format(file="triggers.tsv",
                                                detail=f"unknown mode {r['mode']!r} of {r['type']} ({r['lemma']})"))
        entry = TriggerEntry(r["lemma"].lower(), r["pos"], r["type"], r["mode"] or None, r["cameo"])
        out.setdefault(entry.lemma, []).append(entry)
    return out


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoEntry]:
    """CAMEO code -> type, mode, Goldstein weight, quad class."""
    out: dict[str, CameoEntry] = {}
    for r in _rows("cameo.tsv"):
        out[r["code"]] = CameoEntry(r["code"], r["type"], r["mode"] or None, float(r["goldstein"]),
                                    quad_class_of(r["code"]))
    return out


@lru_cache(maxsize=1)
def default_cameo() -> dict[str, str]:
    """PLOVER type -> the CAMEO code used when nothing more specific applies."""
    out = {r["type"]: r["code"] for r in _rows("cameo.tsv") if r["default"] == "1"}
    missing = set(PLOVER_TYPES) - set(out)
    if missing:
        raise ValueError(Errors.E037.format(file="cameo.tsv", detail=f"no default code for {sorted(missing)}"))
    return out


@lru_cache(maxsize=1)
def mode_words() -> dict[str, list[tuple[re.Pattern[str], str, str]]]:
    """PLOVER type -> [(pattern of a word or phrase, mode, cameo)], longest phrases first.

    A pattern matches whole words, with a plural or -ed/-ing ending: "ied" is no part of "allied",
    "war" none of "warned", "tank" none of "tanker"."""
    words: dict[str, list[tuple[str, str, str]]] = {}
    for r in _rows("modes.tsv"):
        words.setdefault(r["type"], []).append((r["word"].lower(), r["mode"], r["cameo"]))
    out: dict[str, list[tuple[re.Pattern[str], str, str]]] = {}
    for etype, items in words.items():
        items.sort(key=lambda t: -len(t[0]))
        out[etype] = [(re.compile(r"(?<!\w)" + re.escape(w) + r"(?:s|es|d|ed|ing)?(?!\w)"), m, c) for w, m, c in items]
    return out


@lru_cache(maxsize=1)
def context_prefixes() -> list[tuple[str, str]]:
    """[(lower-case prefix, PLOVER context)]."""
    return [(r["prefix"].lower(), r["context"]) for r in _rows("contexts.tsv")]


@lru_cache(maxsize=1)
def modality_cues() -> dict[str, frozenset[str]]:
    """Cue kind (neg, cond, hyp, intent, report) -> lower-case lemmas."""
    out: dict[str, set[str]] = {}
    for r in _rows("modality.tsv"):
        out.setdefault(r["kind"], set()).add(r["cue"].lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def light_verbs() -> frozenset[str]:
    """Verbs whose object noun is the act ("conducted a visit", "launched strikes")."""
    return frozenset(_lines("light_verbs.txt"))


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Reporting verbs ("said", "told"): their subject is the speaker."""
    return frozenset(_lines("speech_verbs.txt"))


def cameo_info(code: str | None) -> CameoEntry | None:
    """The table entry for a CAMEO code, falling back to its 3- then 2-digit parent."""
    if not code:
        return None
    table = cameo_table()
    for k in (code, code[:3], code[:2] + "0"):
        if k in table:
            return table[k]
    return None


@lru_cache(maxsize=1)
def people_nouns() -> frozenset[str]:
    """Nouns that name people: an uncoded target with one of them is an actor, not a thing."""
    return frozenset(_lines("people_nouns.txt"))


@lru_cache(maxsize=1)
def receiving_verbs() -> frozenset[str]:
    """Verbs whose subject undergoes the act named by their object ("faced criticism from X")."""
    return frozenset(_lines("receiving_verbs.txt"))


@dataclass(frozen=True)
class ClearActs:
    """Words that settle an act's type (``data/clear_acts.yaml``)."""

    definite: dict[str, str]  # trigger lemma or form -> PLOVER type
    deploying_verbs: frozenset[str]
    deployable: frozenset[str]
    pledge_verbs: frozenset[str]
    hostile_types: frozenset[str]
    official_sectors: frozenset[str]
    protest_words: frozenset[str]
    imposing_verbs: frozenset[str] = frozenset()
    military_act_nouns: frozenset[str] = frozenset()
    military_types: frozenset[str] = frozenset()
    refusing_verbs: frozenset[str] = frozenset()
    permitting_verbs: frozenset[str] = frozenset()
    permission_nouns: frozenset[str] = frozenset()
    property_nouns: frozenset[str] = frozenset()
    quantity_nouns: frozenset[str] = frozenset()
    alert_states: frozenset[str] = frozenset()
    ordering_verbs: frozenset[str] = frozenset()
    weapons_test: dict[str, frozenset[str]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def clear_acts() -> ClearActs:
    """The clear-act word lists (read once)."""
    raw = read_data_yaml(PACKAGE, "clear_acts.yaml")
    definite: dict[str, str] = {}
    for etype, words in raw["definite_triggers"].items():
        if etype not in PLOVER_TYPES:
            raise ValueError(Errors.E037.format(file="clear_acts.yaml", detail=f"unknown type {etype!r}"))
        for word in words:
            definite[str(word).lower()] = etype
    return ClearActs(definite, frozenset(raw["deploying_verbs"]), frozenset(raw["deployable"]),
                     frozenset(raw["pledge_verbs"]), frozenset(raw["hostile_types"]),
                     frozenset(raw["official_sectors"]), frozenset(raw["protest_words"]),
                     frozenset(raw["imposing_verbs"]), frozenset(raw["military_act_nouns"]),
                     frozenset(raw["military_types"]), frozenset(raw["refusing_verbs"]),
                     frozenset(raw["permitting_verbs"]), frozenset(raw["permission_nouns"]),
                     frozenset(raw["property_nouns"]), frozenset(raw["quantity_nouns"]),
                     frozenset(raw["alert_states"]), frozenset(raw["ordering_verbs"]),
                     {key: frozenset(words) for key, words in raw["weapons_test"].items()})


@dataclass(frozen=True)
class SenseRule:
    """One row of ``data/senses.tsv``: a reading of a trigger that its roles settle as another type."""

    reading: str
    becomes: str
    source: str  # "*", "none", "uncoded", "SEC,SEC" or "!SEC,SEC"
    # target: as source, or "property", "person", "own_people", "complement", "disapproving", "clause", "act_clause", "past_clause",
    # "unarmed", "armed", "weapons_test", "score", "to:verb,verb",
    # "obj:word,word" or "mod:word,word"
    target: str
    unless: frozenset[str]


_ROLE_WORDS = {"*", "none", "uncoded"}
NO_ACT = "NONE"  # a sense row that settles a reading as no act at all
ANY_READING = "*"  # a sense row for every reading of its words
OBJECT_WORDS = "obj:"  # a target condition on the trigger's own object words ("obj:results,report")
MODIFIER_WORDS = "mod:"  # a target condition on words modifying the trigger ("mod:diplomatic,trade")
CARRIER_WORDS = "verb:"  # a target condition on the verb that carries a nominal trigger ("verb:sign")
MEANS_WORDS = "means:"  # a target condition on what the act is done with ("supported them with airstrikes")
INFINITIVE_WORDS = "to:"  # a target condition on the verb the trigger asks for ("ordered the envoy to leave")
PARTICIPLE_HEAD_WORDS = "under:"  # a target condition on the verb a participle clause hangs on ("protested, demanding …")
TOPIC_WORDS = "about:"  # a target condition on what the trigger is about ("warned of famine")
PREP_WORDS = "prep:"  # a target condition on a preposition the trigger opens ("fired on his car")
NAMING_WORDS = "named:"  # a target condition on what the trigger names its object ("held Hamas responsible")
_TARGET_WORDS = _ROLE_WORDS | {"property", "person", "own_people", "complement", "disapproving", "clause", "act_clause", "past_clause",
                                "unarmed", "armed", "weapons_test", "score"}


def _check_role(cond: str, allowed: set[str], sectors: frozenset[str], lemma: str, objects: bool = False) -> None:
    word_lists = (OBJECT_WORDS, MODIFIER_WORDS, CARRIER_WORDS, MEANS_WORDS, INFINITIVE_WORDS, PARTICIPLE_HEAD_WORDS,
                  TOPIC_WORDS, PREP_WORDS, NAMING_WORDS)
    if cond in allowed or (objects and any(cond.startswith(p) and cond[len(p):] for p in word_lists)):
        return
    unknown = set(cond.lstrip("!").split(",")) - sectors
    if unknown:
        raise ValueError(Errors.E037.format(file="senses.tsv", detail=f"unknown sector or word {sorted(unknown)} ({lemma})"))


@lru_cache(maxsize=1)
def trigger_senses() -> dict[str, list[SenseRule]]:
    """Trigger lemma -> its sense rules in file order (``data/senses.tsv``).

    Why the checks: a misspelt type or sector would silently never match.
    """
    sectors = frozenset(read_data_yaml("eventscope.actors", "sectors.yaml")["codes"])
    out: dict[str, list[SenseRule]] = {}
    for r in _rows("senses.tsv"):
        for key in ("reading", "becomes"):
            if r[key] not in PLOVER_TYPES and not (key == "becomes" and r[key] == NO_ACT) \
                    and not (key == "reading" and r[key] == ANY_READING):
                raise ValueError(Errors.E037.format(file="senses.tsv", detail=f"unknown type {r[key]!r}"))
        _check_role(r["source"], _ROLE_WORDS, sectors, r["lemmas"])
        _check_role(r["target"], _TARGET_WORDS, sectors, r["lemmas"], objects=True)
        rule = SenseRule(r["reading"], r["becomes"], r["source"], r["target"],
                         frozenset(w.strip().lower() for w in (r["unless"] or "").split(",") if w.strip()))
        for lemma in r["lemmas"].split(","):
            out.setdefault(lemma.strip().lower(), []).append(rule)
    return out
