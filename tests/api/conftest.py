"""API fixtures: the real app over a real DuckDB file holding the test corpus.

``POST /api/documents`` runs a real ``Pipeline``; the default fixture builds it with no stages
(documents are stored with their text and no coding) so the write path is tested without
loading spaCy; ``test_post_with_full_pipeline`` runs the full pipeline and is marked slow.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

TOKEN = "test-token-123"


def _no_stage_pipeline():
    from eventscope.pipeline import Pipeline, PipelineConfig

    return Pipeline(PipelineConfig(stages=()))


@pytest.fixture()
def db_path(tmp_path, corpus_db) -> Path:
    path = tmp_path / "api.duckdb"
    shutil.copyfile(corpus_db, path)
    return path


@pytest.fixture()
def client(db_path):
    """Read-write app with a token; POST uses a stage-less pipeline."""
    from eventscope.api import create_app

    app = create_app(db_path, token=TOKEN, pipeline=_no_stage_pipeline)
    with TestClient(app) as c:
        yield c


@pytest.fixture()
def readonly_client(db_path, monkeypatch):
    """App started without a token (and none in the environment): read-only, writes refused."""
    from eventscope.api import create_app

    monkeypatch.delenv("EVENTSCOPE_TOKEN", raising=False)
    app = create_app(db_path)
    with TestClient(app) as c:
        yield c


@pytest.fixture()
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
