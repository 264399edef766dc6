"""The candidate ceiling of the events stage on the document gold's tune split.

Why: the decision can only emit an act that some candidate proposes. For every annotated act (not
repeats) this says whether a candidate of the gold type sits on its trigger, elsewhere in its
sentence, whether only candidates of other types are there, or nothing at all; with ``--misses``
it lists the gold triggers that have no candidate of their type (what the trigger lexicon lacks).
Tune split only: the held-back articles stay unseen.

    python scripts/candidate_ceiling.py [--gold gold/documents] [--misses]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "gold" / "documents")
    ap.add_argument("--misses", action="store_true", help="list gold triggers with no candidate of their type")
    args = ap.parse_args()

    from eventscope import code_documents
    from eventscope.evaluation.documents import gold_documents

    records, docs, _skipped = gold_documents(args.gold, "tune")
    by_id = {r["id"]: r for r in records}
    counts: Counter[str] = Counter()
    misses: Counter[tuple[str, str]] = Counter()
    n_candidates = n_right = 0
    for adoc in code_documents(docs, include_candidates=True):
        text = adoc.document.text
        acts = [g for g in by_id[adoc.document.id].get("events") or [] if g.get("repeat_of") is None]
        cands = [c for c in adoc.candidates if c.trigger]
        n_candidates += len(cands)
        n_right += sum(any(_overlap(c.trigger.start, c.trigger.end, *g["trigger"]) and c.type == g["type"]
                           for g in acts) for c in cands)
        for g in acts:
            t0, t1 = g["trigger"]
            on_trigger = [c for c in cands if _overlap(c.trigger.start, c.trigger.end, t0, t1)]
            in_sentence = [c for c in cands if c.evidence.start <= t0 and t1 <= c.evidence.end]
            if any(c.type == g["type"] for c in on_trigger):
                counts["trigger_type"] += 1
                continue
            if on_trigger:
                counts["trigger_other_type"] += 1
            elif any(c.type == g["type"] for c in in_sentence):
                counts["sentence_type"] += 1
            elif in_sentence:
                counts["sentence_other_type"] += 1
            else:
                counts["nothing"] += 1
            misses[(g["type"], text[t0:t1].lower())] += 1
    print(json.dumps({"acts": sum(counts.values()), **counts, "candidates": n_candidates,
                      "candidates_right": n_right}))
    if args.misses:
        for (etype, words), n in sorted(misses.items(), key=lambda x: (x[0][0], -x[1])):
            print(f"{etype}\t{n}\t{words}")


def _overlap(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


if __name__ == "__main__":
    main()
