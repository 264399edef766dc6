"""Cross-document merging over hand-built rows (pure: no store; see tests/store/test_stories.py)."""

from __future__ import annotations

from eventscope.stories.merge import (
    assign_story_events,
    is_same_event,
    load_config,
    same_event_score,
    story_id_for,
    summarise_story,
)
from merge_rows import KHARKIV_CENTRE, ODESA, row  # tests/fixtures/stories, on sys.path via conftest


def test_config_file_loads():
    config = load_config()
    assert config.max_km == 25
    assert config.family("RETREAT") == config.family("CONCEDE")
    assert config.family("ASSAULT") == "ASSAULT"


def test_three_reports_of_one_strike_merge():
    rows = [
        row("a", "d1"),
        row("b", "d2", place=KHARKIV_CENTRE, date="2024-06-04", src=("RUS", None, "Russia")),
        row("c", "d3", tgt=None, src=("RUS", "MIL", "Russian army")),
    ]
    out = assign_story_events(rows, [])
    assert len({a.story_id for a in out}) == 1
    assert out[0].is_new and not out[1].is_new and not out[2].is_new


def test_same_day_strikes_in_two_cities_stay_apart():
    out = assign_story_events([row("a"), row("b", "d2", place=ODESA)], [])
    assert out[0].story_id != out[1].story_id


def test_date_window_and_type_family():
    assert not is_same_event(row("a"), row("b", date="2024-06-06"))
    assert not is_same_event(row("a"), row("b", type="PROTEST"))
    assert is_same_event(row("a", type="RETREAT"), row("b", type="CONCEDE"))


def test_month_precision_matches_inside_month_with_lower_confidence():
    day = same_event_score(row("a"), row("b"))
    month = same_event_score(row("a"), row("b", date="2024-06-01", precision="month"))
    assert 0 < month < day
    assert same_event_score(row("a"), row("b", date="2024-07-01", precision="month")) == 0


def test_null_dates_match_only_near_publication_date():
    a = row("a", date=None, doc_date="2024-06-03")
    assert is_same_event(a, row("b", "d2", date=None, doc_date="2024-06-04"))
    assert not is_same_event(a, row("b", "d2", date=None, doc_date="2024-06-09"))
    assert not is_same_event(row("a", date=None), row("b", "d2", date=None))


def test_dyad_direction_matters_except_for_symmetric_types():
    swapped = dict(src=("UKR", None, "Ukraine"), tgt=("RUS", "MIL", "Russian forces"))
    assert not is_same_event(row("a"), row("b", **swapped))
    assert is_same_event(row("a", type="CONSULT"), row("b", type="CONSULT", **swapped))


def test_names_decide_when_codes_are_missing():
    a = row("a", src=(None, None, "Kataib Hezbollah"))
    assert is_same_event(a, row("b", src=(None, None, "Kataib Hezbollah")))
    assert not is_same_event(a, row("b", src=(None, None, "Asaib Ahl al-Haq")))


def test_negated_acts_join_no_story():
    out = assign_story_events([row("a", modality="negated")], [])
    assert out[0].story_id is None


def test_incremental_join_of_existing_story():
    existing = [dict(row("old", "d0"), story_id="S-old")]
    out = assign_story_events([row("new", "d9")], existing)
    assert out[0].story_id == "S-old" and not out[0].is_new
    fresh = assign_story_events([row("x", "d9", place=ODESA)], existing)
    assert fresh[0].story_id == story_id_for("x") and fresh[0].is_new


def test_cost_per_event_stays_flat():
    """Comparisons per event must not grow with the number of stored events (blocking works)."""
    import random

    from eventscope.stories.blocking import StoryIndex
    from eventscope.stories.scoring import to_event_row

    def synthetic(n, seed=3):
        rng = random.Random(seed)
        types = ["ASSAULT", "CONSULT", "PROTEST", "ACCUSE", "COERCE", "AID"]
        countries = [f"C{i:02d}" for i in range(60)]
        out = []
        for i in range(n):
            day = 1 + rng.randrange(28)
            out.append(row(f"e{i}", f"d{i // 3}", type=rng.choice(types),
                           src=(rng.choice(countries), "MIL", None), tgt=(rng.choice(countries), None, None),
                           place=(rng.uniform(-40, 60), rng.uniform(-20, 120), None, None),
                           date=f"2024-{1 + rng.randrange(12):02d}-{day:02d}"))
        return out

    def per_event(n):
        config = load_config()
        index = StoryIndex(config)
        for r in synthetic(n):
            er = to_event_row(r, config)
            index.best_story(er)
            index.add(er, er.event_id)
        return index.comparisons / n

    small, large = per_event(1000), per_event(4000)
    assert large < 0.02 * 4000  # all-pairs would be ~2000 per event
    assert large < 4 * small + 1


def test_unresolved_agent_counts_as_unknown_only_inside_one_document():
    coded = row("a", "d1")
    fragment = row("b", "d1", src=(None, None, "missiles"), tgt=None)
    assert is_same_event(coded, fragment)
    assert not is_same_event(coded, dict(fragment, doc_id="d2"))


def test_follow_up_joins_the_act_it_retells_within_two_weeks():
    existing = [dict(row("old", "d0", date="2024-06-03"), story_id="S-strike")]
    retold = row("fu", "d5", date=None, doc_date="2024-06-10", follow_up=True)
    assert assign_story_events([retold], existing)[0].story_id == "S-strike"
    fresh = dict(retold, follow_up=False)
    assert assign_story_events([fresh], existing)[0].is_new
    too_late = dict(retold, doc_date="2024-07-10")
    assert assign_story_events([too_late], existing)[0].is_new


def test_named_but_unresolved_actors_stay_apart_inside_a_document():
    coded = row("a", "d1")
    other = row("b", "d1", src=(None, None, "Human Rights Watch"))
    assert not is_same_event(coded, other)


def test_stories_do_not_drift_day_by_day():
    rows = [row(f"e{i}", f"d{i}", date=f"2024-06-{3 + i:02d}") for i in range(5)]
    stories = [a.story_id for a in assign_story_events(rows, [])]
    assert len(set(stories)) >= 2  # 3 June and 7 June are not one strike
    assert stories[0] == stories[1]


def test_a_member_with_unknown_actor_does_not_bridge_two_known_actors():
    rows = [
        row("a", "d1", src=("RUS", "MIL", "Russian forces")),
        row("b", "d1", src=None),
        row("c", "d1", src=("BLR", "MIL", "Belarusian army")),
    ]
    out = assign_story_events(rows, [])
    assert out[0].story_id == out[1].story_id
    assert out[2].story_id != out[0].story_id


def test_victims_told_as_a_common_noun_do_not_split_a_story():
    a = row("a", "d1", tgt=(None, None, "Kharkiv"))
    b = row("b", "d2", tgt=(None, None, "four civilians"))
    assert is_same_event(a, b)
    assert not is_same_event(a, row("c", "d3", tgt=(None, None, "Odesa Port Authority")))


def test_undated_acts_with_different_victims_stay_apart():
    a = row("a", "d1", date=None, src=None, tgt=(None, None, "three women"))
    b = row("b", "d1", date=None, src=None, tgt=(None, None, "15 civilians"))
    assert not is_same_event(a, b)


def test_two_common_noun_crowds_are_not_two_different_actors():
    a = row("a", "d1", type="PROTEST", src=(None, None, "protesters"), tgt=("KEN", "GOV", "Kenya"))
    b = row("b", "d2", type="PROTEST", src=(None, None, "demonstrators"), tgt=("KEN", "GOV", "Kenya"))
    assert is_same_event(a, b)
    assert not is_same_event(a, dict(b, date=None))


def test_story_summary_prefers_day_dates_and_counts_follow_ups_as_sources():
    members = [
        row("a", "d1", date="2024-06-03"),
        row("b", "d2", date="2024-06-01", precision="month", src=("RUS", None, "Russia")),
        row("c", "d3", date="2024-06-03", src=("RUS", "MIL", "Russian army")),
        dict(row("fu", "d4", date="2024-06-10", place=ODESA), follow_up=True),
    ]
    summary = summarise_story("S1", members)
    assert summary["date"].isoformat() == "2024-06-03"
    assert summary["n_events"] == 4 and summary["n_documents"] == 4
    assert round(summary["lat"], 2) == 49.99  # the retelling in Odesa does not move the story
    assert summary["source_name"] in {"Russian forces", "Russia", "Russian army"}
    assert summary["target_name"] == "Ukraine"
