"""Blocking: which stored events a new event is compared with, so merging stays near-linear.

An event is compared only with events in its buckets (type family × day, month, year or
publication day; busy days also split by the source's country), so the cost per event stays
about the same however large the store grows. ``StoryIndex`` holds the buckets in memory;
``story_windows`` gives the same windows as plain key rows, which the store turns into one
query for the stored events near a batch of new ones. Pure: no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date as Date
from typing import Any, Mapping, Sequence

from ..common.values import partial_date
from .scoring import EventRow, MergeConfig, dyad_score, period, same_event_score, shift_date


class StoryIndex:
    """Members of stories in blocking buckets: type family × (day | month | year | publication day)."""

    def __init__(self, config: MergeConfig):
        self.config = config
        self.by_day: dict[tuple[str, int], list[int]] = defaultdict(list)
        # Day buckets split by the source's country ("" when unknown; symmetric types also under
        # the target's), so a busy news day stays cheap.
        self.by_day_side: dict[tuple[str, int, str], list[int]] = defaultdict(list)
        self.by_month: dict[tuple[str, int, int], list[int]] = defaultdict(list)
        self.coarse_by_month: dict[tuple[str, int, int], list[int]] = defaultdict(list)
        self.by_year: dict[tuple[str, int], list[int]] = defaultdict(list)
        self.year_only: dict[tuple[str, int], list[int]] = defaultdict(list)
        self.undated_by_docday: dict[tuple[str, int], list[int]] = defaultdict(list)
        self.by_docday: dict[tuple[str, int], list[int]] = defaultdict(list)
        self.undated_by_doc: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_doc: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.members: list[EventRow] = []
        self.stories: list[str] = []
        self.comparisons = 0
        # First and last day (ordinal) of each story's day-dated, first-hand members: a story may
        # not drift (A~B, B~C, C~D …) over more than two date windows.
        self.span: dict[str, tuple[int, int]] = {}
        self.by_story: dict[str, list[int]] = defaultdict(list)

    def add(self, row: EventRow, story_id: str) -> None:
        i = len(self.members)
        self.members.append(row)
        self.stories.append(story_id)
        self.by_story[story_id].append(i)
        day = self._day(row)
        if day is not None:
            lo, hi = self.span.get(story_id, (day, day))
            self.span[story_id] = (min(lo, day), max(hi, day))
        fam = row.family
        if row.doc_date is not None:
            self.by_docday[(fam, row.doc_date.toordinal())].append(i)
        self.by_doc[(fam, row.doc_id)].append(i)
        if row.date is None:
            if row.doc_date is not None:
                self.undated_by_docday[(fam, row.doc_date.toordinal())].append(i)
            self.undated_by_doc[(fam, row.doc_id)].append(i)
            return
        precision = row.precision or "day"
        self.by_year[(fam, row.date.year)].append(i)
        if precision == "year":
            self.year_only[(fam, row.date.year)].append(i)
            return
        self.by_month[(fam, row.date.year, row.date.month)].append(i)
        if precision == "month":
            self.coarse_by_month[(fam, row.date.year, row.date.month)].append(i)
        else:
            d = row.date.toordinal()
            self.by_day[(fam, d)].append(i)
            for side in self._side_keys(row):
                self.by_day_side[(fam, d, side)].append(i)

    def _side_keys(self, row: EventRow) -> set[str]:
        keys = {row.source.country or ""}
        if row.type in self.config.symmetric:
            keys.add(row.target.country or "")
        return keys

    def candidates(self, row: EventRow) -> set[int]:
        fam = row.family
        found: set[int] = set()
        if row.date is None:
            if row.doc_date is not None:
                d = row.doc_date.toordinal()
                for k in range(d - 1, d + 2):
                    found.update(self.by_docday.get((fam, k), ()))
            found.update(self.by_doc.get((fam, row.doc_id), ()))
            return found
        precision = row.precision or "day"
        if precision == "day":
            d = row.date.toordinal()
            w = self.config.day_window
            sides = self._side_keys(row)
            for k in range(d - w, d + w + 1):
                if not row.source.country:
                    found.update(self.by_day.get((fam, k), ()))
                    continue
                for side in sides | {""}:
                    found.update(self.by_day_side.get((fam, k, side), ()))
            found.update(self.coarse_by_month.get((fam, row.date.year, row.date.month), ()))
        elif precision == "month":
            found.update(self.by_month.get((fam, row.date.year, row.date.month), ()))
        else:
            found.update(self.by_year.get((fam, row.date.year), ()))
        found.update(self.year_only.get((fam, row.date.year), ()))
        if row.doc_date is not None:
            d = row.doc_date.toordinal()
            for k in range(d - 1, d + 2):
                found.update(self.undated_by_docday.get((fam, k), ()))
        found.update(self.undated_by_doc.get((fam, row.doc_id), ()))
        return found

    @staticmethod
    def _day(row: EventRow) -> int | None:
        if row.date is None or (row.precision or "day") != "day" or row.follow_up:
            return None
        return row.date.toordinal()

    def _drifts(self, row: EventRow, story_id: str) -> bool:
        day = self._day(row)
        if day is None or story_id not in self.span:
            return False
        lo, hi = self.span[story_id]
        return max(hi, day) - min(lo, day) > 2 * self.config.day_window

    def follow_up_candidates(self, row: EventRow) -> set[int]:
        """Earlier members a follow-up may retell: the ``follow_up_days`` before its date."""
        told = row.date if row.date is not None and row.precision in (None, "day") else row.doc_date
        if told is None:
            return set()
        fam, d = row.family, told.toordinal()
        found: set[int] = set()
        for k in range(d - self.config.follow_up_days, d + 1):
            found.update(self.by_day.get((fam, k), ()))
            found.update(self.undated_by_docday.get((fam, k), ()))
        return found

    def _conflicts(self, row: EventRow, story_id: str) -> bool:
        """Whether ``row``'s dyad contradicts a member of the story: a story joined through a
        member with an unknown actor must not gather two different known actors."""
        for j in self.by_story.get(story_id, ())[:50]:
            self.comparisons += 1
            if dyad_score(row, self.members[j], self.config) == 0.0:
                return True
        return False

    def best_story(self, row: EventRow) -> tuple[str | None, float]:
        candidates = self.candidates(row)
        if row.follow_up:
            candidates |= self.follow_up_candidates(row)
        scored: dict[str, float] = {}
        for i in sorted(candidates):
            self.comparisons += 1
            score = same_event_score(row, self.members[i], self.config)
            story = self.stories[i]
            if score > scored.get(story, 0.0):
                scored[story] = score
        for story, score in sorted(scored.items(), key=lambda kv: -kv[1]):
            if score < self.config.min_score:
                break
            if not self._drifts(row, story) and not self._conflicts(row, story):
                return story, score
        return None, 0.0


def story_windows(new_rows: Sequence[Mapping[str, Any]],
                  config: MergeConfig) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The date windows in which stored events may match the new ones, as key rows.

    Each key names a type of the new event's family and a window: ``lo``..``hi`` for day dates
    (widened to the ``follow_up_days`` before a follow-up), the first day of ``lo``'s month
    (``mlo``) and the years (``ylo``..``yhi``) for month and year dates, and the source and target
    countries (``src``, ``tgt``, ``sym`` for symmetric types), as ``StoryIndex`` blocks them.
    Publication-day keys (± 1 day) catch undated events.

    RETURNS (tuple[list[dict], list[dict]]): (event-date keys, publication-day keys).
    """
    keys: list[dict[str, Any]] = []
    doc_keys: list[dict[str, Any]] = []
    for r in new_rows:
        family = config.family(r.get("type"))
        if not family:
            continue
        types = {t for t, fam in config.families.items() if fam == family} | {r.get("type")}
        d = partial_date(r.get("date"))
        dd = partial_date(r.get("doc_date"))
        follow_up = bool(r.get("follow_up"))
        for t in types:
            if d is None and follow_up and dd is not None:
                keys.append({"type": t, "lo": shift_date(dd, -config.follow_up_days), "hi": dd,
                             "mlo": dd, "ylo": dd.year, "yhi": dd.year, "src": None, "tgt": None,
                             "sym": False})
            if d is not None:
                p0, p1 = period(d, r.get("date_precision") or "day")
                lo, hi = shift_date(p0, -config.day_window), shift_date(p1, config.day_window)
                if follow_up:
                    lo = shift_date(p0, -config.follow_up_days)
                keys.append({"type": t, "lo": lo, "hi": hi, "mlo": Date(lo.year, lo.month, 1),
                             "ylo": lo.year, "yhi": hi.year, "src": r.get("source_country") or None,
                             "tgt": r.get("target_country") or None, "sym": t in config.symmetric})
            if dd is not None:
                doc_keys.append({"type": t, "lo": shift_date(dd, -1), "hi": shift_date(dd, 1)})
    return keys, doc_keys
