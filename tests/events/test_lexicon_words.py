"""Words of the codebook lexicon make candidate acts of their type in sentences written for these tests."""

from __future__ import annotations

import pytest

from eventscope.events.detect import candidates

pytestmark = pytest.mark.slow


def _types_at(nlp, text: str, word: str) -> set[str]:
    """The candidate types whose trigger span contains ``word``."""
    doc = nlp(text)
    start = text.index(word)
    found: set[str] = set()
    for sent in doc.sents:
        for c in candidates(sent):
            s, e = c.trigger_span()
            if s <= start < e:
                found |= c.types
    return found


@pytest.mark.parametrize("text, word, etype", [
    ("Soldiers carried out the executions of four prisoners in the capital.", "executions", "ASSAULT"),
    ("Gunmen looted the central market of Kismayo on Tuesday.", "looted", "ASSAULT"),
    ("Police cracked down on the opposition in the capital.", "cracked", "COERCE"),
    ("The court dissolved the main opposition party last week.", "dissolved", "COERCE"),
    ("Army officers toppled the elected president in a coup.", "toppled", "COERCE"),
    ("The militia blew up a bridge near the border.", "blew", "ASSAULT"),
    ("The minister stepped down after the scandal.", "stepped", "RETREAT"),
    ("The government blacklisted three foreign banks.", "blacklisted", "SANCTION"),
    ("Police rounded up dozens of activists in Minsk.", "rounded", "COERCE"),
    ("Rebels besieged the town of Marawi for months.", "besieged", "ASSAULT"),
    ("Kenya announced a pullout of its troops from Somalia.", "pullout", "RETREAT"),
    ("Egypt condemned the assassination of the envoy by gunmen.", "assassination", "ASSAULT"),
])
def test_codebook_word_makes_a_candidate_of_its_type(nlp, text, word, etype):
    assert etype in _types_at(nlp, text, word)


def test_a_particle_changes_the_reading(nlp):
    # "stepped up" is no resignation: the phrasal reading is looked up, the bare verb is not.
    assert "RETREAT" not in _types_at(nlp, "The rebels stepped up attacks on the town.", "stepped")
    # "backed down" is a concession, not the support that "backed" alone would be.
    types = _types_at(nlp, "Iran backed down after the warning from Washington.", "backed")
    assert "CONCEDE" in types and "SUPPORT" not in types
