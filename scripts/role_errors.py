"""Target errors of the learned role model on the annotators' tune documents, by class.

Why: the commonest error of emitted events on real articles is the wrong target; fixing it needs
to know which shapes go wrong and how often. Every gold event of a tune document that the events
stage can anchor (the training items of ``train_role_model.py``) is decoded with a role model and
each wrong target is put in one class, the first that applies:

- ``unreachable``: no candidate phrase of the sentence lies in the gold span (the target is in
  another sentence, or the phrase is not a candidate);
- ``pronoun_unresolved``: the gold target is a pronoun the actors stage did not resolve (no phrase
  may be a bare pronoun, so it cannot be chosen);
- ``thing_for_none`` / ``place_for_none`` / ``actor_for_none``: the sentence names no target (or
  an implied one) and a thing, a place or an actor was chosen;
- ``missed``: the gold target is a candidate, nothing was chosen;
- ``place_for_actor``, ``thing_for_actor``, ``other_actor``: another phrase than the gold's.

In-sample when run with the packaged weights (the model has seen these documents): for the
shapes of the errors, not for figures (``cv_plv_roles.py`` gives those).

Usage::

    python scripts/role_errors.py [--model WEIGHTS.json] [--show CLASS ...]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_role_model as trm  # noqa: E402

PLACE_ENTS = ("GPE", "LOC", "FAC")


def classify(item, assignment, target_ok: bool) -> str:
    """The class of one wrong target (see the module docstring)."""
    from eventscope.evaluation.roles import gold_span

    gold = item.gold.get("target")
    span = gold_span(gold, item.text) if gold else None
    chosen = assignment.target
    gold_heads = [h for h in item.heads if span is not None and span[0] <= h.idx < span[1]]

    def kind(tok) -> str:
        if item.ctx.actor_of(tok) is not None and tok.ent_type_ not in PLACE_ENTS:
            return "actor"
        if tok.ent_type_ in PLACE_ENTS:
            return "place"
        return "thing"

    if span is None:
        return f"{kind(chosen)}_for_none" if chosen is not None else "other"
    if not gold_heads:
        return "unreachable"
    if chosen is None:
        if all(h.pos_ == "PRON" and item.ctx.actor_of(h) is None for h in gold_heads):
            return "pronoun_unresolved"
        return "missed"
    k = kind(chosen)
    return "other_actor" if k == "actor" else f"{k}_for_actor"


def main(argv: list[str] | None = None) -> int:
    from eventscope.evaluation.roles import gold_span
    from eventscope.events.roles import TARGET, get_role_model

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=None, help="role-model weights (default: the packaged ones)")
    ap.add_argument("--show", nargs="*", default=[], help="print the errors of these classes")
    args = ap.parse_args(argv)
    model = get_role_model(args.model)
    records = trm.annotation_records([str(trm.ANNOT / "*.jsonl")])
    items = trm.build_items(records, trm.prepare(records, batch=4))
    counts: Counter = Counter()
    right = Counter()
    for item in items:
        assignment = model._assign(item.ctx, item.ctx.sent, item.cand, item.etype)
        source_ok, target_ok = trm._judge(item, assignment)
        right.update({"items": 1, "source": source_ok, "target": target_ok, "both": source_ok and target_ok})
        if target_ok:
            continue
        label = classify(item, assignment, target_ok)
        counts[label] += 1
        if label in args.show or "all" in args.show:
            gold = item.gold.get("target")
            span = gold_span(gold, item.text) if gold else None
            ref = trm._as_ref(item, assignment.target)
            probs = model.probabilities(item.features)
            heads = " ".join(f"{h.text}:{probs[k][TARGET]:.2f}{'*' if item.labels[k] == TARGET else ''}"
                             for k, h in enumerate(item.heads))
            print(f"{label:18} {item.etype:9} trig={item.cand.trigger.text} "
                  f"gold={item.text[span[0]:span[1]] if span else gold and 'implied'!r} "
                  f"chosen={ref.text if ref else None!r}\n    | {item.ctx.sent.text[:240]!r}\n    # {heads}")
    n = right["items"] or 1
    print(f"{right['items']} items: source {right['source'] / n:.3f}, target {right['target'] / n:.3f}, "
          f"both {right['both'] / n:.3f}; wrong targets {sum(counts.values())}")
    for label, count in counts.most_common():
        print(f"  {label:20} {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
