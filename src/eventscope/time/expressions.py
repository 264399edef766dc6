"""Date expressions: find them (regex first, spaCy DATE entities second) and resolve them
against the publication date, with a precision (day, week, month, year).

Why regex first: ``dateparser`` costs about a millisecond per call and much more on its first
call (it loads its language data); news dates take a handful of shapes ("on Tuesday",
"12 March 2024", "March 12", "in January", "last week", "yesterday") that a few compiled
patterns resolve in microseconds. ``dateparser`` is called (cached) only for spaCy DATE spans the
patterns do not cover.

Resolution rules (publication date P):

* full dates resolve as written; a day and month without a year take the year that puts them
  on or before P (after P when the verb is in the future);
* "on Tuesday": the most recent Tuesday on or before P (the next one after P for the future);
* "in January": the most recent January on or before P (month precision);
* "last week" / "last month" / "last year", "N days/weeks ago", "yesterday", "today";
* without P, only expressions that carry their own year resolve; the rest get ``date=None``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..common.data import read_data_yaml
from ..common.dateline import date_search_window, dateline_lines, frames_dateline_date
from ..model import TimeExpression


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, Any]:
    """Month, weekday and relative-day words (``time/data/lexicon.yaml``)."""
    return read_data_yaml("eventscope.time", "lexicon.yaml")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = load_lexicon()
    month = "|".join(sorted((re.escape(m) for m in lex["months"]), key=len, reverse=True))
    weekday = "|".join(sorted((re.escape(w) for w in lex["weekdays"] if len(w) > 3), key=len, reverse=True))
    rel = "|".join(sorted((re.escape(r) for r in lex["relative_days"]), key=len, reverse=True))
    num = "|".join(sorted((re.escape(n) for n in lex["number_words"]), key=len, reverse=True))
    anchored = "|".join(sorted((re.escape(a) for a in lex["anchored_days"]), key=len, reverse=True))
    units = "|".join(sorted(lex["anchored_units"], key=len, reverse=True))
    m = rf"(?P<month>{month})\.?"
    year = r"(?P<year>(?:1[89]|20)\d\d|'\d\d)"
    link = r"\s*(?:-|\u2013|\u2014|/|and|to|till|until|through)\s*"  # "2-3 May", "1 and 3 May", "2/3 May"
    nth = r"(?:st|nd|rd|th)?"
    return {
        # ranges of days: the first day is the date, the last is kept ("between 1 and 3 May 2021",
        # "overnight on 2-3 May", "May 2-3, 2021", "30 April to 2 May 2021")
        "day_range": re.compile(rf"\b(?P<day>[0-3]?\d){nth}(?:\s+(?P<month1>{month})\.?)?{link}(?P<day2>[0-3]?\d){nth}"
                                rf"\s+(?:of\s+)?{m}(?:,?\s+{year})?\b", re.I),
        "month_day_range": re.compile(rf"\b{m}\s+(?P<day>[0-3]?\d){nth}{link}(?P<day2>[0-3]?\d){nth}\b(?:,?\s+{year})?", re.I),
        "iso": re.compile(r"\b(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<mnum>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)(?!\d|[/.-]\d)"),
        "dmy_num": re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:19|20)?\d\d)(?!\d|\.\d)"),
        "slash": re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?![\d/])"),
        # a two-digit year only after "on" ("on 5/3/21"): elsewhere "3/4/21" may be a ratio or a code
        "slash_short": re.compile(r"\b(?:[Oo]n|[Ss]ince|[Dd]ated)\s+(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>\d\d)(?![\d/])"),
        # "3-May-2021", "03-Sep-18": a day, a month word and a year joined by hyphens (forms, logs)
        "day_month_dashed": re.compile(rf"\b(?P<day>[0-3]?\d)-(?P<month>{month})-(?P<year>(?:19|20)\d\d|\d\d)\b", re.I),
        # "3 May this year", "May 3 last year": the year said relative to publication
        "day_month_rel_year": re.compile(rf"\b(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{m}|(?P<month2>{month})\.?\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?),?\s+(?P<ryear>this|last|next)\s+year\b", re.I),
        "day_month": re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{m}(?:,?\s+{year})?\b", re.I),
        "month_day": re.compile(rf"\b{m}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+{year})?(?!\s*(?:%|per|million|billion))", re.I),
        "month_year": re.compile(rf"\b{m}\s+(?:of\s+)?{year}\b", re.I),
        # "on the 5th, a militia leader said": a day of the month named alone, in a dated report
        "day_of_month": re.compile(r"\b(?<=on the )(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?=\s*(?:[,.;:)]|$))", re.I),
        "month": re.compile(rf"\b(?:in|since|during|until|by|early|late|mid|mid-|last|this|next|of)\s+(?:early\s+|late\s+|mid-?)?(?P<month>{month})\b(?!\s+\d)", re.I),
        "weekday": re.compile(rf"\b(?:(?P<mod>last|this|next|on|early|late)\s+)?(?P<weekday>{weekday})(?:\s+(?:morning|afternoon|evening|night))?\b", re.I),
        "relative": re.compile(rf"\b(?P<rel>{rel})\b", re.I),
        # a report's own date: "police said on 6 May 2021", "the ministry announced Tuesday"
        "report_date": re.compile(rf"\b(?:{'|'.join(lex.get('report_verbs') or ['said'])})\s+(?:\w+\s+)?(?:on\s+)?$", re.I),
        # ... or a full date opening the report: "On 6 May 2021, local officials reported that ..."
        "date_of_report": re.compile(rf"^\s*,?\s*(?:[\w'-]+\s+){{0,3}}(?:{'|'.join(lex.get('report_verbs') or ['said'])})\b", re.I),
        # a weekday naming the same day as the date beside it: "Monday 3 May", "Sunday (2 May)", "3 May (Monday)"
        "weekday_with_date": re.compile(r"^\s*[,(]?\s*$"),
        # what makes a relative word only a time of day of the date it introduces ("overnight on 2-3 May")
        "relative_of_date": re.compile(r"\s*,?\s*(?:(?:on|of|into|from|between)\s+)?(?:the\s+(?:night|morning|evening)\s+of\s+)?", re.I),
        # "over the past three days", "in the last 24 hours": a span up to the report, no day of its own
        "past_span": re.compile(rf"\b(?:over|in|during|within|for)\s+(?P<body>the\s+(?:past|last|previous)\s+(?:\d+|{num})\s+"
                                r"(?:hours|days|weeks|months))\b", re.I),
        # "over the weekend", "last weekend": a week's precision (no day: which of the two days is unsaid)
        "weekend": re.compile(r"\b(?P<mod>over|during|at|on|through|last|this|past|next)\s+(?P<body>(?:the\s+)?(?:past\s+)?"
                              r"weekend)\b(?!\s+of\b)", re.I),
        "last_unit": re.compile(r"\b(?P<mod>last|this|next|past|earlier this|later this)\s+(?P<unit>week|month|year)\b", re.I),
        "ago": re.compile(rf"\b(?P<n>\d+|{num})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I),
        # a day counted from another date of the text: "the previous night", "three days earlier",
        # "the day before," (a "before"/"after" only where it ends the clause: not "the day before the vote")
        "anchored": re.compile(rf"\b(?P<anchored>{anchored})(?=\s*(?:[,.;:)]|$)|(?<!before)(?<!after)\b)", re.I),
        "anchored_count": re.compile(rf"\b(?P<n>\d+|{num})\s+(?P<unit>{units})s?\s+(?:(?P<dir>earlier|later)\b|"
                                     rf"(?P<dir2>before|after)(?=\s*(?:[,.;:)]|$)))", re.I),
        "year": re.compile(r"\b(?:in|since|during|of|until|by|early|late|mid-)\s+(?P<year>(?:19|20)\d\d)\b(?!\s*(?:%|people|km|troops))", re.I),
    }


def _month(name: str) -> int:
    return int(load_lexicon()["months"][case_folded(name).rstrip(".")])


def _year(text: str | None, pub: date | None) -> int | None:
    if not text:
        return None
    if text.startswith("'"):
        return 2000 + int(text[1:]) if int(text[1:]) < 50 else 1900 + int(text[1:])
    return int(text)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _before(pub: date, month: int, day: int | None, *, future: bool) -> date | None:
    """The (month, day) date nearest ``pub`` on its past side (future side when ``future``)."""
    for y in ((pub.year, pub.year + 1) if future else (pub.year, pub.year - 1)):
        d = _safe_date(y, month, day or 1)
        if d is None:
            continue
        if future and (d >= pub or (day is None and (d.year, d.month) == (pub.year, pub.month))):
            return d
        if not future and (d <= pub or (day is None and (d.year, d.month) == (pub.year, pub.month))):
            return d
    return None


def _resolve(kind: str, m: re.Match[str], pub: date | None, *, future: bool,
             day_first: bool = True) -> tuple[date | None, str | None]:
    lex = load_lexicon()
    g = m.groupdict()
    if kind == "past_span":
        return None, None  # unresolved on purpose: the act's clause has a time, and it names no day
    if kind == "slash_short":
        year = int(g["year"])
        g = {**g, "year": str(2000 + year if year < 50 else 1900 + year)}
        kind = "slash"
    if kind == "slash":
        # "3/5/2020": a part above 12 decides; else the document's locale (day first unless
        # the story is from a month-first country)
        a, b = int(g["a"]), int(g["b"])
        day, month = (a, b) if (a > 12 or day_first) and b <= 12 else (b, a)
        return _safe_date(int(g["year"]), month, day), "day"
    if kind in ("iso", "dmy_num"):
        year = int(g["year"])
        if year < 100:
            year += 2000 if year < 50 else 1900
        return _safe_date(year, int(g["mnum"]), int(g["day"])), "day"
    if kind in ("day_range", "month_day_range"):
        return _resolve_range(g, pub, future=future)
    if kind == "day_month_dashed":
        year = int(g["year"])
        year += 0 if year >= 100 else (2000 if year < 50 else 1900)
        return _safe_date(year, _month(g["month"]), int(g["day"])), "day"
    if kind == "day_month_rel_year":
        if pub is None:
            return None, "day"
        month = _month(g["month"] or g["month2"])
        day = int(g["day"] or g["day2"])
        step = {"this": 0, "last": -1, "next": 1}[case_folded(g["ryear"])]
        return _safe_date(pub.year + step, month, day), "day"
    if kind in ("day_month", "month_day"):
        month, day = _month(g["month"]), int(g["day"])
        year = _year(g.get("year"), pub)
        if year:
            return _safe_date(year, month, day), "day"
        if pub is None:
            return None, "day"
        return _before(pub, month, day, future=future), "day"
    if kind == "day_of_month":
        # the nearest such day on the report's past side: "on the 5th" in a report of 7 September is
        # 5 September, in a report of 2 September it is 5 August
        if pub is None:
            return None, "day"
        day = int(g["day"])
        found = _safe_date(pub.year, pub.month, day)
        if found is None or found > pub:
            previous = date(pub.year, pub.month, 1) - timedelta(days=1)
            found = _safe_date(previous.year, previous.month, day)
        return found, "day"
    if kind == "month_year":
        year = _year(g["year"], pub)
        return (_safe_date(year, _month(g["month"]), 1) if year else None), "month"
    if kind == "month":
        if pub is None:
            return None, "month"
        return _before(pub, _month(g["month"]), None, future=future), "month"
    if kind == "year":
        return date(int(g["year"]), 1, 1), "year"
    if kind in ("anchored", "anchored_count"):
        return None, "day"  # counted from another date of the text: ``_resolve_against_earlier_dates``
    if pub is None:
        return None, None
    if kind == "weekday":
        wd = int(lex["weekdays"][case_folded(g["weekday"])])
        mod = case_folded(g.get("mod") or "")
        if mod == "next" or (future and mod != "last"):
            delta = (wd - pub.weekday()) % 7 or 7
            return pub + timedelta(days=delta), "day"
        delta = (pub.weekday() - wd) % 7
        if mod == "last" and delta == 0:
            delta = 7
        return pub - timedelta(days=delta), "day"
    if kind == "relative":
        return pub + timedelta(days=int(lex["relative_days"][case_folded(g["rel"])])), "day"
    if kind == "weekend":
        # the weekend just passed (the report's own when it falls on one), or the next one: dated by its
        # week's Monday, as "last week" is
        mod = g["mod"].lower()
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if mod == "next" or (future and mod != "last"):
            saturday += timedelta(days=7)
        elif mod == "last" and pub.weekday() >= 5:
            saturday -= timedelta(days=7)
        return saturday - timedelta(days=5), "week"
    if kind == "last_unit":
        mod, unit = g["mod"].lower(), g["unit"].lower()
        step = -1 if mod in ("last", "past") else (1 if mod == "next" else 0)
        if unit == "week":
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
            return monday, "week"
        if unit == "month":
            y, mo = pub.year, pub.month + step
            if mo < 1:
                y, mo = y - 1, 12
            elif mo > 12:
                y, mo = y + 1, 1
            return date(y, mo, 1), "month"
        return date(pub.year + step, 1, 1), "year"
    if kind == "ago":
        raw = g["n"].lower()
        n = int(raw) if raw.isdigit() else lex["number_words"].get(raw)
        if not n:
            return None, None
        unit = g["unit"].lower()
        if unit == "day":
            return pub - timedelta(days=n), "day"
        if unit == "week":
            return pub - timedelta(weeks=n), "week"
        if unit == "month":
            y, mo = pub.year, pub.month - n
            while mo < 1:
                y, mo = y - 1, mo + 12
            return date(y, mo, 1), "month"
        return date(pub.year - n, 1, 1), "year"
    return None, None


# A range of days up to this long keeps day precision on its first day; a longer one is a month's.
RANGE_DAY_PRECISION_DAYS = 7


def _resolve_range(g: dict[str, Any], pub: date | None, *, future: bool) -> tuple[date | None, str | None]:
    """First day of "1 to 3 May 2021" / "30 April - 2 May" (the last day: ``_range_last_day``).

    Why the first day: a note coding one event over a few days dates it when it began (the
    attack "overnight on 2-3 May" started on the 2nd); precision stays ``day`` for a short
    range (the date is exact as the start), ``month`` for a long one.
    """
    first, last = _range_days(g, pub, future=future)
    if first is None:
        return None, "day"
    long_range = last is not None and (last - first).days >= RANGE_DAY_PRECISION_DAYS
    return (first.replace(day=1), "month") if long_range else (first, "day")


def _range_days(g: dict[str, Any], pub: date | None, *, future: bool) -> tuple[date | None, date | None]:
    month2 = _month(g["month"])
    month1 = _month(g["month1"]) if g.get("month1") else month2
    day1, day2 = int(g["day"]), int(g["day2"])
    year = _year(g.get("year"), pub)
    if year is None:
        if pub is None:
            return None, None
        end = _before(pub, month2, day2, future=future)
        if end is None:
            return None, None
        year = end.year
    last = _safe_date(year, month2, day2)
    first = _safe_date(year - (1 if month1 > month2 else 0), month1, day1)
    if first is None or last is None or last < first:
        return None, None
    return first, last


def _range_last_day(kind: str, m: re.Match[str], pub: date | None, *, future: bool) -> str | None:
    if kind not in ("day_range", "month_day_range"):
        return None
    last = _range_days(m.groupdict(), pub, future=future)[1]
    return last.isoformat() if last else None


# Order matters: longer, more specific shapes first; later matches may not overlap earlier ones.
_ORDER = ("day_range", "month_day_range", "iso", "slash", "slash_short", "dmy_num", "day_month_dashed", "day_month_rel_year", "day_month", "month_day", "month_year", "day_of_month", "ago", "past_span", "weekend", "last_unit", "relative",
          "anchored", "anchored_count", "weekday", "month", "year")


# Letters that a case-insensitive pattern matches to an ASCII letter although ``str.lower`` does not
# give that letter ("İ" lowers to two characters): mapped before lowering, so a word the patterns
# need is a substring of the lowered text wherever a pattern could match it, and a matched word
# ("FRİDAY") is found in the lexicon.
_CASE_FOLDS_TO_ASCII = {"\u0130": "i", "\u0131": "i", "\u017f": "s"}
_CASE_FOLD_TABLE = str.maketrans(_CASE_FOLDS_TO_ASCII)


def case_folded(text: str) -> str:
    """``text`` in lower case, with the letters of ``_CASE_FOLDS_TO_ASCII`` mapped as ``re.I`` reads them:
    the form the pre-check (``kinds_to_scan``) and every lexicon lookup of a matched word use."""
    if any(letter in text for letter in _CASE_FOLDS_TO_ASCII):
        text = text.translate(_CASE_FOLD_TABLE)
    return text.lower()


@lru_cache(maxsize=1)
def pattern_needs() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Pattern kind → groups of lower-case words; the kind can match only a text holding a word of
    each group (``pattern_needs`` in ``time/data/lexicon.yaml``; a group may name a lexicon list)."""
    lex = load_lexicon()
    return {kind: tuple(tuple(str(word).lower() for word in (lex[group] if isinstance(group, str) else group))
                        for group in groups)
            for kind, groups in (lex.get("pattern_needs") or {}).items()}


def kinds_to_scan(text: str) -> list[str]:
    """The pattern kinds of ``_ORDER`` that may match ``text``: a kind is left out when the text
    lacks every word of one of its needed groups (a substring test, far cheaper than the scan)."""
    needs = pattern_needs()
    low = case_folded(text)
    return [kind for kind in _ORDER
            if all(any(word in low for word in group) for group in needs.get(kind, ()))]


def parse_pub_date(value: str | None) -> date | None:
    """The publication date as a ``date`` (ISO 8601 prefix), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def find_dateline(text: str, day_first: bool = True, pub: date | None = None) -> tuple[date, int, int] | None:
    """The date of a wire-style dateline in the first lines, with its offsets in ``text``.

    Only a date directly after a place and followed by a dash or colon counts, so a headline
    that merely mentions a date is not taken for a dateline. Without a publication date it must
    be full (day, month and year); with one, a yearless one ("LUSAKA, May 4 (EVS) —") takes the
    year that puts it on or before ``pub``. A numeric one ("WASHINGTON, 05/03/2021 —") is read
    in the story's locale (``day_first``).
    """
    pats = _patterns()
    for line_start, line in dateline_lines(text):
        for kind in ("month_day", "day_month", "iso", "slash", "dmy_num"):
            for m in pats[kind].finditer(date_search_window(line)):
                if not (m.groupdict().get("year") or pub is not None) or \
                        not frames_dateline_date(line, m.start(), m.end()):
                    continue
                when, precision = _resolve(kind, m, pub, future=False, day_first=day_first)
                if when is not None and precision == "day":
                    return when, line_start + m.start(), line_start + m.end()
    return None


def day_first(country: str | None) -> bool:
    """Whether a story from ``country`` (ISO3) writes numeric dates day first (most of the world)."""
    return country not in set(load_lexicon().get("month_first_countries") or ())


def dateline_date(text: str) -> date | None:
    """The dateline's date (see ``find_dateline``), used when no publication date is given."""
    found = find_dateline(text)
    return found[0] if found else None


def find_dates(text: str, pub: date | None, doc: Any = None, day_first: bool = True) -> list[TimeExpression]:
    """Every date expression of ``text``, resolved against ``pub``.

    Args:
        text (str): the document text.
        pub (date | None): the publication date.
        doc (Doc | None): the spaCy parse (future tense check; DATE entities for dateparser).
        day_first (bool): read an ambiguous "3/5/2020" as 3 May (False: 5 March, US style).
    RETURNS (list[TimeExpression]): in text order, without overlaps; unresolvable ones keep
        ``date=None``.
    """
    pats = _patterns()
    doubtful_months = frozenset(load_lexicon()["lowercase_doubtful_months"])
    taken: list[tuple[int, int]] = []
    out: list[TimeExpression] = []
    for kind in kinds_to_scan(text):
        for m in pats[kind].finditer(text):
            start, end = m.span()
            if kind in ("month", "year", "weekday") and m.group(0).split()[0].lower() in {
                    "in", "since", "during", "until", "by", "of", "on"}:
                start = m.start(m.lastindex or 1) if kind != "weekday" else m.start("weekday")
            if kind == "slash_short":
                start = m.start("a")
            if kind == "past_span" or kind == "weekend" and m.group("mod").lower() in ("over", "during", "at", "on", "through"):
                start = m.start("body")  # the time itself, not the preposition before it
            if kind == "weekday" and (m.group("mod") or "").lower() in ("last", "this", "next"):
                start = m.start("mod")
            if any(start < e and s < end for s, e in taken):
                continue
            month_word = (m.group("month") or m.group("month2")) if kind == "day_month_rel_year" else \
                m.group("month") if kind in ("month_day", "day_month", "day_range", "month_day_range") else None
            if month_word and month_word.lower() in doubtful_months and month_word[0].islower():
                continue  # "may 12" is rarely a date in lowercase prose
            if kind == "month" and m.group("month")[0].islower():
                continue
            future = _is_future(doc, start) if doc is not None else False
            when, precision = _resolve(kind, m, pub, future=future, day_first=day_first)
            if kind in ("day_range", "month_day_range") and when is None and precision is None:
                continue
            taken.append((start, end))
            out.append(TimeExpression(text=text[start:end], start=start, end=end,
                                      date=when.isoformat() if when else None, precision=precision,
                                      last_day=_range_last_day(kind, m, pub, future=future)))
    out = _drop_times_of_day(out, text)
    out.sort(key=lambda t: t.start)
    _date_weekdays_beside_dates(out, text)
    if pub is None:
        _resolve_against_report_date(out, text, future_at=(lambda o: _is_future(doc, o)) if doc is not None else None)
    _resolve_against_earlier_dates(out, text)
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ != "DATE" or any(ent.start_char < e and s < ent.end_char for s, e in taken):
                continue
            when, precision = _dateparser(ent.text, pub.isoformat() if pub else None)
            if when is None:
                continue
            taken.append((ent.start_char, ent.end_char))
            out.append(TimeExpression(text=ent.text, start=ent.start_char, end=ent.end_char,
                                      date=when, precision=precision))
    out.sort(key=lambda t: t.start)
    return out


_RELATIVE_KINDS = ("weekday", "relative", "weekend", "last_unit", "ago")
# what a report's date resolves when there is no publication date: relative words and dates
# without a year ("police said on 6 May 2021 that ... had burned ... on 3 May")
_ANCHORED_KINDS = ("day_range", "month_day_range", "day_month", "month_day") + _RELATIVE_KINDS


def _date_weekdays_beside_dates(found: list[TimeExpression], text: str) -> None:
    """A weekday written beside a full date ("Monday 3 May 2021", "Sunday (2 May)", "3 May
    (Monday)") names that date's day: it takes the date (the weekday alone may not resolve, or
    resolve to another week)."""
    gap = _patterns()["weekday_with_date"]
    weekday = _patterns()["weekday"]
    for a, b in zip(found, found[1:]):
        if not gap.match(text[a.end:b.start].replace(")", "")):
            continue
        for day_word, full in ((a, b), (b, a)):
            if weekday.fullmatch(day_word.text) and full.precision == "day" and full.date \
                    and not weekday.fullmatch(full.text):
                # even when the two disagree: the full date is the more specific of the two
                day_word.date, day_word.precision = full.date, "day"


def _resolve_against_report_date(found: list[TimeExpression], text: str, future_at: Any = None) -> None:
    """Without a publication date, relative words ("last Monday", "on Tuesday", "yesterday")
    and days without a year ("on 3 May") count from the date the text says it was reported
    ("…, police said on 6 May 2021", "On 6 May 2021, officials reported that …").

    Why: a note or a wire item without metadata often dates its statement, not its act; the
    statement's day is the "today" of the reporter. Only a full day date right after a verb of
    reporting counts; without one the relative words stay unresolved (no guess).
    """
    pats = _patterns()
    report, opening = pats["report_date"], pats["date_of_report"]
    anchors = [t for t in found if t.precision == "day" and t.date and t.last_day is None
               and (report.search(text[max(0, t.start - 40):t.start]) or opening.match(text[t.end:t.end + 60]))]
    if not anchors:
        return
    anchor = parse_pub_date(anchors[-1].date)
    for t in found:
        if t.date is not None:
            continue
        for kind in _ANCHORED_KINDS:
            m = pats[kind].fullmatch(text, t.start, t.end) or pats[kind].search(text, t.start, t.end)
            if m is None:
                continue
            future = bool(future_at(t.start)) if future_at is not None else False
            when, precision = _resolve(kind, m, anchor, future=future)
            if when is not None:
                t.date, t.precision = when.isoformat(), precision
            break


def anchored_offset(text: str) -> int | None:
    """Days from the anchor date that an anchored expression ("the previous night", "three days
    earlier", "a week later") says, or None when ``text`` is not one."""
    lex = load_lexicon()
    pats = _patterns()
    m = pats["anchored"].fullmatch(text)
    if m is not None:
        return int(lex["anchored_days"][case_folded(m.group("anchored"))])
    m = pats["anchored_count"].fullmatch(text)
    if m is None:
        return None
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else lex["number_words"].get(raw)
    if not n:
        return None
    sign = -1 if (m.group("dir") or m.group("dir2")).lower() in ("earlier", "before") else 1
    return sign * n * int(lex["anchored_units"][case_folded(m.group("unit"))])


def _resolve_against_earlier_dates(found: list[TimeExpression], text: str) -> None:
    """"The previous night", "three days earlier", "the next morning": counted from the nearest
    day-precise date written before them (the statement's day in "In a statement on 5 April, the
    army said ... the previous night"; the act's in "... on Wednesday; he was found the next
    morning"), not from the publication date.

    Why: such a phrase refers back to a date the text has just given; without one before it, it
    stays unresolved (a guess from the publication date would be a wrong day as often as not),
    and an unresolved date still keeps its clause from taking another clause's date.
    """
    anchor: date | None = None
    for t in found:
        offset = anchored_offset(t.text) if t.date is None else None
        if offset is not None:
            if anchor is not None:
                t.date, t.precision = (anchor + timedelta(days=offset)).isoformat(), "day"
            continue
        if t.date and t.precision == "day":
            anchor = parse_pub_date(t.date)


def _drop_times_of_day(found: list[TimeExpression], text: str) -> list[TimeExpression]:
    """Drop a relative word that only says the time of day of the date right after it
    ("overnight on 2-3 May", "overnight Tuesday"): the date, not the publication day, is meant."""
    prefix = _patterns()["relative_of_date"]
    relative = _patterns()["relative"]
    starts = {t.start for t in found}
    return [t for t in found if not (relative.fullmatch(t.text)
                                     and prefix.match(text, t.end).end() in starts - {t.start})]


def _is_future(doc: Any, offset: int) -> bool:
    """Whether the verb governing the token at ``offset`` is in the future ("will meet")."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    markers = set(load_lexicon()["future_markers"])
    head = tok
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            break
        if head.head.i == head.i:
            break
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in {"will", "'ll", "shall"} for c in head.children):
        return True
    # "plans to meet on Tuesday", "is scheduled to visit"
    return head.dep_ == "xcomp" and (head.head.lemma_ in markers or head.head.lower_ in markers)


# dateparser only sees spans naming a month or written as numbers ("5/6/2019"); durations such
# as "30-year" or "12 years" and vague spans ("the last decade") are not dates
_MONTH_WORD = re.compile(r"\b(?:january|february|march|april|may|june|july|august|september|october|"
                         r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?", re.I)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")


@lru_cache(maxsize=4096)
def _dateparser(text: str, pub: str | None) -> tuple[str | None, str | None]:
    """``dateparser`` for the DATE spans the patterns miss (cached; about 1 ms a call)."""
    if len(text) > 40 or not (_MONTH_WORD.search(text) or _NUMERIC_DATE.search(text)):
        return None, None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None, None
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                                "REQUIRE_PARTS": ["year"] if pub is None else []}
    if pub:
        from datetime import datetime

        settings["RELATIVE_BASE"] = datetime.fromisoformat(pub)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # noqa: BLE001 - a parser failure only means "no date"
        return None, None
    if parsed is None:
        return None, None
    low = text.lower()
    has_month = bool(_MONTH_WORD.search(low))
    has_day = (has_month and bool(re.search(r"\b[0-3]?\d(st|nd|rd|th)?\b", low))) or bool(_NUMERIC_DATE.search(low))
    if has_day:
        return parsed.date().isoformat(), "day"
    if has_month:
        return parsed.date().replace(day=1).isoformat(), "month"
    if re.fullmatch(r"(?:the\s+)?(?:year\s+)?(19|20)\d\d", low.strip()):
        return parsed.date().replace(month=1, day=1).isoformat(), "year"
    return None, None
