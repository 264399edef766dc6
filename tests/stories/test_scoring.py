"""Same-event scoring helpers (``stories/scoring.py``): rows normalised, dates kept in the calendar."""

from __future__ import annotations

from datetime import date

from merge_rows import row  # tests/fixtures/stories, on sys.path via conftest

from eventscope.stories.scoring import load_config, period, place_score, shift_date, to_event_row


def test_rows_are_read_by_the_store_column_names():
    er = to_event_row(row("a", src=(None, None, "The Kataib Hezbollah"), tgt=("UKR", None, "Ukraine")))
    assert er.source.name == "kataib hezbollah" and not er.source.generic
    assert er.target.country == "UKR" and er.family == "ASSAULT"
    crowd = to_event_row(row("b", src=(None, None, "the protesters")))
    assert crowd.source.generic
    # Only ``source_name`` names a side (the old second name is not read).
    assert to_event_row({"event_id": "c", "source_actor_name": "Hamas"}).source.name == ""


def test_dates_stay_inside_the_calendar():
    assert shift_date(date(1, 1, 1), -1) == date.min and shift_date(date(9999, 12, 31), 14) == date.max
    assert shift_date(date(2024, 2, 28), 2) == date(2024, 3, 1)
    assert period(date(2024, 2, 10), "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert period(date(2024, 2, 10), "year") == (date(2024, 1, 1), date(2024, 12, 31))


def test_type_families_join_concessions_and_retreats():
    assert load_config().family("CONCEDE") == load_config().family("RETREAT")


def test_generic_phrases_are_told_by_the_determiners_of_merge_yaml():
    config = load_config()
    assert {"the", "two"} <= config.generic_determiners
    assert to_event_row(row("g", src=(None, None, "The gunmen"))).source.generic
    assert not to_event_row(row("h", src=(None, None, "The Gunmen Brigade"))).source.generic


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
