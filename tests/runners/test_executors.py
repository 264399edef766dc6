"""Every runner gives the same output: in-process, a process pool and a real Dask LocalCluster."""

import json

import pytest

from eventscope.runners import code_to_jsonl, ingest_to_store

from .conftest import usable_stages


def _events(path):
    lines = [json.loads(x) for x in path.read_text().splitlines()]
    return [d["id"] for d in lines], sorted((d["id"], e["id"], e["type"]) for d in lines for e in d["events"])


@pytest.mark.slow
def test_dask_local_cluster_and_pool_match_in_process(small_corpus, tmp_path):
    from distributed import Client, LocalCluster

    stages = usable_stages()
    base = tmp_path / "in-process.jsonl"
    code_to_jsonl([small_corpus], base, progress=False, stages=stages, batch_size=4)

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        work = tmp_path / "parts"
        out = tmp_path / "dask.jsonl"
        stats = code_to_jsonl([small_corpus], out, progress=False, stages=stages, batch_size=4,
                              dask=cluster.scheduler_address, work_dir=work)
        with Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
    assert stats.runner == "dask" and stats.written == 12
    assert out.read_bytes() == base.read_bytes()
    assert sorted(p.name for p in work.iterdir()) == [f"part-{i:06d}.jsonl" for i in range(3)]

    pool = tmp_path / "pool.jsonl"
    pstats = code_to_jsonl([small_corpus], pool, progress=False, stages=stages, batch_size=4, workers=2)
    assert pstats.runner == "processes"
    assert pool.read_bytes() == base.read_bytes()
    assert _events(pool) == _events(base)


@pytest.mark.slow
def test_dask_local_ingest_matches_in_process_store(small_corpus, tmp_path):
    import duckdb

    stages = usable_stages()
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    ingest_to_store([small_corpus], a, progress=False, stages=stages, batch_size=4)
    stats = ingest_to_store([small_corpus], b, progress=False, stages=stages, batch_size=4, dask="local")
    assert stats.written == 12 and stats.runner == "dask"
    rows = []
    for db in (a, b):
        con = duckdb.connect(str(db), read_only=True)
        rows.append((con.execute("SELECT doc_id, hash FROM documents ORDER BY doc_id").fetchall(),
                     con.execute("SELECT event_id FROM events ORDER BY event_id").fetchall()))
        con.close()
    assert rows[0] == rows[1]
