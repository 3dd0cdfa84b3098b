"""The quote browser's pieces: cards, the context paragraph, the who-is-quoted chart. Pure builders."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from components.evidence import format_date, highlight_html, paragraph_bounds, safe_link, _short_source
from components.style import INK, OTHER_STYLE, type_style

PAGE_SIZE = 20
KINDS = ("direct", "reported")
KIND_LABELS = {"direct": "Direct quote", "reported": "Reported statement"}


def page_count(total: int, page_size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // page_size))


def role_phrase(roles: pd.DataFrame) -> str:
    """'Secretary General, SCO; Foreign Minister' from ``queries.roles_of`` rows of one speaker."""
    with_org: dict[str, None] = {}
    bare: dict[str, None] = {}
    for row in roles.itertuples():
        org = row.org_name if isinstance(row.org_name, str) and row.org_name else None
        if org:
            with_org.setdefault(f"{row.role}, {org}", None)
        else:
            bare.setdefault(str(row.role), None)
    # "President" alone says less than "President, Russia": keep it only when no such pair exists
    named = {phrase.split(", ", 1)[0] for phrase in with_org}
    return "; ".join([*with_org, *(role for role in bare if role not in named)])


def cue_phrase(cue: str, speaker: str | None) -> str:
    """How the card names a quote's cue: a reporting word as written ("said", "according to"); a
    transcript label ("President of Kazakhstan Kassym-Jomart Tokayev:") without the name the card
    already shows ("transcript: President of Kazakhstan")."""
    if not cue.rstrip().endswith(":"):
        return cue
    label = cue.rstrip()[:-1]
    if speaker:
        label = re.sub(rf"{re.escape(speaker)}(?:['’]s)?", " ", label)
    label = " ".join(label.split()).strip(" ,;–-")
    return f"transcript: {label}" if label else "transcript"


def quote_card_html(row, *, role: str | None = None) -> str:
    """Speaker (and role), the quote, the cue, the date and the article; every text escaped."""
    get = row.get if hasattr(row, "get") else (lambda k, d=None: getattr(row, k, d))
    speaker = get("speaker")
    speaker = speaker if isinstance(speaker, str) and speaker else "Unattributed"
    kind = get("kind") or "direct"
    text = html.escape(get("text") or "")
    body = f"“{text}”" if kind == "direct" else text
    cue = get("cue")
    cue_html = (f' <span class="ng-muted">· <i>{html.escape(cue_phrase(cue, speaker))}</i></span>'
                if isinstance(cue, str) and cue else "")
    role_html = f' <span class="ng-muted">({html.escape(role)})</span>' if role else ""
    source = get("article_source")
    meta = [f"<b>{html.escape(get('article_title') or 'Untitled article')}</b>", html.escape(format_date(get("published")))]
    if isinstance(source, str) and source:
        meta.append(safe_link(source, _short_source(source)))
    return (
        '<div class="ng-evidence ng-quote">'
        f'<span class="ng-kind">{html.escape(KIND_LABELS.get(kind, kind))}</span>'
        f'<span class="ng-speaker">{html.escape(speaker)}</span>{role_html}{cue_html}'
        f'<div style="margin-top:0.3rem">{body}</div>'
        f'<div class="ng-meta">{" · ".join(meta)}</div></div>'
    )


def context_html(text: str, row) -> str:
    """The quote's paragraph (and the next, when a quote runs on), with the quoted words marked."""
    get = row.get if hasattr(row, "get") else (lambda k, d=None: getattr(row, k, d))
    start, end = get("text_start"), get("text_end")
    if start is None or start != start or end is None or end != end:
        start, end = get("sentence_start"), get("sentence_end")
    start, end = int(start), int(end)
    window = paragraph_bounds(text, start, end)
    return f'<div class="ng-evidence">{highlight_html(text, start, end, window=window)}</div>'


def speakers_figure(speakers: pd.DataFrame, *, top: int = 15) -> go.Figure:
    """Who is quoted most: one bar per speaker, direct solid and reported hatched, coloured by type."""
    frame = speakers.head(top).iloc[::-1]  # plotly draws the first category at the bottom
    # plotly reads a small HTML subset in tick labels: a name is shown as written, never as markup
    labels = [html.escape(str(name), quote=False) for name in frame["speaker"]]
    colours = [type_style(t).colour if isinstance(t, str) else OTHER_STYLE.colour for t in frame["type"]]
    traces = []
    for kind, pattern, opacity in (("direct", "", 0.95), ("reported", "/", 0.6)):
        if len(frame) and not frame[kind].any():
            continue  # a kind filtered out (or absent) gets no bars, so no legend entry either
        traces.append({
            "type": "bar", "orientation": "h", "name": KIND_LABELS[kind], "y": labels, "x": [int(v) for v in frame[kind]],
            "marker": {"color": colours, "opacity": opacity, "line": {"width": 1, "color": INK},
                       "pattern": {"shape": pattern, "size": 7, "solidity": 0.4, "fgcolor": "white", "fillmode": "overlay"}},
            "customdata": [["speaker", s if isinstance(s, str) else ""] for s in frame["speaker_id"]],
            "hovertemplate": "%{y}: %{x} " + kind + " · click to filter<extra></extra>",
            "selected": {"marker": {"opacity": opacity}}, "unselected": {"marker": {"opacity": opacity}},
        })
    layout = {
        "barmode": "stack", "clickmode": "event+select", "legend": {"traceorder": "normal"},
        "xaxis": {"title": {"text": "quotes"}, "rangemode": "tozero", "gridcolor": "#eeeeee", "tickformat": ",d"},
        "yaxis": {"automargin": True, "type": "category"},
    }
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def speaker_options(speakers: pd.DataFrame, selected: tuple[str, ...], names: Mapping[str, str]) -> dict[str, str]:
    """Speaker picker labels by entity id ('Olaf Scholz · 12 quotes'); selected ones always listed."""
    options = {
        row.speaker_id: f"{row.speaker} · {row.quotes} quote{'s' if row.quotes != 1 else ''}"
        for row in speakers.itertuples()
        if isinstance(row.speaker_id, str) and row.speaker_id
    }
    for speaker in selected:
        options.setdefault(speaker, names.get(speaker, speaker))
    return options


def quotes_table(quotes: pd.DataFrame) -> pd.DataFrame:
    columns = ["published", "speaker", "speaker_id", "kind", "cue", "text", "sentence", "article_title", "article_source", "id"]
    if quotes.empty:
        return pd.DataFrame(columns=columns)
    return quotes.assign(published=[format_date(p) for p in quotes["published"]])[columns].reset_index(drop=True)


# ------------------------------------------------------------------------------------------------
# Streamlit: the Quotes page's parts

from dataclasses import dataclass  # noqa: E402

import streamlit as st  # noqa: E402

from components import data  # noqa: E402
from components.captions import list_phrase, md  # noqa: E402
from components.charts import finish_figure, render_chart, render_downloads  # noqa: E402

SEARCH_KEY, KINDS_KEY, SPEAKERS_KEY, PAGE_KEY = "ng.quotes.search", "ng.quotes.kinds", "ng.quotes.speakers", "ng.quotes.page"
CHART_KEY = "ng.quotes.chart"
SPEAKER_CHOICES = 500


@dataclass(frozen=True)
class QuoteQuery:
    search: str | None = None
    kinds: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()

    def options(self) -> dict:
        return {"search": self.search, "kinds": self.kinds, "speakers": self.speakers}


def render_controls(page) -> QuoteQuery:
    page.option_from_url("q", key=SEARCH_KEY, default="", parse=lambda v: v[-1])
    page.option_from_url("kind", key=KINDS_KEY, default=[], parse=lambda v: [k for k in v if k in KINDS] or None)
    page.option_from_url("speaker", key=SPEAKERS_KEY, default=[], parse=lambda v: list(dict.fromkeys(v)) or None)
    kinds_now = tuple(st.session_state.get(KINDS_KEY) or ())
    search_now = (st.session_state.get(SEARCH_KEY) or "").strip() or None
    speakers = data.quote_speakers(page.store, page.filters, search=search_now, kinds=kinds_now, limit=SPEAKER_CHOICES)
    selected = tuple(st.session_state.get(SPEAKERS_KEY) or ())
    names = {**page.names, **{s: page.name_of(s) for s in selected}}
    labels = speaker_options(speakers, selected, names)
    row = st.columns([3, 1.6, 3], vertical_alignment="bottom")
    search = row[0].text_input("Search the quotes", key=SEARCH_KEY, placeholder="words in the quote or its sentence",
                               help="Case-insensitive; matches the quoted words and the sentence around them.")
    kinds = row[1].pills("Kind", KINDS, key=KINDS_KEY, selection_mode="multi", format_func=lambda k: k.title(),
                         help="Direct: the words inside quotation marks. Reported: 'X said that ...', 'According to X, ...'.")
    chosen = row[2].multiselect("Speakers", list(labels), key=SPEAKERS_KEY, format_func=lambda s: labels.get(s, s),
                                placeholder="Everyone quoted",
                                help="Speakers resolved to an entity; the actor filter in the sidebar narrows to them too.")
    query = QuoteQuery(search=(search or "").strip() or None, kinds=tuple(kinds), speakers=tuple(chosen))
    page.keep_in_url(q=query.search, kind=list(query.kinds) or None, speaker=list(query.speakers) or None)
    return query


def _query_key(query: QuoteQuery, filters) -> str:
    import hashlib

    return hashlib.sha1(repr((query, filters)).encode("utf-8")).hexdigest()[:12]


def _page_from_url() -> int | None:
    values = st.query_params.get_all("page")
    return int(values[-1]) if values and values[-1].isdigit() and int(values[-1]) > 0 else None


def _on_pick_speaker() -> None:
    event = st.session_state.get(CHART_KEY) or {}
    for point in (event.get("selection") or {}).get("points") or []:
        custom = point.get("customdata") or []
        if len(custom) >= 2 and custom[0] == "speaker" and custom[1]:
            st.session_state[SPEAKERS_KEY] = [custom[1]]
            return


def _empty(page, query: QuoteQuery) -> str:
    conditions, remedies = [], []
    if query.search:
        conditions.append(f"matching “{query.search}”")
        remedies.append("clear the search")
    if query.kinds:
        conditions.append(f"of kind {list_phrase(list(query.kinds), conjunction='or')}")
        remedies.append("allow both kinds")
    if query.speakers:
        conditions.append(f"by {list_phrase([page.name_of(s) for s in query.speakers])}")
        remedies.append("clear the speakers")
    return page.empty("quotes", conditions=conditions, remedies=remedies)


def render_speakers_chart(page, query: QuoteQuery) -> None:
    """Who is quoted most under the filters, the search and the kinds (not the speaker pick itself)."""
    speakers = data.quote_speakers(page.store, page.filters, search=query.search, kinds=query.kinds, limit=15)
    if speakers.empty:
        return
    title = "Who is quoted most" + (f" on “{query.search}”" if query.search else "")
    extra = [f"kinds: {list_phrase(list(query.kinds), conjunction='or')}"] if query.kinds else []
    extra.append("colour = speaker's type, grey = speaker not resolved to an entity")
    figure = speakers_figure(speakers)
    finish_figure(figure, title=title, caption=page.caption(*extra), height=max(320, 150 + 28 * len(speakers)))
    render_chart(figure, view=title, key=CHART_KEY, on_select=_on_pick_speaker)
    render_downloads(figure, view=title, key="ng.quotes.download", data=speakers, data_label="Speakers (CSV)")


def render_results(page, query: QuoteQuery) -> None:
    total = data.quote_count(page.store, page.filters, **query.options())
    if not total:
        st.info(md(_empty(page, query)), icon=":material/format_quote:")
        return
    pages = page_count(total)
    # One pager per query (its key names the query), so a new search starts again at page 1; the
    # first pager of a visit starts where the URL says.
    key = f"{PAGE_KEY}.{_query_key(query, page.filters)}"
    seeded = st.session_state.get("ng.quotes.url_page_used", False)
    number = st.session_state.get(key) or (None if seeded else _page_from_url()) or 1
    st.session_state["ng.quotes.url_page_used"] = True
    number = min(max(1, int(number)), pages)
    first = (number - 1) * PAGE_SIZE
    st.subheader(f"{total:,} quote{'s' if total != 1 else ''}")
    st.caption(f"Showing {first + 1:,}–{min(first + PAGE_SIZE, total):,}, newest articles first · {md(page.caption())}")
    rows = data.quotes(page.store, page.filters, **query.options(), limit=PAGE_SIZE, offset=first)
    speaker_ids = [s for s in rows["speaker_id"] if isinstance(s, str) and s]
    roles = data.roles_of(page.store, tuple(dict.fromkeys(speaker_ids)))
    texts = data.article_texts(page.store, list(rows["article_id"]))
    for row in rows.to_dict("records"):
        speaker = row.get("speaker_id")
        role = role_phrase(roles[roles["entity_id"] == speaker]) if isinstance(speaker, str) and len(roles) else None
        st.html(quote_card_html(row, role=role or None))
        text = texts.get(row["article_id"])
        if text:
            with st.expander("Context paragraph"):
                st.html(context_html(text, row))
    if pages > 1:
        number = st.pagination(pages, default=number, key=key)
    page.keep_in_url(page=None if number == 1 else number)

    def all_matching() -> bytes:
        return quotes_table(data.quotes(page.store, page.filters, **query.options())).to_csv(index=False).encode("utf-8")

    st.download_button(f"All {total:,} matching quotes (CSV)", data=all_matching, file_name="newsgraph-quotes.csv",
                       mime="text/csv", key="ng.quotes.csv", icon=":material/table:", on_click="ignore")
