"""Loose values → typed ones (``common/values.py``)."""

from __future__ import annotations

import datetime as dt

from eventscope.common.values import as_float, as_int, partial_date


def test_as_float_reads_numbers_and_refuses_the_rest():
    assert as_float("1.5") == 1.5 and as_float(2) == 2.0
    assert as_float(float("nan")) is None and as_float("x") is None and as_float(None) is None
    assert as_float(True) is None  # a flag is not a number


def test_as_int_reads_whole_numbers_only():
    assert as_int("3") == 3 and as_int(3.0) == 3 and as_int(7) == 7
    assert as_int(2.5) is None and as_int(float("inf")) is None and as_int(False) is None and as_int("x") is None


def test_partial_dates_read_days_months_and_years():
    assert partial_date("2025-03-20T10:00:00Z") == dt.date(2025, 3, 20)
    assert partial_date("2025-03") == dt.date(2025, 3, 1)
    assert partial_date("2025") == dt.date(2025, 1, 1)
    assert partial_date(dt.date(2025, 3, 20)) == dt.date(2025, 3, 20)
    assert partial_date(dt.datetime(2025, 3, 20, 10)) == dt.date(2025, 3, 20)


def test_partial_dates_end_on_the_last_day_when_asked():
    assert partial_date("2024-02", end=True) == dt.date(2024, 2, 29)
    assert partial_date("2025", end=True) == dt.date(2025, 12, 31)
    assert partial_date("2025-03-20", end=True) == dt.date(2025, 3, 20)


def test_partial_dates_refuse_what_is_not_one():
    for value in ("March 2025", "2025-02-30", "", None, "12", "2025-13", 2025):
        assert partial_date(value) is None, value
