"""The Overview (app.py) in AppTest: counts, the connected actors, the latest items, the first-run build."""

from __future__ import annotations

from datetime import date

from newsgraph import queries
from newsgraph.filters import Filters
from tests.pages.conftest import figure_caption, figure_title, figures, messages, no_errors


def metrics(app) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def test_the_overview_counts_what_the_store_holds(open_app, store):
    app = open_app()
    no_errors(app)
    with store.read() as con:
        counts = queries.counts(con, Filters())
    shown = metrics(app)
    for label, key in (("Articles", "articles"), ("Actors", "actors"), ("Events", "events"), ("Quotes", "quotes")):
        assert shown[label] == f"{counts[key]:,}"
    assert app.title[0].value == "Newsgraph"
    assert "en_core_web_sm" in messages(app.caption)  # which model built the store


def test_the_most_connected_actors_chart_ranks_by_partners(open_app, store):
    app = open_app()
    chart = next(f for f in figures(app) if figure_title(f) == "Most connected actors")
    assert "Source: 29 articles" in figure_caption(chart)
    bars = {c[1]: x for trace in chart["data"] for c, x in zip(trace["customdata"], trace["x"])}
    with store.read() as con:
        ties = queries.ties(con, Filters())
    partners: dict[str, set] = {}
    for a, b in zip(ties["source"], ties["target"]):
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    assert all(bars[actor] == len(partners[actor]) for actor in bars)
    assert max(bars.values()) == max(len(p) for p in partners.values())


def test_an_actor_filter_changes_every_count(open_app, store):
    with store.read() as con:
        top = queries.top_entities(con, limit=5)
    actor = top["id"].iloc[0]
    app = open_app()
    before = metrics(app)
    app.sidebar.multiselect(key="ng.filter.actors").set_value([actor]).run()
    no_errors(app)
    after = metrics(app)
    with store.read() as con:
        expected = queries.counts(con, Filters(actors=(actor,)))
    assert after["Articles"] == f"{expected['articles']:,}" and after["Articles"] != before["Articles"]
    assert after["Quotes"] == f"{expected['quotes']:,}"
    assert app.query_params["actor"] == actor


def test_a_date_range_from_the_url_narrows_the_span(open_app, store):
    app = open_app(params={"from": "2024-01-01", "to": "2024-12-31"})
    no_errors(app)
    with store.read() as con:
        summary = queries.summary(con, Filters(date_from=date(2024, 1, 1), date_to=date(2024, 12, 31)))
    assert metrics(app)["Articles"] == f"{summary['articles']:,}"
    assert metrics(app)["Published"] == "2024–2024"
    assert "Between 2024-01-01 and 2024-12-31" in messages(app.caption)


def test_latest_events_stop_at_the_newest_article(open_app, store):
    app = open_app()
    with store.read() as con:
        newest = queries.summary(con, Filters())["last"]
    labels = [e.label for e in app.expander]
    event_years = [int(label[:4]) for label in labels if label[:4].isdigit()]
    assert event_years and max(event_years) <= newest.year


def test_links_into_the_other_pages_carry_the_filters(open_app, store):
    with store.read() as con:
        actor = queries.top_entities(con, limit=1)["id"].iloc[0]
    app = open_app(params={"actor": actor})
    links = [link for link in app.get("page_link") if "Open the" in link.proto.label or "Browse" in link.proto.label]
    assert len(links) == 3
    assert all(f"actor={actor}" in link.proto.query_string for link in links)


def test_an_unknown_actor_in_a_link_is_said_and_dropped(open_app):
    app = open_app(params={"actor": "no-such-actor-xyz"})
    no_errors(app)
    assert "no-such-actor-xyz" in messages(app.sidebar.warning)
    assert "actor" not in app.query_params


def test_an_empty_store_says_so(open_app, empty_db):
    app = open_app(db=empty_db)
    no_errors(app)
    assert any("no articles yet" in i.value for i in app.info)


def test_a_missing_store_is_built_from_the_articles_folder(open_app, monkeypatch, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "summit.txt").write_text(
        "African Union leaders meet in Addis Ababa\n\n"
        "Date of publication: 12 February 2024\n\n"
        "Heads of state of the African Union met in Addis Ababa on Saturday. "
        "ECOWAS and the African Union signed an agreement on regional security.\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("NEWSGRAPH_ARTICLES", str(folder))
    db = tmp_path / "new" / "newsgraph.duckdb"
    app = open_app(db=db)
    no_errors(app)
    assert db.exists()
    assert [p.proto.text for p in app.get("progress")] == ["Done: 1 article added to newsgraph.duckdb"]
    assert metrics(app)["Articles"] == "1"
