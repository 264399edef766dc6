"""``eventscope eval --task geo``: toponym recognition and geocoding, and event location.

Two gold shapes (``../shared/data/geo``):

* toponym files (``tr-news``, ``geovirus``, ``mordecai3-cases``): toponym precision/recall/F1
  by span overlap (a predicted span overlapping a gold span is a hit, each gold span matched at
  most once), accuracy within 161 km (100 miles) and the median error in km over the matched
  toponyms that have gold coordinates, and geonameid / country agreement where gold gives them;
* the event-location file (records with a ``verb`` key): the share of events whose predicted
  location span matches the gold one (overlap; gold null matches a null prediction), with the
  gold verb as the trigger;
* conflict notes (records with a ``gold_location`` point, ``tests/fixtures/geo/conflict-notes-*``):
  the note's main event (root verb of its first sentence) is located with the document focus as
  the last resort; right country, within 25 / 100 km of the gold point, notes with no location,
  the precision levels given, and the same figures by the document's focus country.

Every report gives ``precision_levels``: how many predicted locations are ``place``, ``admin2``,
``admin1``, ``country`` or ``region`` points.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterator

from ..common.geo_math import haversine_km
from ..errors import Errors
from ..model import Document
from . import read_gold
from ..pipeline import Pipeline, PipelineConfig
from ..registry import STAGES

ACC_KM = 161.0
NEAR_KM = 25.0
REGION_KM = 100.0


def _pipeline(with_actors: bool = True) -> Pipeline:
    """nlp + places (+ actors when that stage is available) + geo."""
    stages: tuple[str, ...] = ("nlp", "places", "geo")
    if with_actors:
        try:
            import eventscope.actors  # noqa: F401

            if "actors" in STAGES:
                stages = ("nlp", "places", "actors", "geo")
        except Exception:  # noqa: BLE001 - the actors stage is optional here
            pass
    return Pipeline(PipelineConfig(stages=stages))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(path: Path, verbose: bool = False, limit: int | None = None, subset: str | None = None) -> dict[str, Any]:
    """Score toponyms (or event locations) of one gold file; returns the metrics.

    ``subset``: "even" or "odd" keeps the records at even or odd line positions (0-based), so
    rules can be tuned on one half and checked on the other.
    """
    records = read_gold(path, limit)
    if subset in ("even", "odd"):
        records = records[0 if subset == "even" else 1::2]
    elif subset is not None:
        raise ValueError(Errors.E032.format(name="subset", choices="even, odd", value=subset))
    if records and "gold_location" in records[0]:
        return evaluate_notes(records, verbose=verbose)
    if records and "verb" in records[0]:
        return evaluate_event_locations(records, verbose=verbose)
    return evaluate_toponyms(records, verbose=verbose)


def _is_adjectival(gaz: Any, text: str) -> bool:
    """A demonym or adjective of a place ("Russian", "Syrian"): not a toponym for eventscope."""
    return gaz.is_demonym(text) or (text[:1].isupper() and text.lower().endswith(("ian", "ish", "ese", "ean", "ic", "i")) and not gaz.candidate_ids(text))


def evaluate_toponyms(records: list[dict[str, Any]], verbose: bool = False,
                      exclude_demonyms: bool = True) -> dict[str, Any]:
    """Toponym P/R/F1 by span overlap, accuracy@161 km and median error.

    ``exclude_demonyms``: gold spans that are demonyms/adjectives ("Russian", TR-News annotates
    them) are left out of the scoring, because eventscope does not treat them as toponyms
    (issue 6); their number is reported as ``gold_demonyms_excluded``.
    """
    from ..geo.gazetteer import get_gazetteer

    pipe = _pipeline()
    docs = [Document(text=r["text"], id=r["id"], date=r.get("date")) for r in records]
    tp = fp = fn = 0
    errors_km: list[float] = []
    sub_errors: list[float] = []  # predicted below country level (country points differ by gazetteer)
    unresolved_pred = 0
    gid_hits = gid_total = cc_hits = cc_total = 0
    gaz = get_gazetteer()
    demonym_gold = 0
    levels: Counter[str] = Counter()
    for rec, adoc in zip(records, pipe.pipe(docs)):
        levels.update(loc.precision or "none" for loc in adoc.locations)
        # the same span is sometimes annotated more than once (TR-News): score it once
        gold = list({(g["start"], g["end"]): g for g in rec.get("toponyms", [])}.values())
        if exclude_demonyms:
            kept = [g for g in gold if not _is_adjectival(gaz, g["text"])]
            demonym_gold += len(gold) - len(kept)
            gold = kept
        complete = rec.get("meta", {}).get("toponyms_complete", True)
        used: set[int] = set()
        for loc in adoc.locations:
            match = None
            for gi, g in enumerate(gold):
                if gi not in used and _overlap((loc.start, loc.end), (g["start"], g["end"])):
                    match = gi
                    break
            if match is None:
                if complete:
                    fp += 1
                    if verbose:
                        print(f"FP {rec['id']}: {loc.text!r} -> {loc.name} {loc.country}", file=sys.stderr)
                continue
            used.add(match)
            tp += 1
            g = gold[match]
            if g.get("lat") is not None and g.get("lon") is not None:
                if loc.lat is None:
                    unresolved_pred += 1
                    errors_km.append(20038.0)  # half the circumference: a miss
                else:
                    errors_km.append(haversine_km(loc.lat, loc.lon, g["lat"], g["lon"]))
                    if loc.feature not in ("country", "region", "water"):
                        sub_errors.append(errors_km[-1])
                if verbose and errors_km[-1] > ACC_KM:
                    print(f"FAR {rec['id']}: {loc.text!r} -> {loc.name} {loc.country} {loc.feature} "
                          f"({errors_km[-1]:.0f} km)", file=sys.stderr)
            if g.get("geonameid"):
                gid_total += 1
                gid_hits += int(loc.geonameid == g["geonameid"])
            if g.get("country"):
                cc_total += 1
                cc_hits += int(loc.country == g["country"])
        for gi, g in enumerate(gold):
            if gi not in used:
                fn += 1
                if verbose:
                    print(f"FN {rec['id']}: {g['text']!r}", file=sys.stderr)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out: dict[str, Any] = {
        "documents": len(records),
        "gold_demonyms_excluded": demonym_gold,
        "toponym_precision": round(precision, 4),
        "toponym_recall": round(recall, 4),
        "toponym_f1": round(f1, 4),
        "geocoded_scored": len(errors_km),
        "accuracy_161km": round(sum(e <= ACC_KM for e in errors_km) / len(errors_km), 4) if errors_km else None,
        "median_error_km": round(statistics.median(errors_km), 1) if errors_km else None,
        "accuracy_161km_subnational": round(sum(e <= ACC_KM for e in sub_errors) / len(sub_errors), 4) if sub_errors else None,
        "predicted_without_coordinates": unresolved_pred,
        "precision_levels": dict(sorted(levels.items())),
        "stages": [s.name for s in pipe.stages],
    }
    if gid_total:
        out["geonameid_accuracy"] = round(gid_hits / gid_total, 4)
    if cc_total:
        out["country_accuracy"] = round(cc_hits / cc_total, 4)
    return out


def evaluate_event_locations(records: list[dict[str, Any]], verbose: bool = False) -> dict[str, Any]:
    """Share of events whose predicted location span matches the gold span (gold verb = trigger)."""
    from ..geo.event_location import find_event_location

    pipe = _pipeline()
    docs = [Document(text=r["text"], id=r["id"]) for r in records]
    hits = 0
    with_loc = with_loc_hits = null_gold = null_hits = 0
    for rec, adoc in _with_parses(pipe, docs, records):
        verb = rec["verb"]
        # single sentences: no document focus beyond the sentence itself
        loc, how = find_event_location(adoc.spacy_doc, (verb["start"], verb["end"]), adoc.locations,
                                       use_focus=False)
        golds = [_char_span(adoc.spacy_doc, g) for g in rec.get("locations") or [] if g]
        golds = [g for g in golds if g is not None]
        if not golds:
            null_gold += 1
            ok = loc is None
            null_hits += int(ok)
        else:
            with_loc += 1
            ok = loc is not None and any(_overlap((loc.start, loc.end), (g["start"], g["end"])) for g in golds)
            with_loc_hits += int(ok)
        hits += int(ok)
        if verbose and not ok:
            print(f"MISS {rec['id']} verb={verb['text']!r} gold={[g['text'] for g in golds]} "
                  f"pred={(loc.text if loc else None)!r} ({how})", file=sys.stderr)
    n = len(records)
    return {
        "events": n,
        "location_match": round(hits / n, 4) if n else None,
        "with_gold_location": with_loc,
        "location_match_when_gold_place": round(with_loc_hits / with_loc, 4) if with_loc else None,
        "null_gold": null_gold,
        "null_correct": round(null_hits / null_gold, 4) if null_gold else None,
        "stages": [s.name for s in pipe.stages],
    }


def _char_span(doc: Any, gold: dict[str, Any]) -> dict[str, Any] | None:
    """The gold span in character offsets.

    About half of ``event-location-gold.jsonl`` gives spaCy *token* indices (end inclusive)
    instead of character offsets: those spans read as "", "g", "ur" (a fragment, not a word).
    They are read back as token spans here; a real character span is kept as it is.
    """
    text = doc.text
    start, end = gold.get("start", 0), gold.get("end", 0)
    piece = text[start:end]
    word_bounded = (start == 0 or not text[start - 1].isalnum()) and (end >= len(text) or not text[end].isalnum())
    if piece.strip() and any(c.isupper() for c in piece) and word_bounded:
        return {"start": start, "end": end, "text": piece}
    if end < start or end >= len(doc):
        return None
    span = doc[start:end + 1]
    return {"start": span.start_char, "end": span.end_char, "text": span.text}


def _with_parses(pipe: Pipeline, docs: list[Document], records: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], Any]]:
    """Run the stages but keep the spaCy parse (the pipeline frees it after each batch)."""
    for rec, doc in zip(records, docs):
        from ..model import AnalyzedDocument

        adocs = [AnalyzedDocument(document=doc)]
        for component in pipe.stages:
            adocs = list(component.pipe(adocs))
        yield rec, adocs[0]


def evaluate_notes(records: list[dict[str, Any]], verbose: bool = False) -> dict[str, Any]:
    """Event location of conflict notes: country, distance to the gold point, precision levels."""
    from ..geo.stage import locate_events
    from .dates import _main_event

    pipe = _pipeline()
    docs = [Document(text=r["text"], id=r["id"], date=r.get("date")) for r in records]
    n = country_ok = near = region = unlocated = focus_ok = 0
    levels: Counter[str] = Counter()
    gold_levels: Counter[str] = Counter()
    by_focus: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # notes, right country, within 25 km
    by_gold_precision: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for rec, adoc in _with_parses(pipe, docs, records):
        gold = rec["gold_location"]
        event = _main_event(adoc.spacy_doc)
        loc = None
        if event is not None:
            adoc.events = [event]
            locate_events(adoc)
            loc = event.location
        n += 1
        gold_levels[gold.get("precision") or "none"] += 1
        focus = adoc.focus.country if adoc.focus and adoc.focus.country else "none"
        focus_ok += int(focus == gold["country"])
        km = haversine_km(loc.lat, loc.lon, gold["lat"], gold["lon"]) if loc is not None and loc.lat is not None else None
        right_country = loc is not None and loc.country == gold["country"]
        is_near = km is not None and km <= NEAR_KM
        country_ok += int(right_country)
        near += int(is_near)
        region += int(km is not None and km <= REGION_KM)
        if loc is None or loc.lat is None:
            unlocated += 1
            levels["none"] += 1
        else:
            levels[(loc.precision or "none") + (" (inferred)" if loc.inferred else "")] += 1
        row = by_focus[focus]
        row[0] += 1
        row[1] += int(right_country)
        row[2] += int(is_near)
        prow = by_gold_precision[gold.get("precision") or "none"]
        prow[0] += 1
        prow[1] += int(is_near)
        if verbose and not is_near:
            where = f"{loc.text!r} -> {loc.name} {loc.country} {loc.precision}" if loc else None
            print(f"MISS {rec['id']}: gold={gold['name']} {gold['country']} pred={where} "
                  f"km={km and round(km)} focus={focus}", file=sys.stderr)
    return {
        "notes": n,
        "country_accuracy": round(country_ok / n, 4) if n else None,
        "within_25km": round(near / n, 4) if n else None,
        "within_100km": round(region / n, 4) if n else None,
        "no_location": round(unlocated / n, 4) if n else None,
        "focus_country_accuracy": round(focus_ok / n, 4) if n else None,
        "precision_levels": dict(sorted(levels.items())),
        "gold_precision_levels": dict(sorted(gold_levels.items())),
        "within_25km_by_gold_precision": {k: round(v[1] / v[0], 4) for k, v in sorted(by_gold_precision.items())},
        "by_focus_country": {k: {"notes": v[0], "country_accuracy": round(v[1] / v[0], 4),
                                 "within_25km": round(v[2] / v[0], 4)}
                             for k, v in sorted(by_focus.items(), key=lambda kv: (-kv[1][0], kv[0]))},
        "stages": [s.name for s in pipe.stages],
    }
