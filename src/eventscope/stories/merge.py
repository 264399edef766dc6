"""Cross-document event merging: many reports of one real-world act become one story event.

Five outlets telling the same strike give five mention-level events. ``assign_story_events``
puts each new event into an existing story or starts a new one (incremental: both levels stay,
``story_event_members`` links every source event to its story), comparing it only with the
events of its blocking buckets (``blocking``) by the same-event score (``scoring``);
``summarise_story`` gives a story's row. All pure: rows in, decisions out. The store
(``eventscope.store.stories``) reads the rows, calls these inside its write transaction and
persists the result.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from ..common.values import as_float, partial_date
from .blocking import StoryIndex, story_windows
from .scoring import (
    ROW_KEYS,
    EventRow,
    MergeConfig,
    Side,
    date_score,
    dyad_score,
    is_same_event,
    load_config,
    place_score,
    same_event_score,
    side_score,
    to_event_row,
)

__all__ = [
    "ROW_KEYS", "Assignment", "EventRow", "MergeConfig", "Side", "StoryIndex", "assign_story_events",
    "date_score", "dyad_score", "is_same_event", "load_config",
    "place_score", "same_event_score", "side_score", "story_id_for", "story_windows",
    "summarise_story", "to_event_row",
]


def story_id_for(event_id: str) -> str:
    """A story's id, derived from its first event so that re-runs give the same ids."""
    return "S" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15]


@dataclass
class Assignment:
    """Where one event went: ``story_id`` (None for acts that did not happen), new story or not."""

    event_id: str
    story_id: str | None
    is_new: bool
    score: float
    doc_id: str = ""


def assign_story_events(new_rows: Sequence[Mapping[str, Any]],
                        existing_story_rows: Iterable[Mapping[str, Any]] = (),
                        config: MergeConfig | None = None) -> list[Assignment]:
    """Put each new event into an existing story or a new one (incremental, near-linear).

    new_rows (Sequence[Mapping]): event rows to place (keys of ``ROW_KEYS``; optional
        ``doc_date`` (publication date), ``location_name``, ``source_sector``, ``target_sector``).
    existing_story_rows (Iterable[Mapping]): rows of events already in stories, each with its
        ``story_id``; only those near the new events (same family, nearby dates) matter.
    config (MergeConfig): settings; defaults to ``data/merge.yaml``.
    RETURNS (list[Assignment]): one per new row, in input order. Acts that did not happen
        (negated, hypothetical, conditional) get ``story_id=None``. New events also merge with
        each other.
    """
    config = config or load_config()
    index = StoryIndex(config)
    for row in existing_story_rows:
        story = row.get("story_id")
        if story:
            index.add(to_event_row(row, config), str(story))
    out: list[Assignment] = []
    for raw in new_rows:
        row = to_event_row(raw, config)
        if row.modality in config.not_real or not row.family:
            out.append(Assignment(row.event_id, None, is_new=False, score=0.0, doc_id=row.doc_id))
            continue
        story, score = index.best_story(row)
        if story is not None and score >= config.min_score:
            out.append(Assignment(row.event_id, story, is_new=False, score=score, doc_id=row.doc_id))
        else:
            story = story_id_for(row.event_id)
            out.append(Assignment(row.event_id, story, is_new=True, score=1.0, doc_id=row.doc_id))
        index.add(row, story)
    return out


# --------------------------------------------------------------------------------------------
# Story summaries
# --------------------------------------------------------------------------------------------

def summarise_story(story_id: str, members: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One ``story_events`` row from its member event rows.

    The story takes the most reported type, dyad names and date (preferring day precision),
    and the place of its most precise located member.

    RETURNS (dict): story_id, type, source_name, target_name, country, lat, lon, date,
        n_events, n_documents.
    """

    counted_members = members
    # Retellings (follow-ups) count as sources but do not set the story's date or place.
    members = [m for m in members if not m.get("follow_up")] or list(members)

    def most_common(values: Iterable[Any]) -> Any:
        counted = Counter(v for v in values if v not in (None, ""))
        return counted.most_common(1)[0][0] if counted else None

    dated = [(partial_date(m.get("date")), m.get("date_precision") or "day") for m in members]
    day_dates = [d for d, p in dated if d is not None and p == "day"]
    any_dates = [d for d, _ in dated if d is not None]
    story_date = most_common(day_dates) or (min(any_dates) if any_dates else None)
    located = [m for m in members if as_float(m.get("lat")) is not None and as_float(m.get("lon")) is not None]
    precise = [m for m in located if m.get("admin1")] or located
    place = None
    if precise:
        key = most_common((round(as_float(m["lat"]), 3), round(as_float(m["lon"]), 3)) for m in precise)
        place = next(m for m in precise if (round(as_float(m["lat"]), 3), round(as_float(m["lon"]), 3)) == key)
    return {
        "story_id": story_id,
        "type": most_common(m.get("type") for m in members),
        "source_name": most_common(m.get("source_name") for m in members),
        "target_name": most_common(m.get("target_name") for m in members),
        "country": (place or {}).get("country") or most_common(m.get("country") for m in members),
        "lat": as_float(place["lat"]) if place else None,
        "lon": as_float(place["lon"]) if place else None,
        "date": story_date,
        "n_events": len(counted_members),
        "n_documents": len({m.get("doc_id") for m in counted_members}),
    }
