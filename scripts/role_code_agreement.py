"""Actor codes on the document gold's role spans: does the actor we give a source or target span
carry the country and sector the annotators gave it?

Why: the documents eval credits a role when its span overlaps the gold span, whatever its codes;
but users filter and count events by country and sector. This scores the actors stage alone: for
every gold source / target with a span and a code, the actor of the mention that overlaps the
span (the one ending last, the phrase's head) is compared with the gold country and sector.
An organisation of no state has the group code the contract allows as its country here (UNO, EUR,
IGO, NGO) and none in the gold: both read as no country, as in the documents eval (``state_code``).

Run:  python scripts/role_code_agreement.py [--split tune|heldout|all] [--show 25]
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
    ap.add_argument("--split", default="tune")
    ap.add_argument("--show", type=int, default=15, help="list the commonest country disagreements")
    args = ap.parse_args()

    from eventscope import code_documents
    from eventscope.evaluation.documents import gold_documents, state_code

    records, docs, _skipped = gold_documents(args.gold, args.split)
    by_id = {r["id"]: r for r in records}
    counts: Counter[str] = Counter()
    disagreements: Counter[tuple[str | None, str | None]] = Counter()
    for adoc in code_documents(docs):
        for gold_event in by_id[adoc.document.id].get("events") or []:
            for side in ("source", "target"):
                gold = gold_event.get(side)
                if not gold or not gold.get("span") or not (gold.get("country") or gold.get("sector")):
                    continue
                start, end = gold["span"]
                mentions = [m for m in adoc.mentions if m.actor and m.start < end and start < m.end]
                if not mentions:
                    counts["no_mention"] += 1
                    continue
                actor = adoc.actor(max(mentions, key=lambda m: (m.end, -m.start)).actor)
                country_ok = state_code(actor.country or None) == state_code(gold.get("country"))
                sector_ok = (actor.sector or None) == gold.get("sector")
                counts["roles"] += 1
                counts["country"] += country_ok
                counts["sector"] += sector_ok
                counts["both"] += country_ok and sector_ok
                if not country_ok:
                    disagreements[(actor.country, gold.get("country"))] += 1
    n = max(1, counts["roles"])
    print(json.dumps({"split": args.split, **counts, "country_agreement": round(counts["country"] / n, 3),
                      "sector_agreement": round(counts["sector"] / n, 3),
                      "both_agreement": round(counts["both"] / n, 3)}))
    for (ours, theirs), k in disagreements.most_common(args.show):
        print(f"ours {ours}\tgold {theirs}\t{k}")


if __name__ == "__main__":
    main()
