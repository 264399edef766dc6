"""One router per resource; ``ROUTERS`` is the order ``create_app`` includes them in."""

from __future__ import annotations

from . import actors, analysis, documents, events, export, places, stats

ROUTERS = (
    events.router, actors.router, analysis.router, places.router, documents.router, export.router,
    stats.router,
)
