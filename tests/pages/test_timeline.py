"""The Timeline page in AppTest: events at their precision, lanes, evidence, the table."""

from __future__ import annotations

import html
from datetime import date

import pandas as pd

from newsgraph import queries
from newsgraph.filters import Filters
from tests.pages.conftest import TIMELINE, figure_caption, figure_title, figures, html_of, messages, no_errors


def table(app) -> pd.DataFrame:
    return app.dataframe[0].value


def rows_of(frame: pd.DataFrame) -> list[tuple]:
    return sorted(zip(frame["date"], frame["summary"], frame["article_title"]))


def drawn_ids(figure) -> set[str]:
    return {c[1] for trace in figure["data"] for c in trace.get("customdata") or [] if c[0] == "event"}


def test_the_timeline_draws_every_event_and_lists_them(open_app, store):
    app = open_app(TIMELINE)
    no_errors(app)
    with store.read() as con:
        events = queries.events(con, Filters())
    figure = figures(app)[0]
    assert figure_title(figure) == "Events in the news, by date"
    assert drawn_ids(figure) == set(events["id"])
    assert rows_of(table(app)) == rows_of(events)
    assert f"{len(events):,} events" in figure_caption(figure)


def test_months_and_years_are_spans_and_days_are_points(open_app, store):
    app = open_app(TIMELINE)
    figure = figures(app)[0]
    with store.read() as con:
        precision = dict(zip(*[queries.events(con, Filters())[c] for c in ("id", "precision")]))
    for trace in figure["data"]:
        ids = [c[1] for c in trace.get("customdata") or [] if c[0] == "event"]
        if trace["type"] == "bar":
            assert {precision[i] for i in ids} <= {"month", "year"}
        elif ids and trace["name"] == "Exact day":
            assert {precision[i] for i in ids} == {"day"}


def test_precision_pills_narrow_the_events(open_app):
    app = open_app(TIMELINE)
    app.pills(key="ng.timeline.precision").set_value(["day"]).run()
    no_errors(app)
    assert set(table(app)["precision"]) == {"day"}
    assert app.query_params["precision"] == "day"


def test_a_date_range_keeps_the_events_that_overlap_it(open_app, store):
    app = open_app(TIMELINE, params={"from": "2022-01-01", "to": "2022-12-31"})
    no_errors(app)
    with store.read() as con:
        expected = queries.events(con, Filters(date_from=date(2022, 1, 1), date_to=date(2022, 12, 31)))
    assert rows_of(table(app)) == rows_of(expected)
    assert all(start <= pd.Timestamp("2022-12-31") and end >= pd.Timestamp("2022-01-01")
               for start, end in zip(expected["date_start"], expected["date_end"]))


def test_an_actor_takes_the_first_lane(open_app, store):
    with store.read() as con:
        events = queries.events(con, Filters())
    actor = events["actors"].explode().dropna().value_counts().index[0]
    app = open_app(TIMELINE, params={"actor": actor})
    no_errors(app)
    figure = figures(app)[0]
    with store.read() as con:
        name = queries.entity_names(con, [actor])["name"].iloc[0]
    assert figure_title(figure) == f"Events involving {name}"
    assert figure["layout"]["yaxis"]["ticktext"][0].startswith(name)
    app.segmented_control(key="ng.timeline.lanes").set_value("one").run()
    assert [t.split(" (")[0] for t in figures(app)[0]["layout"]["yaxis"]["ticktext"]] == ["All events"]


def test_picking_an_event_shows_its_sentence_highlighted(open_app, store):
    app = open_app(TIMELINE)
    event_id = sorted(drawn_ids(figures(app)[0]))[0]
    app.selectbox(key="ng.timeline.event").set_value(event_id).run()
    no_errors(app)
    cards = [b for b in html_of(app) if b.startswith('<div class="ng-evidence')]
    assert len(cards) == 1 and "<mark>" in cards[0]
    with store.read() as con:
        row = queries.events(con, Filters()).set_index("id").loc[event_id]
    if row["date_text"] in row["sentence"]:  # the words that date it are in bold
        assert f"<b>{html.escape(row['date_text'])}</b>" in cards[0]


def test_no_events_says_why(open_app):
    app = open_app(TIMELINE, params={"from": "1800-01-01", "to": "1800-12-31"})
    no_errors(app)
    assert not figures(app)
    message = messages(app.info)
    assert "No events between 1800-01-01 and 1800-12-31" in message and "clear the date range" in message.lower()


def test_an_empty_store_says_so(open_app, empty_db):
    app = open_app(TIMELINE, db=empty_db)
    no_errors(app)
    assert any("no articles yet" in i.value for i in app.info)
