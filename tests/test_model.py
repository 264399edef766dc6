"""The records and their one contract mapping (``to_contract`` / ``from_contract``)."""

from __future__ import annotations

import json

import pytest

from eventscope.model import MODALITIES, PLOVER_TYPES, ActorRef, Quote, Role, Sentence, actor_from_dict

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


# --- records between stages (hand-made document) ---

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


def test_record_dicts_equal_the_dataclasses_ones_key_order_included(corpus_adocs):
    # ``to_contract`` converts records with its own ``_record_dict`` (no deepcopy per leaf); it
    # must give what ``dataclasses.asdict`` gives, keys in the same order, for every record kind.
    import dataclasses

    from eventscope.model import _record_dict

    seen = 0
    for adoc in corpus_adocs:
        records = [*adoc.actors, *adoc.events, *adoc.candidates, *adoc.locations, *adoc.times,
                   *adoc.quotes, adoc.brief, *adoc.not_story, *([adoc.focus] if adoc.focus else [])]
        for record in records:
            mine, theirs = _record_dict(record), dataclasses.asdict(record)
            assert json.dumps(mine) == json.dumps(theirs), type(record).__name__
            seen += 1
    assert seen > 0
    nested = Event(id="E1", type="ASSAULT", source=ActorRef("A1", "x", "X", "IRQ", None), target=None,
                   evidence=Span(text="x", start=0, end=1), context=["y"])
    assert json.dumps(_record_dict(nested)) == json.dumps(dataclasses.asdict(nested))
    assert _record_dict(nested)["source"] is not nested.source
