"""Fixtures of the time tests: a note's main act dated as the pipeline dates it."""

from __future__ import annotations

from typing import Callable

import pytest

from eventscope.model import AnalyzedDocument, Document


@pytest.fixture(scope="session")
def date_note(nlp) -> Callable[[str, str | None], tuple[str | None, str | None, list]]:
    """(date, precision, the expressions found) of a note's main act, after ``nlp`` and
    ``places`` (the focus country sets the locale of "3/5/2021"), as ``eval --task dates`` does."""
    from eventscope.evaluation.dates import date_main_event
    from eventscope.geo.places import place_document

    def run(text: str, pub: str | None = None) -> tuple[str | None, str | None, list]:
        adoc = AnalyzedDocument(document=Document(text=text, date=pub))
        adoc.spacy_doc = nlp(text)
        place_document(adoc)
        event = date_main_event(adoc)
        assert event is not None
        return event.date, event.date_precision, [(t.text, t.date, t.precision) for t in adoc.times]

    return run
