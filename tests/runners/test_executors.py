"""Every runner gives the same output: in-process, a process pool and a real Dask LocalCluster."""

import json

import duckdb
import pytest

from eventscope.runners import code_to_jsonl, ingest_to_store

from .conftest import corpus, usable_stages, write_jsonl


def _events(path):
    lines = [json.loads(x) for x in path.read_text().splitlines()]
    return [d["id"] for d in lines], sorted((d["id"], e["id"], e["type"]) for d in lines for e in d["events"])


@pytest.fixture(scope="module")
def cluster():
    """A real two-worker LocalCluster (worker processes), shared by this module's tests."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c


@pytest.mark.slow
def test_dask_code_matches_in_process(cluster, small_corpus, tmp_path):
    from distributed import Client

    stages = usable_stages()
    base = tmp_path / "in-process.jsonl"
    code_to_jsonl([small_corpus], base, progress=False, stages=stages, batch_size=4)
    work = tmp_path / "parts"
    out = tmp_path / "dask.jsonl"
    stats = code_to_jsonl([small_corpus], out, progress=False, stages=stages, batch_size=4,
                          dask=cluster.scheduler_address, work_dir=work)
    with Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
    assert stats.runner == "dask" and stats.written == 12 and stats.workers == 2
    assert out.read_bytes() == base.read_bytes()
    assert _events(out) == _events(base)
    assert sorted(p.name for p in work.iterdir()) == [f"part-{i:06d}.jsonl" for i in range(3)]


@pytest.mark.slow
def test_dask_ingest_matches_in_process_store(cluster, small_corpus, tmp_path):
    stages = usable_stages()
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    ingest_to_store([small_corpus], a, progress=False, stages=stages, batch_size=4)
    stats = ingest_to_store([small_corpus], b, progress=False, stages=stages, batch_size=4,
                            dask=cluster.scheduler_address)
    assert stats.written == 12 and stats.runner == "dask"
    rows = []
    for db in (a, b):
        con = duckdb.connect(str(db), read_only=True)
        rows.append((con.execute("SELECT doc_id, hash, duplicate_of FROM documents ORDER BY doc_id").fetchall(),
                     con.execute("SELECT event_id, doc_id FROM events ORDER BY event_id").fetchall()))
        con.close()
    assert rows[0] == rows[1]


@pytest.mark.slow
def test_every_runner_and_batch_size_writes_the_same_bytes(tmp_path):
    """The whole pipeline: in-process (one stream) at two batch sizes, 2 worker processes and a
    Dask LocalCluster give byte-identical output, so no document depends on its batch mates."""
    src = write_jsonl(tmp_path / "d.jsonl", corpus(10))
    stages = usable_stages()
    outs = {}
    for name, kw in {"one": {"batch_size": 3}, "one-by-one": {"batch_size": 1},
                     "pool": {"batch_size": 3, "workers": 2}, "local": {"batch_size": 4, "dask": "local"}}.items():
        outs[name] = tmp_path / f"{name}.jsonl"
        stats = code_to_jsonl([src], outs[name], progress=False, stages=stages, **kw)
        assert stats.written == 10
    lines = outs["one"].read_text().splitlines()
    assert [json.loads(x)["id"] for x in lines] == [f"doc-{i:03d}" for i in range(10)]
    assert sum(len(json.loads(x)["events"]) for x in lines) > 0  # something to compare
    assert {p.read_bytes() for p in outs.values()} == {outs["one"].read_bytes()}


# Run in a fresh interpreter (one thread, nothing coded yet): the state in which a pool forks.
_POOL_SCRIPT = r"""
import json, sys
from eventscope.runners import code_to_jsonl, executors

made = []
original = executors.ProcessPool.__init__

def recording(self, *args, **kwargs):
    original(self, *args, **kwargs)
    made.append(self.start_method)

executors.ProcessPool.__init__ = recording
src, folder, stages = sys.argv[1], sys.argv[2], tuple(json.loads(sys.argv[3]))
code_to_jsonl([src], f"{folder}/forked.jsonl", progress=False, stages=stages, batch_size=3, workers=2)
code_to_jsonl([src], f"{folder}/here.jsonl", progress=False, stages=stages, batch_size=3)
code_to_jsonl([src], f"{folder}/spawned.jsonl", progress=False, stages=stages, batch_size=3, workers=2)
print(json.dumps(made))
"""


@pytest.mark.slow
def test_pool_forks_from_a_fresh_process_and_spawns_once_it_has_coded(tmp_path):
    """Workers forked from the loaded parent, the parent itself, and workers spawned after the
    parent opened its classifier session (threads now run: forking is no longer safe) write the
    same bytes."""
    import subprocess
    import sys

    src = write_jsonl(tmp_path / "d.jsonl", corpus(10))
    run = subprocess.run([sys.executable, "-c", _POOL_SCRIPT, str(src), str(tmp_path), json.dumps(usable_stages())],
                         capture_output=True, text=True, timeout=900, check=True)
    assert json.loads(run.stdout.strip().splitlines()[-1]) == ["fork", "spawn"]
    outs = [(tmp_path / f"{name}.jsonl").read_bytes() for name in ("forked", "here", "spawned")]
    assert sum(len(json.loads(x)["events"]) for x in outs[0].decode().splitlines()) > 0
    assert outs[0] == outs[1] == outs[2]
