"""Wire datelines (``common/dateline.py``): each question answered on stories written for the test."""

from __future__ import annotations

import pytest

from eventscope.common.dateline import (
    dateline_end_token,
    dateline_lines,
    dateline_place,
    frames_dateline_date,
    skip_dateline,
)


def test_skip_dateline_cuts_a_swallowed_dateline_only():
    text = "KHARTOUM, May 8, 2023 — The army shelled the city."
    assert text[skip_dateline(text, 0, len(text)):].startswith("The army")
    plain = "The army shelled the city — again."
    assert skip_dateline(plain, 0, len(plain)) == 0
    lower = "Khartoum, May 8 — the army"
    assert skip_dateline(lower, 0, len(lower)) == 0  # wire datelines are in capitals


def test_skip_dateline_works_inside_a_text():
    text = "Headline here\n\nSANAA - Houthi forces fired missiles."
    start = text.index("SANAA")
    assert text[skip_dateline(text, start, len(text)):].startswith("Houthi")


@pytest.mark.parametrize("text, words", [
    ("BEIRUT — Israeli jets struck", "BEIRUT"),
    ("SANAA, Yemen (AP) — Houthi forces", "SANAA"),
    ("RAS AL-AIN, Syria — Turkish-backed fighters", "RAS AL-AIN"),
    ("  KYIV\nRussia launched", "KYIV"),
    # after a headline of its own line
    ("Rebels take border town\n\nGOMA, Congo (Reuters) - M23 rebels took", "GOMA"),
    ("Talks resume in Doha\nDOHA — Negotiators met", "DOHA"),
])
def test_dateline_place_names_the_filing_place(text, words):
    assert dateline_place(text) == (text.index(words), words)


def test_no_dateline_place_in_an_ordinary_opening():
    assert dateline_place("Israeli jets struck Beirut on Monday.") is None
    assert dateline_place("IRAN SAYS IT WILL RESPOND TO ANY ATTACK") is None
    assert dateline_place("Talks resume\n\nUS and EU officials met - briefly - in Doha.") is None


def test_dateline_date_needs_a_place_before_and_a_dash_after():
    line = "BAGHDAD, March 20, 2025 — The commander arrived"
    start, end = line.index("March"), line.index(" —")
    assert frames_dateline_date(line, start, end)
    headline = "Talks planned for March 20, 2025 in Baghdad"
    start, end = headline.index("March"), headline.index(" in")
    assert not frames_dateline_date(headline, start, end)


def test_dateline_lines_are_the_first_non_blank_lines_with_offsets():
    text = "Title\n\nBAGHDAD, March 20, 2025 — Text\nTwo\nThree\nFour\nFive\n"
    lines = list(dateline_lines(text))
    assert [line.strip() for _, line in lines] == ["Title", "BAGHDAD, March 20, 2025 — Text", "Two", "Three"]
    assert all(text[start:start + len(line)] == line for start, line in lines)


class _Token:
    """Just enough of a spaCy token for ``dateline_end_token``."""

    def __init__(self, doc: list["_Token"], text: str, idx: int):
        self.doc, self.text, self.idx, self.i = doc, text, idx, len(doc)
        self.is_space = text.isspace()
        self.is_upper = text.isupper()
        self.is_alpha = text.isalpha()
        self.whitespace_ = " "

    def __len__(self) -> int:
        return len(self.text)


def _doc(*words: str) -> list[_Token]:
    doc: list[_Token] = []
    idx = 0
    for word in words:
        doc.append(_Token(doc, word, idx))
        idx += len(word) + 1
    return doc


def test_dateline_end_token_is_the_first_word_after_the_dash():
    doc = _doc("KYIV", "(", "Reuters", ")", "-", "Russia", "fired", "drones")
    assert dateline_end_token(doc) == 5
    assert dateline_end_token(_doc("Russia", "fired", "drones", "-", "again")) is None
    assert dateline_end_token(_doc("UN", "-", "talks")) is None  # two letters are no dateline


def test_a_hyphen_inside_the_dateline_place_is_no_dash():
    # "SAINT-DENIS, May 4 (EVS) — Police ..." is tokenised SAINT | - | DENIS: the hyphen is glued
    doc = _doc("SAINT", "-", "DENIS", ",", "May", "4", "(", "EVS", ")", "\u2014", "Police", "fired")
    doc[0].whitespace_ = doc[1].whitespace_ = ""
    assert dateline_end_token(doc) == 10
