"""The ``quotes`` stage: who said what, with offsets.

News carries statements in two shapes. Direct quotes sit between quote marks, which in real text
are typographic (“ ” ‘ ’ « » „), straight ("), or left unbalanced (a quote that runs to the end of
its paragraph, a closing mark typed as an opening one). Indirect quotes are reported clauses
("warned that …", "said the army would …"). Each becomes a ``Quote`` with its cue verb and its
speaker resolved to an ``Actor`` through the actors stage's mentions (pronouns included), because
the speaker is the source of the statement for event coding.

Finding is character-level for the marks (robust to what the parser does with them) and
parse-based for the speaker: the subject of the cue verb, "…, X said", "according to X", or the
speaker of the quote just before when a quote stands alone in its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Iterator

from ..common.data import read_data_yaml
from ..common.dateline import skip_dateline
from ..model import Actor, AnalyzedDocument, Mention, Quote
from ..nlp.tokens import doc_text
from ..registry import BaseStage, stage

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Dependencies through which a cue verb without its own subject borrows its head's
# ("He smiled and said …", "X was quoted as saying …").
BORROW_SUBJECT_DEPS = {"conj", "advcl", "xcomp", "pcomp"}
_TRAIL_STRIP = " \t\n,;:"


@dataclass(frozen=True)
class QuoteCues:
    verbs: frozenset[str]
    not_statements: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    pairs: dict[str, str]
    min_words_without_cue: int
    first_person: frozenset[str]
    first_person_plural: frozenset[str]
    third_person_singular: frozenset[str]


@lru_cache(maxsize=1)
def load_quote_cues() -> QuoteCues:
    """Reporting verbs, attribution phrases and quote-mark pairs, read once from ``data/quote_cues.yaml``.

    RETURNS (QuoteCues): the cue lexicon.
    """
    raw = read_data_yaml("eventscope.stories", "quote_cues.yaml")
    return QuoteCues(
        verbs=frozenset(v.lower() for v in raw["verbs"]),
        not_statements=frozenset(v.lower() for v in raw.get("not_statements", [])),
        according=tuple(tuple(p.lower().split()) for p in raw.get("according", [])),
        pairs=dict(raw["pairs"]),
        min_words_without_cue=int(raw.get("min_words_without_cue", 4)),
        first_person=frozenset(raw["first_person"]),
        first_person_plural=frozenset(raw["first_person_plural"]),
        third_person_singular=frozenset(raw["third_person_singular"]),
    )


# --------------------------------------------------------------------------------------------
# Direct quotes: the marks
# --------------------------------------------------------------------------------------------

@dataclass
class QuoteSpan:
    """A stretch between quote marks: inner text offsets plus the outer ones (marks included)."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    closed: bool = True


def find_quote_spans(text: str, pairs: dict[str, str] | None = None) -> list[QuoteSpan]:
    """Direct-quote spans in ``text``, tolerant of typographic and unbalanced marks.

    A mark's role (opening or closing) is read from the glyph and its neighbours, so a closing
    mark typed where an opening one belongs still opens. A quote left open runs to the end of
    its paragraph when the next paragraph opens a quote again (the convention for quotes over
    several paragraphs), else to the end of its sentence (a lost closing mark); a closing mark
    with nothing open closes a quote from the start of its sentence.

    text (str): the document text.
    pairs (dict): opening → closing mark; defaults to the lexicon's.
    RETURNS (list[QuoteSpan]): spans in text order, inner text trimmed of spaces.
    """
    pairs = pairs if pairs is not None else load_quote_cues().pairs
    closers = set(pairs.values())
    spans: list[QuoteSpan] = []
    para_start = 0
    open_char: str | None = None
    open_pos = -1

    def emit(o_start: int, i_start: int, i_end: int, o_end: int, closed: bool) -> None:
        while i_start < i_end and text[i_start].isspace():
            i_start += 1
        while i_end > i_start and text[i_end - 1] in _TRAIL_STRIP:
            i_end -= 1
        if i_end > i_start:
            spans.append(QuoteSpan(i_start, i_end, o_start, o_end, closed))

    n = len(text)

    def unclosed(o_start: int, limit: int) -> None:
        if limit < n and text[limit] == "\n":
            j = limit
            while j < n and text[j].isspace():
                j += 1
            if j < n and (text[j] in pairs or text[j] in closers):
                emit(o_start, o_start + 1, limit, limit, closed=False)
                return
        end = _sentence_end(text, o_start + 1, limit)
        emit(o_start, o_start + 1, end, end, closed=False)

    for i, c in enumerate(text):
        if c == "\n":
            if open_char is not None:
                unclosed(open_pos, i)
                open_char = None
            para_start = i + 1
            continue
        if c not in pairs and c not in closers:
            continue
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        opens_by_context = (prev.isspace() or prev in "([{—–-/:") and not nxt.isspace()
        closes_by_context = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
        if open_char is None:
            if c in ("‘", "'") and prev.isalnum():
                continue  # an apostrophe, not a mark
            if c in ("’",):
                continue  # apostrophes far outnumber orphan single closers
            if c in pairs and (c not in closers or opens_by_context or c == '"' and not closes_by_context):
                if c == "‘" and not opens_by_context:
                    continue
                open_char, open_pos = c, i
            elif c in closers and c not in pairs and opens_by_context and not closes_by_context:
                open_char, open_pos = c, i  # a closing mark typed where an opening one belongs
            elif c in closers and c not in pairs:
                # Orphan closer: the opening mark was lost; the quote starts its paragraph.
                if closes_by_context:
                    floor = max(para_start, spans[-1].outer_end if spans else 0)
                    begin = _sentence_start(text, floor, i)
                    emit(begin, begin, i, i + 1, closed=True)
            continue
        expected = pairs.get(open_char)
        if open_char in ("‘",):
            if c == "’" and not nxt.isalnum():
                emit(open_pos, open_pos + 1, i, i + 1, closed=True)
                open_char = None
            continue
        if c in ("‘", "’", "'"):
            continue  # single marks nested in a double quote belong to it
        if c == '"' and opens_by_context and not closes_by_context:
            # A straight mark that can only open: the quote before it lost its closing mark.
            unclosed(open_pos, i)
            open_char, open_pos = c, i
        elif c == expected or (c in closers and closes_by_context):
            emit(open_pos, open_pos + 1, i, i + 1, closed=True)
            open_char = None
        elif c in pairs and opens_by_context:
            # A new opening mark while one is open: the first was never closed.
            unclosed(open_pos, i)
            open_char, open_pos = c, i
    if open_char is not None:
        unclosed(open_pos, n)
    return spans


_SENTENCE_END = re.compile(r"[.!?…][\"”’»]?(?=\s+[\"“«‘(\[]?[A-Z0-9])")


def _sentence_end(text: str, start: int, limit: int) -> int:
    """End of the first sentence after ``start`` (before ``limit``), or ``limit``."""
    match = _SENTENCE_END.search(text, start, limit)
    return match.end() if match else limit


def _sentence_start(text: str, floor: int, end: int) -> int:
    """Start of the sentence that ends at ``end`` (not before ``floor``)."""
    begin = floor
    for match in _SENTENCE_END.finditer(text, floor, end):
        begin = match.end()
    while begin < end and text[begin].isspace():
        begin += 1
    return begin


# --------------------------------------------------------------------------------------------
# Speakers
# --------------------------------------------------------------------------------------------

class _Speakers:
    """Maps parse tokens to actors through the actors stage's mentions."""

    def __init__(self, adoc: AnalyzedDocument):
        self.adoc = adoc
        self.mentions = sorted(adoc.mentions, key=lambda m: (m.start, -m.end))
        self.actors: dict[str, Actor] = {a.id: a for a in adoc.actors}

    def mention_at(self, start: int, end: int) -> Mention | None:
        best: Mention | None = None
        for m in self.mentions:
            if m.start >= end:
                break
            if m.end > start and m.actor:
                if best is None or (m.end - m.start) > (best.end - best.start):
                    best = m
        return best

    def resolve(self, token: Any) -> tuple[str | None, str | None]:
        """(Actor id, speaker text) for a subject token: its own mention, else one in its phrase."""
        head_mention = self.mention_at(token.idx, token.idx + len(token.text))
        if head_mention is not None:
            return head_mention.actor, head_mention.text
        left, right = token.left_edge, token.right_edge
        span_start, span_end = left.idx, right.idx + len(right.text)
        inside = [
            m for m in self.mentions
            if m.actor and m.start >= span_start and m.end <= span_end
        ]
        phrase = doc_text(token.doc)[span_start:span_end]
        if inside:
            people = [m for m in inside if self._kind(m.actor) == "person"]
            chosen = (people or inside)[-1 if people else 0]
            return chosen.actor, chosen.text
        if token.pos_ == "PRON" and token.lower_ in load_quote_cues().third_person_singular:
            antecedent = self._previous_person(token.idx)
            if antecedent is not None:
                return antecedent.actor, token.text
        if token.pos_ == "PRON":
            return None, token.text
        return None, (_noun_phrase(token) or phrase).split("\n")[-1].strip() or None

    def _kind(self, actor_id: str | None) -> str | None:
        actor = self.actors.get(actor_id or "")
        return actor.kind if actor else None

    def _previous_person(self, offset: int) -> Mention | None:
        """The nearest person mentioned before ``offset`` within three sentences (pronoun fallback)."""
        sentence = self.adoc.sentence_at(offset)
        floor = 0
        if sentence is not None:
            earlier = [s for s in self.adoc.sentences if s.index >= sentence.index - 3]
            floor = earlier[0].start if earlier else 0
        for m in reversed(self.mentions):
            if m.end <= offset and m.start >= floor and m.label != "PRON" and self._kind(m.actor) == "person":
                return m
        return None


def _noun_phrase(token: Any) -> str:
    """The head noun with its compounds, determiners and modifiers (no clauses)."""
    keep = [t for t in token.subtree if t.i == token.i or (
        t.head.i == token.i and t.dep_ in {"compound", "det", "amod", "poss", "nummod", "case", "flat"}
    ) or (t.head.head.i == token.i and t.head.dep_ in {"compound", "poss"} and t.dep_ in {"compound", "case", "det"})]
    if not keep:
        return token.text
    start = min(t.idx for t in keep)
    last = max(keep, key=lambda t: t.idx)
    return doc_text(token.doc)[start:last.idx + len(last.text)]


def _subject_of(verb: Any) -> Any | None:
    """The subject of a cue verb, borrowed from its head when it has none of its own."""
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            if subjects[0].tag_ in {"WP", "WDT"} and node.dep_ == "relcl":
                return node.head  # "Lina Saleh, who said …": the noun the clause hangs on
            return subjects[0]
        if node.dep_ in BORROW_SUBJECT_DEPS and node.head.i != node.i:
            node = node.head
            continue
        return None
    return None


def _according_cue(token: Any, phrases: tuple[tuple[str, ...], ...]) -> str:
    """The attribution phrase starting at ``token`` ("according to", "citing")."""
    doc = token.doc
    for phrase in phrases:
        if tuple(t.lower_ for t in doc[token.i: token.i + len(phrase)]) == phrase:
            return doc[token.i: token.i + len(phrase)].text
    return token.text


def _according_target(token: Any, phrases: tuple[tuple[str, ...], ...]) -> Any | None:
    """For "according to X" / "citing X" starting at ``token``: the head of X."""
    doc = token.doc
    for phrase in phrases:
        words = [t.lower_ for t in doc[token.i: token.i + len(phrase)]]
        if tuple(words) != phrase:
            continue
        last = doc[token.i + len(phrase) - 1]
        objects = [c for c in last.children if c.dep_ in {"pobj", "dobj", "obj"}]
        if objects:
            return objects[0]
        following = token.i + len(phrase)
        if following < len(doc) and doc[following].pos_ in {"PROPN", "NOUN", "PRON"}:
            tok = doc[following]
            while tok.dep_ == "compound" and tok.head.i > tok.i:
                tok = tok.head
            return tok
    return None


# --------------------------------------------------------------------------------------------
# "We" and "I" inside a quote are its speaker
# --------------------------------------------------------------------------------------------

def link_first_person(adoc: AnalyzedDocument, quotes: list[Quote]) -> int:
    """Make "we"/"I" (and "us", "our", "my" ...) inside a direct quote mentions of its speaker
    (and in a paragraph introduced by "X said:", X's words without quote marks).

    Why: "'We will downgrade their embassy staff,' the Pakistani spokesman said" is an act of the
    spokesman's side; the actors stage cannot know who speaks, the quotes stage does. A pronoun
    already covered by a mention, or in a quote with no resolved speaker, is left alone (no
    actor rather than a pronoun actor).

    adoc (AnalyzedDocument): with ``spacy_doc``, ``mentions`` and ``actors``.
    quotes (list[Quote]): the document's quotes, speakers resolved.
    RETURNS (int): how many mentions were added.
    """
    doc = adoc.spacy_doc
    if doc is None:
        return 0
    first_person = load_quote_cues().first_person
    actors = {a.id: a for a in adoc.actors}
    covered = [(m.start, m.end) for m in adoc.mentions]
    added = 0
    stretches = [(q.start, q.end, q.speaker) for q in quotes if q.kind == "direct"]
    stretches += _statements_after_colon(adoc, quotes)
    stretches += _statement_voice(adoc, quotes)
    for start_char, end_char, speaker_id in stretches:
        speaker = actors.get(speaker_id or "")
        if speaker is None:
            continue
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            if tok.pos_ != "PRON" or tok.lower_ not in first_person or tok.text == "US":
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            if any(s < end and start < e for s, e in covered):
                continue
            sentence = adoc.sentence_at(start)
            mention = Mention(text=tok.text, start=start, end=end, sentence=sentence.index if sentence else 0,
                              label="PRON", actor=speaker.id)
            speaker.mentions.append(mention)
            adoc.mentions.append(mention)
            covered.append((start, end))
            added += 1
    if added:
        adoc.mentions.sort(key=lambda m: (m.start, m.end))
        for actor in actors.values():
            actor.mentions.sort(key=lambda m: (m.start, m.end))
    return added


def _statement_voice(adoc: AnalyzedDocument, quotes: list[Quote]) -> list[tuple[int, int, str]]:
    """A statement written in the first person plural ("The United States strongly condemns
    today's attack … We call on the Taliban to protect all Afghans"): its unquoted "we" is the
    state or organisation whose present-tense act opens it. (start, end, speaker) of the text
    after that opening sentence, when the opener is a state or an organisation and some
    first-person plural pronoun stands outside every quote.

    Why: a press statement names its author once and speaks as "we" after; without the page's
    address (``actors/publisher.py``) no stage knew who "we" were, and its calls and pledges had no
    source. A news story's own unquoted text has no "we", so it is left alone.
    """
    doc = adoc.spacy_doc
    quoted = [(q.start, q.end) for q in quotes if q.kind == "direct"]
    plural = load_quote_cues().first_person_plural
    if not any(t.pos_ == "PRON" and t.lower_ in plural and t.text != "US"
               and not any(a <= t.idx < b for a, b in quoted) for t in doc):
        return []
    speakers = _Speakers(adoc)
    kinds = {a.id: a.kind for a in adoc.actors}
    for n, sent in enumerate(doc.sents):
        if n >= 3:
            break
        root = sent.root
        if root.tag_ not in ("VBZ", "VBP") or any(a <= root.idx < b for a, b in quoted):
            continue
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ == "PRON":
            continue
        speaker, _ = speakers.resolve(subject)
        if speaker is None or kinds.get(speaker) not in ("state", "organization"):
            continue
        return [(sent.end_char, len(doc_text(doc)), speaker)]
    return []


def _statements_after_colon(adoc: AnalyzedDocument, quotes: list[Quote]) -> list[tuple[int, int, str]]:
    """"Tobias Ellwood, the minister, said:" and a paragraph of his words without quote marks
    (press releases): (start, end, speaker) of that paragraph, when the cue's subject is an actor
    and the paragraph holds no quote of its own."""
    doc = adoc.spacy_doc
    text = adoc.document.text
    cues = load_quote_cues()
    speakers = _Speakers(adoc)
    out: list[tuple[int, int, str]] = []
    for sent in doc.sents:
        if not sent.text.rstrip().endswith(":"):
            continue
        verbs = [t for t in sent if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in cues.verbs]
        subject = _subject_of(verbs[-1]) if verbs else None
        if subject is None:
            continue
        speaker, _ = speakers.resolve(subject)
        if speaker is None:
            continue
        start = sent.end_char
        while start < len(text) and text[start].isspace():
            start += 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end > start and not any(q.start < end and start < q.end for q in quotes):
            out.append((start, end, speaker))
    return out


# --------------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------------

def extract_quotes(adoc: AnalyzedDocument) -> list[Quote]:
    """Direct and indirect quotes of one analysed document, speakers resolved.

    adoc (AnalyzedDocument): with ``spacy_doc``, ``sentences``, ``mentions`` and ``actors`` set
        (without a parse only direct quotes are found, without speakers).
    RETURNS (list[Quote]): quotes in text order.
    """
    cues = load_quote_cues()
    text = adoc.document.text
    spans = find_quote_spans(text, cues.pairs)
    if adoc.spacy_doc is None:
        return [
            Quote(text=text[s.start:s.end], start=s.start, end=s.end)
            for s in spans if len(text[s.start:s.end].split()) >= cues.min_words_without_cue
        ]
    finder = _QuoteFinder(adoc, spans, cues)
    quotes = finder.direct_quotes()
    quotes += finder.reported_clauses([(q.start, q.end) for q in quotes])
    quotes += finder.according_to([(q.start, q.end) for q in quotes])
    quotes.sort(key=lambda q: q.start)
    return quotes


class _QuoteFinder:
    """The three ways a document carries statements, over one parse: quote marks, reported
    clauses of cue verbs, and "according to X"."""

    def __init__(self, adoc: AnalyzedDocument, spans: list[QuoteSpan], cues: QuoteCues):
        self.adoc, self.spans, self.cues = adoc, spans, cues
        self.text = adoc.document.text
        self.doc = adoc.spacy_doc
        self.speakers = _Speakers(adoc)

    def inside_any(self, offset: int) -> QuoteSpan | None:
        for s in self.spans:
            if s.outer_start <= offset < max(s.outer_end, s.end):
                return s
        return None

    def is_cue(self, tok: Any) -> bool:
        return (
            tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in self.cues.verbs
            and not any(c.dep_ == "neg" for c in tok.children)
        )

    def direct_quotes(self) -> list[Quote]:
        """Quotes between marks, with the cue verb or "according to" that attributes them."""
        text, doc = self.text, self.doc
        quotes: list[Quote] = []
        previous: Quote | None = None
        previous_end = -1
        for span in self.spans:
            qtext = text[span.start:span.end]
            n_words = len(qtext.split())
            sent_tokens = _tokens_around(doc, span)
            outside_cues = [t for t in sent_tokens if self.is_cue(t) and self.inside_any(t.idx) is None]
            cue_tok = None
            if outside_cues:
                cue_tok = min(outside_cues, key=lambda t: _distance(t, span))
            speaker: str | None = None
            speaker_text: str | None = None
            cue_text: str | None = None
            if cue_tok is not None:
                subject = _subject_of(cue_tok)
                if subject is not None and self.inside_any(subject.idx) is None:
                    speaker, speaker_text = self.speakers.resolve(subject)
                cue_text = cue_tok.text
            else:
                for tok in sent_tokens:
                    if self.inside_any(tok.idx) is not None:
                        continue
                    target = _according_target(tok, self.cues.according)
                    if target is not None:
                        speaker, speaker_text = self.speakers.resolve(target)
                        cue_text = _according_cue(tok, self.cues.according)
                        break
            if cue_text is None:
                if n_words < self.cues.min_words_without_cue:
                    continue  # a scare quote
                # A quote standing alone right after another one continues the same speaker.
                if previous is not None and _sentence_gap(self.adoc, previous_end, span.start) <= 1:
                    speaker, speaker_text = previous.speaker, previous.speaker_text
            elif n_words < self.cues.min_words_without_cue and (not span.closed or not _ends_statement(text, span)):
                continue  # a quoted word or title, not a statement
            quote = Quote(
                text=qtext, start=span.start, end=span.end, speaker=speaker,
                speaker_text=speaker_text, cue=cue_text, kind="direct",
            )
            quotes.append(quote)
            previous, previous_end = quote, span.outer_end
        return quotes

    def reported_clauses(self, direct_spans: list[tuple[int, int]]) -> list[Quote]:
        """Indirect quotes: the reported clauses of cue verbs ("warned that …")."""
        text, doc = self.text, self.doc
        quotes: list[Quote] = []
        for tok in doc:
            if not self.is_cue(tok) or self.inside_any(tok.idx) is not None:
                continue
            complements = [c for c in tok.children if c.dep_ == "ccomp"]
            if not complements:
                continue
            comp = complements[0]
            if comp.i < tok.i and not any(t.text == "," for t in doc[comp.right_edge.i: tok.i]):
                continue  # a clause before the verb is reported only when set off ("…, he said")
            para_start = text.rfind("\n", 0, tok.idx) + 1
            para_end = text.find("\n", tok.idx)
            para_end = len(text) if para_end < 0 else para_end
            if not para_start <= comp.idx < para_end:
                continue
            tokens = [t for t in comp.subtree if para_start <= t.idx < para_end]
            tokens = [t for t in tokens if not (t.dep_ == "mark" and t.head.i == comp.i and t.i < comp.i
                                                     and t.lower_ in {"that", "whether", "if"})]
            tokens = [t for t in tokens if not t.is_punct or tokens.index(t) not in (0, len(tokens) - 1)]
            if len(tokens) < 3:
                continue
            start = min(t.idx for t in tokens)
            end_tok = max(tokens, key=lambda t: t.idx)
            end = end_tok.idx + len(end_tok.text)
            while end > start and text[end - 1] in _TRAIL_STRIP + ".":
                end -= 1
            while start < end and text[start] in " “\"«‘'":
                start += 1
            start = skip_dateline(text, start, end)
            if any(s < end and start < e for s, e in direct_spans) or self.inside_any(start) is not None:
                continue
            subject = _subject_of(tok)
            speaker, speaker_text = self.speakers.resolve(subject) if subject is not None else (None, None)
            quotes.append(Quote(
                text=text[start:end], start=start, end=end, speaker=speaker,
                speaker_text=speaker_text, cue=tok.text, kind="indirect",
            ))
        return quotes

    def according_to(self, covered: list[tuple[int, int]]) -> list[Quote]:
        """"According to X, …" with no cue verb: the rest of the sentence is X's statement."""
        text, doc = self.text, self.doc
        quotes: list[Quote] = []
        for sent in doc.sents:
            for tok in sent:
                if tok.lower_ not in {p[0] for p in self.cues.according} or self.inside_any(tok.idx) is not None:
                    continue
                target = _according_target(tok, self.cues.according)
                if target is None:
                    continue
                phrase_tokens = list(doc[tok.i: target.right_edge.i + 1])
                p_start, p_end = phrase_tokens[0].idx, phrase_tokens[-1].idx + len(phrase_tokens[-1].text)
                s_start, s_end = sent.start_char, sent.end_char
                if p_start - s_start <= 1:
                    start, end = p_end, s_end
                elif s_end - p_end <= 2:
                    start, end = s_start, p_start
                else:
                    start, end = s_start, s_end
                while start < end and text[start] in " ,;:—–-\n":
                    start += 1
                while end > start and text[end - 1] in " ,;:—–-.\n":
                    end -= 1
                if len(text[start:end].split()) < 3 or any(s < end and start < e for s, e in covered):
                    break
                speaker, speaker_text = self.speakers.resolve(target)
                quotes.append(Quote(
                    text=text[start:end], start=start, end=end, speaker=speaker,
                    speaker_text=speaker_text, cue=_according_cue(tok, self.cues.according),
                    kind="indirect",
                ))
                covered.append((start, end))
                break
        return quotes


def _tokens_around(doc: Any, span: QuoteSpan) -> list[Any]:
    """Tokens of the sentences the quote touches, plus a colon-ended sentence just before."""
    start = span.outer_start
    end = max(span.outer_end, span.end)
    sents = [s for s in doc.sents if s.start_char < end and s.end_char > start]
    if not sents:
        return []
    tokens = [t for s in sents for t in s]
    first = sents[0]
    if first.start > 0:
        before = doc[first.start - 1].sent
        if before.text.rstrip().endswith(":"):
            tokens = list(before) + tokens
    # "“…” — the minister said." split off as its own sentence right after the quote.
    last = sents[-1]
    if last.end < len(doc):
        after = doc[last.end].sent
        if len(after) <= 8 and any(t.dep_ == "ROOT" and t.lemma_.lower() in load_quote_cues().verbs for t in after):
            tokens += list(after)
    return tokens


def _distance(tok: Any, span: QuoteSpan) -> int:
    if tok.idx < span.outer_start:
        return span.outer_start - tok.idx
    return max(0, tok.idx - max(span.outer_end, span.end))


def _ends_statement(text: str, span: QuoteSpan) -> bool:
    """Whether the quote closes with punctuation inside its marks ("“No,” he said")."""
    tail = text[span.end: span.outer_end]
    return any(ch in ",.!?…" for ch in tail) or text[span.end - 1: span.end] in {"!", "?", "."}


def _sentence_gap(adoc: AnalyzedDocument, prev_end: int, start: int) -> int:
    a = adoc.sentence_at(max(prev_end - 1, 0))
    b = adoc.sentence_at(start)
    if a is None or b is None:
        return 99
    return b.index - a.index


@stage("quotes")
class QuotesStage(BaseStage):
    """Writes ``adoc.quotes``: direct and indirect quotations with cue verb and speaker."""

    name = "quotes"

    def initialize(self) -> None:
        load_quote_cues()

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument:
        adoc.quotes = extract_quotes(adoc)
        link_first_person(adoc, adoc.quotes)
        return adoc

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        for adoc in adocs:
            yield self(adoc)
