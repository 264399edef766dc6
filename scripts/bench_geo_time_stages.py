"""Time the geo and time stages per document (issue 6): nlp -> geo -> time over a JSONL corpus.

Run: /work/venv/bin/python scripts/bench_geo_time_stages.py ../shared/data/documents/voa-dev.jsonl
"""

from __future__ import annotations

import json
import sys
import time

from eventscope.model import Document
from eventscope.pipeline import Pipeline, PipelineConfig


def main(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    docs = [Document(text=r["text"], id=r.get("id"), date=r.get("date")) for r in rows]
    started = time.perf_counter()
    pipe = Pipeline(PipelineConfig(stages=("nlp", "places", "geo", "time")))
    setup = time.perf_counter() - started
    out = list(pipe.pipe(docs))
    n = len(docs)
    print(f"{n} documents, {sum(len(d.text) for d in docs)} characters; setup {setup:.1f} s")
    for name, seconds in pipe.timings.items():
        print(f"  {name:5s} {seconds:6.2f} s  {seconds / n * 1000:6.1f} ms/document")
    print(f"  locations {sum(len(a.locations) for a in out)} "
          f"(without coordinates {sum(1 for a in out for l in a.locations if l.lat is None)}), "
          f"date expressions {sum(len(a.times) for a in out)} "
          f"(unresolved {sum(1 for a in out for t in a.times if t.date is None)})")


if __name__ == "__main__":
    main(sys.argv[1])
