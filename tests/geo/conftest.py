"""Shared helpers of the geo tests: a text through the places stage."""

from __future__ import annotations

from typing import Callable

import pytest

from eventscope.model import AnalyzedDocument, Document


@pytest.fixture(scope="session")
def place_text(nlp) -> Callable[[str], AnalyzedDocument]:
    """A function: text -> the document after the places stage (toponyms, locations, focus)."""
    from eventscope.geo.places import place_document

    def run(text: str) -> AnalyzedDocument:
        adoc = AnalyzedDocument(document=Document(text=text))
        adoc.spacy_doc = nlp(text)
        return place_document(adoc)

    return run
