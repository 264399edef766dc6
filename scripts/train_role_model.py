"""Train the learned role assigner (``events/roles.py``) and write ``events/data/role_model.json``.

Why: who did what to whom is the commonest error of the event coder on real articles; a model
trained on sentences whose source and target spans people marked learns the shapes the parse
patterns miss (passive victims, attackers outside the trigger's clause, reporting frames).

Training data (and nothing else; never a ``split: heldout`` document):
- ``../shared/data/events/plv-train.jsonl`` (source/target spans), ``plover-gsr.jsonl`` (spans),
  ``petr2-realnews.jsonl`` (country codes only: a phrase is labelled when its resolved actor has
  the gold country);
- the annotators' document gold (``gold/documents/*.jsonl``, offset-only, text read from
  ``../shared/data/documents/``), tune split only.

Each gold event gives one training item: the trigger the events stage would anchor the event on
(``EventsStage._pick`` for the gold type; for the document gold, the candidate act at the gold
trigger), and every candidate phrase of its sentence labelled SOURCE, TARGET or NONE by whether
its head word lies in the gold span. A multinomial logistic regression (scikit-learn, training
time only) learns the weights, with the rarer whole-document rows weighted up; the decoding
thresholds are chosen by 3-fold cross-validation *inside* the training data, maximising the mean
of the sentence-set and the document accuracy. Seeded and deterministic.

Usage::

    python scripts/train_role_model.py                       # -> src/eventscope/events/data/role_model.json
    python scripts/train_role_model.py --exclude-ids ids.txt --out /tmp/fold.json   # (CV folds)
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
ANNOT = ROOT / "gold" / "documents"
OUT = ROOT / "src" / "eventscope" / "events" / "data" / "role_model.json"
SENTENCE_SETS = ("plv-train.jsonl", "plover-gsr.jsonl", "petr2-realnews.jsonl")
SEED = 13
DEFAULT_C = 0.3  # inverse regularisation strength of the logistic regression
DOCUMENT_WEIGHT = 3.0  # a whole-document gold row counts this many sentence-set rows (rarer, closer to real input)
THRESHOLDS = (0.03, 0.06, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
SAME_COUNTRY = (1.0, 0.5, 0.25, 0.1)


@dataclass
class Item:
    """One gold event made ready for the role model: its sentence, trigger and labelled phrases."""

    record_id: str
    dataset: str
    etype: str
    ctx: Any  # roles.SentenceContext
    cand: Any  # detect.Candidate
    heads: list[Any]
    labels: list[int]
    gold: dict[str, Any]  # the gold event (for scoring decoded roles)
    text: str  # the text gold offsets point into
    features: list[list[str]] = field(default_factory=list)
    judged: dict[Any, tuple[bool, bool]] = field(default_factory=dict)  # head index | None -> (as source, as target) right


# ------------------------------------------------------------------------------------ data
def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def sentence_records(names: Iterable[str] = SENTENCE_SETS) -> list[dict[str, Any]]:
    """The sentence-level gold sets (each record: id, text, date, events, dataset)."""
    out = []
    for name in names:
        for r in read_jsonl(SHARED / "events" / name):
            out.append({"id": r["id"], "text": r["text"], "date": r.get("date"), "events": r.get("events") or [],
                        "dataset": name.split(".")[0], "level": "sentence"})
    return out


def annotation_records(patterns: Iterable[str]) -> list[dict[str, Any]]:
    """The annotators' tune documents with their text; held-out documents are never read.

    When several annotators marked one document, the first file's annotation is used.
    """
    texts: dict[tuple[str, str], str] = {}
    loaded: set[str] = set()
    out, seen = [], set()
    for pattern in patterns:
        for path in sorted(glob.glob(str(pattern))):
            for r in read_jsonl(Path(path)):
                if r.get("split") != "tune" or r["id"] in seen:
                    continue
                if r["dataset"] not in loaded:
                    loaded.add(r["dataset"])
                    for d in read_jsonl(SHARED / "documents" / f"{r['dataset']}.jsonl"):
                        texts.setdefault((r["dataset"], d["id"]), d["text"])
                text = texts.get((r["dataset"], r["id"]))
                if text is None or hashlib.sha256(text.encode("utf-8")).hexdigest() != r.get("text_sha256"):
                    continue  # the source text changed: its offsets cannot be trusted
                seen.add(r["id"])
                out.append({"id": r["id"], "text": text, "date": None, "dataset": "annot-" + str(r.get("annotator")),
                            "events": [e for e in r["events"] if e.get("repeat_of") is None],
                            "level": "document"})
    return out


def prepare(records: list[dict[str, Any]], batch: int = 64) -> list[Any]:
    """Run nlp → places → actors → quotes over the records (the parse kept for feature extraction)."""
    from eventscope.model import AnalyzedDocument, Document
    from eventscope.pipeline import Pipeline, PipelineConfig

    pipe = Pipeline(PipelineConfig(stages=("nlp", "places", "actors", "quotes")))
    out = []
    for i in range(0, len(records), batch):
        adocs = [AnalyzedDocument(document=Document(text=r["text"], id=str(r["id"]), date=r.get("date")))
                 for r in records[i:i + batch]]
        for component in pipe.stages:
            adocs = list(component.pipe(adocs, batch_size=batch))
        out.extend(adocs)
    return out


# ------------------------------------------------------------------------------------ items
def _label_heads(heads: list[Any], gold: dict[str, Any], text: str, ctx: Any) -> list[int] | None:
    """SOURCE/TARGET/NONE per head; None when a codes-only role matches no phrase."""
    from eventscope.evaluation.roles import gold_span
    from eventscope.events.roles import NONE, SOURCE, TARGET

    labels = [NONE] * len(heads)
    for side, lab in (("target", TARGET), ("source", SOURCE)):  # a source wins a shared head
        g = gold.get(side)
        if not g:
            continue
        span = gold_span(g, text)
        if span is not None:
            hits = [k for k, h in enumerate(heads) if span[0] <= h.idx < span[1]]
        elif "span" in g or not g.get("country"):
            continue  # implied, unnamed actor: no phrase plays the role
        else:  # codes only: the phrases whose resolved actor has the gold country
            hits = []
            for k, h in enumerate(heads):
                m = ctx.mention(h)
                actor = ctx.adoc.actor(m.actor) if m is not None and m.actor else None
                if actor is not None and actor.country == g["country"] and (
                        not g.get("sector") or actor.sector in (None, g["sector"])):
                    hits.append(k)
            if not hits:
                return None
        for k in hits:
            labels[k] = lab
    return labels


def items_for(record: dict[str, Any], adoc: Any, stage: Any) -> list[Item]:
    """The training items of one gold record (one per gold event the stage can anchor)."""
    from eventscope.events.detect import candidates
    from eventscope.events.roles import SentenceContext

    doc = adoc.spacy_doc
    if doc is None:
        return []
    sents = list(doc.sents)
    per_sent = {s.start: candidates(s) for s in sents}
    contexts: dict[int, Any] = {}
    items = []
    done_types: set[str] = set()
    for gold in record["events"]:
        etype = gold.get("type")
        if not etype:
            continue
        if record["level"] == "sentence":
            if etype in done_types:
                continue  # compound pairs of one act: the first names the roles
            done_types.add(etype)
            cands = [c for cs in per_sent.values() for c in cs]
            cand = stage._pick(cands, etype) if cands else None
        else:
            lo, hi = gold["trigger"]
            sent = next((s for s in sents if s.start_char <= lo < s.end_char), None)
            cands = per_sent.get(sent.start, []) if sent is not None else []
            cand = next((c for c in cands if any(lo <= t.idx < hi for t in [c.trigger, *c.extra_tokens])), None)
        if cand is None:
            continue
        sent = cand.trigger.sent
        ctx = contexts.setdefault(sent.start, SentenceContext(adoc, sent))
        heads = ctx.candidates([cand.trigger, *cand.extra_tokens])
        if not heads:
            continue
        labels = _label_heads(heads, gold, record["text"], ctx)
        if labels is None:
            continue
        items.append(Item(record["id"], record["dataset"], etype, ctx, cand, heads, labels, gold, record["text"]))
    return items


def build_items(records: list[dict[str, Any]], adocs: list[Any]) -> list[Item]:
    from eventscope.events.roles import candidate_features
    from eventscope.events.stage import EventsStage

    stage = EventsStage(use_classifier=False)
    items = []
    for record, adoc in zip(records, adocs):
        for item in items_for(record, adoc, stage):
            item.features = [candidate_features(item.ctx, item.cand, item.etype, h, k, item.heads)
                             for k, h in enumerate(item.heads)]
            items.append(item)
    return items


# ------------------------------------------------------------------------------------ model
def fit(items: list[Item], c: float, document_weight: float = 1.0) -> dict[str, Any]:
    """Multinomial logistic regression over the items' candidate rows; RETURNS the JSON weights.

    document_weight (float): weight of the rows of whole-document gold against single sentences.
    """
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    from eventscope.events.roles import LABELS

    vocab: dict[str, int] = {}
    rows, cols, ys, ws = [], [], [], []
    n = 0
    for item in items:
        weight = document_weight if item.dataset.startswith("annot") else 1.0
        for feats, y in zip(item.features, item.labels):
            ws.append(weight)
            # (each feature once, in the order the row lists them: a set's order changes with the
            # process's string hashing, and with it the solver's column order and its last digits)
            for f in dict.fromkeys(f for f in feats if f != "bias"):
                cols.append(vocab.setdefault(f, len(vocab)))
                rows.append(n)
            ys.append(y)
            n += 1
    x = csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(n, len(vocab)))
    y = np.asarray(ys)
    model = LogisticRegression(C=c, max_iter=5000, tol=1e-6, random_state=SEED)
    model.fit(x, y, sample_weight=np.asarray(ws))
    classes = list(model.classes_)
    coef = np.zeros((len(LABELS), len(vocab)))
    bias = np.zeros(len(LABELS))
    for k, cls in enumerate(classes):
        coef[cls] = model.coef_[k]
        bias[cls] = model.intercept_[k]
    names = sorted(vocab, key=vocab.get)
    weights = {name: [round(float(coef[j, vocab[name]]), 4) for j in range(len(LABELS))] for name in names}
    weights = {k: v for k, v in weights.items() if any(abs(w) >= 1e-4 for w in v)}
    return {"labels": list(LABELS), "bias": [round(float(b), 4) for b in bias], "weights": weights}


def probabilities(items: list[Item], weights: dict[str, Any]) -> list[Any]:
    """The model's SOURCE/TARGET/NONE probabilities for every candidate of every item."""
    import tempfile

    from eventscope.events.roles import RoleModel

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(weights, handle)
    model = RoleModel(Path(handle.name))
    Path(handle.name).unlink()
    return [model.probabilities(item.features) for item in items]


def decoded(items: list[Item], probs: list[Any], min_source: float, min_target: float,
            same_country: float = 1.0) -> list[tuple[bool, bool]]:
    """(source right, target right) per item when its probabilities are decoded with the settings."""
    from eventscope.events.roles import decode_roles

    return [_judge(item, decode_roles(item.heads, p, min_source, min_target, item.ctx, same_country))
            for item, p in zip(items, probs)]


def _as_ref(item: Item, tok: Any) -> Any:
    """A stand-in ActorRef (its span) for a chosen head, the way the stage would report it."""
    from eventscope.events.detect import phrase_span
    from eventscope.model import ActorRef

    if tok is None:
        return None
    m = item.ctx.mention(tok)
    actor = item.ctx.adoc.actor(m.actor) if m is not None and m.actor else None
    lo, hi = (m.start, m.end) if m is not None else phrase_span(tok)
    base = item.ctx.sent.doc.text
    return ActorRef(actor=actor.id if actor else None, text=base[lo:hi], name=None,
                    country=actor.country if actor else None, sector=actor.sector if actor else None,
                    start=lo, end=hi)


def _judge(item: Item, assignment: Any) -> tuple[bool, bool]:
    """Whether the decoded source and target are right (PLV's rule; cached per phrase)."""
    from eventscope.evaluation.roles import side_correct

    def right(tok: Any) -> tuple[bool, bool]:
        key = None if tok is None else tok.i
        if key not in item.judged:
            ref = _as_ref(item, tok)
            item.judged[key] = (bool(side_correct(item.gold.get("source"), ref, item.text)),
                                bool(side_correct(item.gold.get("target"), ref, item.text)))
        return item.judged[key]

    return right(assignment.source)[0], right(assignment.target)[1]


def tune_thresholds(items: list[Item], c: float, document_weight: float = 1.0,
                    folds: int = 3) -> tuple[dict[str, float], dict[str, float]]:
    """Decoding settings that maximise source + target accuracy, by cross-validation inside the
    training items (grouped by record, seeded): the thresholds first, then the same-country factor."""
    records = sorted({i.record_id for i in items})
    random.Random(SEED).shuffle(records)
    fold_of = {r: k % folds for k, r in enumerate(records)}
    splits = []
    for k in range(folds):
        train = [i for i in items if fold_of[i.record_id] != k]
        test = [i for i in items if fold_of[i.record_id] == k]
        splits.append((test, probabilities(test, fit(train, c, document_weight))))

    def total(ms: float, mt: float, sc: float) -> dict[str, float]:
        """Source, target and both-right rates per level (sentence sets, whole documents) and
        their mean: sentences picked because they hold an act name its roles far more often than
        the sentences of an article, and neither kind may decide the thresholds alone."""
        counts: dict[str, list[int]] = {}
        for test, probs in splits:
            for item, (s, t) in zip(test, decoded(test, probs, ms, mt, sc)):
                c = counts.setdefault(_level(item), [0, 0, 0, 0])
                c[0] += s
                c[1] += t
                c[2] += s and t
                c[3] += 1
        rates = {f"{lev}_{k}": round(c[j] / c[3], 4) for lev, c in counts.items()
                 for j, k in enumerate(("source", "target", "both"))}
        rates["objective"] = sum(c[2] / c[3] for c in counts.values()) / len(counts)
        return rates

    grid = {(ms, mt): total(ms, mt, 1.0) for ms in THRESHOLDS for mt in THRESHOLDS}
    ms, mt = max(grid, key=lambda k: grid[k]["objective"])
    factors = {sc: total(ms, mt, sc) if sc != 1.0 else grid[(ms, mt)] for sc in SAME_COUNTRY}
    sc = max(factors, key=lambda k: (factors[k]["objective"], k))
    best = {f"inner_cv_{k}": v for k, v in factors[sc].items() if k != "objective"}
    return {"min_source": ms, "min_target": mt, "same_country": sc}, best


def _level(item: Item) -> str:
    return "document" if item.dataset.startswith("annot") else "sentence"


def train(items: list[Item], c: float, document_weight: float = DOCUMENT_WEIGHT) -> dict[str, Any]:
    """The final weights with thresholds chosen by inner cross-validation."""
    started = time.process_time()
    settings, inner = tune_thresholds(items, c, document_weight)
    weights = fit(items, c, document_weight)
    weights["decode"] = settings
    by_set: dict[str, int] = {}
    for i in items:
        by_set[i.dataset] = by_set.get(i.dataset, 0) + 1
    weights["training"] = {"items": len(items), "by_dataset": dict(sorted(by_set.items())), "C": c,
                           "document_weight": document_weight,
                           "seed": SEED, "cpu_seconds": round(time.process_time() - started, 1), **inner}
    return weights


def load_items(exclude: set[str] = frozenset(), annotations: Iterable[str] = (str(ANNOT / "*.jsonl"),),
               sentence_sets: Iterable[str] = SENTENCE_SETS) -> list[Item]:
    """Every training item of the sentence sets and the annotators' tune documents, minus ``exclude`` ids."""
    records = [r for r in sentence_records(sentence_sets) + annotation_records(annotations) if r["id"] not in exclude]
    return build_items(records, prepare(records))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--c", type=float, default=DEFAULT_C, help="inverse regularisation strength")
    ap.add_argument("--document-weight", type=float, default=DOCUMENT_WEIGHT,
                    help="weight of a whole-document gold row against a sentence-set row")
    ap.add_argument("--exclude-ids", type=Path, default=None, help="record ids (one per line) left out of training")
    ap.add_argument("--annotations", nargs="*", default=[str(ANNOT / "*.jsonl")],
                    help="annotators' gold files (globs); tune split only")
    args = ap.parse_args(argv)
    exclude = set(args.exclude_ids.read_text().split()) if args.exclude_ids else set()
    started = time.process_time()
    items = load_items(exclude, args.annotations)
    print(f"{len(items)} training items ({time.process_time() - started:.0f} s CPU to parse and featurise)")
    weights = train(items, args.c, args.document_weight)
    weights["training"]["total_cpu_seconds"] = round(time.process_time() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(weights, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in weights.items() if k != "weights"}, indent=1))
    print(f"wrote {args.out} ({len(weights['weights'])} features, {args.out.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
