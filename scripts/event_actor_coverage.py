"""How well the events of coded documents name their actors: coded sides, bare pronouns.

Reads the contract JSONL written by ``eventscope code`` and counts, over every event, the share of
sources and targets that carry a country or a sector, the sides that are a bare pronoun ("he",
"they", "we" with no codes, or an actor named by a pronoun), and actors whose name is a pronoun
(they would be nodes of the dashboard's network).

Run:  eventscope code ../shared/data/documents/*.jsonl --out coded.jsonl --no-progress
      python scripts/event_actor_coverage.py coded.jsonl [--show 20]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she",
                      "her", "they", "them", "their", "it", "its", "this", "that", "these", "those",
                      "who", "which", "himself", "herself", "themselves", "itself", "ourselves"})


def is_pronoun(text: str | None) -> bool:
    return bool(text) and text.strip().lower() in PRONOUNS


def side_counts(events: list[dict], side: str) -> Counter[str]:
    out: Counter[str] = Counter()
    for ev in events:
        ref = ev.get(side)
        out["events"] += 1
        if not ref:
            out["missing"] += 1
            continue
        out["present"] += 1
        if ref.get("country") or ref.get("sector"):
            out["coded"] += 1
        elif is_pronoun(ref.get("text")):
            out["bare_pronoun"] += 1
        else:
            out["uncoded"] += 1
        if is_pronoun(ref.get("name")):
            out["pronoun_actor"] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--show", type=int, default=0, help="print N uncoded sides")
    args = ap.parse_args()
    events: list[dict] = []
    pronoun_actors = 0
    n_actors = 0
    for path in args.files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            events.extend(rec.get("events") or [])
            for actor in rec.get("actors") or []:
                n_actors += 1
                pronoun_actors += is_pronoun(actor.get("name"))
    report = {"events": len(events), "actors": n_actors, "actors_named_by_a_pronoun": pronoun_actors}
    for side in ("source", "target"):
        c = side_counts(events, side)
        present = max(c["present"], 1)
        report[side] = {
            "present": c["present"],
            "coded_share_of_present": round(c["coded"] / present, 3),
            "coded_share_of_events": round(c["coded"] / max(c["events"], 1), 3),
            "bare_pronoun": c["bare_pronoun"],
            "uncoded": c["uncoded"],
            "missing": c["missing"],
        }
    print(json.dumps(report, indent=2))
    if args.show:
        shown: Counter[str] = Counter()
        for ev in events:
            for side in ("source", "target"):
                ref = ev.get(side)
                if ref and not (ref.get("country") or ref.get("sector")):
                    shown[f"{side}: {ref.get('text')}"] += 1
        for text, n in shown.most_common(args.show):
            print(f"{n:4d}  {text}")


if __name__ == "__main__":
    main()
