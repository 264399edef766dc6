"""Which stretches of a news text are the story, and where its run-on sentences break.

Why: web articles carry text that is not the story — photo captions ("FILE - …", "Trucks carry
tents …, Feb. 8, 2016"), credits and bylines, video-player furniture, section labels
("Questions remain-"), datelines ("MOSCOW —") and a headline glued to the lead. Coded as events
they report what a picture shows or restate the headline with broken roles. Some sources also
lose sentence-final stops ("… back to the front For the third time in a month …"), so the
parser reads two acts as one sentence. This module finds both from the tagged tokens, before the
parser runs: it sets sentence starts at the breaks (the parser keeps them) and records the
non-story stretches as ``doc.spans["not_story"]`` (label = kind: caption, credit, media, label,
dateline). Cue words live in ``data/not_story.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..common.data import read_data_yaml
from ..common.dateline import dateline_end
from .tokens import doc_text

SPAN_KEY = "not_story"
# Tags of words after which a capitalised word does not start a sentence ("with The Hague").
BINDING_TAGS = {"IN", "DT", "CC", "TO", "POS", "PRP$", "WDT", "MD", "EX", "WP", "WP$", "PDT", "HYPH", "NNP"}
FINITE_TAGS = {"VBP", "VBZ", "VBD", "MD"}
PRESENT_TAGS = {"VBP", "VBZ"}
CAPTION_MAX_CHARS = 400  # a caption opener looks this far for its closing date
LABEL_MAX_WORDS = 4
HEADLINE_MAX_CHARS = 250
DASHES = "—–"


@dataclass(frozen=True)
class StoryCues:
    caption_openers: tuple[str, ...]
    media_openers: tuple[str, ...]
    credit_phrases: tuple[str, ...]
    position_markers: tuple[str, ...]
    caption_verbs: tuple[str, ...]
    name_prefixes: frozenset[str]
    sentence_openers: frozenset[str]
    caption_date: re.Pattern[str]
    full_date: re.Pattern[str]
    opener: re.Pattern[str]


@lru_cache(maxsize=1)
def story_cues() -> StoryCues:
    """The cue lists of ``data/not_story.yaml`` (read once) and the patterns built from them."""
    raw = read_data_yaml("eventscope.nlp", "not_story.yaml")
    months = "|".join(sorted((re.escape(m) for m in raw["months"]), key=len, reverse=True))
    # ", Dec. 30, 2014" / " September 27, 2013" / ", Friday, Oct. 9, 2015" closing a caption.
    caption_date = re.compile(
        rf"(?:,\s*|\s)(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:{months})\.?\s+\d{{1,2}},\s+\d{{4}}"
        rf"(?=\s*(?:$|\n|[A-Z“\"‘'(]))")
    # "on March 2, 2014," anywhere in a sentence: a day written in full, with its year
    full_date = re.compile(rf"\b(?:{months})\.?\s+\d{{1,2}},\s+\d{{4}}\b")
    openers = sorted(raw["caption_openers"] + raw["media_openers"], key=len, reverse=True)
    opener = re.compile("|".join(re.escape(o) for o in openers))
    return StoryCues(
        caption_openers=tuple(raw["caption_openers"]),
        media_openers=tuple(raw["media_openers"]),
        credit_phrases=tuple(raw["credit_phrases"]),
        position_markers=tuple(raw["position_markers"]),
        caption_verbs=tuple(raw["caption_verbs"]),
        name_prefixes=frozenset(w.lower() for w in raw["name_prefixes"]),
        sentence_openers=frozenset(w.lower() for w in raw["sentence_openers"]),
        caption_date=caption_date,
        full_date=full_date,
        opener=opener,
    )


# ------------------------------------------------------------------ breaks
def run_on_starts(doc: Any) -> list[int]:
    """Token indices that start a sentence whose preceding stop was lost.

    A capitalised sentence-opening word ("The", "He", "But", "Officials") or a capitalised
    plural noun followed by a verb ("Trucks carry") right after an ordinary word, with no
    punctuation between, starts a new sentence. Title-case runs (headlines, names) never break:
    the word before must be lowercase, a number, or a closing quote; a proper noun before is
    allowed only with an opener word ("… in Iraq or Syria Officials said …"), another capitalised
    word never ("Iraqi Police Arrest …").
    """
    cues = story_cues()
    out: list[int] = []
    for tok in doc[1:]:
        text = tok.text
        if not text[:1].isupper() or text == "I" or tok.is_sent_start:
            continue
        prev = doc[tok.i - 1]
        if prev.text == "-" and not prev.whitespace_ and tok.i >= 2 and not doc[tok.i - 2].whitespace_ \
                and doc[tok.i - 2].text[-1:].isalnum():
            prev = doc[tok.i - 2]  # "… 9.0MB-The sailors were …": a glued hyphen hides the stop
            if prev.lower_ in cues.name_prefixes:
                continue
        elif prev.is_space or prev.is_punct and prev.text not in ("”", '"', "’", ")"):
            continue
        opener = tok.lower_ in cues.sentence_openers and not (
            tok.lower_ == "the" and tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "NNP")
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        subject = tok.tag_ in ("NNS", "NNPS", "NN") and nxt is not None and nxt.tag_ in FINITE_TAGS
        if not (opener or subject):
            continue
        if prev.tag_ == "NNP" or prev.text[:1].isupper():
            if not opener or prev.tag_ != "NNP":
                continue  # "Iraqi Police Arrest …": a capitalised modifier starts no sentence before its noun
        elif prev.tag_ in BINDING_TAGS:
            continue
        out.append(tok.i)
    return out


def _opens_sentence(tok: Any) -> bool:
    """Whether a capitalised word can open a sentence here: an opener word ("The", "But"), or a
    short noun phrase followed by a finite verb ("Cuban officials say", "Achin is")."""
    if tok.lower_ in story_cues().sentence_openers:
        return True
    doc = tok.doc
    for k in range(tok.i, min(tok.i + 3, len(doc) - 1)):
        if doc[k].tag_ not in ("JJ", "NN", "NNS", "NNP", "NNPS"):
            return False
        if doc[k + 1].tag_ in FINITE_TAGS:
            return True
    return False


def _token_at(doc: Any, char: int) -> Any:
    """The token at ``char`` (the one that contains it, else the next), skipping whitespace
    tokens; None past the end. Uses a per-doc index of token offsets (``_offsets``)."""
    offsets = _offsets(doc)
    i = bisect_right(offsets, char) - 1
    if i < 0:
        i = 0
    elif doc[i].idx + len(doc[i].text) <= char:
        i += 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


def _offsets(doc: Any) -> list[int]:
    """The start offsets of a doc's tokens (built once per doc, kept in ``doc.user_data``)."""
    offsets = doc.user_data.get("_story_offsets")
    if offsets is None or len(offsets) != len(doc):
        offsets = doc.to_array("IDX").tolist()
        doc.user_data["_story_offsets"] = offsets
    return offsets


def headline_end(text: str) -> int | None:
    """Where a headline glued to the lead ends ("Flow of … Unrelenting-New figures show …").

    A hyphen joined to a capitalised word within the first characters ends the headline when
    what comes before is title case (most words capitalised, three words at least) and what
    follows is a sentence (a lowercase word among its next words, no apposition comma) or a
    dateline.
    RETURNS (int | None): the offset just after the hyphen, or None.
    """
    head = text[:HEADLINE_MAX_CHARS]
    if "\n" in head.strip()[:60]:
        return None  # a headline on its own line is broken by the blank-line rule
    for m in re.finditer(r"\s?-(?=[A-Z“\"‘'])", head):
        before = text[:m.start()].split()
        words = [w for w in before if w[:1].isalpha()]
        if len(words) < 3 or before[-1].lower().strip("‘’'") in story_cues().name_prefixes:
            continue
        left = before[-1].strip("‘’'\"“”(")
        if not m.group(0).startswith((" ", "\t")) and (len(left) <= 2 or left.isupper()):
            continue  # a name joined by a hyphen ("SPLM-N", "G-Pep", "ISIS-Linked"), not a headline's end
        if sum(w[:1].isupper() for w in words) < 0.6 * len(words) or re.search(r",\s+[a-z]|\b\d{4},\s", text[:m.start()]):
            return None  # the text opens with a sentence ("Mario Diaz-Balart, a Cuban-American …", "On 8 May 2020, …")
        after = text[m.end():m.end() + 80].split()[:4]
        dateline = bool(re.match(r"[A-Z][A-Z .,'’()]+\s*[—–]", text[m.end():m.end() + 60]))
        if dateline or after and not after[0].endswith(",") and any(w[:1].islower() for w in after[1:]):
            return m.end()
    return None


# The most words a headline line has (longer first lines are paragraphs).
HEADLINE_MAX_WORDS = 25


def headline_line_end(text: str) -> int | None:
    """Where a headline on its own first line ends: a line of three to ``HEADLINE_MAX_WORDS``
    words with no stop at its end, followed by a line break (the whole text when it is one such
    line). RETURNS (int | None): the offset of the line's end, or None."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip()
    words = line.split()
    if not 3 <= len(words) <= HEADLINE_MAX_WORDS or line[-1] in ".!?:;\"”’'" or len(line) > HEADLINE_MAX_CHARS:
        return None
    return start + len(line)


def section_labels(doc: Any) -> list[tuple[int, int]]:
    """Section labels glued to the next sentence ("… Bahrain Questions remain-A U.S. official …").

    A hyphen right after a word and right before a capitalised word or an opening quote ends a
    label of one to four words; the label starts at its first capitalised word (a lowercase
    function word before it is taken too: "On to Achin-"). A name joined by a hyphen ("Al-Shabab",
    "Kim Jong-Un") is not a label: its left part is a name prefix, or what follows is title case.
    RETURNS (list): (start, end) character spans, the hyphen included.
    """
    text = doc_text(doc)
    cues = story_cues()
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"(?<=[\w’'”])-(?=[A-Z“\"‘'])", text):
        after = text[m.end():m.end() + 60].split()[:4]
        quoted = bool(after) and after[0][:1] in "“\"‘'"
        sentence = any(w[:1].islower() for w in after[1:])
        if not after or not (quoted or sentence or len(after) == 1):
            continue  # title case follows: a hyphenated name ("Jong-Un Visits China")
        first = _token_at(doc, m.end())
        if not quoted and (first is None or not _opens_sentence(first)):
            continue  # "the counter-ISIL coalition": a compound, not a label and a sentence
        left = text[max(0, m.start() - 80):m.start()]
        words = left.split()
        if not words or words[-1].lower().strip("‘’'") in cues.name_prefixes:
            continue
        # Shortest run of words ending at the hyphen that starts capitalised (or with a quote).
        take = 0
        for k in range(1, min(LABEL_MAX_WORDS, len(words)) + 1):
            w = words[-k]
            if w[:1].isupper() or w[:1] in "‘“\"'":
                take = k
                lower_before = len(words) > k and words[-k - 1][:1].islower() and words[-k - 1].isalpha() \
                    and len(words[-k - 1]) <= 3 and k < LABEL_MAX_WORDS
                if not lower_before:
                    break
        if not take:
            continue
        label = words[-take:]
        if any(c in " ".join(label) for c in ".\n,;:"):
            continue  # a label is a short phrase on its own
        if label[0][:1] not in "‘“\"'":
            # Its last word is a common word ("Questions remain-", "Engagement-"), not a name
            # or a nationality glued to another ("Diaz-Balart", "Cuban-American").
            tok = _token_at(doc, m.start() - len(label[-1]))
            if tok is None or tok.tag_ in ("NNP", "NNPS") or tok.tag_ == "JJ" and tok.text[:1].isupper():
                continue
        start = m.start() - len(" ".join(label))
        if text[start:m.start()] != " ".join(label):
            start = left.rfind(label[0]) + max(0, m.start() - 80)
        out.append((start, m.end()))
    return out


def _segments(doc: Any, starts: set[int]) -> list[tuple[int, int]]:
    """Rough sentences before the parser: breaks at ``starts`` (token indices), blank lines and
    sentence stops followed by a capitalised word."""
    bounds = set(starts) | {0}
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if tok.text in (".", "!", "?") and (nxt.is_space or nxt.text[:1].isupper() or nxt.text in "“\""):
            bounds.add(tok.i + 1)
        if tok.is_space and "\n" in tok.text:
            bounds.add(tok.i + 1)
    ordered = sorted(b for b in bounds if b < len(doc))
    segs = []
    for a, b in zip(ordered, ordered[1:] + [len(doc)]):
        while b > a and doc[b - 1].is_space:
            b -= 1
        if a < b:
            segs.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)))
    return segs


def find_not_story(doc: Any) -> tuple[list[tuple[str, int, int]], set[int]]:
    """The non-story stretches of a tagged doc and the sentence breaks they imply.

    doc (Doc): a spaCy doc after the tagger, before the parser.
    RETURNS (tuple): ([(kind, start, end)], {character offsets where a sentence must start}).
    """
    text = doc_text(doc)
    cues = story_cues()
    marks: list[tuple[str, int, int]] = []
    breaks: set[int] = set()
    head = headline_end(text)
    if head is not None:
        breaks.add(head)
        end = dateline_end(text, head)
        if end is not None:
            marks.append(("dateline", head, end))
            breaks.add(end)
    for start, end in section_labels(doc):
        if head is not None and end <= head + 1:
            continue  # the headline's own hyphen
        marks.append(("label", start, end))
        breaks.update((start, end))
    run_ons = run_on_starts(doc)
    breaks.update(doc[i].idx for i in run_ons)
    # Openers: from the cue to the caption's closing date, else to the next break or sentence start
    # (a caption without its day ends with its sentence: "FILE - Syrian rebels attend a training
    # session near Idlib, Syria" is not followed by more caption).
    sentence_starts = [t.idx for t in doc if t.is_sent_start]
    for m in cues.opener.finditer(text):
        if m.start() > 0 and text[m.start() - 1].isalnum():
            continue
        kind = "media" if m.group(0) in cues.media_openers else "caption"
        window = text[m.start():m.start() + CAPTION_MAX_CHARS]
        date = cues.caption_date.search(window)
        if date is not None:
            end = m.start() + date.end()
        else:
            later = [b for b in (*breaks, *sentence_starts) if b > m.end() + 10] + [len(text)]
            stop = re.search(r"\n|(?<=[a-z0-9][.!?])\s+(?=[A-Z“\"])", text[m.end():])
            end = min(min(later), m.end() + stop.start() if stop else len(text))
        marks.append((kind, m.start(), end))
        breaks.update((m.start(), end))
    # Captions with no opener end with their day ("…, in Oncupinar, Turkey, Feb. 8, 2016").
    for m in cues.caption_date.finditer(text):
        breaks.add(m.end())
    starts = {tok.i for b in breaks if (tok := _token_at(doc, b)) is not None}
    starts.update(t.i for t in doc if t.is_sent_start and t.i > 0)
    for start, end in _segments(doc, starts):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or sum(max(0, min(end, e) - max(start, s)) for _k, s, e in marks) * 2 > end - start:
            continue  # already marked (by its opener)
        mark = _caption_or_credit(doc, span, text[start:end], start, end)
        if mark is not None:
            marks.append(mark)
    marks.sort(key=lambda x: x[1])
    return marks, breaks


REPORTING = frozenset({"said", "says", "told", "tells", "added", "say", "tell"})
SUBJECT_WORDS = frozenset({"and", "of", "in", "at", "the", "'s", "’s", ",", "-", "left", "right", "center", "centre",
                           "front", "second", "from", "with", "other", "a", "an"})


def _caption_or_credit(doc: Any, span: Any, seg: str, start: int, end: int) -> tuple[str, int, int] | None:
    """A caption or credit ending a rough sentence: (kind, start, end), or None.

    A caption closes with its day or places people in the picture (", left,"), and hangs on a
    present-tense verb ("Trucks carry tents …") or on none; it starts at that verb's subject.
    A credit holds a credit phrase ("… contributed to this report") and starts at its names.
    """
    cues = story_cues()
    date = None
    for date in cues.caption_date.finditer(seg):
        pass
    dated = date is not None and date.end() >= len(seg.rstrip()) - 1
    marker = next((p for p in cues.position_markers if p in seg), None)
    marker_tok = _token_at(doc, start + seg.index(marker)) if marker is not None else None
    if dated:
        if marker_tok is not None:
            return "caption", doc[_subject_start(doc, marker_tok.i, span.start)].idx, end
        verb = _description_verb(span, start + date.start())
        if verb is not None:
            return "caption", doc[_subject_start(doc, verb.i, span.start)].idx, end
        if not any((t.tag_ in ("VBD", "VBN") and not _adjectival(t)) or t.lower_ in REPORTING for t in span):
            # verbless ("U.S. sailors under detention …, Jan. 13, 2016"), or its verb read as a noun
            # ("Russian President addresses newly arrived foreign ambassadors …, Nov. 26, 2015")
            return "caption", start, end
    elif marker_tok is not None and _description_verb(span, None, after=marker_tok.idx) is not None:
        return "caption", doc[_subject_start(doc, marker_tok.i, span.start)].idx, end
    elif any(not re.search(r"\b(?:the|a|an|its|their|his|her)\s+$", seg[:d.start()], re.I)
             for d in cues.full_date.finditer(seg)):  # ("under the December 25, 2011 agreement": no day of a picture)
        # "Police officers detain a protester in X, on March 2, 2014, during a rally": prose tells a
        # dated past act in the past tense; a present-tense verb with a full past date is a caption
        finite = [t for t in span if t.tag_ in FINITE_TAGS]
        if finite and finite[0].tag_ in PRESENT_TAGS and not any(t.tag_ in ("VBD", "MD") for t in finite) \
                and not any(t.lower_ in REPORTING for t in span) and finite[0].lower_ not in ("is", "are", "has", "have"):
            return "caption", doc[_subject_start(doc, finite[0].i, span.start)].idx, end
    seen = next((v for v in cues.caption_verbs if f" {v} " in seg), None)
    if seen is not None and not any(t.lower_ in REPORTING for t in span):
        at = _token_at(doc, start + seg.index(f" {seen} ") + 1)
        return "caption", doc[_subject_start(doc, at.i, span.start)].idx, end
    credit = next((p for p in cues.credit_phrases if p in seg), None)
    if credit is not None:
        at = _token_at(doc, start + seg.index(credit))
        first = _subject_start(doc, at.i, span.start) if at is not None and at.i > span.start else span.start
        return "credit", doc[first].idx, end
    if BYLINE.fullmatch(seg.strip()):
        return "credit", start, end
    return None


# A byline on a line of its own: "By Anna Petrova", "By Jane Doe and John Roe".
_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
BYLINE = re.compile(rf"By\s+{_NAME}(?:(?:\s*,\s*|\s+and\s+){_NAME})*")


AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had"})


def _adjectival(tok: Any) -> bool:
    """Whether a past participle only describes the noun after it ("newly arrived foreign
    ambassadors"): no auxiliary before it, a noun or adjective right after (read from tags alone,
    before the parser)."""
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if after is None or after.tag_ not in ("JJ", "NN", "NNS", "NNP", "NNPS"):
        return False
    if before is not None and before.tag_ == "RB" and before.lower_.endswith("ly"):
        return True  # "newly arrived foreign ambassadors" (the tagger's past tense)
    return tok.tag_ == "VBN" and (before is None or before.lower_ not in AUXILIARIES)


def _description_verb(span: Any, before: int | None, after: int | None = None) -> Any:
    """The present-tense verb a caption hangs on ("Trucks *carry* tents …", "… *are* seen …"):
    the last one before ``before`` or the first one after ``after``; None when speech is
    reported just before it or anywhere after it ("said")."""
    verbs = [t for t in span if t.tag_ in PRESENT_TAGS and t.lower_ not in REPORTING
             and (before is None or t.idx < before) and (after is None or t.idx > after)]
    if not verbs:
        return None
    verb = verbs[-1] if after is None else verbs[0]
    if any(t.lower_ in REPORTING for t in span if t.i - verb.i >= -6):
        return None  # "… is a magnet," he said …: speech, not a picture
    return verb


def _subject_start(doc: Any, verb_i: int, floor: int = 0) -> int:
    """First token of the subject before a caption's verb or a credit's phrase: walk left over
    the noun phrase (names, nouns, adjectives, "of", "and", commas) until a verb, a stop or a
    quote, then take the first capitalised word after it ("… camp construction material Trucks
    carry tents …" → "Trucks"; "… Kerry said President Barack Obama delivers …" → "President")."""
    i = verb_i - 1
    while i >= floor and verb_i - i <= 40:
        tok = doc[i]
        if tok.is_space and "\n" in tok.text or tok.text in ("“", '"', "”", ".", "!", "?", ":", ";"):
            break
        if not tok.text[:1].isupper() and (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")
                                           or tok.tag_ in ("MD", "WDT", "WP", "PRP")):
            break
        i -= 1
    for k in range(i + 1, verb_i):
        if doc[k].text[:1].isupper() or doc[k].tag_ == "CD":
            return k
    return verb_i


def mark_story(doc: Any) -> Any:
    """Set the sentence breaks and ``doc.spans["not_story"]`` of a tagged doc (a pipeline
    component: runs after the tagger, before the parser)."""
    marks, breaks = find_not_story(doc)
    for char in sorted(breaks):
        tok = _token_at(doc, char)
        if tok is not None and tok.i > 0:
            tok.is_sent_start = True
    text = doc_text(doc)
    line = headline_line_end(text)
    if line is not None:
        # a headline on its own line is one sentence ("Russia Expels Two Moldovan Diplomats in
        # Tit-for-Tat Move" was cut after "Expels", and the act lost its object)
        for tok in doc[1:]:
            if tok.idx >= line:
                break
            if tok.idx not in breaks and not tok.is_space:
                tok.is_sent_start = False
    head = headline_end(text)
    if head is not None:
        # a headline glued to the lead is one sentence: no stop guessed inside it ("Kenyan |
        # Police Hold, Then Free Opposition Figure-")
        for tok in doc[1:]:
            if tok.idx >= head - 1:
                break
            tok.is_sent_start = False
    spans = []
    for kind, start, end in marks:
        span = doc.char_span(start, end, label=kind, alignment_mode="contract") \
            or doc.char_span(start, end, label=kind, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    doc.spans[SPAN_KEY] = spans
    doc.user_data.pop("_story_offsets", None)
    return doc
