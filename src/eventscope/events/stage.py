"""The ``events`` stage: candidate acts from the parse, typed by the classifier, coded, merged.

Why: precision first. A sentence yields its main act (the classifier's type, anchored on a
matching trigger and its roles), plus further acts only when they are clearly separate (their
own trigger with resolved source and target); repeated reports of one act in a document are
merged into the first.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator

import numpy as np

from ..errors import Errors
from ..model import ActorRef, AnalyzedDocument, Event, Mention, Span
from ..registry import BaseStage, stage
from .classifier import get_classifier
from .detect import VERBAL_TYPES, Candidate, _subject, candidates, phrase_span, under_complement
from .lexicon import cameo_info, context_prefixes, default_cameo, mode_words, triggers, type_groups

_GROUPS = type_groups()

YIELD_TYPES = _GROUPS["yield_types"]
# Types whose source, when told through a reporting verb, is the speaker.
SPEAKER_TYPES = _GROUPS["speaker_types"]
HOSTILE_TYPES = _GROUPS["hostile_types"]
UNREAL = _GROUPS["unreal_modalities"]
# Confidence of a further act found by the parse (trigger + resolved roles) that the sentence
# classifier, trained on one act per sentence, does not rank.
PARSE_CONFIDENCE = 0.4
COOPERATIVE_TYPES = _GROUPS["cooperative_types"]
HOSTILE_PREPS = _GROUPS["hostile_preps"]
# Parts of speech / entity types that can stand as an unresolved actor phrase.
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


def mention_at(adoc: AnalyzedDocument, start: int, end: int, head: tuple[int, int] | None = None) -> Mention | None:
    """The actor mention for an argument phrase: the one covering its head word, else the actors
    layer's best overlap (``eventscope.actors.mention_at``).

    adoc (AnalyzedDocument): the document with its mentions.
    start (int), end (int): the phrase's character span.
    head (tuple[int, int] | None): the head word's span, preferred when a mention covers it.
    RETURNS (Mention | None): the mention, or None.
    """
    if head is not None:
        covering = [m for m in adoc.mentions if m.start < head[1] and head[0] < m.end]
        if covering:
            return max(covering, key=lambda m: (m.actor is not None, m.end - m.start))
    lookup = _actors_lookup()
    return lookup(adoc, start, end) if lookup is not None else None


@lru_cache(maxsize=1)
def _actors_lookup() -> Any:
    """``eventscope.actors.mention_at`` when the actors layer provides it, else None."""
    try:
        from ..actors import mention_at as found  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - optional: the actors layer may not offer it
        return None
    return found


@stage("events")
class EventsStage(BaseStage):
    """Finds, types and codes the events of each document (``adoc.events``)."""

    name = "events"
    """Stage options (``PipelineConfig.stage_options["events"]``), the parameters of ``__init__``:

    threshold (float): precision knob: least classifier probability for a sentence's main event and
        least confidence for any further event of the sentence.
    secondary_threshold (float): least probability for a further, separate act in the sentence.
    max_per_sentence (int): cap on events per sentence.
    use_classifier (bool): False types by trigger lexicon only (degraded; for tests).
    batch_size (int): sentences per classifier run (length-sorted, padded to the longest). 1 makes a
        sentence's type independent of its batch mates (the int8 model quantises activations with one
        scale per batch; ~8% of top labels differ between 1 and 32) but costs ~1.5x the classifier
        time in the pipeline (each run re-reads the weights, evicted by the parser), so 32 is kept.
    classify_generic (bool): also classify sentences whose only candidate verb is outside the lexicon.
    model_dir (str | None): another trained artefact folder (same file names) instead of the packaged one.
    generic_threshold (float): least probability when no trigger word of the type is present.
    max_tokens (int): word pieces per sentence given to the classifier (speed vs. long sentences).
    threads (int | None): ONNX threads for the classifier (default 2 on a 2-core machine; set 1 when
        several worker processes run). 2 stays best overlapped too: a caller that gives
        ``Pipeline.pipe`` one batch at a time gets no overlap and waits for the classifier.
    lexicon_bonus (float): boost (x(1+b)) for types named by a trigger word in the sentence.
    overlap (bool): run the classifier on a helper thread (same results): the pipeline parses the
        next batch meanwhile (``Pipeline.pipe`` keeps one batch in flight), using the second core.
    strong_min (float): least probability for a further act whose source and target are both resolved
        (or that is coordinated with the main act).
    """

    def __init__(self, threshold: float = 0.35, secondary_threshold: float = 0.12,
                 max_per_sentence: int = 3, use_classifier: bool = True, batch_size: int = 32,
                 classify_generic: bool = True, model_dir: str | None = None,
                 generic_threshold: float = 0.45, max_tokens: int = 64, strong_min: float = 0.0005,
                 threads: int | None = None, lexicon_bonus: float = 0.5, overlap: bool = True):
        self.threshold = threshold
        self.secondary_threshold = secondary_threshold
        self.max_per_sentence = max_per_sentence
        self.use_classifier = use_classifier
        self.batch_size = batch_size
        self.classify_generic = classify_generic
        self.model_dir = model_dir
        self.generic_threshold = generic_threshold
        self.strong_min = strong_min
        self.threads = threads
        self.lexicon_bonus = lexicon_bonus
        self.max_tokens = max_tokens
        self.classifier = None
        self.sentences_classified = 0
        self.overlap = overlap
        self._executor: ThreadPoolExecutor | None = None

    def initialize(self) -> None:
        if self.use_classifier:
            self.classifier = get_classifier(self.model_dir, self.threads)
            if self.classifier is not None:
                self.classifier.set_max_length(self.max_tokens)
        mode_words(), context_prefixes(), default_cameo(), triggers()

    @property
    def overlaps(self) -> bool:
        """``start`` returns while the classifier runs on a helper thread (``Stage.overlaps``)."""
        return self.overlap and self.classifier is not None

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument:
        return next(iter(self.pipe([adoc])))

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        yield from self.start(adocs)()

    def start(self, adocs: Iterable[AnalyzedDocument]) -> Callable[[], list[AnalyzedDocument]]:
        """Find the candidate acts of a batch and start classifying them; RETURNS the function that
        finishes the batch (waits for the classifier, writes ``adoc.events``).

        Why split: with ``overlap`` the classifier runs on a helper thread (onnxruntime releases
        the GIL), so the pipeline can parse the next batch while this one is classified.
        """
        adocs = list(adocs)
        # 1. find: candidates per sentence, over the whole batch
        work: list[tuple[int, int, Any, list[Candidate], str]] = []
        for d, adoc in enumerate(adocs):
            doc = adoc.spacy_doc
            if doc is None:
                continue
            text = doc.text  # built once per document: ``Span.text`` re-joins its tokens on every call
            for s, sent in enumerate(doc.sents):
                if not _has_actor(adoc, sent):
                    continue  # nobody to be a source or target: no event, no classifier run
                cands = candidates(sent)
                if any(not c.generic for c in cands) or (self.classify_generic and cands):
                    work.append((d, s, sent, cands, text[sent.start_char:sent.end_char]))
        # 2. type: one classifier pass over all candidate sentences of the batch; with ``overlap``
        # the ONNX runs go on a helper thread while this thread does other work.
        planned: list[tuple[list[int], Any]] = []
        results: list[Any] = []
        if self.classifier is not None and work:
            # ONNX batches never mix documents: the int8 model scales activations per batch, so
            # a document's events must not depend on which other documents share its batch
            # (same output whatever the runner, the batch size or the input order).
            by_doc: dict[int, list[int]] = {}
            for k, w in enumerate(work):
                by_doc.setdefault(w[0], []).append(k)
            for ks in by_doc.values():
                for idx, feeds in self.classifier.batches([work[k][4] for k in ks], batch_size=self.batch_size):
                    planned.append(([ks[i] for i in idx], feeds))
            self.sentences_classified += len(work)
            if self.overlap:
                pool = self._pool()
                results = [pool.submit(self.classifier.run, feeds) for _idx, feeds in planned]

        def finish() -> list[AnalyzedDocument]:
            found: list[list[Event]] = [[] for _ in work]
            if planned:
                labels = self.classifier.labels
                rows_of = ((fut.result() for fut in results) if results
                           else (self.classifier.run(feeds) for _idx, feeds in planned))
                for (idx, _feeds), probs in zip(planned, rows_of):
                    for row, k in enumerate(idx):
                        found[k] = self._typed(adocs, work[k], _distribution(probs[row], labels))
            else:
                for k, w in enumerate(work):
                    found[k] = self._typed(adocs, w, _lexicon_distribution(w[3]))
            per_doc: dict[int, list[Event]] = {}
            for w, events in zip(work, found):
                per_doc.setdefault(w[0], []).extend(events)
            # 3. write: merge duplicates, number the events
            for d, adoc in enumerate(adocs):
                adoc.events = sorted(_merge(per_doc.get(d, [])),
                                     key=lambda e: (e.sentence, e.trigger.start if e.trigger else 0))
                for i, ev in enumerate(adoc.events, 1):
                    ev.id = f"E{i}"
                    ev.quote = _quote_of(adoc, ev)
            return adocs

        return finish

    def _typed(self, adocs: list[AnalyzedDocument], item: tuple[int, int, Any, list[Candidate], str],
               dist: dict[str, float]) -> list[Event]:
        """One work item's events; an error is recorded on its document, never raised."""
        d, s, sent, cands, stext = item
        try:
            return self._sentence_events(adocs[d], s, sent, cands, dist, stext)
        except Exception as exc:  # noqa: BLE001 - one bad sentence must not lose the document
            adocs[d].errors.append(Errors.E020.format(stage="events", doc=f"{adocs[d].document.id} (sentence {s})",
                                                      detail=repr(exc)[:300]))
            return []

    def _pool(self) -> ThreadPoolExecutor:
        """The one helper thread that runs the classifier (made on first use)."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="events-onnx")
        return self._executor

    # ---------------------------------------------------------------- per sentence
    def _sentence_events(self, adoc: AnalyzedDocument, s_index: int, sent: Any, cands: list[Candidate],
                         dist: dict[str, float], stext: str) -> list[Event]:
        p_none = dist.get("NONE", 0.0)
        if self.lexicon_bonus:
            # Product of experts: a type that a trigger word in the sentence names gets a boost.
            named = {("YIELD" if t in YIELD_TYPES else t) for c in cands for t in c.types}
            dist = {t: (p * (1.0 + self.lexicon_bonus) if t in named else p) for t, p in dist.items()}
            total = sum(dist.values()) or 1.0
            dist = {t: p / total for t, p in dist.items()}
            p_none = dist.get("NONE", 0.0)
        ranked = sorted(((p, t) for t, p in dist.items() if t != "NONE"), reverse=True)
        if not ranked:
            return []
        events: list[Event] = []
        main: Candidate | None = None
        top_p, top_t = ranked[0]
        used: set[int] = set()
        if top_p >= self.threshold and top_p > p_none:
            main = self._pick(cands, top_t)
            if main is not None and (main.generic or main.speech) and top_p < self.generic_threshold:
                main = None  # no trigger word of that kind: ask for a surer classifier
            if main is not None and (main.generic or main.speech) and self._ref(adoc, main.source) is None:
                main = None  # a verb outside the lexicon with no actor as its subject: not an act
            if main is not None:
                ev = self._event(adoc, s_index, sent, main, top_t, top_p, stext)
                if ev is not None and (ev.source is not None or ev.target is not None):
                    events.append(ev)
                    used.add(main.trigger.i)
                    used.update(t.i for t in main.extra_tokens)
        if p_none >= top_p:
            return events  # the sentence reports no act
        # Further acts: a separate trigger with its own resolved source and target.
        main_scope: set[int] = {t.i for e_tok in used for t in sent.doc[e_tok].subtree}
        main_source = main.source.i if events and main is not None and main.source is not None else None
        ordered = sorted(cands, key=lambda c: -(_best_type(c, dist)[1]))
        for cand in ordered:
            if len(events) >= self.max_per_sentence or cand.speech or cand.generic or cand.trigger.i in used:
                continue
            # Only acts told as done: not "if X were struck", not "urged X to disarm".
            if cand.modality in UNREAL or under_complement(cand.trigger):
                continue
            if cand.trigger.head.i in used or any(c.i in used for c in cand.trigger.children):
                continue
            ctype, cp = _best_type(cand, dist)
            if ctype is None:
                continue
            ev = self._event(adoc, s_index, sent, cand, ctype, cp, stext)
            if ev is None or ev.source is None or ev.source.actor is None:
                continue
            full = ev.target is not None and ev.target.actor is not None and not _same_side(ev.source, ev.target)
            # A coordinated predicate ("warned X ... and promised Y") is a second act of the same speaker.
            clause = cand.trigger.head if cand.nominal and cand.trigger.dep_ in ("dobj", "obj") else cand.trigger
            coordinated = main_source is not None and any(
                t.dep_ == "conj" and t.head.i in main_scope and _subject_i(t) == main_source
                for t in [clause] + cand.extra_tokens)
            if cp >= self.secondary_threshold * (1.0 if not cand.background else 1.5) and full:
                conf = cp
            elif full and not cand.background and cp >= self.strong_min:
                conf = max(cp, PARSE_CONFIDENCE)  # both sides resolved: the parse is the evidence
            elif coordinated and cp >= self.strong_min:
                conf = max(cp, PARSE_CONFIDENCE - 0.05)
            else:
                continue
            if conf < self.threshold:
                continue
            if any(e.type == ev.type and _same_actor(e.source, ev.source) for e in events):
                continue
            if any(_overlap(e.trigger, ev.trigger) for e in events):
                continue
            ev.confidence = round(float(conf), 3)
            events.append(ev)
            used.add(cand.trigger.i)
            used.update(t.i for t in cand.extra_tokens)
        return events

    def _pick(self, cands: list[Candidate], etype: str) -> Candidate | None:
        """The candidate that best carries an act of type ``etype``."""
        want = set(YIELD_TYPES) if etype == "YIELD" else {etype}
        matching = [c for c in cands if c.types & want]
        if matching:
            return min(matching, key=lambda c: (c.background, c.source is None, c.depth, c.trigger.i))
        if etype == "AGREE":
            # PLOVER codes a promised or future act as AGREE: "X will release Y", "said it would meet".
            intended = [c for c in cands if c.modality == "intended" and not c.background and not c.speech
                        and c.source is not None]
            if intended:
                return min(intended, key=lambda c: (c.depth, c.trigger.i))
        if etype in VERBAL_TYPES or etype == "YIELD":
            speech = [c for c in cands if c.speech]
            if speech and etype in SPEAKER_TYPES:
                return min(speech, key=lambda c: c.depth)
        # Any non-background verb with roles: the classifier typed the sentence.
        others = [c for c in cands if not c.background and not c.nominal and not c.speech]
        if others:
            return min(others, key=lambda c: (c.source is None, c.generic, c.depth, c.trigger.i))
        speech = [c for c in cands if c.speech]
        if speech:
            return min(speech, key=lambda c: c.depth)
        nominal = [c for c in cands if not c.background and c.nominal and c.source is not None]
        if nominal:  # "X were guilty of violating the agreement": the only named act carries the roles
            return min(nominal, key=lambda c: (c.depth, c.trigger.i))
        return None

    def _event(self, adoc: AnalyzedDocument, s_index: int, sent: Any, cand: Candidate, etype: str,
               p: float, stext: str) -> Event | None:
        etype, mode, cameo = _type_mode_cameo(cand, etype, sent)
        source = self._ref(adoc, cand.source)
        target = self._ref(adoc, cand.target)
        if target is not None and cand.target_prep in HOSTILE_PREPS and etype in COOPERATIVE_TYPES:
            target = None  # "support against X": X is not who is supported
        if cand.cond_agent is not None and etype in ("THREATEN", "REQUEST"):
            agent = self._ref(adoc, cand.cond_agent)
            if agent is not None and not _same_side(agent, source):
                target = agent  # "would not remain silent if ... struck by X": the threat is toward X
        if target is None or _same_side(target, source):
            target = self._fallback_target(adoc, cand, source, etype)
        if source is not None and target is not None and _same_actor(source, target):
            target = None
        info = cameo_info(cameo)
        tstart, tend = cand.trigger_span()
        lexical = etype in cand.types or (etype in YIELD_TYPES and cand.types & set(YIELD_TYPES))
        conf = float(p) * (1.0 if lexical else 0.85)
        if source is None:
            conf *= 0.9
        ev = Event(
            id="", type=etype, source=source, target=target,
            evidence=Span(stext, sent.start_char, sent.end_char),
            mode=mode, context=_contexts(stext), modality=cand.modality, cameo=cameo,
            quad_class=info.quad_class if info else None,
            goldstein=info.goldstein if info else None,
            confidence=round(conf, 3),
            trigger=Span(adoc.document.text[tstart:tend] if tend - tstart < 60 else cand.trigger.text,
                         tstart, tend if tend - tstart < 60 else cand.trigger.idx + len(cand.trigger.text)),
            sentence=s_index,
        )
        # Not a contract field: read by ``_merge`` to prefer tellings anchored on a trigger word.
        ev._anchored = bool(lexical) and not cand.speech and not cand.generic  # type: ignore[attr-defined]
        return ev

    def _ref(self, adoc: AnalyzedDocument, tok: Any) -> ActorRef | None:
        if tok is None:
            return None
        if tok.is_upper and tok.is_alpha and len(tok.text) > 3 and tok.i - tok.sent.start < 4:
            return None  # a dateline ("KABUL (Reuters) -"), parsed as a subject
        start, end = phrase_span(tok)
        head = (tok.idx, tok.idx + len(tok.text))
        m = mention_at(adoc, start, end, head)
        if m is not None and m.actor is not None:
            actor = adoc.actor(m.actor)
            if actor is not None:
                return actor.ref(m)
        if m is not None:
            return ActorRef(actor=None, text=m.text, name=None, country=None, sector=None, start=m.start, end=m.end)
        if tok.pos_ == "PRON" and tok.lower_ not in ("it", "this", "that", "which", "what", "who", "there"):
            # An unresolved personal pronoun ("they said they would..."): keep the text, no codes.
            return ActorRef(actor=None, text=tok.text, name=None, country=None, sector=None,
                            start=tok.idx, end=tok.idx + len(tok.text))
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
        span_toks = [t for t in tok.doc[tok.left_edge.i:tok.i + 1] if start <= t.idx < end]
        if not any(t.pos_ == "PROPN" or t.ent_type_ in ACTOR_ENTS for t in span_toks):
            return None
        text = adoc.document.text[start:end]
        return ActorRef(actor=None, text=text, name=None, country=None, sector=None, start=start, end=end)

    def _fallback_target(self, adoc: AnalyzedDocument, cand: Candidate, source: ActorRef | None,
                         etype: str) -> ActorRef | None:
        """A resolved actor named after the trigger in its own clause, from another side than the
        source; for hostile acts one introduced by "against/on/from/at" is preferred."""
        trig = cand.trigger
        scope = trig.head if (cand.nominal and trig.dep_ in ("dobj", "obj")) else trig
        lo = trig.idx + len(trig.text)
        hi = scope.right_edge.idx + len(scope.right_edge.text)
        found: list[tuple[int, int, ActorRef]] = []
        doc = trig.doc
        for m in adoc.mentions:
            if not (lo <= m.start and m.end <= hi) or m.actor is None:
                continue
            actor = adoc.actor(m.actor)
            if actor is None:
                continue
            ref = actor.ref(m)
            if _same_side(ref, source):
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            hostile = 0
            if span is not None:
                for anc in span.root.ancestors:
                    if anc.dep_ == "prep" and anc.lower_ in ("against", "on", "from", "at", "upon"):
                        hostile = 1
                        break
                    if anc.i == scope.i:
                        break
            if hostile and etype in COOPERATIVE_TYPES:
                continue  # "support against X": X is not who is supported
            if etype not in HOSTILE_TYPES:
                hostile = 0
            found.append((-hostile, m.start, ref))
        if not found:
            return None
        return min(found, key=lambda x: (x[0], x[1]))[2]


# -------------------------------------------------------------------- helpers
def _subject_i(verb: Any) -> int | None:
    subj = _subject(verb)
    return subj.i if subj is not None else None


def _has_actor(adoc: AnalyzedDocument, sent: Any) -> bool:
    """Whether a sentence names anyone: an actor mention, a proper noun or a named entity."""
    lo, hi = sent.start_char, sent.end_char
    if any(lo <= m.start < hi for m in adoc.mentions):
        return True
    return any(t.pos_ == "PROPN" or t.ent_type_ in ACTOR_ENTS for t in sent)


def _distribution(row: np.ndarray, labels: list[str]) -> dict[str, float]:
    return {lab: float(row[i]) for i, lab in enumerate(labels)}


def _lexicon_distribution(cands: list[Candidate]) -> dict[str, float]:
    """Without a classifier: a flat vote of the triggers (kept for tests and degraded runs)."""
    votes: dict[str, float] = {}
    for c in cands:
        for e in c.entries:
            t = "YIELD" if e.type in YIELD_TYPES else e.type
            votes[t] = votes.get(t, 0.0) + 1.0 / len(c.entries)
    total = sum(votes.values()) or 1.0
    dist = {t: v / total for t, v in votes.items()}
    dist["NONE"] = 0.0
    return dist


def _best_type(cand: Candidate, dist: dict[str, float]) -> tuple[str | None, float]:
    best, best_p = None, 0.0
    for t in cand.types:
        key = "YIELD" if t in YIELD_TYPES and "YIELD" in dist else t
        p = dist.get(key, 0.0)
        if p > best_p:
            best, best_p = t, p
    return best, best_p


def _type_mode_cameo(cand: Candidate, etype: str, sent: Any) -> tuple[str, str | None, str]:
    """Final PLOVER type (YIELD split into CONCEDE/RETREAT), mode and CAMEO code."""
    entries = list(cand.entries)
    if etype == "YIELD":
        ys = [e for e in entries if e.type in YIELD_TYPES]
        etype = ys[0].type if ys else _yield_by_words(sent)
    entry = next((e for e in entries if e.type == etype), None)
    mode = entry.mode if entry else None
    cameo = entry.cameo if entry else default_cameo()[etype]
    # A mode word in the trigger's phrase refines both.
    trig = cand.trigger
    first, last = trig.left_edge.i, trig.right_edge.i
    if cand.nominal and trig.dep_ in ("dobj",) and trig.head.pos_ == "VERB":
        first = min(first, trig.head.i)
    words = mode_words().get(etype)
    if not words:
        return etype, mode, cameo  # no mode words for this type: skip reading the phrase
    toks = trig.doc[first:last + 1]
    text = " ".join(t.lemma_.lower() for t in toks)
    raw = toks.text.lower()
    for word, m, code in words:
        if word in text or word in raw:
            mode, cameo = m, code
            break
    return etype, mode, cameo


def _yield_by_words(sent: Any) -> str:
    """PLV's YIELD without a trigger of either kind: CONCEDE for accession, else RETREAT
    (releases, withdrawals, access, easing sanctions: PLOVER's RETREAT modes)."""
    lemmas = {t.lemma_.lower() for t in sent}
    return "CONCEDE" if lemmas & _GROUPS["concession_verbs"] else "RETREAT"


def _contexts(text: str) -> list[str]:
    """The contexts (``contexts.tsv``) whose word prefixes occur in a sentence's text (a fresh list:
    several events of one sentence share the cached answer)."""
    return list(_sentence_contexts(text))


@lru_cache(maxsize=256)
def _sentence_contexts(text: str) -> tuple[str, ...]:
    low = text.lower()
    out: list[str] = []
    for prefix, ctx in context_prefixes():
        if ctx not in out and (" " + prefix) in (" " + low):
            out.append(ctx)
    return tuple(out)


def _same_actor(a: ActorRef | None, b: ActorRef | None) -> bool:
    if a is None or b is None:
        return False
    if a.actor and b.actor:
        return a.actor == b.actor
    return (a.text or "").lower() == (b.text or "").lower()


def _same_side(a: ActorRef | None, b: ActorRef | None) -> bool:
    """Same actor, or two actors of the same country (Qaani and Iran)."""
    if a is None or b is None:
        return False
    if _same_actor(a, b):
        return True
    return bool(a.country and a.country == b.country)


def _overlap(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def _key_side(ref: ActorRef | None) -> str | None:
    if ref is None:
        return None
    return ref.actor or (ref.text or "").lower()


def _quote_of(adoc: AnalyzedDocument, ev: Event) -> int | None:
    """Index of the quote a statement event reports (same sentence, same speaker), if any."""
    if ev.type not in SPEAKER_TYPES | {"CONSULT"} or ev.source is None or not adoc.quotes:
        return None
    for i, q in enumerate(adoc.quotes):
        inside = q.start < ev.evidence.end and ev.evidence.start < q.end
        if inside and q.speaker is not None and q.speaker == ev.source.actor:
            return i
    return None


def _anchored(ev: Event) -> bool:
    """Whether an event was anchored on a trigger word of its own type."""
    return bool(getattr(ev, "_anchored", False))


def _roles(ev: Event) -> int:
    """How many sides of an event are resolved to actors."""
    return sum(1 for r in (ev.source, ev.target) if r is not None and r.actor is not None)


def _merge(events: list[Event]) -> list[Event]:
    """One event per act: a later event with the same type and actors repeats an earlier one."""
    kept: list[Event] = []
    for ev in events:
        dup = None
        for k in kept:
            if k.type != ev.type or k.source is None or ev.source is None:
                continue
            if _key_side(k.source) != _key_side(ev.source) and not (
                    k.source.country and k.source.country == ev.source.country):
                continue
            kt, et = _key_side(k.target), _key_side(ev.target)
            same_country = (k.target is not None and ev.target is not None and k.target.country
                            and k.target.country == ev.target.country)
            if kt == et or kt is None or et is None or same_country:
                dup = k
                break
        if dup is None:
            kept.append(ev)
        elif (_anchored(ev), _roles(ev)) > (_anchored(dup), _roles(dup)):
            # The later telling has a better trigger or names more of who did what to whom.
            ev.confidence = max(dup.confidence, ev.confidence)
            kept[kept.index(dup)] = ev
        else:
            if dup.target is None and ev.target is not None and _key_side(dup.source) == _key_side(ev.source):
                dup.target = ev.target
            dup.confidence = max(dup.confidence, ev.confidence)
    return kept
