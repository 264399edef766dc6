"""Cross-document event merging: many reports of one real-world act become one story event.

Five outlets telling the same strike give five mention-level events. Two of them are the same
real-world event when they share the dyad (by country + sector, or by canonical name), the type
family, the place (within 25 km, or the same admin area) and the date (± 1 day, respecting date
precision). Each event is compared only with events in its blocking buckets (type family × day,
month, year or publication day), so merging costs about the same per event however large the
store grows. Assignment is incremental: new events join an existing story or start a new one,
and both levels stay (``story_event_members`` links every source event to its story).

The functions here are pure over plain rows (dicts), except ``update_story_events``, which runs
them over a DuckDB connection inside the store's write transaction.
"""

from __future__ import annotations

import calendar
import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date as Date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping, Sequence

import yaml

ROW_KEYS: tuple[str, ...] = (
    "event_id", "doc_id", "type", "source_country", "source_actor_name", "target_country",
    "target_actor_name", "lat", "lon", "admin1", "country", "date", "date_precision", "modality",
    "follow_up",
)


@dataclass(frozen=True)
class MergeConfig:
    families: dict[str, str]
    symmetric: frozenset[str]
    not_real: frozenset[str]
    max_km: float
    day_window: int
    min_score: float
    penalties: dict[str, float]
    follow_up_days: int = 14

    def family(self, event_type: str | None) -> str:
        return self.families.get(event_type or "", event_type or "")


@lru_cache(maxsize=1)
def load_config() -> MergeConfig:
    """Type families, symmetric types, thresholds and penalties from ``data/merge.yaml`` (read once).

    RETURNS (MergeConfig): the merge settings.
    """
    path = resources.files("eventscope.stories") / "data" / "merge.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    )


# --------------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_DROP_WORDS = {"the", "of", "and", "s"}


def normalise_name(name: str | None) -> str:
    """A canonical name for comparison: lower case, no punctuation, no "the"."""
    if not name:
        return ""
    words = [w for w in _NON_WORD.sub(" ", name.lower()).split() if w not in _DROP_WORDS]
    return " ".join(words)


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


_ARTICLES = {"the", "a", "an", "some", "several", "two", "three", "many"}


def _is_generic(name: str | None) -> bool:
    """Whether an unresolved actor phrase is a common noun phrase ("missiles", "the gunmen")
    rather than a name ("Human Rights Watch"): no capitalised word after the articles."""
    if not name:
        return False
    words = [w for w in name.split() if w.lower() not in _ARTICLES]
    return bool(words) and not any(w[:1].isupper() for w in words)


def _parse_date(value: Any) -> Date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, Date):
        return value
    text = str(value)[:10]
    try:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            return Date(parts[0], 1, 1)
        if len(parts) == 2:
            return Date(parts[0], parts[1], 1)
        return Date(parts[0], parts[1], parts[2])
    except (ValueError, TypeError):
        return None


def _float(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


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

    @property
    def has_place(self) -> bool:
        return self.lat is not None or bool(self.admin1) or bool(self.country)


def to_event_row(row: Mapping[str, Any], config: MergeConfig | None = None) -> EventRow:
    """Normalise one row (the keys of ``ROW_KEYS``; the store's ``source_name`` etc. also work).

    row (Mapping): an event row.
    RETURNS (EventRow): the normalised row.
    """
    config = config or load_config()

    def side(prefix: str) -> Side:
        name = row.get(f"{prefix}_actor_name") or row.get(f"{prefix}_name")
        return Side(
            country=row.get(f"{prefix}_country") or None,
            sector=row.get(f"{prefix}_sector") or None,
            name=normalise_name(name),
            generic=_is_generic(name),
        )

    event_date = _parse_date(row.get("date"))
    precision = (row.get("date_precision") or ("day" if event_date else None)) if event_date else None
    return EventRow(
        event_id=str(row["event_id"]),
        doc_id=str(row.get("doc_id") or ""),
        type=str(row.get("type") or ""),
        family=config.family(row.get("type")),
        source=side("source"),
        target=side("target"),
        lat=_float(row.get("lat")),
        lon=_float(row.get("lon")),
        admin1=row.get("admin1") or None,
        country=row.get("country") or None,
        location_name=row.get("location_name") or None,
        date=event_date,
        precision=precision,
        doc_date=_parse_date(row.get("doc_date")),
        modality=str(row.get("modality") or "asserted"),
        follow_up=bool(row.get("follow_up") or False),
        raw=row,
    )


# --------------------------------------------------------------------------------------------
# Pairwise decision
# --------------------------------------------------------------------------------------------

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def side_score(a: Side, b: Side, config: MergeConfig, same_document: bool = False,
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
        score = side_score(x, y, config, same, dated)
        if score == 0.0 and dated and any(t.generic and not t.country for t in (x, y)):
            # Victims told as a common noun ("four civilians") do not name a different target.
            return config.penalties.get("missing_target", 0.8)
        return score

    direct = side_score(a.source, b.source, config, same, dated) * target_score(a.target, b.target)
    if a.type in config.symmetric or b.type in config.symmetric:
        swapped = side_score(a.source, b.target, config, same, dated) * target_score(a.target, b.source)
        return max(direct, swapped)
    return direct


def place_score(a: EventRow, b: EventRow, config: MergeConfig) -> float:
    """Same place within ``max_km``, or the same admin area; looser when one place is coarse."""
    pen = config.penalties
    if not a.has_place or not b.has_place:
        return 1.0 if not a.has_place and not b.has_place else pen.get("missing_place", 0.7)
    if a.country and b.country and a.country != b.country:
        return 0.0
    both_coords = None not in (a.lat, a.lon, b.lat, b.lon)
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
            return 1.0
        if both_coords:
            return 0.0  # two distinct places, farther apart than max_km
        return coarse if a.country and a.country == b.country else pen.get("missing_place", 0.7)
    # One place is a whole country (or an area without admin1) that may hold the other.
    if a.country and b.country:
        return coarse
    return pen.get("missing_place", 0.7)


def _period(d: Date, precision: str | None) -> tuple[Date, Date]:
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
    a0, a1 = _period(a.date, pa)
    b0, b1 = _period(b.date, pb)
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


# --------------------------------------------------------------------------------------------
# Incremental assignment with blocking
# --------------------------------------------------------------------------------------------

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
            out.append(Assignment(row.event_id, None, False, 0.0, row.doc_id))
            continue
        story, score = index.best_story(row)
        if story is not None and score >= config.min_score:
            out.append(Assignment(row.event_id, story, False, score, row.doc_id))
        else:
            story = story_id_for(row.event_id)
            out.append(Assignment(row.event_id, story, True, 1.0, row.doc_id))
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

    def name(row: Mapping[str, Any], prefix: str) -> Any:
        return row.get(f"{prefix}_name") or row.get(f"{prefix}_actor_name")

    dated = [(_parse_date(m.get("date")), m.get("date_precision") or "day") for m in members]
    day_dates = [d for d, p in dated if d is not None and p == "day"]
    any_dates = [d for d, _ in dated if d is not None]
    story_date = most_common(day_dates) or (min(any_dates) if any_dates else None)
    located = [m for m in members if _float(m.get("lat")) is not None and _float(m.get("lon")) is not None]
    precise = [m for m in located if m.get("admin1")] or located
    place = None
    if precise:
        key = most_common((round(_float(m["lat"]), 3), round(_float(m["lon"]), 3)) for m in precise)
        place = next(m for m in precise if (round(_float(m["lat"]), 3), round(_float(m["lon"]), 3)) == key)
    return {
        "story_id": story_id,
        "type": most_common(m.get("type") for m in members),
        "source_name": most_common(name(m, "source") for m in members),
        "target_name": most_common(name(m, "target") for m in members),
        "country": (place or {}).get("country") or most_common(m.get("country") for m in members),
        "lat": _float(place["lat"]) if place else None,
        "lon": _float(place["lon"]) if place else None,
        "date": story_date,
        "n_events": len(counted_members),
        "n_documents": len({m.get("doc_id") for m in counted_members}),
    }


# --------------------------------------------------------------------------------------------
# The store side (DuckDB)
# --------------------------------------------------------------------------------------------

STORY_TABLES_SQL = (
    """CREATE TABLE IF NOT EXISTS story_events (
        story_id VARCHAR PRIMARY KEY, type VARCHAR, source_name VARCHAR, target_name VARCHAR,
        country VARCHAR, lat DOUBLE, lon DOUBLE, date DATE, n_events INTEGER, n_documents INTEGER)""",
    """CREATE TABLE IF NOT EXISTS story_event_members (
        story_id VARCHAR, event_id VARCHAR PRIMARY KEY, doc_id VARCHAR)""",
)

_EVENT_COLUMNS = (
    "event_id", "doc_id", "type", "mode", "modality", "source_name", "source_country",
    "source_sector", "target_name", "target_country", "target_sector", "location_name",
    "country", "admin1", "lat", "lon", "date", "date_precision", "follow_up",
)


def ensure_story_tables(con: Any) -> None:
    """Create ``story_events`` and ``story_event_members`` when missing."""
    for sql in STORY_TABLES_SQL:
        con.execute(sql)


_SCHEMA_CACHE: dict[tuple[int, str], list[str]] = {}


def _columns(con: Any, table: str) -> list[str]:
    """Column names of ``table`` (cached for the duration of one update call)."""
    key = (id(con), table)
    columns = _SCHEMA_CACHE.get(key)
    if columns is None:
        columns = _read_columns(con, table)
        _SCHEMA_CACHE[key] = columns
    return columns


def _read_columns(con: Any, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def _documents_date_join(con: Any) -> tuple[str, str] | None:
    """(join clause, date expression) for publication dates, when a documents table has them."""
    cols = _columns(con, "documents")
    column = "pub_date" if "pub_date" in cols else "date" if "date" in cols else None
    key = "doc_id" if "doc_id" in cols else "id" if "id" in cols else None
    if column is None or key is None:
        return None
    return f"LEFT JOIN documents d ON d.{key} = e.doc_id", f"TRY_CAST(d.{column} AS DATE)"


def _duplicate_filter(con: Any) -> str:
    """SQL excluding events of documents stored as near-duplicates of an earlier one."""
    cols = _columns(con, "documents")
    key = "doc_id" if "doc_id" in cols else "id" if "id" in cols else None
    if "duplicate_of" not in cols or key is None:
        return ""
    return f" AND e.doc_id NOT IN (SELECT {key} FROM documents WHERE duplicate_of IS NOT NULL)"


def _fetch(con: Any, where: str, params: list[Any], extra_select: str = "", extra_join: str = "") -> list[dict[str, Any]]:
    available = set(_columns(con, "events"))
    select = ", ".join(
        f"e.{c}" if c in available else f"NULL AS {c}" for c in _EVENT_COLUMNS
    )
    docs = _documents_date_join(con)
    doc_join, doc_date = docs if docs else ("", "NULL")
    sql = (
        f"SELECT {select}, {doc_date} AS doc_date{extra_select} FROM events e {doc_join} {extra_join} "
        f"WHERE {where}"
    )
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _nearby_members(con: Any, new_rows: list[dict[str, Any]], config: MergeConfig) -> list[dict[str, Any]]:
    """Stored story members that could match a new event: same type family and a date (or
    publication day) near that event's, or the same document.

    The windows go to DuckDB as a small key table joined on type, so the read grows with the
    events near the new ones, not with the store.
    """
    w = timedelta(days=config.day_window)
    keys: list[dict[str, Any]] = []
    doc_keys: list[dict[str, Any]] = []
    for r in new_rows:
        family = config.family(r.get("type"))
        if not family:
            continue
        types = {t for t, fam in config.families.items() if fam == family} | {r.get("type")}
        d = _parse_date(r.get("date"))
        dd = _parse_date(r.get("doc_date"))
        follow_up = bool(r.get("follow_up"))
        for t in types:
            if d is None and follow_up and dd is not None:
                d_fu = dd
                keys.append({"type": t, "lo": d_fu - timedelta(days=config.follow_up_days), "hi": d_fu,
                             "mlo": d_fu, "ylo": d_fu.year, "yhi": d_fu.year, "src": None, "tgt": None,
                             "sym": False})
            if d is not None:
                p0, p1 = _period(d, r.get("date_precision") or "day")
                lo, hi = p0 - w, p1 + w
                if follow_up:
                    lo = p0 - timedelta(days=config.follow_up_days)
                keys.append({"type": t, "lo": lo, "hi": hi, "mlo": Date(lo.year, lo.month, 1),
                             "ylo": lo.year, "yhi": hi.year, "src": r.get("source_country") or None,
                             "tgt": r.get("target_country") or None, "sym": t in config.symmetric})
            if dd is not None:
                doc_keys.append({"type": t, "lo": dd - timedelta(days=1), "hi": dd + timedelta(days=1)})
    has_precision = "date_precision" in _columns(con, "events")
    docs_join = _documents_date_join(con)
    parts: list[str] = []
    registered: list[str] = []
    import pyarrow as pa

    day = "TRY_CAST(e2.date AS DATE)"
    if keys:
        con.register("_story_keys", pa.Table.from_pylist(keys))
        registered.append("_story_keys")
        cond = f"{day} BETWEEN k.lo AND k.hi"
        if has_precision:
            cond += (f" OR (e2.date_precision = 'month' AND {day} BETWEEN k.mlo AND k.hi)"
                     f" OR (e2.date_precision = 'year' AND year({day}) BETWEEN k.ylo AND k.yhi)")
        sides = ""
        if {"source_country", "target_country"} <= set(_columns(con, "events")):
            # Same blocking as StoryIndex: the source's country, or an unknown one on either side.
            sides = (" AND (k.src IS NULL OR e2.source_country IS NULL OR e2.source_country = k.src"
                     " OR (k.sym AND (e2.target_country = k.src OR e2.source_country = k.tgt)))")
        parts.append(
            f"SELECT e2.event_id FROM events e2 JOIN _story_keys k ON e2.type = k.type AND ({cond}){sides}"
        )
    if doc_keys and docs_join is not None:
        con.register("_story_doc_keys", pa.Table.from_pylist(doc_keys))
        registered.append("_story_doc_keys")
        join = docs_join[0].replace(" d ", " d2 ").replace("d.", "d2.").replace("e.doc_id", "e2.doc_id")
        when = docs_join[1].replace("d.", "d2.")
        parts.append(
            f"SELECT e2.event_id FROM events e2 {join} JOIN _story_doc_keys k "
            f"ON e2.type = k.type AND {when} BETWEEN k.lo AND k.hi"
        )
    try:
        where = "e.doc_id IN (SELECT unnest(?))"
        if parts:
            where = f"({where} OR e.event_id IN ({' UNION '.join(parts)}))"
        return _fetch(
            con, where, [sorted({str(r.get("doc_id")) for r in new_rows})],
            extra_select=", m.story_id AS story_id",
            extra_join="JOIN story_event_members m ON m.event_id = e.event_id",
        )
    finally:
        for name in registered:
            con.unregister(name)


def update_story_events(con: Any, event_ids: list[str]) -> int:
    """Merge newly stored events into story events (called inside the store's write transaction).

    Reads the given events from table ``events`` (events of documents stored as near-duplicates,
    ``documents.duplicate_of``, are left out: a syndicated copy is not a new source), fetches the stored story members near them
    (same type family, nearby dates or publication days), assigns each new event to a story,
    and rewrites the affected ``story_events`` rows. Events already assigned are skipped, so a
    repeated call changes nothing. Opens no transaction of its own.

    con (duckdb.DuckDBPyConnection): the store connection.
    event_ids (list[str]): ids of events just written.
    RETURNS (int): how many events were added to stories.
    """
    _SCHEMA_CACHE.clear()
    ensure_story_tables(con)
    if not event_ids:
        return 0
    ids = sorted({str(e) for e in event_ids})
    new_rows = _fetch(
        con,
        "e.event_id IN (SELECT unnest(?)) AND e.event_id NOT IN (SELECT event_id FROM story_event_members)"
        + _duplicate_filter(con),
        [ids],
    )
    if not new_rows:
        return 0
    new_rows.sort(key=lambda r: (str(r.get("doc_id")), str(r["event_id"])))
    config = load_config()
    existing = _nearby_members(con, new_rows, config)
    assignments = assign_story_events(new_rows, existing, config)
    placed = [a for a in assignments if a.story_id is not None]
    if not placed:
        return 0
    bulk_insert(con, "story_event_members",
                [{"story_id": a.story_id, "event_id": a.event_id, "doc_id": a.doc_id} for a in placed])
    refresh_stories(con, sorted({a.story_id for a in placed if a.story_id}))
    return len(placed)


def refresh_stories(con: Any, story_ids: list[str]) -> None:
    """Recompute the ``story_events`` rows of the given stories from their members."""
    if not story_ids:
        return
    _SCHEMA_CACHE.clear()
    members = _fetch(
        con,
        "m.story_id IN (SELECT unnest(?))",
        [story_ids],
        extra_select=", m.story_id AS story_id",
        extra_join="JOIN story_event_members m ON m.event_id = e.event_id",
    )
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in members:
        grouped[m["story_id"]].append(m)
    con.execute("DELETE FROM story_events WHERE story_id IN (SELECT unnest(?))", [story_ids])
    bulk_insert(con, "story_events", [summarise_story(sid, grouped[sid]) for sid in story_ids if sid in grouped])


def bulk_insert(con: Any, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert many rows in one statement (through Arrow; ``executemany`` costs a round trip each)."""
    if not rows:
        return
    import pyarrow as pa

    view = f"_stories_incoming_{table}"
    con.register(view, pa.Table.from_pylist(rows))
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        con.unregister(view)


def list_stories(con: Any, min_documents: int = 1, limit: int = 100) -> list[dict[str, Any]]:
    """Story events, most reported first (for ``eventscope stories`` and the API).

    con (duckdb.DuckDBPyConnection): the store connection.
    min_documents (int): keep stories told by at least this many documents.
    limit (int): at most this many rows.
    RETURNS (list[dict]): ``story_events`` rows.
    """
    if not _read_columns(con, "story_events"):
        return []  # no story tables yet (works on read-only connections)
    cursor = con.execute(
        "SELECT * FROM story_events WHERE n_documents >= ? "
        "ORDER BY n_documents DESC, n_events DESC, date DESC NULLS LAST, story_id LIMIT ?",
        [min_documents, limit],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def story_members(con: Any, story_id: str) -> list[dict[str, Any]]:
    """The mention-level events of one story, with their documents (every source traced).

    RETURNS (list[dict]): event rows (the ``events`` columns merge reads, plus ``doc_date``).
    """
    if not _read_columns(con, "story_event_members"):
        return []
    _SCHEMA_CACHE.clear()
    rows = _fetch(
        con, "m.story_id = ?", [story_id],
        extra_select=", m.story_id AS story_id",
        extra_join="JOIN story_event_members m ON m.event_id = e.event_id",
    )
    return sorted(rows, key=lambda r: (str(r.get("doc_id")), str(r.get("event_id"))))


# --------------------------------------------------------------------------------------------
# From analysed documents
# --------------------------------------------------------------------------------------------

def event_rows(adoc: Any) -> list[dict[str, Any]]:
    """Event rows (the ``events`` table's columns plus ``doc_date``) of one AnalyzedDocument.

    adoc (AnalyzedDocument): a coded document.
    RETURNS (list[dict]): one row per event; ``event_id`` is ``"{doc id}:{event id}"``.
    """
    doc = adoc.document
    rows = []
    for ev in adoc.events:
        src, tgt, loc = ev.source, ev.target, ev.location
        rows.append({
            "event_id": f"{doc.id}:{ev.id}", "doc_id": doc.id, "type": ev.type, "mode": ev.mode,
            "modality": ev.modality,
            "source_name": src.name if src else None, "source_country": src.country if src else None,
            "source_sector": src.sector if src else None,
            "target_name": tgt.name if tgt else None, "target_country": tgt.country if tgt else None,
            "target_sector": tgt.sector if tgt else None,
            "location_name": loc.name if loc else None, "country": loc.country if loc else None,
            "admin1": loc.admin1 if loc else None, "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None, "date": ev.date, "date_precision": ev.date_precision,
            "follow_up": ev.follow_up, "doc_date": doc.date,
        })
    return rows
