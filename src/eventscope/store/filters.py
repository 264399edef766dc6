"""Event filters shared by queries, analysis, exports and the API.

A filter turns into a SQL ``WHERE`` fragment with ``?`` placeholders and a parameter list: user
values never become SQL text. Unknown filter names are rejected, so a typo does not silently
return everything.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, fields
from typing import Any, Iterable

from ..errors import Errors
from .precision import precision_levels


def _as_list(value: Any) -> list[str] | None:
    """"A,B", ["A", "B"] or "A" → ["A", "B"]; empty → None."""
    if value is None:
        return None
    if isinstance(value, str):
        items = [v.strip() for v in value.split(",")]
    elif isinstance(value, Iterable):
        items = [str(v).strip() for v in value]
    else:
        items = [str(value)]
    items = [v for v in items if v]
    return items or None


def _as_date(value: Any, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ValueError(Errors.E041.format(name=name, value=value)) from exc


def _as_bool(value: Any, name: str) -> bool | None:
    """True/False, or the words "true"/"false"/"1"/"0"/"yes"/"no"; None when not given."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in ("true", "1", "yes"):
        return True
    if word in ("false", "0", "no"):
        return False
    raise ValueError(Errors.E041.format(name=name, value=value))


@dataclass
class EventFilter:
    """Which events to look at.

    Attributes:
        date_from / date_to: inclusive bounds on the event day (event date, else publication
            date, else ingestion date; see ``events.day_source``).
        country: ISO3 code(s); matches where the event happened *or* either actor's country.
        actor: global actor id(s) (``ac-…``) as source or target.
        source / target: global actor id(s) on that side only.
        type: PLOVER type(s). modality: modality value(s). quad_class: 1–4.
        doc: document id(s). q: case-insensitive text in the evidence sentence.
        include_follow_ups: keep events that retell an act told earlier in the same document.
        include_duplicates: keep events of documents stored as near-duplicates of an earlier
            one (``documents.duplicate_of``: the same wire story re-posted).
        one_per_story: keep one event per story event (``stories.merge`` links the reports of
            one real-world act across documents); ignored on a store without story tables.
        precision: how exact the event's place is, one or more of ``place``, ``admin2``,
            ``admin1``, ``region``, ``country`` (``precision.yaml``); "place" keeps events placed at
            the named town or village.
        inferred: True keeps events whose place was taken from the dateline or the story's
            focus; False keeps events whose place their own text gives (events with no place, or
            stored before schema 3 with no way to tell, match neither).
    """

    date_from: dt.date | str | None = None
    date_to: dt.date | str | None = None
    country: list[str] | str | None = None
    actor: list[str] | str | None = None
    source: list[str] | str | None = None
    target: list[str] | str | None = None
    type: list[str] | str | None = None
    modality: list[str] | str | None = None
    quad_class: list[int] | int | str | None = None
    doc: list[str] | str | None = None
    q: str | None = None
    include_follow_ups: bool = True
    include_duplicates: bool = True
    one_per_story: bool = False
    precision: list[str] | str | None = None
    inferred: bool | str | None = None

    def for_store(self, *, has_stories: bool) -> "EventFilter":
        """This filter, with ``one_per_story`` dropped when the store has no story tables."""
        if self.one_per_story and not has_stories:
            return dataclasses.replace(self, one_per_story=False)
        return self

    @classmethod
    def names(cls) -> set[str]:
        return {f.name for f in fields(cls)}

    @classmethod
    def from_kwargs(cls, **kwargs: Any) -> "EventFilter":
        """Build from keyword arguments, ignoring ``None`` values; unknown names raise."""
        unknown = set(kwargs) - cls.names()
        if unknown:
            raise TypeError(Errors.E042.format(names=", ".join(sorted(unknown)), choices=", ".join(sorted(cls.names()))))
        return cls(**{k: v for k, v in kwargs.items() if v is not None})

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """The SQL condition (``TRUE`` when empty) and its parameters.

        Args:
            alias (str): the events table alias in the calling query.
        RETURNS (tuple[str, list]): condition text with ``?`` placeholders, and the values.
        """
        a = f"{alias}." if alias else ""
        conds: list[str] = []
        params: list[Any] = []

        def any_of(column: str, values: list[Any] | None) -> None:
            if values:
                conds.append(f"{a}{column} IN ({', '.join('?' for _ in values)})")
                params.extend(values)

        start = _as_date(self.date_from, "date_from")
        end = _as_date(self.date_to, "date_to")
        if start:
            conds.append(f"{a}day >= ?")
            params.append(start)
        if end:
            conds.append(f"{a}day <= ?")
            params.append(end)
        countries = [c.upper() for c in _as_list(self.country) or []]
        if countries:
            marks = ", ".join("?" for _ in countries)
            conds.append(f"({a}country IN ({marks}) OR {a}source_country IN ({marks}) OR {a}target_country IN ({marks}))")
            params.extend(countries * 3)
        actors = _as_list(self.actor)
        if actors:
            marks = ", ".join("?" for _ in actors)
            conds.append(f"({a}source_actor IN ({marks}) OR {a}target_actor IN ({marks}))")
            params.extend(actors * 2)
        any_of("source_actor", _as_list(self.source))
        any_of("target_actor", _as_list(self.target))
        any_of("type", [t.upper() for t in _as_list(self.type) or []])
        any_of("modality", [m.lower() for m in _as_list(self.modality) or []])
        quads = _as_list(self.quad_class)
        if quads:
            try:
                any_of("quad_class", [int(x) for x in quads])
            except ValueError as exc:
                raise ValueError(Errors.E041.format(name="quad_class", value=self.quad_class)) from exc
        any_of("doc_id", _as_list(self.doc))
        levels = [p.lower() for p in _as_list(self.precision) or []]
        unknown = [p for p in levels if p not in precision_levels()]
        if unknown:
            raise ValueError(Errors.E041.format(name="precision", value=unknown[0]))
        any_of("location_precision", levels)
        inferred = _as_bool(self.inferred, "inferred")
        if inferred is not None:
            conds.append(f"{a}location_inferred = ?")
            params.append(inferred)
        if self.q:
            conds.append(f"{a}evidence_text ILIKE ? ESCAPE '\\'")
            escaped = self.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append(f"%{escaped}%")
        if not self.include_follow_ups:
            conds.append(f"NOT coalesce({a}follow_up, FALSE)")
        if not self.include_duplicates:
            conds.append(f"{a}doc_id NOT IN (SELECT doc_id FROM documents WHERE duplicate_of IS NOT NULL)")
        if self.one_per_story:
            # An event stays unless another member of its story has a smaller id.
            conds.append(
                f"NOT EXISTS (SELECT 1 FROM story_event_members m1 JOIN story_event_members m2 "
                f"ON m2.story_id = m1.story_id AND m2.event_id < m1.event_id WHERE m1.event_id = {a}event_id)"
            )
        return (" AND ".join(conds) if conds else "TRUE"), params
