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
