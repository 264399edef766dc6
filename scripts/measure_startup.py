"""Start-up breakdown: CPU seconds and resident memory after each stage is built, then the first sentence.

Run: python scripts/measure_startup.py [--rounds 3]
Each round is a fresh process (``--one``); the table shows the round with the least CPU time
in all (CPU seconds, not wall: the machine is shared). RSS is the process's resident set after
the row (file pages of the memory-mapped gazetteer count once they are touched).

Measured 2026-12-04 on the shared 2-core machine (load ~6), before -> after issue 16 items 2-3:

    row      CPU s (before -> after)   RSS MB after the row (before -> after)
    import         0.03 -> 0.04            16 ->  16
    nlp            1.00 -> 0.98           149 -> 148
    places         1.90 -> 0.10           466 -> 164   (gazetteer: unpickled -> memory-mapped)
    actors         1.33 -> 1.13           525 -> 243   (no second spaCy model)
    events         0.13 -> 0.15           562 -> 280
    total          4.41 -> 2.42
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

SENTENCE = "Iranian forces shelled positions near Erbil on Monday, Kurdish officials said."


def rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        return int(fh.read().split("VmRSS:")[1].split()[0]) // 1024


def one() -> list[tuple[str, float, int]]:
    started = time.process_time()
    import eventscope.pipeline as pipeline
    from eventscope.registry import STAGES

    rows = [("import", time.process_time() - started, rss_mb())]
    stages = []
    for name in pipeline.DEFAULT_STAGES:
        t = time.process_time()
        component = STAGES[name]()  # the registry imports the stage's module
        component.initialize()
        stages.append(component)
        rows.append((name, time.process_time() - t, rss_mb()))
    t = time.process_time()
    from eventscope.model import AnalyzedDocument, Document

    adocs = [AnalyzedDocument(document=Document(text=SENTENCE))]
    for component in stages:
        adocs = list(component.pipe(adocs))
    rows.append((f"first sentence ({len(adocs[0].events)} events)", time.process_time() - t, rss_mb()))
    rows.append(("total", time.process_time() - started, rss_mb()))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one()))
        return
    rounds = []
    for _ in range(args.rounds):
        out = subprocess.run([sys.executable, __file__, "--one"], capture_output=True, text=True, check=True)
        rounds.append(json.loads(out.stdout.strip().splitlines()[-1]))
    best = min(rounds, key=lambda rows: rows[-1][1])  # the round with the least CPU in all
    print(f"{'row':32s} {'CPU s':>7s} {'RSS MB':>7s}   (the fastest of {len(rounds)} rounds)")
    for name, cpu, rss in best:
        print(f"{name:32s} {cpu:7.2f} {rss:7d}")


if __name__ == "__main__":
    main()
