"""Date expressions resolved against the publication date."""

from __future__ import annotations

import re
from datetime import date

import pytest

from eventscope.time import expressions
from eventscope.time.expressions import (find_dates, kinds_to_scan, load_lexicon, case_folded,
                                         parse_pub_date, pattern_needs)

PUB = date(2025, 3, 20)  # a Thursday


def _dates(text: str, pub: date | None = PUB) -> dict[str, tuple[str | None, str | None]]:
    return {t.text: (t.date, t.precision) for t in find_dates(text, pub)}


def test_lexicon_loads():
    lex = load_lexicon()
    assert lex["months"]["march"] == 3 and lex["weekdays"]["tuesday"] == 1
    assert lex["relative_days"]["yesterday"] == -1


@pytest.mark.parametrize("text,expected", [
    ("They met on Tuesday.", ("Tuesday", "2025-03-18", "day")),
    ("They met on Thursday.", ("Thursday", "2025-03-20", "day")),
    ("Troops left last week.", ("last week", "2025-03-10", "week")),
    ("Gangs fought over the weekend.", ("the weekend", "2025-03-10", "week")),
    ("Rallies will be held next weekend.", ("next weekend", "2025-03-17", "week")),
    ("Shelling killed five in the last 24 hours.", ("the last 24 hours", None, None)),
    ("The truce began in January.", ("January", "2025-01-01", "month")),
    ("The truce began in April.", ("April", "2024-04-01", "month")),
    ("Talks were held on 12 March.", ("12 March", "2025-03-12", "day")),
    ("Talks were held on 22 March.", ("22 March", "2024-03-22", "day")),
    ("Talks were held on March 12, 2024.", ("March 12, 2024", "2024-03-12", "day")),
    ("Talks resumed yesterday.", ("yesterday", "2025-03-19", "day")),
    ("The war began in 2014.", ("2014", "2014-01-01", "year")),
    ("It happened two days ago.", ("two days ago", "2025-03-18", "day")),
    ("His body was found on 3 August 2014.", ("3 August 2014", "2014-08-03", "day")),
    ("The body was found on 19.5.21.", ("19.5.21", "2021-05-19", "day")),
    ("Bombings on Dec. 10 killed 44.", ("Dec. 10", "2024-12-10", "day")),
    ("Prices rose last month.", ("last month", "2025-02-01", "month")),
])
def test_resolution(text, expected):
    found = _dates(text)
    assert found.get(expected[0]) == expected[1:], found


def test_offsets():
    text = "Troops withdrew on Tuesday, officials said."
    (t,) = find_dates(text, PUB)
    assert text[t.start:t.end] == t.text == "Tuesday"


def test_without_publication_date_only_absolute_dates_resolve():
    found = _dates("He was shot on Tuesday and died on 26 July 2014.", pub=None)
    assert found["Tuesday"][0] is None
    assert found["26 July 2014"] == ("2014-07-26", "day")


def test_lowercase_may_is_not_a_month():
    assert _dates("Officials may 12 times reconsider.") == {}


def test_parse_pub_date():
    assert parse_pub_date("2025-03-20T10:00:00Z") == date(2025, 3, 20)
    assert parse_pub_date("not a date") is None
    assert parse_pub_date(None) is None


@pytest.mark.slow
def test_future_weekday_looks_forward(nlp):
    text = "The envoy will travel to Cairo on Monday."
    (t,) = find_dates(text, PUB, nlp(text))
    assert t.date == "2025-03-24"


@pytest.mark.slow
def test_dateparser_fallback_for_other_shapes(nlp):
    text = "The agreement was signed on the 5th of June, 2019."
    found = {t.text: t.date for t in find_dates(text, PUB, nlp(text))}
    assert "2019-06-05" in found.values(), found


@pytest.mark.slow
def test_durations_are_not_dates(nlp):
    text = "The 30-year conflict has lasted 12 years over the last decade."
    assert [t.text for t in find_dates(text, PUB, nlp(text)) if t.date] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Storm hits coast\n\nMANILA, July 4, 2024 — Typhoon winds", "2024-07-04"),
        ("NEW YORK, Jan. 5, 2023 (Reuters) - Shares fell", "2023-01-05"),
        ("Kyiv, Ukraine (AP) 12 May 2024 - Air raid sirens", "2024-05-12"),
        ("WASHINGTON (Reuters) - The Senate voted", None),
        ("Talks set for March 20, 2025 — officials say", None),
        ("The meeting on March 20, 2025 - was delayed", None),
    ],
)
def test_dateline_date(text, expected):
    from eventscope.time.expressions import dateline_date

    found = dateline_date(text)
    assert (found.isoformat() if found else None) == expected


def test_slash_dates_follow_the_locale_and_unambiguous_parts():
    from eventscope.time.expressions import day_first, find_dates

    assert [t.date for t in find_dates("Gunmen attacked on 3/5/2020.", None)] == ["2020-05-03"]
    assert [t.date for t in find_dates("Gunmen attacked on 3/5/2020.", None, day_first=False)] == ["2020-03-05"]
    assert [t.date for t in find_dates("13/06/2020: rebels attacked.", None, day_first=False)] == ["2020-06-13"]
    assert find_dates("Turnout rose by 3/4 of a point.", None) == []
    assert day_first("YEM") and not day_first("USA")


def test_lowercase_month_words_are_no_dates_but_capitalised_ones_are():
    assert "may" in load_lexicon()["lowercase_doubtful_months"]
    assert not [t for t in find_dates("Officials said may 12 people be moved.", date(2024, 6, 1)) if t.date]
    assert [t.date for t in find_dates("The talks open May 12.", date(2024, 6, 1))] == ["2024-05-12"]


def test_a_day_of_the_month_named_alone_is_the_latest_such_day_of_the_report():
    # PUB is 20 March 2025
    assert _dates("Gunmen raided the village on the 5th, a local official said.") == {"5th": ("2025-03-05", "day")}
    assert _dates("Troops shelled the town on the 22nd, residents said.") == {"22nd": ("2025-02-22", "day")}
    assert _dates("They met on the 5th floor of the ministry.") == {}
    assert _dates("Gunmen raided the village on the 5th, a local official said.", pub=None) == {"5th": (None, "day")}


# One date of each pattern kind that has needs, written as the pre-check must still find it: upper
# case, and with letters that only ``re.I`` reads as ASCII ("FRİDAY", "ſince": U+0130, U+017F).
NEEDY_DATES = [
    ("ago", "It happened THREE DAYS AGO."),
    ("weekend", "Gangs fought over the Weekend."),
    ("relative", "Talks resumed YESTERDAY."),
    ("relative", "Talks resume this\u0020morning."),
    ("anchored", "He was found dead the next morning."),
    ("anchored_count", "The first attack came two days earlier."),
    ("slash", "Gunmen attacked on 3/5/2020."),
    ("slash_short", "Gunmen attacked on 3/5/20."),
    ("weekday", "They met on FR\u0130DAY."),
    ("weekday", "They met on Tues."),
    ("past_span", "Shelling killed five in the Past 24 Hours."),
    ("past_span", "Shelling killed five in the pa\u017ft 24 hour\u017f."),
    ("day_month_rel_year", "Talks open on 3 May next year."),
    ("day_month_rel_year", "Talks open on 3 May NEXT YEAR."),
]


@pytest.mark.parametrize("kind,text", NEEDY_DATES)
def test_the_pattern_pre_check_keeps_every_kind_that_matches(kind, text):
    assert kind in pattern_needs()
    assert expressions._patterns()[kind].search(text), "the sample must be one the pattern matches"
    assert kind in kinds_to_scan(text)


def test_the_pattern_pre_check_skips_kinds_whose_words_are_missing():
    kept = kinds_to_scan("Rebels seized the town on 3 May, officials said.")
    assert "ago" not in kept and "weekday" not in kept and "slash" not in kept
    assert "day_month" in kept  # kinds without needs always run


@pytest.mark.parametrize("text", [text for _kind, text in NEEDY_DATES] + [
    "He was shot on Tuesday and died on 26 July 2014, three days ago; the previous day was calm.",
    "Between 1 and 3 May 2021, over the past two weeks, police said on 6 May 2021.",
])
def test_the_pattern_pre_check_changes_no_date(text, monkeypatch):
    found = [(t.text, t.start, t.date, t.precision) for t in find_dates(text, PUB)]
    monkeypatch.setattr(expressions, "kinds_to_scan", lambda _text: list(expressions._ORDER))
    assert [(t.text, t.start, t.date, t.precision) for t in find_dates(text, PUB)] == found


def test_a_word_with_a_dotted_capital_i_resolves_like_its_ascii_spelling():
    # "FRİDAY" (U+0130) lowers to "fri̇day", no lexicon word: it used to raise a KeyError
    assert [(t.date, t.precision) for t in find_dates("Troops shelled the town on FRİDAY.", PUB)] == \
        [(t.date, t.precision) for t in find_dates("Troops shelled the town on FRIDAY.", PUB)]
    assert find_dates("It happened last FRİDAY.", PUB)[0].date == find_dates("It happened last Friday.", PUB)[0].date


def test_every_letter_re_ignorecase_reads_as_ascii_lowers_to_it():
    """Every character a case-insensitive ASCII letter matches lowers to that letter in
    ``case_folded``, so a needed word is never missed for the way it is cased."""
    letter = re.compile("[a-z]", re.I)
    for code in range(0x110000):
        char = chr(code)
        if letter.fullmatch(char):
            (ascii_letter,) = [a for a in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(a, char, re.I)]
            assert case_folded(char) == ascii_letter, hex(code)


def test_the_weekday_needs_cover_every_weekday_word_the_pattern_takes():
    (words,) = pattern_needs()["weekday"]
    for name in load_lexicon()["weekdays"]:
        if len(name) > 3:  # the pattern's own filter (expressions._patterns)
            assert any(word in name for word in words), name
