"""Blocking (``stories/blocking.py``): the query windows match the in-memory buckets."""

from __future__ import annotations

from datetime import date

from merge_rows import row  # tests/fixtures/stories, on sys.path via conftest

from eventscope.stories.blocking import StoryIndex, story_windows
from eventscope.stories.scoring import load_config, to_event_row


def test_day_windows_cover_the_type_family_and_the_day_window():
    config = load_config()
    keys, doc_keys = story_windows([row("a", type="RETREAT", doc_date="2024-06-04")], config)
    assert {k["type"] for k in keys} == {"RETREAT", "CONCEDE"}
    (k,) = [k for k in keys if k["type"] == "CONCEDE"]
    assert (k["lo"], k["hi"], k["src"], k["sym"]) == (date(2024, 6, 2), date(2024, 6, 4), "RUS", False)
    assert {(d["lo"], d["hi"]) for d in doc_keys} == {(date(2024, 6, 3), date(2024, 6, 5))}


def test_month_dates_and_follow_ups_widen_the_window():
    config = load_config()
    (month,) = story_windows([row("a", date="2024-06-01", precision="month")], config)[0]
    assert (month["lo"], month["hi"], month["mlo"]) == (date(2024, 5, 31), date(2024, 7, 1), date(2024, 5, 1))
    (retold,) = story_windows([dict(row("b", date="2024-06-20"), follow_up=True)], config)[0]
    assert retold["lo"] == date(2024, 6, 20 - config.follow_up_days)
    (undated,) = story_windows([dict(row("c", date=None, doc_date="2024-06-20"), follow_up=True)], config)[0]
    assert (undated["lo"], undated["hi"], undated["src"]) == (date(2024, 6, 6), date(2024, 6, 20), None)


def test_windows_at_the_ends_of_the_calendar():
    keys, doc_keys = story_windows([row("a", date="0001-01-01", doc_date="0001-01-01"),
                                    dict(row("b", date="9999-12-31"), follow_up=True)], load_config())
    assert min(k["lo"] for k in keys) == date.min and max(k["hi"] for k in keys) == date.max
    assert doc_keys[0]["lo"] == date.min


def test_index_candidates_share_the_family_and_the_days():
    config = load_config()
    index = StoryIndex(config)
    stored = [row("same", date="2024-06-04"), row("later", date="2024-06-09"),
              row("protest", type="PROTEST"), row("other-source", src=("BLR", "MIL", "Belarus"))]
    for i, r in enumerate(stored):
        index.add(to_event_row(r, config), f"S{i}")
    found = {index.members[i].event_id for i in index.candidates(to_event_row(row("new"), config))}
    assert found == {"same"}
