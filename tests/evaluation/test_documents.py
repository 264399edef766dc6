"""The document-level scorer: matching rules on hand-made articles, then a real run (slow)."""

from __future__ import annotations

import hashlib
import json

import pytest

from eventscope.evaluation import detect_task
from eventscope.evaluation.documents import (
    DocumentsGoldError, evaluate, group_of, read_document_gold, role_ok, score_document, summarize,
)
from eventscope.model import ActorRef, Event, Span

# A short article written for this test; offsets below point into it.
TEXT = ("Rebels attacked a convoy near the border on Monday. The army said the rebels attacked the convoy. "
        "FILE - Soldiers stand guard. Analysts say the conflict may widen.")


def _at(phrase: str, nth: int = 1) -> list[int]:
    at = -1
    for _ in range(nth):
        at = TEXT.index(phrase, at + 1)
    return [at, at + len(phrase)]


def _sentence(phrase: str) -> list[int]:
    start = TEXT.index(phrase)
    end = TEXT.index(".", start) + 1
    return [start, end]


def _ref(phrase: str, nth: int = 1, country: str | None = None, sector: str | None = None) -> ActorRef:
    s, e = _at(phrase, nth)
    return ActorRef(actor="A1", text=phrase, name=phrase, country=country, sector=sector, start=s, end=e)


def _event(etype: str, trigger: str, nth: int = 1, source: ActorRef | None = None,
           target: ActorRef | None = None, follow_up: bool = False) -> Event:
    t0, t1 = _at(trigger, nth)
    sent = next(s for s in (_sentence("Rebels attacked"), _sentence("The army"), _sentence("FILE"),
                            _sentence("Analysts")) if s[0] <= t0 < s[1])
    return Event(id="E", type=etype, source=source, target=target,
                 evidence=Span(TEXT[sent[0]:sent[1]], *sent), trigger=Span(trigger, t0, t1),
                 follow_up=follow_up)


GOLD = {
    "id": "doc-1", "dataset": "test", "split": "tune",
    "not_story": [_at("FILE - Soldiers stand guard.")],
    "events": [
        {"evidence": _sentence("Rebels attacked"), "trigger": _at("attacked"), "type": "ASSAULT",
         "modality": "asserted", "source": {"span": _at("Rebels"), "country": None, "sector": "REB"},
         "target": {"span": _at("a convoy"), "country": None, "sector": "MIL"}, "repeat_of": None},
        {"evidence": _sentence("The army"), "trigger": _at("attacked", 2), "type": "ASSAULT",
         "modality": "reported", "source": {"span": _at("the rebels"), "country": None, "sector": "REB"},
         "target": {"span": _at("the convoy"), "country": None, "sector": "MIL"}, "repeat_of": 0},
    ],
}


def test_repeats_form_one_group():
    assert group_of([{"repeat_of": None}, {"repeat_of": 0}, {"repeat_of": 1}, {"repeat_of": None}]) == [0, 0, 0, 3]


def test_role_rules():
    gold = {"span": [0, 6], "country": None, "sector": "REB"}
    assert role_ok(gold, ActorRef("A", "Rebels", None, None, None, 0, 6))
    assert role_ok(gold, ActorRef("A", "they", None, None, "REB", 90, 94))  # codes equal
    assert not role_ok(gold, ActorRef("A", "army", None, "XYZ", "MIL", 50, 54))
    assert not role_ok(gold, None)
    assert role_ok(None, None) and not role_ok(None, ActorRef("A", "x", None, "USA", "GOV", 0, 1))
    implied = {"span": None, "country": "SYR", "sector": "MIL"}
    assert role_ok(implied, None)
    assert role_ok(implied, ActorRef("A", "troops", None, "SYR", "MIL", 5, 10))
    assert not role_ok(implied, ActorRef("A", "rebels", None, None, "REB", 5, 10))
    with_antecedent = {"span": [100, 102], "antecedent": [0, 6], "country": None, "sector": "REB"}
    assert role_ok(with_antecedent, ActorRef("A", "Rebels", None, None, None, 0, 6))


def test_an_organisation_of_no_state_has_no_country_whichever_group_code_names_it():
    # "the EU" in the gold (null country); "it", elsewhere in the sentence, coded EUR/IGO here
    gold = {"span": [0, 6], "country": None, "sector": "IGO"}
    assert role_ok(gold, ActorRef("A", "it", None, "EUR", "IGO", 40, 42))
    assert role_ok(gold, ActorRef("A", "it", None, "UNO", "IGO", 40, 42))
    assert not role_ok(gold, ActorRef("A", "it", None, "EUR", "GOV", 40, 42))  # the sector still counts
    assert not role_ok(gold, ActorRef("A", "Kenya", None, "KEN", "IGO", 40, 45))  # a state is a country
    assert not role_ok({"span": [0, 6], "country": "USA", "sector": "GOV"}, ActorRef("A", "it", None, "UNO", "GOV", 40, 42))


def test_right_event_and_duplicate_telling():
    right = _event("ASSAULT", "attacked", source=_ref("Rebels"), target=_ref("a convoy"))
    again = _event("ASSAULT", "attacked", 2, source=_ref("the rebels"), target=_ref("the convoy"))
    score = score_document(GOLD, [right, again])
    labels = [j.label for j in score.judgements]
    assert labels == ["right", "duplicate"]
    metrics = summarize([score])
    assert metrics["gold_groups"] == 1 and metrics["gold_tellings"] == 2
    assert metrics["precision_type"] == 0.5 and metrics["recall"] == 1.0
    assert metrics["errors"]["duplicate"] == 1


def test_follow_up_retelling_is_not_scored():
    right = _event("ASSAULT", "attacked", source=_ref("Rebels"), target=_ref("a convoy"))
    again = _event("ASSAULT", "attacked", 2, source=_ref("the rebels"), target=_ref("the convoy"), follow_up=True)
    metrics = summarize([score_document(GOLD, [right, again])])
    assert metrics["emitted"] == 1 and metrics["precision_triple"] == 1.0
    assert metrics["follow_ups_not_scored"] == 1


def test_best_telling_gets_the_credit_whatever_the_order():
    wrong_type = _event("ACCUSE", "attacked", source=_ref("Rebels"))
    right = _event("ASSAULT", "attacked", 2, source=_ref("the rebels"), target=_ref("the convoy"))
    score = score_document(GOLD, [wrong_type, right])
    assert [j.label for j in score.judgements] == ["wrong_type", "right"]


def test_error_classes():
    caption = _event("MOBILIZE", "stand guard", source=_ref("Soldiers", country=None, sector="MIL"))
    opinion = _event("THREATEN", "widen", source=_ref("Analysts"))
    wrong_source = _event("ASSAULT", "attacked", source=_ref("a convoy"), target=_ref("a convoy"))
    score = score_document(GOLD, [caption, opinion, wrong_source])
    assert [j.label for j in score.judgements] == ["not_story", "no_event", "wrong_source"]
    metrics = summarize([score])
    assert metrics["precision_type"] == pytest.approx(1 / 3, abs=1e-4)
    assert metrics["precision_type_source"] == 0.0
    assert metrics["sources_coded"] == pytest.approx(1 / 3, abs=1e-4)


def test_wrong_target_counts_for_type_and_source_only():
    ev = _event("ASSAULT", "attacked", source=_ref("Rebels"), target=_ref("Monday"))
    metrics = summarize([score_document(GOLD, [ev])])
    assert metrics["precision_type_source"] == 1.0 and metrics["precision_triple"] == 0.0
    assert metrics["errors"]["wrong_target"] == 1


def test_evidence_meets_gold_trigger_when_triggers_differ():
    # The system anchored the act on another word of the same sentence.
    ev = _event("ASSAULT", "convoy", source=_ref("Rebels"), target=_ref("a convoy"))
    assert score_document(GOLD, [ev]).judgements[0].label == "right"


def test_gold_reader_splits_and_dedupes(tmp_path):
    a = tmp_path / "gold-a1.jsonl"
    b = tmp_path / "gold-a2.jsonl"
    a.write_text(json.dumps({**GOLD, "id": "x"}) + "\n" + json.dumps({**GOLD, "id": "h", "split": "heldout"}) + "\n")
    b.write_text(json.dumps({**GOLD, "id": "x", "events": []}) + "\n")
    assert [r["id"] for r in read_document_gold(tmp_path)] == ["x"]
    assert read_document_gold(tmp_path)[0]["events"]  # the first file's copy
    assert [r["id"] for r in read_document_gold(tmp_path, "heldout")] == ["h"]
    assert len(read_document_gold(a, "all")) == 2
    with pytest.raises(DocumentsGoldError):
        read_document_gold(a, "dev")
    assert detect_task(a) == "documents" and detect_task(tmp_path) == "documents"


def test_missing_texts_are_a_clear_error(tmp_path, monkeypatch):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD) + "\n")
    monkeypatch.setenv("EVENTSCOPE_SHARED", str(tmp_path / "nowhere"))
    with pytest.raises(DocumentsGoldError, match="EVENTSCOPE_SHARED"):
        evaluate(gold)


@pytest.mark.slow
def test_evaluate_runs_the_pipeline_on_shared_articles(shared_dir, tmp_path):
    """A gold article with no events: everything the system emits there is a false event, and a
    changed text (wrong checksum) is skipped, not scored."""
    line = (shared_dir / "data" / "documents" / "re3d.jsonl").read_text(encoding="utf-8").splitlines()[0]
    doc = json.loads(line)
    sha = hashlib.sha256(doc["text"].encode("utf-8")).hexdigest()
    gold = tmp_path / "gold.jsonl"
    records = [{"id": doc["id"], "dataset": "re3d", "text_sha256": sha, "split": "tune", "not_story": [], "events": []},
               {"id": doc["id"] + "-changed", "dataset": "re3d", "text_sha256": "0" * 64, "split": "tune",
                "not_story": [], "events": []}]
    gold.write_text("".join(json.dumps(r) + "\n" for r in records))
    metrics = evaluate(gold, verbose=True)
    assert metrics["documents"] == 1 and metrics["skipped"] == [doc["id"] + "-changed"]
    assert metrics["errors"]["no_event"] == metrics["emitted"]
    assert metrics["gold_groups"] == 0 and metrics["recall"] is None


def test_state_code_reads_group_codes_as_no_state():
    from eventscope.evaluation.documents import state_code

    assert [state_code(c) for c in ("UNO", "EUR", "IGO", "NGO", None)] == [None] * 5
    assert state_code("IRQ") == "IRQ"
