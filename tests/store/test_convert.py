"""Stored rows → records (``store/convert.py``): a stored document codes back to its own JSON,
every field included (place precision, containment, inference, the focus, ``as_of``)."""

from __future__ import annotations

import json

from eventscope.model import from_contract
from eventscope.store import Store
from eventscope.store.convert import adoc_from_stored


def test_the_corpus_sets_the_fields_older_stores_lost(corpus_adocs):
    """The round trips below would pass on defaults alone if the corpus did not set these."""
    events = [e for a in corpus_adocs for e in a.events if e.location is not None]
    assert any(e.location.inferred for e in events) and any(e.location.within for e in events)
    assert {e.location.precision for e in events} >= {"place", "country", "region"}
    assert any(a.focus is not None and a.focus.country for a in corpus_adocs)
    assert any(a.focus is not None and a.focus.country is None for a in corpus_adocs)  # a focus with no country
    assert any(actor.as_of for a in corpus_adocs for actor in a.actors)


def test_stored_documents_give_back_their_contract_json(store, corpus_adocs):
    for adoc in corpus_adocs:
        stored = adoc_from_stored(store.document(adoc.document.id))
        assert stored.to_contract() == adoc.to_contract(), adoc.document.id
        assert stored.document.text == adoc.document.text and stored.document.origin == adoc.document.origin


def test_dump_lines_are_the_contract_plus_store_fields_and_load_back(tmp_path, store, corpus_adocs):
    path = tmp_path / "dump.jsonl"
    assert store.dump_jsonl(path) == len(corpus_adocs)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    by_id = {a.document.id: a for a in corpus_adocs}
    for line in lines:
        contract = by_id[line["id"]].to_contract()
        assert list(line)[: len(contract)] == list(contract)  # the same mapping, the same key order
        assert {k: line[k] for k in contract} == contract
        assert {"text", "origin", "meta", "duplicate_of"} <= set(line)
        assert from_contract(line).to_contract() == contract
    other = Store(tmp_path / "other.duckdb")
    assert other.import_jsonl(path)["documents"] == len(corpus_adocs)
    for adoc in corpus_adocs:
        assert adoc_from_stored(other.document(adoc.document.id)).to_contract() == adoc.to_contract()
    other.close()
