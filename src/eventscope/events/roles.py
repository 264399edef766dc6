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
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from ..actors.resolve import PATRON_WORDS
from ..actors.units import LOCATIVE_PREPS, PLACE_NOUNS
from ..common.data import data_file
from ..errors import Errors
from .detect import (ACT_NOUNS, ATTACK_CLAUSE_MARKS, BACKGROUND_PREPS, CRAFT_NOUNS, UNDERGONE_NOUNS, VERBAL_TYPES, _pobj_of,
                     _speech_head, _subject, accusing_verb, alleged_act, claimants, first_gerund, means_owner, obliged_subjects,
                     crowd_demanding, finite_host, forecast_speaker, headline_passive_subject, is_act_noun, kind_of_craft, phrase_span,
                     swallowed_subject, trip_maker)
from .lexicon import clear_acts, people_nouns, receiving_verbs, speech_verbs, triggers, type_groups

MODEL_FILE = Path(str(data_file("eventscope.events", "role_model.json")))
LABELS: tuple[str, ...] = ("SOURCE", "TARGET", "NONE")
SOURCE, TARGET, NONE = range(3)

# spaCy entity labels of numbers, amounts and times: never an actor.
NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
# Pronouns that do not refer to an actor ("there were", "what happened") or that relative clauses
# stand in for (their antecedent is the candidate instead).
NON_REFERRING = type_groups()["non_referring_words"]
YIELD_TYPES = frozenset(type_groups()["yield_types"]) | {"YIELD"}
FRAME_PREPS = frozenset(type_groups()["frame_preps"])  # a time frame: "during", "amid"
FREEING_NOUNS = frozenset(type_groups()["freeing_nouns"])
COOPERATIVE_TYPES = frozenset(type_groups()["cooperative_types"])
HOSTILE_TYPES = frozenset(type_groups()["hostile_types"])
TAKING_WORDS = frozenset(type_groups()["taking_words"])
LEAVING_WORDS = frozenset(type_groups()["leaving_words"])
MOVING_VERBS = frozenset(type_groups()["moving_verbs"])
OWN_AGENTS = frozenset(type_groups()["own_agents"])
ENVOY_NOUNS = frozenset(type_groups()["envoy_nouns"])
CASUALTY_VERBS = frozenset(type_groups()["casualty_verbs"])
CASUALTY_PREPS = frozenset(type_groups()["casualty_preps"])
EMOTION_WORDS = frozenset(type_groups()["emotion_words"])
TOPIC_PREPS = frozenset(type_groups()["topic_preps"])
TOPIC_VERBS = frozenset(type_groups()["topic_verbs"])
PROTECTIVE_VERBS = frozenset(type_groups()["protective_verbs"])
BENEFICIARY_NOUNS = frozenset(type_groups()["beneficiary_nouns"])
ALLY_PREPS = frozenset(type_groups()["ally_preps"])
HOSTILE_PREPS = frozenset(type_groups()["hostile_preps"])
INSTRUMENT_NOUNS = frozenset(type_groups()["instrument_nouns"])
FACILITY_NOUNS = frozenset(type_groups()["facility_nouns"])
# Verbs that lay an act at someone's door ("accused X of …", "blamed X for …").
ACCUSING_VERBS = frozenset(type_groups()["accusing_verbs"])
BLAMING_VERBS = frozenset(type_groups()["blaming_verbs"])
VICTIM_PREPS = frozenset(type_groups()["victim_preps"])
# Verbs by which a hostile act helps someone ("airstrikes continue to support Iraqi forces").
HELPING_VERBS = frozenset(type_groups()["helping_verbs"])
RESTORING_VERBS = frozenset(type_groups()["restoring_verbs"])
# Verbs whose object is what an act is done with ("strikes using attack and fighter aircraft").
USING_VERBS = frozenset({"use", "employ"})
PERSONAL_PRONOUNS = frozenset({"he", "him", "she", "her", "they", "them"})
GIVING_VERBS = frozenset(type_groups()["giving_verbs"])
# Verbs that judge a thing ("condemns the attacks …, which injured dozens").
JUDGING_VERBS = frozenset(type_groups()["judging_verbs"])
# Verbs of an attack's purpose clause that name its target ("an invasion to topple the government").
AIMING_VERBS = frozenset(type_groups()["aiming_verbs"])
FOCUS_VERBS = frozenset(type_groups()["focus_verbs"])
FIRING_VERBS = frozenset(type_groups()["firing_verbs"])
AIMED_PREPS = frozenset(type_groups()["aimed_preps"])
THREAT_PREPS = frozenset(type_groups()["threat_preps"])
MEDIUM_NOUNS = frozenset(type_groups()["medium_nouns"])
AFFILIATION_WORDS = frozenset(type_groups()["affiliation_words"])
FORECAST_AUX = frozenset(type_groups()["forecast_aux"])
# Trips and the verbs of their purpose clauses that name whom they meet.
TRAVEL_VERBS = frozenset(type_groups()["travel_verbs"])
MEETING_VERBS = frozenset(type_groups()["meeting_verbs"])
GO_BETWEEN_VERBS = frozenset(type_groups()["go_between_verbs"])
SCENE_PREPS = frozenset(type_groups()["scene_preps"])
# Acts aimed at the owner of the thing they judge ("supports Iraqi unity"), and the names that own.
JUDGING_TYPES = frozenset({"SUPPORT", "REJECT", "ACCUSE"})
NAMED_OWNER_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
TIME_MARKS = frozenset(type_groups()["time_marks"])
# Acts done with one another: "X and Y met / agreed / cooperated" may name either as the target.
MUTUAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
SPATIAL_PREPS = frozenset(type_groups()["spatial_preps"])  # "near parliament": only ever a where
KIN_NOUNS = frozenset(type_groups()["kin_nouns"])  # "the mother of a Dutch journalist": his kin
ANSWER_NOUNS = frozenset(type_groups()["answer_nouns"])  # "in response to …": what the act answers
MOTION_PREPS = frozenset({"into", "toward", "towards"})  # "sent troops into Iraq": a destination may be the target
MAX_PATH = 4
SUFFIX = 3  # letters of a thing's lemma read as its word class ("-ion", "-nce": an act or a state, no one's name)
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
    return _select_candidates(_token_rows(sent), {t.i for t in trigger_tokens})


def _token_rows(sent: Any) -> list[tuple]:
    """What ``role_candidates`` reads of each token of a sentence, read from spaCy once (every
    trigger of the sentence selects its candidates from the same rows)."""
    rows = []
    for tok in sent:
        head = tok.head
        rows.append((tok, tok.i, tok.ent_type_, tok.pos_, tok.dep_, head.i, head.pos_, tok.lower_, tok.tag_,
                     any(ch.isalnum() for ch in tok.text)))
    return rows


def _select_candidates(rows: Sequence[tuple], skip: set[int]) -> list[Any]:
    """``role_candidates`` over the rows of ``_token_rows``, the trigger's token indices skipped."""
    out = []
    for tok, i, ent, pos, dep, head_i, head_pos, lower, tag, wordlike in rows:
        if i in skip or ent in NOT_ACTOR_ENTS or not wordlike:
            continue  # a hyphen tagged as a name ("al - Qaida") heads no phrase
        on_trigger = head_i in skip and dep in ("compound", "amod", "nmod")
        if pos == "ADJ":
            if on_trigger and ent in ("NORP", "GPE", "ORG"):
                out.append(tok)
            continue
        if pos not in ("NOUN", "PROPN", "PRON"):
            continue
        if dep in ("compound", "flat") and head_i != i and head_pos in ("NOUN", "PROPN") and not on_trigger:
            continue
        if dep in ("poss", "appos") and head_i not in skip and head_pos in ("NOUN", "PROPN", "PRON"):
            continue  # inside its head's phrase: "Kharkiv, Ukraine's second city", "Mexico's president"
        if pos == "PRON" and not ent and (lower in NON_REFERRING or tag in ("WDT", "WP", "WP$", "EX")):
            continue  # (a named entity tagged as a pronoun is a name: "the WHO sent supplies")
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


class _TokenFacts:
    """What the role features read of one candidate head, read from spaCy once per sentence
    (every trigger and every type of the sentence scores the same heads again)."""

    __slots__ = ("i", "pos", "dep", "tag", "ent", "ent_or_o", "lower", "lemma", "head_lower", "prep", "gov",
                 "pobj_prep", "conj_of", "conj_of_arg", "has_conj", "in_quote", "rpath", "mention", "actor",
                 "background", "thing")

    def __init__(self, ctx: "SentenceContext", tok: Any):
        self.i = tok.i
        self.pos = tok.pos_
        self.dep = tok.dep_
        self.tag = tok.tag_
        self.ent = tok.ent_type_
        self.ent_or_o = self.ent or "O"
        self.lower = tok.lower_
        self.lemma = tok.lemma_.lower() if self.pos == "NOUN" else ""
        head = tok.head
        self.head_lower = head.lower_
        # "against X": the preposition, and the word it hangs from.
        self.prep = head.lower_ if self.dep == "pobj" and head.dep_ in ("prep", "agent") else None
        self.gov = head.head.lemma_.lower() if self.prep is not None else None
        self.pobj_prep = head.lower_ if self.dep == "pobj" else "-"
        self.conj_of = self.conj_of_arg = None
        if self.dep == "conj":
            self.conj_of = head.dep_
            first = head
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            self.conj_of_arg = (first.head.i, first.dep_)
        self.has_conj = any(c.dep_ == "conj" for c in tok.children)
        self.in_quote = ctx.in_quote(tok)
        rups, rdowns = ctx.root_path(tok)
        self.rpath = f"rpath={' '.join(rdowns[:3])}|{len(rdowns) > 3}"
        self.mention = ctx.mention(tok)
        self.actor = ctx.actor_of(tok)
        self.background = _background_walk(tok)
        self.thing = _thing_kind(self.lemma) if self.pos == "NOUN" and self.actor is None else None


# Verbs of a participle clause that tells what an act set off ("prompting a warning from X").
REACTION_VERBS = frozenset(type_groups()["reaction_verbs"])
# Who a complaint is lodged with that judges it rather than undergoes it (``_venue``).
VENUE_SECTORS = frozenset(type_groups()["venue_codes"])
# Verbs that can tell an attack ("fired", "shelled", "struck"): a result participle is theirs.
ATTACK_VERBS = frozenset(lemma for lemma, entries in triggers().items()
                         if any(e.type == "ASSAULT" and e.pos in ("VERB", "ANY") for e in entries))


def _thing_kind(lemma: str) -> str:
    """What a common noun that names no actor stands for: an act ("condemned the attack", "criticized
    the law"), a place ("bombarded an area", "visited the region"), else a thing read by its word
    ending ("-ion", "-nce": mostly acts and states). Why: a target is who an act is aimed at; the
    act a speaker condemns, or where it happened, is neither, and the annotators leave such an
    event's target empty (or name the act's own actor), while sentence-level gold names a phrase."""
    if lemma in ACT_NOUNS:
        return "act"
    if lemma in PLACE_NOUNS:
        return "place"
    return "suffix=" + lemma[-SUFFIX:]


def _background_walk(tok: Any) -> tuple[frozenset[int], tuple[int, int] | None]:
    """The tokens visited going up from ``tok`` (at most 8) until the root or an
    "after/amid/despite …" phrase, and that phrase's preposition index and right edge, if any.
    The walk does not depend on the trigger, so one walk per head serves every trigger
    (``_in_background_of``)."""
    seen = []
    cur = tok
    for _ in range(8):
        seen.append(cur.i)
        head = cur.head
        if head.i == cur.i:
            return frozenset(seen), None
        if cur.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in BACKGROUND_PREPS:
            return frozenset(seen), (head.i, head.right_edge.i)
        cur = head
    return frozenset(seen), None


def _in_background_of(walk: tuple[frozenset[int], tuple[int, int] | None], trigger_i: int) -> bool:
    """Whether a head sits in an "after/amid/despite …" phrase that the trigger is not in (the
    trigger not on the head's way up to it), from the head's ``_background_walk``."""
    seen, phrase = walk
    if trigger_i in seen or phrase is None:
        return False
    return not (phrase[0] <= trigger_i <= phrase[1])


class _Reading:
    """What the role features read of one candidate act read as one type: its trigger, clause,
    voice and reporting frame (the same for every head of the sentence)."""

    __slots__ = ("cand", "t", "trig", "trig_i", "kind", "passive", "reduced", "victim_i", "speech",
                 "speech_subject_i", "clause_i", "lemma", "trig_q", "source_i", "target_i", "cond_i", "nearest")

    def __init__(self, ctx: "SentenceContext", cand: Any, t: str):
        self.cand = cand
        self.t = t
        trig = self.trig = cand.trigger
        self.trig_i = trig.i
        clause = trig.head if cand.nominal and trig.dep_ in ("dobj", "obj", "pobj") and trig.head.pos_ in ("VERB", "AUX") else trig
        self.clause_i = clause.i
        # A headline passive ("Nine farmers killed as …") is passive voice, and its subject is read as
        # the subject of a passive (``nsubjpass``): the parser takes it for an active one.
        victim = None if cand.nominal else headline_passive_subject(clause)
        self.victim_i = victim.i if victim is not None else None
        clause_deps = [c.dep_ for c in clause.children]
        self.passive = any(d in ("nsubjpass", "auxpass", "csubjpass") for d in clause_deps) or (
            clause.dep_ == "acl" and clause.tag_ == "VBN") or victim is not None
        # A headline's reduced passive ("Nine farmers killed as militants storm …"): a past form with a
        # subject, no auxiliary and no object, whose subject is more often the victim than the doer.
        self.reduced = (not self.passive and not cand.nominal and clause.tag_ in ("VBN", "VBD")
                        and any(d == "nsubj" for d in clause_deps)
                        and not any(d in ("aux", "dobj", "obj", "dative", "ccomp", "xcomp", "attr") for d in clause_deps))
        self.kind = "speech" if cand.speech else "generic" if cand.generic else "nominal" if cand.nominal else "verb"
        speech = _speech_head(clause)
        self.speech = speech is not None
        subj = next((c for c in speech.children if c.dep_ in ("nsubj", "nsubjpass")), None) if self.speech else None
        self.speech_subject_i = subj.i if subj is not None else None
        self.lemma = trig.lemma_.lower()
        self.trig_q = ctx.in_quote(trig)
        self.source_i = cand.source.i if cand.source is not None else None
        self.target_i = cand.target.i if cand.target is not None else None
        self.cond_i = cand.cond_agent.i if cand.cond_agent is not None else None
        self.nearest: tuple[Any, int | None, int | None] | None = None

    def nearest_heads(self, heads: Sequence[Any]) -> tuple[int | None, int | None]:
        """The indices of the nearest candidate head before and after the trigger."""
        if self.nearest is None or self.nearest[0] is not heads:
            before = [h.i for h in heads if h.i < self.trig_i]
            after = [h.i for h in heads if h.i > self.trig_i]
            self.nearest = (heads, before[-1] if before else None, after[0] if after else None)
        return self.nearest[1], self.nearest[2]


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


class SentenceContext:
    """What every candidate of one sentence shares: its mentions, quotes and parse facts.

    Built once per (document, sentence) so scoring many events and candidates stays cheap: the
    token facts, dependency chains and candidate heads are read from spaCy once (each access
    makes a new Python object there) and kept here for every trigger and type of the sentence.
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
        self._doc = sent.doc
        self._rows: list[tuple] | None = None
        self._heads: dict[tuple[int, ...], list[Any]] = {}
        self._facts: dict[int, _TokenFacts] = {}
        self._readings: dict[tuple[int, str], _Reading] = {}
        self._links: dict[int, tuple[int, str, str]] = {}  # token → (head, "^arc", "varc")
        self._chains: dict[int, tuple[int, ...]] = {}
        self._paths: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
        self._places: dict[int, bool] = {}
        self._tools: dict[int, bool] = {}
        self._templates: dict[tuple[int, int], tuple[Any, Any, Any, list[int | str]]] = {}
        self.semicolons = [t.i for t in sent if t.text == ";"]  # each closes a clause
        # the sentence's relative clauses with their first and last token (``_outer_relative_clauses``)
        self.relative_clauses = [(t, t.left_edge.i, t.right_edge.i) for t in sent
                                 if t.dep_ == "relcl" and t.head.i != t.i]
        self.reporters = _reporters(sent)  # "according to …": who tells the sentence's acts
        self.frames = _framing_tellers(sent)  # ", the agency reported,": reporting verb → who tells

    def root_path(self, tok: Any) -> tuple[list[str], list[str]]:
        """The dependency path from the sentence root to ``tok`` (asked for every reading)."""
        return self.path(self.root.i, tok.i)

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

    def candidates(self, trigger_tokens: Sequence[Any]) -> list[Any]:
        """``role_candidates`` of this sentence for a trigger (kept: each type of it asks again)."""
        skip = tuple(t.i for t in trigger_tokens)
        found = self._heads.get(skip)
        if found is None:
            if self._rows is None:
                self._rows = _token_rows(self.sent)
                for _tok, i, _ent, _pos, dep, head_i, _head_pos, lower, _tag, _word in self._rows:
                    arc = f"{dep}:{lower}" if dep in ("prep", "agent") else dep  # as ``_arc``
                    self._links.setdefault(i, (head_i, "^" + arc, "v" + arc))
            found = _select_candidates(self._rows, set(skip))
            found = self._heads[skip] = self._with_owners(found, set(skip))
        return found

    def _with_owners(self, heads: list[Any], skip: set[int]) -> list[Any]:
        """The heads, plus the actor that owns a head which names no actor itself.

        Why: "condemned Prayuth's order", "welcomed Iran's release of the sailors", "demanded
        Blatter's resignation" — the act is aimed at the owner of a thing, and the thing ("order",
        "release", "resignation") is no actor. The owner (a possessive naming a resolved actor,
        outside the subject) is kept as a phrase of its own beside the head; where the head is an
        actor itself ("Mexico's president") it stays the one phrase. A possessive common noun or
        pronoun that names a resolved actor owns its head the same way ("the regime's attacks",
        "cutting off their finance"). Compound owners of any thing ("the Supreme Court ruling", "the
        Iran deal") were tried and cost cross-validated precision; of an act noun they name the
        act's actor ("condemns the ISIL attack", "denied Russian accusations", "denouncing the U.S.
        sanctions"), at whom a reaction to the act is aimed.
        """
        head_set = {h.i for h in heads}
        owners = []
        for tok, i, _ent, pos, dep, head_i, head_pos, _lower, _tag, _word in self._rows:
            if head_pos != "NOUN" or head_i not in head_set or i in skip or tok.head.dep_ in SUBJECT_DEPS:
                continue
            if dep == "poss" and pos in ("PROPN", "NOUN", "PRON"):
                pass
            elif not (dep in ("compound", "amod") and pos in ("PROPN", "ADJ")
                      and tok.head.lemma_.lower() in ACT_NOUNS):
                continue
            if self.actor_of(tok) is not None and self.actor_of(tok.head) is None \
                    and self.mention(tok) is not self.mention(tok.head):
                owners.append(tok)
        if not owners:
            return heads
        return sorted([*heads, *owners], key=lambda t: t.i)

    def where_not_whom(self, head: Any) -> bool:
        """``_where_not_whom`` of a head (kept: every trigger and type of the sentence asks)."""
        return self._kept(self._places, head, lambda h: _where_not_whom(self, h))

    def instrument(self, head: Any) -> bool:
        """``instrument_noun`` of a head (kept: every trigger and type of the sentence asks)."""
        return self._kept(self._tools, head, instrument_noun)

    @staticmethod
    def _kept(table: dict[int, bool], head: Any, check: Callable[[Any], bool]) -> bool:
        found = table.get(head.i)
        if found is None:
            found = table[head.i] = check(head)
        return found

    def facts(self, tok: Any) -> _TokenFacts:
        """The feature facts of one candidate head."""
        found = self._facts.get(tok.i)
        if found is None:
            found = self._facts[tok.i] = _TokenFacts(self, tok)
        return found

    def feature_template(self, cand: Any, tok: Any, index: int, heads: Sequence[Any],
                         known: dict[str, int]) -> list[int | str]:
        """``candidate_features`` of one head with the event type left open, in the same order:
        an int is the weight row of a type-free feature (features without weights dropped), a str
        the rest of a ``T=<type>|…`` feature (``TYPE_SLOT``).

        Why: the decision asks for the roles of one candidate act under each type it may have
        (1.6 types on average on the dev documents), and only the ``T=`` features differ between
        them; the rest is built and looked up once. The order is kept, so the weights are added in
        the same order as from ``candidate_features`` (the same probabilities to the bit).
        """
        key = (id(cand), tok.i)
        found = self._templates.get(key)
        if found is None or found[0] is not cand or found[1] is not heads or found[2] is not known:
            template: list[int | str] = []
            for feat in candidate_features(self, cand, TYPE_SLOT, tok, index, heads):
                if feat.startswith(_OPEN_TYPE):
                    template.append(feat[len(_OPEN_TYPE) - 1:])
                else:
                    row = known.get(feat)
                    if row is not None:
                        template.append(row)
            found = self._templates[key] = (cand, heads, known, template)
        return found[3]

    def reading(self, cand: Any, t: str) -> _Reading:
        """The feature facts of one candidate act read as type ``t``."""
        key = (id(cand), t)
        found = self._readings.get(key)
        if found is None or found.cand is not cand:
            found = self._readings[key] = _Reading(self, cand, t)
        return found

    def _link(self, i: int) -> tuple[int, str, str]:
        found = self._links.get(i)
        if found is None:
            tok = self._doc[i]
            arc = _arc(tok)
            found = self._links[i] = (tok.head.i, "^" + arc, "v" + arc)
        return found

    def _chain(self, i: int) -> tuple[int, ...]:
        """A token and its heads up to the root (at most 40, as ``dependency_path`` walks)."""
        found = self._chains.get(i)
        if found is None:
            chain = [i]
            while len(chain) < 40:
                head = self._link(chain[-1])[0]
                if head == chain[-1]:
                    break
                chain.append(head)
            found = self._chains[i] = tuple(chain)
        return found

    def path(self, a: int, b: int) -> tuple[list[str], list[str]]:
        """``dependency_path`` between the tokens at ``a`` and ``b``, from the kept chains (and
        kept itself: every type of a trigger asks for the same paths; callers never change it)."""
        found = self._paths.get((a, b))
        if found is None:
            found = self._paths[(a, b)] = self._path(a, b)
        return found

    def _path(self, a: int, b: int) -> tuple[list[str], list[str]]:
        up = self._chain(a)
        where = {j: k for k, j in enumerate(up)}
        down = self._chain(b)
        for n, j in enumerate(down):
            if j in where:
                k = where[j]
                return [self._link(x)[1] for x in up[:k]], [self._link(x)[2] for x in reversed(down[:n])]
        return ["^?"], ["v?"]


# The event type of a feature template (``SentenceContext.feature_template``): its ``T=`` features
# read "T=|…" until a type is put in.
TYPE_SLOT = ""
_OPEN_TYPE = f"T={TYPE_SLOT}|"


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
    r = ctx.reading(cand, "YIELD" if etype in YIELD_TYPES else etype)
    f = ctx.facts(tok)
    t, kind, trig_i = r.t, r.kind, r.trig_i
    ups, downs = ctx.path(trig_i, f.i)
    dep = "nsubjpass" if r.victim_i is not None and r.victim_i == f.i else f.dep
    if dep != f.dep and downs and downs[-1] == "vnsubj":
        downs = downs[:-1] + ["vnsubjpass"]
    path = ups + downs
    ptxt = " ".join(path) if len(path) <= MAX_PATH else " ".join(path[:2] + ["…"] + path[-1:])
    side = "before" if f.i < trig_i else "after"
    m, actor, ent = f.mention, f.actor, f.ent_or_o
    voice = "passive" if r.passive else "active"
    feats = [
        "bias", f"path={ptxt}", f"T={t}|path={ptxt}", f"kind={kind}|path={ptxt}",
        f"plen={_bucket(len(path))}", f"up={_bucket(len(ups))}|down={_bucket(len(downs))}",
        f"dep={dep}", f"T={t}|dep={dep}", f"dep={dep}|side={side}",
        f"side={side}", f"T={t}|side={side}", f"dist={_bucket(abs(f.i - trig_i))}|side={side}",
        f"pos={f.pos}", f"ent={ent}", f"T={t}|ent={ent}",
        f"voice={voice}|side={side}",
        f"voice={voice}|path={ptxt}",
        f"kind={kind}|side={side}", f"T={t}|kind={kind}",
    ]
    if r.reduced:
        feats += [f"reduced_passive|path={ptxt}", f"reduced_passive|side={side}|ent={ent}"]
    if len(path) > MAX_PATH:
        feats.append(f"path_tail={' '.join(path[-2:])}")
    if downs:
        feats.append(f"last={downs[-1]}")
        feats.append(f"T={t}|last={downs[-1]}")
    if f.prep is not None:
        feats.append(f"prep={f.prep}")
        feats.append(f"T={t}|prep={f.prep}")
    if f.pos == "NOUN":
        feats.append(f"lemma={f.lemma}")
    if f.pos == "PRON":
        feats.append(f"pron={f.lower}")
    if f.tag in ("NNS", "NNPS"):
        feats.append("plural")
    # Actor knowledge from the actors stage.
    if m is None:
        feats.append("mention=none")
        if f.pos == "NOUN" and not f.ent:
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
            if actor.kind == "state" and f.ent in ("GPE", "LOC", "FAC"):
                feats.append(f"place_as_state|prep={f.pobj_prep}")
            if actor.id in ctx.speakers:
                feats.append("quote_speaker")
                feats.append(f"T={t}|quote_speaker|tq={r.trig_q}")
    if f.thing is not None:
        feats.append(f"thing={f.thing}")
        if not f.thing.startswith("suffix"):
            feats.append(f"T={t}|thing={f.thing}")
            feats.append(f"thing={f.thing}|last={downs[-1] if downs else '='}")
    if f.ent == "LOC":
        feats.append(f"loc|prep={f.pobj_prep}")
    # The parse patterns' choice, as evidence.
    if r.source_i is not None and r.source_i == f.i:
        feats += ["rule_source", f"T={t}|rule_source", f"kind={kind}|rule_source"]
    if r.target_i is not None and r.target_i == f.i:
        feats += ["rule_target", f"T={t}|rule_target", f"kind={kind}|rule_target"]
    if r.cond_i is not None and r.cond_i == f.i:
        feats.append(f"T={t}|cond_agent")
    # Quotes: the speaker speaks; an actor inside the quote is not the speaker's act's source.
    in_q, trig_q = f.in_quote, r.trig_q
    if in_q or trig_q:
        feats.append(f"in_quote={in_q}|trig_in_quote={trig_q}")
    if r.speech:
        if r.speech_subject_i is not None and r.speech_subject_i == f.i:
            feats += ["speech_subject", f"T={t}|speech_subject", f"kind={kind}|speech_subject"]
        feats.append(f"under_speech|side={side}")
    # Coordination ("X and Y signed a deal"): PLV codes the first as source, the second as target.
    if f.conj_of is not None:
        feats.append(f"conj_of={f.conj_of}")
        feats.append(f"T={t}|conj_of={f.conj_of}")
        first_head_i, first_dep = f.conj_of_arg
        if first_head_i == r.clause_i:  # "The US and South Korea failed to agree": a conjunct of the clause's argument
            feats.append(f"conj_of_arg={first_dep}")
            feats.append(f"T={t}|conj_of_arg={first_dep}")
    if f.has_conj:
        feats.append(f"has_conj|dep={f.dep}")
    # The sentence root as a second anchor: the trigger may be a secondary verb of the sentence.
    feats.append(f.rpath)
    # The trigger word itself: "release X to Y", "let free X", "call on X".
    feats.append(f"trig={r.lemma}|last={downs[-1] if downs else ups[-1] if ups else '='}")
    if f.prep is not None:
        feats.append(f"gov={f.gov}|prep={f.prep}")
    if f.i in ctx.root_subjects:
        feats.append(f"root_subject|trig_root={trig_i == ctx.root.i}")
    if _in_background_of(f.background, trig_i):
        feats.append("background")
    # Order among the candidates: the nearest phrase before/after the trigger.
    nearest_before, nearest_after = r.nearest_heads(heads)
    if nearest_before == f.i:
        feats.append("nearest_before")
    if nearest_after == f.i:
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
        # The weights and one row of zeros after them (``probabilities`` pads rows with it).
        self._padded = np.vstack([self.weights, np.zeros((1, len(LABELS)))])
        self._zero_row = len(self.weights)
        decode = meta.get("decode", {})
        self.min_source = float(decode.get("min_source", 0.5))
        self.min_target = float(decode.get("min_target", 0.5))
        self.same_country = float(decode.get("same_country", 1.0))
        self.meta = {k: v for k, v in meta.items() if k != "weights"}
        self._last: tuple[Any, tuple[int, int, int], SentenceContext] | None = None

    def probabilities(self, feature_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """SOURCE/TARGET/NONE probabilities, one row per candidate's feature list.

        All rows at once: each row's weights are added in its features' order (a running sum,
        as one row's ``sum(axis=0)`` adds them), so the result does not depend on the batch.
        """
        get = self.index.get
        return self._row_probabilities([[j for j in map(get, feats) if j is not None] for feats in feature_lists])

    def _row_probabilities(self, rows: Sequence[Sequence[int]]) -> np.ndarray:
        """``probabilities`` of candidates given as the weight rows of their features, in order."""
        n = len(rows)
        width = max(map(len, rows), default=0)
        if width:
            idx = np.full((n, width), self._zero_row, dtype=np.intp)
            for r, row in enumerate(rows):
                idx[r, :len(row)] = row
            # Padding reads a row of zeros: adding 0.0 leaves a running sum unchanged.
            sums = np.add.accumulate(self._padded[idx], axis=1)[:, -1]
        else:
            sums = np.zeros((n, len(LABELS)), dtype=np.float64)
        z = self.bias + sums
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

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
        if last is not None and last[0] is adoc and last[1] == (id(sent.doc), sent.start, sent.end):
            return last[2]
        ctx = SentenceContext(adoc, sent)
        self._last = (adoc, (id(sent.doc), sent.start, sent.end), ctx)
        return ctx

    def _assign(self, ctx: SentenceContext, sent: Any, cand: Any, etype: str) -> RoleAssignment:
        heads = ctx.candidates([cand.trigger, *cand.extra_tokens])
        if not heads:
            return RoleAssignment(None, None, 0.0, 0.0)
        probs = self._row_probabilities(self._feature_rows(ctx, cand, etype, heads))
        background = _background_clauses(cand)
        host_conjunct = _host_conjunct(cand)
        later_clause = _later_conjunct_clause(cand)
        asked_for = _asked_for(cand) if etype == "REQUEST" else set()
        not_target = {k for k, h in enumerate(heads) if (etype in COOPERATIVE_TYPES and _opposed(h, cand.trigger))
                      or _outside_participle_clause(h, cand) or _outside_relative_clause(h, cand)
                      or h.i in host_conjunct or h.i in later_clause or h.i in asked_for
                      or (etype in HOSTILE_TYPES and _protected(h)) or h.i in background}
        subject = _own_subject(cand, etype)
        bearer = _participle_bearer(cand)
        if bearer is not None and ctx.actor_of(bearer) is None:
            # "an EU statement condemning the strikes": the statement's owner condemns
            bearer = next((c for c in bearer.children if c.dep_ in ("compound", "poss")
                           and ctx.actor_of(c) is not None), None)
        if subject is None and bearer is not None and ctx.actor_of(bearer) is not None:
            subject = bearer  # "appreciated U.S. diplomats condemning the order": the diplomats condemn
        head_ids = {h.i for h in heads}
        not_source = {k for k, h in enumerate(heads) if _outside_nominal_act(h, cand) or _outside_antecedent(h, cand)
                      or (subject is not None and not _in_phrase(h, subject)) or _described(h, head_ids, cand.trigger)}
        k = next((k for k, h in enumerate(heads) if subject is not None and h.i == subject.i), None)
        if k is not None and ctx.actor_of(subject) is not None and probs[k][SOURCE] <= self.min_source:
            # the parse names the doer and the actors stage knows it: it is a source option even
            # where the model, unsure of a long path ("He warned, …, and expressed support"), is not
            probs = probs.copy()
            probs[k][SOURCE] = self.min_source + 1e-6  # just above "no source"

        # "Houthis claim missile attack on cargo ship; U.S. strikes back": a semicolon closes a clause
        # (the parser may still hang one on the other's verb)
        if ctx.semicolons:
            beyond = {k for k, h in enumerate(heads)
                      if any(min(h.i, cand.trigger.i) < i < max(h.i, cand.trigger.i) for i in ctx.semicolons)}
            not_source |= beyond
            not_target |= beyond
        places = {k for k, h in enumerate(heads) if ctx.where_not_whom(h) or _place_word(ctx, h, cand)}
        not_target |= places
        # "several people were detained after scuffles near parliament": what an act happened
        # near, outside or behind is where, never who did it
        not_source |= {k for k, h in enumerate(heads) if h.dep_ == "pobj" and h.head.lower_ in SPATIAL_PREPS
                       and not is_act_noun(h)}
        # "the mother of a Dutch journalist held by rebels appealed …": the kin appeals, not the journalist
        not_source |= {k for k, h in enumerate(heads) if h.dep_ == "pobj" and h.head.lower_ == "of"
                       and h.head.head.lemma_.lower() in KIN_NOUNS}
        if cand.nominal and cand.background:
            # "despite continued Turkish shelling, the YPG captured the village": an act told as the
            # circumstance of another is done to whom its own phrase names, not to that act's actors
            own = {t.i for t in cand.trigger.subtree}
            not_target |= {k for k, h in enumerate(heads) if h.i not in own}
            if any(ctx.actor_of(t) is not None for t in _named_in_front(cand.trigger)):
                # ("despite heavy Russian shelling, Ukrainian troops …": the shelling is Russian)
                not_source |= {k for k, h in enumerate(heads) if h.i not in own}
        # a village or a town may undergo an act (its people do), never do one ("twenty civilians
        # died in a blast in the rebel-held town": not the town, nor the rebels holding it)
        not_source |= {k for k, h in enumerate(heads) if _names_a_place(h) or _facility_on_act(h)}
        # "Arizona Democratic Senator Ann Dorsey and …": the place in front of a named actor says
        # where that actor is from; the actor is the doer or the one the act is done to
        from_place = {k for k, h in enumerate(heads) if _home_of_named(ctx, h, head_ids)}
        not_source |= from_place
        not_target |= from_place
        described = _as_complement(cand) | (_medium_audience(cand) if etype not in ("REQUEST", "CONSULT") else set())
        not_target |= {k for k, h in enumerate(heads) if h.i in described}
        if cand.speech and etype not in ("REQUEST", "CONSULT"):
            audience = _audience(cand.trigger)
            not_target |= {k for k, h in enumerate(heads) if h.i in audience}
        judge = _judge_of(cand)
        if judge:  # "condemns the attacks in Jabla, which injured dozens": the condemner injured no one
            not_source |= {k for k, h in enumerate(heads) if h.i in judge}
            if cand.nominal and any(c.dep_ in ("prep", "agent") and c.lower_ in ("by", "on", "against")
                                    for c in cand.trigger.children):
                # "condemned the attack by militants on an army base": nor was it done to the judge
                not_target |= {k for k, h in enumerate(heads) if h.i in judge}
        accuser = _accuser(cand)
        if accuser:  # "Syria accused Israel of bombarding …": Syria bombarded nothing
            not_source |= {k for k, h in enumerate(heads) if h.i in accuser}
        receiver = _receiver(cand)
        if receiver:  # "the YPG received arms supplies from Moscow": the YPG got them
            not_source |= {k for k, h in enumerate(heads) if h.i in receiver}
            act = _subject(cand.trigger.head)
            if act is not None and is_act_noun(act):
                # "Israel's killing of the commander drew warnings from Iran": the killing's phrase
                # is no one warned (its doer, inside it, is); who it is drawn from warns
                not_target |= {k for k, h in enumerate(heads) if h.i in receiver}
                if cand.source is not None:
                    probs = probs.copy()
                    for k, h in enumerate(heads):
                        if h.i == cand.source.i:
                            probs[k][SOURCE] = max(probs[k][SOURCE], self.min_source + 1e-6)
                            not_target.add(k)
        if ctx.reporters:  # "30 people were arrested, according to the Law Society of Kenya": who tells it
            not_source |= {k for k, h in enumerate(heads) if h.i in ctx.reporters}
            not_target |= {k for k, h in enumerate(heads) if h.i in ctx.reporters}
        # ", the judiciary's news agency reported, drawing condemnation from rights groups": who tells
        # the sentence inside a reporting frame is no one's target there
        tellers = {t for verb, told in ctx.frames.items() if verb != cand.trigger.i for t in told}
        not_target |= {k for k, h in enumerate(heads) if h.i in tellers}
        if etype in HOSTILE_TYPES:  # "sanctioned Russian officials over the jailing of Navalny": the reason
            beside = _restored(cand) | _answered_victims(cand) | _reason(cand) | _helped(cand)
            not_target |= {k for k, h in enumerate(heads) if h.i in beside}
        if etype == "ACCUSE":  # "accusing it of supporting coup plotters": whom it is accused of helping
            charge = _charge_of_the_accused(cand)
            not_target |= {k for k, h in enumerate(heads) if h.i in charge}
        if etype == "REJECT":  # "denied that the plane had crossed into Greek airspace": a claim, not whom it rejects
            denied = _denied_clause(cand)
            not_target |= {k for k, h in enumerate(heads) if h.i in denied}
            refused = _refused_things(ctx, cand)
            not_target |= {k for k, h in enumerate(heads) if h.i in refused}
        if etype in JUDGING_TYPES or etype == "PROTEST":  # "condemned the attack on the embassy": the
            # embassy was attacked; "welcomes the liberation of Sinjar": the town was liberated (the
            # praise is the liberators'); "protested the conviction of the activists": they were convicted
            victims = _victims_of_judged_act(cand)
            not_target |= {k for k, h in enumerate(heads) if h.i in victims}
        crowd = crowd_demanding(cand.trigger)
        blamed = _named_doers(cand) or _accused(cand) or ({crowd.i} if crowd is not None else set())
        # "drone strikes blamed on the RSF": the RSF struck (and "… supporters who marched on the
        # commission, demanding …": the people of the relative clause a free "demanding" continues)
        if blamed:
            not_source |= {k for k, h in enumerate(heads) if h.i not in blamed}
            not_target |= {k for k, h in enumerate(heads) if h.i in blamed}
            probs = probs.copy()
            for k, h in enumerate(heads):
                if h.i in blamed:
                    probs[k][SOURCE] = max(probs[k][SOURCE], self.min_source + 1e-6)
        if etype not in MUTUAL_TYPES:
            # "Rights groups and some politicians expressed alarm": who acts together with the
            # subject acts beside it, not upon it (a meeting or a deal is mutual: "X and Y met")
            subject_group = _coordinated_with_subject(cand)
            not_target |= {k for k, h in enumerate(heads) if h.i in subject_group}
        elsewhere = _moved(cand) | _own_moved(cand) | _next_clauses(cand) | _where_sent(cand) | _relative_objects(cand) \
            | _outer_relative_clauses(ctx, cand) | _previous_verbs_complements(cand) | _reactions(cand) \
            | _tellers_objects(cand)
        not_target |= {k for k, h in enumerate(heads) if h.i in elsewhere or _feels(h, cand)}
        if any(ctx.actor_of(o) is not None for o in _own_objects(cand)):
            # "said the Americans were freed and thanked Qatar": who the first verb tells of is
            # not whom the second, with an object of its own, is done to
            told_of = _first_verbs_subjects(cand)
            not_target |= {k for k, h in enumerate(heads) if h.i in told_of}
        # "a Russian-backed offensive", "Iran-backed militias", "the Kenyan-led mission launched
        # operations": the patron is neither side of the act
        patrons = {k for k, h in enumerate(heads) if _patron(h) or _affiliate(h, cand.trigger)}
        not_target |= patrons
        not_source |= patrons
        fired = _fired(cand)
        tools = {k for k, h in enumerate(heads) if ctx.instrument(h) or h.i in fired}
        # a weapon is what an act is done with, never whom it is done to; one named with its owner
        # stands for the owner ("shot down four Houthi drones": the Houthis)
        not_target |= {k for k in tools if not _owned(ctx, heads[k]) or _doers_own(heads[k], cand.trigger)}
        # nor is the pronoun that owns the doer's own weapon ("detonated his explosives": his)
        not_target |= {k for k, h in enumerate(heads) if h.dep_ == "poss" and h.pos_ == "PRON"
                       and ctx.instrument(h.head) and _doers_own(h.head, cand.trigger)}
        # "Russian missiles struck …", "a Houthi missile hit …": a weapon named with its owner
        # stands for the owner (the phrase's actor is the owner's), one without is no doer
        not_source |= {k for k in tools if not _owned(ctx, heads[k])}
        undergoers = _objects(cand) - ({bearer.i} if bearer is not None else set())
        if not cand.nominal and (swallowed := swallowed_subject(cand.trigger)) is not None:
            undergoers.discard(swallowed.i)  # ("threw stones and police fired …": police are no stones)
        if not cand.nominal:  # … nor whom the stones were thrown at
            later = {t.i for v in cand.trigger.children if v.dep_ == "conj" and (t := swallowed_subject(v)) is not None}
            not_target |= {k for k, h in enumerate(heads) if h.i in later}
        not_source |= places | {k for k, h in enumerate(heads) if h.i in undergoers or _scene_of_a_verb(h)}
        undergoer, doer = _passive_roles(cand)
        doc = cand.trigger.doc  # (an undergoer lies inside its own phrase)
        not_source |= {k for k, h in enumerate(heads) if h.i not in doer and (
            bool(doer) or any(_in_phrase(h, doc[u]) for u in undergoer))}
        if not doer and undergoer:
            not_source |= {k for k, h in enumerate(heads) if _outside_agentless_passive(h, cand.trigger)}
        not_target |= {k for k, h in enumerate(heads) if h.i in doer}
        if etype in JUDGING_TYPES:  # "file a complaint with the U.N. Security Council": where, not against whom
            venue = _venue(ctx, cand)
            not_target |= {k for k, h in enumerate(heads) if h.i in venue}
        if etype == "CONSULT":  # "met to discuss Ukraine", "a meeting on Ukraine": what, not whom
            topic = _topic(cand)
            # (nor is a place visited: "the governor visited the town", whose people meet no one)
            not_target |= {k for k, h in enumerate(heads) if h.i in topic
                           or (h.pos_ == "NOUN" and h.lemma_.lower() in PLACE_NOUNS)}
        # The only target when the parse names it: who a taking act takes from ("seized Menagh from
        # the Syrian government", not the town), the dead of a casualty verb ("civilians were
        # killed in Russian airstrikes", not the town hit), who receives a nominal act ("the SDF
        # received arms supplies from the U.S.")
        named = set(receiver)
        if etype in HOSTILE_TYPES:
            named |= _holder(cand)
        taken_place = _taken_place(cand)
        not_target |= {k for k, h in enumerate(heads) if h.i in taken_place}
        if etype == "ASSAULT":
            named |= _casualties(cand) | _killed(cand) | _fired_at(cand, fired)
            dead = _relative_casualties(cand)  # (a relative clause's object, yet the attack's dead)
            named |= dead
            not_target -= {k for k, h in enumerate(heads) if h.i in dead}
            aimed_at, taken = _aimed_by_purpose(cand)
            named |= aimed_at | _aimed_with_the_means(cand)
            not_target |= {k for k, h in enumerate(heads) if h.i in taken}
        if etype == "CONSULT":
            named |= _met_on_the_trip(cand)
        if etype == "THREATEN":
            named |= {i for i in _threatened(cand) if ctx.actor_of(cand.trigger.doc[i]) is not None}
            # "Gallant warned that Israel would respond with full force": the speaker's own state
            # does what is threatened; it is not whom the threat is aimed at
            speaker = ctx.actor_of(subject) if subject is not None else None
            if speaker is not None and speaker.country:
                own_side = {c.i for x in cand.trigger.children if x.dep_ == "ccomp" for c in x.children
                            if c.dep_ == "nsubj" and (a := ctx.actor_of(c)) is not None and a.country == speaker.country}
                not_target |= {k for k, h in enumerate(heads) if h.i in own_side}
        if etype in JUDGING_TYPES:
            named |= _owner_of_judged_thing(ctx, cand)
            # "condemns the attacks in Jabla, for which Daesh has claimed responsibility": Daesh
            # (the relative clause that claims the act names the target, though it hangs on a place)
            # (or on the verb: "condemns the bombings on Sunday in the port of Aden, for which …")
            claimed = {t.i for o in cand.trigger.children if o.dep_ in ("dobj", "obj", "prep") for t in claimants(o)
                       if ctx.actor_of(t) is not None}
            named |= claimed
            not_target -= {k for k, h in enumerate(heads) if h.i in claimed}
        if etype == "AID":
            named |= _helped_by_purpose(cand) | _recipients(cand)
            given = _given_things(cand)  # "provided air support and intelligence for the operation"
            given |= _fought_by_purpose(cand)  # ("gave the rebels weapons to fight the army")
            not_target |= {k for k, h in enumerate(heads) if h.i in given}
        if etype == "REQUEST":  # "demanded the YPG withdraw from the border town": the YPG is asked
            named |= {c.i for x in cand.trigger.children if x.dep_ == "ccomp"
                      for c in x.children if c.dep_ == "nsubj" and ctx.actor_of(c) is not None}
            # "demanded that the ousted president be freed", "called for the activist to be released":
            # who is to undergo the act is not the one asked
            clauses = [x for x in cand.trigger.children if x.dep_ in ("ccomp", "xcomp", "advcl")]
            clauses += [x for p in cand.trigger.children if p.dep_ == "prep" and p.lower_ == "for"
                        for x in p.subtree if x.dep_ in ("ccomp", "xcomp", "advcl", "pcomp") and x.tag_ == "VBN"]
            undergo = {t.i for x in clauses for c in x.children if c.dep_ == "nsubjpass" for t in (c, *c.conjuncts)}
            not_target |= {k for k, h in enumerate(heads) if h.i in undergo}
            if cand.speech:  # "told reporters … that Israel must stop its attacks": Israel is asked
                # (a pronoun there is mostly the one told: "telling supporters they must work hard")
                named |= {c.i for c in obliged_subjects(cand.trigger) if c.pos_ != "PRON"
                          and ctx.actor_of(c) is not None}
        patient = _patient_described(cand)
        if patient is not None and ctx.actor_of(patient) is not None:
            named.add(patient.i)  # "the uncle of a Kuwaiti seized by Houthi fighters": the Kuwaiti
        first, second = _between(cand)
        if first is None:  # "Israel and Hamas accuse each other": the first side, then the other
            first, second = _reciprocal(cand)
            not_target -= {k for k, h in enumerate(heads) if h.i in second}
            if first is None and _done_to_each_other(cand):
                # "two factions of the cartel began fighting each other after the arrest of a
                # leader": one group, its parts against each other — no one else is the target
                not_target |= set(range(len(heads)))
        parties = _brought_together(cand) if etype in MUTUAL_TYPES else None
        if parties is not None:  # "Qatar and Egypt mediated talks between Israel and Hamas"
            beside_subject = _coordinated_with_subject(cand)
            not_target |= {k for k, h in enumerate(heads) if h.i in beside_subject}
            named |= parties
        elif first is None and etype in MUTUAL_TYPES and not (etype == "CONSULT" and _met_another(ctx, cand)):
            # "Russia and Ukraine exchanged 95 prisoners", "X and Y signed a deal": PLV's reading,
            # the first side is the source, the other the target (not what they exchanged)
            sides = sorted(_coordinated_with_subject(cand))
            if sides:
                first, second = cand.trigger.doc[sides[0]], set(sides[1:])
        if first is not None:
            # "clashes between the army and Islamist militants", "talks between Iran and the US":
            # the first side is the source, the other the target
            not_source |= {k for k, h in enumerate(heads) if h.i != first.i}
            named |= second
        only = {k for k, h in enumerate(heads) if h.i in named}
        if only and not only & not_target:
            not_target |= {k for k in range(len(heads)) if k not in only}
            not_source |= only
            probs = probs.copy()
            for k in only:
                probs[k][TARGET] = max(probs[k][TARGET], self.min_target + 1e-6)
        return decode_roles(heads, probs, self.min_source, self.min_target, ctx, self.same_country, not_target,
                            not_source)

    def _feature_rows(self, ctx: SentenceContext, cand: Any, etype: str, heads: Sequence[Any]) -> list[list[int]]:
        """The weight rows of ``candidate_features`` for every head, from the sentence's
        type-free templates with this event's type put in (the same rows, in the same order)."""
        prefix = "T=" + ("YIELD" if etype in YIELD_TYPES else etype)
        get = self.index.get
        rows = []
        for k, h in enumerate(heads):
            row = []
            for item in ctx.feature_template(cand, h, k, heads, self.index):
                if item.__class__ is str:
                    item = get(prefix + item)
                    if item is None:
                        continue
                row.append(item)
            rows.append(row)
        return rows


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


def instrument_noun(head: Any) -> bool:
    """Whether a head names what an act is done with ("tear gas", "22 munitions", "rockets"; a
    headline's capitalised "Drone attack hits …", which the tagger calls a name but no entity; a
    bare noun listed before a craft, "bomber, fighter and remotely piloted aircraft", is a kind of
    it, not the fighters who fly it)."""
    if head.pos_ != "NOUN" and not (head.pos_ == "PROPN" and not head.ent_type_ and head.is_title):
        return False
    lemma = head.lemma_.lower()
    before = head.doc[head.i - 1] if head.i > head.sent.start else None
    two = f"{before.lemma_.lower()} {lemma}" if before is not None and before.dep_ == "compound" else None
    # (a capitalised plural the tagger calls a name keeps its plural as lemma: "Rockets were fired …")
    plural = head.pos_ == "PROPN" and head.lower_.endswith("s") and not head.lower_.endswith("ss")
    if {lemma, head.lower_, two, head.lower_[:-1] if plural else None} & INSTRUMENT_NOUNS:
        return True
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if (lemma in CRAFT_NOUNS or head.lower_ in CRAFT_NOUNS) and first.dep_ in ("dobj", "obj") \
            and first.head.lemma_.lower() in USING_VERBS:
        return True  # "strikes using … aircraft": what the act is done with
    return kind_of_craft(head)


def _owned(ctx: SentenceContext, head: Any) -> bool:
    """Whether a thing is named with its owner, an actor ("Russian missiles", "Hezbollah rockets",
    "Iran's drones"); "Iranian-made drones" name a maker, not an owner (the actor hangs off "made"),
    and "remotely piloted aircraft" none (a participle is no owner, though the phrase is one actor)."""
    return any(c.dep_ in ("amod", "compound", "poss") and c.tag_ not in ("VBN", "VBG")
               and ctx.actor_of(c) is not None for c in head.children)


def _doers_own(head: Any, trigger: Any) -> bool:
    """Whether a weapon the trigger's subject acts with is owned through a possessive pronoun
    ("the bomber detonated his explosives", "the rebels fired their rockets"): the doer's own, so
    no one it was done to."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children) \
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children)


def _home_of_named(ctx: SentenceContext, head: Any, head_ids: set[int]) -> bool:
    """Whether ``head`` is a place name modifying another candidate that is a named actor ("Ohio
    Representative Mark Fell", "Texas Governor Greg Abbott"): the place is whose they are."""
    return head.ent_type_ == "GPE" and head.dep_ in ("nmod", "compound") and head.head.i in head_ids \
        and head.head.ent_type_ == "PERSON" and ctx.actor_of(head.head) is not None


def _described(head: Any, head_ids: set[int], trigger: Any) -> bool:
    """Whether a head lies inside an apposition or a relative clause that describes another
    candidate ("Esmail Qaani, the head of Iran's Quds Force, arrived …": the Quds Force is how
    Qaani is described; "Al-Shabab, which is allied with al-Qaeda, has carried out bombings"). The
    described phrase is the doer, never something named inside its description."""
    cur = head
    for _ in range(8):
        if cur.dep_ in ("appos", "relcl") and cur.head.i in head_ids and (cur.i != head.i or cur.dep_ == "relcl") \
                and not (cur.left_edge.i <= trigger.i <= cur.right_edge.i):  # (an act told inside it has its own doer)
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _where_not_whom(ctx: SentenceContext, head: Any) -> bool:
    """Whether ``head`` is a place named as where things happened ("attacked a US base in Syria",
    "rallied in downtown Chicago"): a toponym after a locative preposition that the actors stage
    did not read as an actor, or a place noun there ("marched in the Miramar neighborhood"). Never
    the target (the geo stage makes it the event location)."""
    place_noun = head.pos_ == "NOUN" and head.lemma_.lower() in PLACE_NOUNS
    if head.dep_ == "pobj" and head.head.lower_ in SPATIAL_PREPS and head.pos_ == "NOUN" and not names_people(head):
        return True  # "opened fire on a patrol near the temple": a landmark beside the act, never whom
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in PLACE_NOUNS \
            and head.head.head.dep_ == "pobj":
        # "in the town of Tel Tamer": where the town is, so is Tel Tamer (whatever the tagger calls it)
        head, place_noun = head.head.head, True
    elif head.dep_ in ("amod", "compound", "poss") and head.head.pos_ == "NOUN" \
            and head.head.lemma_.lower() in PLACE_NOUNS and head.head.dep_ == "pobj":
        # "fired missiles from Lebanese airspace": the owner of a place an act happened in is where
        head, place_noun = head.head, True
    if head.ent_type_ not in ("GPE", "LOC", "FAC") and not place_noun and not _toponym(ctx, head):
        return False
    first = head  # "attacked bases in Iraq and Syria": a later conjunct shares the first one's preposition
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ in ("nmod", "compound") and first.head.dep_ == "pobj" and first.head.pos_ == "NOUN" \
            and first.head.lemma_.lower() in PLACE_NOUNS:
        first = first.head  # "in Kabul and Paktika province": the names modify the place noun
    if first.dep_ == "pobj":
        prep = first.head
    else:  # "Near Mosul, five strikes …": the parser may miss a capitalised opening preposition
        prep = head.left_edge if head.left_edge.i < head.i else (
            head.doc[head.i - 1] if head.i > head.sent.start else None)
    if place_noun and prep is not None and prep.lower_ == "from":
        # "from Lebanese airspace", "from the border area": a place left (a state is not: "aid from Russia")
        return True
    if prep is None or prep.lower_ not in LOCATIVE_PREPS or prep.lower_ in MOTION_PREPS:
        return False
    actor = ctx.actor_of(head)
    # a place read as its people, its state or a body seated there ("met in Brussels")
    return place_noun or actor is None or actor.kind != "person"


def _toponym(ctx: SentenceContext, head: Any) -> bool:
    """Whether the places stage read ``head`` as a place below a country ("halted its work in
    Bentiu": a town the tagger does not know as one)."""
    return any(loc.start is not None and loc.start <= head.idx < (loc.end or loc.start) and loc.feature != "country"
               for loc in ctx.adoc.locations)


def _accuser(cand: Any) -> set[int]:
    """The token indices of who accuses or blames someone of the act a gerund tells ("Chad has
    accused Sudan of shelling a village", "the minister blamed the rebels for shelling the town"):
    the accuser did not do it; the accused did."""
    trigger = _charged_gerund(cand)
    if trigger is None or trigger.dep_ != "pcomp" \
            or not (trigger.head.lower_ in ("of", "for", "over") or alleged_act(trigger)):
        return set()
    verb = accusing_verb(trigger.head)
    if verb.lemma_.lower() not in ACCUSING_VERBS or not any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return set()
    return _subject_group(verb)


def _accused(cand: Any) -> set[int]:
    """The token indices of who is accused of the act a gerund tells ("accused some police units of
    carrying out summary executions", "the militias were accused of abducting activists", "two
    companies it accused of supplying drones"): the accused did it (as alleged; the modality says so)."""
    trigger = _charged_gerund(cand)
    if trigger is None or not alleged_act(trigger):
        return set()
    verb = accusing_verb(trigger.head)
    accused = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass") and c.tag_ not in ("WP", "WDT")]
    if not accused and (verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBN")) \
            and verb.head.i != verb.i:
        # "two companies it accused of supplying drones", "a man who had been convicted of killing
        # a militiaman", "sanctions on individuals accused of obstructing the peace process": the
        # noun the clause is on
        accused = [verb.head]
    return {t.i for c in accused for t in (c, *c.conjuncts)}


def _charged_gerund(cand: Any) -> Any:
    """The gerund that may tell what someone is accused of: the trigger itself, or the verb that
    carries a nominal trigger ("accused the army of carrying out air strikes"), read back through
    the gerunds joined to it ("blamed the West for … and backing protests") and the act it is the
    means of ("accused the army of violating the truce by shelling villages"); None when a
    nominal trigger hangs on no gerund."""
    trigger = cand.trigger
    if cand.nominal:
        if trigger.dep_ not in ("dobj", "obj") or trigger.head.tag_ != "VBG":
            return None
        trigger = trigger.head
    elif finite_host(trigger) is not None:
        return None  # "accused France of plotting … and ordered French troops to leave": told, not charged
    while trigger.dep_ == "conj" and trigger.head.i != trigger.i:
        trigger = trigger.head
    return means_owner(first_gerund(trigger))


def _reason(cand: Any) -> set[int]:
    """The token indices of the reason a hostile act gives when it names whom it is done to
    ("sanctioned Russian officials over the jailing of Navalny", "arrested him for insulting the
    king", "targeted an army post in response to the killing of civilians"): who the reason names
    is not the act's target (the object is)."""
    trigger = cand.trigger
    if cand.nominal or not any(c.dep_ in ("dobj", "obj") for c in trigger.children):
        return set()
    return {t.i for c in trigger.children if c.dep_ == "prep" and (c.lower_ in ("over", "for") or (
        c.lower_ == "in" and any(g.dep_ == "pobj" and g.lemma_.lower() in ANSWER_NOUNS for g in c.children)))
        for t in c.subtree}


def _answered_victims(cand: Any) -> set[int]:
    """The token indices of who underwent the act a threat or a hostile act answers ("vowed
    revenge against the attack on its consulate", "threatened retaliation for the strike on its
    embassy"): the earlier act's victims are not whom the answer is aimed at (its doer is)."""
    if cand.nominal:
        return set()
    holders = [cand.trigger, *(c for c in cand.trigger.children if c.dep_ in ("dobj", "obj"))]
    acts = [g for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in ("for", "against", "over")
            for g in p.children if g.dep_ == "pobj" and g.lemma_.lower() in ACT_NOUNS]
    return {t.i for a in acts for p in a.children if p.dep_ == "prep" and p.lower_ in VICTIM_PREPS
            for t in p.subtree}


def _helped(cand: Any) -> set[int]:
    """The token indices of whom a hostile act noun helps ("coalition airstrikes continue to
    support Iraqi forces", "strikes helped Kurdish fighters retake the town"): the act is done
    for them, not to them."""
    trigger = cand.trigger
    if not cand.nominal or trigger.dep_ not in ("nsubj", "nsubjpass"):
        return set()
    verb = trigger.head
    while verb.dep_ == "xcomp" and verb.head.i != verb.i and verb.lemma_.lower() not in HELPING_VERBS:
        verb = verb.head
    helping = verb if verb.lemma_.lower() in HELPING_VERBS else next(
        (c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in HELPING_VERBS), None)
    if helping is None:
        return set()
    return {t.i for c in helping.children if c.dep_ in ("dobj", "obj", "xcomp", "ccomp") for t in c.subtree}


def _restored(cand: Any) -> set[int]:
    """The token indices of whom a hostile act's purpose clause would restore or protect ("threatened
    to use force to restore ousted President Mohamed Bazoum"): the act is for them, against whoever
    holds power instead. Purpose clauses ("to …") under the trigger, two levels down at most."""
    out: set[int] = set()
    level = _trigger_verbs(cand)  # ("launched an offensive to free the hostages")
    for _ in range(2):
        nxt = [c for v in level for c in v.children if c.dep_ in ("xcomp", "advcl", "acl") and c.pos_ == "VERB"]
        for verb in nxt:
            if verb.lemma_.lower() in RESTORING_VERBS and any(c.lower_ == "to" for c in verb.children):
                out |= {t.i for c in verb.children if c.dep_ in ("dobj", "obj") for t in c.subtree}
        level = nxt
    return out


def _judge_of(cand: Any) -> set[int]:
    """The token indices of who judges the thing an act is told inside ("the United States
    condemns the attacks in Jabla, which injured dozens", "welcomed the release of the
    prisoners"): the judge did not do the act. Found by walking up from the trigger to the object
    of a judging verb (``judging_verbs``)."""
    cur = cand.trigger
    for _ in range(8):
        if cur.head.i == cur.i:
            return set()
        if cur.dep_ in ("dobj", "obj", "prep", "advcl", "npadvmod") and cur.head.lemma_.lower() in JUDGING_VERBS:
            if _main_verb_read_as_participle(cur.head):
                return {cur.head.head.i}  # ("The UN chief condemned Monday's attack …")
            return _subject_group(cur.head)  # (not a verb coordinated with it: "condemned it and imposed …")
        cur = cur.head
    return set()


def _refused_things(ctx: SentenceContext, cand: Any) -> set[int]:
    """The token indices of what a refused act is about, no actor ("refused to supply so-called
    MANPADS"): not whom the refusal is aimed at (a coded actor there may be: "refused to meet Putin")."""
    return {t.i for c in cand.trigger.children if c.dep_ == "xcomp" for t in c.subtree
            if t.pos_ in ("NOUN", "PROPN") and not _coded_actor(ctx.actor_of(t))}


def _coded_actor(actor: Any) -> bool:
    """Whether an actor has a country or a sector (a name no code explains may be a thing)."""
    return actor is not None and bool(actor.country or actor.sector)


def _denied_clause(cand: Any) -> set[int]:
    """The token indices of the clause a denial says is untrue ("denied that the plane had crossed
    into Greek airspace", "rejected claims that its forces fired"): what is denied, not whom the
    denial answers."""
    trigger = cand.trigger
    out = {t.i for c in trigger.children if c.dep_ == "ccomp" for t in c.subtree}
    # "denied targeting civilians", "denied using excessive force": the act denied, with its object
    out |= {t.i for c in trigger.children if c.dep_ in ("xcomp", "dobj", "obj") and c.tag_ == "VBG" for t in c.subtree}
    for c in trigger.children:  # "rejected claims that …", "denied reports that …"
        if c.dep_ in ("dobj", "obj"):
            out.update(t.i for g in c.children if g.dep_ in ("acl", "ccomp") for t in g.subtree)
    return out


def _subject_group(verb: Any) -> set[int]:
    """The token indices of a verb's subject and its conjuncts, the subject inherited by a verb
    joined to another ("The army denied the charge and accused Indian forces of …": the army)."""
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
    return {t.i for c in verb.children if c.dep_ == "nsubj" for t in (c, *c.conjuncts)}


def _receiver(cand: Any) -> set[int]:
    """The token indices of who receives a nominal act through a receiving verb ("received arms
    supplies from X", "faces criticism from Y", "We received no apology from Turkey"): the
    verb's subject and its conjuncts underwent the act."""
    if not cand.nominal:
        return set()
    verb = cand.trigger.head
    if cand.trigger.dep_ not in ("dobj", "obj") or verb.lemma_.lower() not in receiving_verbs():
        return set()
    subject = _subject(verb)
    if subject is not None and is_act_noun(subject):
        # "Israel's killing of the commander drew warnings from Iran": the act's whole phrase
        # received them (its doer is the target), none of it warns
        return {t.i for t in subject.subtree}
    group = _subject_group(verb)
    if not group:  # "kept fighting the rebels and got arms shipments from Iran": the first verb's subject
        subject = _subject(verb)
        group = {t.i for t in (subject, *subject.conjuncts)} if subject is not None else set()
    return group


def to_clauses(tok: Any, deps: tuple[str, ...]) -> list[Any]:
    """The clauses with "to" hung on ``tok`` by one of ``deps``: purposes and plans ("sent
    fighters to Syria to support …", "any plan to move Palestinians")."""
    return [c for c in tok.children if c.dep_ in deps and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def _victims_of_judged_act(cand: Any) -> set[int]:
    """The token indices of who underwent an act that a speaker condemns or rejects ("condemned
    the attack on the embassy", "denounced the bombing of a church"), or would undergo a planned
    one ("rejected any plan to move Palestinians"): not whom the condemnation is aimed at (that is
    the act's doer, "the Israeli attack", the planner, or no one named). The act may follow
    "against" or "over" ("rallied against the detention of their teachers"), and be one its object
    undergoes ("protested the conviction of the activists")."""
    trig = cand.trigger
    acts = [c for c in trig.children if c.dep_ in ("dobj", "obj")][:1] if not cand.nominal else []
    acts += [g for p in trig.children if p.dep_ == "prep" and p.lower_ in ("against", "over")
             for g in p.children if g.dep_ == "pobj"]
    found: set[int] = set()
    for act in acts:
        # "rejected any plan to move Palestinians", "condemned the decision to expel the envoy": who
        # the planned act would befall is not whom the rejection is aimed at (the planner is)
        found |= {t.i for c in to_clauses(act, ("acl", "relcl")) for t in c.subtree}
        if act.lemma_.lower() in ACT_NOUNS or {act.lemma_.lower(), act.lower_} & UNDERGONE_NOUNS:
            found |= {t.i for c in act.children if c.dep_ == "prep" and c.lower_ in VICTIM_PREPS for t in c.subtree}
    return found


def _framing_tellers(sent: Any) -> dict[int, set[int]]:
    """Who tells a sentence in a reporting frame set in it (", the agency reported,", ", police
    said,": a reporting verb in parataxis), by the frame's verb: they tell the acts, they undergo
    none of them (but the frame's own verb is an act of theirs)."""
    found: dict[int, set[int]] = {}
    for verb in sent:
        if verb.lemma_.lower() not in speech_verbs():
            continue
        # (or the sentence's own verb after the clause it tells: "Sudan's army and the RSF agreed to
        # a truce, Saudi Arabia and the United States said in a joint statement")
        if verb.dep_ == "parataxis" or (verb.dep_ == "ROOT" and any(
                c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)):
            found[verb.i] = {t.i for c in verb.children if c.dep_ == "nsubj" for t in c.subtree}
    return found


def _reporters(sent: Any) -> set[int]:
    """The token indices of "according to …" phrases in a sentence ("according to the army",
    "according to local officials"): who tells the act, neither its doer nor its undergoer."""
    found: set[int] = set()
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.doc[tok.i + 1].lower_ == "to":
            found |= {t.i for t in tok.subtree}
            found |= {t.i for t in tok.doc[tok.i + 1].subtree}
    return found


def _named_doers(cand: Any) -> set[int]:
    """The token indices of who an act is blamed on or attributed to ("drone strikes blamed on
    the RSF hit a power station", "the attack was blamed on Hamas", "the explosion, which
    officials attributed to Kurdish militants, killed five soldiers"), or whom an act noun names
    with "by" ("the arrest of the opposition leader by security forces"): the doer, also of the
    verb the blamed act is the subject of."""
    trigger = cand.trigger
    acts = [trigger]
    if not cand.nominal:
        acts += [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    else:
        # "the arrest of the opposition leader by security forces", "the sanctions imposed by
        # Washington": the by-phrase of an act noun, or of the participle that tells it, is its doer
        phrases = [c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "by"]
        # … also when the parser hangs it on the undergoer ("the attack on aid workers by militants")
        phrases += [b for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "against")
                    for g in c.children if g.dep_ == "pobj"
                    for b in g.children if b.dep_ == "prep" and b.lower_ == "by"]
        phrases += [a for v in trigger.children if v.dep_ == "acl" and v.tag_ == "VBN"
                    for a in v.children if a.dep_ == "agent"]
        doers = {t.i for p in phrases for g in p.children if g.dep_ == "pobj" for t in (g, *g.conjuncts)}
        if doers:
            return doers
    for act in acts:
        verbs = [c for c in act.children if c.dep_ in ("acl", "relcl")]
        if act.dep_ == "nsubjpass":
            verbs.append(act.head)
        for verb in verbs:
            if verb.lemma_.lower() not in BLAMING_VERBS:
                continue
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ in ("on", "to"):
                    return {t.i for g in prep.children if g.dep_ == "pobj" for t in (g, *g.conjuncts)}
    return set()


def _patron(head: Any) -> bool:
    """Whether ``head`` names the patron in a hyphenated patronage word ("Russian-backed",
    "Iran-backed", "U.S.-trained") or the leader of a "Kenyan-led" force: it qualifies another
    actor and plays no role itself (the led force, one actor with its leader, has the leader's codes)."""
    doc = head.doc
    return head.i + 2 < len(doc) and doc[head.i + 1].text == "-" and (
        doc[head.i + 2].lower_ in PATRON_WORDS or doc[head.i + 2].lower_ == "led")


def _affiliate(head: Any, trigger: Any) -> bool:
    """Whether ``head`` names whom another actor is tied to, in a participle that describes that
    actor ("jihadist groups linked to al Qaeda", "militias backed by Iran", "fighters loyal to the
    general"): it qualifies the other actor and plays no role in its act — unless the participle is
    the act itself ("militias backed by Iran": Iran backs them)."""
    for anc in head.ancestors:
        if anc.i == trigger.i:
            return False
        if anc.dep_ in ("acl", "amod") and anc.head.pos_ in ("NOUN", "PROPN") and (
                anc.lemma_.lower() in AFFILIATION_WORDS or anc.lower_ in AFFILIATION_WORDS):
            return True
        if anc.dep_ in ("ccomp", "relcl", "advcl", "ROOT", "conj"):
            return False
    return False


def _topic(cand: Any) -> set[int]:
    """The token indices of what a meeting is about: the phrase of "on / about / over …" on the
    trigger ("a meeting on Ukraine", "talks about Syria") and the object of a purpose verb hung on
    it ("met in Brussels to discuss Ukraine"), with everything inside them."""
    trigger = cand.trigger
    out: set[int] = set()
    for c in trigger.children:
        if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS:
            out.update(t.i for t in c.subtree)
        elif c.dep_ in ("advcl", "xcomp", "acl") and c.lemma_.lower() in TOPIC_VERBS:
            out.update(t.i for g in c.children if g.dep_ in ("dobj", "obj") for t in g.subtree)
            # (but not "with officials" the parser hung on the topic: whom it is discussed with)
            out -= {t.i for p in c.subtree if p.dep_ == "prep" and p.lower_ == "with" for t in p.subtree}
    if cand.nominal and trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() in FOCUS_VERBS:
        # "The visit by Minister Ellwood focused on support to Syria": what it was about
        out.update(t.i for c in trigger.head.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS
                   for t in c.subtree)
    return out


def _owner_of_judged_thing(ctx: SentenceContext, cand: Any) -> set[int]:
    """The token indices of the actor a judged thing belongs to ("supports Iraqi unity and
    sovereignty", "condemned Iran's nuclear program"): backing or condemning it is aimed at its
    owner. Only when the trigger's object is no actor itself."""
    trigger = cand.trigger
    if cand.nominal:
        return set()
    for obj in trigger.children:
        if obj.dep_ not in ("dobj", "obj") or ctx.actor_of(obj) is not None:
            continue
        owners = {c.i for c in obj.children if c.dep_ in ("amod", "poss", "compound") and ctx.actor_of(c) is not None
                  and c.ent_type_ in NAMED_OWNER_ENTS}  # (a name: not "the terrorist attacks")
        return owners | {obj.i} if owners else set()  # (the owner may be read inside the object's phrase)
    return set()


def _helped_by_purpose(cand: Any) -> set[int]:
    """The token indices of whom an act of aid is meant to help, named by its purpose clause
    ("sent hundreds of fighters to Libya to back General Haftar's forces"): not the place
    the aid goes to."""
    return {g.i for c in to_clauses(cand.trigger, ("advcl", "xcomp")) if c.lemma_.lower() in HELPING_VERBS
            for g in c.children if g.dep_ in ("dobj", "obj")}


def _recipients(cand: Any) -> set[int]:
    """The token indices of whom a giving verb gives to, its dative ("gave the rebels weapons",
    "sent Syria fighter jets"): whom the aid is for."""
    if cand.nominal:
        return set()
    return {t.i for c in cand.trigger.children if c.dep_ == "dative" and c.pos_ != "ADP"
            for t in (c, *c.conjuncts)}


def _fought_by_purpose(cand: Any) -> set[int]:
    """The token indices of what an act of aid's purpose clause acts on, unless it helps ("gave
    the rebels weapons to fight the army": the army is whom the helped fight, not whom Iran
    helps)."""
    return {g.i for c in to_clauses(cand.trigger, ("advcl", "xcomp")) if c.lemma_.lower() not in HELPING_VERBS
            for g in c.subtree if g.dep_ in ("dobj", "obj", "pobj") and g.i != c.i}


def _aimed_by_purpose(cand: Any) -> tuple[set[int], set[int]]:
    """Whom an attack's purpose clause names ("ordered an invasion to topple the Taliban
    government", "carried out a strike on the site to hit enemy gunmen"): the attack's
    target — and the town an offensive is "to retake", which is where, not whom (the annotators
    leave such a target empty). RETURNS: (token indices of the named, of the places taken)."""
    aimed: set[int] = set()
    taken: set[int] = set()
    for verb in _trigger_verbs(cand):  # ("launched an offensive to …": the light verb carries the clause)
        for c in to_clauses(verb, ("advcl", "xcomp", "acl")):
            lemma = c.lemma_.lower()
            for o in (g for g in c.children if g.dep_ in ("dobj", "obj")):
                group = {o.i, *(t.i for t in o.conjuncts)}
                if o.ent_type_ == "CARDINAL" or o.like_num:  # "to disperse thousands of supporters"
                    group |= {g.i for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                              for g in p.children if g.dep_ == "pobj"}
                if o.ent_type_ in ("GPE", "LOC", "FAC"):
                    if lemma in TAKING_WORDS:
                        taken |= group
                elif lemma in AIMING_VERBS:
                    aimed |= group
    return aimed, taken


def _trigger_verbs(cand: Any) -> list[Any]:
    """The trigger and, for an act noun that is a verb's object, that verb ("launched an offensive"):
    where the act's purpose and means clauses hang."""
    trigger = cand.trigger
    if cand.nominal and trigger.dep_ in ("dobj", "obj") and trigger.head.pos_ in ("VERB", "AUX"):
        return [trigger, trigger.head]
    return [trigger]


def _aimed_with_the_means(cand: Any) -> set[int]:
    """Whom an attack's means are aimed at, where the parse hangs "against" on the means ("conducted
    15 strikes using attack, bomber and fighter aircraft against ISIL targets"): the attack's
    target. RETURNS: token indices."""
    aimed: set[int] = set()
    for verb in _trigger_verbs(cand):
        for use in (c for c in verb.children if c.dep_ in ("advcl", "xcomp", "acl")
                    and c.lemma_.lower() in USING_VERBS):
            for o in (g for g in use.children if g.dep_ in ("dobj", "obj")):
                for means in (o, *o.conjuncts):
                    for prep in (p for p in means.children if p.dep_ == "prep" and p.lower_ == "against"):
                        aimed |= {g.i for x in prep.children if x.dep_ == "pobj" for g in (x, *x.conjuncts)}
    return aimed


def _met_on_the_trip(cand: Any) -> set[int]:
    """The token indices of whom a trip's purpose clause names ("will travel to Iraq to discuss
    security with government officials", "flew to Cairo to meet President Sisi"): the trip's
    counterpart, not the city it goes to."""
    trigger = cand.trigger
    if trigger.lemma_.lower() not in TRAVEL_VERBS:
        return set()
    out: set[int] = set()
    for c in to_clauses(trigger, ("advcl", "xcomp")):
        for g in c.subtree:  # (the parser may hang "with officials" on the topic: "discuss issues with …")
            if g.dep_ == "prep" and g.lower_ == "with":
                out.update(p.i for p in g.children if p.dep_ == "pobj")
        if c.lemma_.lower() in MEETING_VERBS:
            out.update(g.i for g in c.children if g.dep_ in ("dobj", "obj"))
    return {i for j in out for i in (j, *(t.i for t in trigger.doc[j].conjuncts))}


def _holder(cand: Any) -> set[int]:
    """The token indices of whom a taking act takes from ("seized the bridge from the militant
    group", "the liberation of Mosul from ISIL"): the ``from`` phrase of a taking word, and its
    conjuncts."""
    trigger = cand.trigger
    if trigger.lemma_.lower() not in TAKING_WORDS or taken_people(trigger):
        return set()  # ("seized 280 pupils from a school": the pupils are taken, the school is where)
    return {t.i for c in trigger.children if c.dep_ == "prep" and c.lower_ == "from"
            for g in c.children if g.dep_ == "pobj" for t in (g, *g.conjuncts)}


def names_people(tok: Any) -> bool:
    """Whether a phrase head names a person or people ("Qanbar", "him", "two suspects"), not a place
    or a thing ("the town")."""
    if tok.ent_type_ == "PERSON" or tok.lower_ in PERSONAL_PRONOUNS:
        return True
    people = people_nouns()
    return tok.ent_type_ not in ("GPE", "LOC", "FAC", "ORG") and (tok.lower_ in people or tok.lemma_.lower() in people)


def taken_people(trigger: Any) -> bool:
    """Whether a verb takes people ("gunmen seized more than 280 pupils", "captured two soldiers"):
    its object names a person or people, not a place or a thing."""
    return any(names_people(o) for o in trigger.children if o.dep_ in ("dobj", "obj"))


def _taken_place(cand: Any) -> set[int]:
    """The token indices of the place a taking verb or noun takes ("captured the village of
    Krasnohorivka", "seized Menagh from the government", "the barrage was captured by IS", "the
    liberation of Sinjar") or a leaving verb leaves ("withdrew its troops from the Kherson region"):
    where the act happened, not whom it was done to (that is who held it, when the text names them)."""
    trigger = cand.trigger
    lemma = trigger.lemma_.lower()
    if lemma not in TAKING_WORDS | LEAVING_WORDS:
        return set()
    out: set[int] = set()
    if cand.nominal:  # "the liberation of Sinjar", "the capture of the airport"
        places = _pobjs(trigger, "of") if lemma in TAKING_WORDS else []
    elif lemma in LEAVING_WORDS:  # "withdrew its troops from the Kherson region": the place left
        places = _pobjs(trigger, "from")
    else:
        places = [c for c in trigger.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    for obj in places:
        if obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.lemma_.lower() in PLACE_NOUNS:
            out.update(t.i for t in obj.subtree)
    return out


def _charge_of_the_accused(cand: Any) -> set[int]:
    """The token indices of what a verb of accusing with an object charges it with ("accusing it
    of supporting coup plotters and terrorists", "blamed Kyiv for the attack on the bridge"): the
    accused is the target, never those named in the charge."""
    verb = cand.trigger
    if cand.nominal or not any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return set()
    return {t.i for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "for") for t in c.subtree}


def _given_things(cand: Any) -> set[int]:
    """The token indices of what a giving verb gives ("provided air support and intelligence for
    the operation": intelligence is given, no agency helped), unless the verb gives to its object
    ("provided the rebels with weapons") or the object is a name."""
    verb = cand.trigger
    if cand.nominal or verb.lemma_.lower() not in GIVING_VERBS \
            or any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return set()
    return {t.i for o in verb.children if o.dep_ in ("dobj", "obj") for t in (o, *o.conjuncts)
            if not t.ent_type_ and t.pos_ == "NOUN"}


def _relative_casualties(cand: Any) -> set[int]:
    """The token indices of whom an attack noun's relative clause says it killed or hurt ("claimed
    dual attacks … which killed at least 28 people"; the parser may hang the clause on the place the
    attack was in: "attacks in the commercial area of a neighborhood which killed …")."""
    if not cand.nominal:
        return set()
    trigger = cand.trigger
    killed = [c for c in trigger.subtree if c.dep_ == "relcl" and c.lemma_.lower() in CASUALTY_VERBS
              and c.pos_ == "VERB" and any(s.dep_ == "nsubj" and s.tag_ == "WDT" for s in c.children)
              and (c.head.i == trigger.i or c.head.ent_type_ not in ("PERSON", "NORP", "ORG"))]
    victims = [o for v in killed for o in v.children if o.dep_ in ("dobj", "obj")]
    return {t.i for v in victims for t in (v, *v.conjuncts) if t.lower_ not in NON_REFERRING}


def _casualties(cand: Any) -> set[int]:
    """The token indices of whom an attack noun killed or hurt, named by the verb its phrase hangs
    from: "civilians were killed in Russian airstrikes", "five soldiers died in an Israeli drone
    strike", "the civilians killed by the shelling", "a drone strike killed a commander" — or the
    verb an attack clause hangs from
    ("three soldiers were killed when militants attacked a checkpoint"). The attack's doer is the noun's own modifier
    ("Russian"); the dead are its target."""
    trigger = cand.trigger
    prep = trigger.head
    if not cand.nominal and trigger.dep_ == "advcl" and any(  # ("when" is mostly an advmod)
            c.dep_ in ("mark", "advmod") and c.lower_ in ATTACK_CLAUSE_MARKS for c in trigger.children):
        verb = trigger.head  # "three soldiers were killed when militants attacked a checkpoint"
    elif cand.nominal and trigger.dep_ == "nsubj" and trigger.head.tag_ != "VBN":
        verb = trigger.head  # "an Israeli drone strike on a car killed a Hamas commander": the dead
        if verb.lemma_.lower() not in CASUALTY_VERBS or verb.pos_ != "VERB":
            return set()
        victims = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        return {t.i for v in victims for t in (v, *v.conjuncts) if t.lower_ not in NON_REFERRING}
    elif not cand.nominal or trigger.dep_ != "pobj" or prep.dep_ not in ("prep", "agent") \
            or prep.lower_ not in CASUALTY_PREPS:
        return set()
    else:
        verb = prep.head
    if verb.lemma_.lower() not in CASUALTY_VERBS or verb.pos_ not in ("VERB", "AUX"):
        return set()
    victims = [c for c in verb.children if c.dep_ == "nsubjpass"
               or (c.dep_ == "nsubj" and verb.tag_ != "VBN" and not any(o.dep_ == "dobj" for o in verb.children))]
    if not victims and verb.dep_ == "conj" and verb.head.i != verb.i:
        # "the commander was hit and killed by a drone strike": the subject both verbs share
        victims = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    if not victims and verb.dep_ == "acl" and verb.tag_ == "VBN":  # "the civilians killed in the strikes"
        victims = [verb.head]
    return {t.i for v in victims for t in (v, *v.conjuncts) if t.lower_ not in NON_REFERRING}


def _moved(cand: Any) -> set[int]:
    """The token indices of who is moved by an act noun ("I am appalled by this attack by the
    regime", "the minister was saddened at the killings"): the subject of the word of feeling the
    act's phrase hangs from — its audience, never its target."""
    trigger = cand.trigger
    prep = trigger.head
    if not cand.nominal or trigger.dep_ != "pobj" or prep.dep_ not in ("prep", "agent"):
        return set()
    feeling = prep.head
    if feeling.lemma_.lower() not in EMOTION_WORDS and feeling.lower_ not in EMOTION_WORDS:
        return set()
    if feeling.dep_ == "acomp":  # "I am appalled": the adjective's subject is the verb's
        feeling = feeling.head
    return {t.i for c in feeling.children if c.dep_ in ("nsubj", "nsubjpass") for t in (c, *c.conjuncts)}


def _pobjs(tok: Any, prep: str) -> list[Any]:
    """The objects of every ``prep`` phrase hung on ``tok`` (``_pobj_of`` gives the first only)."""
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ == prep for g in c.children if g.dep_ == "pobj"]


def _feels(head: Any, cand: Any) -> bool:
    """Whether ``head`` is who feels a feeling named beside the act ("seized the dam — to the anger
    of Ankara", "to Washington's dismay"): an onlooker, not whom the act is done to. Not when the
    feeling is the act itself ("expressed the anger of the people")."""
    noun = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else (
        head.head if head.dep_ == "poss" else None)
    if noun is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in EMOTION_WORDS:
        return False
    return noun.i != cand.trigger.i and all(noun.i != t.i for t in cand.extra_tokens)


def _own_moved(cand: Any) -> set[int]:
    """The token indices of the doer's own forces or people a verb of moving moves ("Ukraine withdrew
    its coast guard vessels from Crimea", "will deploy its police officers to the border", "recalled
    its ambassador"): the object owned through a possessive pronoun, with the verb's subject its
    owner. They are what is moved, not whom the act is done to (that is the place or the state
    they leave or reach, when the text names one)."""
    trigger = cand.trigger
    if cand.nominal or trigger.lemma_.lower() not in MOVING_VERBS or not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children):
        return set()
    own = clear_acts().deployable | OWN_AGENTS
    out: set[int] = set()
    for obj in trigger.children:
        if obj.dep_ not in ("dobj", "obj"):
            continue
        # "thousands of its police officers": the people counted
        for thing in (obj, *_pobjs(obj, "of")):
            if (thing.lower_ in own or thing.lemma_.lower() in own) and (any(
                    c.dep_ == "poss" and c.pos_ == "PRON" for c in thing.children) or (
                    thing.lemma_.lower() in ENVOY_NOUNS and _bare(thing))):
                # the phrase up to its head ("its ambassador", not "from Iran" hung on it)
                out.update(range(obj.left_edge.i, thing.i + 1))
    return out


def _bare(noun: Any) -> bool:
    """Whether a noun stands with no determiner, owner or name on it, as a headline writes one's own
    ("Serbia recalls ambassador")."""
    return not any(c.dep_ in ("det", "poss", "compound", "amod", "nmod") and (c.dep_ in ("det", "poss")
                   or c.pos_ == "PROPN" or c.ent_type_) for c in noun.children)


def _reciprocal(cand: Any) -> tuple[Any, set[int]]:
    """(first side, token indices of the others) of a verb done to "each other" or "one another"
    by a joined subject ("India and Pakistan blamed each other for the clash"), or of an act noun
    they trade ("traded accusations"), else (None, set())."""
    trigger = cand.trigger
    if _traded(cand):  # "Armenia and Azerbaijan traded accusations": the verb's joined subject
        trigger = trigger.head
    elif not _done_to_each_other(cand):
        return None, set()
    subject = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    if subject is None or not subject.conjuncts:
        return None, set()
    return subject, {t.i for t in subject.conjuncts}


def _named_in_front(noun: Any) -> list[Any]:
    """The words before an act noun that name its doer ("Russian shelling", "Israel's strikes",
    "the Assad offensive")."""
    return [c for c in noun.lefts if c.dep_ in ("amod", "compound", "poss", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN")]


def _met_another(ctx: "SentenceContext", cand: Any) -> bool:
    """Whether a verb of meeting names another party as its object ("the foreign and defence
    ministers met their Philippine counterparts", "X and Y met with Z"): its joined subject is then
    one side, not two (what two sides exchange, "95 prisoners", is no party)."""
    if cand.nominal:
        return False
    group = _coordinated_with_subject(cand)
    others = [c for c in cand.trigger.children if c.dep_ in ("dobj", "obj")]
    others += [g for p in cand.trigger.children if p.dep_ == "prep" and p.lower_ == "with"
               for g in p.children if g.dep_ == "pobj"]
    return any(o.i not in group and ctx.actor_of(o) is not None for o in others)


def _traded(cand: Any) -> bool:
    """Whether an act noun is traded between its doers ("the two sides traded accusations",
    "exchanged fire"): each does it to the other."""
    trigger = cand.trigger
    return cand.nominal and trigger.dep_ in ("dobj", "obj") and trigger.head.lemma_.lower() in ("trade", "exchange")


def _done_to_each_other(cand: Any) -> bool:
    """Whether a verb trigger's object is "each other" or "one another"."""
    return not cand.nominal and any(c.dep_ in ("dobj", "obj") and (
        (c.lower_ == "other" and any(d.lower_ == "each" for d in c.children))
        or (c.lower_ == "one" and any(d.lower_ == "another" for d in c.children))) for c in cand.trigger.children)


def _between(cand: Any) -> tuple[Any, set[int]]:
    """The two sides of an act noun's "between X and Y" phrase ("clashes between the army and
    militants", "talks between Iran and the United States"): (X's head, the token indices of Y and
    any further conjuncts), or (None, set()) when the trigger has no such phrase with two sides."""
    first = _pobj_of(cand.trigger, {"between"}) if cand.nominal else None
    if first is None or not first.conjuncts:
        return None, set()
    return first, {t.i for t in first.conjuncts}


def _brought_together(cand: Any) -> set[int] | None:
    """The token indices of those a go-between brings together ("mediated talks between Israel and
    Hamas": Israel, Hamas; "hosted several rounds of talks between the two sides": the sides; "will
    host foreign ministers": the ministers), or None when the verb is no go-between's
    (``go_between_verbs``) and its object has no "between" phrase.

    Why: "X and Y met" pairs its subjects as the two sides, but the subjects of a go-between act
    it together ("Egypt and Saudi Arabia have hosted talks" had Egypt hosting Saudi Arabia); its
    counterparts are the parties it brings together.
    """
    trigger = cand.trigger
    if cand.nominal or trigger.pos_ != "VERB":
        return None
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    between = [g for o in objects for t in o.subtree if t.dep_ == "prep" and t.lower_ == "between"
               for g in t.children if g.dep_ == "pobj"]
    if between:
        return {t.i for g in between for t in (g, *g.conjuncts)}
    if trigger.lemma_.lower() in GO_BETWEEN_VERBS:
        return {t.i for o in objects for t in (o, *o.conjuncts)}
    return None


def _scene_of_a_verb(head: Any) -> bool:
    """Whether ``head`` is the object of a preposition of place hung on a verb ("a car bomb exploded
    near a police station", "was arrested by police in Karachi"): where the act happened, never its
    doer (a police station is no bomber; "police in Karachi" hangs "in" on the noun and stays)."""
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ in SCENE_PREPS and prep.dep_ == "prep" \
        and prep.head.pos_ in ("VERB", "AUX")


def _own_objects(cand: Any) -> list[Any]:
    """The direct objects of a verb trigger itself (not of a verb it is coordinated with)."""
    if cand.nominal or cand.trigger.pos_ != "VERB":
        return []
    return [c for c in cand.trigger.children if c.dep_ in ("dobj", "obj")]


def _first_verbs_subjects(cand: Any) -> set[int]:
    """The token indices of the subjects (and their conjuncts) of the verb a verb trigger is
    coordinated with ("the Americans were freed and thanked Qatar": Americans)."""
    trigger = cand.trigger
    if cand.nominal or trigger.dep_ != "conj" or trigger.head.i == trigger.i:
        return set()
    return {t.i for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass") for t in (c, *c.conjuncts)}


def _coordinated_with_subject(cand: Any) -> set[int]:
    """The token indices of the trigger's subject and its conjuncts ("Senator Udall and
    Representative Price announced their support"; "condemnations by Ghani and the UN"): one side
    of the act, never its target."""
    trigger = cand.trigger
    verb = next((t for t in cand.extra_tokens if t.pos_ in ("VERB", "AUX")), trigger) if cand.nominal else trigger
    doers = [c for c in verb.children if c.dep_ == "nsubj"]  # the doers of an active verb
    doers += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]  # of a passive
    if cand.nominal:  # the agent of an act noun: "condemnations by X and Y"
        doers += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "by"
                  for g in c.children if g.dep_ == "pobj"]
    # (a list the parser hangs on the first name as an apposition, "The United States, Germany,
    # the Netherlands and Italy will provide …", is that subject too, as a true apposition is)
    doers += [a for doer in doers for a in doer.children if a.dep_ == "appos"]
    group = {t.i for doer in doers for t in (doer, *doer.conjuncts)}
    return group if len(group) > 1 else set()  # (the parser may give a verb two subjects, "X and Y")


def _fired(cand: Any) -> set[int]:
    """The token indices of what a verb of firing sends when it also names what it is sent at
    ("fired artillery at rebel positions": the artillery is what is fired, a weapon, however
    often the word names a unit)."""
    verb = cand.trigger
    if cand.nominal or verb.lemma_.lower() not in FIRING_VERBS or not any(
            c.dep_ == "prep" and c.lower_ in AIMED_PREPS
            and any(g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") for g in c.children)
            for c in verb.children):
        return set()
    # (never people: "shot two tourists at a petrol station" shot the tourists)
    return {t.i for c in verb.children if c.dep_ in ("dobj", "obj") for t in (c, *c.conjuncts)
            if t.lemma_.lower() not in people_nouns() and t.ent_type_ not in ("NORP", "PERSON")}


def _medium_audience(cand: Any) -> set[int]:
    """Who the statement, letter or video an act is told in is addressed or sent to ("claimed the
    attack in a statement sent to reporters", "in a letter to the Security Council"): its
    audience, not the act's target; the medium's owner ("in Iran's letter") is left to the model.
    RETURNS: token indices."""
    out: set[int] = set()
    for verb in _trigger_verbs(cand):
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "through", "via")):
            for medium in (g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in MEDIUM_NOUNS):
                owners = {t.i for c in medium.children if c.dep_ in ("poss", "compound") for t in c.subtree}
                out |= {t.i for t in medium.subtree if t.i != medium.i and t.i not in owners}
    return out


def _as_complement(cand: Any) -> set[int]:
    """What an act calls what it is done to ("dismissed the meeting as an attempt to rally the
    South behind Kyiv", "branded them as agents of Moscow"): a description, whoever it names is
    not the act's target — but the doer it names ("denounced the visit as a provocation by
    Washington") is whom the act blames. RETURNS: token indices."""
    out: set[int] = set()
    for verb in _trigger_verbs(cand):
        for c in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
            blamed = {t.i for b in c.subtree if b.dep_ in ("prep", "agent") and b.lower_ == "by" for t in b.subtree}
            out |= {t.i for t in c.subtree} - blamed
    return out


def _fired_at(cand: Any, fired: set[int]) -> set[int]:
    """Whom a verb of firing sends its weapon at, when it names both (``fired``, the weapons of
    ``_fired``: "fired water cannon at a supply boat", "threw stones at police"): the attack's
    target, though the weapon stands nearer the verb. RETURNS: token indices."""
    if not fired:
        return set()
    return {g.i for c in cand.trigger.children if c.dep_ == "prep" and c.lower_ in AIMED_PREPS
            for x in c.children if x.dep_ == "pobj" and x.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC")
            for g in (x, *x.conjuncts)}


def _killed(cand: Any) -> set[int]:
    """Whom a casualty verb told as done names as its object ("killing four Palestinians in a
    gunfight with militants", "wounded two soldiers"): the dead and hurt are the attack's target,
    whoever else the sentence says the fight was with. RETURNS: token indices."""
    verb = cand.trigger
    if cand.nominal or verb.pos_ != "VERB" or verb.lemma_.lower() not in CASUALTY_VERBS:
        return set()
    return {t.i for c in verb.children if c.dep_ in ("dobj", "obj") for t in (c, *c.conjuncts)
            if t.lower_ not in NON_REFERRING and t.pos_ != "PRON"}


def _threatened(cand: Any) -> set[int]:
    """Whom a threat's act would fall on, named in the clause of what is threatened ("threatened to
    withhold funding from both countries", "warned it would impose sanctions on Moscow"): the
    threat's target, not the thing withheld or imposed. RETURNS: token indices."""
    out: set[int] = set()
    if any(c.dep_ in ("dobj", "obj", "dative") for c in cand.trigger.children):
        return out  # "warned European customers that deliveries could be cut": the warned
    acts = to_clauses(cand.trigger, ("xcomp",)) + [
        c for c in cand.trigger.children if c.dep_ == "ccomp" and c.pos_ == "VERB"
        and any(a.dep_ == "aux" and a.lower_ in FORECAST_AUX for a in c.children)]
    for act in acts:
        for c in act.children:
            if c.dep_ == "prep" and c.lower_ in THREAT_PREPS:
                out |= {g.i for x in c.children if x.dep_ == "pobj" for g in (x, *x.conjuncts)}
            elif c.dep_ in ("dobj", "obj"):
                out |= {g.i for x in c.children if x.dep_ == "prep" and x.lower_ in THREAT_PREPS
                        for y in x.children if y.dep_ == "pobj" for g in (y, *y.conjuncts)}
    return out


def _where_sent(cand: Any) -> set[int]:
    """The token indices of a participle clause that tells where the trigger's object was fired
    ("shot down three drones launched from Yemen toward commercial ships"): the ships were the
    drones' target, not the act's."""
    if cand.nominal:
        return set()
    return {t.i for o in cand.trigger.children if o.dep_ in ("dobj", "obj", "nsubjpass")
            for v in o.children if v.dep_ == "acl" and v.tag_ == "VBN" and v.lemma_.lower() in FIRING_VERBS
            for t in v.subtree}


def _next_clauses(cand: Any) -> set[int]:
    """The token indices of what is joined after the trigger's verb with a subject or an object of
    its own ("Iran's foreign minister offered to mediate, and Saudi Arabia said it was in contact
    with both governments"; "accused Moscow of shelling the plant and of blocking inspectors"), or
    after a trigger with an object of its own ("condemned the assault and called on the Council"):
    another act, never whom the trigger's act is aimed at ("attacked and killed the soldiers"
    shares its object and stays). For an act noun, what is joined to the verb that carries it ("We
    condemn the M23 offensive and urge all parties to respect the ceasefire": the parties are urged,
    not attacked)."""
    trigger = cand.trigger
    if cand.nominal:
        carrier = trigger.head
        if trigger.dep_ not in ("dobj", "obj") or carrier.pos_ not in ("VERB", "AUX"):
            return set()
        return {t.i for joined in carrier.children if joined.dep_ == "conj" and joined.i > trigger.i
                and joined.pos_ in ("VERB", "AUX")
                and any(c.dep_ in ("dobj", "obj", "dative", "nsubj", "nsubjpass") for c in joined.children)
                for t in joined.subtree}
    kids = {c.dep_ for c in trigger.children}
    subject, obj = bool(kids & {"nsubj", "nsubjpass"}), bool(kids & {"dobj", "obj"})
    out: set[int] = set()
    for joined in trigger.children:
        if joined.dep_ != "conj":
            continue
        own = {c.dep_ for c in joined.children}
        if joined.pos_ == "ADP":  # "… and of blocking inspectors"
            own = {c.dep_ for g in joined.children if g.dep_ == "pcomp" for c in g.children}
        elif joined.pos_ not in ("VERB", "AUX"):
            continue
        # a trigger with an object of its own has its target there: whom a joined verb calls on,
        # asks or sends is that verb's ("condemned the assault and called on the Security Council")
        if (subject and own & {"nsubj", "nsubjpass"}) or (obj and own & {"dobj", "obj", "prep", "dative", "xcomp"}):
            out.update(t.i for t in joined.subtree)
    return out


def _previous_verbs_complements(cand: Any) -> set[int]:
    """The token indices of the complements of the verb a trigger is joined after, when the trigger
    has a complement of its own ("Kurti met with EU officials but refused to sit down with Vucic":
    the officials were met, not refused; "attacked the base and seized it"), or the verb carrying an
    act noun is joined after it ("thanked Japan and called Kishida's visit a sign"): that verb's act."""
    trigger = cand.trigger
    if cand.nominal:  # "thanked Japan for its support and called Kishida's visit a sign": the verb carrying it
        if trigger.dep_ not in ("dobj", "obj") or trigger.head.pos_ not in ("VERB", "AUX"):
            return set()
        trigger = trigger.head
    head = trigger.head
    if trigger.dep_ != "conj" or head.i == trigger.i or head.pos_ not in ("VERB", "AUX") \
            or not any(c.dep_ in ("dobj", "obj", "dative", "xcomp", "ccomp") for c in trigger.children):
        return set()
    return {t.i for c in head.children if c.dep_ in ("dobj", "obj", "dative", "prep", "attr") and c.i < trigger.i
            for t in c.subtree}


def _tellers_objects(cand: Any) -> set[int]:
    """The token indices of the object of the verb whose clause tells the act, when that verb has
    a subject of its own ("Drone attack hits Moscow apartment block, Russia blames Ukraine": Ukraine
    is blamed by Russia, not hit by the attack)."""
    clause = cand.trigger
    if cand.nominal and clause.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head  # the verb the act noun is an argument of
    if clause.dep_ != "ccomp" or clause.head.i == clause.i:
        return set()
    teller = clause.head
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in teller.children):
        return set()
    return {t.i for c in teller.children if c.dep_ in ("dobj", "obj") and c.i > clause.i for t in c.subtree}


def _reactions(cand: Any) -> set[int]:
    """The token indices of a participle clause telling what an act set off ("began drills,
    prompting a warning from Pyongyang", "…, drawing condemnation from rights groups"): others'
    reactions, not whom the act is aimed at; so is what an act noun as the subject of such a verb
    set off ("The bombing has raised fears about the governor's plan for the province")."""
    trigger = cand.trigger
    if cand.nominal and trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() in REACTION_VERBS:
        own = {t.i for t in trigger.subtree}
        return {t.i for t in trigger.head.subtree if t.i not in own}
    verb = _act_verb(cand)
    if verb is None:
        return set()
    return {t.i for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG" and c.i > verb.i
            and c.lemma_.lower() in REACTION_VERBS for t in c.subtree}


def _relative_objects(cand: Any) -> set[int]:
    """The token indices of what a relative clause inside the trigger's own phrase does something
    to ("targeted hideouts used by the TTP, which has killed hundreds of soldiers"): another act's
    object, not the trigger's target."""
    trigger = cand.trigger
    out: set[int] = set()
    for tok in trigger.subtree:
        if tok.dep_ != "relcl" or tok.i == trigger.i or tok.head.i == trigger.i:
            continue
        for obj in tok.children:
            if obj.dep_ in ("dobj", "obj"):
                out.update(t.i for t in obj.subtree)
    return out


def _outer_relative_clauses(ctx: SentenceContext, cand: Any) -> set[int]:
    """The token indices of relative clauses that neither hold the trigger nor hang on it
    ("Poland, which has deployed troops to its frontier with Belarus, welcomed the decision": not
    Belarus): such a clause tells what its noun did or is, another act's business, never whom the
    trigger's act is done to."""
    trigger = cand.trigger
    # (an act noun's own phrase keeps its clauses, which the parser may hang on the place the act
    # was in: "ISIL's attacks in the town of Qamishli, which killed dozens of civilians")
    own = range(trigger.left_edge.i, trigger.right_edge.i + 1) if cand.nominal else range(0)
    return {t.i for clause, first, last in ctx.relative_clauses
            if clause.head.i != trigger.i and not first <= trigger.i <= last and clause.i not in own
            for t in clause.subtree}


def _names_a_place(tok: Any) -> bool:
    """Whether a word is, or modifies, a place noun ("town", and "rebel" in "the rebel-held town")."""
    for _ in range(3):
        if tok.dep_ not in ("compound", "amod", "npadvmod", "nmod") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in PLACE_NOUNS


def _facility_on_act(tok: Any) -> bool:
    """Whether a word is a facility noun in front of an act noun ("claimed the school attack", "the
    embassy bombing", "the hospital strike"): what the act was done to, never who did it (the police
    of "the police raid" are no facility)."""
    return tok.dep_ == "compound" and tok.pos_ == "NOUN" and tok.lemma_.lower() in FACILITY_NOUNS \
        and tok.head.lemma_.lower() in ACT_NOUNS


def _place_word(ctx: SentenceContext, head: Any, cand: Any) -> bool:
    """Whether ``head`` names where, not who: a name or nationality word on a place noun ("the
    Belgian capital", "the Syrian border", "Syria's largest city"), or a town or province naming an act noun ("the Paris
    attacks", "the Aleppo offensive", "the Gaza truce"; a country there is its state: "the US strike"). Neither
    role of an act; the geo stage reads the place."""
    if head.dep_ in ("amod", "poss", "compound", "nmod") and head.head.pos_ == "NOUN" \
            and head.head.lemma_.lower() in PLACE_NOUNS:
        return True  # (also "in Syria's largest city", "in the Miramar neighborhood")
    if head.dep_ != "compound" or not ((cand.nominal and head.head.i == cand.trigger.i)
                                       or head.head.lemma_.lower() in ACT_NOUNS):
        return False  # ("accuse each other of violating the Gaza truce": where the truce holds)
    for loc in ctx.adoc.locations:
        if loc.start is not None and loc.start <= head.idx < (loc.end or loc.start):
            return loc.feature not in (None, "country")
    return False


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
    the source, the forces never the target. So do the noun a past participle describes ("the
    men arrested on Monday") and the subject of an absolute participle ("with ten people
    killed"); the events stage keeps the whole phrase of an undergoer from the source ("members of
    the militia were arrested": not the militia)."""
    trigger = cand.trigger
    if cand.nominal or trigger.pos_ not in ("VERB", "AUX"):
        return set(), set()
    undergoer: set[int] = set()
    doer: set[int] = set()
    clause_words = {c.dep_ for c in trigger.children}
    if trigger.tag_ == "VBN" and trigger.dep_ == "acl" and trigger.head.pos_ in ("NOUN", "PROPN", "PRON") \
            and not clause_words & {"nsubj", "aux", "auxpass", "dobj", "mark"}:
        # (not a clause the parser hung on a noun: "reports that ISIL has killed 70 members")
        # "the three men arrested on Monday", "dozens of people killed in the raid"
        undergoer.add(trigger.head.i)
        undergoer.update(t.i for t in trigger.head.conjuncts)
    first = trigger.head if trigger.dep_ == "conj" and trigger.head.tag_ == "VBN" else trigger
    absolute = trigger.tag_ == "VBN" and first.dep_ in ("pcomp", "advcl") and not any(
        c.dep_ in ("aux", "auxpass", "dobj", "obj") for c in trigger.children)
    for c in trigger.children:
        if c.dep_ in ("nsubjpass", "csubjpass") or (absolute and c.dep_ == "nsubj"):
            # (an absolute participle: "with at least ten people killed", "…, five civilians wounded")
            undergoer.add(c.i)
            undergoer.update(t.i for t in c.conjuncts)
        elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and trigger.tag_ == "VBN"):
            # "Russian jet Downed by Turkey": a headline's capitals may hide the agent from the parser
            for g in c.children:
                if g.dep_ == "pobj":
                    doer.add(g.i)
                    doer.update(t.i for t in g.conjuncts)
    if first is not trigger and (trigger.tag_ == "VBN" or (trigger.tag_ == "VBD" and any(
            c.dep_ == "auxpass" for c in first.children))) and not clause_words & {"nsubj", "nsubjpass", "auxpass", "aux"} \
            and not (_speakers_own_verb(trigger) and any(
                c.dep_ in ("dobj", "obj") and (c.ent_type_ in NAMED_OWNER_ENTS or c.lemma_.lower() in people_nouns())
                for c in trigger.children)):
        # "he was shot and killed", "was hit and killed by a drone strike": the second
        # verb shares the first one's passive subject (also where the tagger calls it a past
        # tense: "had been tortured in detention and denied a fair trial"), unless it is the
        # speaker's own, done to someone ("said two civilians were killed … and accused Turkey of …")
        for c in first.children:
            if c.dep_ == "nsubjpass":
                undergoer.add(c.i)
                undergoer.update(t.i for t in c.conjuncts)
    return undergoer, doer


# Clauses that report, describe or qualify rather than tell how the act was done: a phrase inside
# one of them ("were shot dead in what the minister termed an assassination") did not do the act.
# Not "acl" ("freed in an amnesty announced by the army": the army freed them) nor "conj" (a
# conjoined clause: "two were wounded and the governor said …" is left to the model; excluding
# it cost 0.01 of cross-validated type+source precision).
_NESTED_CLAUSES = frozenset({"relcl", "ccomp", "pcomp", "parataxis", "csubj", "xcomp"})


def _outside_agentless_passive(head: Any, trigger: Any) -> bool:
    """Whether ``head`` cannot be the doer of a passive act that names no agent: it stands outside
    the passive verb's own phrase ("Rwandans were killed in the massacre …, Gasasira said critics
    of Kagame's administration …") or inside a clause nested in it that reports or describes
    ("were shot dead in what the Dutch justice minister called an assassination"). The doer of
    an agentless passive, when the sentence names it, hangs from the verb itself: "were killed in
    Russian airstrikes", "were killed when police stormed the camps"."""
    tok = head
    for _ in range(40):
        if tok.i == trigger.i:
            return False
        parent = tok.head
        if parent.i == tok.i:
            return True  # reached the root without meeting the trigger: outside its phrase
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ in _NESTED_CLAUSES:
            return True
        tok = parent
    return True


def _outside_nominal_act(head: Any, cand: Any) -> bool:
    """Whether ``head`` cannot be the actor of a nominal act because it stands outside the act's
    own phrase while no light verb carries the act ("Human Rights Watch called for an
    investigation into an attack", "the UN condemned the attack": neither attacked). A light verb
    ("carried out an attack", "launched strikes") lends its subject; otherwise the actor is named
    inside the phrase ("Israeli strikes", "Russia's attack", "an attack by militants")."""
    trigger = cand.trigger
    if not cand.nominal or cand.extra_tokens:  # (a noun the tagger called a verb is nominal too)
        return False
    maker = trip_maker(trigger)
    if maker is not None and _in_phrase(head, maker):
        return False  # "During a visit to Juba, the U.N. aid chief said …": he made it
    return not (trigger.left_edge.i <= head.i <= trigger.right_edge.i)


def _act_verb(cand: Any) -> Any:
    """The verb that tells a candidate act: the trigger itself, or the light verb that carries an
    act noun ("carried out an attack", "sign truce"); None for an act noun no verb carries."""
    if not cand.nominal:
        return cand.trigger
    return next((t for t in cand.extra_tokens if t.pos_ == "VERB"), None)


def _background_clauses(cand: Any) -> set[int]:
    """The token indices of clauses hung on a verb trigger by "as / while / after / because …"
    ("North Korea fires missile as US, South Korea hold drills"): another act told beside this one;
    whom it names is not this act's target; also on a nominal act's verb ("Ethiopia and Tigray
    forces sign truce after African Union talks")."""
    verb = _act_verb(cand)
    if verb is None:
        return set()
    out = {t.i for c in verb.children if c.dep_ == "advcl"
           and any(m.dep_ == "mark" and m.lower_ in TIME_MARKS for m in c.children)
           and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children) for t in c.subtree}
    # "Venezuela frees jailed activists after talks with Washington", "issued warnings about
    # aircraft during Syria's civil war": who takes part in the act told as its circumstance is
    # not this act's target
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in BACKGROUND_PREPS):
        for noun in (g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"):
            out |= {t.i for t in noun.subtree}
    # a time frame anywhere in the sentence ("violating its airspace during Syria's civil war"),
    # unless it holds the act itself
    for prep in (t for t in verb.sent if t.dep_ == "prep" and t.lower_ in FRAME_PREPS):
        for noun in (g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "NOUN"):
            inside = {t.i for t in noun.subtree}
            if cand.trigger.i not in inside:
                out |= inside
    return out



def _outside_participle_clause(head: Any, cand: Any) -> bool:
    """Whether ``head`` cannot be the target of an act told by a participle clause ("X warned Y
    against any part in operations against Z, threatening repercussions"; "the army shelled the
    town, killing five"): the clause aims at what it names itself or at the verb it hangs from's
    own arguments (Y), never at a phrase nested two prepositions deep in that verb's other phrases
    (Z: "against any part in operations against Z")."""
    trigger = cand.trigger
    if trigger.dep_ != "advcl" or trigger.tag_ != "VBG" or trigger.head.i == trigger.i:
        return False
    if trigger.left_edge.i <= head.i <= trigger.right_edge.i:
        return False
    verb, preps, tok = trigger.head, 0, head
    while tok.i != verb.i and tok.head.i != tok.i:
        preps += tok.dep_ == "pobj"  # one per prepositional phrase ("along with X" is one)
        tok = tok.head
    return tok.i == verb.i and preps >= 2


def _host_conjunct(cand: Any) -> range:
    """The token indices of the infinitive or gerund a verb told as done was wrongly joined to
    (``finite_host``), up to the verb's own phrase: "accused France of plotting to destabilise the
    country and ordered French troops to leave" — the country is what the plot aimed at, not whom
    the order is given."""
    if cand.nominal or finite_host(cand.trigger) is None:
        return range(0)
    return range(cand.trigger.head.left_edge.i, cand.trigger.left_edge.i)


def _asked_for(cand: Any) -> set[int]:
    """The token indices of what a request asks for ("called for a ban on Muslims entering the
    country", "appealed for the release of the journalists", "demanded Bazoum's release"): the thing
    wanted, not who is asked."""
    if cand.nominal:
        return set()
    # (also a freeing asked for as the object: "demanded Bazoum's release" is asked of his captors)
    return {t.i for c in cand.trigger.children
            if (c.dep_ == "prep" and c.lower_ == "for") or (c.dep_ in ("dobj", "obj") and c.lemma_.lower() in FREEING_NOUNS)
            for t in c.subtree}


def _later_conjunct_clause(cand: Any) -> set[int]:
    """The token indices of what a verb joined after the trigger reports ("welcomed the releases
    but said hundreds of prisoners remain behind bars": the prisoners are not who was welcomed).
    Only when the trigger has an object of its own and the later verb tells a clause (a reported or
    complement clause): "welcomed and praised the deal" shares its object."""
    trig = cand.trigger
    if cand.nominal or not any(c.dep_ in ("dobj", "obj") for c in trig.children):
        return set()
    out: set[int] = set()
    for conj in trig.children:
        if conj.dep_ == "conj" and conj.i > trig.i and conj.pos_ in ("VERB", "AUX") \
                and any(c.dep_ in ("ccomp", "xcomp") for c in conj.children):
            out |= {t.i for t in conj.subtree}
    return out


def _outside_relative_clause(head: Any, cand: Any) -> bool:
    """Whether ``head`` lies outside the relative clause that tells the act ("Orban, who has often
    criticised the sanctions, said his government had won exemptions": not his government): such
    a clause aims at what it names itself, or at the noun it describes ("the deal Iran rejected")."""
    clause = cand.trigger
    if cand.nominal and clause.dep_ in ("dobj", "obj") and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head  # ("nations that have conducted strikes in Iraq include Australia, …")
    if (cand.nominal and clause is cand.trigger) or clause.dep_ != "relcl" or clause.head.i == clause.i:
        return False
    return not (clause.left_edge.i <= head.i <= clause.right_edge.i) and head.i != clause.head.i


def _protected(head: Any) -> bool:
    """Whether ``head`` is what a protective verb keeps from harm ("pledging jihad to defend Iraq
    from U.S. actions", "troops deployed to protect civilians"): the beneficiary of a hostile act,
    never its target."""
    while head.dep_ == "conj" and head.head.i != head.i:  # "to defend Iraq and Yemen"
        head = head.head
    return (head.dep_ == "dobj" and head.head.lemma_.lower() in PROTECTIVE_VERBS) or _on_behalf(head)


def _on_behalf(head: Any) -> bool:
    """Whether ``head`` lies in a phrase naming whom an act is done for or beside ("in support of
    the government of Iraq", "on behalf of the coalition", "alongside Kurdish forces"), following
    noun phrases up through their prepositions."""
    tok = head
    while tok.dep_ in ("pobj", "conj") and tok.head.i != tok.i:
        prep = tok.head
        if tok.dep_ == "conj":
            tok = prep
            continue
        if prep.lower_ in ALLY_PREPS:
            return True
        owner = prep.head
        if prep.lower_ == "of" and owner.dep_ == "pobj" and owner.lemma_.lower() in BENEFICIARY_NOUNS:
            return True
        if prep.dep_ != "prep" or owner.pos_ not in ("NOUN", "PROPN"):
            return False
        tok = owner
    return False


def _speakers_own_verb(verb: Any) -> bool:
    """Whether a verb the parser coordinated with a reported clause is the speaker's own: "He said
    Ukraine is a valued partner and urged Russia …", "said Israel was targeting civilians and
    called on the international community …" — a finite verb of another form than the reported
    clause's, with no subject or auxiliary of its own, cannot share that clause's subject.

    Why: the parser hangs the second verb on the reported clause, and the act (a verbal one; the
    caller checks) went to the reported clause's subject (Israel called on the international
    community). A reported "was" is no act either ("said Ukraine was a valued partner and urged
    Russia …"). Verbs that can share the clause's auxiliary ("said gunmen had stormed the
    building and killed three") keep its subject.
    """
    head = verb.head
    if verb.dep_ != "conj" or head.i == verb.i or head.dep_ not in ("ccomp", "parataxis"):
        return False
    if head.head.lemma_.lower() not in speech_verbs() or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return False
    passive_head = any(c.dep_ == "auxpass" for c in head.children)
    if head.tag_ == "VBN" and verb.tag_ == "VBD" and not (passive_head and any(c.dep_ == "dobj" for c in verb.children)):
        return False  # "had stormed … and killed": one auxiliary for both (the tagger reads "killed" as past)
    # "said the law was incompatible with the bid and urged lawmakers to withdraw it": what a
    # reported clause only describes with "be" does no act beside it; the speaker does
    return verb.tag_ != head.tag_ or (head.lemma_ == "be" and not any(c.dep_ == "aux" for c in head.children))


def _main_verb_read_as_participle(verb: Any) -> bool:
    """Whether the parser read a sentence's main verb as a participle describing its subject ("The UN
    chief condemned Monday's attack by al-Shabab": "chief" the root, "condemned" hung on it): a
    past form right after the sentence's root noun, with a direct object of its own (a participle
    describing a noun takes none: "the chief condemned by …")."""
    head = verb.head
    return verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and head.dep_ == "ROOT" \
        and head.pos_ in ("NOUN", "PROPN") and verb.i == head.i + 1 \
        and any(c.dep_ in ("dobj", "obj") for c in verb.children)


def _own_subject(cand: Any, etype: str | None = None) -> Any:
    """The subject an active verb trigger has itself (or its light verb, or the verb it is
    coordinated with), else None: there the parse names the act's doer. In "The UN confirmed
    reports that ISIL has killed 70 tribesmen" ISIL killed, not the UN; in "Police said gunmen shot
    three men" the gunmen shot; "He warned … and expressed support" — he did both (a pronoun
    subject stands for its antecedent). Passives, headline passives ("Nine farmers killed as …")
    and verbs that borrow a subject otherwise ("began shelling", "…, killing five") have none here.
    A verbal act (``etype``) the parser hung on a reported clause may be the speaker's
    (``_speakers_own_verb``)."""
    trigger = cand.trigger
    if cand.nominal:  # "He … expressed support for X": the light verb lends its subject
        trigger = _act_verb(cand)
        if trigger is None:
            return trip_maker(cand.trigger)
        if trigger.lemma_.lower() in receiving_verbs():
            return None  # "Iran faces criticism from the UN": the subject underwent it
    if trigger.pos_ != "VERB":
        return None
    if _main_verb_read_as_participle(trigger):
        return trigger.head  # ("The UN chief condemned Monday's attack by …": the chief condemned)
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    # (two subjects are a misparse, "after Brown's shooting, demonstrators … had demanded": the nearest)
    subject = max((c for c in subjects if c.i < trigger.i), key=lambda c: c.i, default=subjects[0] if subjects else None)
    verb = trigger
    if subject is None and etype in VERBAL_TYPES and _speakers_own_verb(trigger):
        verb = trigger.head.head  # "said Israel was targeting civilians and called on …": the speaker called
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    speaker = forecast_speaker(verb) if subject is None else None
    if speaker is not None:
        # "Hezbollah said the killing would not go unpunished and fired rockets": the parser joins
        # "fired" to the forecast; a past act beside a "would" clause is the speaker's own
        verb = speaker
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        swallowed = swallowed_subject(verb)  # ("threw stones and police fired tear gas": police)
        if swallowed is not None:
            return swallowed
    while subject is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = finite_host(verb) or verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.pos_ == "VERB" \
            and not any(c.dep_ == "mark" for c in verb.children):
        # "a rocket hit a car carrying the mayor, killing him": what struck killed
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if crowd_demanding(verb) is not None:
            return None  # "… supporters who marched on the commission, demanding …": theirs (roles)
        attack = _attack_clause_before(verb)
        if attack is not None:
            # "lodged a protest after a Chinese ship fired water cannon at a boat, injuring three
            # crew members": the parser hangs the outcome on the main verb; the attack's doer did it
            subject = next((c for c in attack.children if c.dep_ == "nsubj"), subject)
    if subject is None or subject.dep_ != "nsubj" or subject.tag_ in ("WDT", "WP", "EX") \
            or subject.lower_ in ("that", "which", "who") or headline_passive_subject(verb) is not None:
        return None
    return subject


def _venue(ctx: SentenceContext, cand: Any) -> set[int]:
    """The token indices of a body a complaint or protest is lodged with that judges it, not the
    one it is against: a court or an international organisation after "with" ("file a complaint
    with the U.N. Security Council", "a case with the International Court of Justice"); a state
    there is the one complained to and of ("lodged a protest with China")."""
    out: set[int] = set()
    for tok in (cand.trigger, *cand.extra_tokens):
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "with":
                continue
            for obj in prep.children:
                actor = ctx.actor_of(obj) if obj.dep_ == "pobj" else None
                if actor is not None and (actor.sector in VENUE_SECTORS or actor.country in VENUE_SECTORS):
                    out.add(obj.i)
    return out


def _attack_clause_before(participle: Any) -> Any:
    """The attack clause between a result participle and the verb it hangs on, when that verb
    itself tells no attack ("lodged a protest after a ship fired at a boat, injuring three"):
    the participle tells that clause's outcome. None otherwise."""
    head = participle.head
    if head.lemma_.lower() in ATTACK_VERBS:
        return None
    return next((c for c in reversed(list(head.children)) if c.dep_ == "advcl" and head.i < c.i < participle.i
                 and c.lemma_.lower() in ATTACK_VERBS and c.tag_ in ("VBD", "VBZ", "VBP")), None)


def _patient_described(cand: Any) -> Any:
    """The noun a passive participle trigger follows and describes ("a Kuwaiti seized by Houthi
    fighters", "prisoners released by Iran"), else None: the one the act was done to."""
    trigger = cand.trigger
    if cand.nominal or trigger.dep_ != "acl" or trigger.tag_ != "VBN" or trigger.head.i > trigger.i \
            or trigger.head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = trigger.head
    if noun.lemma_.lower() in KIN_NOUNS:
        # "the uncle of a Kuwaiti seized by Houthi fighters": the parser may hang the participle on
        # the kin; the one named after "of", right before it, was seized
        kin_of = next((g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj" and g.i == trigger.i - 1), None)
        if kin_of is not None:
            return kin_of
    return noun


def _participle_bearer(cand: Any) -> Any:
    """The noun an active participle trigger follows and qualifies ("U.S. diplomats condemning the
    order", "a tribal leader fighting IS"), else None: the doer, when it names an actor (a
    "lawsuit alleging misuse" or "munitions destroying targets" do nothing themselves)."""
    trigger = cand.trigger
    described = _described_people(cand)
    if described is not None:
        return described
    if cand.nominal or trigger.dep_ != "acl" or trigger.tag_ != "VBG" or trigger.head.i > trigger.i \
            or trigger.head.pos_ not in ("NOUN", "PROPN"):
        return None
    return trigger.head


def _described_people(cand: Any) -> Any:
    """The people a protest participle right before them describes where the parser read a gerund
    with its object ("fired teargas at protesting students": the students protest, nobody
    protests them): a plural people noun right after a gerund of protest that follows a
    preposition; else None."""
    trigger = cand.trigger
    if cand.nominal or trigger.tag_ != "VBG" or trigger.dep_ != "pcomp" or trigger.i + 1 >= len(trigger.doc) \
            or "PROTEST" not in cand.types:  # ("focused on supporting refugees" is a gerund and its object)
        return None
    noun = trigger.doc[trigger.i + 1]
    if noun.head.i != trigger.i or noun.dep_ not in ("dobj", "obj") or noun.tag_ != "NNS" \
            or noun.lemma_.lower() not in people_nouns():
        return None
    return noun


def _outside_own_subject(head: Any, cand: Any) -> bool:
    """Whether ``head`` stands outside the phrase of the trigger's own subject (``_own_subject``)."""
    subject = _own_subject(cand)
    return subject is not None and not _in_phrase(head, subject)


def _in_phrase(tok: Any, head: Any) -> bool:
    """Whether ``tok`` lies inside the phrase ``head`` heads (its subtree's span; up to the main
    verb the parser hung on it, ``_main_verb_read_as_participle``)."""
    right = head.right_edge.i
    if head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN"):
        verb = next((c for c in head.rights if _main_verb_read_as_participle(c)), None)
        if verb is not None:
            right = verb.i - 1
    return head.left_edge.i <= tok.i <= right


def _outside_antecedent(head: Any, cand: Any) -> bool:
    """Whether ``head`` stands outside what a relative clause's own subject refers to: in "X
    condemned attacks which have killed civilians" the attacks killed, not X. The act of a
    relative clause whose subject is the relative pronoun is done by its antecedent's phrase; so is
    the act a noun's infinitive names ("condemned the army chief's order to censor the media": the
    chief would censor, not whoever condemned the order)."""
    trigger = cand.trigger
    if not cand.nominal and finite_host(trigger) is not None:
        return False  # a past verb misjoined to the infinitive is not in it ("an attempt to silence
        # criticism and urged the Council to respond": the one who called it an attempt urged)
    while trigger.dep_ == "conj" and trigger.head.i != trigger.i:  # "which have killed and injured"
        trigger = trigger.head
    infinitive = trigger.dep_ == "acl" and trigger.tag_ == "VB" and trigger.head.pos_ == "NOUN"
    relative = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP")),
                    None)
    if relative is not None and trigger.dep_ != "relcl" and not infinitive:
        # a relative clause the parser hung elsewhere ("a war broke out that killed hundreds"): its
        # doer is the noun right before the pronoun, else no one outside the clause
        prev = trigger.doc[relative.i - 1] if relative.i > trigger.sent.start else None
        while prev is not None and prev.is_punct and prev.i > trigger.sent.start:
            prev = trigger.doc[prev.i - 1]
        span = prev if prev is not None and prev.pos_ in ("NOUN", "PROPN") else trigger
        return not (span.left_edge.i <= head.i <= span.right_edge.i)
    if not infinitive and (trigger.dep_ != "relcl" or relative is None):
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
