import json
import os
import signal

import duckdb
import pytest

from eventscope.runners import code_to_jsonl, ingest_to_store

from .conftest import FIXTURES, corpus, write_jsonl

NLP = ("nlp",)


@pytest.mark.slow
def test_code_ten_good_five_bad(tmp_path):
    out = tmp_path / "out.jsonl"
    messages = []
    stats = code_to_jsonl([FIXTURES / "ten-good-five-bad.jsonl"], out, progress=False,
                          on_error=messages.append, stages=NLP, batch_size=4)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["id"] for d in lines] == [f"ok-{i}" for i in range(1, 11)]
    assert all({"id", "date", "actors", "events", "locations", "quotes", "brief"} <= d.keys() for d in lines)
    assert (stats.accepted, stats.rejected, stats.written) == (10, 5, 10)
    assert not stats.ok
    assert [m.split(": ")[0].rsplit(":", 1)[1] for m in messages] == ["3", "6", "9", "11", "14"]


@pytest.mark.slow
def test_code_to_stdout_and_stage_timings(tmp_path, capsys):
    stats = code_to_jsonl([FIXTURES / "docs.jsonl"], "-", progress=False, stages=NLP)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 3 and stats.ok
    assert stats.stage_seconds["nlp"] > 0


@pytest.mark.slow
def test_summary_counts_the_events_written(tmp_path):
    out = tmp_path / "out.jsonl"
    stats = code_to_jsonl([write_jsonl(tmp_path / "in.jsonl", corpus(4))], out, progress=False)
    written = sum(len(json.loads(line)["events"]) for line in out.read_text().splitlines())
    assert written > 0
    assert stats.events == written


@pytest.mark.slow
def test_ingest_is_idempotent_and_skips_repeats(tmp_path):
    docs = corpus(9)
    src = write_jsonl(tmp_path / "d.jsonl", docs + docs[:2])  # two repeated inside the input
    db = tmp_path / "s.duckdb"
    first = ingest_to_store([src], db, progress=False, stages=NLP, batch_size=4)
    assert (first.accepted, first.written, first.skipped) == (11, 9, 2)
    second = ingest_to_store([src], db, progress=False, stages=NLP, batch_size=4)
    assert (second.written, second.skipped) == (0, 11)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT hash) FROM documents").fetchone() == (9, 9)
    con.close()


@pytest.mark.slow
def test_ctrl_c_finishes_the_batch_and_stops(tmp_path):
    docs = corpus(12)
    lines = [json.dumps(d) for d in docs]
    lines.insert(2, "not json")  # reading this line "presses Ctrl-C"
    src = tmp_path / "d.jsonl"
    src.write_text("\n".join(lines) + "\n")
    out = tmp_path / "o.jsonl"

    def press_ctrl_c(message):
        os.kill(os.getpid(), signal.SIGINT)

    stats = code_to_jsonl([src], out, progress=False, on_error=press_ctrl_c, stages=NLP, batch_size=2)
    assert stats.interrupted
    written = out.read_text().splitlines()
    # The batch being read when Ctrl-C came (docs 3-4) is finished, nothing after it.
    assert [json.loads(x)["id"] for x in written] == ["doc-000", "doc-001", "doc-002", "doc-003"]
    assert stats.written == 4


@pytest.mark.slow
def test_log_file(tmp_path):
    log = tmp_path / "run.log"
    db = tmp_path / "s.duckdb"
    ingest_to_store([FIXTURES / "ten-good-five-bad.jsonl"], db, progress=False, stages=NLP,
                    batch_size=5, log_file=log, on_error=lambda m: None)
    text = log.read_text()
    assert text.count("batch committed") == 2
    assert "E001" in text and '"written": 10' in text


@pytest.mark.slow
def test_near_duplicates_in_the_same_batch_are_linked(tmp_path):
    story = ("The foreign ministers of Valdora and Ostrava met in Geneva on Tuesday to discuss the "
             "border dispute, the water treaty and the release of detained fishermen, officials said. "
             "Both sides agreed to meet again next month.")
    docs = [{"id": "orig", "text": story},
            {"id": "other", "text": "Farmers blocked roads near the capital to protest fuel prices."},
            {"id": "copy", "text": story.replace("next month", "in the spring")}]
    src = write_jsonl(tmp_path / "d.jsonl", docs)
    db = tmp_path / "s.duckdb"
    stats = ingest_to_store([src], db, progress=False, stages=NLP, batch_size=8)
    assert stats.duplicates == 1
    con = duckdb.connect(str(db), read_only=True)
    links = dict(con.execute("SELECT doc_id, duplicate_of FROM documents").fetchall())
    con.close()
    assert links == {"orig": None, "other": None, "copy": "orig"}
