"""Sentence ends in text that lost its full stops.

Why: some news feeds and corpora (VOA's archive among them) come with every sentence-final
period stripped: "… a crackdown on the movement Students at the main
university …". The parser then runs three or four sentences into one, and everything read per
sentence goes wrong with it: the classifier types a blend, roles cross sentence lines, a photo
caption joins the story. In such a document this component marks the sentence starts that a
small learned model (``data/sentence_ends.json``, trained by ``scripts/train_sentence_ends.py``
on single news sentences joined without their stops) finds between a word and a capitalised
word. It runs after the tagger and before the parser, which keeps the starts it is given.
Documents with their full stops are never touched. (A single stop lost inside a punctuated text
is ``story.run_on_starts``'s job, by rule, in every document; both run, this one first.)
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

from ..common.data import read_data_text

PACKAGE = "eventscope.nlp"
MODEL_FILE = "sentence_ends.json"
# A document whose sentence-final stops are this rare (per word) lost them.
STOPS_PER_WORD = 1 / 60
MIN_WORDS = 40
_STOPS = {".", "!", "?"}
_OPENING = {"“", '"', "‘", "'"}


def stops_lost(doc: Any) -> bool:
    """Whether ``doc`` reads as text without its sentence-final stops (long enough to tell)."""
    words = sum(1 for t in doc if t.is_alpha)
    if words < MIN_WORDS:
        return False
    stops = sum(1 for t in doc if t.text in _STOPS or (t.text.endswith(".") and t.i + 1 < len(doc)
                                                          and doc[t.i + 1].is_title and len(t.text) > 3))
    return stops < words * STOPS_PER_WORD


def is_gap(doc: Any, j: int) -> bool:
    """Whether a sentence could start at token ``j``: a capitalised word, a number or an opening
    quote after a spaced word that is not itself a stop or an opener."""
    if j <= 0 or j >= len(doc):
        return False
    left, right = doc[j - 1], doc[j]
    if not left.whitespace_ or left.is_space or right.is_space:
        return False
    first = right.text[0]
    if not (first.isupper() or first.isdigit() or first in _OPENING):
        return False
    return not (left.text in _STOPS or left.text in _OPENING or left.text in {",", ":", ";", "(", "-", "—", "–"})


def _bucket(n: int) -> str:
    return "0" if n < 4 else "1" if n < 8 else "2" if n < 16 else "3" if n < 30 else "4"


def _word(token: Any) -> str:
    return token.lower_ if token.is_alpha or token.is_punct else token.shape_


def gap_features(doc: Any, j: int, since: int) -> list[str]:
    """Features of the gap before token ``j``; ``since`` = tokens since the last sentence start."""
    left, right = doc[j - 1], doc[j]
    left2 = doc[j - 2] if j >= 2 else None
    right2 = doc[j + 1] if j + 1 < len(doc) else None
    lw, rw = _word(left), _word(right)
    lt, rt = left.tag_, right.tag_
    r2t = right2.tag_ if right2 is not None else "END"
    feats = [
        "bias", f"lw={lw}", f"rw={rw}", f"lt={lt}", f"rt={rt}", f"r2t={r2t}",
        f"l2t={left2.tag_ if left2 is not None else 'START'}",
        f"lt|rt={lt}|{rt}", f"lt|rw={lt}|{rw}", f"lw|rt={lw}|{rt}", f"rt|r2t={rt}|{r2t}",
        f"rw|r2t={rw}|{r2t}", f"since={_bucket(since)}", f"since|rt={_bucket(since)}|{rt}",
        f"lshape={left.shape_[-3:]}", f"rshape={right.shape_[:3]}",
        f"ltitle={left.is_title}|rtitle={right.is_title}",
    ]
    if right2 is not None:
        feats.append(f"r2title={right2.is_title}|rt={rt}")
    return feats


@lru_cache(maxsize=1)
def sentence_end_model() -> tuple[dict[str, float], float]:
    """The shipped weights (feature → weight) and the decision bar on the probability."""
    raw = json.loads(read_data_text(PACKAGE, MODEL_FILE))
    return raw["weights"], float(raw["threshold"])


def gap_probability(features: list[str], weights: dict[str, float]) -> float:
    z = sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def restore_sentence_ends(doc: Any) -> Any:
    """Mark sentence starts in a document without its full stops (a spaCy component)."""
    if not stops_lost(doc):
        return doc
    weights, threshold = sentence_end_model()
    since = 0
    for j in range(1, len(doc)):
        token = doc[j]
        if token.is_sent_start or doc[j - 1].is_space:
            since = 0
            continue
        since += 1
        if is_gap(doc, j) and gap_probability(gap_features(doc, j, since), weights) >= threshold:
            token.is_sent_start = True
            since = 0
    return doc
