"""The CLI end to end: a thin shell, so these check wiring, exit codes and the contract shape."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventscope import cli
from eventscope.cli import app, example_paths

runner = CliRunner()
CONTRACT_KEYS = {"id", "date", "actors", "events", "locations", "quotes", "brief"}


def test_examples_are_shipped():
    examples = example_paths()
    assert "baghdad-visit" in examples
    assert all(p.read_text().strip() for p in examples.values())


def test_usage_error_exits_2():
    result = runner.invoke(app, ["code"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_analyze_text_json_follows_contract():
    result = runner.invoke(app, ["analyze", "--text", "Egypt's foreign minister met Jordan's king in Amman on Monday.",
                                 "--date", "2024-05-08", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert CONTRACT_KEYS <= set(out)
    assert out["date"] == "2024-05-08"
    assert {"summary", "key_points"} <= set(out["brief"])


@pytest.mark.slow
def test_analyze_example_prints_report():
    result = runner.invoke(app, ["analyze", "--example"])
    assert result.exit_code == 0, result.output
    assert "Actors" in result.stdout and "Events" in result.stdout


@pytest.mark.slow
def test_code_skips_broken_lines_and_exits_1(tmp_path):
    lines = []
    for i in range(10):
        lines.append(json.dumps({"id": f"good-{i}", "text": f"Protesters marched in Lagos on day {i}.", "date": "2023-01-02"}))
    lines += ["{not json", json.dumps({"id": "no-text"}), json.dumps({"text": 42}), "[1, 2]", "{\"text\": "]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", str(src), "--out", str(out), "--no-progress"])
    assert result.exit_code == 1
    rows = [json.loads(l) for l in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == [f"good-{i}" for i in range(10)]
    for line_no in (11, 12, 13, 14, 15):
        assert f":{line_no}" in result.stderr


@pytest.mark.slow
def test_ingest_twice_is_idempotent_and_export_round_trips(tmp_path):
    db = tmp_path / "store.duckdb"
    example = str(example_paths()["baghdad-visit"])
    first = runner.invoke(app, ["ingest", example, "--db", str(db), "--no-progress"])
    assert first.exit_code == 0, first.output
    from eventscope.store import Store

    store = Store(db, read_only=True)
    counts = store.counts()
    store.close()
    second = runner.invoke(app, ["ingest", example, "--db", str(db), "--no-progress"])
    assert second.exit_code == 0, second.output
    store = Store(db, read_only=True)
    assert store.counts() == counts
    store.close()
    out = tmp_path / "events.jsonl"
    exported = runner.invoke(app, ["export", str(out), "--format", "jsonl", "--db", str(db)])
    assert exported.exit_code == 0, exported.output
    assert len(out.read_text().splitlines()) == counts["events"]


@pytest.mark.slow
def test_stories_lists_an_event_told_by_three_reports(tmp_path):
    gold = Path(__file__).parent / "fixtures" / "stories" / "dedupe-gold.jsonl"
    ids = {f'"id": "kharkiv-{c}"' for c in "abc"}
    kharkiv = [line for line in gold.read_text().splitlines() if any(line.startswith("{" + i) for i in ids)]
    assert len(kharkiv) == 3
    src = tmp_path / "kharkiv.jsonl"
    src.write_text("\n".join(kharkiv) + "\n")
    db = tmp_path / "store.duckdb"
    assert runner.invoke(app, ["ingest", str(src), "--db", str(db), "--no-progress"]).exit_code == 0
    result = runner.invoke(app, ["stories", "--db", str(db), "--min-documents", "3", "--members"])
    assert result.exit_code == 0, result.output
    assert "ASSAULT" in result.stdout
    assert all(f"kharkiv-{c}:" in result.stdout for c in "abc")


def test_the_command_collects_young_objects_less_often_than_python_by_default():
    assert cli.YOUNG_COLLECTION_THRESHOLD > 700  # Python's default
    assert gc.get_threshold()[0] == cli.YOUNG_COLLECTION_THRESHOLD
