"""Turn text-anchored event annotations into the repository's offset-only gold.

Why: annotators work with the words of the article in front of them, but the repository may hold
only ids, offsets and labels (never the news text; ``../shared/docs/ANNOTATION.md``). Annotators
write a working file *outside the repository* where every span is given by its exact text; this
script finds each span in the document text from ``../shared/data/documents/`` and writes the
offsets, with the text's SHA-256 so a changed source is noticed.

Working file (YAML, one document per ``---`` block)::

    id: VOA_EN_NW_2009.12.09.416313
    dataset: voa-dev            # voa-dev | re3d (file name under ../shared/data/documents/)
    split: tune                 # tune | heldout
    annotator: a1
    not_story:                  # captions, photo credits, bylines, section labels, datelines
      - "FILE - This photo taken"
    events:
      - at: "Houthi rebels on Tuesday attacked a Saudi warship off the coast"
        trigger: attacked
        type: ASSAULT
        mode: null
        modality: asserted
        source: {text: Houthi rebels, country: YEM, sector: REB}
        target: {text: a Saudi warship, country: SAU, sector: MIL}
      - at: "He said the attack"
        trigger: said
        type: ACCUSE
        source: {text: He, antecedent: Mohammed al-Bukhaiti, country: YEM, sector: REB}
        target: null
        repeat_of: null          # index (0-based) of an earlier event telling the same act

Rules: ``at`` must occur exactly once in the document (copy enough of the sentence); ``trigger``,
``source.text`` and ``target.text`` are searched inside ``at`` (``"text@2"`` picks the second
occurrence there); ``antecedent`` is the nearest occurrence before ``at`` (else after it).
``not_story`` anchors must be unique too. A role whose ``text`` is null is an actor the sentence
implies but does not name (passive voice); the role itself is null when there is none.

    python scripts/annotation_offsets.py WORKING.yaml [...] --out gold/documents/voa-dev.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import yaml

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "documents"
TYPES = {
    "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
    "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
}
MODALITIES = {"asserted", "negated", "conditional", "hypothetical", "reported", "intended"}


class AnnotationError(ValueError):
    pass


def load_texts(datasets: set[str]) -> dict[tuple[str, str], str]:
    texts: dict[tuple[str, str], str] = {}
    for dataset in datasets:
        with open(SHARED / f"{dataset}.jsonl", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                texts[(dataset, record["id"])] = record["text"]
    return texts


def _occurrences(text: str, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
    hi = len(text) if hi is None else hi
    found, at = [], text.find(needle, lo, hi)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1, hi)
    return found


def unique_span(text: str, anchor: str, where: str) -> list[int]:
    hits = _occurrences(text, anchor)
    if len(hits) != 1:
        raise AnnotationError(f"{where}: {anchor[:60]!r} occurs {len(hits)} times (needs exactly 1)")
    return [hits[0], hits[0] + len(anchor)]


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """A span must not start or end inside a word ("he" inside "the" is a mistake)."""
    inside = lambda i: 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()  # noqa: E731
    return not inside(start) and not inside(end)


def checked(text: str, span: list[int], phrase: str, where: str) -> list[int]:
    if not on_word_boundaries(text, *span):
        raise AnnotationError(f"{where}: {phrase!r} matched inside a word at {span[0]}; pick another occurrence with @N")
    return span


def span_within(text: str, phrase: str, lo: int, hi: int, where: str) -> list[int]:
    nth = 1
    if "@" in phrase and phrase.rsplit("@", 1)[1].isdigit():
        phrase, n = phrase.rsplit("@", 1)
        nth = int(n)
    hits = _occurrences(text, phrase, lo, hi)
    if len(hits) < nth:
        raise AnnotationError(f"{where}: {phrase!r} not found (occurrence {nth}) inside its 'at' anchor")
    return checked(text, [hits[nth - 1], hits[nth - 1] + len(phrase)], phrase, where)


def nearest_span(text: str, phrase: str, anchor: list[int], where: str) -> list[int]:
    hits = _occurrences(text, phrase)
    if not hits:
        raise AnnotationError(f"{where}: antecedent {phrase!r} not in the document")
    before = [h for h in hits if h < anchor[0]]
    at = before[-1] if before else min(hits, key=lambda h: abs(h - anchor[0]))
    return checked(text, [at, at + len(phrase)], phrase, where)


def convert_role(text: str, role: Any, at: list[int], where: str) -> dict[str, Any] | None:
    if role is None:
        return None
    if isinstance(role, str):
        role = {"text": role}
    out: dict[str, Any] = {
        "span": span_within(text, role["text"], at[0], at[1], where) if role.get("text") else None,
        "country": role.get("country"),
        "sector": role.get("sector"),
    }
    if role.get("name"):
        out["name"] = role["name"]
    if role.get("antecedent"):
        out["antecedent"] = nearest_span(text, role["antecedent"], at, where)
    return out


def convert_document(block: dict[str, Any], text: str) -> dict[str, Any]:
    doc_id = block["id"]
    events = []
    for n, item in enumerate(block.get("events") or []):
        where = f"{doc_id} event {n}"
        if item.get("type") not in TYPES:
            raise AnnotationError(f"{where}: type {item.get('type')!r} is not a PLOVER type")
        modality = item.get("modality") or "asserted"
        if modality not in MODALITIES:
            raise AnnotationError(f"{where}: modality {modality!r}")
        repeat = item.get("repeat_of")
        if repeat is not None and not (0 <= int(repeat) < n):
            raise AnnotationError(f"{where}: repeat_of {repeat} must name an earlier event")
        at = unique_span(text, item["at"], where)
        events.append({
            "evidence": at,
            "trigger": span_within(text, item["trigger"], at[0], at[1], where),
            "type": item["type"],
            "mode": item.get("mode"),
            "modality": modality,
            "source": convert_role(text, item.get("source"), at, where + " source"),
            "target": convert_role(text, item.get("target"), at, where + " target"),
            "repeat_of": repeat,
        })
    return {
        "id": doc_id,
        "dataset": block["dataset"],
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "split": block.get("split", "tune"),
        "annotator": block.get("annotator"),
        "complete": True,
        "not_story": [unique_span(text, a, f"{doc_id} not_story") for a in block.get("not_story") or []],
        "events": events,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("working", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    blocks = [b for path in args.working for b in yaml.safe_load_all(path.read_text(encoding="utf-8")) if b]
    texts = load_texts({b["dataset"] for b in blocks})
    out, errors = [], 0
    for block in blocks:
        try:
            out.append(convert_document(block, texts[(block["dataset"], block["id"])]))
        except (AnnotationError, KeyError) as exc:
            errors += 1
            print(f"error: {exc}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as handle:
        for record in out:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(out)} documents, {sum(len(r['events']) for r in out)} events written; {errors} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
