"""Size of the actor knowledge base (per kind, per decade of the roles) and what it costs to start.

Measures, in this process after the spaCy model is loaded: CPU time and resident memory of
starting the actors stage (knowledge base with both layers and its name index; with
``--curated-only`` the curated layer alone), and counts entries per kind and people per decade of
their first dated role (elite-only periods left out).

Run:  python scripts/actor_kb_stats.py [--curated-only]
"""

from __future__ import annotations

import time
from collections import Counter


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description="Size and start-up cost of the actor knowledge base.")
    ap.add_argument("--curated-only", action="store_true", help="measure the curated layer alone")
    args = ap.parse_args()
    from eventscope.nlp import load_spacy

    load_spacy()
    from eventscope.actors.kb import build_kb, load_kb
    from eventscope.actors.stage import ActorStage

    r0, c0 = rss_mb(), time.process_time()
    if args.curated_only:
        build_kb(generated=False)
        print(f"curated layer alone: {time.process_time() - c0:.2f} s CPU, +{rss_mb() - r0:.0f} MB")
        return
    stage = ActorStage()
    stage.initialize()
    print(f"actors stage start-up (curated + generated layers, name index): "
          f"{time.process_time() - c0:.2f} s CPU, +{rss_mb() - r0:.0f} MB")

    kb = load_kb()
    print("entries:", kb.sizes())
    gen = kb.generated
    decades: Counter[str] = Counter()
    curated_decades: Counter[str] = Counter()
    if gen is not None:
        for number in range(gen.n_people):
            roles = gen.record(number)[4]
            starts = [r[2] for r in roles if r[1] != "ELI" and r[2]]
            if starts:
                decades[min(starts)[:3] + "0s"] += 1
    for entry in kb.entries.values():
        starts = [r.start for r in entry.roles if r.start and r.sector != "ELI"]
        if entry.source == "person" and starts:
            curated_decades[min(starts)[:3] + "0s"] += 1
    print("generated people by decade of their first dated role:", dict(sorted(decades.items())))
    print("curated people by decade of their first dated role:", dict(sorted(curated_decades.items())))


if __name__ == "__main__":
    main()
