"""The filters every page shares: in the URL, carried across pages, cleared in one click."""

from __future__ import annotations

from newsgraph import queries
from newsgraph.filters import Filters
from tests.pages.conftest import NETWORK, QUOTES, TIMELINE, figure_caption, figures, no_errors


def top_actor(store) -> tuple[str, str]:
    with store.read() as con:
        top = queries.top_entities(con, limit=1)
    return top["id"].iloc[0], top["name"].iloc[0]


def test_a_filter_set_on_one_page_holds_on_the_next_even_without_the_query(open_app, store):
    actor, name = top_actor(store)
    app = open_app()
    app.sidebar.multiselect(key="ng.filter.actors").set_value([actor]).run()
    app.sidebar.date_input(key="ng.filter.from").set_value("2020-01-01").run()
    assert app.query_params == {"actor": actor, "from": "2020-01-01"}
    for page in (NETWORK, TIMELINE, QUOTES):
        app.query_params.clear()  # a page switch that drops the query string
        app.switch_page(page).run()
        no_errors(app)
        assert app.sidebar.multiselect(key="ng.filter.actors").value == [actor]
        assert str(app.sidebar.date_input(key="ng.filter.from").value) == "2020-01-01"
        assert app.query_params["actor"] == actor  # written back to the URL on every page
        if figures(app):
            assert f"Actors: {name}" in figure_caption(figures(app)[0])


def test_a_link_with_other_filters_wins_over_the_session(open_app, store):
    actor, _ = top_actor(store)
    app = open_app()
    app.sidebar.multiselect(key="ng.filter.actors").set_value([actor]).run()
    app.query_params.clear()
    app.query_params["type"] = "GPE"
    app.switch_page(TIMELINE).run()
    assert app.session_state["ng.filters"] == Filters(types=("GPE",))
    assert app.sidebar.multiselect(key="ng.filter.actors").value == []


def test_clear_filters_empties_them_everywhere(open_app, store):
    actor, _ = top_actor(store)
    app = open_app(NETWORK, params={"actor": actor, "type": "ORG", "to": "2024-12-31"})
    clear = app.sidebar.button(key="ng.filter.clear")
    assert not clear.disabled
    clear.click().run()
    no_errors(app)
    assert app.session_state["ng.filters"] == Filters()
    assert not {"actor", "type", "to"} & set(app.query_params)
    assert app.sidebar.multiselect(key="ng.filter.actors").value == []
    assert app.sidebar.button(key="ng.filter.clear").disabled


def test_reversed_dates_in_the_widgets_are_swapped(open_app):
    app = open_app()
    app.sidebar.date_input(key="ng.filter.from").set_value("2024-06-01").run()
    app.sidebar.date_input(key="ng.filter.to").set_value("2023-01-01").run()
    filters = app.session_state["ng.filters"]
    assert (str(filters.date_from), str(filters.date_to)) == ("2023-01-01", "2024-06-01")


def test_entity_types_filter_the_actors_counted(open_app, store):
    app = open_app(params={"type": "PERSON"})
    no_errors(app)
    with store.read() as con:
        expected = queries.counts(con, Filters(types=("PERSON",)))["actors"]
    assert {m.label: m.value for m in app.metric}["Actors"] == f"{expected:,}"
