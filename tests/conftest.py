"""Shared fixtures (the team data folder, one pipeline per session) and the two test tiers.

``python -m pytest -q`` is the fast tier, for development: tests marked ``slow`` (they load the
spaCy model and the knowledge bases, start worker processes or a Dask cluster, or read the dev
sets) are left out. ``python -m pytest -q --slow`` runs everything; CI runs that.
A test that asks for the ``nlp`` or ``pipeline`` fixture is slow whether it is marked or not.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SLOW_FIXTURES = frozenset({"nlp", "pipeline"})


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False,
                     help="also run the tests marked slow (the full suite; CI runs it)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark tests that load the model through a fixture as slow; leave slow tests out unless --slow."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    if config.getoption("--slow"):
        return
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item.get_closest_marker("slow") is None]


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


CORPUS_DIR = Path(__file__).resolve().parent / "fixtures" / "corpus"
# Hand-built event rows for the story-merging tests, importable as ``merge_rows``.
STORY_FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures" / "stories"
if str(STORY_FIXTURES_DIR) not in sys.path:
    sys.path.insert(0, str(STORY_FIXTURES_DIR))


def load_corpus_fixtures():
    """tests/fixtures/corpus/fixtures.py (the hand-written corpus in a real DuckDB file), imported once."""
    name = "eventscope_test_corpus_fixtures"
    if name not in sys.modules:
        if str(CORPUS_DIR) not in sys.path:
            sys.path.insert(0, str(CORPUS_DIR))
        spec = importlib.util.spec_from_file_location(name, CORPUS_DIR / "fixtures.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_corpus = load_corpus_fixtures()
corpus_adocs = _corpus.corpus_adocs
corpus_db = _corpus.corpus_db
store = _corpus.store
