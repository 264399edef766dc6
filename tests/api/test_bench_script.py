"""scripts/bench_api.py keeps working (run on a tiny synthetic store)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench_api.py"


@pytest.mark.slow
def test_bench_script_on_a_small_store(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_api", SCRIPT)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    docs = bench.synthetic_documents(200, 10, seed=3)
    assert len(docs) == 20 and all(len(d.events) == 10 for d in docs)
    ev = docs[0].events[0]
    assert docs[0].document.text[ev.source.start:ev.source.end] == ev.source.text
    built = bench.build_store(tmp_path / "b.duckdb", 200, 10)
    assert built["counts"]["events"] == 200
    results = bench.run(tmp_path / "b.duckdb", repeat=2)
    first = results[0]
    assert first["total"] == 200 and first["p50_ms"] > 0 and first["p95_ms"] >= first["p50_ms"]
