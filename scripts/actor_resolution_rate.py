"""Resolution rate of the actors stage on document collections, and its cost next to parsing.

For every NER PERSON/ORG/GPE/NORP entity spaCy finds, looks up the actor mention over it
(``mention_at``) and counts it as resolved when that actor has a country or a sector. A toponym
used as a place ("in Aleppo"), which is deliberately no actor, is counted apart and left out of
the rate.

Run:  python scripts/actor_resolution_rate.py ../shared/data/documents/*.jsonl [--limit N]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from eventscope.actors import mention_at
from eventscope.actors.units import LOCATIVE_PREPS
from eventscope.model import Document
from eventscope.pipeline import Pipeline, PipelineConfig

LABELS = ("PERSON", "ORG", "GPE", "NORP")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", type=int, default=0, help="print N unresolved entities per label")
    args = ap.parse_args()
    pipe = Pipeline(PipelineConfig(stages=("nlp", "actors")))
    total: Counter[str] = Counter()
    resolved: Counter[str] = Counter()
    linked: Counter[str] = Counter()
    places: Counter[str] = Counter()
    misses: dict[str, Counter[str]] = {lab: Counter() for lab in LABELS}
    n_docs = 0
    for path in args.files:
        docs = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            docs.append(Document(text=rec["text"], id=rec.get("id"), date=rec.get("date")))
            if args.limit and len(docs) >= args.limit:
                break
        per_file_total = Counter()
        per_file_res = Counter()
        # keep the parse for the count (the pipeline frees it after the last stage)
        for adoc in _run(pipe, docs):
            n_docs += 1
            for ent in adoc.spacy_doc.ents:
                if ent.label_ not in LABELS:
                    continue
                m = mention_at(adoc, ent.start_char, ent.end_char)
                actor = adoc.actor(m.actor) if m else None
                if actor is None and ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE_PREPS:
                    places[ent.label_] += 1  # "in Aleppo": a place, not an actor
                    continue
                total[ent.label_] += 1
                per_file_total[ent.label_] += 1
                if actor is not None:
                    linked[ent.label_] += 1
                if actor is not None and (actor.country or actor.sector):
                    resolved[ent.label_] += 1
                    per_file_res[ent.label_] += 1
                else:
                    misses[ent.label_][ent.text] += 1
        t, r = sum(per_file_total.values()), sum(per_file_res.values())
        print(f"{path.name}: {r}/{t} = {r / max(t, 1):.3f}")
    t, r, lk = sum(total.values()), sum(resolved.values()), sum(linked.values())
    print(f"documents: {n_docs}")
    for lab in LABELS:
        print(f"  {lab:6s} {resolved[lab]:6d}/{total[lab]:6d} = {resolved[lab] / max(total[lab], 1):.3f}"
              f"  (linked to an actor: {linked[lab] / max(total[lab], 1):.3f})")
    print(f"  ALL    {r:6d}/{t:6d} = {r / max(t, 1):.3f}  (linked: {lk / max(t, 1):.3f})")
    print(f"  places used as places (left out): {dict(places)}")
    timings = pipe.timings
    print(f"time: nlp {timings['nlp']:.2f}s, actors {timings['actors']:.2f}s "
          f"({100 * timings['actors'] / max(timings['nlp'], 1e-9):.1f}% of the parse)")
    if args.show:
        for lab in LABELS:
            print(lab, misses[lab].most_common(args.show))


def _run(pipe: Pipeline, docs: list[Document]):
    from eventscope.model import AnalyzedDocument

    size = pipe.config.batch_size
    for i in range(0, len(docs), size):
        adocs = [AnalyzedDocument(document=d) for d in docs[i:i + size]]
        for component in pipe.stages:
            import time

            t0 = time.perf_counter()
            adocs = list(component.pipe(adocs, batch_size=size))
            pipe.timings[component.name] += time.perf_counter() - t0
        yield from adocs


if __name__ == "__main__":
    main()
