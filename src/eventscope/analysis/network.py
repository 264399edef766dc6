"""The actor network: who acts on whom, how often, and how cooperatively.

Nodes are actors (merged across documents by their global id) or, with ``by="country"``, the
countries they belong to; edges are directed dyads (source → target) weighted by event count,
with the mean Goldstein score and the same figures split by quad class (1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import networkx as nx

from ..common.data import read_data_yaml
from ..errors import Errors
from ..store.filters import EventFilter
from .common import rows, store_filter

# Node identity per level: fixed SQL fragments (never user text).
_LEVELS: dict[str, tuple[str, str]] = {
    "actor": ("source_actor", "target_actor"),
    "country": ("source_country", "target_country"),
}


@lru_cache(maxsize=1)
def pronoun_names() -> tuple[str, ...]:
    """Side names that are a bare personal pronoun ("he", "He", "they", "I"; not "US").

    Why: an event side named "he" is a reference nobody resolved; drawn as a node it would join
    every unresolved "he" of every story into one actor. ``data/pronouns.yaml``.
    """
    words = read_data_yaml("eventscope.analysis", "pronouns.yaml")["pronouns"]
    return tuple(sorted({form for w in words for form in (w.lower(), w.lower().capitalize())}))


def _named_side(side: str) -> str:
    """SQL: the event's ``side`` ("source"/"target") is not a bare pronoun (one ``?``: the names)."""
    return f"({side}_name IS NULL OR trim({side}_name) NOT IN (SELECT unnest(?)))"


def actor_network(
    store: Any, filters: EventFilter | None = None, *, by: str = "actor", min_events: int = 1,
    max_event_ids: int = 20, top: int | None = None, **kw: Any,
) -> nx.DiGraph:
    """Build the directed network of the events matching the filters.

    Args:
        store (Store): the store to read.
        filters (EventFilter | None): which events (or pass filter keywords).
        by (str): "actor" (nodes are global actor ids) or "country" (nodes are country codes).
        min_events (int): keep edges with at least this many events.
        max_event_ids (int): event ids kept on each edge (most conflictual first), for drill-down.
        top (int | None): keep only the ``top`` most active nodes and the edges among them
            (chosen in SQL, so large stores stay fast).
    RETURNS (nx.DiGraph): node attributes ``name, country, sector, kind, n_events, as_source,
        as_target, goldstein_mean``; edge attributes ``weight`` (= count), ``count``,
        ``goldstein_mean``, ``q1..q4`` counts, ``quad`` ({1..4: {count, goldstein_mean}}),
        ``types`` ({type: count}) and ``event_ids``. A side named by a bare pronoun
        (``pronoun_names``) is no node, and its events no edge.
    """
    if by not in _LEVELS:
        raise ValueError(Errors.E032.format(name="by", choices=", ".join(_LEVELS), value=by))
    src, tgt = _LEVELS[by]
    flt = store_filter(store, filters, **kw)
    where, params = flt.where("e")
    pronouns = list(pronoun_names())
    graph = nx.DiGraph(by=by)
    with store.cursor() as cur:
        nodes = rows(
            cur,
            f"""
            SELECT node, mode(name) AS name, mode(country) AS country, mode(sector) AS sector,
                   count(*) AS n_events, count(*) FILTER (WHERE is_source) AS as_source,
                   count(*) FILTER (WHERE NOT is_source) AS as_target, avg(goldstein) AS goldstein_mean
            FROM (
                SELECT {src} AS node, source_name AS name, source_country AS country,
                       source_sector AS sector, TRUE AS is_source, goldstein
                FROM events e WHERE {where} AND {src} IS NOT NULL AND {_named_side("source")}
                UNION ALL
                SELECT {tgt}, target_name, target_country, target_sector, FALSE, goldstein
                FROM events e WHERE {where} AND {tgt} IS NOT NULL AND {_named_side("target")}
            ) GROUP BY node
            ORDER BY {"n_events DESC, node" if top is not None else "node"}
            {"LIMIT ?" if top is not None else ""}
            """,
            [*params, pronouns, *params, pronouns, *([int(top)] if top is not None else [])],
        )
        kinds: dict[str, str] = {}
        if by == "actor" and nodes:
            ids = [n["node"] for n in nodes]
            for actor_id, kind in cur.execute(
                "SELECT actor_id, mode(kind) FROM actors WHERE actor_id IN (SELECT unnest(?)) GROUP BY actor_id",
                [ids],
            ).fetchall():
                kinds[actor_id] = kind
        among, among_params = "", []
        if top is not None:
            keep = [n["node"] for n in nodes]
            among = f"AND {src} IN (SELECT unnest(?)) AND {tgt} IN (SELECT unnest(?))"
            among_params = [keep, keep]
        edges = rows(
            cur,
            f"""
            SELECT {src} AS s, {tgt} AS t, count(*) AS count, avg(goldstein) AS goldstein_mean,
                   count(*) FILTER (WHERE quad_class = 1) AS q1, avg(goldstein) FILTER (WHERE quad_class = 1) AS g1,
                   count(*) FILTER (WHERE quad_class = 2) AS q2, avg(goldstein) FILTER (WHERE quad_class = 2) AS g2,
                   count(*) FILTER (WHERE quad_class = 3) AS q3, avg(goldstein) FILTER (WHERE quad_class = 3) AS g3,
                   count(*) FILTER (WHERE quad_class = 4) AS q4, avg(goldstein) FILTER (WHERE quad_class = 4) AS g4,
                   histogram(type) AS types,
                   list(event_id ORDER BY goldstein ASC NULLS LAST, event_id)[1:{int(max_event_ids)}] AS event_ids
            FROM events e
            WHERE {where} AND {src} IS NOT NULL AND {tgt} IS NOT NULL AND {src} <> {tgt} {among}
              AND {_named_side("source")} AND {_named_side("target")}
            GROUP BY {src}, {tgt}
            HAVING count(*) >= ?
            ORDER BY s, t
            """,
            [*params, *among_params, pronouns, pronouns, int(min_events)],
        )
    for n in nodes:
        node = n.pop("node")
        if by == "country":
            n["name"] = node
            n["country"] = node
            n["sector"] = None
        n["kind"] = kinds.get(node) if by == "actor" else "country"
        graph.add_node(node, **n)
    for e in edges:
        quad = {
            q: {"count": int(e[f"q{q}"]), "goldstein_mean": e[f"g{q}"]} for q in (1, 2, 3, 4)
        }
        graph.add_edge(
            e["s"], e["t"], weight=int(e["count"]), count=int(e["count"]), goldstein_mean=e["goldstein_mean"],
            q1=int(e["q1"]), q2=int(e["q2"]), q3=int(e["q3"]), q4=int(e["q4"]), quad=quad,
            types=dict(e["types"] or {}), event_ids=list(e["event_ids"] or []),
        )
    return graph


def quad_subgraph(graph: nx.DiGraph, quad_class: int) -> nx.DiGraph:
    """The edges of one quad class only, weighted by that class's count (nodes kept)."""
    sub = nx.DiGraph(**graph.graph)
    sub.add_nodes_from(graph.nodes(data=True))
    for s, t, d in graph.edges(data=True):
        q = d["quad"][quad_class]
        if q["count"]:
            sub.add_edge(s, t, weight=q["count"], count=q["count"], goldstein_mean=q["goldstein_mean"])
    return sub


def network_json(graph: nx.DiGraph, top: int | None = None) -> dict[str, Any]:
    """The graph as plain JSON (``nodes`` and ``edges`` lists), e.g. for the API and dashboard.

    Args:
        graph (nx.DiGraph): from ``actor_network``.
        top (int | None): keep only the ``top`` nodes with most events (and edges among them).
    RETURNS (dict): ``{"by", "nodes": [{id, ...}], "edges": [{source, target, ...}]}``.
    """
    nodes = sorted(graph.nodes(data=True), key=lambda nd: (-nd[1].get("n_events", 0), str(nd[0])))
    if top is not None:
        nodes = nodes[: max(0, int(top))]
    keep = {n for n, _ in nodes}
    edges = [
        {"source": s, "target": t, **{k: v for k, v in d.items() if k != "quad"},
         "quad": {str(q): v for q, v in d["quad"].items()}}
        for s, t, d in graph.edges(data=True)
        if s in keep and t in keep
    ]
    edges.sort(key=lambda e: (-e["count"], str(e["source"]), str(e["target"])))
    return {
        "by": graph.graph.get("by", "actor"),
        "nodes": [{"id": n, **d} for n, d in nodes],
        "edges": edges,
    }
