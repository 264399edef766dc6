import json

import pytest

from eventscope.bench import _probe, load_corpus, render_markdown, run_bench


def test_default_corpus_cycles_the_examples():
    docs, label = load_corpus(None, 7)
    assert len(docs) == 7 and len({d.id for d in docs}) == 7
    assert docs[0].text == docs[3].text  # three examples, cycled
    assert "example" in label


def test_jsonl_corpus(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text("".join(json.dumps({"text": f"Text {i}."}) + "\n" for i in range(5)))
    docs, label = load_corpus(str(p), 3)
    assert [d.text for d in docs] == ["Text 0.", "Text 1.", "Text 2."]
    with pytest.raises(ValueError):
        load_corpus(str(tmp_path / "none.jsonl"), 3)


@pytest.mark.slow
def test_run_bench_writes_json_and_markdown(tmp_path):
    report = run_bench(n_docs=6, out_dir=str(tmp_path), workers=(1,), batch_size=4, rss=False, rounds=2)
    assert report["parse_only_docs_per_second"] > 0 and report["end_to_end_docs_per_second"] > 0
    assert 0 < report["ratio"] < 3
    assert len(report["rounds"]["parse_only"]) == 2
    assert abs(sum(report["stage_share"].values()) - 1) < 0.01
    assert json.loads((tmp_path / "bench.json").read_text())["ratio"] == report["ratio"]
    md = (tmp_path / "bench.md").read_text()
    assert "parse-only" in md and "| nlp |" in md


@pytest.mark.slow
def test_rss_probe_reports_peak(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"text": "The minister met the envoy in Cairo."}) + "\n")
    out = _probe(p, 5, ("nlp",), 4)
    # peak (getrusage) and current RSS (psutil) are read differently: allow rounding slack
    assert out["documents"] == 5 and out["rss_after_load_mb"] > 0
    assert out["peak_rss_mb"] >= out["rss_after_load_mb"] - 2.0


def test_markdown_mentions_missing_stages():
    report = {"command": "eventscope bench", "machine": {"cpus": 2, "platform": "p", "python": "3", "spacy": "3", "model": "m"},
              "corpus": {"description": "c", "documents": 1, "mean_chars": 10}, "batch_size": 4,
              "parse_only_docs_per_second": 10.0, "end_to_end_docs_per_second": 7.0, "ratio": 0.7,
              "workers": [{"workers": 1, "docs_per_second": 7.0, "startup_seconds": 0.0}],
              "stage_share": {"nlp": 1.0}, "stage_seconds": {"nlp": 1.0}, "stages_missing": ["actors"]}
    md = render_markdown(report)
    assert "0.70" in md and "actors" in md
