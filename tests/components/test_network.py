import io

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import pytest

from components.network import (
    NetworkView,
    anchor_layout,
    edge_width_step,
    edges_table,
    graphml_bytes,
    network_figure,
    node_label,
    nodes_table,
    packed_layout,
    pair_ties,
    place_labels,
    short_label,
    stable_positions,
    view_graph,
)
from newsgraph.graph import TYPED_WEIGHT

ENTITIES = {
    "african-union": ("African Union", "ORG"),
    "ecowas": ("Economic Community of West African States", "ORG"),
    "un": ("United Nations", "ORG"),
    "eu": ("European Union", "ORG"),
    "nato": ("NATO", "ORG"),
    "nigeria": ("Nigeria", "GPE"),
    "mali": ("Mali", "GPE"),
    "moussa-faki": ("Moussa Faki", "PERSON"),
}
ENTITIES.update({
    "opec": ("OPEC", "ORG"), "iea": ("International Energy Agency", "ORG"), "gecf": ("Gas Exporting Countries Forum", "ORG"),
    "osce": ("OSCE", "ORG"), "coe": ("Council of Europe", "ORG"), "echr": ("European Court of Human Rights", "ORG"),
    "mercosur": ("Mercosur", "ORG"), "celac": ("CELAC", "ORG"), "oas": ("Organization of American States", "ORG"),
})
MENTIONS = {"african-union": 30, "un": 25, "ecowas": 20, "eu": 18, "nato": 15, "nigeria": 12, "moussa-faki": 10, "mali": 8}


def tie(a, b, kind, weight):
    a, b = sorted((a, b))
    return {"source": a, "target": b, "kind": kind, "weight": weight, "articles": weight,
            "source_name": ENTITIES[a][0], "source_type": ENTITIES[a][1],
            "target_name": ENTITIES[b][0], "target_type": ENTITIES[b][1]}


TIES = pd.DataFrame([
    tie("african-union", "ecowas", "co-occurrence", 5),
    tie("african-union", "ecowas", "agreement", 1),
    tie("african-union", "un", "co-occurrence", 3),
    tie("ecowas", "nigeria", "co-occurrence", 4),
    tie("ecowas", "mali", "co-occurrence", 2),
    tie("ecowas", "mali", "membership", 1),
    tie("eu", "nato", "co-occurrence", 6),
    tie("eu", "nato", "meeting", 2),
    tie("african-union", "moussa-faki", "leads", 2),
    tie("african-union", "moussa-faki", "co-occurrence", 1),
    tie("eu", "un", "co-occurrence", 1),
])
# three separate triangles: small components, where node order once leaked from set order
TRIANGLES = pd.DataFrame([tie(a, b, "co-occurrence", w) for a, b, w in (
    ("opec", "iea", 3), ("iea", "gecf", 2), ("opec", "gecf", 1),
    ("osce", "coe", 2), ("coe", "echr", 4), ("osce", "echr", 1),
    ("mercosur", "celac", 2), ("celac", "oas", 3), ("mercosur", "oas", 1),
)])


def test_pair_ties_counts_sentences_and_weighs_typed_evidence_like_the_library():
    pairs = pair_ties(TIES).set_index(["source", "target"])
    row = pairs.loc[("african-union", "ecowas")]
    assert (row["sentences"], row["typed"]) == (6, 1)
    assert row["weight"] == 1 * TYPED_WEIGHT + 5
    assert pairs.loc[("eu", "un"), "weight"] == 1


@pytest.mark.parametrize(
    "view, nodes",
    [
        (NetworkView(), {"african-union", "ecowas", "un", "eu", "nato"}),
        (NetworkView(node_types=("ORG", "PERSON")), {"african-union", "ecowas", "un", "eu", "nato", "moussa-faki"}),
        (NetworkView(node_types=("GPE", "ORG"), max_nodes=3), {"african-union", "un", "ecowas"}),
        (NetworkView(min_weight=4), {"african-union", "ecowas", "eu", "nato"}),
        (NetworkView(tie_kinds=("agreement", "meeting")), {"african-union", "ecowas", "eu", "nato"}),
        (NetworkView(node_types=("PERSON",)), set()),
    ],
)
def test_the_view_keeps_what_its_settings_say(view, nodes):
    graph, stats = view_graph(TIES, MENTIONS, view=view)
    assert set(graph) == nodes
    assert stats.shown == len(nodes)


@pytest.mark.parametrize(
    "focus, depth, nodes",
    [
        (("nigeria",), 1, {"nigeria", "ecowas"}),  # a focus of another type keeps its ties to organizations
        (("nigeria",), 2, {"nigeria", "ecowas", "african-union"}),
        (("nigeria",), 3, {"nigeria", "ecowas", "african-union", "un"}),
        (("nato",), 1, {"nato", "eu"}),
        (("nato", "ecowas"), 1, {"nato", "eu", "ecowas", "african-union"}),
    ],
)
def test_a_focus_shows_its_neighbourhood_to_the_chosen_depth(focus, depth, nodes):
    graph, _ = view_graph(TIES, MENTIONS, focus=focus, view=NetworkView(depth=depth))
    assert set(graph) == nodes
    assert all(graph.nodes[n]["focus"] for n in focus)


def test_the_top_nodes_rule_is_most_mentioned_first_and_the_focus_always_stays():
    graph, stats = view_graph(TIES, MENTIONS, view=NetworkView(max_nodes=2))
    assert set(graph) == {"african-union", "un"} and stats.candidates == 5
    graph, _ = view_graph(TIES, MENTIONS, focus=("nato",), view=NetworkView(max_nodes=1, depth=3))
    assert "nato" in graph


def test_a_focus_without_ties_is_reported():
    graph, stats = view_graph(TIES, MENTIONS, focus=("mali",), view=NetworkView(tie_kinds=("meeting",)))
    assert stats.focus_missing == ("mali",)


def test_node_and_edge_attributes():
    graph, _ = view_graph(TIES, MENTIONS, view=NetworkView(), aliases={"ecowas": ["ECOWAS", "the Community"]})
    node = graph.nodes["ecowas"]
    assert node["label"] == "ECOWAS" and node["type"] == "ORG" and node["mentions"] == 20
    assert node["degree"] == 1 and isinstance(node["community"], int)
    edge = graph.edges["african-union", "ecowas"]
    assert edge["kinds"] == {"co-occurrence": 5, "agreement": 1}
    assert (edge["sentences"], edge["typed"], edge["weight"]) == (6, 1, 1 * TYPED_WEIGHT + 5)


@pytest.mark.parametrize(
    "name, aliases, expected",
    [
        ("Economic Community of West African States", ["ECOWAS"], "ECOWAS"),
        ("Economic Community of West African States", ["the Community"], "Economic Community of West African States"),
        ("African Union", ["AU"], "African Union"),  # short names keep their name
    ],
)
def test_node_label_prefers_the_acronym_of_a_long_name(name, aliases, expected):
    assert node_label(name, aliases) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("NATO", "NATO"),
        ("Central Asian Regional Information and Coordination Centre", "Central Asian Regional Information…"),
    ],
)
def test_short_label(name, expected):
    assert short_label(name) == expected


def test_positions_stay_put_when_the_filters_change():
    anchor = anchor_layout(TIES, MENTIONS, node_types=("ORG",))
    full, _ = view_graph(TIES, MENTIONS, view=NetworkView())
    narrow, _ = view_graph(TIES, MENTIONS, view=NetworkView(min_weight=4))
    full_positions = stable_positions(full, anchor)
    narrow_positions = stable_positions(narrow, anchor)
    for node in narrow:
        assert narrow_positions[node] == pytest.approx(full_positions[node])
        assert narrow_positions[node] == pytest.approx(anchor[node])
    assert stable_positions(full, anchor) == full_positions  # deterministic


def test_a_node_outside_the_anchor_is_placed_and_the_anchored_do_not_move():
    anchor = anchor_layout(TIES, MENTIONS, node_types=("ORG",))
    graph, _ = view_graph(TIES, MENTIONS, view=NetworkView(node_types=("ORG", "PERSON")))
    positions = stable_positions(graph, anchor)
    assert "moussa-faki" not in anchor and "moussa-faki" in positions
    assert all(positions[n] == pytest.approx(anchor[n]) for n in graph if n in anchor)


def test_packed_layout_keeps_components_apart():
    graph = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y")])
    graph.add_node("lonely")
    positions = packed_layout(graph)
    boxes = []
    for members in nx.connected_components(graph):
        xs = [positions[n][0] for n in members]
        ys = [positions[n][1] for n in members]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]


def test_labels_that_would_collide_are_left_to_the_hover():
    positions = {"a": (0.0, 0.0), "b": (0.0, 0.001), "far": (1.0, 1.0)}
    texts = {"a": "Alpha Organization", "b": "Beta Organization", "far": "Gamma"}
    sizes = {"a": 20, "b": 20, "far": 20}
    slots = place_labels(positions, texts, sizes, ["a", "b", "far"], ranges=((-0.5, 1.5), (-0.5, 1.5)))
    assert slots["a"] and slots["far"]
    assert slots["b"] is None or slots["b"] != slots["a"]
    forced = place_labels(positions, texts, sizes, ["a", "b"], always=["b"], ranges=((-0.5, 1.5), (-0.5, 1.5)))
    assert forced["b"]


@pytest.mark.parametrize("weight, step", [(1, 0), (2, 0), (10, 1), (12, 2), (25, 3), (41, 3)])
def test_edge_width_grows_with_weight(weight, step):
    assert edge_width_step(weight, 41) == step


def figure_for(**kwargs):
    graph, _ = view_graph(TIES, MENTIONS, view=NetworkView(node_types=("ORG", "PERSON")))
    positions = stable_positions(graph, {})
    return graph, network_figure(graph, positions, **kwargs)


def test_the_figure_draws_typed_ties_solid_and_co_occurrence_dotted():
    _, fig = figure_for()
    go.Figure(fig.to_dict())  # the unvalidated figure is valid plotly
    lines = [t for t in fig.data if t.mode == "lines"]
    assert {t.line.dash for t in lines if "Typed" in (t.name or "")} == {"solid"}
    assert {t.line.dash for t in lines if "co-occurrence" in (t.name or "")} == {"dot"}


def test_every_node_and_tie_carries_its_id_for_clicks():
    graph, fig = figure_for()
    nodes = {c[1] for t in fig.data for c in (t.customdata or []) if c[0] == "node"}
    ties = {(c[1], c[2]) for t in fig.data for c in (t.customdata or []) if c[0] == "edge"}
    assert nodes == set(graph)
    assert ties == {tuple(sorted(e)) for e in graph.edges}
    shapes = {t.name: t.marker.symbol for t in fig.data if t.customdata is not None and t.customdata[0][0] == "node"}
    assert shapes == {"Organization": "circle", "Person": "diamond"}


def test_colour_by_community_keeps_the_type_in_the_shape():
    _, by_type = figure_for()
    _, by_community = figure_for(colour_by="community")
    organizations = lambda fig: next(t for t in fig.data if t.name == "Organization")  # noqa: E731
    assert len(set(organizations(by_type).marker.color)) == 1
    assert organizations(by_community).marker.symbol == "circle"


def test_a_selected_node_gets_a_ring_and_its_name():
    _, fig = figure_for(selected="nato", labels=0)
    assert any(t.name == "selected" for t in fig.data)
    texts = [text for t in fig.data if t.name == "Organization" for text in t.text]
    assert "NATO" in texts


def test_exports_carry_the_view():
    graph, _ = view_graph(TIES, MENTIONS, view=NetworkView())
    edges = edges_table(graph)
    assert list(edges.columns[:6]) == ["source", "source_name", "source_type", "target", "target_name", "target_type"]
    assert edges.iloc[0]["weight"] == edges["weight"].max()
    assert set(nodes_table(graph)["id"]) == set(graph)
    positions = stable_positions(graph, {})
    back = nx.read_graphml(io.BytesIO(graphml_bytes(graph, positions)))
    assert set(back) == set(graph)
    assert back.nodes["african-union"]["name"] == "African Union"
    assert back.edges["african-union", "ecowas"]["kinds"] == "co-occurrence=5; agreement=1"
    assert "x" in back.nodes["nato"]


def test_evidence_is_listed_once_per_sentence_with_all_its_kinds():
    from components.network import evidence_by_sentence

    rows = pd.DataFrame([
        {"article_id": "a", "sentence_start": 0, "sentence_end": 40, "kind": "agreement", "sentence": "S1"},
        {"article_id": "a", "sentence_start": 0, "sentence_end": 40, "kind": "cooperation", "sentence": "S1"},
        {"article_id": "a", "sentence_start": 50, "sentence_end": 90, "kind": "co-occurrence", "sentence": "S2"},
        {"article_id": "b", "sentence_start": 0, "sentence_end": 40, "kind": "agreement", "sentence": "S3"},
    ])
    grouped = evidence_by_sentence(rows)
    assert [(row["sentence"], kinds) for row, kinds in grouped] == [
        ("S1", ["agreement", "cooperation"]), ("S2", ["same sentence"]), ("S3", ["agreement"]),
    ]


def test_positions_are_the_same_in_every_process():
    """Layouts must not depend on Python's per-process string hashing (set order)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = (
        "import json, sys; sys.path.insert(0, '.');"
        "import pandas as pd;"
        "from tests.components.test_network import TIES, TRIANGLES, MENTIONS;"
        "from components.network import anchor_layout, stable_positions, view_graph, NetworkView;"
        "ties = pd.concat([TIES, TRIANGLES], ignore_index=True);"
        "anchor = anchor_layout(ties, MENTIONS, node_types=('ORG', 'GPE'));"
        "graph, _ = view_graph(ties, MENTIONS, view=NetworkView(node_types=('ORG', 'GPE', 'PERSON')));"
        "print(json.dumps([sorted(anchor.items()), sorted(stable_positions(graph, anchor).items()),"
        " sorted(stable_positions(graph, {}, stable=False).items())]))"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                       env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout.strip().splitlines()[-1]
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
