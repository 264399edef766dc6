"""kill -9 in the middle of an ingest, then a re-run: every document stored exactly once."""

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from .conftest import corpus, usable_stages, write_jsonl


@pytest.mark.slow
def test_kill_9_then_resume_stores_everything_once(tmp_path):
    src = write_jsonl(tmp_path / "docs.jsonl", corpus(40))
    db, log = tmp_path / "s.duckdb", tmp_path / "run.log"
    cmd = [sys.executable, "-m", "eventscope.runners", "ingest", str(src), "--db", str(db),
           "--batch-size", "4", "--no-progress", "--log-file", str(log),
           "--stages", ",".join(usable_stages())]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if log.exists() and "batch committed" in log.read_text():
            break
        time.sleep(0.02)
    finished_early = proc.poll() is not None
    os.kill(proc.pid, signal.SIGKILL) if not finished_early else None
    proc.wait()
    assert "batch committed" in log.read_text(), proc.stderr.read().decode()[-2000:]
    if not finished_early:
        assert proc.returncode == -signal.SIGKILL

    con = duckdb.connect(str(db))  # replays the write-ahead log of the killed run
    stored_before = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    assert stored_before >= 4 and stored_before % 4 == 0  # whole batches only

    again = subprocess.run(cmd + ["--json"], capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]

    con = duckdb.connect(str(db), read_only=True)
    n_docs, n_hashes = con.execute("SELECT count(*), count(DISTINCT hash) FROM documents").fetchone()
    n_events, n_event_ids = con.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone()
    doc_ids = {r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()}
    con.close()
    assert (n_docs, n_hashes) == (40, 40)
    assert doc_ids == {f"doc-{i:03d}" for i in range(40)}
    assert n_events == n_event_ids


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_after_the_batch(tmp_path):
    src = write_jsonl(tmp_path / "docs.jsonl", corpus(40))
    db, log = tmp_path / "s.duckdb", tmp_path / "run.log"
    cmd = [sys.executable, "-m", "eventscope.runners", "ingest", str(src), "--db", str(db),
           "--batch-size", "4", "--no-progress", "--log-file", str(log), "--stages", "nlp", "--json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        if log.exists() and "batch committed" in log.read_text():
            break
        time.sleep(0.02)
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=300)
    stats = __import__("json").loads(out.strip().splitlines()[-1])
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    assert stored == stats["written"]
    if stats["interrupted"]:
        assert proc.returncode == 1 and "Interrupted:" in err and stored < 40 and stored % 4 == 0
        assert "Traceback" not in err
