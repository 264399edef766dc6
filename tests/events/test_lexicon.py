"""The event knowledge files load and agree with each other."""

from __future__ import annotations

import pytest

from eventscope.events import lexicon
from eventscope.model import PLOVER_TYPES


def test_triggers_load_with_known_types_and_codes():
    trig = lexicon.triggers()
    assert "visit" in trig and "airstrike" in trig
    for entries in trig.values():
        for e in entries:
            assert e.type in PLOVER_TYPES
            assert e.pos in {"VERB", "NOUN", "ANY"}
            assert lexicon.cameo_info(e.cameo) is not None, e


def test_every_type_has_a_default_cameo_code():
    defaults = lexicon.default_cameo()
    assert set(defaults) == set(PLOVER_TYPES)
    assert defaults["CONSULT"] == "040"


def test_cameo_table_goldstein_and_quad():
    visit = lexicon.cameo_info("042")
    assert visit.type == "CONSULT" and visit.goldstein == 1.9 and visit.quad_class == 1
    assert lexicon.cameo_info("195").quad_class == 4
    assert lexicon.cameo_info("130").goldstein < 0
    assert lexicon.quad_class_of("0874") == 2
    assert lexicon.quad_class_of("111") == 3


def test_modes_contexts_and_cues_load():
    modes = lexicon.mode_words()
    assert any(m == "aerial" for _, m, _ in modes["ASSAULT"])
    for items in modes.values():
        for _, _, code in items:
            assert lexicon.cameo_info(code) is not None, code
    assault = lexicon.mode_words()["ASSAULT"]

    def assault_mode(text):
        return next((m for pattern, m, _ in assault if pattern.search(text)), None)
    assert assault_mode("two ieds exploded") == "explosives" and assault_mode("the allied forces") is None
    assert assault_mode("rockets were fired") == "heavy-weapons" and assault_mode("a tanker was hit") is None
    assert not any(pattern.search("iran warned israel") for pattern, _, _ in lexicon.mode_words()["THREATEN"])
    assert ("military", "military") in lexicon.context_prefixes()
    cues = lexicon.modality_cues()
    assert {"neg", "cond", "hyp", "intent", "report"} <= set(cues)
    assert "if" in cues["cond"]
    assert "conduct" in lexicon.light_verbs()
    assert "say" in lexicon.speech_verbs()
    assert {"men", "civilians", "crew"} <= lexicon.people_nouns() and "positions" not in lexicon.people_nouns()


def test_no_event_sentences_file_is_nonempty():
    path = lexicon.DATA / "no_event_sentences.txt"
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]
    assert len(lines) >= 50


def test_type_groups_load_as_plover_types_and_words():
    from eventscope.events.lexicon import type_groups
    from eventscope.model import PLOVER_TYPES

    groups = type_groups()
    assert groups["yield_types"] == ("CONCEDE", "RETREAT")
    for key in ("speaker_types", "verbal_types", "hostile_types", "cooperative_types"):
        assert groups[key] and groups[key] <= set(PLOVER_TYPES), key
    assert not groups["hostile_types"] & groups["cooperative_types"]
    assert "on" in groups["target_preps"] and "on" in groups["hostile_preps"]  # quoted, not a boolean
    assert "on" in groups["topic_preps"]
    assert all(isinstance(word, str) for values in groups.values() for word in values)  # no YAML booleans
    assert "urge" in groups["object_control_verbs"] and "amid" in groups["background_preps"]


def test_every_trigger_mode_is_a_mode_of_its_type():
    modes = lexicon.plover_modes()
    assert set(modes) <= set(PLOVER_TYPES)
    assert "execute" in modes["ASSAULT"] and "cyber" in modes["COERCE"]
    rows = 0
    for entries in lexicon.triggers().values():
        for e in entries:
            rows += 1
            assert e.mode is None or e.mode in modes[e.type], e
    assert rows >= 450  # the codebook's verbs and nouns, not a handful of words


def test_every_type_has_verb_and_noun_triggers():
    by_type: dict[str, set[str]] = {}
    for entries in lexicon.triggers().values():
        for e in entries:
            by_type.setdefault(e.type, set()).add(e.pos)
    for etype in PLOVER_TYPES:
        pos = by_type.get(etype, set())
        assert "VERB" in pos or "ANY" in pos, etype
        if etype != "CONCEDE":  # concessions are told with verbs ("eased", "backed down") or "apology"
            assert "NOUN" in pos or "ANY" in pos, etype


def test_phrasal_triggers_are_verbs_with_one_particle_and_noun_phrases_have_a_head():
    phrasal = {lemma: entries for lemma, entries in lexicon.triggers().items() if " " in lemma}
    assert {"crack down", "blow up", "step down", "take hostage"} <= set(phrasal)
    assert {"state of emergency", "martial law"} <= set(phrasal)
    for lemma, entries in phrasal.items():
        if all(e.pos == "NOUN" for e in entries):  # a noun with its modifier or its "of" complement
            words = lemma.split()
            assert len(words) == 2 or (len(words) == 3 and words[1] == "of"), lemma
            continue
        assert len(lemma.split()) == 2, lemma
        assert all(e.pos == "VERB" for e in entries), lemma


def test_unknown_trigger_mode_is_refused(monkeypatch):
    rows = [{"lemma": "zap", "pos": "VERB", "type": "ASSAULT", "mode": "laser", "cameo": "190"}]
    monkeypatch.setattr(lexicon, "_rows", lambda name: rows if name == "triggers.tsv" else lexicon.read_data_tsv(
        lexicon.PACKAGE, name))
    lexicon.triggers.cache_clear()
    try:
        with pytest.raises(ValueError, match="laser"):
            lexicon.triggers()
    finally:
        monkeypatch.undo()
        lexicon.triggers.cache_clear()
    assert "attack" in lexicon.triggers()
