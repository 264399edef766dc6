"""Who did what to whom: source and target agreement of predicted events with span gold.

Why: type accuracy alone hides the commonest errors on real news (victims as sources, the
attacker left out, a date as the target). PLV scores an event as right when its type, its source
and its target are all right, by *token overlap* with the gold spans, and a gold role that is
null (no source / no target named) is right only when the system names none either. These
helpers implement that rule once, for ``scripts/cv_plv_roles.py`` and the tests.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

YIELD = {"CONCEDE", "RETREAT"}
_WORD = re.compile(r"\w+")


def gold_span(side: dict[str, Any] | None, text: str) -> tuple[int, int] | None:
    """Character span of a gold role: its offsets, else the first place its text occurs.

    side (dict | None): a gold ``source``/``target`` object (``text``, ``start``, ``end``).
    text (str): the sentence or document the offsets point into.
    RETURNS (tuple | None): (start, end), or None when the role has no span (null, or codes only).
    """
    if not side:
        return None
    if side.get("start") is not None and side.get("end") is not None:
        return int(side["start"]), int(side["end"])
    if side.get("span"):  # offset-only gold of the annotators: {"span": [start, end]}
        return int(side["span"][0]), int(side["span"][1])
    needle = side.get("text")
    if not needle:
        return None
    at = text.find(needle)
    return (at, at + len(needle)) if at >= 0 else None


def _words(span: tuple[int, int], text: str) -> set[tuple[int, int]]:
    lo, hi = span
    return {(lo + m.start(), lo + m.end()) for m in _WORD.finditer(text[lo:hi])}


def tokens_overlap(a: tuple[int, int], b: tuple[int, int], text: str) -> bool:
    """Whether two character spans share a word of ``text`` (punctuation and spaces do not count)."""
    if a[1] <= b[0] or b[1] <= a[0]:
        return False
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return bool(_WORD.search(text[lo:hi])) or bool(_words(a, text) & _words(b, text))


def side_correct(gold: dict[str, Any] | None, pred: Any, text: str) -> bool | None:
    """PLV's rule for one role, extended to the other gold formats.

    gold (dict | None): the gold role (None: the sentence names no such role).
    pred (ActorRef | None): the predicted role (``start``/``end`` into ``text``).
    text (str): the text both point into.
    RETURNS (bool | None): right or wrong. A span is right by token overlap; a role the annotators
        marked as implied but unnamed (``span`` null) is right when nothing is predicted or the
        predicted actor has its country; a codes-only role (PETR2) is right when the predicted
        actor has its country; None when the gold role cannot be scored.
    """
    if gold is None:
        return pred is None
    span = gold_span(gold, text)
    if span is not None:
        if pred is None or getattr(pred, "start", None) is None or getattr(pred, "end", None) is None:
            return False
        return tokens_overlap(span, (pred.start, pred.end), text)
    country = gold.get("country")
    if "span" in gold:  # the annotators' implied, unnamed actor ("was killed in an air strike")
        return pred is None or bool(country and getattr(pred, "country", None) == country)
    if country:  # codes only
        return pred is not None and getattr(pred, "country", None) == country
    if gold.get("text"):
        return None  # a span that is not in the text: cannot be scored
    return pred is None


def type_correct(gold_type: str | None, pred_type: str | None) -> bool:
    """PLV's YIELD is right when the system says CONCEDE or RETREAT."""
    if gold_type is None or pred_type is None:
        return False
    if gold_type == "YIELD":
        return pred_type in YIELD or pred_type == "YIELD"
    return gold_type == pred_type


def best_match(gold_events: Iterable[dict[str, Any]], pred: Any, text: str) -> dict[str, bool]:
    """How well one predicted event matches the best of a sentence's gold events.

    Why several: compound actors ("X and Y attacked Z") are one gold event per pair, and the
    system is right when it gets any one of them.
    RETURNS (dict): ``type``, ``source``, ``target``: whether *some* gold event agrees on that part;
        ``triple``: whether one gold event agrees on all three. An unscorable role (codes-only
        gold) counts as wrong.
    """
    best = {"type": False, "source": False, "target": False, "triple": False}
    if pred is None:
        return best
    for gold in gold_events:
        t = type_correct(gold.get("type"), pred.type)
        s = bool(side_correct(gold.get("source"), pred.source, text))
        g = bool(side_correct(gold.get("target"), pred.target, text))
        best["type"] |= t
        best["source"] |= s
        best["target"] |= g
        best["triple"] |= t and s and g
    return best


def _overlaps(a: tuple[int, int] | list[int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def match_document_events(gold_events: Iterable[dict[str, Any]], events: Iterable[Any]) -> list[tuple[dict[str, Any], Any]]:
    """Pairs (gold event, predicted event) of one document, for judging roles of found events.

    A gold event (annotators' offset format: ``trigger``, ``evidence`` spans; repeats skipped)
    matches the predicted event whose trigger overlaps its trigger, else one of the same type in
    its sentence. Each predicted event is used once.
    """
    preds = [e for e in events if not getattr(e, "follow_up", False)]
    used: set[int] = set()
    pairs = []
    for gold in gold_events:
        if gold.get("repeat_of") is not None:
            continue
        trig = gold.get("trigger")
        found = next((k for k, e in enumerate(preds) if k not in used and e.trigger is not None
                      and _overlaps(trig, (e.trigger.start, e.trigger.end))), None)
        if found is None:
            found = next((k for k, e in enumerate(preds) if k not in used
                          and type_correct(gold.get("type"), e.type)
                          and _overlaps(gold.get("evidence"), (e.evidence.start, e.evidence.end))), None)
        if found is not None:
            used.add(found)
            pairs.append((gold, preds[found]))
    return pairs


def role_agreement(pairs: Iterable[tuple[dict[str, Any], Any]], text: str) -> dict[str, int]:
    """Counts of matched events whose type, source, target (and both roles) are right."""
    out = {"matched": 0, "type": 0, "source": 0, "target": 0, "roles": 0}
    for gold, pred in pairs:
        s = bool(side_correct(gold.get("source"), pred.source, text))
        t = bool(side_correct(gold.get("target"), pred.target, text))
        out["matched"] += 1
        out["type"] += type_correct(gold.get("type"), pred.type)
        out["source"] += s
        out["target"] += t
        out["roles"] += s and t
    return out
