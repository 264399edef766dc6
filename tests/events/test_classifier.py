"""The shipped int8 ONNX classifier loads without torch and types plain sentences."""

from __future__ import annotations

import json

import numpy as np
import pytest

from eventscope.events import classifier as clf


def test_artefact_is_shipped_and_small():
    assert clf.MODEL_FILE.exists()
    assert clf.MODEL_FILE.stat().st_size <= 30_000_000
    meta = json.loads(clf.LABELS_FILE.read_text(encoding="utf-8"))
    assert meta["labels"][-1] == "NONE" and "YIELD" in meta["labels"]


@pytest.mark.slow
def test_predict_proba_types_sentences():
    model = clf.get_classifier()
    texts = [
        "Police arrested dozens of opposition activists in the capital on Sunday.",
        "Thousands of teachers marched through the city demanding higher wages.",
        "The foreign minister flew to Cairo for talks with his Egyptian counterpart.",
    ]
    probs = model.predict_proba(texts)
    assert probs.shape == (3, len(model.labels))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    top = [model.labels[i] for i in probs.argmax(axis=1)]
    assert top == ["COERCE", "PROTEST", "CONSULT"]
    assert model.predict_proba([]).shape == (0, len(model.labels))


@pytest.mark.slow
def test_batches_and_run_match_predict_proba():
    model = clf.get_classifier()
    texts = ["Rebels shelled the town overnight.", "The two leaders met in Geneva on Monday to discuss trade.",
             "Protesters marched on parliament.", "The ministry said it would send aid to flood victims."]
    whole = model.predict_proba(texts, batch_size=2)
    parts = np.zeros_like(whole)
    planned = model.batches(texts, batch_size=2)
    assert sorted(i for idx, _ in planned for i in idx) == [0, 1, 2, 3]
    for idx, feeds in planned:
        assert feeds["input_ids"].shape == feeds["attention_mask"].shape  # padded to the batch's longest
        parts[idx] = model.run(feeds)
    assert np.array_equal(whole, parts)


@pytest.mark.slow
def test_one_sentence_per_run_ignores_batch_mates():
    # With batch_size=1 a sentence's probabilities do not depend on what else is classified.
    model = clf.get_classifier()
    alone = model.predict_proba(["Police arrested ten protesters outside parliament."], batch_size=1)
    mixed = model.predict_proba(["A very long sentence about the weather, the harvest, the markets and "
                                 "the roads that were closed for repairs during the whole week.",
                                 "Police arrested ten protesters outside parliament."], batch_size=1)
    assert np.array_equal(alone[0], mixed[1])


# Run in a fresh interpreter: forking pytest itself (which may run threads) is what the code avoids.
_FORK_SCRIPT = r"""
import json, multiprocessing, os, sys
from eventscope.events import classifier as clf

texts = json.loads(sys.argv[1])
model = clf.EventClassifier()
opened_at_load = model._session is not None or clf.session_open_here()

def child(queue):
    clf.set_process_threads(1)
    probs = model.predict_proba(texts, batch_size=2)
    queue.put({"threads": clf.default_threads(), "own": model._session_pid == os.getpid(),
               "probs": probs.tolist()})

clf.set_process_threads(2)  # the parent's own choice, which the child must not inherit
ctx = multiprocessing.get_context("fork")
queue = ctx.Queue()
proc = ctx.Process(target=child, args=(queue,))
proc.start()
got = queue.get(timeout=300)
proc.join()
parent = model.predict_proba(texts, batch_size=2)
print(json.dumps({"opened_at_load": opened_at_load, "child": got, "parent_threads": clf.default_threads(),
                  "parent_own": model._session_pid == os.getpid(), "parent": parent.tolist()}))
"""


@pytest.mark.slow
def test_a_forked_process_opens_its_own_session_with_its_own_threads():
    import subprocess
    import sys

    texts = ["Rebels shelled the town overnight.", "The two leaders met in Geneva on Monday to discuss trade.",
             "Protesters marched on parliament."]
    run = subprocess.run([sys.executable, "-c", _FORK_SCRIPT, json.dumps(texts)], capture_output=True,
                         text=True, timeout=600, check=True)
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["opened_at_load"] is False  # loading starts no ONNX thread pool: safe to fork
    assert out["child"]["own"] and out["parent_own"]
    assert out["child"]["threads"] == 1  # the worker's choice ...
    assert out["parent_threads"] == 2  # ... is not the parent's
    # One ONNX thread or two, forked or not: the same probabilities to the bit.
    assert out["child"]["probs"] == out["parent"]
    assert len(out["parent"]) == 3


def test_default_threads_leave_a_core_to_the_parse(monkeypatch):
    """The classifier runs beside the parse: one ONNX thread on two cores, two on more, one on one."""
    from eventscope.events import classifier as clf

    monkeypatch.setattr(clf, "_PROCESS_THREADS", {})
    for cores, threads in ((1, 1), (2, 1), (3, 2), (16, 2), (None, 1)):
        monkeypatch.setattr(clf.os, "cpu_count", lambda cores=cores: cores)
        assert clf.default_threads() == threads
    clf.set_process_threads(3)  # a process's own choice wins
    assert clf.default_threads() == 3
