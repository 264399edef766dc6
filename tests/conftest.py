"""Shared fixtures: the team data folder (skip when absent) and one pipeline per session."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository; tests that need it skip cleanly when it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from eventscope.nlp import load_spacy

    return load_spacy()


@pytest.fixture(scope="session")
def pipeline():
    from eventscope.pipeline import get_pipeline

    return get_pipeline()
