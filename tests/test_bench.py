import json
import sys

import pytest

from eventscope import bench
from eventscope.bench import _probe, load_corpus, render_markdown, run_bench, run_process


def test_examples_are_cycled_when_no_real_corpus(monkeypatch):
    monkeypatch.setattr(bench, "default_corpus", lambda: None)
    docs, label = load_corpus(None, 7)
    assert len(docs) == 7 and len({d.id for d in docs}) == 7
    assert docs[0].text == docs[3].text  # three examples, cycled
    assert "example" in label and "no real corpus" in label


def test_real_corpus_is_read_whole_and_not_cycled(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text("".join(json.dumps({"text": f"Text {i}."}) + "\n" for i in range(5)))
    docs, label = load_corpus(str(p), None)
    assert [d.text for d in docs] == [f"Text {i}." for i in range(5)]
    assert "5 documents" in label
    docs, _ = load_corpus(str(p), 3)
    assert [d.text for d in docs] == ["Text 0.", "Text 1.", "Text 2."]
    with pytest.raises(ValueError):
        load_corpus(str(tmp_path / "none.jsonl"), 3)


def test_default_corpus_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTSCOPE_BENCH_INPUT", str(tmp_path))
    assert bench.default_corpus() == tmp_path


def test_default_corpus_is_the_team_documents_beside_the_repository(shared_dir, monkeypatch):
    monkeypatch.delenv("EVENTSCOPE_BENCH_INPUT", raising=False)
    found = bench.default_corpus()
    assert found is not None and found.resolve() == (shared_dir / "data" / "documents").resolve()


def test_run_process_measures_a_child_and_its_memory():
    # the child holds ~80 MB for a moment: the sampled tree peak and the kernel's peak both see it
    run = run_process([sys.executable, "-c", "import time; b = bytearray(80 * 2**20); time.sleep(0.6); print('ok')"],
                      sample_seconds=0.05)
    assert run["returncode"] == 0 and run["stdout"].strip() == "ok"
    assert run["wall_seconds"] >= 0.6
    assert run["max_process_rss_mb"] >= 80
    assert run["peak_rss_mb"] >= 80


def test_run_process_names_a_failing_command():
    with pytest.raises(RuntimeError, match="exited 3"):
        run_process([sys.executable, "-c", "import sys; sys.stderr.write('boom'); sys.exit(3)"])


@pytest.mark.slow
def test_run_bench_in_process_writes_json_and_markdown(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"text": f"The minister met the envoy in Cairo on day {i}."}) + "\n"
                              for i in range(6)))
    report = run_bench(str(corpus), out_dir=str(tmp_path / "out"), batch_size=4, rounds=2, processes=False)
    r = report["in_process"]
    assert r["parse_only_docs_per_second"] > 0 and r["end_to_end_docs_per_second"] > 0
    assert len(r["rounds"]["parse_only"]) == 2
    assert abs(sum(r["stage_share"].values()) - 1) < 0.01
    assert r["end_to_end_cpu_seconds"] > 0 and r["parse_only_cpu_seconds"] > 0
    assert 0 < r["cpu_ratio"] < 1.5  # the full pipeline parses as much as parse-only, and more
    saved = json.loads((tmp_path / "out" / "bench.json").read_text())
    assert saved["in_process"]["ratio"] == r["ratio"] and saved["corpus"]["documents"] == 6
    md = (tmp_path / "out" / "bench.md").read_text()
    assert "parse-only" in md and "| nlp |" in md and "in process, by CPU seconds" in md


@pytest.mark.slow
def test_rss_probe_reports_peak(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"text": "The minister met the envoy in Cairo."}) + "\n")
    out = _probe(p, 5, ("nlp",), 4)
    # peak (getrusage) and current RSS (psutil) are read differently: allow rounding slack
    assert out["documents"] == 5 and out["rss_after_load_mb"] > 0
    assert out["peak_rss_mb"] >= out["rss_after_load_mb"] - 2.0


def _report(**extra):
    report = {"command": "eventscope bench", "date": "2026-12-04",
              "machine": {"cpus": 2, "platform": "p", "python": "3", "spacy": "3", "model": "m"},
              "corpus": {"description": "c", "documents": 1, "mean_chars": 10, "mean_words": 2}, "batch_size": 4,
              "in_process": {"parse_only_docs_per_second": 10.0, "end_to_end_docs_per_second": 7.0, "ratio": 0.7,
                             "stage_share": {"nlp": 1.0}, "stage_seconds": {"nlp": 1.0}},
              "stages_missing": ["actors"]}
    report.update(extra)
    return report


def test_markdown_mentions_ratio_and_missing_stages():
    md = render_markdown(_report())
    assert "0.70" in md and "actors" in md


def test_markdown_flags_output_that_differs_between_runners():
    run = {"docs_per_second": 5.0, "wall_seconds": 2.0, "cpu_seconds": 2.5, "peak_rss_mb": 500.0,
           "peak_pss_mb": 450.0, "max_process_rss_mb": 500.0}
    whole = {"eventscope_code": run, "spacy_parse_only": dict(run, docs_per_second=10.0), "ratio": 0.5,
             "eventscope_code_2_workers": dict(run, docs_per_second=8.0), "speedup_2_workers": 1.6,
             "identical_output_across_workers": False}
    md = render_markdown(_report(whole_process=whole))
    assert "**0.50**" in md and "**no**" in md and "×1.60" in md


def test_markdown_gives_cpu_seconds_beside_wall_seconds():
    run = {"docs_per_second": 5.0, "wall_seconds": 9.0, "cpu_seconds": 4.0, "peak_rss_mb": 500.0,
           "peak_pss_mb": 450.0, "max_process_rss_mb": 500.0}
    whole = {"eventscope_code": run, "spacy_parse_only": dict(run, cpu_seconds=3.0), "ratio": 0.5,
             "cpu_ratio": 0.75, "identical_output_across_workers": True}
    startup = {"analyze_one_sentence_seconds": 6.0, "analyze_one_sentence_cpu_seconds": 1.9,
               "spacy_load_seconds": 3.0, "spacy_load_cpu_seconds": 1.0}
    md = render_markdown(_report(whole_process=whole, startup=startup))
    assert "**0.75**" in md and "4.0 s | 3.0 s" in md
    assert "6.00 s (1.90 s CPU)" in md and "3.00 s (1.00 s CPU) (model load)" in md
