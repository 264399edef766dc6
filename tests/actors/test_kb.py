"""The actor knowledge base: every data file loads and every code in it is valid."""

from __future__ import annotations

import json
from importlib import resources

import pycountry
import pytest
import yaml

from eventscope.actors.kb import PACKAGE, iso_date, load_kb, norm, role_key_of
from eventscope.common.data import read_data_yaml

GROUP_CODES = {"UNO", "EUR", "IGO", "NGO", "XKX"}
VALID_COUNTRIES = {c.alpha_3 for c in pycountry.countries} | GROUP_CODES


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_norm_folds_spelling_variants():
    assert norm("U.S.") == norm("US") == "us"
    assert norm("al-Sudani") == "al sudani"
    assert norm("Kata’ib Hezbollah") == norm("Kata'ib Hezbollah") == "kataib hezbollah"
    assert norm("Ekrem İmamoğlu") == norm("Ekrem Imamoglu")


def test_iso_date_fills_partial_dates():
    assert iso_date("2021") == "2021-01-01"
    assert iso_date("2021", end=True) == "2021-12-31"
    assert iso_date("2021-05") == "2021-05-01"
    assert iso_date(None) is None


@pytest.mark.parametrize("name", ["organizations.yaml", "igos.yaml", "territories.yaml", "people.yaml"])
def test_records_have_valid_codes(name):
    sectors = set(read_data_yaml(PACKAGE, "sectors.yaml")["codes"])
    records = read_data_yaml(PACKAGE, name)
    assert records, name
    names = set()
    for rec in records:
        assert isinstance(rec.get("name"), str) and rec["name"], rec
        assert rec["name"] not in names, f"duplicate {rec['name']} in {name}"
        names.add(rec["name"])
        assert all(isinstance(a, str) for a in rec.get("aliases") or []), rec["name"]
        assert rec.get("country") is None or rec["country"] in VALID_COUNTRIES, rec["name"]
        assert rec.get("sector") is None or rec["sector"] in sectors, rec["name"]
        for period in rec.get("periods") or []:
            assert period[2] in sectors, rec["name"]
        for role in rec.get("roles") or []:
            assert role[1] in sectors, (rec["name"], role)
            start, end = iso_date(role[2]), iso_date(role[3], end=True)
            assert start is None or end is None or start < end, (rec["name"], role)
            if len(role) > 4 and role[4]:
                assert role[4] in VALID_COUNTRIES, (rec["name"], role)


def test_states_cover_every_iso_country():
    states = json.loads(resources.files("eventscope.actors.data").joinpath("states.json").read_text("utf-8"))
    codes = {s["iso3"] for s in states}
    assert {c.alpha_3 for c in pycountry.countries} <= codes
    assert "XKX" in codes
    for s in states:
        assert s["iso3"] in VALID_COUNTRIES
        assert s["name"]


def test_sector_vocabulary_uses_known_codes():
    raw = read_data_yaml(PACKAGE, "sectors.yaml")
    codes = set(raw["codes"])
    assert set(raw["nouns"]) <= codes
    assert set(raw["modifiers"]) <= codes
    assert raw["role_titles"]


def test_places_tsv_maps_to_iso3(kb):
    assert len(kb.places) > 5000
    assert set(kb.places.values()) <= VALID_COUNTRIES


def test_generic_province_names_are_no_places(kb):
    generic = read_data_yaml(PACKAGE, "non_actor_words.yaml")["generic_provinces"]
    assert "southern" in generic
    assert not any(norm(name) in kb.places for name in generic)


def test_indexes_link_names_demonyms_and_capitals(kb):
    assert kb.lookup("iraqi")[0].entry.country == "IRQ"
    assert kb.lookup("american")[0].entry.country == "USA"
    assert kb.lookup("baghdad")[0].via == "capital"
    assert kb.lookup("ansarallah")[0].entry.name == "Houthis"
    assert kb.lookup("hashd al shaabi")[0].entry.country == "IRQ"


def test_every_curated_demonym_names_its_state(kb):
    """A demonym the curation lists is that state's, even when a source's name for it was dropped
    ("Thai" is no name of Thailand but its demonym) or a town elsewhere is spelled the same."""
    curated = read_data_yaml(PACKAGE, "states_curated.yaml")
    wrong = []
    for iso3, rec in curated.items():
        for dem in (rec or {}).get("demonyms", []):
            hits = kb.lookup(norm(dem))
            if not hits or hits[0].entry.country != iso3:
                wrong.append((dem, iso3, hits[0].entry.country if hits else None))
    assert not wrong


def test_role_index_honours_dates(kb):
    def holder(key, country, date):
        people = {e.name for e, _ in kb.persons_with_role(key, country, date)}
        assert len(people) == 1, (key, country, date, people)
        return people.pop()

    assert holder("president", "USA", "2015-06-01") == "Barack Obama"
    assert holder("president", "USA", "2019-06-01") == "Donald Trump"
    assert holder("president", "USA", "2022-06-01") == "Joe Biden"
    assert holder("defence minister", "USA", "2025-06-01") == "Pete Hegseth"


def test_role_keys():
    sectors = load_kb().sectors
    assert role_key_of("Iraqi Prime Minister", sectors) == "prime minister"
    assert role_key_of("Secretary of Defense", sectors) == "defence minister"
    assert role_key_of("commander of the Quds Force", sectors) == "commander"


def test_yaml_has_no_split_names():
    """A comma inside an unquoted flow name splits it into a stray key; catch that."""
    allowed = {"name", "aliases", "country", "sector", "kind", "periods", "context_only", "roles", "skip"}
    for name in ("organizations.yaml", "igos.yaml", "territories.yaml", "people.yaml"):
        text = resources.files("eventscope.actors.data").joinpath(name).read_text("utf-8")
        for rec in yaml.safe_load(text):
            assert set(rec) <= allowed, (name, rec)


def test_curated_build_inputs_are_valid():
    curated = read_data_yaml(PACKAGE, "states_curated.yaml")
    assert set(curated) <= VALID_COUNTRIES
    rows = resources.files("eventscope.actors.data").joinpath("places_curated.tsv").read_text("utf-8").splitlines()
    assert rows[0].split("\t") == ["name", "country", "population", "feature"]
    for row in rows[1:]:
        name, country, pop, feature = row.split("\t")
        assert name and country in VALID_COUNTRIES and pop.isdigit() and feature


# ---------------------------------------------------------------- the generated (Phoenix) layer
def test_generated_layer_is_large_dated_and_valid():
    from eventscope.actors.kb import read_generated

    layer = read_generated()
    assert layer is not None and "MIT" in layer.header["source"]
    sectors = set(read_data_yaml(PACKAGE, "sectors.yaml")["codes"])
    dated = 0
    for number in range(layer.n_people):
        name, country, sector, keys, roles = layer.record(number)
        assert name and keys, name
        assert all(layer.keys[k] == number for k in keys), name
        assert country is None or country in VALID_COUNTRIES, name
        assert sector is None or sector in sectors, name
        for title, rsector, start, end, rcountry in roles:
            assert title and rsector in sectors, name
            assert start is None or end is None or start <= end, name
            assert rcountry is None or rcountry in VALID_COUNTRIES, name
        dated += any(r[1] != "ELI" and (r[2] or r[3]) for r in roles)
    assert dated >= 10_000
    for number in range(layer.n_people, len(layer.records)):
        name, country, sector, kind, source, keys, periods = layer.record(number)
        assert keys and source in ("org", "igo") and (country is None or country in VALID_COUNTRIES), name
        assert sector in sectors, name
    for code, words in layer.header["agents"].items():
        assert code in sectors and words


def test_generated_keys_never_shadow_curated_names():
    from eventscope.actors.kb import build_kb

    curated = build_kb(generated=False)
    generated = load_kb().generated
    assert generated is not None
    clashes = [k for k in generated.keys if curated.aliases.get(k)]
    assert clashes == []


def test_generated_entries_are_made_on_demand(kb):
    gen = kb.generated
    number = next(iter(gen.keys.values()))
    entry = gen.entry(number)
    assert gen.entry(number) is entry  # made once
    assert entry.id.startswith("phoenix:")


def test_licence_notice_ships_with_the_generated_layer():
    text = resources.files("eventscope.actors.data").joinpath("LICENSE-phoenix.txt").read_text("utf-8")
    assert "MIT License" in text and "Open Event Data" in text


def test_generated_person_reads_its_codes_at_the_date(kb):
    # Phoenix lists Agshin Mehdiyev (Azerbaijan) in government from 2007, with no end date
    hit = kb.lookup("agshin mehdiyev")[0]
    assert hit.entry.source == "person" and hit.entry.country == "AZE"
    assert hit.entry.sector_at("2009-01-01") == "GOV"


def test_deputy_title_is_not_the_office():
    sectors = load_kb().sectors
    assert role_key_of("deputy foreign minister", sectors) is None
    assert role_key_of("vice president", sectors) == "vice president"


def test_regional_office_is_not_the_national_one(kb):
    pms = {e.name for e, _ in kb.persons_with_role("prime minister", "IRQ", "2019-06-01")}
    assert pms == {"Adil Abdul-Mahdi"}  # not the Kurdistan Region's prime minister


def test_actor_lexicon_loads_every_word_list():
    from eventscope.actors.kb import actor_lexicon

    lex = actor_lexicon()
    assert lex["seniority"][0] == "president" and isinstance(lex["seniority"], tuple)
    assert lex["person_pronouns"]["she"] == "f"
    assert "on" in lex["prepositions"] and "no" in lex["no_holder_words"]  # quoted, not booleans
    assert "ambassador" in lex["diplomatic_titles"] and "group" in lex["org_head_nouns"]
    assert {"GOV", "MIL"} <= lex["office_sectors"]
    for key, words in lex.items():
        assert words and all(isinstance(w, str) for w in words), key


def test_place_table_maps_places_tsv_and_keeps_capital_names(tmp_path, monkeypatch):
    import csv

    from eventscope.actors import kb as K
    from eventscope.common.data import read_data_text

    monkeypatch.setenv("EVENTSCOPE_CACHE_DIR", str(tmp_path))
    K.load_place_table.cache_clear()
    try:
        table = K.load_place_table()
        assert list(tmp_path.glob("actor-places-*.arr"))  # built into the cache once
        rows = list(csv.DictReader(read_data_text(K.PACKAGE, "places.tsv").splitlines(), delimiter="\t"))
        first: dict[str, dict[str, str]] = {}
        for row in rows:
            first.setdefault(K.norm(row["name"]), row)
        country, name = table.column("country"), table.column("name", overlay={"zz capital": "Zz City"})
        for key, row in list(first.items())[::997]:
            assert country[key] == row["country"] and name.get(key) == row["name"]
            assert table.column("population").get(key) == int(row["population"] or 0)
        assert "no such place anywhere" not in country and country.get("no such place anywhere") is None
        assert name.get("zz capital") == "Zz City" and "zz capital" in name
        assert len(country) == len(first)
    finally:
        K.load_place_table.cache_clear()
