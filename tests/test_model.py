"""The records and their one contract mapping (``to_contract`` / ``from_contract``)."""

from __future__ import annotations

import json

import pytest

from eventscope.model import (
    Actor,
    AnalyzedDocument,
    Document,
    DocumentFocus,
    Location,
    Event,
    Mention,
    Span,
    content_hash,
    from_contract,
)


def test_document_id_defaults_to_the_content_hash():
    doc = Document(text="Troops crossed the border.")
    assert doc.id == doc.hash == content_hash("Troops crossed the border.")
    assert Document(text="x", id="mine").hash == content_hash("x")


def test_contract_json_loads_back_to_the_same_records(corpus_adocs):
    for adoc in corpus_adocs:
        line = json.loads(json.dumps({**adoc.to_contract(), "text": adoc.document.text}))
        back = from_contract(line)
        assert back.to_contract() == adoc.to_contract(), adoc.document.id
        assert [(m.start, m.actor) for m in back.mentions] == sorted(
            (m.start, a.id) for a in adoc.actors for m in a.mentions)


def test_new_record_fields_round_trip_without_touching_the_parser():
    text = "Gunmen attacked a village in Ghor on Monday."
    adoc = AnalyzedDocument(document=Document(text=text, id="g"))
    adoc.locations = [Location(text="Ghor", start=30, end=34, name="Ghor", country="AFG", precision="admin1",
                               within=["Afghanistan"], inferred=True, confidence=0.4)]
    adoc.focus = DocumentFocus(country="AFG", confidence=0.8, countries=[("AFG", 0.8), ("PAK", 0.2)],
                               evidence=["toponyms"])
    line = json.loads(json.dumps({**adoc.to_contract(), "text": text}))
    back = from_contract(line)
    assert back.locations == adoc.locations and back.focus == adoc.focus
    assert back.to_contract() == adoc.to_contract()


def test_missing_keys_take_the_record_defaults_and_text_is_required():
    adoc = from_contract({"text": "Police fired tear gas.", "events": [
        {"id": "E1", "type": "COERCE", "cameo": 173, "source": {"text": "Police"}}]})
    (event,) = adoc.events
    assert event.cameo == "173" and event.modality == "asserted" and event.confidence == 0.5
    assert event.source.text == "Police" and event.source.country is None and event.target is None
    assert event.evidence == Span("", 0, 0) and adoc.document.id == adoc.document.hash
    with pytest.raises(ValueError, match="text"):
        from_contract({"id": "no-text"})


def test_actor_lookup_and_event_references():
    adoc = AnalyzedDocument(document=Document(text="A. B."))
    adoc.actors = [Actor(id="A1", name="Alpha", mentions=[Mention("A", 0, 1)])]
    adoc.events = [Event(id="E1", type="CONSULT", source=adoc.actors[0].ref(), target=None, evidence=Span("A.", 0, 2))]
    assert adoc.actor("A1").name == "Alpha" and adoc.actor("A9") is None
    assert adoc.events[0].source.text == "A" and adoc.to_contract()["events"][0]["source"]["name"] == "Alpha"
