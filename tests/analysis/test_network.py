"""Actor network over real stores."""

from __future__ import annotations

import networkx as nx

from eventscope.analysis import actor_network, network_json, quad_subgraph


def _by_name(graph: nx.DiGraph) -> dict[str, str]:
    return {d["name"]: n for n, d in graph.nodes(data=True)}


def test_corpus_network_nodes_and_dyads(store):
    g = actor_network(store)
    names = _by_name(g)
    for expected in ("Iran", "Iraq", "Houthis", "Israel", "Hamas", "United States Armed Forces"):
        assert expected in names
    us_mil, houthis = names["United States Armed Forces"], names["Houthis"]
    edge = g.edges[us_mil, houthis]
    assert edge["count"] == 2 and edge["weight"] == 2 and edge["q4"] == 2
    assert edge["goldstein_mean"] == -10.0 and edge["types"] == {"ASSAULT": 2}
    assert set(edge["event_ids"]) == {"es-03:E2", "es-07:E1"}
    assert edge["quad"][4]["count"] == 2 and edge["quad"][1]["count"] == 0
    assert g.has_edge(houthis, us_mil) and g.edges[houthis, us_mil]["q3"] == 1  # the threat back
    node = g.nodes[houthis]
    assert node["country"] == "YEM" and node["sector"] == "REB" and node["kind"] == "group"
    # Negated events are not counted: Washington "would not send ground troops" adds nothing.
    us = names["United States"]
    assert g.nodes[us]["as_source"] == 0


def test_network_filters(store):
    g = actor_network(store, type="ASSAULT")
    assert all(set(d["types"]) == {"ASSAULT"} for _, _, d in g.edges(data=True))
    g_iraq = actor_network(store, country="IRQ")
    assert {d["country"] for _, d in g_iraq.nodes(data=True)} >= {"IRQ"}
    assert "Houthis" not in _by_name(g_iraq)
    g_early = actor_network(store, date_to="2025-03-05")
    assert "Houthis" not in _by_name(g_early) and "Iran" in _by_name(g_early)
    g_neg = actor_network(store, modality="negated")
    assert g_neg.number_of_edges() == 0 and g_neg.number_of_nodes() == 1


def test_country_level_and_quad_split(store):
    g = actor_network(store, by="country")
    assert g.edges["USA", "YEM"]["count"] == 2
    assert g.edges["IRN", "IRQ"]["q1"] >= 3
    conflict = quad_subgraph(g, 4)
    assert conflict.has_edge("USA", "YEM") and not conflict.has_edge("IRN", "IRQ")


def test_network_json_is_plain(store):
    data = network_json(actor_network(store), top=5)
    assert data["by"] == "actor" and len(data["nodes"]) == 5
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    assert all(isinstance(k, str) for e in data["edges"] for k in e["quad"])
    counts = [n["n_events"] for n in data["nodes"]]
    assert counts == sorted(counts, reverse=True)


def test_synthetic_network_weights(synthetic_store):
    g = actor_network(synthetic_store, by="country")
    assert g.edges["NOR", "SOU"]["count"] == 10 + 7
    assert g.edges["NOR", "SOU"]["q1"] == 10 and g.edges["NOR", "SOU"]["q4"] == 7
    assert g.edges["UPL", "DWN"]["count"] == 10 + 7  # the negated assault is left out
    assert abs(g.edges["NOR", "SOU"]["goldstein_mean"] - (10 * 2.0 - 70.0) / 17) < 1e-9


def test_top_nodes_chosen_in_sql(store):
    full = actor_network(store)
    small = actor_network(store, top=4)
    assert small.number_of_nodes() == 4
    busiest = sorted(full.nodes, key=lambda n: (-full.nodes[n]["n_events"], n))[:4]
    assert set(small.nodes) == set(busiest)
    assert all(s in small and t in small for s, t in small.edges)
    assert all(small.edges[s, t]["count"] == full.edges[s, t]["count"] for s, t in small.edges)


def _pronoun_store(path):
    """A store as an older actors stage left it: bare pronouns stored as actors, beside a "US"."""
    from eventscope.model import Actor, AnalyzedDocument, Document, Event, Mention, Span
    from eventscope.store import Store

    text = "He fired at the army. They met US envoys. The army shelled them. US forces struck the army."
    names = {"A1": "He", "A2": "Syrian Army", "A3": "they", "A4": "US", "A5": "them"}

    def actor(aid: str, surface: str, after: int = 0) -> Actor:
        at = text.index(surface, after)
        return Actor(id=aid, name=names[aid], mentions=[Mention(surface, at, at + len(surface), actor=aid)])

    actors = [actor("A1", "He"), actor("A2", "the army"), actor("A3", "They"), actor("A4", "US"),
              actor("A5", "them")]
    adoc = AnalyzedDocument(document=Document(text=text, id="pronouns", date="2024-01-01"), actors=actors)
    a = {x.id: x for x in actors}
    pairs = [("A1", "A2", "ASSAULT"), ("A3", "A4", "CONSULT"), ("A2", "A5", "ASSAULT"), ("A4", "A2", "ASSAULT")]
    adoc.events = [Event(id=f"E{i}", type=t, source=a[s].ref(a[s].mentions[0]), target=a[g].ref(a[g].mentions[0]),
                         evidence=Span(text, 0, len(text)), quad_class=4, goldstein=-10.0)
                   for i, (s, g, t) in enumerate(pairs, 1)]
    with Store(path) as store:
        store.write([adoc])


def test_the_network_never_shows_pronoun_nodes(tmp_path):
    from eventscope.analysis.network import pronoun_names
    from eventscope.store import Store

    _pronoun_store(tmp_path / "p.duckdb")
    with Store(tmp_path / "p.duckdb", read_only=True) as store:
        assert {"he", "He", "they", "They", "I"} <= set(pronoun_names()) and "US" not in pronoun_names()
        stored = {r[0] for r in store.con.execute("SELECT name FROM actors").fetchall()}
        assert {"He", "they", "them"} <= stored  # the store has them; the network must not
        g = actor_network(store)
        assert sorted(d["name"] for _, d in g.nodes(data=True)) == ["Syrian Army", "US"]
        assert [(g.nodes[s]["name"], g.nodes[t]["name"]) for s, t in g.edges] == [("US", "Syrian Army")]
        data = network_json(actor_network(store, top=10))
        assert {n["name"] for n in data["nodes"]} == {"Syrian Army", "US"}
