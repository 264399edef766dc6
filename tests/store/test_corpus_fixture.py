"""The committed test corpus: every annotated phrase is found and every offset slices its text."""

from __future__ import annotations


def test_corpus_offsets_are_consistent(corpus_adocs):
    assert len(corpus_adocs) == 8
    for adoc in corpus_adocs:
        text = adoc.document.text
        assert adoc.document.date and adoc.document.title and adoc.events
        for actor in adoc.actors:
            assert actor.mentions, (adoc.document.id, actor.id)
            for m in actor.mentions:
                assert text[m.start:m.end] == m.text
        for ev in adoc.events:
            assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
            assert ev.evidence.start <= ev.trigger.start < ev.trigger.end <= ev.evidence.end
            assert isinstance(ev.cameo, str) and len(ev.cameo) >= 3
            for ref in (ev.source, ev.target):
                if ref is not None and ref.start is not None:
                    assert text[ref.start:ref.end] == ref.text
            if ev.location is not None and ev.location.start is not None:
                assert text[ev.location.start:ev.location.end] == ev.location.text
        for q in adoc.quotes:
            assert text[q.start:q.end] == q.text and adoc.actor(q.speaker) is not None
