"""Failure paths of the command line (issue 18.5): one coded line each, never a traceback
without ``--debug``; a busy store is named with its holder's PID; input around a failed input is
still coded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventscope.cli import app

runner = CliRunner()
GOOD = "Officials said the two delegations met in the capital on Tuesday."


def _coded_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln[:1] == "E" and ln[1:4].isdigit()]


@pytest.fixture
def store_db(tmp_path) -> Path:
    from eventscope.store import Store

    path = tmp_path / "s.duckdb"
    Store(path).close()
    return path


@pytest.fixture
def holder(store_db):
    """Another process holding the store's write lock (as a running ingest or serve would)."""
    code = ("import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
            "time.sleep(float(sys.argv[2]))")

    procs = []

    def start(seconds: float = 60.0) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-c", code, str(store_db), str(seconds)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        proc.kill()
        proc.wait()


def test_busy_store_names_the_holder(store_db, holder, tmp_path):
    proc = holder()
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": GOOD}) + "\n")
    for args in (["ingest", str(src), "--db", str(store_db), "--no-progress"],
                 ["export", str(tmp_path / "o.csv"), "--format", "csv", "--db", str(store_db)],
                 ["stories", "--db", str(store_db)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        lines = _coded_lines(result.stderr)
        assert len(lines) == 1 and lines[0].startswith("E065"), (args, result.stderr)
        assert f"held by PID {proc.pid}" in lines[0] and "Traceback" not in result.output


def test_wait_gives_up_after_the_time_asked(store_db, holder, tmp_path):
    holder()
    started = time.monotonic()
    result = runner.invoke(app, ["export", str(tmp_path / "o.csv"), "--format", "csv", "--db", str(store_db),
                                 "--wait", "0.6"])
    assert result.exit_code == 2 and _coded_lines(result.stderr)[0].startswith("E065")
    assert time.monotonic() - started >= 0.6


def test_wait_goes_on_once_the_holder_lets_go(store_db, holder, tmp_path):
    holder(seconds=1.0)
    out = tmp_path / "o.csv"
    result = runner.invoke(app, ["export", str(out), "--format", "csv", "--db", str(store_db), "--wait", "30"])
    assert result.exit_code == 0, result.output
    assert out.exists() and "wrote 0 events" in result.stderr


def test_failure_is_one_coded_line_and_debug_shows_the_exception(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": GOOD}) + "\n")
    args = ["code", str(src), "--out", str(tmp_path / "no" / "such" / "dir" / "o.jsonl"), "--no-progress"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("E060 code stopped: FileNotFoundError")
    debug = runner.invoke(app, [*args, "--debug"])
    assert isinstance(debug.exception, FileNotFoundError)


def test_inputs_around_a_missing_one_are_still_read(tmp_path, monkeypatch):
    from eventscope.ingest import read_inputs

    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps({"id": "a", "text": GOOD}) + "\n")
    b.write_text(json.dumps({"id": "b", "text": GOOD + " Again."}) + "\n")
    monkeypatch.setattr(sys, "stdin", None)  # what Python gives a process started with stdin closed
    messages: list[str] = []
    docs = list(read_inputs([a, tmp_path / "missing.jsonl", "-", b], on_error=messages.append))
    assert [d.id for d in docs] == ["a", "b"]
    assert [m[:4] for m in messages] == ["E004", "E004"] and "standard input is closed" in messages[1]


def test_unreadable_sub_folder_is_named(tmp_path, monkeypatch):
    from eventscope.ingest import read_inputs

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(GOOD)
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # as root, chmod 000 would not stop the walk
    messages: list[str] = []
    docs = list(read_inputs([tmp_path], on_error=messages.append))
    assert [d.id for d in docs] == ["a.txt"]
    assert len(messages) == 1 and messages[0].startswith(f"E018 {locked}: cannot read folder (Permission denied)")


def test_code_with_stdin_closed_still_codes_the_other_inputs(tmp_path):
    """`eventscope code good.jsonl - --out o.jsonl` in a process whose stdin is closed."""
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "good", "text": GOOD}) + "\n")
    out = tmp_path / "o.jsonl"
    # The real CLI with a stage-less pipeline (the reading and writing are under test, not spaCy).
    code = ("import sys, eventscope.runners.work as work; work.DEFAULT_STAGES = (); "
            "from eventscope.cli import app; sys.argv[0] = 'eventscope'; app()")
    proc = subprocess.run([sys.executable, "-c", code, "code", str(good), "-", "--out", str(out), "--no-progress"],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          preexec_fn=lambda: os.close(0), timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["good"]
    assert _coded_lines(proc.stderr) == ["E004 <stdin>: cannot read file (standard input is closed)"]
    assert "Traceback" not in proc.stderr


def test_token_on_the_command_line_warns(monkeypatch, tmp_path):
    import uvicorn

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append((app, kw)))
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "s.duckdb"), "--token", "s3cret"])
    assert result.exit_code == 0, result.output
    assert _coded_lines(result.stderr)[0].startswith("E068") and "EVENTSCOPE_TOKEN" in result.stderr
    assert served and served[0][0].state.allowed_hosts >= {"127.0.0.1", "localhost"}
    served[0][0].state.store.close()  # the first server is gone before the second starts
    monkeypatch.setenv("EVENTSCOPE_TOKEN", "s3cret")
    quiet = runner.invoke(app, ["serve", "--db", str(tmp_path / "s.duckdb")])
    assert quiet.exit_code == 0 and not _coded_lines(quiet.stderr)
    assert served[1][0].state.token == "s3cret"
