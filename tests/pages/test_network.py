"""The Network page in AppTest: the graph follows its settings and the filters; a node opens its card."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import queries
from newsgraph.filters import Filters
from tests.pages.conftest import NETWORK, figure_caption, figure_title, figures, html_of, messages, no_errors


def network(app) -> dict:
    return figures(app)[0]


def nodes(figure) -> dict[str, str]:
    """Node id -> the trace (type label) it is drawn in."""
    return {c[1]: trace["name"] for trace in figure["data"] for c in trace.get("customdata") or [] if c[0] == "node"}


def ties_of(figure) -> set[tuple[str, str]]:
    return {(c[1], c[2]) for trace in figure["data"] for c in trace.get("customdata") or [] if c[0] == "edge"}


def test_the_network_shows_the_most_mentioned_organizations(open_app, store):
    app = open_app(NETWORK)
    no_errors(app)
    figure = network(app)
    shown = nodes(figure)
    assert 0 < len(shown) <= 40
    assert set(shown.values()) == {"Organization"}
    assert figure_title(figure) == "Organizations tied in the news"
    assert "Source: 29 articles" in figure_caption(figure)
    with store.read() as con:
        entities = queries.entities(con, Filters()).set_index("id")
        ties = queries.ties(con, Filters())
    type_of = entities["type"]
    org_ties = ties[(ties["source"].map(type_of) == "ORG") & (ties["target"].map(type_of) == "ORG")]
    tied = set(org_ties["source"]) | set(org_ties["target"])
    # the rule: no organization with ties left out is mentioned more than one drawn
    left_out = tied - set(shown)
    if left_out:
        assert entities.loc[list(left_out), "mentions"].max() <= entities.loc[list(shown), "mentions"].min()
    assert ties_of(figure) <= {tuple(sorted(p)) for p in zip(org_ties["source"], org_ties["target"])}


def test_fewer_nodes_and_a_higher_minimum_weight_draw_less(open_app):
    app = open_app(NETWORK)
    full = network(app)
    app.select_slider(key="ng.network.nodes").set_value(10).run()
    no_errors(app)
    assert len(nodes(network(app))) <= 10 < len(nodes(full))
    assert app.query_params["nodes"] == "10"
    app.number_input(key="ng.network.min_weight").set_value(3).run()
    heavier = network(app)
    assert len(ties_of(heavier)) < len(ties_of(full))
    assert "weight ≥ 3" in figure_caption(heavier)


def test_showing_people_and_places_adds_their_nodes(open_app):
    app = open_app(NETWORK)
    app.multiselect(key="ng.network.show").set_value(["ORG", "PERSON", "GPE"]).run()
    no_errors(app)
    kinds = set(nodes(network(app)).values())
    assert {"Organization", "Country or city"} <= kinds
    assert app.query_params["show"] == ["ORG", "PERSON", "GPE"]


def test_an_actor_filter_focuses_the_network_on_its_neighbourhood(open_app, store):
    with store.read() as con:
        orgs = queries.top_entities(con, limit=50)
    actor, name = next((r.id, r.name) for r in orgs.itertuples() if r.type == "ORG")
    app = open_app(NETWORK)
    app.sidebar.multiselect(key="ng.filter.actors").set_value([actor]).run()
    no_errors(app)
    figure = network(app)
    assert figure_title(figure).startswith(f"Around {name}")
    shown = set(nodes(figure))
    assert actor in shown
    neighbours = {b if a == actor else a for a, b in ties_of(figure) if actor in (a, b)}
    assert shown == neighbours | {actor}  # depth 1: the actor and its direct ties
    app.selectbox(key="ng.network.depth").set_value(2).run()
    assert set(nodes(network(app))) >= shown


def test_picking_a_node_opens_its_card_with_evidence_and_filters_the_app(open_app):
    app = open_app(NETWORK)
    figure = network(app)
    node = next(iter(nodes(figure)))
    app.selectbox(key="ng.network.node").set_value(node).run()
    no_errors(app)
    assert app.query_params["node"] == node
    evidence = [body for body in html_of(app) if body.startswith("<div class=\"ng-evidence")]
    assert evidence and all("<mark>" in body for body in evidence)
    button = next(b for b in app.button if b.label.startswith("Filter the whole app by"))
    button.click().run()
    assert app.session_state["ng.filters"].actors == (node,)
    assert app.query_params["actor"] == node


def test_view_settings_come_back_from_the_url(open_app):
    app = open_app(NETWORK, params={"nodes": "20", "min_weight": "2", "colour": "community", "stable": "0"})
    no_errors(app)
    assert app.select_slider(key="ng.network.nodes").value == 20
    assert app.number_input(key="ng.network.min_weight").value == 2
    assert app.toggle(key="ng.network.stable").value is False
    assert "colour = community" in figure_caption(network(app))


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="image export needs Chromium")
def test_the_downloads_are_offered(open_app, monkeypatch):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    app = open_app(NETWORK)
    labels = {b.proto.label for b in app.get("download_button")}
    assert {"Ties (CSV)", "Nodes (CSV)", "GraphML", "PNG (slide size)", "SVG (slide size)"} <= labels


def test_without_chromium_the_image_buttons_say_so(open_app, monkeypatch, tmp_path):
    from components import charts

    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(charts, "CHROMIUM", tmp_path / "no-chromium")
    app = open_app(NETWORK)
    no_errors(app)
    disabled = [b for b in app.button if b.label in ("PNG needs Chromium", "SVG needs Chromium")]
    assert len(disabled) == 2 and all(b.disabled for b in disabled)
    assert "Ties (CSV)" in {b.proto.label for b in app.get("download_button")}


def test_an_impossible_view_says_why_and_how_to_widen_it(open_app):
    app = open_app(NETWORK, params={"min_weight": "50"})
    no_errors(app)
    assert not figures(app)
    message = messages(app.info)
    assert "No ties among organizations with a weight of at least 50" in message
    assert "lower the minimum tie weight" in message.lower()


def test_an_empty_store_says_so(open_app, empty_db):
    app = open_app(NETWORK, db=empty_db)
    no_errors(app)
    assert any("no articles yet" in i.value for i in app.info)
