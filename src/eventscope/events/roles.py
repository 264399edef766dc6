"""Learned role assignment: which phrase of a sentence is the source, which the target of an act.

Why: the parse patterns of ``detect.py`` read roles from a few fixed shapes (subject → source,
object → target) and fail on the shapes real news uses most for its hardest cases: passive
headlines ("7 shepherds killed as IS militants storm …": the victims are not the source), the
attacker named outside the trigger's own clause, targets introduced by "against"/"on" deep in the
phrase, reporting frames ("X accused Y of …"), quotes whose speaker is not the actor of the act
he describes, and coordinated actors. Here every noun phrase of the sentence is a *candidate*
scored SOURCE / TARGET / NONE by a linear model over features of its relation to the trigger
(dependency path, voice, preposition, position, entity label, actor codes, quote membership, and
the parse patterns' own choice as evidence). One assignment is then decoded for the event: at
most one source and one target, never the same phrase or actor, either may be empty.

The model is trained by ``scripts/train_role_model.py`` (seeded; sklearn at training time only)
and shipped as ``data/role_model.json``: feature name → one weight per label. Run time needs only
numpy.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from ..actors.units import LOCATIVE_PREPS
from ..common.data import data_file
from ..errors import Errors
from .detect import BACKGROUND_PREPS, _speech_head, headline_passive_subject, phrase_span
from .lexicon import type_groups

MODEL_FILE = Path(str(data_file("eventscope.events", "role_model.json")))
LABELS: tuple[str, ...] = ("SOURCE", "TARGET", "NONE")
SOURCE, TARGET, NONE = range(3)

# spaCy entity labels of numbers, amounts and times: never an actor.
NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
# Pronouns that do not refer to an actor ("there were", "what happened") or that relative clauses
# stand in for (their antecedent is the candidate instead).
NON_REFERRING = type_groups()["non_referring_words"]
YIELD_TYPES = frozenset(type_groups()["yield_types"]) | {"YIELD"}
COOPERATIVE_TYPES = frozenset(type_groups()["cooperative_types"])
HOSTILE_PREPS = frozenset(type_groups()["hostile_preps"])
INSTRUMENT_NOUNS = frozenset(type_groups()["instrument_nouns"])
MOTION_PREPS = frozenset({"into", "toward", "towards"})  # "sent troops into Iraq": a destination may be the target
MAX_PATH = 4
TOP_K = 4  # phrases per role considered by the joint decoding


@dataclass
class RoleAssignment:
    """The decoded roles of one event: head tokens (or None) and the model's confidence in each."""

    source: Any
    target: Any
    source_p: float
    target_p: float


def role_candidates(sent: Any, trigger_tokens: Iterable[Any] = ()) -> list[Any]:
    """The heads of the noun phrases of a sentence that could be a source or target.

    Why heads: one phrase, one candidate ("the Iranian Foreign Minister Mohammad Javad Zarif" is
    its head word "Zarif"); compounds, adjectives, possessives and appositions are inside their
    head's phrase, except on a nominal trigger, where they name its actor ("U.S. strikes", "Israeli
    airstrikes", "Israel's strikes"). Numbers, dates and amounts are never candidates, nor the
    trigger itself.

    sent (Span): the sentence.
    trigger_tokens (Iterable[Token]): the trigger (and its light verb), never a role.
    RETURNS (list[Token]): candidate heads in text order.
    """
    skip = {t.i for t in trigger_tokens}
    out = []
    for tok in sent:
        if tok.i in skip or tok.ent_type_ in NOT_ACTOR_ENTS or not any(ch.isalnum() for ch in tok.text):
            continue  # a hyphen tagged as a name ("al - Qaida") heads no phrase
        pos = tok.pos_
        on_trigger = tok.head.i in skip and tok.dep_ in ("compound", "amod", "nmod")
        if pos == "ADJ":
            if on_trigger and tok.ent_type_ in ("NORP", "GPE", "ORG"):
                out.append(tok)
            continue
        if pos not in ("NOUN", "PROPN", "PRON"):
            continue
        if tok.dep_ in ("compound", "flat") and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN") \
                and not on_trigger:
            continue
        if tok.dep_ in ("poss", "appos") and tok.head.i not in skip and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            continue  # inside its head's phrase: "Kharkiv, Ukraine's second city", "Mexico's president"
        if pos == "PRON" and (tok.lower_ in NON_REFERRING or tok.tag_ in ("WDT", "WP", "WP$", "EX")):
            continue
        out.append(tok)
    return out


def _arc(tok: Any) -> str:
    dep = tok.dep_
    if dep in ("prep", "agent"):
        return f"{dep}:{tok.lower_}"
    return dep


def dependency_path(a: Any, b: Any) -> tuple[list[str], list[str]]:
    """The arcs from ``a`` up to the lowest common ancestor and down to ``b`` (``^dep`` / ``vdep``)."""
    up = [a]
    while up[-1].head.i != up[-1].i and len(up) < 40:
        up.append(up[-1].head)
    where = {t.i: k for k, t in enumerate(up)}
    down = [b]
    while down[-1].i not in where and down[-1].head.i != down[-1].i and len(down) < 40:
        down.append(down[-1].head)
    if down[-1].i not in where:  # different trees (should not happen within one sentence)
        return ["^?"], ["v?"]
    k = where[down[-1].i]
    return ["^" + _arc(t) for t in up[:k]], ["v" + _arc(t) for t in reversed(down[:-1])]


def _bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 5:
        return "4-5"
    if n <= 10:
        return "6-10"
    return ">10"


def _in_background(tok: Any, trigger: Any) -> bool:
    """Whether ``tok`` sits in an "after/amid/despite …" phrase that the trigger is not in."""
    cur = tok
    for _ in range(8):
        head = cur.head
        if head.i == cur.i or cur.i == trigger.i:
            return False
        if cur.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in BACKGROUND_PREPS:
            return not (head.i <= trigger.i <= head.right_edge.i)
        cur = head
    return False


class SentenceContext:
    """What every candidate of one sentence shares: its mentions, quotes and parse facts.

    Built once per (document, sentence) so scoring many events and candidates stays cheap.
    """

    def __init__(self, adoc: Any, sent: Any):
        self.sent = sent
        lo, hi = sent.start_char, sent.end_char
        self.mentions = [m for m in adoc.mentions if lo <= m.start < hi]
        self.quotes = [q for q in adoc.quotes if q.start < hi and lo < q.end]
        self.speakers = {q.speaker for q in self.quotes if q.speaker}
        self.adoc = adoc
        self._mention_of: dict[int, Any] = {}
        self.root = sent.root
        self.root_subjects = {c.i for c in self.root.children if c.dep_ in ("nsubj", "nsubjpass")}
        self.assignments: dict[tuple, Any] = {}  # one decoded assignment per distinct reading
        self._root_paths: dict[int, tuple[list[str], list[str]]] = {}

    def root_path(self, tok: Any) -> tuple[list[str], list[str]]:
        """The dependency path from the sentence root to ``tok`` (asked for every reading)."""
        if tok.i not in self._root_paths:
            self._root_paths[tok.i] = dependency_path(self.root, tok)
        return self._root_paths[tok.i]

    def mention(self, tok: Any) -> Any:
        """The actor mention covering a head word (the longest resolved one), else None."""
        if tok.i not in self._mention_of:
            a, b = tok.idx, tok.idx + len(tok.text)
            covering = [m for m in self.mentions if m.start < b and a < m.end]
            self._mention_of[tok.i] = (max(covering, key=lambda m: (m.actor is not None, m.end - m.start))
                                       if covering else None)
        return self._mention_of[tok.i]

    def actor_of(self, tok: Any) -> Any:
        """The resolved actor of a head word's mention, else None."""
        m = self.mention(tok)
        return self.adoc.actor(m.actor) if m is not None and m.actor else None

    def in_quote(self, tok: Any) -> bool:
        return any(q.start <= tok.idx < q.end for q in self.quotes)


def candidate_features(ctx: SentenceContext, cand: Any, etype: str, tok: Any, index: int,
                       heads: Sequence[Any]) -> list[str]:
    """The features of one candidate phrase for one event.

    ctx (SentenceContext): the sentence's shared facts.
    cand (Candidate): the event's candidate act (trigger, parse roles, kind).
    etype (str): the event type (CONCEDE/RETREAT count as YIELD).
    tok (Token): the candidate's head word.
    index (int): its position in ``heads``.
    heads (Sequence[Token]): all candidate heads of the sentence, in text order.
    RETURNS (list[str]): feature names (binary features).
    """
    t = "YIELD" if etype in YIELD_TYPES else etype
    trig = cand.trigger
    clause = trig.head if cand.nominal and trig.dep_ in ("dobj", "obj", "pobj") and trig.head.pos_ in ("VERB", "AUX") else trig
    ups, downs = dependency_path(trig, tok)
    # A headline passive ("Nine farmers killed as …") is passive voice, and its subject is read as
    # the subject of a passive (``nsubjpass``): the parser takes it for an active one.
    victim = None if cand.nominal else headline_passive_subject(clause)
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in clause.children) or (
        clause.dep_ == "acl" and clause.tag_ == "VBN") or victim is not None
    dep = "nsubjpass" if victim is not None and victim.i == tok.i else tok.dep_
    if dep != tok.dep_ and downs and downs[-1] == "vnsubj":
        downs = downs[:-1] + ["vnsubjpass"]
    path = ups + downs
    ptxt = " ".join(path) if len(path) <= MAX_PATH else " ".join(path[:2] + ["…"] + path[-1:])
    # A headline's reduced passive ("Nine farmers killed as militants storm …"): a past form with a
    # subject, no auxiliary and no object, whose subject is more often the victim than the doer.
    reduced = (not passive and not cand.nominal and clause.tag_ in ("VBN", "VBD")
               and any(c.dep_ == "nsubj" for c in clause.children)
               and not any(c.dep_ in ("aux", "dobj", "obj", "dative", "ccomp", "xcomp", "attr") for c in clause.children))
    kind = "speech" if cand.speech else "generic" if cand.generic else "nominal" if cand.nominal else "verb"
    side = "before" if tok.i < trig.i else "after"
    m = ctx.mention(tok)
    actor = ctx.actor_of(tok)
    feats = [
        "bias", f"path={ptxt}", f"T={t}|path={ptxt}", f"kind={kind}|path={ptxt}",
        f"plen={_bucket(len(path))}", f"up={_bucket(len(ups))}|down={_bucket(len(downs))}",
        f"dep={dep}", f"T={t}|dep={dep}", f"dep={dep}|side={side}",
        f"side={side}", f"T={t}|side={side}", f"dist={_bucket(abs(tok.i - trig.i))}|side={side}",
        f"pos={tok.pos_}", f"ent={tok.ent_type_ or 'O'}", f"T={t}|ent={tok.ent_type_ or 'O'}",
        f"voice={'passive' if passive else 'active'}|side={side}",
        f"voice={'passive' if passive else 'active'}|path={ptxt}",
        f"kind={kind}|side={side}", f"T={t}|kind={kind}",
    ]
    if reduced:
        feats += [f"reduced_passive|path={ptxt}", f"reduced_passive|side={side}|ent={tok.ent_type_ or 'O'}"]
    if len(path) > MAX_PATH:
        feats.append(f"path_tail={' '.join(path[-2:])}")
    if downs:
        feats.append(f"last={downs[-1]}")
        feats.append(f"T={t}|last={downs[-1]}")
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent"):
        feats.append(f"prep={tok.head.lower_}")
        feats.append(f"T={t}|prep={tok.head.lower_}")
    if tok.pos_ == "NOUN":
        feats.append(f"lemma={tok.lemma_.lower()}")
    if tok.pos_ == "PRON":
        feats.append(f"pron={tok.lower_}")
    if tok.tag_ in ("NNS", "NNPS"):
        feats.append("plural")
    # Actor knowledge from the actors stage.
    if m is None:
        feats.append("mention=none")
        if tok.pos_ == "NOUN" and not tok.ent_type_:
            feats.append("common_noun_no_actor")
            feats.append(f"T={t}|common_noun_no_actor|side={side}")
    else:
        feats.append(f"mention={m.label}")
        if actor is None:
            feats.append("actor=unresolved")
        else:
            coded = "coded" if (actor.country or actor.sector) else "uncoded"
            feats += [f"actor={actor.kind}", f"actor={coded}", f"T={t}|actor={actor.kind}",
                      f"sector={actor.sector}", f"actor={coded}|side={side}"]
            if actor.kind == "state" and tok.ent_type_ in ("GPE", "LOC", "FAC"):
                feats.append(f"place_as_state|prep={tok.head.lower_ if tok.dep_ == 'pobj' else '-'}")
            if actor.id in ctx.speakers:
                feats.append("quote_speaker")
                feats.append(f"T={t}|quote_speaker|tq={ctx.in_quote(trig)}")
    if tok.ent_type_ == "LOC":
        feats.append(f"loc|prep={tok.head.lower_ if tok.dep_ == 'pobj' else '-'}")
    # The parse patterns' choice, as evidence.
    if cand.source is not None and cand.source.i == tok.i:
        feats += ["rule_source", f"T={t}|rule_source", f"kind={kind}|rule_source"]
    if cand.target is not None and cand.target.i == tok.i:
        feats += ["rule_target", f"T={t}|rule_target", f"kind={kind}|rule_target"]
    if cand.cond_agent is not None and cand.cond_agent.i == tok.i:
        feats.append(f"T={t}|cond_agent")
    # Quotes: the speaker speaks; an actor inside the quote is not the speaker's act's source.
    in_q, trig_q = ctx.in_quote(tok), ctx.in_quote(trig)
    if in_q or trig_q:
        feats.append(f"in_quote={in_q}|trig_in_quote={trig_q}")
    speech = _speech_head(clause)
    if speech is not None:
        subj = next((c for c in speech.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i == tok.i:
            feats += ["speech_subject", f"T={t}|speech_subject", f"kind={kind}|speech_subject"]
        feats.append(f"under_speech|side={side}")
    # Coordination ("X and Y signed a deal"): PLV codes the first as source, the second as target.
    if tok.dep_ == "conj":
        feats.append(f"conj_of={tok.head.dep_}")
        feats.append(f"T={t}|conj_of={tok.head.dep_}")
        first = tok.head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.head.i == clause.i:  # "The US and South Korea failed to agree": a conjunct of the clause's argument
            feats.append(f"conj_of_arg={first.dep_}")
            feats.append(f"T={t}|conj_of_arg={first.dep_}")
    if any(c.dep_ == "conj" for c in tok.children):
        feats.append(f"has_conj|dep={tok.dep_}")
    # The sentence root as a second anchor: the trigger may be a secondary verb of the sentence.
    rups, rdowns = ctx.root_path(tok)
    feats.append(f"rpath={' '.join(rdowns[:3])}|{len(rdowns) > 3}")
    # The trigger word itself: "release X to Y", "let free X", "call on X".
    lemma = trig.lemma_.lower()
    feats.append(f"trig={lemma}|last={downs[-1] if downs else ups[-1] if ups else '='}")
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent"):
        feats.append(f"gov={tok.head.head.lemma_.lower()}|prep={tok.head.lower_}")
    if tok.i in ctx.root_subjects:
        feats.append(f"root_subject|trig_root={trig.i == ctx.root.i}")
    if _in_background(tok, trig):
        feats.append("background")
    # Order among the candidates: the nearest phrase before/after the trigger.
    before = [h for h in heads if h.i < trig.i]
    after = [h for h in heads if h.i > trig.i]
    if before and before[-1].i == tok.i:
        feats.append("nearest_before")
    if after and after[0].i == tok.i:
        feats.append("nearest_after")
    if index == 0:
        feats.append("first_phrase")
    return feats


class RoleModel:
    """A linear SOURCE/TARGET/NONE scorer over candidate features, with joint decoding.

    model_path (Path): the JSON weights (``labels``, ``bias``, ``weights``: feature → weights,
        ``decode``: the least probability for a source and for a target).
    """

    def __init__(self, model_path: Path = MODEL_FILE):
        meta = json.loads(Path(model_path).read_text(encoding="utf-8"))
        if tuple(meta["labels"]) != LABELS:
            raise ValueError(Errors.E037.format(file=model_path, detail=f"labels {meta['labels']} are not {LABELS}"))
        names = sorted(meta["weights"])
        self.index = {name: i for i, name in enumerate(names)}
        self.weights = np.asarray([meta["weights"][n] for n in names], dtype=np.float64).reshape(-1, len(LABELS))
        self.bias = np.asarray(meta["bias"], dtype=np.float64)
        decode = meta.get("decode", {})
        self.min_source = float(decode.get("min_source", 0.5))
        self.min_target = float(decode.get("min_target", 0.5))
        self.same_country = float(decode.get("same_country", 1.0))
        self.meta = {k: v for k, v in meta.items() if k != "weights"}
        self._last: tuple[Any, tuple[int, int], SentenceContext] | None = None

    def probabilities(self, feature_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """SOURCE/TARGET/NONE probabilities, one row per candidate's feature list."""
        out = np.empty((len(feature_lists), len(LABELS)), dtype=np.float64)
        for row, feats in enumerate(feature_lists):
            idx = [self.index[f] for f in feats if f in self.index]
            z = self.bias + (self.weights[idx].sum(axis=0) if idx else 0.0)
            z = np.exp(z - z.max())
            out[row] = z / z.sum()
        return out

    def assign(self, adoc: Any, sent: Any, cand: Any, etype: str,
               ctx: SentenceContext | None = None) -> RoleAssignment:
        """The source and target heads for one event.

        adoc (AnalyzedDocument): the document (mentions, actors, quotes).
        sent (Span): the event's sentence.
        cand (Candidate): the event's trigger and parse roles.
        etype (str): the event's PLOVER type.
        ctx (SentenceContext | None): the sentence's shared facts, when the caller keeps them.
        RETURNS (RoleAssignment): the decoded roles.
        """
        if ctx is None:
            ctx = self._context(adoc, sent)
        key = (cand.trigger.i, tuple(t.i for t in cand.extra_tokens), "YIELD" if etype in YIELD_TYPES else etype,
               *(getattr(r, "i", None) for r in (cand.source, cand.target, cand.cond_agent)),
               cand.nominal, cand.speech, cand.generic)
        known = ctx.assignments.get(key)
        if known is None:
            known = ctx.assignments[key] = self._assign(ctx, sent, cand, etype)
        return known

    def _context(self, adoc: Any, sent: Any) -> SentenceContext:
        """The sentence's shared facts, kept while the stage reads the same sentence (each trigger
        and each reading of it asks again)."""
        last = self._last
        if last is not None and last[0] is adoc and last[1] == (sent.start, sent.end):
            return last[2]
        ctx = SentenceContext(adoc, sent)
        self._last = (adoc, (sent.start, sent.end), ctx)
        return ctx

    def _assign(self, ctx: SentenceContext, sent: Any, cand: Any, etype: str) -> RoleAssignment:
        heads = role_candidates(sent, [cand.trigger, *cand.extra_tokens])
        if not heads:
            return RoleAssignment(None, None, 0.0, 0.0)
        probs = self.probabilities([candidate_features(ctx, cand, etype, h, k, heads)
                                    for k, h in enumerate(heads)])
        not_target = {k for k, h in enumerate(heads) if etype in COOPERATIVE_TYPES and _opposed(h, cand.trigger)}
        not_source = {k for k, h in enumerate(heads) if _outside_nominal_act(h, cand) or _outside_antecedent(h, cand)}
        not_target |= {k for k, h in enumerate(heads) if _where_not_whom(ctx, h)}
        if cand.speech and etype not in ("REQUEST", "CONSULT"):
            audience = _audience(cand.trigger)
            not_target |= {k for k, h in enumerate(heads) if h.i in audience}
        tools = {k for k, h in enumerate(heads) if _instrument(h)}
        not_target |= tools
        not_source |= tools
        undergoers = _objects(cand)
        not_source |= {k for k, h in enumerate(heads) if h.i in undergoers or _where_not_whom(ctx, h)}
        undergoer, doer = _passive_roles(cand)
        not_source |= {k for k, h in enumerate(heads) if h.i in undergoer or (doer and h.i not in doer)}
        not_target |= {k for k, h in enumerate(heads) if h.i in doer}
        return decode_roles(heads, probs, self.min_source, self.min_target, ctx, self.same_country, not_target,
                            not_source)


def _audience(verb: Any) -> set[int]:
    """Who a verb of saying is addressed to ("told CBS", "said to reporters"): the audience of an
    accusation or a threat, not its target (asking someone is another matter: REQUEST)."""
    out: set[int] = set()
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "dative"):
            out.add(c.i)
        elif c.dep_ == "prep" and c.lower_ == "to":
            out.update(g.i for g in c.children if g.dep_ == "pobj")
    return out


def _instrument(head: Any) -> bool:
    """Whether a head names what an act is done with ("tear gas", "22 munitions", "rockets")."""
    if head.pos_ != "NOUN":
        return False
    lemma = head.lemma_.lower()
    before = head.doc[head.i - 1] if head.i > head.sent.start else None
    two = f"{before.lemma_.lower()} {lemma}" if before is not None and before.dep_ == "compound" else None
    return lemma in INSTRUMENT_NOUNS or head.lower_ in INSTRUMENT_NOUNS or two in INSTRUMENT_NOUNS


def _where_not_whom(ctx: SentenceContext, head: Any) -> bool:
    """Whether ``head`` is a place named as where things happened ("attacked a US base in Syria",
    "rallied in downtown Chicago"): a toponym after a locative preposition that the actors stage
    did not read as an actor. Never the target (the geo stage makes it the event location)."""
    if head.ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    if head.dep_ == "pobj":
        prep = head.head
    else:  # "Near Mosul, five strikes …": the parser may miss a capitalised opening preposition
        prep = head.left_edge if head.left_edge.i < head.i else (
            head.doc[head.i - 1] if head.i > head.sent.start else None)
    if prep is None or prep.lower_ not in LOCATIVE_PREPS or prep.lower_ in MOTION_PREPS:
        return False
    actor = ctx.actor_of(head)
    return actor is None or actor.kind in ("state", "group")  # a place read as its people or state


def _objects(cand: Any) -> set[int]:
    """Token indices that undergo an act whatever the model reads: the direct objects of a verb
    trigger (and of the verb it is coordinated with, "engaged four units; destroyed three
    buildings"), and the objects of "against/on/upon" hanging from the trigger or from its
    subject ("airstrikes against al-Qaida operatives killed 20 militants"). Never the source."""
    trigger = cand.trigger
    out: set[int] = set()
    if cand.nominal or trigger.pos_ not in ("VERB", "AUX"):
        return out
    verbs = [trigger]
    if trigger.dep_ == "conj" and trigger.head.pos_ in ("VERB", "AUX"):
        verbs.append(trigger.head)
    for verb in verbs:
        for c in verb.children:
            if c.dep_ in ("dobj", "obj", "dative"):
                out.add(c.i)
                out.update(t.i for t in c.conjuncts)
            elif c.dep_ in ("nsubj", "nsubjpass"):
                for t in c.subtree:
                    if t.dep_ == "pobj" and t.head.lower_ in HOSTILE_PREPS:
                        out.add(t.i)
    for c in trigger.children:
        if c.dep_ == "prep" and c.lower_ in HOSTILE_PREPS:
            out.update(g.i for g in c.children if g.dep_ == "pobj")
    return out


def _passive_roles(cand: Any) -> tuple[set[int], set[int]]:
    """The token indices a passive verb trigger fixes: its passive subject (and that subject's
    conjuncts) underwent the act, the object of its "by" phrase did it (and when there is one,
    nobody else did). "The regime was toppled", "… killed by special forces": the regime is never
    the source, the forces never the target."""
    trigger = cand.trigger
    if cand.nominal or trigger.pos_ not in ("VERB", "AUX"):
        return set(), set()
    undergoer: set[int] = set()
    doer: set[int] = set()
    for c in trigger.children:
        if c.dep_ in ("nsubjpass", "csubjpass"):
            undergoer.add(c.i)
            undergoer.update(t.i for t in c.conjuncts)
        elif c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    doer.add(g.i)
                    doer.update(t.i for t in g.conjuncts)
    return undergoer, doer


def _outside_nominal_act(head: Any, cand: Any) -> bool:
    """Whether ``head`` cannot be the actor of a nominal act because it stands outside the act's
    own phrase while no light verb carries the act ("Human Rights Watch called for an
    investigation into an attack", "the UN condemned the attack": neither attacked). A light verb
    ("carried out an attack", "launched strikes") lends its subject; otherwise the actor is named
    inside the phrase ("Israeli strikes", "Russia's attack", "an attack by militants")."""
    trigger = cand.trigger
    if not cand.nominal or trigger.pos_ not in ("NOUN", "PROPN") or cand.extra_tokens:
        return False
    return not (trigger.left_edge.i <= head.i <= trigger.right_edge.i)


def _outside_antecedent(head: Any, cand: Any) -> bool:
    """Whether ``head`` stands outside what a relative clause's own subject refers to: in "X
    condemned attacks which have killed civilians" the attacks killed, not X. The act of a
    relative clause whose subject is the relative pronoun is done by its antecedent's phrase; so is
    the act a noun's infinitive names ("condemned the army chief's order to censor the media": the
    chief would censor, not whoever condemned the order)."""
    trigger = cand.trigger
    while trigger.dep_ == "conj" and trigger.head.i != trigger.i:  # "which have killed and injured"
        trigger = trigger.head
    infinitive = trigger.dep_ == "acl" and trigger.tag_ == "VB" and trigger.head.pos_ == "NOUN"
    if not infinitive and (trigger.dep_ != "relcl" or not any(
            c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in trigger.children)):
        return False
    antecedent = trigger.head
    return not (antecedent.left_edge.i <= head.i <= antecedent.right_edge.i)


def _opposed(head: Any, trigger: Any) -> bool:
    """Whether ``head`` hangs from the trigger through "against/on/upon" ("support against
    Israeli actions"): for a cooperative act that phrase is the party opposed or the topic, never
    the one helped."""
    cur = head
    for _ in range(8):
        parent = cur.head
        if parent.i == cur.i:
            return False
        if cur.dep_ == "pobj" and parent.dep_ == "prep" and parent.lower_ in HOSTILE_PREPS \
                and trigger.left_edge.i <= parent.i <= trigger.right_edge.i:
            return True
        if parent.i == trigger.i:
            return False
        cur = parent
    return False


def _same_phrase(a: Any, b: Any) -> bool:
    """Whether one head lies inside the other's phrase ("Secretary of State, Hillary Clinton")."""
    for x, y in ((a, b), (b, a)):
        lo, hi = phrase_span(x)
        if lo <= y.idx < hi:
            return True
        if y.dep_ == "appos" and y.head.i == x.i:
            return True
    return False


def decode_roles(heads: Sequence[Any], probs: np.ndarray, min_source: float, min_target: float,
                 ctx: SentenceContext | None = None, same_country: float = 1.0,
                 not_target: frozenset[int] | set[int] = frozenset(),
                 not_source: frozenset[int] | set[int] = frozenset()) -> RoleAssignment:
    """The most probable assignment: one source, one target (either may be empty), never the
    same phrase or the same actor twice.

    Why jointly: a phrase that is a likely source and a likely target at once (the subject of a
    passive) goes where it is likeliest, and the other role goes to the runner-up.
    same_country (float): factor on the probability of a pair of two actors of one country and one
        sector, or one of them the country itself ("Qaani warned … Iran"): such acts exist, but
        are more often a misreading than a fact. Two sectors of one country ("Kenyan police
        arrested the opposition leader") are domestic news, not penalised.
    """
    eps = 1e-9
    # "No source" competes as an option worth exactly the threshold: a phrase is chosen only
    # when it is likelier than that (precision first), and two phrases compete by probability.
    src = [math.log(max(p[SOURCE], eps)) for p in probs]
    tgt = [math.log(max(p[TARGET], eps)) for p in probs]
    no_src, no_tgt = math.log(max(min_source, eps)), math.log(max(min_target, eps))
    # The best joint assignment always uses one of each role's few likeliest phrases.
    # A pronoun nobody resolved names no actor: it can be neither role (the output never holds a
    # bare pronoun), so the next likeliest phrase gets the chance ("They coincide with U.S. strikes").
    usable = [not (ctx is not None and heads[k].pos_ == "PRON" and ctx.actor_of(heads[k]) is None)
              for k in range(len(heads))]
    src_opts = [None] + sorted((k for k in range(len(heads)) if usable[k] and k not in not_source
                                and probs[k][SOURCE] >= min_source),
                               key=lambda k: -probs[k][SOURCE])[:TOP_K]
    tgt_opts = [None] + sorted((k for k in range(len(heads)) if usable[k] and k not in not_target
                                and probs[k][TARGET] >= min_target),
                               key=lambda k: -probs[k][TARGET])[:TOP_K]
    best: tuple[float, int | None, int | None] = (no_src + no_tgt, None, None)
    for s in src_opts:
        for g in tgt_opts:
            if s is not None and g is not None:
                if s == g or _same_phrase(heads[s], heads[g]):
                    continue
            score = (src[s] if s is not None else no_src) + (tgt[g] if g is not None else no_tgt)
            if s is not None and g is not None and ctx is not None:
                a, b = ctx.actor_of(heads[s]), ctx.actor_of(heads[g])
                if a is not None and b is not None:
                    if a.id == b.id:
                        continue
                    if _compatriots(a, b):
                        score += math.log(max(same_country, eps))
            if score > best[0]:
                best = (score, s, g)
    _, s, g = best
    return RoleAssignment(
        heads[s] if s is not None else None, heads[g] if g is not None else None,
        float(probs[s][SOURCE]) if s is not None else 0.0, float(probs[g][TARGET]) if g is not None else 0.0)


def _compatriots(a: Any, b: Any) -> bool:
    """Whether two actors are one side of one country: the same country, and the same sector or
    one of them with none (the state itself)."""
    return bool(a.country) and a.country == b.country and (not a.sector or not b.sector or a.sector == b.sector)


@lru_cache(maxsize=4)
def get_role_model(model_path: str | None = None) -> RoleModel | None:
    """The process-wide role model, or None when its weights are not installed.

    model_path (str | None): another trained weights file (e.g. a cross-validation fold's).
    """
    path = Path(model_path) if model_path else MODEL_FILE
    if not path.exists():
        return None
    return RoleModel(path)
