"""The REST API (FastAPI) over the DuckDB store; the web dashboard is served by the same app.

    >>> from eventscope.api import create_app
    >>> app = create_app("eventscope.duckdb", token="s3cret")   # then: uvicorn.run(app)

Endpoints (filters on every event-based route: ``date_from``, ``date_to``, ``country``,
``actor``, ``source``, ``target``, ``type``, ``modality``, ``quad_class``, ``doc``, ``q``;
lists take ``limit``/``offset`` and return ``{"total", "items", ...}``):

=======================================  ====================================================
``GET /api/events``                      events, stable order (``sort``: -day, day, ...)
``GET /api/events/{event_id}``           one event + provenance (document, sentence, offsets)
``GET /api/actors`` / ``/{actor_id}``    actors merged across documents / one actor's profile
``GET /api/network``                     nodes + directed dyads (``by``=actor|country, ``top``)
``GET /api/timeline``                    dyad series (``source``, ``target``, ``freq``, ``top``)
``GET /api/escalation``                  signals (``by``=dyad|country_dyad|country, ``window``)
``GET /api/escalation/series``           one unit's signal per period (``unit``, ``freq``)
``GET /api/places``                      event locations with counts
``GET /api/documents`` / ``/{doc_id}``   documents / one with text, brief, actors, events
``POST /api/documents``                  code + store text; ``Authorization: Bearer <token>``
``GET /api/export?format=…``             parquet | csv | jsonl | plover | gdelt | acled file
``GET /api/stats``                       counts, day range, type/quad/modality mix
``GET /docs``                            OpenAPI (Swagger UI served offline)
=======================================  ====================================================

Every error is a 4xx whose ``detail`` is one coded line (``errors.py``); ``create_app(...,
allowed_hosts=...)`` answers only those Host names (``eventscope serve`` always sets them).
"""

from __future__ import annotations

from .app import DEFAULT_MAX_BODY, create_app

__all__ = ["create_app", "DEFAULT_MAX_BODY"]
