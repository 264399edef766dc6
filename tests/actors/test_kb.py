"""The actor knowledge base: every data file loads and every code in it is valid."""

from __future__ import annotations

import json
from importlib import resources

import pycountry
import pytest
import yaml

from eventscope.actors.kb import iso_date, load_kb, norm, read_yaml, role_key_of

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
    sectors = set(read_yaml("sectors.yaml")["codes"])
    records = read_yaml(name)
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
    raw = read_yaml("sectors.yaml")
    codes = set(raw["codes"])
    assert set(raw["nouns"]) <= codes
    assert set(raw["modifiers"]) <= codes
    assert raw["role_titles"]


def test_places_tsv_maps_to_iso3(kb):
    assert len(kb.places) > 5000
    assert set(kb.places.values()) <= VALID_COUNTRIES


def test_indexes_link_names_demonyms_and_capitals(kb):
    assert kb.lookup("iraqi")[0].entry.country == "IRQ"
    assert kb.lookup("american")[0].entry.country == "USA"
    assert kb.lookup("baghdad")[0].via == "capital"
    assert kb.lookup("ansarallah")[0].entry.name == "Houthis"
    assert kb.lookup("hashd al shaabi")[0].entry.country == "IRQ"


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
    curated = read_yaml("states_curated.yaml")
    assert set(curated) <= VALID_COUNTRIES
    rows = resources.files("eventscope.actors.data").joinpath("places_curated.tsv").read_text("utf-8").splitlines()
    assert rows[0].split("\t") == ["name", "country", "population", "feature"]
    for row in rows[1:]:
        name, country, pop, feature = row.split("\t")
        assert name and country in VALID_COUNTRIES and pop.isdigit() and feature
