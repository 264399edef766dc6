"""The records between stages, and their one way out: the contract JSON (docs/CONTRACT.md)."""

from __future__ import annotations

import json

from eventscope.model import (MODALITIES, PLOVER_TYPES, Actor, ActorRef, AnalyzedDocument, Document, Event,
                              Location, Mention, Quote, Role, Sentence, Span, actor_from_dict, content_hash)

TEXT = "Valdora's envoy met Ostrava officials in Port Sel on Monday. \"We talked,\" he said."


def at(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def analysed() -> AnalyzedDocument:
    """A hand-made document with one of each record, offsets into TEXT."""
    doc = Document(text=TEXT, id="doc-1", date="2025-03-20", title="Talks")
    envoy = Mention("Valdora's envoy", *at("Valdora's envoy"), label="TITLE", actor="A1")
    actor = Actor(id="A1", name="Valdoran envoy", country="VAL", sector="GOV", kind="person",
                  roles=[Role(title="envoy", country="VAL", sector="GOV", start="2024-01-01")], mentions=[envoy])
    place = Location("Port Sel", *at("Port Sel"), name="Port Sel", country="OST", lat=1.5, lon=2.5)
    event = Event(id="E1", type="CONSULT", source=actor.ref(envoy),
                  target=ActorRef(actor=None, text="Ostrava officials", name=None, country="OST", sector="GOV"),
                  evidence=Span(text=TEXT[:60], start=0, end=60), mode="meet", location=place,
                  date="2025-03-17", date_precision="day", trigger=Span("met", *at("met")))
    return AnalyzedDocument(document=doc, sentences=[Sentence(index=0, text=TEXT[:60], start=0, end=60)],
                            mentions=[envoy], actors=[actor], events=[event], locations=[place],
                            quotes=[Quote("We talked,", *at("We talked,"), speaker="A1", cue="said")],
                            spacy_doc=object())


def test_a_documents_id_is_its_content_hash_unless_given():
    a, b = Document(text="Same words."), Document(text="Same words.")
    assert a.id == b.id == a.hash == content_hash("Same words.")
    assert Document(text="Other words.").id != a.id
    given = Document(text="Same words.", id="mine")
    assert given.id == "mine" and given.hash == a.hash


def test_contract_has_the_keys_of_the_output_contract_and_is_json():
    out = analysed().to_contract()
    assert {"id", "date", "actors", "events", "locations", "quotes", "brief"} <= out.keys()
    assert "errors" not in out  # only present when something went wrong
    line = json.dumps(out)
    assert "spacy_doc" not in line
    event = out["events"][0]
    assert {"id", "type", "mode", "context", "modality", "cameo", "quad_class", "goldstein", "source",
            "target", "location", "date", "date_precision", "evidence", "confidence"} <= event.keys()
    assert set(out["actors"][0]) >= {"id", "name", "country", "sector", "kind", "roles", "mentions"}
    assert set(out["brief"]) == {"summary", "key_points"}


def test_contract_offsets_slice_the_text_they_name():
    out = analysed().to_contract()
    event = out["events"][0]
    for span in (event["evidence"], event["trigger"], out["locations"][0], out["quotes"][0],
                 out["actors"][0]["mentions"][0]):
        assert TEXT[span["start"]:span["end"]] == span["text"]
    source = event["source"]
    assert TEXT[source["start"]:source["end"]] == source["text"]


def test_errors_are_listed_when_there_are_any():
    adoc = analysed()
    adoc.errors.append("E020 stage 'x' failed on document doc-1: boom")
    assert adoc.to_contract()["errors"] == ["E020 stage 'x' failed on document doc-1: boom"]


def test_an_actor_comes_back_from_its_contract_json():
    adoc = analysed()
    back = actor_from_dict(adoc.to_contract()["actors"][0])
    original = adoc.actors[0]
    assert (back.id, back.name, back.country, back.sector, back.kind) == \
        (original.id, original.name, original.country, original.sector, original.kind)
    assert back.roles == original.roles
    assert [(m.text, m.start, m.end) for m in back.mentions] == [(m.text, m.start, m.end) for m in original.mentions]


def test_lookups_by_actor_id_and_offset():
    adoc = analysed()
    assert adoc.actor("A1") is adoc.actors[0] and adoc.actor("A9") is None and adoc.actor(None) is None
    assert adoc.sentence_at(16).index == 0 and adoc.sentence_at(70) is None


def test_vocabularies_match_the_contract():
    assert len(PLOVER_TYPES) == len(set(PLOVER_TYPES)) == 16
    assert MODALITIES == ("asserted", "negated", "conditional", "hypothetical", "reported", "intended")
    assert Event(id="E1", type="AID", source=None, target=None, evidence=Span("x", 0, 1)).modality == "asserted"
