"""Store fixtures: the hand-annotated corpus written into a real DuckDB file in tmp_path."""

from __future__ import annotations

import importlib.util
import shutil
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


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory, corpus_adocs) -> Path:
    """A closed DuckDB file holding the corpus, written once per session (copy it to change it)."""
    from eventscope.store import Store

    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    with Store(path) as s:
        s.write(corpus_adocs)
    return path


@pytest.fixture()
def store(tmp_path, corpus_db):
    """A fresh store file holding the corpus (a copy of ``corpus_db``)."""
    from eventscope.store import Store

    path = tmp_path / "corpus.duckdb"
    shutil.copyfile(corpus_db, path)
    s = Store(path)
    yield s
    s.close()
