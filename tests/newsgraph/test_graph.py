"""build_graph from relation/entity tables, and a layout that keeps positions stable."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from newsgraph.filters import Filters
from newsgraph.graph import TYPED_WEIGHT, build_graph, communities, layout

ENTITIES = pd.DataFrame(
    [
        {"id": "nato", "name": "North Atlantic Treaty Organization", "type": "ORG", "aliases": ["NATO"], "mentions": 9, "articles": 3},
        {"id": "finland", "name": "Finland", "type": "GPE", "aliases": [], "mentions": 4, "articles": 2},
        {"id": "sweden", "name": "Sweden", "type": "GPE", "aliases": [], "mentions": 3, "articles": 2},
        {"id": "stoltenberg", "name": "Jens Stoltenberg", "type": "PERSON", "aliases": [], "mentions": 2, "articles": 1},
        {"id": "asean", "name": "Association of Southeast Asian Nations", "type": "ORG", "aliases": ["ASEAN"], "mentions": 5, "articles": 2},
        {"id": "indonesia", "name": "Indonesia", "type": "GPE", "aliases": [], "mentions": 2, "articles": 1},
        {"id": "jakarta", "name": "Jakarta", "type": "GPE", "aliases": [], "mentions": 1, "articles": 1},
    ]
)


def rel(i, source, target, kind, article="a1", published="2023-04-04", cue=None):
    types = dict(zip(ENTITIES["id"], ENTITIES["type"]))
    names = dict(zip(ENTITIES["id"], ENTITIES["name"]))
    return {"id": f"r{i}", "source": source, "target": target, "source_name": names[source], "target_name": names[target],
            "source_type": types[source], "target_type": types[target], "kind": kind, "cue": cue,
            "sentence": "...", "article_id": article, "published": date.fromisoformat(published)}


RELATIONS = pd.DataFrame(
    [
        rel(1, "finland", "nato", "membership", cue="joined"),
        rel(2, "finland", "nato", "co-occurrence"),
        rel(3, "finland", "nato", "co-occurrence", article="a2", published="2023-05-01"),
        rel(4, "sweden", "nato", "membership", article="a2", published="2024-03-07", cue="joined"),
        rel(5, "stoltenberg", "nato", "leads", cue="Secretary General"),
        rel(6, "finland", "sweden", "co-occurrence"),
        rel(7, "indonesia", "asean", "membership", article="a3", published="2023-09-05", cue="member"),
        rel(8, "jakarta", "asean", "co-occurrence", article="a3", published="2023-09-05"),
        rel(9, "indonesia", "jakarta", "co-occurrence", article="a3", published="2023-09-05"),
    ]
)


def graph(**options):
    filters = options.pop("filters", Filters())
    return build_graph((RELATIONS, ENTITIES), filters, **options)


def test_edges_aggregate_evidence_with_typed_weight():
    g = graph()
    edge = g.edges["finland", "nato"]
    assert edge["kinds"] == {"co-occurrence": 2, "membership": 1}
    assert edge["weight"] == TYPED_WEIGHT + 2
    assert edge["typed_weight"] == TYPED_WEIGHT and edge["cooccurrence_weight"] == 2
    assert edge["kind"] == "membership" and edge["typed"] is True
    assert sorted(edge["evidence"]) == ["r1", "r2", "r3"]
    assert edge["articles"] == ["a1", "a2"]
    assert edge["cues"] == {"joined": 1}
    assert g.edges["finland", "sweden"]["typed"] is False


def test_node_attributes():
    g = graph()
    nato = g.nodes["nato"]
    assert (nato["name"], nato["type"], nato["mentions"], nato["label"]) == ("North Atlantic Treaty Organization", "ORG", 9, "NATO")
    assert nato["degree"] == 3
    assert g.nodes["finland"]["label"] == "Finland"
    assert {g.nodes[n]["community"] for n in g} == {0, 1}
    assert g.nodes["nato"]["community"] != g.nodes["asean"]["community"]


@pytest.mark.parametrize(
    "options, nodes",
    [
        ({}, {"nato", "finland", "sweden", "stoltenberg", "asean", "indonesia", "jakarta"}),
        ({"filters": Filters(actors=("stoltenberg",)), "depth": 1}, {"stoltenberg", "nato"}),
        ({"filters": Filters(actors=("stoltenberg",)), "depth": 2}, {"stoltenberg", "nato", "finland", "sweden"}),
        ({"filters": Filters(actors=("finland", "sweden")), "depth": 0}, {"finland", "sweden"}),
        ({"filters": Filters(types=("ORG", "GPE"))}, {"nato", "finland", "sweden", "asean", "indonesia", "jakarta"}),
        ({"filters": Filters(date_from=date(2024, 1, 1))}, {"sweden", "nato"}),
        ({"filters": Filters(date_to=date(2023, 4, 30))}, {"nato", "finland", "sweden", "stoltenberg"}),
        ({"kinds": ("membership",)}, {"nato", "finland", "sweden", "asean", "indonesia"}),
        ({"typed_only": True}, {"nato", "finland", "sweden", "stoltenberg", "asean", "indonesia"}),
        ({"min_weight": TYPED_WEIGHT + 1}, {"nato", "finland"}),
    ],
)
def test_filters(options, nodes):
    assert set(graph(**options).nodes) == nodes


def test_unknown_actor_gives_an_empty_graph():
    assert graph(filters=Filters(actors=("nobody",))).number_of_nodes() == 0


def test_communities_are_deterministic():
    g = graph()
    assert communities(g) == communities(g.copy())
    assert communities(g)[0] >= {"nato", "finland"}


def test_layout_is_deterministic_and_normalized():
    g = graph()
    first, second = layout(g, seed=3), layout(g, seed=3)
    assert first == second
    assert set(first) == set(g.nodes)
    assert max(max(abs(x), abs(y)) for x, y in first.values()) == pytest.approx(1.0)


def test_layout_keeps_known_nodes_in_place():
    full = layout(graph(), seed=3)
    sub = graph(filters=Filters(actors=("stoltenberg",)), depth=2)
    assert layout(sub, previous=full) == {n: full[n] for n in sub}
    # A node the previous layout did not have is placed; the others stay put.
    partial = {n: p for n, p in full.items() if n != "sweden"}
    placed = layout(sub, previous=partial)
    assert all(placed[n] == pytest.approx(partial[n]) for n in sub if n != "sweden")
    assert "sweden" in placed


def test_graph_from_the_sample_store(sample_store):
    with sample_store.read() as con:
        g = build_graph(con, Filters())
        around = build_graph(con, Filters(actors=("zhang-ming",)), depth=1)
        ids = {r[0] for r in con.execute("SELECT id FROM entities").fetchall()}
    assert set(g.nodes) <= ids
    sco = next(n for n in g if "SCO" in g.nodes[n]["aliases"])
    csto = next(n for n in g if "CSTO" in g.nodes[n]["aliases"])
    assert {"agreement", "meeting"} <= set(g.edges[sco, csto]["kinds"])
    assert "meeting" in g.edges["wang-yi", "zhang-ming"]["kinds"]
    assert set(around.nodes) == {"zhang-ming", *g.neighbors("zhang-ming")}
