"""Helpers for the stories tests: a parsed document with hand-made actors and mentions."""

from __future__ import annotations

import re

import pytest

from eventscope.model import Actor, AnalyzedDocument, Document, Mention, Sentence


def build_adoc(nlp, text: str, actors: dict[str, tuple[str, str, list[str]]] | None = None,
               pronouns: dict[int, str] | None = None, date: str | None = None) -> AnalyzedDocument:
    """Parse ``text`` and attach actors: id -> (name, kind, surface patterns); ``pronouns`` maps
    the n-th pronoun occurrence (by character offset) to an actor id, as the actors stage would."""
    doc = nlp(text)
    adoc = AnalyzedDocument(document=Document(text=text, date=date, id="t"))
    adoc.spacy_doc = doc
    adoc.sentences = [Sentence(i, s.text, s.start_char, s.end_char) for i, s in enumerate(doc.sents)]
    for actor_id, (name, kind, patterns) in (actors or {}).items():
        actor = Actor(id=actor_id, name=name, kind=kind)
        for pattern in patterns:
            for m in re.finditer(re.escape(pattern), text):
                mention = Mention(m.group(0), m.start(), m.end(), label="PERSON" if kind == "person" else "ORG",
                                  actor=actor_id)
                actor.mentions.append(mention)
                adoc.mentions.append(mention)
        adoc.actors.append(actor)
    for offset, actor_id in (pronouns or {}).items():
        word = re.match(r"\w+", text[offset:]).group(0)
        adoc.mentions.append(Mention(word, offset, offset + len(word), label="PRON", actor=actor_id))
    adoc.mentions.sort(key=lambda m: m.start)
    return adoc


@pytest.fixture(scope="session")
def make_adoc(nlp):
    def make(text, actors=None, pronouns=None, date=None):
        return build_adoc(nlp, text, actors, pronouns, date)

    return make
