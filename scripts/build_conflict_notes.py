"""Build the conflict-note gold files from the hand-written TSVs:
``conflict-notes.tsv`` -> ``conflict-notes-{dev,heldout}.jsonl`` (the first set) and
``conflict-notes-2.tsv`` -> ``conflict-notes-2-{dev,heldout}.jsonl`` (the second, larger set:
other countries, regions and phrasing) and ``conflict-notes-3.tsv`` (Sahel, Great Lakes, Horn,
Myanmar, Af-Pak border, Colombia/Mexico, Ukraine, Sudan) and ``conflict-notes-4.tsv`` (geo7: regions
none of the first three covers, every date form; an optional ninth column gives the document's
date for notes dated relative to it, "Friday's attack", and an empty event date means the note
gives no day, "last week").

The notes were written for this project in the style of ACLED/UCDP coding notes (no text is
copied from either). The gold point of each note is the gazetteer entry named in the TSV
(matched by name, country and feature) or an explicit ``Name@lat,lon`` for places the gazetteer
lacks. Every fourth note (by the number in its id) is held back (``heldout``), decided before
any rule was run on it: rules are tuned on ``dev`` only. ``conflict-notes-5.tsv`` (geo8: countries
none of sets 1-4 covers) is an unseen test only: all its notes are held back;
``conflict-notes-6.tsv`` (geo9: countries none of sets 1-5 covers) likewise, and
``conflict-notes-7.tsv`` (notes7: places none of sets 1-6 names, in 40 new countries and
territories and 37 covered ones) and ``conflict-notes-8.tsv`` (notes8: places none of sets 1-7
names, across every region, and four territories none of them covers) and ``conflict-notes-9.tsv``
(notes9: places none of sets 1-8 names, about a third dated relative to the document's date) and
``conflict-notes-10.tsv`` (80 notes by the lead: towns drawn at random from the gazetteer, none a
gold place of sets 1-9, 35 dated relative to the document's date).

    python scripts/build_conflict_notes.py            # every set
    python scripts/build_conflict_notes.py conflict-notes-2
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from eventscope.geo.gazetteer import get_gazetteer

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "geo"
SETS = ("conflict-notes", "conflict-notes-2", "conflict-notes-3", "conflict-notes-4", "conflict-notes-5",
        "conflict-notes-6", "conflict-notes-7", "conflict-notes-8", "conflict-notes-9", "conflict-notes-10")
# Sets written as unseen tests only: every note is held back, none is ever tuned on.
ALL_HELDOUT = ("conflict-notes-5", "conflict-notes-6", "conflict-notes-7", "conflict-notes-8", "conflict-notes-9",
               "conflict-notes-10")


def gold_point(name: str, country: str, feature: str) -> dict:
    if "@" in name:
        name, point = name.split("@")
        lat, lon = (float(x) for x in point.split(","))
        return {"name": name, "country": country, "admin1": None, "lat": lat, "lon": lon}
    gaz = get_gazetteer()
    for pid in gaz.candidate_ids(name):
        p = gaz.places[pid]
        if p.country == country and p.feature == feature and p.lat is not None:
            return {"name": p.name, "country": country, "admin1": p.admin1 if feature != "country" else None,
                    "lat": round(p.lat, 4), "lon": round(p.lon, 4)}
    raise SystemExit(f"no {feature} {name!r} in {country} in the gazetteer")


def build(note_set: str) -> None:
    out: dict[str, list[str]] = {"dev": [], "heldout": []}
    for line in (FIXTURES / f"{note_set}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        nid, country, name, feature, precision, when, when_precision, text, *published = line.split("\t")
        split = "heldout" if note_set in ALL_HELDOUT or int(nid[1:]) % 4 == 0 else "dev"
        gold = gold_point(name, country, feature)
        gold["precision"] = precision
        record = {"id": nid, "text": text, "date": published[0] if published else None, "event_date": when or None,
                  "event_date_precision": when_precision, "gold_location": gold,
                  "meta": {"dataset": f"eventscope-{note_set}", "split": split,
                           "licence": "written for eventscope (project licence)"}}
        out[split].append(json.dumps(record, ensure_ascii=False))
    for split, lines in out.items():
        if not lines:
            continue
        (FIXTURES / f"{note_set}-{split}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{note_set} {split}: {len(lines)} notes")


def main() -> None:
    for note_set in sys.argv[1:] or SETS:
        build(note_set)


if __name__ == "__main__":
    main()
