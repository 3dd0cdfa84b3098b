"""The event timeline: events at their precision, in lanes, over a band of counts. Pure builders.

A day is a dot at that day; a month or a year is a bar from its first to its last day, because the
text said no more than that (drawing "2022" as 1 January would invent a date).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from components.style import INK, MUTED, type_label, type_style

OTHER_LANE = "Other events"
ALL_LANE = "All events"
NEUTRAL = "#3d5a80"
MAX_DRAWN = 1500
LABELLED_EVENTS = 30  # up to this many events on the chart carry their summary, where it fits
LABEL_CHARACTERS = 42
LABEL_PLOT_PX = 900  # the time axis's width on screen and on a slide, lane names aside
LABEL_PX_PER_CHARACTER = 6.6  # 12 px text
LABEL_ROWS, LABEL_STEP = 4, 0.08  # rows of labels above the band of points (in lane heights)
_OFFSETS = (0.0, 0.2, -0.2, 0.1, -0.1, 0.3, -0.3)  # spread events of one lane so equal dates do not hide
LABEL_BASE = max(_OFFSETS) + 0.1  # the first row of event labels, just above the points


@dataclass(frozen=True)
class Lane:
    key: str  # entity id, or OTHER_LANE / ALL_LANE
    label: str
    type: str | None
    events: int


def as_date(value) -> date | None:
    if value is None:
        return None
    try:
        if value != value:  # NaT
            return None
    except TypeError:
        pass
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def choose_lanes(
    events: pd.DataFrame,
    entities: Mapping[str, tuple[str, str]],
    *,
    by_actor: bool,
    count: int = 10,
    focus: Sequence[str] = (),
) -> list[Lane]:
    """The lanes to draw: one for everything, or the focus actors then the actors in most events."""
    if not by_actor:
        return [Lane(ALL_LANE, ALL_LANE, None, len(events))]
    exploded = events["actors"].explode().dropna()  # index: the event's row; actors are distinct per event
    per_actor = exploded.value_counts()
    focus_found = [a for a in focus if a in per_actor.index]
    order = pd.DataFrame({"actor": per_actor.index, "events": per_actor.to_numpy()})
    order = order.sort_values(["events", "actor"], ascending=[False, True])  # ties broken by id: stable lanes
    ranked = [a for a in order["actor"].head(count + len(focus)) if a not in focus]
    chosen = (focus_found + ranked)[: max(count, len(focus_found))]
    lanes = [Lane(a, entities.get(a, (a, None))[0], entities.get(a, (a, None))[1], int(per_actor[a])) for a in chosen]
    in_lanes = set(exploded[exploded.isin(chosen)].index)
    others = len(events) - len(in_lanes)
    if others:
        lanes.append(Lane(OTHER_LANE, OTHER_LANE, None, others))
    return lanes


def lane_rows(events: pd.DataFrame, lanes: Sequence[Lane]) -> pd.DataFrame:
    """One row per (event, lane) with y = lane position plus a small offset; ALL_LANE takes every event."""
    columns = list(events.columns) + ["lane", "lane_type", "y"]
    if events.empty or not lanes:
        return pd.DataFrame(columns=columns)
    index = {lane.key: i for i, lane in enumerate(lanes)}
    if lanes[0].key == ALL_LANE:
        rows = events.assign(lane=ALL_LANE)
    else:
        lane_of = events["actors"].explode()
        lane_of = lane_of[lane_of.isin(index)]
        rows = events.loc[lane_of.index].assign(lane=lane_of.to_numpy())
        if OTHER_LANE in index:
            rest = events.loc[~events.index.isin(lane_of.index)].assign(lane=OTHER_LANE)
            rows = pd.concat([rows, rest])
    types = {lane.key: lane.type for lane in lanes}
    rows = rows.sort_values(["lane", "date_start", "id"], kind="stable").reset_index(drop=True)
    rank = rows.groupby("lane").cumcount().to_numpy() % len(_OFFSETS)
    rows["lane_type"] = rows["lane"].map(types)
    rows["y"] = -rows["lane"].map(index).astype(float) + pd.Series(_OFFSETS).to_numpy()[rank]
    return rows[columns]


def choose_bucket(first: date | None, last: date | None) -> str:
    """Years for spans over six years, months for spans over eight months, else days."""
    if not first or not last:
        return "year"
    days = (last - first).days
    if days > 6 * 366:
        return "year"
    if days > 8 * 31:
        return "month"
    return "day"


def bucket_start(day: date, bucket: str) -> date:
    if bucket == "year":
        return date(day.year, 1, 1)
    if bucket == "month":
        return date(day.year, day.month, 1)
    return day


def bucket_end(start: date, bucket: str) -> date:
    if bucket == "year":
        return date(start.year, 12, 31)
    if bucket == "month":
        following = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return start


def count_band(events: pd.DataFrame, bucket: str) -> pd.DataFrame:
    """Events per year/month/day, counted where each event starts."""
    if events.empty:
        return pd.DataFrame(columns=["start", "end", "events"])
    starts = [bucket_start(as_date(d), bucket) for d in events["date_start"]]
    counted = pd.Series(starts).value_counts().sort_index()
    return pd.DataFrame(
        {"start": list(counted.index), "end": [bucket_end(s, bucket) for s in counted.index], "events": counted.to_numpy()}
    )


def wrap_words(text: str, width: int = 70, *, lines: int = 5) -> list[str]:
    """Greedy word wrap; a cheap textwrap for hover text on thousands of points."""
    out: list[str] = []
    current = ""
    for word in (text or "").split():
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            if len(out) == lines:
                return out[:-1] + [out[-1] + " …"]
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        out.append(current)
    return out


def event_hover(row) -> str:
    actors = ", ".join(row.actor_names) if len(row.actor_names) else "no actor found"
    summary = "<br>".join(html.escape(line) for line in wrap_words(str(row.summary or "")))
    return (
        f"<b>{html.escape(str(row.date))}</b> ({html.escape(str(row.precision))}) · “{html.escape(str(row.date_text))}”"
        f"<br>{summary}<br><span style='color:{MUTED}'>{html.escape(actors)}</span>"
        f"<br><i>{html.escape(str(row.article_title or 'Untitled'))}</i> · click for evidence"
    )


def event_label(summary: str, limit: int = LABEL_CHARACTERS) -> str:
    """A summary short enough to sit next to its point on a slide, cut at a word."""
    text = " ".join(str(summary or "").split())
    if len(text) <= limit:
        return text
    return (text[:limit + 1].rsplit(" ", 1)[0] or text[:limit]).rstrip(",;:") + "…"


def _label_traces(rows: pd.DataFrame, limit: int, *, plot_px: int = LABEL_PLOT_PX) -> list[dict]:
    """With few events in one lane, each carries its summary above the lane, so that a screenshot
    reads without hovering: in the lowest row of labels where it overlaps no other (rows stack up
    to ``LABEL_ROWS``; a label that fits nowhere is left to the hover)."""
    events = rows.drop_duplicates("id").sort_values(["date_start", "id"])
    if events.empty or len(events) > limit:
        return []
    first_day = min(as_date(d) for d in rows["date_start"])
    last_day = max(as_date(d) for d in rows["date_end"])
    px_per_day = plot_px / max((last_day - first_day).days, 1)
    taken: list[list[tuple[float, float]]] = [[] for _ in range(LABEL_ROWS)]
    xs, ys, texts, positions = [], [], [], []
    leader_x: list[str | None] = []  # a faint line from each label down to its point
    leader_y: list[float | None] = []
    for row in events.itertuples():
        start, end = as_date(row.date_start), as_date(row.date_end) + timedelta(days=1)
        middle = start + (end - start) / 2
        text = event_label(row.summary)
        centre = (middle - first_day).days * px_per_day
        width = LABEL_PX_PER_CHARACTER * len(text) + 12
        # centred on its point, or ending (starting) there near the right (left) edge of the chart
        if centre + width / 2 > plot_px:
            box, position = (centre - width, centre), "middle left"
        elif centre - width / 2 < 0:
            box, position = (centre, centre + width), "middle right"
        else:
            box, position = (centre - width / 2, centre + width / 2), "middle center"
        for level, boxes in enumerate(taken):
            if all(box[1] <= other[0] or other[1] <= box[0] for other in boxes):
                boxes.append(box)
                xs.append(middle.isoformat())
                ys.append(LABEL_BASE + LABEL_STEP * level)
                texts.append(html.escape(text, quote=False))
                positions.append(position)
                leader_x += [middle.isoformat(), middle.isoformat(), None]
                leader_y += [float(row.y), ys[-1] - LABEL_STEP / 3, None]
                break
    if not texts:
        return []
    return [{
        "type": "scatter", "xaxis": "x", "yaxis": "y", "mode": "lines", "name": "Label leaders", "showlegend": False,
        "x": leader_x, "y": leader_y, "hoverinfo": "skip", "line": {"width": 1, "color": "#c8c8c8"},
    }, {
        "type": "scatter", "xaxis": "x", "yaxis": "y", "mode": "text", "name": "Event labels", "showlegend": False,
        "x": xs, "y": ys, "text": texts, "textposition": positions, "hoverinfo": "skip",
        "textfont": {"size": 12, "color": INK}, "cliponaxis": False,
    }]


def timeline_figure(
    rows: pd.DataFrame, lanes: Sequence[Lane], band: pd.DataFrame, *, bucket: str, labels: int = LABELLED_EVENTS
) -> go.Figure:
    """Lanes of events (dots for days, bars for months and years) over a band of counts; in one lane
    with at most ``labels`` events, each with its summary written above it.

    Built as plain dicts and wrapped unvalidated: validating thousands of points costs more than a
    page may take (tests validate the figures instead).
    """
    single = len(lanes) == 1 and lanes[0].key == ALL_LANE
    colour = lambda code: NEUTRAL if single else type_style(code).colour  # noqa: E731
    traces: list[dict] = []

    days = rows[rows["precision"] == "day"]
    if len(days):
        types = list(days["lane_type"])
        traces.append({
            "type": "scatter", "xaxis": "x", "yaxis": "y", "mode": "markers", "name": "Exact day", "showlegend": False,
            "x": [as_date(d).isoformat() for d in days["date_start"]], "y": list(days["y"]),
            "marker": {"size": 11, "color": [colour(t) for t in types],
                       "symbol": ["circle" if single else type_style(t).symbol for t in types],
                       "line": {"width": 1, "color": "white"}},
            "hovertext": [event_hover(r) for r in days.itertuples()], "hoverinfo": "text",
            "customdata": [["event", i] for i in days["id"]],
            "selected": {"marker": {"opacity": 1}}, "unselected": {"marker": {"opacity": 1}},
        })
    for precision, opacity in (("month", 0.75), ("year", 0.4)):
        spans = rows[rows["precision"] == precision]
        if not len(spans):
            continue
        starts = [as_date(d) for d in spans["date_start"]]
        ends = [as_date(d) + timedelta(days=1) for d in spans["date_end"]]
        types = list(spans["lane_type"])
        hover = [event_hover(r) for r in spans.itertuples()]
        custom = [["event", i] for i in spans["id"]]
        traces.append({
            "type": "bar", "xaxis": "x", "yaxis": "y", "orientation": "h", "width": 0.14, "name": precision.title(),
            "showlegend": False, "base": [d.isoformat() for d in starts],
            "x": [(e - s).total_seconds() * 1000 for s, e in zip(starts, ends)], "y": list(spans["y"]),
            "marker": {"color": [colour(t) for t in types], "opacity": opacity, "line": {"width": 0}},
            "hovertext": hover, "hoverinfo": "text", "customdata": custom,
            "selected": {"marker": {"opacity": opacity}}, "unselected": {"marker": {"opacity": opacity}},
        })
        if precision == "month":
            # a month is a sliver at a scale of decades: an open marker at mid-month keeps it visible
            traces.append({
                "type": "scatter", "xaxis": "x", "yaxis": "y", "mode": "markers", "name": "Month", "showlegend": False,
                "x": [(s + (e - s) / 2).isoformat() for s, e in zip(starts, ends)], "y": list(spans["y"]),
                "marker": {"size": 10, "color": [colour(t) for t in types],
                           "symbol": [("circle" if single else type_style(t).symbol) + "-open" for t in types],
                           "line": {"width": 2}},
                "hovertext": hover, "hoverinfo": "text", "customdata": custom,
                "selected": {"marker": {"opacity": 1}}, "unselected": {"marker": {"opacity": 1}},
            })
    label_traces = _label_traces(rows, labels) if single else []  # one lane has the height for them
    traces.extend(label_traces)
    top = max([0.5] + [y + LABEL_STEP for trace in label_traces for y in trace["y"] if y is not None])
    # A legend that explains shapes: precision always, and each lane's type when lanes are actors.
    legend = [
        ("Exact day", "circle", NEUTRAL, 11),
        ("Month (open marker; a bar when zoomed in)", "circle-open", NEUTRAL, 10),
        ("Year (bar)", "square", "#9fb3c8", 11),
    ]
    if not single:
        legend += [(type_label(code), type_style(code).symbol, type_style(code).colour, 11)
                   for code in dict.fromkeys(lane.type for lane in lanes if isinstance(lane.type, str))]
    for name, symbol, shade, size in legend:
        traces.append({"type": "scatter", "xaxis": "x", "yaxis": "y", "x": [None], "y": [None], "mode": "markers",
                       "name": name, "marker": {"symbol": symbol, "size": size, "color": shade, "line": {"width": 2}},
                       "hoverinfo": "skip"})

    if len(band):
        fmt = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}[bucket]
        traces.append({
            "type": "bar", "xaxis": "x2", "yaxis": "y2", "name": "events", "showlegend": False,
            "x": [(s + (e - s) / 2).isoformat() for s, e in zip(band["start"], band["end"])],
            "y": [int(n) for n in band["events"]],
            "width": [((e + timedelta(days=1)) - s).total_seconds() * 1000 * 0.9 for s, e in zip(band["start"], band["end"])],
            "marker": {"color": "#8c8c8c"}, "hoverinfo": "text",
            "hovertext": [f"{s.strftime(fmt)}: {n} events" for s, n in zip(band["start"], band["events"])],
        })

    separators = [  # faint lines between lanes
        {"type": "line", "xref": "x domain", "yref": "y", "x0": 0, "x1": 1, "y0": -i - 0.5, "y1": -i - 0.5,
         "line": {"color": "#e3e3e3", "width": 1}}
        for i in range(len(lanes) - 1)
    ]
    layout = {
        "xaxis": {"type": "date", "anchor": "y", "domain": [0, 1], "showgrid": True, "gridcolor": "#eeeeee"},
        "yaxis": {"domain": [0.3, 1], "automargin": True, "tickvals": [-i for i in range(len(lanes))],
                  "ticktext": [f"{html.escape(lane.label)} ({lane.events})" for lane in lanes],
                  "range": [-len(lanes) + 0.5, top], "showgrid": False, "zeroline": False},
        "xaxis2": {"type": "date", "anchor": "y2", "domain": [0, 1], "matches": "x"},
        "yaxis2": {"domain": [0, 0.2], "rangemode": "tozero", "automargin": True, "tickformat": ",d",
                   "title": {"text": f"per {bucket}", "font": {"size": 12}},
                   # small counts: whole numbers only, or plotly labels two ticks "1"
                   **({"dtick": 1} if len(band) and int(band["events"].max()) <= 4 else {})},
        "shapes": separators, "barmode": "overlay", "clickmode": "event+select", "hovermode": "closest", "dragmode": "pan",
    }
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def figure_height(lanes: int) -> int:
    return max(460, min(960, 230 + 44 * lanes))


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """The table under the chart and its CSV: one row per event."""
    columns = ["date", "precision", "date_text", "summary", "actors", "article_title", "published", "article_source", "sentence", "id"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    table = events.assign(
        actors=[", ".join(names) for names in events["actor_names"]],
        published=[as_date(p) for p in events["published"]],
    )
    return table[columns].reset_index(drop=True)


# ------------------------------------------------------------------------------------------------
# Streamlit: the Timeline page's parts

import streamlit as st  # noqa: E402

from components import data  # noqa: E402
from components.captions import list_phrase, md  # noqa: E402
from components.charts import finish_figure, render_downloads  # noqa: E402
from components.evidence import evidence_from_row, render_evidence  # noqa: E402

LANES_KEY, LANE_COUNT_KEY, PRECISION_KEY = "ng.timeline.lanes", "ng.timeline.lane_count", "ng.timeline.precision"
CHART_KEY, EVENT_KEY = "ng.timeline.chart", "ng.timeline.event"
PRECISIONS = ("day", "month", "year")
LANE_COUNTS = (3, 5, 8, 10, 15, 20, 25)
PICKER_EVENTS = 400


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


@dataclass(frozen=True)
class TimelineView:
    by_actor: bool = True
    lanes: int = 10
    precisions: tuple[str, ...] = ()  # empty: every precision


@dataclass
class TimelineModel:
    view: TimelineView
    events: pd.DataFrame  # every event under the filters and the view
    table: pd.DataFrame  # the same events as the table and the CSV show them
    drawn: pd.DataFrame  # the lane rows on the chart (at most MAX_DRAWN events)
    lanes: list
    figure: go.Figure | None
    title: str
    truncated: bool


def render_controls(page) -> TimelineView:
    page.option_from_url("lanes", key=LANES_KEY, default="actor", parse=lambda v: v[-1] if v[-1] in ("actor", "one") else None)
    page.option_from_url("lane_count", key=LANE_COUNT_KEY, default=10, parse=lambda v: int(v[-1]) if v[-1] in map(str, LANE_COUNTS) else None)
    page.option_from_url("precision", key=PRECISION_KEY, default=[], parse=lambda v: [p for p in v if p in PRECISIONS] or None)
    row = st.columns([1.4, 1.6, 2.4], vertical_alignment="bottom")
    lanes = row[0].segmented_control("Lanes", ("actor", "one"), key=LANES_KEY,
                                     format_func=lambda v: "By actor" if v == "actor" else "One lane",
                                     help="By actor: one lane per actor in most events (an event shows in each of its actors' lanes). "
                                     f"One lane: every event in one row, with its summary written on the chart when at most {LABELLED_EVENTS} are drawn.")
    count = row[1].select_slider("Actor lanes", LANE_COUNTS, key=LANE_COUNT_KEY, disabled=lanes == "one")
    precisions = row[2].pills("Precision", PRECISIONS, key=PRECISION_KEY, selection_mode="multi",
                              format_func=lambda p: {"day": "Exact day", "month": "Month", "year": "Year"}[p],
                              help="How exactly the text dates the event. None picked: all.")
    page.keep_in_url(
        lanes=None if lanes in (None, "actor") else lanes,
        lane_count=None if count == 10 else count,
        precision=list(precisions) or None,
    )
    return TimelineView(by_actor=lanes != "one", lanes=int(count), precisions=tuple(precisions))


@st.cache_resource(show_spinner=False, max_entries=32)  # shared, read-only: see components/data.py
def _model(path: str, version: tuple, filters, view: TimelineView):
    from newsgraph.store import Store

    store = Store(path)
    events = data.events(store, filters)
    if view.precisions:
        events = events[events["precision"].isin(view.precisions)].reset_index(drop=True)
    if events.empty:
        return events, events_table(events), events.iloc[0:0], [], None, False
    ids = sorted({a for actors in events["actors"] for a in actors}) if view.by_actor else []
    found = data.entity_names(store, tuple(ids)) if ids else None
    entities = {} if found is None else {r.id: (r.name, r.type) for r in found.itertuples()}
    lanes = choose_lanes(events, entities, by_actor=view.by_actor, count=view.lanes, focus=filters.actors)
    truncated = len(events) > MAX_DRAWN
    shown = events.sort_values(["date_start", "id"]).tail(MAX_DRAWN) if truncated else events
    rows = lane_rows(shown, lanes)
    first = min(as_date(d) for d in events["date_start"])
    last = max(as_date(d) for d in events["date_end"])
    bucket = choose_bucket(first, last)
    figure = timeline_figure(rows, lanes, count_band(events, bucket), bucket=bucket)
    # cached as a plain dict: unpickling a Figure would validate every point again on each rerun
    return events, events_table(events), rows, lanes, figure.to_dict(), truncated


def load_view(page, view: TimelineView) -> TimelineModel:
    events, table, rows, lanes, spec, truncated = _model(*data.store_key(page.store), page.filters, view)
    figure = None if spec is None else go.Figure(spec, _validate=False)
    focus = [page.name_of(a) for a in page.filters.actors]
    title = f"Events involving {list_phrase(focus)}" if focus else "Events in the news, by date"
    if figure is not None:
        extra = [f"{len(events):,} events"]
        if view.precisions:
            extra.append(f"dated to the {list_phrase(list(view.precisions), conjunction='or')}")
        if truncated:
            extra.append(f"drawn: the latest {MAX_DRAWN:,}")
        extra.append("lanes: actors in most events" if view.by_actor else "one lane")
        finish_figure(figure, title=title, caption=page.caption(*extra), height=figure_height(len(lanes)))
    return TimelineModel(view, events, table, rows, lanes, figure, title, truncated)


def _on_pick() -> None:
    event = st.session_state.get(CHART_KEY) or {}
    for point in (event.get("selection") or {}).get("points") or []:
        custom = point.get("customdata") or []
        if len(custom) >= 2 and custom[0] == "event":
            st.session_state[EVENT_KEY] = custom[1]
            return


def render_chart(page, model: TimelineModel) -> None:
    if model.figure is None:
        conditions, remedies = [], []
        if model.view.precisions:
            conditions.append(f"dated to the {list_phrase(list(model.view.precisions), conjunction='or')}")
            remedies.append("allow every precision")
        st.info(md(page.empty("events", conditions=conditions, remedies=remedies)), icon=":material/timeline:")
        return
    if model.truncated:
        st.caption(f"{len(model.events):,} events match; the chart draws the latest {MAX_DRAWN:,} (the band and "
                   "the table count them all). Narrow the dates or pick actors to draw every one.")
    from components.charts import render_chart as draw

    draw(model.figure, view=model.title, key=CHART_KEY, on_select=_on_pick)
    render_downloads(model.figure, view=model.title, key="ng.timeline.download",
                     data=lambda: model.table, data_label="Events (CSV)")


def render_evidence_panel(page, model: TimelineModel) -> None:
    """The clicked (or picked) event: its sentence in its paragraph, the date words in bold."""
    if model.figure is None:
        return
    from components.frame import filter_by_actor

    # the picker lists the newest drawn events (a long list is slow to send on every rerun);
    # a click on any drawn event adds it
    drawn = model.drawn.drop_duplicates("id").sort_values(["date_start", "id"], ascending=[False, True])
    clicked = st.session_state.get(EVENT_KEY)
    listed = drawn.head(PICKER_EVENTS)
    if clicked is not None and clicked not in set(listed["id"]):
        listed = pd.concat([drawn[drawn["id"] == clicked], listed])
    labels = {r.id: f"{r.date} · {_cut(str(r.summary), 90)}" for r in listed.itertuples()}
    if clicked not in labels:
        st.session_state[EVENT_KEY] = None
    events = model.events
    st.subheader("Evidence")
    picked = st.selectbox("Event", list(labels), key=EVENT_KEY, format_func=lambda e: labels[e],
                          placeholder="Click an event on the chart, or pick one here")
    if not picked:
        return
    row = events[events["id"] == picked].iloc[0].to_dict()
    text = data.article_texts(page.store, [row["article_id"]]).get(row["article_id"])
    render_evidence(evidence_from_row(row, kind=f"{row['precision']}: {row['date']}"), text=text, emphasis=(row["date_text"],))
    actors = list(row["actors"])
    if actors:
        buttons = st.container(horizontal=True, gap="small")
        for actor in actors[:6]:
            buttons.button(f"Filter by {md(page.name_of(actor))}", key=f"ng.timeline.only.{actor}", icon=":material/filter_alt:",
                           on_click=filter_by_actor, args=(actor,))


def render_table(model: TimelineModel) -> None:
    if model.figure is None:
        return
    st.subheader(f"All {len(model.events):,} events")
    st.dataframe(
        model.table.drop(columns=["sentence", "id"]), hide_index=True, width="stretch",
        column_config={
            "date": st.column_config.TextColumn("Date", help="As precise as the text: YYYY, YYYY-MM or YYYY-MM-DD"),
            "precision": "Precision", "date_text": "Words in the text", "summary": st.column_config.TextColumn("Summary", width="large"),
            "actors": "Actors", "article_title": "Article", "published": st.column_config.DateColumn("Published"),
            "article_source": st.column_config.LinkColumn("Source"),
        },
    )
