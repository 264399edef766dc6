"""Turning one input record (a JSON object, a CSV row, a feed entry) into a ``Document``.

Every structured reader goes through ``make_document`` so that the contract's rules — only
``text`` is required, wrong types reject the record, dates are ISO — hold the same way for all.
"""

from __future__ import annotations

import re
from datetime import date as _date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Callable

from ..errors import Errors
from ..model import Document
from .source import ReadOptions

_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_YEAR_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


def normalize_date(value: str) -> str | None:
    """An ISO date (YYYY-MM-DD) from the usual ways feeds and files write one, or None.

    Accepts ISO dates and datetimes, ``YYYYMMDD``, ``YYYY-MM`` (first of the month) and RFC 2822
    (``Tue, 18 Mar 2025 10:00:00 GMT``), the RSS form.
    """
    value = value.strip()
    if not value:
        return None
    for pattern in (_ISO_PREFIX, _COMPACT):
        m = pattern.match(value)
        if m:
            try:
                return _date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                return None
    m = _YEAR_MONTH.match(value)
    if m:
        try:
            return _date(int(m[1]), int(m[2]), 1).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        return datetime.fromisoformat(value).date().isoformat()
    except ValueError:
        return None


def replace_surrogates(value: str) -> tuple[str, int]:
    """``value`` with lone surrogate code points (U+D800–U+DFFF) replaced by U+FFFD, and how many.

    Why: JSON may spell them (``"\\ud800"``) and Python keeps them in a str, but they are not
    characters: UTF-8 cannot encode them, so such a text breaks the pipeline (E020), the store
    and every JSON answer that would carry it. Decoded bytes never contain them.
    """
    if not _SURROGATE.search(value):
        return value, 0
    return _SURROGATE.subn("\ufffd", value)


def cap_text(text: str, origin: str, opts: ReadOptions, report: Callable[[str], None]) -> str:
    """Truncate a document over ``opts.max_chars`` characters, with an E012 warning."""
    if len(text) > opts.max_chars:
        report(Errors.E012.format(origin=origin, size=len(text), limit=opts.max_chars))
        return text[: opts.max_chars]
    return text


def make_document(record: Any, origin: str, opts: ReadOptions, report: Callable[[str], None],
                  *, strict_types: bool = True) -> Document | None:
    """A Document from a mapping, or None (with the reason reported) when the record is bad.

    record (Any): the parsed JSON object / CSV row.
    origin (str): "file.jsonl:12", used in messages and kept on the Document.
    strict_types (bool): reject non-string optional fields (JSON); CSV values are always strings.
    RETURNS (Document | None): the document, or None when the record was rejected.
    """
    if not isinstance(record, dict):
        report(Errors.E003.format(origin=origin, field="(line)", detail=f"expected an object, got {type(record).__name__}"))
        return None
    text = record.get(opts.text_field)
    if not isinstance(text, str):
        report(Errors.E002.format(origin=origin))
        return None
    if not text.strip():
        report(Errors.E006.format(origin=origin))
        return None
    text, replaced = replace_surrogates(text)
    values: dict[str, str | None] = {}
    for key, name in (("id", opts.id_field), ("title", opts.title_field),
                      ("date", opts.date_field), ("url", opts.url_field)):
        value = record.get(name)
        if value is None or value == "":
            values[key] = None
        elif isinstance(value, str):
            values[key], n = replace_surrogates(value)
            replaced += n
        elif key == "id" and isinstance(value, int) and not isinstance(value, bool):
            values[key] = str(value)
        elif strict_types:
            report(Errors.E003.format(origin=origin, field=name,
                                      detail=f"expected a string, got {type(value).__name__}"))
            return None
        else:
            values[key] = str(value)
    if replaced:
        report(Errors.E067.format(origin=origin, count=replaced))
    date = values["date"]
    if date is not None:
        iso = normalize_date(date)
        if iso is None:
            report(Errors.E014.format(origin=origin, value=date[:60]))
        date = iso
    text = cap_text(text, origin, opts, report)
    return Document(text=text, id=values["id"], date=date, title=values["title"],
                    url=values["url"], origin=origin)
