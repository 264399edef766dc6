"""The project's own document gold (``gold/documents/*.jsonl``): every file loads, and every
offset points inside the article text it was written for (when ``../shared`` is here)."""

import json
from pathlib import Path

import pytest

from eventscope.evaluation.documents import load_documents, read_document_gold

GOLD = Path(__file__).resolve().parents[2] / "gold" / "documents"
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def _records():
    return [json.loads(line) for f in sorted(GOLD.glob("*.jsonl")) for line in f.read_text().splitlines() if line]


def test_every_gold_file_loads_with_known_labels():
    records = _records()
    assert records
    for r in records:
        assert r.get("split") in ("tune", "heldout"), r["id"]
        assert "text" not in r, "gold keeps ids, offsets and labels only, never the news text"
        for ev in r["events"]:
            assert ev["type"] in PLOVER, (r["id"], ev["type"])
            lo, hi = ev["trigger"]
            assert 0 <= lo < hi, (r["id"], ev["trigger"])
    held = [r["id"] for r in records if r["split"] == "heldout"]
    assert len(held) == len(set(held)) and len(read_document_gold(GOLD, "heldout")) == len(set(held))


def test_gold_offsets_fall_inside_their_articles(shared_dir):
    records = read_document_gold(GOLD, "all")
    docs, skipped = load_documents(records, shared_dir / "data" / "documents")
    assert not skipped
    texts = {d.id: d.text for d in docs}
    for r in records:
        n = len(texts[r["id"]])
        for ev in r["events"]:
            for span in (ev["trigger"], ev.get("evidence")):
                if span:
                    assert 0 <= span[0] < span[1] <= n, (r["id"], span)
