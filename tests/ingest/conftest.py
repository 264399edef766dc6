from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def read():
    """read(paths, **opts) -> (documents, messages)."""
    from eventscope.ingest import read_inputs

    def _read(paths, **opts):
        messages: list[str] = []
        if not isinstance(paths, (list, tuple)):
            paths = [paths]
        docs = list(read_inputs(paths, on_error=messages.append, **opts))
        return docs, messages

    return _read
