"""Same-event scoring helpers (``stories/scoring.py``): rows normalised, dates kept in the calendar."""

from __future__ import annotations

from datetime import date

from merge_rows import row  # tests/fixtures/stories, on sys.path via conftest

from eventscope.stories.scoring import (
    as_float,
    load_config,
    normalise_name,
    parse_date,
    period,
    place_score,
    shift_date,
    to_event_row,
)


def test_rows_are_read_by_the_store_column_names():
    er = to_event_row(row("a", src=(None, None, "The Kataib Hezbollah"), tgt=("UKR", None, "Ukraine")))
    assert er.source.name == "kataib hezbollah" and not er.source.generic
    assert er.target.country == "UKR" and er.family == "ASSAULT"
    crowd = to_event_row(row("b", src=(None, None, "the protesters")))
    assert crowd.source.generic
    # Only ``source_name`` names a side (the old second name is not read).
    assert to_event_row({"event_id": "c", "source_actor_name": "Hamas"}).source.name == ""


def test_dates_parse_at_every_precision_and_stay_inside_the_calendar():
    assert parse_date("2024-06") == date(2024, 6, 1) and parse_date("2024") == date(2024, 1, 1)
    assert parse_date("June 2024") is None and parse_date("") is None
    assert shift_date(date(1, 1, 1), -1) == date.min and shift_date(date(9999, 12, 31), 14) == date.max
    assert shift_date(date(2024, 2, 28), 2) == date(2024, 3, 1)
    assert period(date(2024, 2, 10), "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert period(date(2024, 2, 10), "year") == (date(2024, 1, 1), date(2024, 12, 31))


def test_names_and_numbers_normalise():
    assert normalise_name("The U.S. Department of State") == "u department state"
    assert as_float("1.5") == 1.5 and as_float(float("nan")) is None and as_float("x") is None
    assert load_config().family("CONCEDE") == load_config().family("RETREAT")


def test_country_centroids_are_not_the_same_place():
    """Two events placed only "in Ukraine" (or inferred from the story) share the country's
    centroid; that is not evidence they happened at the same place."""
    config = load_config()
    centroid = (49.0, 32.0, None, "Ukraine")
    a = to_event_row(row("a", place=centroid, location_precision="country"))
    b = to_event_row(row("b", place=centroid, location_precision="country"))
    assert not a.is_point and place_score(a, b, config) < 1.0
    inferred = to_event_row(row("c", location_inferred=True))
    stated = to_event_row(row("d"))
    assert stated.is_point and not inferred.is_point
    assert place_score(stated, to_event_row(row("e", location_precision="place")), config) == 1.0
    assert place_score(stated, inferred, config) < 1.0
