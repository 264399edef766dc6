"""The REST API (FastAPI): events, actors, network, timelines, escalation, places, documents,
exports and stats over the DuckDB store.

    >>> from eventscope.api import create_app
    >>> app = create_app("eventscope.duckdb", token="s3cret")   # then: uvicorn.run(app)
"""

from __future__ import annotations

from .app import DEFAULT_MAX_BODY, create_app

__all__ = ["create_app", "DEFAULT_MAX_BODY"]
