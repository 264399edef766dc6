"""Train the sentence-end model for text that lost its full stops (``eventscope.nlp.boundaries``).

Training text: single news sentences from the event training sets (``../shared/data/events``:
plv-train, petr2-realnews, plover-gsr, ngec-synthetic-silver; train splits only), shuffled
and joined two to eight at a time with a space, their final stop dropped (kept on one in ten,
as in the feeds). Every gap before a capitalised word, a number or an opening quote is an
example; those that start a sentence are the positives. A logistic regression over the
features of ``gap_features`` (tags from the model's own tagger, words, tokens since the last
start); the bar is the lowest probability whose precision on the held-out fifth is at least
``MIN_PRECISION`` (a wrong cut costs more than a missed one).

Also reported, as a check on real articles: re3d's documents (they keep their stops) with the
stops at the parser's sentence ends removed — precision and recall of the recovered starts.

    python scripts/train_sentence_ends.py            # train, report, write the model
    python scripts/train_sentence_ends.py --check    # report only
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "src" / "eventscope" / "nlp" / "data" / "sentence_ends.json"
SETS = ("plv-train", "petr2-realnews", "plover-gsr", "ngec-synthetic-silver")
SEED = 13
MIN_PRECISION = 0.98
_ENDS = ".!?"


def sentences(nlp) -> list[str]:
    """The training texts cut into sentences by the parser (several hold more than one)."""
    texts: list[str] = []
    for name in SETS:
        for line in (SHARED / "events" / f"{name}.jsonl").open():
            text = " ".join(json.loads(line)["text"].split())
            if text:
                texts.append(text)
    out: list[str] = []
    for doc in nlp.pipe(texts, batch_size=64):
        out += [s.text.strip() for s in doc.sents if len(s) >= 4 and s.text.strip()]
    return out


def paragraphs(sents: list[str], rng: random.Random) -> list[tuple[str, set[int]]]:
    """Sentences joined without their stops, with the character offset of every sentence start."""
    order = list(sents)
    rng.shuffle(order)
    out: list[tuple[str, set[int]]] = []
    i = 0
    while i < len(order):
        n = rng.randint(2, 8)
        parts, starts, pos = [], set(), 0
        for s in order[i:i + n]:
            if s[-1] in _ENDS and rng.random() < 0.9:
                s = s[:-1].rstrip()
            starts.add(pos)
            parts.append(s)
            pos += len(s) + 1
        out.append((" ".join(parts), starts - {0}))
        i += n
    return out


def examples(nlp, paras: list[tuple[str, set[int]]]) -> tuple[list[list[str]], list[int]]:
    from eventscope.nlp.boundaries import gap_features, is_gap

    feats, labels = [], []
    for doc, (_, starts) in zip(nlp.pipe((t for t, _ in paras), batch_size=64), paras):
        since = 0
        for j in range(1, len(doc)):
            since += 1
            if is_gap(doc, j):
                feats.append(gap_features(doc, j, since))
                labels.append(int(doc[j].idx in starts))
            if doc[j].idx in starts:
                since = 0
    return feats, labels


def fit(feats: list[list[str]], labels: list[int]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in fs} for fs in feats])
    model = LogisticRegression(C=0.5, max_iter=3000)
    model.fit(x, labels)
    weights = {name: float(w) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) >= 0.02}
    weights["bias"] = weights.get("bias", 0.0) + float(model.intercept_[0])
    return weights


def choose_bar(probs: np.ndarray, labels: np.ndarray) -> float:
    for bar in np.arange(0.30, 0.96, 0.05):
        kept = probs >= bar
        if kept.sum() and labels[kept].mean() >= MIN_PRECISION:
            return round(float(bar), 2)
    return 0.95


def report(name: str, probs: np.ndarray, labels: np.ndarray, bar: float) -> None:
    kept = probs >= bar
    tp = int((kept & (labels == 1)).sum())
    print(json.dumps({"set": name, "bar": bar, "gaps": int(len(labels)), "starts": int(labels.sum()),
                      "precision": round(tp / max(1, kept.sum()), 3), "recall": round(tp / max(1, labels.sum()), 3)}))


def re3d_check(nlp_full, weights: dict[str, float], bar: float) -> None:
    """re3d articles with their sentence-final stops removed: are the parser's starts recovered?"""
    from eventscope.nlp.boundaries import gap_features, gap_probability, is_gap

    probs, labels = [], []
    texts = [json.loads(line)["text"] for line in (SHARED / "documents" / "re3d.jsonl").open()]
    stripped = []
    for text, doc in zip(texts, nlp_full.pipe(texts)):  # parsed with its stops
        starts: set[int] = set()
        drop: set[int] = set()
        for sent in doc.sents:
            last = sent[-1] if not sent[-1].is_space else sent[-2] if len(sent) > 1 else sent[-1]
            if last.text in (".",) and "\n" not in doc.text[last.idx:last.idx + 3]:
                drop.add(last.idx)
        kept_text, shift, offsets = [], 0, {}
        for k, ch in enumerate(text):
            if k in drop:
                shift += 1
                continue
            offsets[k] = k - shift
            kept_text.append(ch)
        new = "".join(kept_text)
        for sent in doc.sents:
            if sent.start > 0 and doc[sent.start - 1].idx in drop:
                starts.add(offsets[sent[0].idx])
        stripped.append((new, starts))
    with nlp_full.select_pipes(enable=["tok2vec", "tagger"]):
        for doc, (_, starts) in zip(nlp_full.pipe(t for t, _ in stripped), stripped):
            since = 0
            for j in range(1, len(doc)):
                since += 1
                if doc[j - 1].is_space:
                    since = 0
                    continue
                if is_gap(doc, j):
                    p = gap_probability(gap_features(doc, j, since), weights)
                    probs.append(p)
                    labels.append(int(doc[j].idx in starts))
                    if p >= bar:
                        since = 0
    report("re3d, stops removed (greedy)", np.asarray(probs), np.asarray(labels), bar)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="report only; do not write the model")
    args = ap.parse_args()
    from eventscope.nlp.boundaries import gap_probability
    from eventscope.nlp.stage import load_spacy

    rng = random.Random(SEED)
    nlp = load_spacy()
    paras = paragraphs(sentences(nlp), rng)
    cut = len(paras) // 5
    with nlp.select_pipes(enable=["tok2vec", "tagger"]):
        test_x, test_y = examples(nlp, paras[:cut])
        train_x, train_y = examples(nlp, paras[cut:])
    weights = fit(train_x, train_y)
    probs = np.asarray([gap_probability(f, weights) for f in test_x])
    bar = choose_bar(probs, np.asarray(test_y))
    for b in (0.5, 0.6, 0.7, 0.8):
        report(f"held-out fifth at {b}", probs, np.asarray(test_y), b)
    report("held-out fifth", probs, np.asarray(test_y), bar)
    re3d_check(nlp, weights, bar)
    final = fit(train_x + test_x, train_y + test_y)
    if not args.check:
        OUT.write_text(json.dumps({"threshold": bar, "trained_on": list(SETS), "seed": SEED,
                                   "weights": {k: round(v, 4) for k, v in sorted(final.items())}},
                                  indent=0, sort_keys=True) + "\n")
        print(f"wrote {OUT} ({len(final)} weights)")


if __name__ == "__main__":
    main()
