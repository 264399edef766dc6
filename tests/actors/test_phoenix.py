"""Converting Phoenix (TABARI) entries into knowledge-base records, curated data first.

The dictionary text is written for these tests; the curated layer is the package's own.
"""

from __future__ import annotations

import pytest
import yaml
from importlib import resources

from eventscope.actors.kb import build_kb
from eventscope.actors.phoenix import CodeReader, PhoenixConverter, convert_agents, display_name
from eventscope.actors.tabari import parse_actors

DICTIONARY = """\
ZORAN_VELIKI_  # CountryInfo.txt
+Z._VELIKI
\t[SRBELI 600101-040301]
\t[SRBGOVAGR 040301-070531]
\t[SRBELI]
ZORAN_VELIKI_  # CountryInfo.txt
\t[SRBGOV 080101-100101]
PRESIDENT_AMARA_TOLBA_  # CountryInfo.txt
\t[TCDGOV 050101-090101]
NOURI_AL-MALIKI_  # CountryInfo.txt
+NURI_KAMIL_AL-MALIKI
\t[IRQGOV 060520-140908]
KHALID_  # CountryInfo.txt
\t[SAUGOV 750325-820613]
HIGHLAND_LIBERATION_FRONT_ [SRBREB]
+HLF_
+FRONT
BLUE_RIVER_CHARITY_ [NGOHRI]
ORE_MINERS_INC_ [MNCSRB]
KOFI_MENSAH_
\t[IGOUNO 970101-061231]
"""

COMMON = {"front", "blue", "river", "charity", "ore", "miners", "inc", "khalid"}


@pytest.fixture(scope="module")
def curated():
    return build_kb(generated=False)


@pytest.fixture(scope="module")
def converter(curated):
    config = yaml.safe_load(resources.files("eventscope.actors.data").joinpath("phoenix_codes.yaml")
                            .read_text(encoding="utf-8"))
    codes = CodeReader(states=frozenset(curated.states), sectors=curated.sectors.codes, config=config)
    return PhoenixConverter(curated, codes, lambda w: w in COMMON, config["honorifics"],
                            config["institution_words"])


@pytest.fixture(scope="module")
def converted(converter):
    return converter.convert(parse_actors(DICTIONARY.splitlines(keepends=True)))


def test_codes_follow_project_conventions(converter):
    read = converter.codes.read
    assert read("IRQGOVAGR") == ("IRQ", "GOV", "AGR")
    assert read("IGOUNO")[:2] == ("UNO", "IGO")
    assert read("NGOHRI")[:2] == ("NGO", "NGO")  # a human-rights NGO
    assert read("MNCSRB")[:2] == (None, "BUS")
    assert read("TMPGOV")[:2] == ("TLS", "GOV")  # East Timor's old code
    assert read("SRBMED")[:2] == ("SRB", "JRN")  # MED is media in CAMEO
    assert read("ELI")[:2] == (None, "ELI")
    assert read("QQQGOV") == (None, None, None)


def test_display_names_from_capitals():
    assert display_name("NOURI AL-MALIKI") == "Nouri al-Maliki"
    assert display_name("JOSE MARIA MORELOS Y PAVON") == "Jose Maria Morelos y Pavon"
    assert display_name("ANSF") == "ANSF"


def test_people_get_dated_roles_and_duplicates_merge(converted):
    people = {p["name"]: p for p in converted.people}
    zoran = people["Zoran Veliki"]
    assert zoran["country"] == "SRB" and zoran["sector"] == "ELI"
    spans = [(r["sector"], r["start"], r["end"]) for r in zoran["roles"]]
    assert ("GOV", "2004-03-01", "2007-05-31") in spans and ("GOV", "2008-01-01", "2010-01-01") in spans
    assert any("agriculture" in r["title"] for r in zoran["roles"])
    assert sorted(zoran["keys"]) == ["z veliki", "zoran veliki"]


def test_honorific_is_not_part_of_the_name(converted):
    people = {p["name"]: p for p in converted.people}
    assert "Amara Tolba" in people and people["Amara Tolba"]["keys"] == ["amara tolba"]


def test_curated_person_wins_and_gets_new_spellings(converted, curated):
    assert not any(p["name"].startswith("Nouri") for p in converted.people)
    maliki = curated.lookup("nouri al maliki")[0].entry.id
    assert converted.curated_aliases[maliki] == ["nuri kamil al maliki"]


def test_one_word_names_and_common_words_are_dropped(converted):
    assert not any(p["name"] == "Khalid" for p in converted.people)
    assert not any(o["name"] == "Khalid" for o in converted.organizations)
    orgs = {o["name"]: o for o in converted.organizations}
    front = orgs["Highland Liberation Front"]
    assert (front["country"], front["sector"]) == ("SRB", "REB")
    assert "front" not in front["keys"] and "hlf" not in front["keys"]  # a common word; too short
    assert "Blue River Charity" not in orgs and "Ore Miners Inc" not in orgs  # only common words


def test_igo_official_keeps_the_organisation_in_the_role(converted):
    people = {p["name"]: p for p in converted.people}
    kofi = people["Kofi Mensah"]
    assert kofi["roles"][0]["country"] == "UNO" and kofi["roles"][0]["sector"] == "IGO"


def test_agent_nouns_only_add_what_the_curated_vocabulary_lacks(curated, converter):
    pairs = [("soldier", "MIL"), ("orchardist", "AGR"), ("minister of mines", "GOV"), ("xyzzyist", "CRM")]
    out = convert_agents(pairs, curated, converter.codes, lambda w: w in {"orchardist", "xyzzyist", "soldier"})
    assert out.get("AGR") == ["orchardist"]
    assert "soldier" not in out.get("MIL", [])  # curated already
    assert not any("minister of mines" in words for words in out.values())  # a preposition
