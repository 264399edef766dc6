"""The event/no-event decision: how likely a candidate act is a right event, learned on real articles.

Why: on whole articles most sentences that mention actors report no act (opinions, wishes,
statistics, background, feature-story detail), and the sentence classifier — trained on
sentences known to hold an event — cannot say so. Each candidate (a trigger, a type, its roles)
gets a feature vector: the classifier's probabilities, how the parse found it (lexicon trigger,
reporting verb, generic verb, nominal, background phrase, the rules' own pick), its modality,
whether its source and target are coded actors, and cue words of the sentence (opinion sources,
hedges, wishes, statistics, quotes; ``data/decision_cues.yaml``), and how it stands among its
rivals (the other readings of its trigger, the role scorer's confidence, how prominent its
actors are in the article). A logistic regression blended with boosted trees, trained
on the annotated tune articles (``scripts/train_event_decision.py``; positives and real negatives
from whole documents, document-grouped cross-validation) turns them into a score, and Platt
scaling fitted on the out-of-fold scores makes ``confidence`` the probability that the event's
type and source are right. Weights and trees ship as JSON (``data/event_decision.json``); numpy only.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..common.data import data_file, read_data_yaml
from ..model import PLOVER_TYPES, ActorRef, Event

PACKAGE = "eventscope.events"
WORD_SMOOTHING = 5.0  # pseudo-counts of the overall share in a trigger word's rate
MODEL_FILE = "event_decision.json"
CUES_FILE = "decision_cues.yaml"
MODALITY_NAMES = ("asserted", "reported", "negated", "intended", "conditional", "hypothetical")
ACTOR_KINDS = ("state", "person", "organization", "group")

# The features, in model order. Names say what each measures; values are numbers in about [0, 1].
FEATURES: tuple[str, ...] = (
    "p_type", "p_none", "p_top", "is_top_type", "type_rank", "p_margin",
    "logit_p_type", "logit_p_none", "sure_type",
    "lexical", "n_lexical_types", "speech", "generic", "nominal", "background", "depth", "complement",
    "light_verb_act",
    "rule_main", "rule_extra", "rule_confidence", "main_pick",
    *(f"modality_{m}" for m in MODALITY_NAMES),
    "source", "source_coded", "source_country", "source_sector", "source_pronoun", "source_resolved",
    *(f"source_{k}" for k in ACTOR_KINDS),
    "target", "target_coded", "same_side",
    "sentence_tokens", "first_sentence", "position", "quoted", "trigger_in_quote", "digits",
    "opinion_source", "opinion_verb", "hedge", "wish", "statistics", "background_cue",
    "n_candidates", "n_types_in_sentence",
    "trigger_readings", "trigger_rank", "trigger_margin", "role_source_p", "role_target_p",
    "parse_source_agrees", "source_salience", "target_salience", "coded_actors_in_sentence",
    *(f"type_{t}" for t in PLOVER_TYPES),
    "conditional_threat", "trigger_word_rate", "present_simple",
)
# How often candidates on the same trigger word were right in the annotated articles (smoothed
# toward the overall rate; ``word_rates``): read from the model file, not from the candidate.
WORD_RATE = "trigger_word_rate"


@dataclass(frozen=True)
class DecisionCues:
    opinion_sources: frozenset[str]
    opinion_verbs: frozenset[str]
    hedges: frozenset[str]
    wishes: frozenset[str]
    statistics: frozenset[str]
    background: frozenset[str]
    pronouns: frozenset[str]


@lru_cache(maxsize=1)
def decision_cues() -> DecisionCues:
    """The cue words of ``data/decision_cues.yaml`` (read once)."""
    raw = read_data_yaml(PACKAGE, CUES_FILE)
    return DecisionCues(**{k: frozenset(str(w).lower() for w in raw[k]) for k in DecisionCues.__annotations__})


def sentence_cues(sent: Any) -> dict[str, float]:
    """The sentence-level features of one spaCy sentence (computed once per sentence)."""
    cues = decision_cues()
    words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
    text = sent.text
    n = len(sent)
    return {
        "sentence_tokens": min(n, 80) / 80.0,
        "quoted": float(any(q in text for q in ('"', "“", "”"))),
        "digits": float(any(t.like_num for t in sent)),
        "opinion_source": float(bool(words & cues.opinion_sources)),
        "opinion_verb": float(bool(words & cues.opinion_verbs)),
        "hedge": float(bool(words & cues.hedges)),
        "wish": float(bool(words & cues.wishes)),
        "statistics": float(bool(words & cues.statistics)),
        "background_cue": float(bool(words & cues.background)),
    }


SURE = 0.95  # a classifier probability this high marks a sure type


def _scaled_logit(p: float) -> float:
    """log(p / (1 - p)) clipped to ±6 and scaled to ±1."""
    return max(-6.0, min(6.0, logit(p))) / 6.0


def _coded(ref: ActorRef | None) -> bool:
    return ref is not None and bool(ref.country or ref.sector)


QUOTE_MIN_TOKENS = 4  # shorter quoted stretches are scare quotes ("pledging “jihad”"), not speech


def quotation_spans(sent: Any) -> list[tuple[int, int]]:
    """Token index ranges (open, close) of the quotations of a sentence that hold several words."""
    spans: list[tuple[int, int]] = []
    opened_at = None
    for t in sent:
        if t.text in ("“", "”", '"'):
            opening = opened_at is None if t.text == '"' else t.text == "“"
            if opening:
                opened_at = t.i
            else:
                if opened_at is not None and t.i - opened_at - 1 >= QUOTE_MIN_TOKENS:
                    spans.append((opened_at, t.i))
                opened_at = None
    if opened_at is not None and sent.end - opened_at - 1 >= QUOTE_MIN_TOKENS:
        spans.append((opened_at, sent.end))
    return spans


def event_features(ev: Event, cand: Any, dist: dict[str, float], sent: Any, sent_cues: dict[str, float],
                   flags: dict[str, float], actor_kind: str | None, n_sentences: int) -> dict[str, float]:
    """The decision features of one candidate event.

    ev (Event): the candidate (type, roles, modality).
    cand (Candidate): how the parse found it (trigger, kind, depth).
    dist (dict): the sentence classifier's probabilities (YIELD for CONCEDE/RETREAT, NONE).
    sent (Span): its spaCy sentence; sent_cues (dict): ``sentence_cues(sent)``.
    flags (dict): what the rules made of it (rule_main, rule_extra, rule_confidence, main_pick,
        n_candidates, n_types_in_sentence, complement) and trigger_in_quote (``quotation_spans``).
    actor_kind (str | None): the kind of the source's actor.
    n_sentences (int): sentences in the document (for the relative position).
    RETURNS (dict[str, float]): one value per name in ``FEATURES``.
    """
    key = "YIELD" if ev.type in ("CONCEDE", "RETREAT") and "YIELD" in dist else ev.type
    ranked = sorted((p for t, p in dist.items() if t != "NONE"), reverse=True)
    p_type = dist.get(key, 0.0)
    p_top = ranked[0] if ranked else 0.0
    rank = sum(1 for p in ranked if p > p_type)
    src = ev.source
    f: dict[str, float] = {
        "p_type": p_type, "p_none": dist.get("NONE", 0.0), "p_top": p_top,
        # The classifier's certainty matters most near 1 (a sure type is right far more often).
        "logit_p_type": _scaled_logit(p_type), "logit_p_none": _scaled_logit(dist.get("NONE", 0.0)),
        "sure_type": float(p_type >= SURE),
        "is_top_type": float(rank == 0), "type_rank": min(rank, 5) / 5.0, "p_margin": p_type - p_top,
        "lexical": float(ev.type in cand.types), "speech": float(cand.speech), "generic": float(cand.generic),
        "nominal": float(cand.nominal), "background": float(cand.background), "depth": min(cand.depth, 6) / 6.0,
        # "expressed support", "carried out an attack": the words name the act, whatever else the
        # sentence's classifier heard in it (it ranks one act per sentence)
        "light_verb_act": float(cand.nominal and bool(cand.extra_tokens) and ev.type in cand.types),
        "source": float(src is not None), "source_coded": float(_coded(src)),
        "source_country": float(src is not None and bool(src.country)),
        "source_sector": float(src is not None and bool(src.sector)),
        "source_pronoun": float(src is not None and (src.text or "").lower() in decision_cues().pronouns),
        "source_resolved": float(src is not None and src.actor is not None),
        "target": float(ev.target is not None), "target_coded": float(_coded(ev.target)),
        "same_side": float(src is not None and ev.target is not None and bool(src.country)
                           and src.country == ev.target.country),
        "first_sentence": float(ev.sentence == 0),
        "position": ev.sentence / max(1, n_sentences - 1),
        "n_lexical_types": min(len(cand.types), 4) / 4.0,
    }
    for m in MODALITY_NAMES:
        f[f"modality_{m}"] = float(ev.modality == m)
    for k in ACTOR_KINDS:
        f[f"source_{k}"] = float(actor_kind == k)
    for t in PLOVER_TYPES:
        f[f"type_{t}"] = float(ev.type == t)
    # "warned that Iran would not remain silent if …": a warning that states what follows on a
    # condition is a threat by definition (CAMEO 13), whatever else the sentence holds
    f["conditional_threat"] = float(ev.type == "THREATEN" and ev.modality == "conditional")
    # "The hospital provides services to patients": a verb in the simple present tells what
    # someone does as a rule (a headline's present tells news: ``first_sentence`` sets them apart)
    f["present_simple"] = float(not cand.nominal and cand.trigger.tag_ in ("VBZ", "VBP"))
    f.update(sent_cues)
    f.update(flags)
    return f


class BoostedTrees:
    """Gradient-boosted regression trees (trained with scikit-learn's HistGradientBoosting and
    exported as plain arrays): the raw score is ``baseline`` plus one leaf value per tree.

    Each tree is parallel lists indexed by node: ``feature`` (column tested), ``threshold``
    (``x <= threshold`` goes ``left``), ``left``/``right`` (child nodes), ``value`` (a leaf's
    score; shrinkage already applied) and ``leaf`` (1 for a leaf). Node 0 is the root.
    """

    def __init__(self, spec: dict[str, Any]):
        self.baseline = float(spec["baseline"])
        self.trees = spec["trees"]
        # All trees side by side (padded to the largest), so one pass per level scores them all.
        width = max((len(t["leaf"]) for t in self.trees), default=1)

        def stacked(key: str, dtype: Any, pad: Any) -> np.ndarray:
            return np.asarray([list(t[key]) + [pad] * (width - len(t[key])) for t in self.trees], dtype=dtype)

        self.feature = stacked("feature", np.int64, 0)
        self.threshold = stacked("threshold", np.float64, 0.0)
        self.left = stacked("left", np.int64, 0)
        self.right = stacked("right", np.int64, 0)
        self.value = stacked("value", np.float64, 0.0)
        self.leaf = stacked("leaf", bool, True)

    def score(self, x: np.ndarray) -> np.ndarray:
        """The raw (log-odds) score of each row of ``x`` (features in model order)."""
        n, k = len(x), len(self.trees)
        if not k:
            return np.full(n, self.baseline)
        tree = np.broadcast_to(np.arange(k), (n, k))
        row = np.broadcast_to(np.arange(n)[:, None], (n, k))
        node = np.zeros((n, k), dtype=np.int64)
        while True:
            inner = ~self.leaf[tree, node]
            if not inner.any():
                break
            t, r, at = tree[inner], row[inner], node[inner]
            go_left = x[r, self.feature[t, at]] <= self.threshold[t, at]
            node[inner] = np.where(go_left, self.left[t, at], self.right[t, at])
        return self.baseline + self.value[tree, node].sum(axis=1)


class DecisionModel:
    """Standardised logistic regression, optionally blended with boosted trees, + Platt scaling,
    read from JSON.

    The score is ``linear_weight`` x the regression's log-odds plus ``tree_weight`` x the trees'
    (each weight is 1 / the spread of that model's out-of-fold scores, so both count alike);
    Platt scaling turns it into a probability. A file without ``trees`` is the regression alone.
    """

    def __init__(self, spec: dict[str, Any]):
        self.features: list[str] = list(spec["features"])
        self.mean = np.asarray(spec["mean"], dtype=np.float64)
        self.scale = np.asarray(spec["scale"], dtype=np.float64)
        self.coef = np.asarray(spec["coef"], dtype=np.float64)
        self.intercept = float(spec["intercept"])
        blend = spec.get("blend", {})
        self.linear_weight = float(blend.get("linear_weight", 1.0))
        self.tree_weight = float(blend.get("tree_weight", 0.0))
        self.trees = BoostedTrees(spec["trees"]) if spec.get("trees") else None
        self.platt = (float(spec["platt"]["a"]), float(spec["platt"]["b"]))
        self.threshold = float(spec["threshold"])
        # The bar for a reading the rules picked themselves (they carry evidence of their own).
        self.rule_threshold = float(spec.get("rule_threshold", self.threshold))
        self.meta: dict[str, Any] = spec.get("meta", {})
        self.word_rates: dict[str, float] = dict(spec.get("word_rates") or {})
        self.word_prior = float(spec.get("word_prior", 0.0))

    def matrix(self, rows: list[dict[str, float]]) -> np.ndarray:
        """The feature rows as a matrix in model order (missing features count as 0)."""
        return np.asarray([[row.get(name, 0.0) for name in self.features] for row in rows], dtype=np.float64)

    def probability(self, rows: list[dict[str, float]], words: Sequence[str] | None = None) -> np.ndarray:
        """Calibrated probability that each candidate event is right (type and source); ``words``
        are the candidates' trigger words (``trigger_word``; for ``trigger_word_rate``)."""
        if not rows:
            return np.zeros(0)
        x = self.matrix(rows)
        if words is not None and WORD_RATE in self.features:
            x[:, self.features.index(WORD_RATE)] = [self.word_rates.get(w, self.word_prior) for w in words]
        return self.calibrate(self.score(x))

    def score(self, x: np.ndarray) -> np.ndarray:
        """The blended raw score of each row of the feature matrix ``x`` (before calibration)."""
        score = self.linear_weight * (((x - self.mean) / self.scale) @ self.coef + self.intercept)
        if self.trees is not None:
            score = score + self.tree_weight * self.trees.score(x)
        return score

    def calibrate(self, score: np.ndarray) -> np.ndarray:
        """Platt scaling: raw scores to calibrated probabilities."""
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * score + b)))


@lru_cache(maxsize=2)
def get_decision_model(path: str | None = None) -> DecisionModel | None:
    """The packaged decision model (or the one at ``path``); None when the file is absent."""
    file = Path(path) if path else data_file(PACKAGE, MODEL_FILE)
    if not file.is_file():
        return None
    return DecisionModel(json.loads(file.read_text(encoding="utf-8")))


def trigger_word(ev: Event) -> str:
    """The word a candidate's trigger starts with, as written ("killed", "conducted", "says"): the
    key of ``trigger_word_rate`` (its tense and number tell too: "says" is seldom an act)."""
    words = (ev.trigger.text if ev.trigger is not None else "").lower().split()
    return words[0] if words else ""


def word_rates(words: Sequence[str], labels: Sequence[int], smoothing: float = WORD_SMOOTHING) -> tuple[dict[str, float], float]:
    """Per trigger word, the share of its candidates that were right, pulled toward the overall
    share by ``smoothing`` pseudo-counts: RETURNS (rates, overall share).

    Why: a trigger word carries a reliability of its own that no other feature names ("killed"
    is nearly always an act; "called", "held", "support" often are not); the smoothing keeps a
    word seen twice from counting as certain."""
    prior = float(np.mean(labels)) if len(labels) else 0.0
    seen: dict[str, list[int]] = {}
    for w, y in zip(words, labels):
        counts = seen.setdefault(w, [0, 0])
        counts[0] += 1
        counts[1] += int(y)
    rates = {w: (right + smoothing * prior) / (n + smoothing) for w, (n, right) in seen.items()}
    return rates, prior


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
