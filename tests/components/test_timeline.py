from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.timeline import (
    ALL_LANE,
    OTHER_LANE,
    as_date,
    bucket_end,
    bucket_start,
    choose_bucket,
    choose_lanes,
    count_band,
    event_label,
    events_table,
    lane_rows,
    timeline_figure,
    wrap_words,
)

NAMES = {"au": ("African Union", "ORG"), "ecowas": ("ECOWAS", "ORG"), "faki": ("Moussa Faki", "PERSON"), "mali": ("Mali", "GPE")}


def event(eid, day, end, precision, actors, summary="Leaders met"):
    return {
        "id": eid, "article_id": f"a-{eid}", "date": day, "date_start": pd.Timestamp(day if len(day) == 10 else day + ("-01" if len(day) == 7 else "-01-01")),
        "date_end": pd.Timestamp(end), "precision": precision, "date_text": day, "summary": summary,
        "sentence": f"{summary}.", "sentence_start": 0, "sentence_end": len(summary) + 1,
        "article_title": "Summit report", "published": pd.Timestamp("2023-01-10"), "article_source": "https://news.example/x",
        "actors": list(actors), "actor_names": [NAMES[a][0] for a in actors],
    }


EVENTS = pd.DataFrame([
    event("e1", "2022-03-15", "2022-03-15", "day", ["au", "ecowas"]),
    event("e2", "2022-03", "2022-03-31", "month", ["au"]),
    event("e3", "2021", "2021-12-31", "year", ["ecowas"]),
    event("e4", "2023-01-09", "2023-01-09", "day", ["faki", "au"]),
    event("e5", "2020-07-01", "2020-07-01", "day", []),
    event("e6", "2022-11", "2022-11-30", "month", ["mali"]),
])


def test_lanes_are_the_actors_in_most_events_then_the_rest():
    lanes = choose_lanes(EVENTS, NAMES, by_actor=True, count=2)
    assert [lane.key for lane in lanes] == ["au", "ecowas", OTHER_LANE]
    assert [lane.events for lane in lanes] == [3, 2, 2]  # e5 and e6 are in no chosen lane
    assert lanes[0].label == "African Union" and lanes[0].type == "ORG"


def test_focus_actors_lead_the_lanes():
    lanes = choose_lanes(EVENTS, NAMES, by_actor=True, count=2, focus=("mali",))
    assert [lane.key for lane in lanes][:2] == ["mali", "au"]


def test_one_lane_holds_every_event():
    lanes = choose_lanes(EVENTS, NAMES, by_actor=False)
    rows = lane_rows(EVENTS, lanes)
    assert [lane.key for lane in lanes] == [ALL_LANE]
    assert sorted(rows["id"]) == sorted(EVENTS["id"])


def test_an_event_appears_in_the_lane_of_each_of_its_actors():
    lanes = choose_lanes(EVENTS, NAMES, by_actor=True, count=3)
    rows = lane_rows(EVENTS, lanes)
    assert sorted(rows.loc[rows["id"] == "e1", "lane"]) == ["au", "ecowas"]
    assert list(rows.loc[rows["id"] == "e5", "lane"]) == [OTHER_LANE]
    # lane i sits around y = -i
    for lane_index, lane in enumerate(lanes):
        ys = rows.loc[rows["lane"] == lane.key, "y"]
        assert ((ys > -lane_index - 0.5) & (ys < -lane_index + 0.5)).all()


@pytest.mark.parametrize(
    "first, last, bucket",
    [
        (date(2015, 1, 1), date(2025, 1, 1), "year"),
        (date(2022, 1, 1), date(2023, 6, 1), "month"),
        (date(2022, 3, 1), date(2022, 5, 1), "day"),
        (None, None, "year"),
    ],
)
def test_choose_bucket(first, last, bucket):
    assert choose_bucket(first, last) == bucket


@pytest.mark.parametrize(
    "day, bucket, start, end",
    [
        (date(2024, 2, 10), "month", date(2024, 2, 1), date(2024, 2, 29)),
        (date(2023, 12, 31), "month", date(2023, 12, 1), date(2023, 12, 31)),
        (date(2023, 6, 5), "year", date(2023, 1, 1), date(2023, 12, 31)),
        (date(2023, 6, 5), "day", date(2023, 6, 5), date(2023, 6, 5)),
    ],
)
def test_buckets(day, bucket, start, end):
    assert bucket_start(day, bucket) == start
    assert bucket_end(start, bucket) == end


def test_the_band_counts_events_where_they_start():
    band = count_band(EVENTS, "year")
    assert dict(zip(band["start"], band["events"])) == {date(2020, 1, 1): 1, date(2021, 1, 1): 1, date(2022, 1, 1): 3, date(2023, 1, 1): 1}


def traces_of(fig, kind):
    return [t for t in fig.data if t.customdata is not None and t.type == kind]


def test_events_are_drawn_at_their_precision():
    lanes = choose_lanes(EVENTS, NAMES, by_actor=False)
    fig = timeline_figure(lane_rows(EVENTS, lanes), lanes, count_band(EVENTS, "year"), bucket="year")
    go.Figure(fig.to_dict())  # valid plotly
    days = traces_of(fig, "scatter")[0]
    assert sorted(days.x) == ["2020-07-01", "2022-03-15", "2023-01-09"]
    bars = traces_of(fig, "bar")
    spans = {c[1]: (base, width) for t in bars for c, base, width in zip(t.customdata, t.base, t.x)}
    # a month spans its whole month, a year its whole year: never a made-up day
    assert spans["e2"] == ("2022-03-01", timedelta(days=31).total_seconds() * 1000)
    assert spans["e3"] == ("2021-01-01", timedelta(days=365).total_seconds() * 1000)
    assert spans["e6"] == ("2022-11-01", timedelta(days=30).total_seconds() * 1000)
    band = [t for t in fig.data if t.yaxis == "y2"][0]
    assert sum(band.y) == len(EVENTS)


def test_lane_mode_shapes_points_by_the_lane_actors_type():
    lanes = choose_lanes(EVENTS, NAMES, by_actor=True, count=3)
    fig = timeline_figure(lane_rows(EVENTS, lanes), lanes, count_band(EVENTS, "year"), bucket="year")
    days = next(t for t in traces_of(fig, "scatter") if t.name == "Exact day")
    symbols = dict(zip((c[1] for c in days.customdata), days.marker.symbol))
    assert symbols["e4"] in {"circle", "diamond"}  # an organization lane and a person lane
    assert "diamond" in days.marker.symbol
    labels = list(fig.layout.yaxis.ticktext)
    assert labels[0].startswith("African Union (3)")


def test_hover_text_is_escaped_and_wrapped():
    hostile = EVENTS.assign(summary=["<img src=x onerror=alert(1)> met " + "word " * 40] * len(EVENTS))
    lanes = choose_lanes(hostile, NAMES, by_actor=False)
    fig = timeline_figure(lane_rows(hostile, lanes), lanes, count_band(hostile, "year"), bucket="year")
    hover = traces_of(fig, "scatter")[0].hovertext[0]
    assert "<img" not in hover and "&lt;img" in hover and hover.count("<br>") >= 3


@pytest.mark.parametrize("text, width, lines", [("", 10, 0), ("one two three", 20, 1), ("aaa bbb ccc ddd", 7, 2)])
def test_wrap_words(text, width, lines):
    assert len(wrap_words(text, width)) == lines


def test_events_table_has_one_row_per_event_with_actor_names():
    table = events_table(EVENTS)
    assert len(table) == len(EVENTS)
    assert table.loc[table["id"] == "e1", "actors"].item() == "African Union, ECOWAS"
    assert as_date(table["published"].iloc[0]) == date(2023, 1, 10)


def test_in_one_lane_few_events_carry_their_summary_and_many_do_not():
    named = EVENTS.assign(summary=[f"Event {i} <b>happens</b>" for i in range(len(EVENTS))])
    lanes = choose_lanes(named, NAMES, by_actor=False)
    fig = timeline_figure(lane_rows(named, lanes), lanes, count_band(named, "year"), bucket="year")
    go.Figure(fig.to_dict())  # valid plotly
    labels = next(t for t in fig.data if t.name == "Event labels")
    assert sorted(labels.text) == sorted(f"Event {i} &lt;b&gt;happens&lt;/b&gt;" for i in range(len(EVENTS)))
    at = dict(zip(labels.text, zip(labels.x, labels.y)))
    assert at["Event 1 &lt;b&gt;happens&lt;/b&gt;"][0] == "2022-03-16"  # a month labelled at mid-month
    assert min(labels.y) > max(lane_rows(named, lanes)["y"])  # above every point
    crowded = timeline_figure(lane_rows(named, lanes), lanes, count_band(named, "year"), bucket="year", labels=5)
    assert not [t for t in crowded.data if t.name == "Event labels"]
    by_actor = choose_lanes(named, NAMES, by_actor=True, count=3)
    lanes_fig = timeline_figure(lane_rows(named, by_actor), by_actor, count_band(named, "year"), bucket="year")
    assert not [t for t in lanes_fig.data if t.name == "Event labels"]  # thin lanes: hover only


def test_labels_that_would_overlap_stack_up_and_the_rest_are_left_to_the_hover():
    close = pd.DataFrame([
        event(f"c{i}", f"2022-03-{10 + i:02d}", f"2022-03-{10 + i:02d}", "day", ["au"], summary=f"Meeting number {i} held")
        for i in range(6)
    ] + [event("far", "2024-06-01", "2024-06-01", "day", ["au"], summary="Far away meeting")])
    lanes = choose_lanes(close, NAMES, by_actor=False)
    fig = timeline_figure(lane_rows(close, lanes), lanes, count_band(close, "year"), bucket="year")
    labels = next(t for t in fig.data if t.name == "Event labels")
    levels = dict(zip(labels.text, labels.y))
    assert [levels.get(f"Meeting number {i} held") for i in range(6)][:4] == sorted(set(levels.values()))[:4]
    assert len({levels[f"Meeting number {i} held"] for i in range(4)}) == 4  # one row each
    assert "Meeting number 4 held" not in levels and "Meeting number 5 held" not in levels  # no room: hover
    assert levels["Far away meeting"] == min(levels.values())  # room in the first row
    sides = dict(zip(labels.text, labels.textposition))
    assert sides["Meeting number 0 held"] == "middle right"  # at the left edge: it starts at its point
    assert sides["Far away meeting"] == "middle left"  # at the right edge: it ends there


@pytest.mark.parametrize(
    ("summary", "label"),
    [
        ("SCO and CSTO sign memorandum", "SCO and CSTO sign memorandum"),
        ("Secretariats of the two organizations sign a memorandum of cooperation on security",
         "Secretariats of the two organizations sign…"),
        ("  spaced\n summary ", "spaced summary"),
    ],
)
def test_event_label(summary, label):
    assert event_label(summary) == label
