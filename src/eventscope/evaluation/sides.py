"""Score the two sides of conflict headlines (UCDP-style: side A, side B with their countries).

Gold records: ``{"id", "text", "date", "side_a": {"country", "family"}, "side_b": {...}}`` where
``family`` is ``state`` (a government, its army or police), ``nonstate`` (rebels, militias,
militants, armed groups) or ``civilians``, and ``country`` is ISO3 or null (an actor with no
country, such as the Islamic State).

Two readings are reported:

* **actors**: a side is *found* when the headline has an actor of the side's family with the
  side's country (side B must be another actor than the one that found side A); this measures
  the actors stage alone;
* **events**: the first event's source is side A (or B) and its target the other side, by
  country and family; this measures the whole chain.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..common.data import read_data_yaml
from ..model import Actor, ActorRef, Document
from . import read_gold

# Sector → side family (state, non-state armed, civilians), from ``data/sides.yaml``.
FAMILIES = {family: frozenset(sectors)
            for family, sectors in read_data_yaml("eventscope.evaluation", "sides.yaml")["families"].items()}


def family_of(sector: str | None, kind: str | None) -> str | None:
    """The side family of an actor: a state with no sector is the state itself."""
    if sector is None:
        return "state" if kind == "state" else None
    for family, sectors in FAMILIES.items():
        if sector in sectors:
            return family
    return None


def _matches(side: dict[str, Any], country: str | None, family: str | None) -> bool:
    return family == side["family"] and country == side.get("country")


def _side_actor(actors: list[Actor], side: dict[str, Any], skip: str | None) -> Actor | None:
    for actor in actors:
        if actor.id != skip and _matches(side, actor.country, family_of(actor.sector, actor.kind)):
            return actor
    return None


def _ref_matches(ref: ActorRef | None, side: dict[str, Any], actors: dict[str, Actor]) -> bool:
    if ref is None:
        return False
    actor = actors.get(ref.actor or "")
    kind = actor.kind if actor is not None else None
    return _matches(side, ref.country, family_of(ref.sector, kind))


def evaluate(path: Path, verbose: bool = False, limit: int | None = None) -> dict[str, Any]:
    """Score every headline of one gold file (see module docstring).

    RETURNS (dict): found rates of side A and side B (actors), event-level rates, counts, misses.
    """
    from ..pipeline import get_pipeline

    gold = read_gold(path, limit)
    pipe = get_pipeline()
    docs = [Document(text=g["text"], date=g.get("date"), id=g["id"]) for g in gold]
    counts = {"a": 0, "b": 0, "event_a": 0, "event_b": 0, "events": 0}
    misses: list[dict[str, Any]] = []
    for case, adoc in zip(gold, pipe.pipe(docs)):
        found_a = _side_actor(adoc.actors, case["side_a"], None)
        found_b = _side_actor(adoc.actors, case["side_b"], found_a.id if found_a else None)
        counts["a"] += found_a is not None
        counts["b"] += found_b is not None
        by_id = {a.id: a for a in adoc.actors}
        if adoc.events:
            counts["events"] += 1
            ev = adoc.events[0]
            sides = (case["side_a"], case["side_b"])
            # the headline may tell the act either way round ("Rebels shoot down army helicopter")
            forward = _ref_matches(ev.source, sides[0], by_id) or _ref_matches(ev.target, sides[1], by_id)
            pair = (sides[0], sides[1]) if forward else (sides[1], sides[0])
            counts["event_a"] += _ref_matches(ev.source, pair[0], by_id) or _ref_matches(ev.target, pair[0], by_id)
            counts["event_b"] += _ref_matches(ev.source, pair[1], by_id) or _ref_matches(ev.target, pair[1], by_id)
        if found_a is None or found_b is None:
            miss = {"id": case["id"], "text": case["text"], "side_a_found": found_a is not None,
                    "side_b_found": found_b is not None,
                    "actors": [(a.name, a.country, a.sector, a.kind) for a in adoc.actors]}
            misses.append(miss)
            if verbose:
                print(json.dumps(miss, ensure_ascii=False), file=sys.stderr)
    n = max(len(gold), 1)
    return {
        "headlines": len(gold),
        "side_a_found": round(counts["a"] / n, 4),
        "side_b_found": round(counts["b"] / n, 4),
        "headlines_with_an_event": counts["events"],
        "event_side_a": round(counts["event_a"] / n, 4),
        "event_side_b": round(counts["event_b"] / n, 4),
        "misses": len(misses),
    }
