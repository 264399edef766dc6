"""The actor knowledge base: states, territories, IGOs/NGOs, organisations, people, sector words.

Everything is read once per process from the data files in ``actors/data/`` (``load_kb()`` is
cached) and turned into plain dictionary indexes keyed by a normalised alias, so resolving a
mention is a handful of dictionary look-ups, never a scan over the lists.

Two layers: the curated files (YAML/JSON/TSV, written by hand or by ``scripts/build_actor_kb.py
--states``) and the generated ``phoenix_kb.jsonl.gz`` (some 15,000 people with dated roles,
organisations and agent nouns from the Phoenix dictionaries, converted with the curated layer
winning every conflict). The generated records stay as compact lists until an alias finds one:
only then is its ``Entry`` made, so start-up pays for one dictionary of alias keys, not for
thousands of objects.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from importlib import resources
from typing import Any, Iterable

from ..common.data import read_data_text, read_data_yaml
from ..common.names import name_key
from ..common.values import partial_date


DATA_PACKAGE = "eventscope.actors.data"
PACKAGE = "eventscope.actors"
GENERATED_FILE = "phoenix_kb.jsonl.gz"
GENERATED_PREFIX = "phoenix:"

# The knowledge base's alias key: "U.S." -> "us", "al-Sudani" -> "al sudani", "Qäni" -> "qani".
norm = partial(name_key, style="alias")


@lru_cache(maxsize=1)
def actor_lexicon() -> dict[str, Any]:
    """Function words, word classes, titles and sector groups (``data/lexicon.yaml``), read once.

    Lists become frozensets, except ``seniority`` (an order, a tuple); ``person_pronouns`` is a
    mapping (pronoun → gender).
    """
    raw = read_data_yaml(PACKAGE, "lexicon.yaml")
    return {key: value if isinstance(value, dict) else tuple(value) if key == "seniority" else frozenset(value)
            for key, value in raw.items()}


def iso_date(value: Any, *, end: bool = False) -> str | None:
    """ISO date string from YAML values (date objects, 'YYYY', 'YYYY-MM', 'YYYY-MM-DD'); ``end``
    reads a year or month as its last day (a role held "until 2019" lasts through 2019)."""
    day = partial_date(value, end=end)
    return day.isoformat() if day else None


@dataclass
class KBRole:
    title: str
    sector: str | None
    start: str | None
    end: str | None
    country: str | None
    key: str | None = None  # canonical role key ("president", "defence minister", ...)
    org: str | None = None  # kb id of the organisation in "commander of the Quds Force"

    def active(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass
class Entry:
    """One knowledge-base record (a state, territory, IGO, organisation or person)."""

    id: str
    name: str
    kind: str  # person | organization | state | group
    country: str | None
    sector: str | None
    source: str  # state | territory | igo | org | person
    roles: list[KBRole] = field(default_factory=list)
    periods: list[tuple[str | None, str | None, str | None]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    context_only: frozenset[str] = frozenset()

    def named_by_common_noun(self, key: str) -> bool:
        """Whether the entry is called by a common noun with its article ("the Commission" for the
        European Commission): then the bare word inside a longer name ("the Electoral Commission")
        is not it."""
        return key in self._article_keys

    @cached_property
    def _article_keys(self) -> frozenset[str]:
        # (read for every one-word name found: worked out once per entry)
        return frozenset(norm(a[4:]) for a in self.aliases if a.lower().startswith("the "))

    def sector_at(self, date: str) -> str | None:
        """The sector this actor has on ``date``: dated role or period first, then the default."""
        if self.source == "person":
            active = [r for r in self.roles if r.active(date)]
            if active:
                return _senior(active).sector
            if any(r.end is not None and r.end <= date for r in self.roles):
                return "ELI"
            return self.sector
        for start, end, sector in self.periods:
            if (start is None or start <= date) and (end is None or date < end):
                return sector
        return self.sector

    def latest_sector(self) -> str | None:
        """The sector of a person's latest role (by start date), None without dated roles: how an
        undated story reads him (``actors.stage.in_latest_office``)."""
        if self.source != "person" or not self.roles:
            return None
        return max(self.roles, key=lambda role: role.start or "").sector

    def role_at(self, date: str) -> KBRole | None:
        if self.source != "person":
            return None
        active = [r for r in self.roles if r.active(date)]
        return _senior(active) if active else None

    def country_at(self, date: str) -> str | None:
        role = self.role_at(date)
        if role is not None and role.country in ("UNO", "EUR", "IGO"):
            return role.country
        return self.country



def _senior(roles: list[KBRole]) -> KBRole:
    def rank(r: KBRole) -> tuple[int, str]:
        seniority = actor_lexicon()["seniority"]
        idx = seniority.index(r.key) if r.key in seniority else len(seniority)
        return (idx, "" if r.start is None else _invert(r.start))

    return sorted(roles, key=rank)[0]


def _invert(date: str) -> str:
    # later start sorts first among equally senior roles
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)


@dataclass
class Hit:
    """An alias hit: which entry, and how it was named (name, demonym, capital, surname...)."""

    entry: Entry
    via: str
    context_only: bool = False


@dataclass
class Sectors:
    codes: frozenset[str]
    nouns: dict[str, str]  # normalised noun phrase -> code
    modifiers: dict[str, str]
    generic_heads: frozenset[str]
    org_nouns: frozenset[str]
    former: frozenset[str]
    role_keys: dict[str, str]  # surface title -> canonical role key
    irregular: dict[str, str]
    quantifiers: tuple[tuple[str, ...], ...]  # longest first
    collective: frozenset[str]  # singular nouns naming a group of people ("community", "staff")
    gender: dict[str, str]  # person noun -> "m" | "f" (so "he" does not pick "his wife")
    max_noun_len: int
    story_country: frozenset[str] = frozenset()  # sectors a bare description takes the story's country for
    story_country_persons: frozenset[str] = frozenset()  # ... and a single person of these sectors too
    story_country_titles: frozenset[str] = frozenset()  # ... or with one of these home-office titles
    not_from_story: frozenset[str] = frozenset()  # modifiers that say it comes from elsewhere
    home_offices: frozenset[str] = frozenset()  # offices whose name holds such a word ("foreign ministry")
    act_nouns: frozenset[str] = frozenset()  # "shelling", "raid": an actor noun before one is the actor
    unarmed_act_nouns: frozenset[str] = frozenset()  # "campaign": an act noun that needs no arms
    armed_party_words: frozenset[str] = frozenset()  # "coalition": a party word that may name an armed alliance
    armed_heads: frozenset[str] = frozenset()  # "forces": the armed side of the body named before it
    armed_sides: dict[str, str] = field(default_factory=dict)  # "regime" -> MIL: that word's armed heads
    asset_nouns: frozenset[str] = frozenset()  # "checkpoint", "convoy": held by the actor noun before it
    machine_nouns: frozenset[str] = frozenset()  # "drones": no story country for an unowned machine
    adjective_senses: frozenset[str] = frozenset()  # "general", "major": no rank as an adjective ("a general strike")
    subordinate: frozenset[str] = frozenset()  # "deputy", "vice": the title after is not held
    story_sense: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "officer": MIL or COP by the story


class KnowledgeBase:
    """All actor knowledge with alias indexes. Build with ``load_kb()`` (cached)."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.aliases: dict[str, list[Hit]] = {}
        self.places: dict[str, str] = {}  # normalised place name -> ISO3
        self.place_names: dict[str, str] = {}  # normalised place/capital name -> name as written
        self.place_pop: dict[str, int] = {}  # normalised place name -> population (0 = unknown)
        self.role_index: dict[tuple[str, str], list[tuple[Entry, KBRole]]] = {}
        self.states: dict[str, Entry] = {}
        self.sectors: Sectors
        self.max_alias_len = 1
        self.surface_aliases: dict[str, str] = {}  # alias as written -> normalised key
        self.generated: GeneratedRecords | None = None
        self.calendar_words: frozenset[str] = frozenset()  # months, weekdays, languages, debris: never an actor
        self.identity_words: frozenset[str] = frozenset()  # "Shiite", "Kurdish": kept capitalised
        self.measure_words: frozenset[str] = frozenset()  # "tons", "percent": "6 Tons" is an amount

    # ----------------------------------------------------------------- look-ups
    def lookup(self, key: str) -> list[Hit]:
        hits = self.aliases.get(key)
        if hits is not None:
            return hits
        if self.generated is not None:
            hit = self.generated.hit(key)
            if hit is not None:
                self.aliases[key] = [hit]  # made once, then found like a curated alias
                return self.aliases[key]
        return []

    def is_generated_key(self, key: str) -> bool:
        """True when ``key`` names a generated (Phoenix) record, whose casing is unknown."""
        return self.generated is not None and key in self.generated.keys

    def state(self, iso3: str | None) -> Entry | None:
        return self.states.get(iso3 or "")

    def persons_with_role(self, role_key: str, country: str, date: str) -> list[tuple[Entry, KBRole]]:
        """People holding ``role_key`` for ``country`` on ``date`` ("the US president" in 2019)."""
        return [(e, r) for e, r in self.role_index.get((role_key, country), []) if r.active(date)]

    def sizes(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entries.values():
            out[e.source] = out.get(e.source, 0) + 1
        if self.generated is not None:
            out["generated_person"] = self.generated.n_people
            out["generated_org"] = len(self.generated.records) - self.generated.n_people
        out["aliases"] = len(self.aliases) + (len(self.generated.keys) if self.generated else 0)
        out["places"] = len(self.places)
        out["sector_terms"] = len(self.sectors.nouns) + len(self.sectors.modifiers)
        out["dated_roles"] = sum(len(e.roles) for e in self.entries.values())
        return out

    # ----------------------------------------------------------------- building
    def add_alias(self, alias: str, entry: Entry, via: str, context_only: bool = False) -> None:
        key = norm(alias)
        if not key:
            return
        if key.startswith("the "):
            key = key[4:]
        hits = self.aliases.setdefault(key, [])
        self.surface_aliases.setdefault(alias, key)
        if any(h.entry.id == entry.id for h in hits):
            return
        hits.append(Hit(entry, via, context_only))
        self.max_alias_len = max(self.max_alias_len, len(key.split()))


class GeneratedRecords:
    """The generated (Phoenix) layer: an alias-key index and undecoded records; entries made on demand.

    people: ``[name, country, sector, keys, [[title, sector, start, end, country], ...]]``;
    organizations: ``[name, country, sector, kind, source, keys, [[start, end, sector], ...]]``.
    A one-word person key is a surname-like alias (matched only where a name is expected).
    """

    def __init__(self, header: dict[str, Any], keys: dict[str, int], records: list[str]):
        self.header = header
        self.keys = keys
        self.records = records  # JSON text, decoded by ``record`` when needed
        self.n_people = int(header.get("people", 0))
        self.max_words = max((len(k.split()) for k in keys), default=1)
        self._entries: dict[int, Entry] = {}

    def record(self, number: int) -> list[Any]:
        return json.loads(self.records[number])

    def hit(self, key: str) -> Hit | None:
        number = self.keys.get(key)
        if number is None:
            return None
        entry = self.entry(number)
        via = "surname" if entry.source == "person" and " " not in key else "name"
        return Hit(entry, via)

    def entry(self, number: int) -> Entry:
        entry = self._entries.get(number)
        if entry is not None:
            return entry
        rec = self.record(number)
        if number < self.n_people:
            name, country, sector, _, roles = rec
            entry = Entry(id=GENERATED_PREFIX + name, name=name, kind="person", country=country,
                          sector=sector, source="person",
                          roles=[KBRole(title=t, sector=sec, start=s, end=e, country=c)
                                 for t, sec, s, e, c in roles])
        else:
            name, country, sector, kind, source, _, periods = rec
            entry = Entry(id=GENERATED_PREFIX + name, name=name, kind=kind, country=country, sector=sector,
                          source=source, periods=[(s, e, sec) for s, e, sec in periods])
        self._entries[number] = entry
        return entry


def read_generated() -> GeneratedRecords | None:
    """The generated layer, or None when the package was built without it."""
    path = resources.files(DATA_PACKAGE).joinpath(GENERATED_FILE)
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        lines = gzip.decompress(fh.read()).decode("utf-8").split("\n")
    if lines and not lines[-1]:
        lines.pop()
    return GeneratedRecords(json.loads(lines[0]), json.loads(lines[1]), lines[2:])


def _words(items: Iterable[str]) -> list[str]:
    return [norm(str(i)) for i in items if i is not None and norm(str(i))]


def _load_sectors(extra_nouns: dict[str, list[str]] | None = None) -> Sectors:
    """The sector vocabulary; ``extra_nouns`` (generated agent nouns) never override a curated word."""
    raw = read_data_yaml(PACKAGE, "sectors.yaml")
    nouns: dict[str, str] = {}
    for code, words in raw["nouns"].items():
        for w in _words(words):
            nouns.setdefault(w, code)
    for code, words in (extra_nouns or {}).items():
        for w in words:
            nouns.setdefault(w, code)
    modifiers: dict[str, str] = {}
    for code, words in raw["modifiers"].items():
        for w in _words(words):
            modifiers.setdefault(w, code)
    role_keys: dict[str, str] = {}
    for key, surfaces in raw["role_titles"].items():
        for s in _words(surfaces):
            role_keys.setdefault(s, key)
    quants = sorted({tuple(norm(q).split()) for q in raw["quantifiers"] if norm(q)}, key=len, reverse=True)
    return Sectors(
        codes=frozenset(raw["codes"]),
        nouns=nouns,
        modifiers=modifiers,
        generic_heads=frozenset(_words(raw["generic_heads"])),
        org_nouns=frozenset(_words(raw["org_nouns"])),
        former=frozenset(_words(raw["former_markers"])),
        role_keys=role_keys,
        irregular={norm(k): norm(v) for k, v in raw["irregular_plurals"].items()},
        quantifiers=tuple(quants),
        collective=frozenset(_words(raw.get("collective_nouns", []))),
        gender={**{w: "m" for w in _words(raw.get("male_nouns", []))},
                **{w: "f" for w in _words(raw.get("female_nouns", []))}},
        max_noun_len=max(len(k.split()) for k in list(nouns) + list(modifiers)),
        story_country=frozenset(raw.get("story_country_sectors", [])),
        story_country_persons=frozenset(raw.get("story_country_person_sectors", [])),
        story_country_titles=frozenset(_words(raw.get("story_country_titles", []))),
        not_from_story=frozenset(_words(raw.get("not_from_story", []))),
        home_offices=frozenset(_words(raw.get("home_offices", []))),
        act_nouns=frozenset(_words(raw.get("act_nouns", []))),
        unarmed_act_nouns=frozenset(_words(raw.get("unarmed_act_nouns", []))),
        armed_party_words=frozenset(_words(raw.get("armed_party_words", []))),
        armed_heads=frozenset(_words(raw.get("armed_heads", []))),
        armed_sides={norm(k): v for k, v in (raw.get("armed_sides") or {}).items()},
        asset_nouns=frozenset(_words(raw.get("asset_nouns", []))),
        adjective_senses=frozenset(_words(raw.get("adjective_senses", []))),
        machine_nouns=frozenset(_words(raw.get("machine_nouns", []))),
        subordinate=frozenset(_words(raw.get("subordinate_titles", []))),
        story_sense={norm(k): tuple(v) for k, v in (raw.get("story_sense_heads") or {}).items()},
    )


def role_key_of(title: str, sectors: Sectors) -> str | None:
    """Canonical role key of a title: the longest known title inside it ("Iraqi Prime Minister"
    -> "prime minister"; "commander of the Quds Force" -> "commander")."""
    toks = norm(title).split()
    toks = [sectors.irregular.get(t, t) for t in toks]
    best: tuple[int, str, int] | None = None
    for i in range(len(toks)):
        for j in range(len(toks), i, -1):
            k = " ".join(toks[i:j])
            if k in sectors.role_keys:
                if best is None or j - i > best[0]:
                    best = (j - i, sectors.role_keys[k], i)
                break
    if best is None:
        return None
    if best[2] > 0 and toks[best[2] - 1] in sectors.subordinate:
        return None  # "deputy foreign minister" holds no foreign minister's office
    return best[1]


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The process-wide knowledge base, curated and generated layers (read once, then cached)."""
    return build_kb()


def build_kb(*, generated: bool = True) -> KnowledgeBase:
    """Read the data files and build the indexes (uncached; ``load_kb`` is the shared one).

    generated (bool): add the generated Phoenix layer; ``scripts/build_actor_kb.py`` builds it
        against the curated layer alone (``generated=False``).
    """
    kb = KnowledgeBase()
    layer = read_generated() if generated else None
    kb.sectors = _load_sectors(layer.header.get("agents") if layer else None)
    words = read_data_yaml(PACKAGE, "non_actor_words.yaml")
    kb.calendar_words = frozenset(_words(words["calendar"]) + _words(words.get("languages", []))
                                  + _words(words.get("matter", [])))
    kb.identity_words = frozenset(_words(words.get("identity", [])))
    kb.measure_words = frozenset(_words(words.get("measures", [])))
    _add_states(kb)
    _add_records(kb, "territories.yaml", "territory", "state")
    _add_records(kb, "igos.yaml", "igo", "organization")
    _add_records(kb, "organizations.yaml", "org", "organization")
    _add_people(kb)
    _index_roles(kb)
    if layer is not None:
        _add_generated(kb, layer)
    _add_places(kb)
    return kb


def _add_states(kb: KnowledgeBase) -> None:
    """States (generated by scripts/build_actor_kb.py from pycountry + countryinfo + curation)."""
    for st in json.loads(read_data_text(PACKAGE, "states.json")):
        e = Entry(id=f"state:{st['iso3']}", name=st["name"], kind="state", country=st["iso3"],
                  sector=None, source="state", aliases=st["names"])
        kb.entries[e.id] = e
        kb.states[st["iso3"]] = e
    # Names first for every state, then demonyms and capitals, so a name wins a clash; bigger
    # states first, so "American" is the United States, not the Northern Mariana Islands.
    states = sorted(json.loads(read_data_text(PACKAGE, "states.json")), key=lambda st: -int(st.get("population") or 0))
    for st in states:
        e = kb.states[st["iso3"]]
        for n in st["names"]:
            kb.add_alias(n, e, "name")
    for st in states:
        e = kb.states[st["iso3"]]
        for d in st["demonyms"]:
            kb.add_alias(d, e, "demonym")
        for c in st["capitals"]:
            if not kb.lookup(norm(c)):
                kb.add_alias(c, e, "capital")
            if st["capitals"]:
                kb.place_names.setdefault(norm(c), st["capitals"][0])


def _add_records(kb: KnowledgeBase, name: str, source: str, default_kind: str) -> None:
    """Territories, IGOs/NGOs or organisations from one curated file."""
    for rec in read_data_yaml(PACKAGE, name) or []:
        if rec.get("skip"):
            continue
        eid = f"{source}:{rec['name']}"
        ctx = frozenset(norm(a) for a in rec.get("context_only", []) or [])
        periods = [(iso_date(p[0]), iso_date(p[1], end=True), p[2]) for p in rec.get("periods", []) or []]
        e = Entry(id=eid, name=rec["name"], kind=rec.get("kind", default_kind),
                  country=rec.get("country"), sector=rec.get("sector"), source=source,
                  periods=periods, aliases=[rec["name"], *(rec.get("aliases") or [])],
                  context_only=ctx)
        kb.entries[eid] = e
        for alias in e.aliases:
            kb.add_alias(str(alias), e, "name", context_only=norm(str(alias)) in ctx)


def _add_people(kb: KnowledgeBase) -> None:
    """People with dated roles; a surname unique among them (and no common word) is an alias too."""
    people = read_data_yaml(PACKAGE, "people.yaml") or []
    surname_count: dict[str, int] = {}
    for rec in people:
        last = norm(rec["name"]).split()[-1] if norm(rec["name"]) else ""
        surname_count[last] = surname_count.get(last, 0) + 1
    not_surnames = set(_words(read_data_yaml(PACKAGE, "sectors.yaml").get("not_surnames", [])))
    family_first = actor_lexicon()["family_name_first_countries"]
    for rec in people:
        if rec.get("skip"):
            continue
        eid = f"person:{rec['name']}"
        roles = []
        for r in rec.get("roles") or []:
            title, sector, start, end = r[0], r[1], iso_date(r[2]), iso_date(r[3], end=True)
            country = r[4] if len(r) > 4 and r[4] else rec.get("country")
            roles.append(KBRole(title=str(title), sector=sector, start=start, end=end, country=country,
                                key=role_key_of(str(title), kb.sectors)))
        e = Entry(id=eid, name=rec["name"], kind="person", country=rec.get("country"),
                  sector=rec.get("sector"), source="person", roles=roles,
                  aliases=[rec["name"], *(rec.get("aliases") or [])])
        kb.entries[eid] = e
        for alias in e.aliases:
            kb.add_alias(str(alias), e, "name")
        parts = norm(rec["name"]).split()
        if len(parts) >= 2 and surname_count.get(parts[-1], 0) == 1 and len(parts[-1]) >= 4 \
                and parts[-1] not in kb.sectors.nouns and not kb.lookup(parts[-1]) \
                and parts[-1] not in not_surnames and rec.get("country") not in family_first:
            kb.add_alias(parts[-1], e, "surname")


def _index_roles(kb: KnowledgeBase) -> None:
    """Role index: (role key, country) -> people; the org of "commander of X" is linked too."""
    for e in kb.entries.values():
        for r in e.roles:
            m = re.search(r"\bof (?:the )?(.+)$", r.title)
            of_hits = kb.lookup(norm(m.group(1))) if m else []
            national = m is None or any(h.entry.source in ("state", "igo") and h.entry.country == r.country
                                        for h in of_hits)  # "secretary-general of the United Nations" (UNO)
            if r.key and r.country and national:
                # "prime minister of the Kurdistan Region" is not Iraq's prime minister
                kb.role_index.setdefault((r.key, r.country), []).append((e, r))
            if m:
                for h in of_hits:
                    if h.entry.source in ("org", "igo"):
                        r.org = h.entry.id
                        if r.key:
                            kb.role_index.setdefault((r.key, h.entry.id), []).append((e, r))
                        break


def _add_generated(kb: KnowledgeBase, layer: GeneratedRecords) -> None:
    """The generated layer: more spellings of curated people, then the Phoenix records themselves."""
    for eid, keys in (layer.header.get("curated_aliases") or {}).items():
        entry = kb.entries.get(eid)
        if entry is None:
            continue
        for key in keys:
            if not kb.aliases.get(key):
                kb.aliases[key] = [Hit(entry, "name" if " " in key else "surname")]
                kb.max_alias_len = max(kb.max_alias_len, len(key.split()))
    kb.generated = layer
    kb.max_alias_len = max(kb.max_alias_len, kb.generated.max_words)


PLACES_VERSION = "1"


def _add_places(kb: KnowledgeBase) -> None:
    """Places (sub-national) -> country, for "Kano State government" or "Shanghai police".

    Why mapped: 77k rows whose names must be normalised cost ~0.4 s of every start; built once
    into the user cache (``eventscope.mapped``) they open in milliseconds and workers share them.
    Names written by the states (capitals) stay in ``place_names``' own overlay and win.
    """
    table = load_place_table()
    kb.places = table.column("country")  # type: ignore[assignment]
    kb.place_pop = table.column("population")  # type: ignore[assignment]
    kb.place_names = table.column("name", overlay=kb.place_names)  # type: ignore[assignment]


def encode_place_table() -> bytes:
    """The place table's artefact: normalised name -> first row of ``places.tsv`` (its country,
    name as written, population)."""
    from array import array

    from ..mapped import ArrayFile, StringsBuilder, key_index_arrays

    reader = csv.DictReader(read_data_text(PACKAGE, "places.tsv").splitlines(), delimiter="\t")
    rows: dict[str, int] = {}
    countries, names = StringsBuilder(), StringsBuilder()
    country_id, name_id, population = array("i"), array("i"), array("q")
    for row in reader:
        key = norm(row["name"])
        if not key or key in rows:
            continue
        rows[key] = len(country_id)
        country_id.append(countries.add(row["country"]))
        name_id.append(names.add(row["name"]))
        population.append(int(row["population"] or 0))
    arrays = {**key_index_arrays("place", {k: [i] for k, i in rows.items()}), **countries.arrays("countries"),
              **names.arrays("names"), "country_id": country_id, "name_id": name_id, "population": population}
    return ArrayFile.encode(arrays, {"version": PLACES_VERSION})


class PlaceTable:
    """The memory-mapped place table; ``column()`` gives a read-only mapping over one field."""

    def __init__(self, file: Any):
        from ..mapped import KeyIndex, Strings

        self._index = KeyIndex(file, "place")
        self._countries = Strings(file, "countries")
        self._names = Strings(file, "names")
        self._country_id = file.arrays["country_id"]
        self._name_id = file.arrays["name_id"]
        self._population = file.arrays["population"]

    def __len__(self) -> int:
        return len(self._index)

    def keys(self) -> Iterable[str]:
        return self._index.keys()

    def row(self, key: str) -> int | None:
        ids = self._index.view(key) if isinstance(key, str) else None
        return None if ids is None else ids[0]

    def value(self, field_name: str, row: int) -> Any:
        if field_name == "country":
            return self._countries[self._country_id[row]]
        if field_name == "name":
            return self._names[self._name_id[row]]
        return self._population[row]

    def column(self, field_name: str, overlay: dict[str, Any] | None = None) -> "PlaceColumn":
        return PlaceColumn(self, field_name, dict(overlay or {}))


class PlaceColumn:
    """A dict-like view of one field of the place table (``in``, ``[]``, ``get``, ``len``), with an
    overlay of values written later (``setdefault``) that win over the table's."""

    def __init__(self, table: PlaceTable, field_name: str, overlay: dict[str, Any]):
        self._table, self._field, self._overlay = table, field_name, overlay

    def get(self, key: str, default: Any = None) -> Any:
        if key in self._overlay:
            return self._overlay[key]
        row = self._table.row(key)
        return default if row is None else self._table.value(self._field, row)

    def __contains__(self, key: object) -> bool:
        return key in self._overlay or (isinstance(key, str) and self._table.row(key) is not None)

    def __getitem__(self, key: str) -> Any:
        missing = object()
        value = self.get(key, missing)
        if value is missing:
            raise KeyError(key)
        return value

    def setdefault(self, key: str, value: Any) -> Any:
        if key not in self:
            self._overlay[key] = value
        return self.get(key)

    def __len__(self) -> int:
        return len(self._table) + sum(1 for k in self._overlay if self._table.row(k) is None)

    def values(self) -> Iterable[Any]:
        """Every value: the overlay's, then the table's rows not overridden (for checks and sizes)."""
        yield from self._overlay.values()
        for key in self._table.keys():
            if key not in self._overlay:
                yield self._table.value(self._field, self._table.row(key))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def load_place_table() -> PlaceTable:
    """The place table, opened from the user cache or built there on first use."""
    from pathlib import Path

    from .. import mapped
    from ..common import names
    from ..common.data import data_file
    from ..mapped import artefact_path, fingerprint, open_or_build

    try:
        data = [data_file(PACKAGE, "places.tsv").read_bytes(), data_file("eventscope.common", "names.yaml").read_bytes()]
        code = [Path(m.__file__).read_bytes() for m in (mapped, names)]
        path = artefact_path("actor-places", fingerprint([PLACES_VERSION, *data, *code]))
    except OSError:
        path = None
    return PlaceTable(open_or_build(path, encode_place_table))
