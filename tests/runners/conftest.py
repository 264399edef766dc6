from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"

SUBJECTS = ["The foreign minister", "Rebel commanders", "The central bank", "Striking dock workers",
            "The UN envoy", "Police in the capital", "The opposition party", "Border guards"]
ACTS = ["met officials from", "accused", "signed an aid agreement with", "protested against",
        "threatened sanctions on", "rejected a proposal from", "attacked positions held by", "praised"]
OBJECTS = ["the government of Valdora", "neighbouring Ostrava", "the regional council",
           "the army", "a coalition of NGOs", "the prime minister"]


def corpus(n: int) -> list[dict]:
    """n short distinct news-like documents written for the tests (not real news)."""
    docs = []
    for i in range(n):
        s, a, o = SUBJECTS[i % 8], ACTS[(i * 3) % 8], OBJECTS[(i * 5) % 6]
        text = (f"{s} {a} {o} on Tuesday, officials said. "
                f"The talks, the {i + 1}th this year, ended without a statement. "
                f"\"We will continue,\" a spokesman told reporters in the capital.")
        docs.append({"id": f"doc-{i:03d}", "text": text, "date": "2025-03-20"})
    return docs


def write_jsonl(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def usable_stages() -> tuple[str, ...]:
    """The default stages that can be loaded in this checkout."""
    from eventscope.pipeline import available_stages

    return available_stages()[0]


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    return write_jsonl(tmp_path / "docs.jsonl", corpus(12))
