"""Store fixtures: the hand-annotated corpus written into a real DuckDB file in tmp_path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


def load_corpus_builder():
    """The corpus builder module (tests/fixtures/corpus/build.py), imported by path."""
    name = "eventscope_test_corpus_build"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, CORPUS_DIR / "build.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def corpus_adocs():
    """The eight corpus documents as analysed documents (built once per session)."""
    return load_corpus_builder().build_corpus()


@pytest.fixture()
def store(tmp_path, corpus_adocs):
    """A fresh store file holding the corpus."""
    from eventscope.store import Store

    s = Store(tmp_path / "corpus.duckdb")
    s.write(corpus_adocs)
    yield s
    s.close()
