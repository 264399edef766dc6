"""spaCy's attribute ruler and rule lemmatizer, read from per-process tables with the same output.

Why: on news text these two components cost about a quarter of the small model's pipeline (210
dev documents, 100k tokens: the ruler's Matcher 1.8 s, the lemmatizer 1.3 s of 12.6 s CPU). The
ruler runs its 179 Matcher patterns over every token and the lemmatizer calls Python for every
token, though nearly all of their work depends on the token alone: a single-token pattern reads a
token's text, tag and dependency label; a lemma depends on the text, part of speech and
morphology. So each distinct (text, tag, label) and (text, part of speech, morphology) is worked
out once per process, by the component's own rules, and remembered; the few patterns that span two
tokens ("gon na", "there is") still run through a Matcher of their own.

The output is the same, token for token: the ruler applies a token's patterns in the order spaCy
does (by pattern number, later ones win), and a lemma is what ``Lemmatizer.lemmatize`` returns
(``tests/nlp/test_tables.py`` compares both with spaCy's components). Patterns that read anything
else leave the ruler as spaCy wrote it.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# What a single-token pattern may test here: the token's text, tag and dependency label.
_READS = {"ORTH": "text", "TEXT": "text", "LOWER": "lower", "TAG": "tag", "DEP": "dep", "IS_SPACE": "is_space"}
_OPERATORS = ("IN", "NOT_IN", "REGEX")


def _predicate(key: str, value: Any) -> Callable[[dict[str, Any]], bool] | None:
    """A test of one token property as the Matcher reads it, or None when it is not one of ours."""
    field = _READS.get(key)
    if field is None:
        return None
    if isinstance(value, dict):
        if len(value) != 1 or next(iter(value)) not in _OPERATORS:
            return None
        op, arg = next(iter(value.items()))
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda t: isinstance(t[field], str) and rx.search(t[field]) is not None
        members = set(arg)
        return (lambda t: t[field] in members) if op == "IN" else (lambda t: t[field] not in members)
    if isinstance(value, (bool, str)):
        return lambda t: t[field] == value
    return None


class TableAttributeRuler(AttributeRuler):
    """``AttributeRuler`` whose single-token patterns are read once per (text, tag, label)."""

    def _prepare(self) -> bool:
        """Split the patterns into single-token tests and a Matcher of the longer ones; False when
        a pattern tests something else (the component then runs as spaCy wrote it)."""
        # Each single-token pattern is filed under the tag or the lower-case text it requires (most
        # require one), so a new token is tested against a handful of patterns, not all 171.
        by_value: dict[tuple[str, str], list[tuple[int, list[Callable[[dict[str, Any]], bool]]]]] = {}
        always: list[tuple[int, list[Callable[[dict[str, Any]], bool]]]] = []
        longer = Matcher(self.vocab, validate=False)
        has_longer = False
        for number, entry in enumerate(self.patterns):
            for pattern in entry["patterns"]:
                if len(pattern) != 1:
                    longer.add(str(number), [pattern])
                    has_longer = True
                    continue
                spec = pattern[0]
                tests = [_predicate(k, v) for k, v in spec.items()]
                if any(t is None for t in tests) or spec.get("OP"):
                    return False
                for key, field in (("TAG", "tag"), ("LOWER", "lower")):
                    value = spec.get(key)
                    if isinstance(value, str) or (isinstance(value, dict) and list(value) == ["IN"]):
                        for v in ([value] if isinstance(value, str) else value["IN"]):
                            by_value.setdefault((field, v), []).append((number, tests))
                        break
                else:
                    always.append((number, tests))
        self._by_value, self._always = by_value, always
        self._longer = longer if has_longer else None
        self._merged: dict[tuple[int, int, int], tuple[tuple[int, ...], dict]] = {}
        return True

    def add(self, patterns: Any, attrs: dict, index: int = 0) -> None:
        """spaCy's ``add``; the tables are read again on the next document."""
        super().add(patterns, attrs, index)
        self.__dict__.pop("_table_ready", None)

    def __call__(self, doc: Doc) -> Doc:
        if not hasattr(self, "_table_ready"):
            self._table_ready = self._prepare()
        if not self._table_ready:
            return super().__call__(doc)
        own: dict[int, list[int]] = {}
        if self._longer is not None:
            for match_id, start, end in self._longer(doc, allow_missing=True):
                number = int(self.vocab.strings[match_id])
                index = self.indices[number]
                at = (start if index >= 0 else end) + index
                if not start <= at < end:
                    return super().__call__(doc)  # spaCy raises E1001 here: let it
                own.setdefault(at, []).append(number)
        merged = self._merged
        rows = doc.to_array([ORTH, TAG, DEP]).tolist()
        for i, (orth, tag, dep) in enumerate(rows):
            key = (orth, tag, dep)
            numbers_attrs = merged.get(key)
            if numbers_attrs is None:
                numbers_attrs = merged[key] = self._read(doc[i])
            numbers, attrs = numbers_attrs
            if i in own:
                for number in sorted(set(numbers) | set(own[i])):
                    set_token_attrs(doc[i], self.attrs[number])
            elif attrs:
                set_token_attrs(doc[i], attrs)
        return doc

    def _read(self, token: Any) -> tuple[tuple[int, ...], dict]:
        """The single-token patterns ``token`` matches (by number) and their attributes merged in
        the order spaCy applies them."""
        facts = {"text": token.text, "lower": token.lower_, "tag": token.tag_, "dep": token.dep_,
                 "is_space": token.is_space}
        filed = self._by_value.get(("tag", facts["tag"]), []) + self._by_value.get(("lower", facts["lower"]), [])
        numbers = sorted({n for n, tests in filed + self._always if all(t(facts) for t in tests)})
        attrs: dict = {}
        for n in numbers:
            attrs.update(self.attrs[n])
        return tuple(numbers), attrs


class TableLemmas:
    """Mixed into a ``Lemmatizer`` class (spaCy's English one overrides ``is_base_form``): its
    lemmas are remembered per (text, part of speech, morphology)."""

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or not self._validated:
            return super().__call__(doc)  # other modes; or the first call, which validates the tables
        memo: dict[tuple[int, int, int], int] = self.__dict__.setdefault("_lemma_memo", {})
        strings = self.vocab.strings
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = strings.add(self.lemmatize(doc[i])[0])
            if found != lemma:
                array[i, 3] = found
                changed = True
        if changed:
            doc.from_array([LEMMA], array[:, 3:4])
        return doc


_LEMMATIZER_CLASSES: dict[type, type] = {}


def use_tables(nlp: Any) -> None:
    """Give ``nlp``'s attribute ruler and lemmatizer their table-reading classes (same output)."""
    for _name, component in nlp.pipeline:
        cls = type(component)
        if cls is AttributeRuler:
            component.__class__ = TableAttributeRuler
        elif issubclass(cls, Lemmatizer) and not issubclass(cls, TableLemmas):
            if cls not in _LEMMATIZER_CLASSES:
                _LEMMATIZER_CLASSES[cls] = type("Table" + cls.__name__, (TableLemmas, cls), {})
            component.__class__ = _LEMMATIZER_CLASSES[cls]
            _index_as_sets(component)


def _index_as_sets(lemmatizer: Any) -> None:
    """The rule lemmatizer's word index per part of speech as sets: spaCy keeps lists (57,000
    nouns) and tests ``form in index`` for every new word (~80 µs each); membership is all it
    asks of them, so sets give the same lemmas."""
    if "lemma_index" not in lemmatizer.lookups.tables:
        return
    index = lemmatizer.lookups.get_table("lemma_index")
    for key in list(index.keys()):
        if isinstance(index[key], list):
            index[key] = frozenset(index[key])
