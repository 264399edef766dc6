"""Store fixtures: the hand-annotated corpus written into a real DuckDB file in tmp_path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


def load_corpus_fixtures():
    """tests/fixtures/corpus/fixtures.py, imported once by path (its folder goes on sys.path)."""
    name = "eventscope_test_corpus_fixtures"
    if name not in sys.modules:
        if str(CORPUS_DIR) not in sys.path:
            sys.path.insert(0, str(CORPUS_DIR))
        spec = importlib.util.spec_from_file_location(name, CORPUS_DIR / "fixtures.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_fx = load_corpus_fixtures()
corpus_adocs = _fx.corpus_adocs
corpus_db = _fx.corpus_db
store = _fx.store
