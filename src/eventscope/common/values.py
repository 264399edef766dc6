"""Loose values (stage output, table cells, YAML fields) → typed values, or None.

Why here: the store's rows, story merging and the knowledge-base loader each read numbers and
partial dates written by others; one reading keeps "2025-03" or a NaN meaning the same everywhere.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any


def as_float(value: Any) -> float | None:
    """A float from a stage value or table cell; None for missing, unparsable, bool or NaN values."""
    if value is None or isinstance(value, bool):
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if f == f else None  # NaN → None


def as_int(value: Any) -> int | None:
    """A whole number from a stage value or table cell ("3", 3.0 → 3); None when it is not one."""
    f = as_float(value)
    return int(f) if f is not None and f.is_integer() else None


def partial_date(value: Any, *, end: bool = False) -> dt.date | None:
    """The first day (``end``: the last day) of a date, an ISO day, month ("2025-03") or year.

    A ``date`` or ``datetime`` is taken as it is; an ISO string may carry a time after the day
    ("2025-03-20T10:00"). Anything else ("March 2025", "", "12") gives None.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        if len(value) >= 10:
            return dt.date.fromisoformat(value[:10])
        if len(value) == 7 and value[4] == "-":
            year, month = int(value[:4]), int(value[5:])
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        if len(value) == 4 and value.isdigit():
            return dt.date(int(value), 12, 31) if end else dt.date(int(value), 1, 1)
    except ValueError:
        return None
    return None


__all__ = ["as_float", "as_int", "partial_date"]
