"""The overview's pieces: the most connected actors and their chart. Pure builders."""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from components.style import INK, type_label, type_style


def connected_actors(
    ties: pd.DataFrame,
    *,
    top: int = 12,
    names: Mapping[str, str] | None = None,
    types: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Actors with the most distinct partners (ties of any kind), then most sentences, then id.

    ``ties`` has the columns of ``queries.ties``; names and types come from the mappings (or from
    the ties' own ``*_name``/``*_type`` columns). The result: id, name, type, partners, sentences.
    """
    columns = ["id", "name", "type", "partners", "sentences"]
    if ties.empty:
        return pd.DataFrame(columns=columns)
    ends = pd.concat(
        [
            ties[["source", "target", "weight"]].set_axis(["id", "partner", "weight"], axis=1),
            ties[["target", "source", "weight"]].set_axis(["id", "partner", "weight"], axis=1),
        ],
        ignore_index=True,
    )
    ranked = (
        ends.groupby("id").agg(partners=("partner", "nunique"), sentences=("weight", "sum")).reset_index()
        .sort_values(["partners", "sentences", "id"], ascending=[False, False, True])
        .head(top)
        .reset_index(drop=True)
    )
    if names is None and "source_name" in ties:
        names = dict(zip(ties["source"].tolist() + ties["target"].tolist(), ties["source_name"].tolist() + ties["target_name"].tolist()))
        types = dict(zip(ties["source"].tolist() + ties["target"].tolist(), ties["source_type"].tolist() + ties["target_type"].tolist()))
    names, types = names or {}, types or {}
    ranked["name"] = [names.get(i, i) for i in ranked["id"].tolist()]  # `top` rows only
    ranked["type"] = [types.get(i) for i in ranked["id"].tolist()]
    return ranked[columns]


def connected_figure(actors: pd.DataFrame) -> go.Figure:
    """Horizontal bars of partners per actor; colour and hatching by type so greyscale still reads."""
    frame = actors.iloc[::-1].copy()
    # two entities may share a name ("Armenia" the country and a mis-typed person): keep bars apart
    repeated = frame["name"].duplicated(keep=False)
    # escaped: plotly reads a small HTML subset in tick labels, and a name is shown as written
    frame["label"] = [html.escape(f"{n} ({type_label(t)})" if r else str(n), quote=False)
                      for n, t, r in zip(frame["name"], frame["type"], repeated)]
    traces = []
    for code in dict.fromkeys(frame["type"]):
        part = frame[frame["type"] == code]
        style = type_style(code)
        traces.append({
            "type": "bar", "orientation": "h", "name": type_label(code),
            "y": list(part["label"]), "x": [int(v) for v in part["partners"]],
            "marker": {"color": style.colour, "line": {"width": 1, "color": INK},
                       "pattern": {"shape": style.pattern, "size": 7, "solidity": 0.35, "fgcolor": "white", "fillmode": "overlay"}},
            "customdata": [["actor", i] for i in part["id"]],
            "hovertemplate": "%{y}: %{x} partners · click to filter the app<extra></extra>",
            "selected": {"marker": {"opacity": 1}}, "unselected": {"marker": {"opacity": 1}},
        })
    layout = {
        "barmode": "overlay", "clickmode": "event+select",
        "xaxis": {"title": {"text": "distinct partners (actors tied to it)"}, "gridcolor": "#eeeeee", "rangemode": "tozero"},
        "yaxis": {"automargin": True, "type": "category", "categoryorder": "array", "categoryarray": list(frame["label"])},
    }
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


# ------------------------------------------------------------------------------------------------
# Streamlit: the Overview's parts

import streamlit as st  # noqa: E402

from components import data  # noqa: E402
from components.captions import md  # noqa: E402
from components.charts import finish_figure, render_chart, render_downloads  # noqa: E402
from components.evidence import evidence_from_row, format_date, render_evidence  # noqa: E402

CONNECTED_CHART_KEY = "ng.overview.connected"


def render_counts(page) -> None:
    counts = data.counts(page.store, page.filters)
    scope = page.scope
    columns = st.columns(5)
    columns[0].metric("Articles", f"{counts['articles']:,}", help="Published in the date range and mentioning the actors.")
    columns[1].metric("Actors", f"{counts['actors']:,}", help="Distinct entities mentioned in those articles (of the chosen types).")
    columns[2].metric("Events", f"{counts['events']:,}", help="Dated events in the range involving the actors.")
    columns[3].metric("Quotes", f"{counts['quotes']:,}", help="Quotes in those articles spoken by the actors.")
    first, last = scope.get("first"), scope.get("last")
    span = f"{format_date(first)[:4]}–{format_date(last)[:4]}" if first and last else "—"
    columns[4].metric("Published", span, help=f"{format_date(first)} to {format_date(last)}"
                      + (f"; {scope.get('undated'):,} undated" if scope.get("undated") else ""))
    st.caption(md(page.caption()))


def render_links(page) -> None:
    from components.frame import page_path

    params = page.link_params()
    row = st.container(horizontal=True, gap="medium")
    row.page_link(page_path("Network"), label="Open the network", icon=":material/hub:", query_params=params)
    row.page_link(page_path("Timeline"), label="Open the timeline", icon=":material/timeline:", query_params=params)
    row.page_link(page_path("Quotes"), label="Browse the quotes", icon=":material/format_quote:", query_params=params)
    try:
        row.page_link(page_path("Articles"), label="Read the articles", icon=":material/article:", query_params=params)
    except KeyError:
        pass  # the Articles page comes with its own issue


def _on_pick_actor() -> None:
    from components.frame import filter_by_actor

    event = st.session_state.get(CONNECTED_CHART_KEY) or {}
    for point in (event.get("selection") or {}).get("points") or []:
        custom = point.get("customdata") or []
        if len(custom) >= 2 and custom[0] == "actor":
            filter_by_actor(custom[1])
            return


@st.cache_resource(show_spinner=False, max_entries=32)  # shared, read-only: see components/data.py
def _connected(path: str, version: tuple, filters, top: int):
    from newsgraph.store import Store

    store = Store(path)
    ranked = connected_actors(data.ties(store, filters), top=top)
    found = data.entity_names(store, tuple(ranked["id"])).set_index("id")
    names, types = found["name"].to_dict(), found["type"].to_dict()
    return ranked.assign(name=[names.get(i, i) for i in ranked["id"]], type=[types.get(i) for i in ranked["id"]])


@st.cache_resource(show_spinner=False, max_entries=32)  # shared, read-only
def _connected_spec(path: str, version: tuple, filters, top: int, title: str, caption: str) -> dict:
    # a plain dict, as in components/timeline.py: styling the figure is a good part of a warm rerun
    actors = _connected(path, version, filters, top)
    figure = connected_figure(actors)
    finish_figure(figure, title=title, caption=caption, height=max(380, 190 + 30 * len(actors)), wrap=90)
    return figure.to_dict()


def render_connected(page) -> None:
    actors = _connected(*data.store_key(page.store), page.filters, 12)
    if actors.empty:
        st.info(md(page.empty("ties between actors")), icon=":material/hub:")
        return
    title = "Most connected actors"
    caption = page.caption("partners: distinct actors tied to it in any way")
    spec = _connected_spec(*data.store_key(page.store), page.filters, 12, title, caption)
    figure = go.Figure(spec, _validate=False)
    render_chart(figure, view=title, key=CONNECTED_CHART_KEY, on_select=_on_pick_actor)
    st.caption("Click a bar to filter the whole app by that actor.")
    render_downloads(figure, view=title, key="ng.overview.download", data=actors, data_label="Actors (CSV)")


def render_latest_events(page, *, count: int = 6) -> None:
    st.subheader("Latest events")
    # "latest" means up to the newest article: plans dated 2035 are not news yet
    newest = page.scope.get("last")
    until = newest.date() if hasattr(newest, "date") and callable(newest.date) else newest
    latest = data.filtered(page.store, "latest_events", page.filters, until=until, limit=count)
    if latest.empty:
        st.info(md(page.empty("events")), icon=":material/timeline:")
        return
    if newest is not None:
        st.caption(f"Up to {format_date(newest)}, the newest article in view.")
    texts = data.article_texts(page.store, list(latest["article_id"]))
    for row in latest.to_dict("records"):
        with st.expander(md(f"{row['date']} · {_short(row['summary'])}")):
            render_evidence(evidence_from_row(row, kind=f"{row['precision']}: {row['date']}"),
                            text=texts.get(row["article_id"]), emphasis=(row["date_text"],))


def render_latest_quotes(page, *, count: int = 4) -> None:
    from components.quotes import quote_card_html

    st.subheader("Latest quotes")
    quotes = data.quotes(page.store, page.filters, limit=count)
    if quotes.empty:
        st.info(md(page.empty("quotes")), icon=":material/format_quote:")
        return
    for row in quotes.to_dict("records"):
        st.html(quote_card_html(row))


def render_store_note(page) -> None:
    models = ", ".join(page.corpus.get("models") or []) or "unknown"
    corpus = page.corpus
    st.caption(
        f"Store `{page.store.path}` · {corpus.get('articles', 0):,} articles, {corpus.get('words', 0):,} words · "
        f"extracted with the spaCy model {models}"
    )


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"
