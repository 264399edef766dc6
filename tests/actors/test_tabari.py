"""TABARI dictionary reading, on short dictionary texts written for these tests."""

from __future__ import annotations

from eventscope.actors.tabari import parse_actors, parse_agents, parse_code, tabari_date

ACTORS = """\
# Heading for the leaders
# Leaders
JANE_DOE_  # CountryInfo.txt
+J._DOE
+JANE_Q_DOE_
\t[XYZELI 600101-950630]
\t[XYZGOV 950630-20030115]
\t[XYZGOV >100301]
\t[XYZELI]
NORTHERN_FRONT_ [XYZREB] # a group
+NF_+NORTH_FRONT_
OLD_REGIME_
\t[XYZGOV <900823]
\t[XYZGOV 2004017-20061201]
"""


def test_dates_two_digit_years_pivot_and_eight_digits():
    assert tabari_date("030601") == "2003-06-01"
    assert tabari_date("310101") == "1931-01-01"
    assert tabari_date("991231") == "1999-12-31"
    assert tabari_date("19270101") == "1927-01-01"
    assert tabari_date("2004017") is None  # seven digits: malformed
    assert tabari_date("031301") is None  # month 13


def test_codes_with_ranges_and_open_ends():
    assert parse_code("IRQGOV 20060520-20140908").start == "2006-05-20"
    assert parse_code("IRQGOV >140908").end is None and parse_code("IRQGOV >140908").start == "2014-09-08"
    until = parse_code("USRARM <900823")
    assert until.start is None and until.end == "1990-08-23"
    assert not parse_code("IRQELI").dated
    assert parse_code("IRQGOV 140908-100101") is None  # ends before it starts


def test_entries_aliases_codes_and_comments():
    entries = parse_actors(ACTORS.splitlines(keepends=True))
    names = [e.name for e in entries]
    assert names == ["JANE DOE", "NORTHERN FRONT", "OLD REGIME"]
    jane = entries[0]
    assert jane.aliases == ["J. DOE", "JANE Q DOE"]
    assert [(c.code, c.start, c.end) for c in jane.codes] == [
        ("XYZELI", "1960-01-01", "1995-06-30"), ("XYZGOV", "1995-06-30", "2003-01-15"),
        ("XYZGOV", "2010-03-01", None), ("XYZELI", None, None)]
    assert "countryinfo" in jane.comment.lower()
    assert jane.section == "Leaders"
    front = entries[1]
    assert [c.code for c in front.codes] == ["XYZREB"]  # a code on the name line
    assert front.aliases == ["NF", "NORTH FRONT"]  # two aliases on one line
    regime = entries[2]
    assert len(regime.codes) == 1  # the malformed date drops that code


def test_agents_expand_macros():
    text = "!PERSON! = MAN, WOMAN\nFISHER!PERSON! [~AGR]\nPEACEKEEPER [~MIL] # comment\nBROKEN LINE\n"
    pairs = parse_agents(text.splitlines())
    assert ("fisherman", "AGR") in pairs and ("fisherwoman", "AGR") in pairs
    assert ("peacekeeper", "MIL") in pairs
    assert len(pairs) == 3
