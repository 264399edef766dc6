"""Wire datelines: "BAGHDAD, March 20, 2025 — ", "KYIV (Reuters) - ", "SANAA, Yemen —".

A dateline opens a story: the place it was filed from (in capitals on the wire), perhaps a state
or country, the agency in brackets, perhaps the date, then a dash. It is not part of the first
sentence, it names where the story was filed, and it may carry the publication date. Stages ask
five questions of it, each answered here once:

* where does the first sentence start? (``dateline_end_token``, on the parse: ``nlp``; and
  ``dateline_end``, on the text, for a dateline right after a headline glued to it: ``nlp.story``)
* what does a clause or summary sentence start with once a swallowed dateline is cut off?
  (``skip_dateline``: quotes, brief)
* what does the parser read for a dateline closed by a spaced hyphen? (``hyphen_dateline_as_dash``:
  nlp, in its same-length cleaned copy of the text)
* which place was the story filed from? (``dateline_place``: toponyms, document focus, geo)
* is a full date on one of the first lines a dateline's date? (``dateline_lines`` and
  ``frames_dateline_date``: time, which reads the date itself)

Why the shapes differ: cutting a sentence needs the dash; naming the place does not ("BEIRUT,
Lebanon (AP) The …" names Beirut even without one); a date is taken only between a place and a
dash, so a headline that merely mentions a date is not a dateline.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

# -- the parse: where the first sentence starts ----------------------------------------------

DATELINE_DASHES = frozenset({"—", "–", "-", "--"})
DATELINE_MAX_TOKENS = 14  # the dash must come within this many tokens of the opening word
DATELINE_MAX_CHARS = 400  # the opening word must start this close to the top


def dateline_end_token(doc: Any) -> int | None:
    """Index of the first token after a wire dateline in a parsed text (a spaCy ``Doc``), or None.

    Only a line opening with an all-capitals word of three or more letters near the top, with a
    dash token on the same line, counts ("BAGHDAD, March 20 —", "KYIV (Reuters) -").
    """
    for token in doc:
        if token.idx > DATELINE_MAX_CHARS:
            return None
        at_line_start = token.i == 0 or (doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text) \
            or doc[token.i - 1].text.endswith("\n")
        if not at_line_start or not (token.is_upper and token.is_alpha and len(token) >= 3):
            continue
        for nxt in doc[token.i + 1: token.i + DATELINE_MAX_TOKENS]:
            if "\n" in nxt.text:
                break
            if nxt.text in DATELINE_DASHES and nxt.i + 1 < len(doc) and \
                    (doc[nxt.i - 1].whitespace_ or nxt.whitespace_):
                return nxt.i + 1  # a hyphen inside a name ("PORT-AU-PRINCE") is no dash
    return None


def dateline_start_token(doc: Any, end: int) -> int:
    """Index of the opening word of the dateline that ends before token ``end``
    (``dateline_end_token``): the first token of its line."""
    i = end - 1
    while i > 0 and not (doc[i - 1].is_space and "\n" in doc[i - 1].text) and not doc[i - 1].text.endswith("\n"):
        i -= 1
    return i


# A wire dateline closed by a spaced hyphen near the top: "KYIV, March 13 - ", "DOHA, Jan 15 (Reuters) - ".
_HYPHEN_DATELINE = re.compile(r"(?m)^[A-Z][A-Z.'’ -]*[A-Z](?:,[A-Za-z0-9 .,'’]{0,40}?)?(?:\s*\([A-Za-z]+\))?( - )")


def hyphen_dateline_as_dash(text: str) -> str:
    """The text with the spaced hyphen that closes a wire dateline read as a dash (same length).

    Why: the tagger reads "March 3 - Armenia accused Azerbaijani troops" as a hyphenated
    compound, and the lead's verb as a participle ("accused Azerbaijani troops" became one actor,
    the accusation was lost); with a dash it parses the lead as the sentence it is."""
    m = _HYPHEN_DATELINE.search(text, 0, DATELINE_MAX_CHARS + 80)
    if m is None or m.start() > DATELINE_MAX_CHARS or not re.match(r"[A-Z]{3}", m.group(0)):
        return text  # (the opening word in capitals, as ``dateline_end_token`` asks: not "US - China …")
    at = m.start(1) + 1
    return text[:at] + "\u2014" + text[at + 1:]


# Capital words, perhaps a wire agency in brackets, then a dash (perhaps two kinds glued:
# "WHITE HOUSE —\xa0-"); or capitals, the agency and a hyphen ("KABUL (Reuters) -").
_AGENCY = r"\((?:Reuters|AP|AFP|VOA|dpa|UPI)\)"
_DASHED = re.compile(rf"[A-Z][A-Z.'’ ,]*[A-Z.](?:\s*{_AGENCY})?\s*[—–]{{1,2}}[\s\xa0]*-?")
_HYPHENED = re.compile(rf"[A-Z][A-Z.'’ ,]*[A-Z.]\s*{_AGENCY}\s*-{{1,2}}\s*")


def dateline_end(text: str, at: int) -> int | None:
    """End of a dateline starting at offset ``at`` of the text ("WHITE HOUSE —\xa0-",
    "KABUL (Reuters) -"), or None. Why on the text: a dateline glued behind a headline is found
    before the parser has set any sentence start."""
    window = text[at:at + 80]
    m = _DASHED.match(window) or _HYPHENED.match(window)
    if m is None or not re.search(r"[A-Z]{3}", m.group(0)):
        return None
    return at + m.end()


# -- a dateline a clause swallowed ------------------------------------------------------------

# Capitals, an optional ", state or date" part without a dash, then a spaced dash.
_PREFIX = re.compile(r"[A-Z][A-Z .'-]{2,}(?:,[^—–\n]{0,40})?\s[—–-]{1,2}\s")


def skip_dateline(text: str, start: int, end: int) -> int:
    """Where the words of ``text[start:end]`` begin once a dateline opening it is cut off
    ("KHARTOUM, May 8, 2023 — The army …" → the offset of "The"); ``start`` without one."""
    match = _PREFIX.match(text, start, end)
    return match.end() if match else start


# -- the place a story was filed from ---------------------------------------------------------

# Up to four upper-case words at the very top, then their separator: "," (a state or country
# follows), "(" (the agency), a dash, a line break, two spaces, or the first word of the story.
_PLACE_AT_TOP = re.compile(
    r"\A\s*([A-Z][A-Z'.\-]*(?: [A-Z][A-Z'.\-]*){0,3})(?=\s*(?:,|\(|\u2014|\u2013|-|\n|\s{2})|\s+[A-Z][a-z])")


# The same on a line after the headline: two capitals at least, then the agency or a dash
# ("Haiti gangs attack police station\n\nPORT-AU-PRINCE, Haiti (AP) — …").
_PLACE_AFTER_HEADLINE = re.compile(
    r"[ \t]*([A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]*){0,3})(?=\s*(?:,[^\n]{0,40}?)?\s*(?:\(|\u2014|\u2013|-\s))")


def dateline_place(text: str) -> tuple[int, str] | None:
    """The offset and the words of the dateline place at the top of a story ("BEIRUT —" →
    ``(0, "BEIRUT")``), or on one of its first lines after a headline ("CARACAS (Reuters) - …"),
    None without one. The words are as written; whether they name a place is the gazetteer's
    question."""
    m = _PLACE_AT_TOP.match(text)
    if m:
        return m.start(1), m.group(1)
    for k, (start, line) in enumerate(dateline_lines(text)):
        m = _PLACE_AFTER_HEADLINE.match(line) if k else None
        if m:
            return start + m.start(1), m.group(1)
    return None


# -- the date of a dateline -------------------------------------------------------------------

_PLACE_WORDS = r"[A-Z][\w'.\-]*(?:\s+[A-Z][\w'.\-]*){0,3}"
# What stands before a dateline's date: capitalised place words, an optional region, the agency.
_PLACE_BEFORE_DATE = re.compile(
    rf"^\s*{_PLACE_WORDS}(?:,\s*{_PLACE_WORDS})?\s*(?:\([^)]{{1,40}}\))?\s*[,:]?\s*$"
)
# What follows it: perhaps the agency, then a dash or a colon.
_SEPARATOR_AFTER_DATE = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?(?:[—–:]|-{1,2}\s)")
DATELINE_LINES = 4  # a dateline stands on one of the first non-blank lines
DATELINE_MAX_PLACE = 60  # characters of place, region and agency before the date
_TOP_CHARS = 800


def dateline_lines(text: str) -> Iterator[tuple[int, str]]:
    """The first non-blank lines of a story, each with its offset (where a dateline may stand)."""
    offset = 0
    seen = 0
    for line in text[:_TOP_CHARS].splitlines(keepends=True):
        line_start, offset = offset, offset + len(line)
        if not line.strip():
            continue
        seen += 1
        if seen > DATELINE_LINES:
            return
        yield line_start, line


def date_search_window(line: str) -> str:
    """The part of a line in which a dateline's date must start (and may end)."""
    return line[:DATELINE_MAX_PLACE + 40]


def frames_dateline_date(line: str, start: int, end: int) -> bool:
    """Whether the date at ``line[start:end]`` is a dateline's: a place right before it, a dash
    or colon right after."""
    return start <= DATELINE_MAX_PLACE and bool(_PLACE_BEFORE_DATE.match(line[:start])) \
        and bool(_SEPARATOR_AFTER_DATE.match(line, end))


__all__ = [
    "DATELINE_DASHES", "DATELINE_LINES", "DATELINE_MAX_CHARS", "DATELINE_MAX_PLACE", "DATELINE_MAX_TOKENS",
    "date_search_window", "dateline_end", "dateline_end_token", "dateline_lines", "dateline_place", "dateline_start_token",
    "frames_dateline_date", "hyphen_dateline_as_dash", "skip_dateline",
]
