"""The ``time`` stage: ``adoc.times`` (resolved date expressions) and each event's date."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable, Iterator

from ..model import AnalyzedDocument, Event, TimeExpression
from ..nlp.tokens import doc_text
from ..registry import BaseStage, stage
from .expressions import day_first, find_dateline, find_dates, load_lexicon, parse_pub_date

# xcomp is not a new clause for dating: "refused to leave when they fled on 5 January"
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "csubj", "csubjpass", "parataxis", "acl"}
# An article is "news of the day" when its lead dates something this close to publication.
NEWS_OF_THE_DAY_DAYS = 3
LEAD_SENTENCES = 3
SAME_TIME_MARKS = {"when", "as", "while"}
# what may open the sentence after a header date: "3 May 2021 | Kidal | Gunmen attacked ..."
HEADER_MARKS = {"|", ":", "-", "\u2014", "\u2013"}
UNDATED_MODALITIES = {"hypothetical", "conditional", "intended"}


def _cover(doc: Any, times: list[TimeExpression]) -> dict[int, int]:
    cover: dict[int, int] = {}
    for ti, t in enumerate(times):
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                cover[tok.i] = ti
    return cover


def _clause_time(tok: Any, cover: dict[int, int], depth: int = 0,
                 times: list[TimeExpression] | None = None) -> int | None:
    """The date expression nearest ``tok`` inside its own clause (breadth first).

    With ``times``, a weekday that only names a thing ("after Friday prayers on 4 November", "the
    Sunday market") and resolves to no date is passed over for the clause's real date.
    """
    frontier = [tok]
    seen = {tok.i}
    while frontier and depth < 5:
        nxt = []
        for t in frontier:
            for child in t.children:
                if child.i in seen:
                    continue
                seen.add(child.i)
                if child.i in cover:
                    if times is not None and times[cover[child.i]].date is None and child.dep_ == "compound" \
                            and child.head.i not in cover:
                        continue
                    if _in_other_clause(tok, cover[child.i], cover):
                        continue  # a misparse hangs another clause's date here ("... abducted on 1 May")
                    return cover[child.i]
                if child.dep_ == "advcl" and any(c.lower_ in SAME_TIME_MARKS and c.dep_ in {"advmod", "mark"}
                                                 for c in child.children):
                    nxt.append(child)  # "... when they fled on 5 January": same time
                    continue
                if child.dep_ in CLAUSE_DEPS or (child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}):
                    continue
                nxt.append(child)
        frontier = nxt
        depth += 1
    return None


def _opens_clause(tok: Any) -> bool:
    """Whether ``tok`` heads a clause of its own for dating (a same-time "when" clause does not)."""
    if tok.dep_ == "advcl" and any(c.lower_ in SAME_TIME_MARKS and c.dep_ in {"advmod", "mark"} for c in tok.children):
        return False
    return tok.dep_ in CLAUSE_DEPS or (tok.dep_ == "conj" and tok.pos_ in {"VERB", "AUX"})


def _in_other_clause(tok: Any, ti: int, cover: dict[int, int]) -> bool:
    """Whether a word of date ``ti`` hangs from another clause than ``tok``'s.

    Why: the parser may attach one word of a date to the main verb and the rest to a clause
    inside its subject ("The body of a trader abducted on 1 May 2021 was found on 3 May", with
    "May" read as the subject): that date is the other clause's act, not this one's.
    """
    for t in tok.sent:
        if cover.get(t.i) != ti:
            continue
        head = t
        while head.i != tok.i:
            if _opens_clause(head) or head.head.i == head.i:
                return True  # a clause of its own, or up to the root without passing ``tok``
            head = head.head
    return False


def _occurrence_date(tok: Any, cover: dict[int, int], times: list[TimeExpression]) -> int | None:
    """The date of a clause that says when the act's subject took place: "The attack, which
    took place on 3 May 2021, killed five", "The raid, carried out on 3 May, left 12 dead".

    Why: the subject names the act itself and the clause dates it; a clause of any other verb
    ("the gunmen, who escaped on 1 May, attacked ...") dates something else and is left alone.
    """
    verbs = set(load_lexicon()["occurrence_verbs"])
    for subj in tok.children:
        if subj.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        for clause in subj.children:
            lemma = clause.lemma_.lower()
            said = {lemma} | {f"{lemma} {c.lower_}" for c in clause.children if c.dep_ in {"prt", "dobj"}}
            if clause.dep_ in {"relcl", "acl"} and said & verbs:
                ti = _clause_time(clause, cover, times=times)
                if ti is not None and times[ti].date:
                    return ti
    return None


def event_date(doc: Any, event: Event, times: list[TimeExpression], cover: dict[int, int] | None = None,
               default: tuple[str | None, str | None] = (None, None)) -> tuple[str | None, str | None, str]:
    """The date of one event: from its clause, else its sentence, else ``default``.

    RETURNS (tuple): (ISO date or None, precision or None, how: clause|sentence|default|none).
    """
    if cover is None:
        cover = _cover(doc, times)
    span = event.trigger or event.evidence
    tok = None
    if span is not None:
        cs = doc.char_span(span.start, span.end, alignment_mode="expand")
        tok = cs.root if cs is not None and len(cs) else None
    if tok is not None:
        ti = _clause_time(tok, cover, times=times)
        if ti is None and tok.dep_ == "conj" and tok.head.pos_ in {"VERB", "AUX"}:
            ti = _clause_time(tok.head, cover, times=times)  # "attacked and seized X on Monday"
        if ti is not None and times[ti].date:
            return times[ti].date, times[ti].precision, "clause"
        if ti is not None:
            # the clause has its own date that does not resolve ("last Monday" with nothing to
            # count from): another date of the sentence is not this event's (precision first)
            return None, None, "none"
        # the sentence: one resolved date, attached to no other clause's verb
        sent_times = {cover[t.i] for t in tok.sent if t.i in cover and times[cover[t.i]].date}
        if len({times[i].date for i in sent_times}) == 1:
            ti = min(sent_times)
            head = doc.char_span(times[ti].start, times[ti].end, alignment_mode="expand")
            governor = _governing_verb(head.root) if head is not None else None
            if (governor is None or governor == tok or governor == tok.sent.root) and \
                    not _in_subject(tok, times[ti], doc):
                return times[ti].date, times[ti].precision, "sentence"
        occurred = _occurrence_date(tok, cover, times)
        if occurred is not None:
            return times[occurred].date, times[occurred].precision, "clause"
        opening = _opening_date(tok.sent, times, cover)
        if opening is not None:
            return times[opening].date, times[opening].precision, "sentence"
        header = _header_date(doc, tok, times, cover)
        if header is not None:
            return times[header].date, times[header].precision, "header"
        attributed = _attribution_date(tok, times, cover)
        if attributed is not None:
            return times[attributed].date, times[attributed].precision, "clause"
        seg = _segment_date(doc, tok, times, cover)
        if seg is not None:
            return (times[seg].date, times[seg].precision, "segment") if times[seg].date else (None, None, "none")
    if default[0]:
        if event.modality in UNDATED_MODALITIES:
            return None, None, "none"
        return default[0], default[1], "default"
    return None, None, "none"


def _opening_date(sent: Any, times: list[TimeExpression], cover: dict[int, int]) -> int | None:
    """The date a sentence opens with ("On 3 May 2020, X attacked Y; two died", "On the night of
    8 December, ...", "At dawn on 7 March, ..."), when its own clause names none.

    Why: a date put first frames the whole sentence, every clause of it, whatever the parser
    makes of the clauses ("two militants died" after a semicolon, a participle "killing ...");
    a clause with its own date keeps it (the clause rule runs first). A "sentence" the parser
    cut off in mid-phrase ("On 24 September 2023, about 30 armed | Serbs barricaded ...") is
    read together with the words before it.
    """
    leads = frozenset(load_lexicon()["opening_date_leads"])
    doc = sent.doc
    start = sent.start
    while start > 0 and (doc[start - 1].is_alpha or doc[start - 1].like_num):
        start = doc[start - 1].sent.start  # the previous "sentence" ends on a word: a wrong cut
    for t in doc[start:sent.end]:
        if t.is_punct or t.is_space or t.lower_ in leads and t.i not in cover:
            continue
        ti = cover.get(t.i)
        return ti if ti is not None and times[ti].date else None
    return None


def _header_date(doc: Any, tok: Any, times: list[TimeExpression], cover: dict[int, int]) -> int | None:
    """The date of a "14 September 2018:" header, a sentence of its own that dates the next one.

    Why: conflict notes and chronologies open with the date and a colon (a dash, a bar, or the
    date in brackets: "(3 May 2021) Gunmen ...", "3 May 2021 | Kidal | Gunmen ..."); the parser
    makes the date a sentence, so the event's own sentence has no date.
    """
    start = tok.sent.start
    if start == 0:
        return None
    prev = doc[start - 1].sent
    words = [t for t in prev if not (t.is_punct or t.is_space)]
    framed = prev.text.rstrip().endswith((":", "-", "\u2014", "\u2013", "|")) or \
        (prev.text.lstrip().startswith("(") and prev.text.rstrip().endswith(")")) or doc[start].text in HEADER_MARKS
    if not words or not all(t.i in cover for t in words) or not framed:
        return None
    found = {cover[t.i] for t in words}
    if len(found) != 1:
        return None
    ti = found.pop()
    return ti if times[ti].date else None


def _attribution_date(tok: Any, times: list[TimeExpression], cover: dict[int, int]) -> int | None:
    """The act's date the parser hung on the attribution after it: "Gunmen shot dead a ruler in
    X on Saturday evening, police said on Monday" (both dates hang from "said").

    Why: in "<act>, <who> said", whatever stands before the comma and the speaker is the act's
    clause; only a date after the speaker ("said on Monday") is the statement's.
    """
    verbs = set(load_lexicon()["statement_verbs"])
    statement = tok.head
    if tok.dep_ not in {"ccomp", "parataxis"} or statement.i < tok.i or statement.lemma_.lower() not in verbs:
        # "Troops looted X on 20 May, survivors later told investigators": the attribution parsed
        # as a second verb of the act's own clause
        statement = next((c for c in tok.children if c.dep_ in {"conj", "parataxis"} and c.i > tok.i
                          and c.lemma_.lower() in verbs), None)
        if statement is None:
            return None
    speaker = min((c.i for c in statement.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i > tok.i),
                  default=statement.i)
    speaker_start = statement.doc[speaker].left_edge.i
    found = {cover[t.i] for t in statement.doc[tok.i:speaker_start] if t.i in cover}
    if len(found) != 1:
        return None
    ti = found.pop()
    return ti if times[ti].date else None


def _segment_date(doc: Any, tok: Any, times: list[TimeExpression], cover: dict[int, int]) -> int | None:
    """The date of the act's part of the sentence between semicolons, else of the part before it.

    Why: a note writes "[act] [place] on [date]" and ends the date with the act; the parser often
    hangs that trailing date on the nearest clause instead ("protesters opposing the curfew in X on
    3 May", "worshippers gathered at a mosque ... on 3 May", "burned tyres and threw stones ... on
    3 May", or across ";" on the next clause). And a clause after ";" with no date of its own
    ("... on Tuesday; three soldiers died") goes on from the act before it. Left out (precision
    first): a part with two different dates, a date inside the act's subject ("a trader abducted on
    1 May was found"), a date hanging from a statement ("police said on 6 May") or from a clause set
    at another time ("after", "since", "until"), and a past perfect clause ("who had fled on 1 May").
    RETURNS: the index of the date (one with ``date`` None says "this part's date is unknown").
    """
    sent = tok.sent
    cuts = [sent.start] + [t.i + 1 for t in sent if t.text == ";"] + [sent.end]
    part = max(k for k in range(len(cuts) - 1) if cuts[k] <= tok.i)
    for k in range(part, -1, -1):
        found = {cover[t.i] for t in doc[cuts[k]:cuts[k + 1]] if t.i in cover}
        if not found:
            continue
        if any(times[i].date is None for i in found):
            return min(i for i in found if times[i].date is None)
        # the statement's own date and the like ("said on 12 March that ... on 16 December") drop out
        acts = {i for i in found if _date_is_acts(doc, tok, times[i], part_start=cuts[part])}
        if len({times[i].date for i in acts}) != 1:
            return None
        return min(acts)
    return None


def _in_subject(tok: Any, when: TimeExpression, doc: Any, part_start: int = 0) -> bool:
    """Whether a date stands inside the act's subject ("The body of a farmer kidnapped on 2 May
    was found"): it dates the subject's own past, not the act. A subject the parser stretched
    back over an earlier part of the sentence (before ``part_start``) is not taken for one."""
    span = doc.char_span(when.start, when.end, alignment_mode="expand")
    if span is None:
        return False
    return any(subj.dep_ in {"nsubj", "nsubjpass"} and part_start <= subj.left_edge.i <= span.start
               and span.end - 1 <= subj.right_edge.i for subj in tok.children)


def _date_is_acts(doc: Any, tok: Any, when: TimeExpression, part_start: int = 0) -> bool:
    """Whether a date of the act's sentence that its clause did not reach may be the act's (see
    ``_segment_date``; ``part_start``: where the act's part of the sentence starts, a subject the
    parser stretched over an earlier part is no subject)."""
    span = doc.char_span(when.start, when.end, alignment_mode="expand")
    if span is None:
        return False
    lex = load_lexicon()
    statements, other_times = set(lex["statement_verbs"]), set(lex["other_time_marks"])
    if _in_subject(tok, when, doc, part_start):
        return False
    head = span.root
    for _ in range(12):
        if head.lower_ in other_times:
            return False
        if head.i != tok.i and head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in statements:
                return False
            if any(c.dep_ in {"mark", "advmod", "prep"} and c.lower_ in other_times for c in head.children):
                return False
            if any(c.dep_ == "aux" and c.lower_ == "had" for c in head.children):
                return False
        if head.i == tok.i or head.head.i == head.i:
            break
        head = head.head
    return True


def _governing_verb(tok: Any) -> Any:
    head = tok
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") and head is not tok:
            return head
        if head.head.i == head.i:
            return head if head.pos_ in ("VERB", "AUX") else None
        head = head.head
    return None


def news_of_the_day(adoc: AnalyzedDocument, times: list[TimeExpression], pub: date | None) -> bool:
    """Whether undated events may take the publication date (precision day).

    Our rule: the article has a publication date and its lead (first sentences) dates something
    within ``NEWS_OF_THE_DAY_DAYS`` days before publication ("on Tuesday", "yesterday",
    "today") at day precision, or its lead has no date at all while its first sentence is in
    the past or present perfect (a breaking-news lead). A lead that dates its story further
    back (a feature, an anniversary piece) leaves undated events undated.
    """
    if pub is None:
        return False
    doc = adoc.spacy_doc
    # the parse's sentences when the nlp stage's list is not there (a note scored on its parse alone)
    ends = [s.end for s in adoc.sentences] or ([s.end_char for s in doc.sents] if doc is not None else [])
    lead_end = ends[min(LEAD_SENTENCES, len(ends)) - 1] if ends else 0
    lead = [t for t in times if t.start < lead_end and t.date]
    for t in lead:
        d = parse_pub_date(t.date)
        if d is not None and t.precision == "day" and pub - timedelta(days=NEWS_OF_THE_DAY_DAYS) <= d <= pub:
            return True
    if lead:
        return False
    if doc is None or not ends:
        return False
    first = next(iter(doc.sents), None)
    return first is not None and first.root.tag_ in {"VBD", "VBN", "VBZ"}


def date_events(adoc: AnalyzedDocument, pub: date | None = None,
                exclude: tuple[int, int] | None = None) -> None:
    """Set ``event.date`` and ``event.date_precision`` for every event of the document.

    ``exclude`` is a span (the dateline's date) whose expression dates no event.
    """
    doc = adoc.spacy_doc
    if doc is None or not adoc.events:
        return
    pub = pub or parse_pub_date(adoc.document.date)
    times = [t for t in adoc.times if exclude is None or not (t.start < exclude[1] and exclude[0] < t.end)]
    cover = _cover(doc, times)
    default = (pub.isoformat(), "day") if pub and news_of_the_day(adoc, adoc.times, pub) else (None, None)
    for event in adoc.events:
        when, precision, _how = event_date(doc, event, times, cover=cover, default=default)
        event.date, event.date_precision = when, precision


@stage("time")
class TimeStage(BaseStage):
    """Writes ``adoc.times`` and ``event.date``/``event.date_precision``.

    Needs the ``nlp`` stage; dates the events of the ``events`` stage when it ran.
    """

    name = "time"

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument:
        pub = parse_pub_date(adoc.document.date)
        text = doc_text(adoc.spacy_doc) if adoc.spacy_doc is not None else adoc.document.text
        country = adoc.focus.country if adoc.focus is not None else None
        dateline = find_dateline(text, day_first=day_first(country), pub=pub)
        if pub is None and dateline is not None:
            pub = dateline[0]  # the contract's top-level date is the publication date
            adoc.document.date = pub.isoformat()
            adoc.document.meta["date_source"] = "dateline"
        adoc.times = find_dates(text, pub, adoc.spacy_doc, day_first=day_first(country))
        # The dateline dates the report, not the events of the sentence it opens.
        dateline_span = (dateline[1], dateline[2]) if dateline else None
        date_events(adoc, pub, exclude=dateline_span)
        return adoc

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        for adoc in adocs:
            yield self(adoc)
