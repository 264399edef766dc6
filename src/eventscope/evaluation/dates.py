"""``eventscope eval --task dates``: exact-day accuracy of event dates (``dates/*.jsonl``).

Each record is a short report of one event (a B'Tselem casualty note) with its gold
``event_date``. The event is the report's main act: the root verb of its first sentence (the
notes open with it: "Shot in the head by ...", "His body was found on 3 August 2014"). The
time stage's own rule then dates it from its clause/sentence, else the publication date when
the record has one and the text is news of the day, else null.

Metrics: exact-day accuracy over all notes, over the ``has_date_expression`` and
``has_absolute_day`` subsets, and the precision of the dates given (share correct among the
notes that got a date; a wrong date is worse than none).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from ..model import AnalyzedDocument, Document, Event, Span
from . import read_gold


def _main_event(doc: Any, first_part: bool = False) -> Event | None:
    # the first sentence with a verb: a note's "14 September 2018:" header is a sentence of its own
    from ..common.dateline import dateline_end_token

    # a wire dateline ("ESCH-SUR-ALZETTE, July 6 (EVS) —") is no sentence of the note's act
    opening = dateline_end_token(doc) or 0
    sents = [s for s in doc.sents if s.end > opening] or list(doc.sents)
    sent = next((s for s in sents if any(t.pos_ in ("VERB", "AUX") for t in s)), sents[0] if sents else None)
    if sent is None:
        return None
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        # "14 June 2020: An IED planted by X killed ...": the verb with a subject, not "planted"
        verbs = [t for t in sent if t.pos_ == "VERB"]
        root = next((t for t in verbs if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)),
                    verbs[0] if verbs else root)
    if first_part:  # the dates eval; the geo eval keeps the root (its figures were set on it)
        root = _first_part_act(sent, root)
    root = _reported_act(root)
    span = Span(text=root.text, start=root.idx, end=root.idx + len(root.text))
    return Event(id="E1", type="ASSAULT", source=None, target=None,
                 evidence=Span(text=sent.text, start=sent.start_char, end=sent.end_char), trigger=span)


def _first_part_act(sent: Any, root: Any) -> Any:
    """"X attacked Y on 3 May; he was freed the next day": the note's act is the part before the
    first semicolon; when the parser makes a later part the root, take the highest verb before it.

    Why: notes put the act first and its consequences after ";" (deaths, arrests, a release);
    which part the parser makes the root is an accident of the parse.
    """
    cut = next((t.i for t in sent if t.text == ";"), None)
    if cut is None or root.i < cut:
        return root
    verbs = [t for t in sent if t.i < cut and t.pos_ == "VERB"]
    if not verbs:
        return root
    # the part's own head: a verb of the part whose head lies outside it
    tops = [t for t in verbs if t.head.i >= cut or t.head.i == t.i]
    if tops:
        return tops[0]

    def depth(tok: Any) -> int:
        n = 0
        while tok.head.i != tok.i and n < 50:
            tok, n = tok.head, n + 1
        return n
    return min(verbs, key=lambda t: (depth(t), t.i))


def _reported_act(root: Any) -> Any:
    """"Police said four militants were killed in X", "Jets hit X; the minister condemned the
    strike": when the root is a statement, the note's act is the clause it reports; so is the
    clause after "reported that" / "confirmed that" (a report verb with no clause of its own,
    "clashes were reported in X", is the act).

    Why: a note reports one act; a statement verb at the root only says who told of it, and a
    statement is located where it was made, never at the scene (``geo.stage.is_statement``).
    """
    from ..geo.gazetteer import load_lexicon

    lex = load_lexicon()
    for _ in range(3):  # a statement that reports a statement: "the army said the ministry said X"
        act = _reported_clause(root, lex)
        if act is None:
            return root
        root = act
    return root


def _reported_clause(root: Any, lex: dict[str, Any]) -> Any:
    """The act a statement verb reports, or None when ``root`` is no statement (or reports none)."""
    lemma = root.lemma_.lower()
    if lemma not in lex["statement_words"] and not (
            lemma in lex["clause_reporting_words"] and any(c.dep_ == "ccomp" and c.i > root.i for c in root.children)):
        return None
    # "The governor said on 19 April that a drone had set fire to X ...; no one was hurt": the clause
    # its "that" opens is the report, wherever the parser hangs it
    doc = root.doc
    for tok in doc[root.i + 1:min(root.i + 8, root.sent.end)]:
        if tok.lower_ == "that" and tok.dep_ == "mark" and tok.head.pos_ in ("VERB", "AUX") and tok.head.i != root.i:
            return tok.head
    # a clause before the statement ("X struck Y, the government said") may be parsed as adverbial
    reported = [c for c in root.children if c.pos_ in ("VERB", "AUX") and (
        c.dep_ in ("ccomp", "parataxis") or c.dep_ == "advcl" and c.i < root.i)]
    if reported:
        # "said a missile fired from X struck Y": a bare participle is no clause of its own
        finite = [c for c in reported if c.tag_ != "VBN" or any(a.dep_ in ("aux", "auxpass") for a in c.children)]
        return (finite or reported)[0]
    # "Fighters killed ten herders near X, a militia leader said": the parser may hang the act on the
    # statement's first subject as a clause ("fighters [who] killed"); an act with its own object
    # before a second subject of the same statement is the reported clause
    subjects = [c for c in root.children if c.dep_ == "nsubj" and c.i < root.i]
    if len(subjects) >= 2:
        acts = [a for a in subjects[0].children if a.dep_ == "acl" and a.pos_ == "VERB" and a.tag_ == "VBD"
                and any(o.dep_ == "dobj" for o in a.children)]
        if acts:
            return acts[0]
    # "The UN office condemned on 14 October the killing of three guards in X on 11 October": what a
    # condemnation is about, an act noun, is the note's act (it has its own place and day)
    return _condemned_act(root)


def _condemned_act(root: Any) -> Any:
    """The act noun a statement verb takes as its object ("condemned the killing of …"), or None."""
    from ..events.lexicon import triggers

    lex = triggers()
    # its object, or a noun the parser hung on a preposition before it ("condemned on 6 May the killing")
    objects = [c for c in root.children if c.dep_ == "dobj"] + [
        g for c in root.children if c.dep_ == "prep" and c.i > root.i for g in c.children if g.dep_ == "pobj"]
    for obj in objects:
        if obj.pos_ == "NOUN" and any(e.pos in ("NOUN", "ANY") for e in lex.get(obj.lemma_.lower(), [])):
            return obj
    return None


def date_main_event(adoc: AnalyzedDocument) -> Event | None:
    """Date a parsed note's main act the way the pipeline's ``time`` stage dates events.

    ``adoc`` has been through ``nlp`` and ``places`` (the focus country sets the locale of
    "3/5/2021"); the stage reads the dateline and resolves every expression, then dates the
    main act from its clause, its sentence, else the publication date for news of the day.
    """
    from ..time.stage import TimeStage

    event = _main_event(adoc.spacy_doc, first_part=True)
    adoc.events = [event] if event is not None else []
    TimeStage()(adoc)
    return event


def writes_the_day(text: str, iso_date: str | None) -> bool:
    """Whether ``text`` writes the gold day itself ("On 3 May 2021", "May 3", "3/5/2021",
    "2021-05-03", "3-May-2021", "overnight on 3-4 May"), rather than leaving it to be counted
    from a dateline or the publication date ("on Tuesday", "yesterday", "on the 5th").

    Why: the issue's date target is about explicit dates; this splits a note set by the gold
    alone (the gold day and the words of the note), never by what the reader found.
    """
    if not iso_date:
        return False
    from ..time.expressions import load_lexicon

    year, month, day = (int(x) for x in iso_date.split("-"))
    names = "|".join(sorted((re.escape(n) for n, m in load_lexicon()["months"].items() if m == month),
                            key=len, reverse=True))
    d, nth = rf"0?{day}", r"(?:st|nd|rd|th)?"
    forms = [
        rf"(?<!\d){d}{nth}(?:\s*[-\u2013]\s*\d{{1,2}}{nth})?[\s-]+(?:of\s+)?(?:{names})\b",  # 3 May, 3-4 May, 3-May
        rf"\b(?:{names})\.?\s+{d}{nth}(?!\d)",  # May 3, Sept. 3rd
        rf"(?<!\d){year}[-/.]0?{month}[-/.]{d}(?!\d)",  # 2021-05-03
        rf"(?<![\d/.]){d}[/.]0?{month}[/.](?:{year}|{year % 100:02d})(?!\d)",  # 3/5/2021 (day first)
        rf"(?<![\d/.])0?{month}/{d}/(?:{year}|{year % 100:02d})(?!\d)",  # 5/3/2021 (month first)
    ]
    return any(re.search(f, text, re.I) for f in forms)


def evaluate(path: Path, verbose: bool = False, limit: int | None = None) -> dict[str, Any]:
    """Exact-day accuracy of the main event's date; returns the metrics.

    Besides all notes, the figures split the notes that write the act's day (``explicit``:
    ``writes_the_day``, or the record's ``has_absolute_day`` meta when it has one) from the rest
    (``relative``: a weekday, "yesterday", a day counted from another date, or no day at all).
    """
    from ..pipeline import Pipeline, PipelineConfig

    records = read_gold(path, limit)
    pipe = Pipeline(PipelineConfig(stages=("nlp", "places")))
    counts = {k: [0, 0] for k in ("all", "has_date_expression", "has_absolute_day", "explicit", "relative")}
    answered = answered_ok = 0
    for rec in records:
        adocs = [AnalyzedDocument(document=Document(text=rec["text"], id=rec["id"], date=rec.get("date")))]
        for component in pipe.stages:  # stage by stage: the pipeline frees the parse after a batch
            adocs = list(component.pipe(adocs))
        adoc = adocs[0]
        event = date_main_event(adoc) if adoc.spacy_doc is not None else None
        pred = event.date if event is not None and event.date_precision == "day" else None
        ok = pred == rec["event_date"]
        meta = dict(rec.get("meta") or {})
        explicit = meta["has_absolute_day"] if "has_absolute_day" in meta else writes_the_day(rec["text"], rec["event_date"])
        meta["explicit"], meta["relative"] = bool(explicit), not explicit
        for key in counts:
            if key == "all" or meta.get(key):
                counts[key][0] += int(ok)
                counts[key][1] += 1
        if pred is not None:
            answered += 1
            answered_ok += int(ok)
        if verbose and (pred is not None or meta.get("has_absolute_day") or rec.get("event_date")) and not ok:
            print(f"MISS {rec['id']}: gold={rec['event_date']} pred={pred} "
                  f"times={[t.text for t in adoc.times]}", file=sys.stderr)
    out: dict[str, Any] = {"notes": len(records)}
    for key, (hit, n) in counts.items():
        out[f"exact_day_accuracy_{key}"] = round(hit / n, 4) if n else None
        out[f"n_{key}"] = n
    out["dated"] = answered
    out["dated_precision"] = round(answered_ok / answered, 4) if answered else None
    return out
