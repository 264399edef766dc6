"""Country names for ISO3 codes (``common/countries.py``)."""

from __future__ import annotations

from eventscope.common.countries import country_name, country_record


def test_news_names_for_codes():
    assert country_name("IRN") == "Iran"
    assert country_name("USA") == "United States"
    assert country_name("rus") == "Russia"
    assert country_name("COD") != country_name("COG")


def test_unknown_codes_come_back_and_empty_gives_none():
    assert country_name("IGO") == "IGO"
    assert country_name(None) is None and country_name("") is None


def test_records_carry_the_fips_code():
    assert country_record("IRQ")["fips"] == "IZ"
    assert country_record("IGO") is None
