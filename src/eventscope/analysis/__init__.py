"""Analysis over the store: actor network, dyad timelines, escalation signals, top lists.

    >>> from eventscope.store import Store
    >>> from eventscope.analysis import actor_network, dyad_timeline, escalation, top_actors
    >>> store = Store("eventscope.duckdb", read_only=True)
    >>> graph = actor_network(store, date_from="2025-03-01", country="IRQ")
    >>> escalation(store, by="country", window=7, baseline=28)["signals"][0]["level"]
    'escalating'

Every function takes the store first, then an ``EventFilter`` or filter keywords (date_from,
date_to, country, actor, type, modality, ...). Counts leave out negated and hypothetical events
and follow-up retellings unless asked (``analysis.common``).
"""

from __future__ import annotations

from .common import COUNTED_MODALITIES, analysis_filter
from .escalation import escalation, escalation_series
from .network import actor_network, network_json, quad_subgraph
from .timeline import dyad_timeline, event_timeline
from .top import top_actors, top_places

__all__ = [
    "COUNTED_MODALITIES", "analysis_filter", "actor_network", "network_json", "quad_subgraph",
    "dyad_timeline", "event_timeline", "escalation", "escalation_series", "top_actors", "top_places",
]
