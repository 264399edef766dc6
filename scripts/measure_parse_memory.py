"""Peak memory and CPU of spaCy parsing by batch size, and whether the parse depends on the batch.

Run: python scripts/measure_parse_memory.py [CORPUS.jsonl|DIR] [--budgets 20000,40000,0] [--batch 32]
(default corpus: the team's dev documents, ``../shared/data/documents``). Each setting runs in a
fresh process (peak RSS from ``getrusage``, CPU = user + system seconds), settings alternate over
two rounds. ``0`` means "count only": ``--batch`` documents per ``nlp.pipe`` batch, as before.
``--identity`` instead checks that 1, 3, 8 and 32 documents per batch give the same tokens,
tags, heads, labels, lemmas, entities and sentence starts.

Measured 2026-12-04 on the shared 2-core machine (load ~10; CPU seconds are comparable within a
run, wall seconds are not), the 210 dev documents (540k characters):

    batch                         CPU s    peak RSS
    32 documents                  17.1-18.1   653 MB
    groups of <= 40,000 chars     17.8-19.6   283 MB   (the nlp stage's PARSE_BUDGET_CHARS then)
    groups of <= 20,000 chars     18.9-20.2   217 MB

and again on 2026-12-05 (load 3-5; two rounds), after which the nlp stage took 20,000:

    groups of <= 10,000 chars     13.97 / 14.09   191 MB
    groups of <= 20,000 chars     13.67 / 13.63   217 MB   (PARSE_BUDGET_CHARS)
    groups of <= 40,000 chars     13.76 / 13.46   282 MB

and the parse is identical for 1, 3, 8 and 32 documents per batch.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "documents"


def read_texts(path: Path) -> list[str]:
    from eventscope.nlp.stage import MAX_CHARS, clean_for_parse

    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return [clean_for_parse(json.loads(line)["text"][:MAX_CHARS])
            for f in files for line in f.open(encoding="utf-8") if line.strip()]


def groups(texts: list[str], budget: int, batch: int):
    group: list[str] = []
    chars = 0
    for text in texts:
        if group and ((budget and chars + len(text) > budget) or len(group) >= batch):
            yield group
            group, chars = [], 0
        group.append(text)
        chars += len(text)
    if group:
        yield group


def one(path: Path, budget: int, batch: int) -> None:
    from eventscope.nlp.stage import load_spacy

    nlp = load_spacy()
    texts = read_texts(path)
    started = time.process_time()
    n = sum(1 for g in groups(texts, budget, batch) for _ in nlp.pipe(g, batch_size=len(g)))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    label = f"<= {budget} chars" if budget else f"{batch} documents"
    print(f"{label:22s} docs={n} cpu={time.process_time() - started:6.2f}s peak_rss={usage.ru_maxrss // 1024} MB",
          flush=True)


def identity(path: Path) -> None:
    from eventscope.nlp.stage import load_spacy

    nlp = load_spacy()
    texts = read_texts(path)

    def signature(doc) -> str:
        rows = [(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_, t.is_sent_start, str(t.morph))
                for t in doc]
        return hashlib.sha1(repr(rows).encode()).hexdigest()

    seen = {}
    for size in (1, 3, 8, 32):
        seen[size] = hashlib.sha1("".join(signature(d) for d in nlp.pipe(texts, batch_size=size)).encode()).hexdigest()
        print(size, seen[size], flush=True)
    print("identical" if len(set(seen.values())) == 1 else "DIFFERENT")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(SHARED))
    parser.add_argument("--budgets", default="20000,40000,0")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--identity", action="store_true")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    path = Path(args.corpus)
    if args.identity:
        identity(path)
    elif args.one is not None:
        one(path, args.one, args.batch)
    else:
        for _round in range(2):
            for budget in args.budgets.split(","):
                subprocess.run([sys.executable, __file__, str(path), "--one", budget, "--batch", str(args.batch)],
                               check=False)


if __name__ == "__main__":
    main()
