"""Same-event scoring: are two mention-level events reports of one real-world act?

Two events are the same act when they share the dyad (by country + sector, or by canonical
name), the type family, the place (within 25 km, or the same admin area) and the date (± 1 day,
respecting date precision). Everything here is pure: plain rows (dicts with the ``events``
columns of the store, plus ``doc_date``) in, scores out; thresholds and type families come from
``data/merge.yaml``. ``blocking`` decides which pairs are compared, ``merge`` assigns stories,
and the store (``eventscope.store.stories``) reads and writes the rows.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date as Date, timedelta
from functools import lru_cache
from typing import Any, Mapping

from ..common.data import read_data_yaml
from ..common.geo_math import haversine_km
from ..common.names import name_key
from ..common.values import as_float, partial_date

# The keys a row needs (others are optional: doc_date, location_name, source/target sector).
ROW_KEYS: tuple[str, ...] = (
    "event_id", "doc_id", "type", "source_country", "source_name", "target_country",
    "target_name", "lat", "lon", "admin1", "country", "date", "date_precision", "modality",
    "follow_up", "location_precision", "location_inferred",
)
# Location precisions whose coordinates stand for the place itself; the others (admin1, region,
# country) and inferred places share a centroid with every event of their area.
POINT_PRECISIONS = (None, "place", "admin2")


@dataclass(frozen=True)
class MergeConfig:
    families: dict[str, str]
    symmetric: frozenset[str]
    not_real: frozenset[str]
    max_km: float
    day_window: int
    min_score: float
    penalties: dict[str, float]
    generic_determiners: frozenset[str]  # before an unresolved phrase that stays a common noun
    follow_up_days: int = 14

    def family(self, event_type: str | None) -> str:
        return self.families.get(event_type or "", event_type or "")


@lru_cache(maxsize=1)
def load_config() -> MergeConfig:
    """Type families, symmetric types, thresholds and penalties from ``data/merge.yaml`` (read once).

    RETURNS (MergeConfig): the merge settings.
    """
    raw = read_data_yaml("eventscope.stories", "merge.yaml")
    families = {t: fam for fam, types in raw.get("families", {}).items() for t in types}
    return MergeConfig(
        families=families,
        symmetric=frozenset(raw.get("symmetric", [])),
        not_real=frozenset(raw.get("not_real", [])),
        max_km=float(raw.get("max_km", 25)),
        day_window=int(raw.get("day_window", 1)),
        min_score=float(raw.get("min_score", 0.5)),
        follow_up_days=int(raw.get("follow_up_days", 14)),
        penalties={k: float(v) for k, v in raw.get("penalties", {}).items()},
        generic_determiners=frozenset(raw.get("generic_determiners", [])),
    )


# --------------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Side:
    """One side of a dyad: codes when known, else the canonical name."""

    country: str | None
    sector: str | None
    name: str
    generic: bool = False  # a common-noun phrase ("missiles", "gunmen"), not a name

    @property
    def empty(self) -> bool:
        return not self.country and not self.name


def _is_generic(name: str | None, determiners: frozenset[str]) -> bool:
    """Whether an unresolved actor phrase is a common noun phrase ("missiles", "the gunmen")
    rather than a name ("Human Rights Watch"): no capitalised word after the determiners."""
    if not name:
        return False
    words = [w for w in name.split() if w.lower() not in determiners]
    return bool(words) and not any(w[:1].isupper() for w in words)


@dataclass
class EventRow:
    """A mention-level event, normalised for comparison."""

    event_id: str
    doc_id: str
    type: str
    family: str
    source: Side
    target: Side
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    location_name: str | None
    date: Date | None
    precision: str | None
    doc_date: Date | None
    modality: str
    follow_up: bool
    raw: Mapping[str, Any] = field(repr=False, default_factory=dict)
    place_precision: str | None = None  # Location.precision of the event location
    place_inferred: bool = False  # the location was inferred (dateline/focus), not stated

    @property
    def has_place(self) -> bool:
        return self.lat is not None or bool(self.admin1) or bool(self.country)

    @property
    def is_point(self) -> bool:
        """The coordinates are the event's own place, not the centroid of a province or country
        (two events "in Iraq" are 0 km apart without being at the same place)."""
        return (self.lat is not None and self.lon is not None and not self.place_inferred
                and self.place_precision in POINT_PRECISIONS)


def to_event_row(row: Mapping[str, Any], config: MergeConfig | None = None) -> EventRow:
    """Normalise one row (the keys of ``ROW_KEYS``: the store's ``events`` columns).

    row (Mapping): an event row.
    RETURNS (EventRow): the normalised row.
    """
    config = config or load_config()

    def side(prefix: str) -> Side:
        name = row.get(f"{prefix}_name")
        return Side(
            country=row.get(f"{prefix}_country") or None,
            sector=row.get(f"{prefix}_sector") or None,
            name=name_key(name, style="story"),
            generic=_is_generic(name, config.generic_determiners),
        )

    event_date = partial_date(row.get("date"))
    precision = (row.get("date_precision") or ("day" if event_date else None)) if event_date else None
    return EventRow(
        event_id=str(row["event_id"]),
        doc_id=str(row.get("doc_id") or ""),
        type=str(row.get("type") or ""),
        family=config.family(row.get("type")),
        source=side("source"),
        target=side("target"),
        lat=as_float(row.get("lat")),
        lon=as_float(row.get("lon")),
        admin1=row.get("admin1") or None,
        country=row.get("country") or None,
        location_name=row.get("location_name") or None,
        date=event_date,
        precision=precision,
        doc_date=partial_date(row.get("doc_date")),
        modality=str(row.get("modality") or "asserted"),
        follow_up=bool(row.get("follow_up") or False),
        raw=row,
        place_precision=row.get("location_precision") or None,
        place_inferred=bool(row.get("location_inferred") or False),
    )


# --------------------------------------------------------------------------------------------
# Pairwise decision
# --------------------------------------------------------------------------------------------

def side_score(a: Side, b: Side, config: MergeConfig, *, same_document: bool = False,
               dated: bool = False) -> float:
    """How well two dyad sides agree: 1 same, 0 different, in between when only loosely known.

    Inside one document, a side known only by an unresolved phrase ("missiles", "gunmen") is
    treated as unknown against a coded one: the article tells one act with and without its
    agent. Across documents such a phrase must match by name.
    """
    unknown = config.penalties.get("unknown_actor", 0.7)
    if a.empty and b.empty:
        return 1.0
    if a.empty or b.empty:
        return unknown
    if same_document and bool(a.country) != bool(b.country):
        uncoded = b if a.country else a
        if uncoded.generic and not uncoded.sector:
            return unknown
    if a.country and b.country:
        if a.country != b.country:
            return 0.0
        if a.sector and b.sector and a.sector != b.sector:
            return 0.6 if a.name and a.name == b.name else 0.55
        if a.sector and b.sector:
            return 1.0
        return 0.9
    if a.name and b.name:
        if a.name == b.name:
            return 1.0
        wa, wb = set(a.name.split()), set(b.name.split())
        if wa <= wb or wb <= wa:
            return 0.9
    if dated and a.generic and b.generic and not (a.country or b.country):
        return unknown  # "protesters" and "demonstrators": no identity either way
    return 0.0


def dyad_score(a: EventRow, b: EventRow, config: MergeConfig) -> float:
    """Agreement of the two dyads; symmetric types also try the sides swapped."""

    same = bool(a.doc_id) and a.doc_id == b.doc_id
    # Leniency for common-noun phrases needs firm dates on both sides: without them, one
    # document listing several acts in one place ("three women were shot …", "15 civilians
    # were killed …") would collapse into one.
    dated = a.date is not None and b.date is not None
    same = same and dated

    def target_score(x: Side, y: Side) -> float:
        if x.empty and y.empty:
            return 1.0
        if x.empty or y.empty:
            return config.penalties.get("missing_target", 0.8)
        score = side_score(x, y, config, same_document=same, dated=dated)
        if score == 0.0 and dated and any(t.generic and not t.country for t in (x, y)):
            # Victims told as a common noun ("four civilians") do not name a different target.
            return config.penalties.get("missing_target", 0.8)
        return score

    direct = side_score(a.source, b.source, config, same_document=same, dated=dated) * target_score(a.target, b.target)
    if a.type in config.symmetric or b.type in config.symmetric:
        swapped = side_score(a.source, b.target, config, same_document=same, dated=dated) \
            * target_score(a.target, b.source)
        return max(direct, swapped)
    return direct


def place_score(a: EventRow, b: EventRow, config: MergeConfig) -> float:
    """Same place within ``max_km``, or the same admin area; looser when one place is coarse."""
    pen = config.penalties
    if not a.has_place or not b.has_place:
        return 1.0 if not a.has_place and not b.has_place else pen.get("missing_place", 0.7)
    if a.country and b.country and a.country != b.country:
        return 0.0
    both_coords = a.is_point and b.is_point
    if both_coords and haversine_km(a.lat, a.lon, b.lat, b.lon) <= config.max_km:  # type: ignore[arg-type]
        return 1.0
    coarse = pen.get("coarse_place", 0.8)
    if a.admin1 and b.admin1:
        if a.admin1 != b.admin1:
            return 0.0
        names = {a.location_name, b.location_name}
        if a.location_name and b.location_name and a.admin1 not in names:
            return 0.0  # two distinct places of one province, farther apart than max_km
        return coarse
    if not a.admin1 and not b.admin1:
        # Neither place is known below country level.
        if a.location_name and a.location_name == b.location_name:
            return 1.0 if both_coords else coarse
        if both_coords:
            return 0.0  # two distinct places, farther apart than max_km
        return coarse if a.country and a.country == b.country else pen.get("missing_place", 0.7)
    # One place is a whole country (or an area without admin1) that may hold the other.
    if a.country and b.country:
        return coarse
    return pen.get("missing_place", 0.7)


def shift_date(d: Date, days: int) -> Date:
    """``d`` moved by ``days``, held inside the calendar (0001-01-01 .. 9999-12-31).

    Why: a document dated 0001-01-01 (a placeholder some feeds write) must not stop merging
    with an OverflowError when a window reaches one day before it.
    """
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return Date.min if days < 0 else Date.max


def period(d: Date, precision: str | None) -> tuple[Date, Date]:
    """First and last day of the period a date stands for (its day, month or year)."""
    if precision == "year":
        return Date(d.year, 1, 1), Date(d.year, 12, 31)
    if precision == "month":
        return Date(d.year, d.month, 1), Date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return d, d


def date_score(a: EventRow, b: EventRow, config: MergeConfig) -> float:
    """± ``day_window`` days for day dates; containment for month/year dates; publication dates
    (± 1 day) when an event has no date; and for a follow-up ("last week's strikes"), any day of
    the ``follow_up_days`` before it."""
    score = _plain_date_score(a, b, config)
    if score == 0.0 and (a.follow_up or b.follow_up):
        later, earlier = (a, b) if a.follow_up else (b, a)
        told = later.date if later.date is not None and later.precision in (None, "day") else later.doc_date
        happened = earlier.date if earlier.date is not None else earlier.doc_date
        if told is not None and happened is not None and 0 <= (told - happened).days <= config.follow_up_days:
            return config.penalties.get("follow_up_window", 0.8)
    return score


def _plain_date_score(a: EventRow, b: EventRow, config: MergeConfig) -> float:
    pen = config.penalties
    if a.date is None or b.date is None:
        if a.doc_date is not None and b.doc_date is not None:
            ok = abs((a.doc_date - b.doc_date).days) <= 1
            return pen.get("null_date", 0.7) if ok else 0.0
        # No date anywhere: only one document's own acts can match, and only on firm ground.
        ok = a.doc_id == b.doc_id and bool(a.doc_id)
        return pen.get("no_dates", 0.6) if ok else 0.0
    pa, pb = a.precision or "day", b.precision or "day"
    if pa == "day" and pb == "day":
        return 1.0 if abs((a.date - b.date).days) <= config.day_window else 0.0
    a0, a1 = period(a.date, pa)
    b0, b1 = period(b.date, pb)
    if a0 <= b1 and b0 <= a1:
        coarsest = "year" if "year" in (pa, pb) else "month"
        return pen.get(f"{coarsest}_precision", 0.75 if coarsest == "month" else 0.5)
    return 0.0


def same_event_score(a: Mapping[str, Any] | EventRow, b: Mapping[str, Any] | EventRow,
                     config: MergeConfig | None = None) -> float:
    """Confidence (0..1) that two mention-level events report the same real-world event.

    a, b (Mapping | EventRow): event rows.
    RETURNS (float): 0 when any criterion fails; merge at ``config.min_score`` or above.
    """
    config = config or load_config()
    ea = a if isinstance(a, EventRow) else to_event_row(a, config)
    eb = b if isinstance(b, EventRow) else to_event_row(b, config)
    if not ea.family or ea.family != eb.family:
        return 0.0
    if ea.modality in config.not_real or eb.modality in config.not_real:
        return 0.0
    score = 1.0 if ea.type == eb.type else config.penalties.get("other_family_member", 0.9)
    for part in (dyad_score, place_score, date_score):
        score *= part(ea, eb, config)
        if score == 0.0:
            return 0.0
    return score


def is_same_event(a: Mapping[str, Any], b: Mapping[str, Any], config: MergeConfig | None = None) -> bool:
    """Whether two event rows are one real-world event (score at or above the threshold)."""
    config = config or load_config()
    return same_event_score(a, b, config) >= config.min_score
