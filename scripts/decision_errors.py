"""The events a cross-validated decision gets wrong on the tune articles, with the gold they met.

Why: `train_event_decision.py --cv-only` gives the figures a change is judged by; this lists the
mistakes behind them (out of fold, as on new text), one block per wrong event — its class, type,
trigger, source and target with their codes, the gold acts it met, and its sentence — so the next
rule is chosen on the errors that count. In-sample dumps (`eventscope eval --task documents -v`)
flatter the role model (it was trained on those articles) and hide most wrong targets.

    python scripts/decision_errors.py --out /tmp/decision-errors.txt           # bar 0.5
    python scripts/decision_errors.py --bar 0.55 --classes wrong_target,no_event --out /tmp/e.txt
    python scripts/decision_errors.py --bar 0.55 --with-right --out /tmp/all.txt   # to diff two runs

The output quotes the articles: write it outside the repository.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_event_decision as training  # noqa: E402


def _role(text: str, role: dict[str, Any] | None) -> str:
    """A gold role as text with its codes."""
    if role is None:
        return "NULL"
    if role.get("span") is None:
        return f"(implied {role.get('country')}/{role.get('sector')})"
    start, end = role["span"]
    return f"{text[start:end]} [{role.get('country')}/{role.get('sector')}]"


def _side(ref: Any) -> str:
    return f"{ref.text} [{ref.country}/{ref.sector}]" if ref is not None else "None"


def write_errors(records: list[dict[str, Any]], adocs: list[Any], probs: dict[tuple[int, int], float],
                 bar: float, classes: set[str] | None, out: Any, with_right: bool = False) -> Counter:
    """Choose events at ``bar`` as the pipeline does and write every scored mistake (and, with
    ``with_right``, the right events too: two runs' lists then diff event by event); RETURNS the
    count per class."""
    from eventscope.evaluation.documents import score_document

    counts: Counter = Counter()
    for d, (record, adoc) in enumerate(zip(records, adocs)):
        events = training.chosen_events(adoc, d, probs, bar)
        text = adoc.document.text
        for judged in score_document(record, events).judgements:
            ev = judged.event
            if (judged.label == "right" and not with_right) or not judged.scored or (classes and judged.label not in classes):
                continue
            counts[judged.label] += 1
            start, end = (ev.trigger.start, ev.trigger.end) if ev.trigger else (ev.evidence.start, ev.evidence.end)
            met = [g for g in record["events"] if g["trigger"][0] < end and start < g["trigger"][1]] or \
                  [g for g in record["events"] if g["evidence"][0] <= start < g["evidence"][1]]
            out.write(f"{judged.label}\t{record['id']}\t{ev.type} {text[start:end]!r} "
                      f"{_side(ev.source)} -> {_side(ev.target)} p={ev.confidence:.2f}\n")
            for g in met[:2]:
                out.write(f"\tgold {g['type']} {_role(text, g['source'])} -> {_role(text, g['target'])} "
                          f"trigger={text[g['trigger'][0]:g['trigger'][1]]!r}\n")
            out.write("\t" + ev.evidence.text[:240].replace("\n", " ") + "\n")
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=training.ROOT / "gold" / "documents")
    ap.add_argument("--bar", type=float, default=0.5, help="the decision threshold to choose events at")
    ap.add_argument("--classes", default="", help="comma list of error classes to write (default: all)")
    ap.add_argument("--out", type=Path, required=True, help="the error list (quotes articles: not in the repo)")
    ap.add_argument("--with-right", action="store_true",
                    help="write the right events too (to diff two runs event by event)")
    args = ap.parse_args()
    classes = {c for c in args.classes.split(",") if c} or None

    captured: dict[str, Any] = {}
    figures = training.document_figures

    def keep(records, adocs, probs, threshold, rule_threshold=None):
        captured.update(records=records, adocs=adocs, probs=probs)
        return figures(records, adocs, probs, threshold, rule_threshold)

    training.document_figures = keep  # the out-of-fold probabilities the CV computes
    sys.argv = [sys.argv[0], "--cv-only", "--gold", str(args.gold)]
    with contextlib.redirect_stdout(io.StringIO()):
        training.main()
    with args.out.open("w", encoding="utf-8") as out:
        counts = write_errors(captured["records"], captured["adocs"], captured["probs"], args.bar, classes, out,
                              with_right=args.with_right)
    print(f"bar {args.bar}: {sum(counts.values())} mistakes written to {args.out}: {dict(counts.most_common())}")


if __name__ == "__main__":
    main()
