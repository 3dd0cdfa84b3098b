"""The frame every page starts with: page config, the store, the shared filters, the navigation.

Why a frame: with a ``pages/`` folder Streamlit may run a page script on its own (a deep link as the
first request to a fresh server), so each page must set itself up. ``frame()`` does, in this order:

1. page config and the app's small stylesheet;
2. the store, built from ``NEWSGRAPH_ARTICLES`` with a progress bar when it does not exist yet;
3. the shared filters, resolved from (a) a filter widget the user just changed, (b) the URL's query
   parameters, (c) the session's canonical copy (``ng.filters``), which carries them across pages;
4. the URL rewritten to the canonical form of those filters (plus the page's own options), so the
   address bar is always a link to the current view;
5. the sidebar: navigation links that carry the filters, the filter widgets, "Clear filters".

The URL is written by us (``st.query_params``), not by ``bind="query-params"`` widgets: a bound
multiselect writes its display labels into the URL, and bound values leak into other pages' URLs.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import streamlit as st

from components import data
from components.captions import chart_caption, describe_filters, empty_message, md
from components.evidence import EVIDENCE_CSS
from components.style import type_label
from components.urlstate import (
    FILTER_PARAMS,
    filters_from_params,
    has_filter_params,
    params_from_filters,
    resolve_filters,
)
from newsgraph import config
from newsgraph.filters import Filters
from newsgraph.store import Store, StoreError

ROOT = Path(__file__).resolve().parent.parent
MAIN_SCRIPT = "app.py"

FILTERS_KEY = "ng.filters"  # the canonical Filters of this session
CHANGED_KEY = "ng.filters.changed"  # set by a filter widget's callback for the next run
ACTORS_KEY, FROM_KEY, TO_KEY, TYPES_KEY = "ng.filter.actors", "ng.filter.from", "ng.filter.to", "ng.filter.types"
SELECT_ACTOR_KEY = "ng.filter.select_actor"  # a page asked to filter the app by one actor

DATE_FLOOR, DATE_CEILING = date(1900, 1, 1), date(2100, 12, 31)

PAGE_ICONS = {
    "Overview": ":material/dashboard:",
    "Network": ":material/hub:",
    "Timeline": ":material/timeline:",
    "Quotes": ":material/format_quote:",
    "Articles": ":material/article:",
}

_build_lock = threading.Lock()


# ------------------------------------------------------------------------------------------------
# The page context


@dataclass
class Page:
    title: str
    store: Store
    filters: Filters
    corpus: dict  # queries.summary with no filters
    scope: dict  # queries.summary under the filters
    names: dict[str, str]  # display names of entities the page has looked up (the filter's actors)
    url: dict[str, list[str]] = field(default_factory=dict)  # what the address bar holds

    @property
    def is_empty(self) -> bool:
        return not self.corpus.get("articles")

    def caption(self, *extra: str) -> str:
        return chart_caption(self.filters, self.names, self.scope, extra=extra)

    def describe_filters(self) -> str:
        return describe_filters(self.filters, self.names)

    def empty(self, what: str, *, conditions: Sequence[str] = (), remedies: Sequence[str] = ()) -> str:
        return empty_message(what, self.filters, self.names, conditions=conditions, remedies=remedies)

    def link_params(self) -> dict[str, list[str]]:
        return params_from_filters(self.filters)

    def name_of(self, entity_id: str) -> str:
        if entity_id not in self.names:
            found = data.entity_names(self.store, (entity_id,))
            self.names[entity_id] = found["name"].iloc[0] if len(found) else entity_id
        return self.names[entity_id]

    # Page options in the URL ------------------------------------------------------------------

    def option_from_url(self, param: str, *, key: str, parse: Callable[[list[str]], object], default: object) -> None:
        """Seed a page widget's state before it is drawn: from the URL on the page's first run."""
        if key in st.session_state:
            return
        values = st.query_params.get_all(param)
        value = parse(values) if values else None
        st.session_state[key] = default if value is None else value

    def keep_in_url(self, **options: object) -> None:
        """Write page options to the address bar next to the filters; defaults are left out (None)."""
        for name, value in options.items():
            values = _url_values(value)
            if values:
                self.url[name] = values
            else:
                self.url.pop(name, None)
        write_url(self.url)


def _url_values(value: object) -> list[str]:
    if value is None or value == "" or value == [] or value == ():
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return ["1" if value else "0"]
    return [str(value)]


def write_url(params: Mapping[str, list[str]]) -> None:
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != dict(params):
        st.query_params.from_dict(params)


# ------------------------------------------------------------------------------------------------
# Filters in the session and the widgets


def _filters_from_widgets() -> Filters:
    state = st.session_state
    date_from, date_to = state.get(FROM_KEY), state.get(TO_KEY)
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    return Filters(
        actors=tuple(state.get(ACTORS_KEY) or ()),
        date_from=date_from,
        date_to=date_to,
        types=tuple(state.get(TYPES_KEY) or ()),
    )


def _on_filter_widget() -> None:
    st.session_state[FILTERS_KEY] = _filters_from_widgets()
    st.session_state[CHANGED_KEY] = True


def set_filters(filters: Filters) -> None:
    """For callbacks: make ``filters`` the app's filters from the next run on (and in the URL)."""
    st.session_state[FILTERS_KEY] = filters
    st.session_state[CHANGED_KEY] = True


def clear_filters() -> None:
    set_filters(Filters())


def _show_filters_in_widgets(filters: Filters) -> None:
    state = st.session_state
    wanted = {
        ACTORS_KEY: list(filters.actors),
        FROM_KEY: filters.date_from,
        TO_KEY: filters.date_to,
        TYPES_KEY: list(filters.types),
    }
    # set even when equal: after a page switch the same key may belong to a new widget, which would
    # otherwise start from its default
    for key, value in wanted.items():
        state[key] = value


# ------------------------------------------------------------------------------------------------
# Navigation


def pages() -> list[tuple[str, str]]:
    """(script path relative to the app, label) for the Overview and every script in pages/."""
    found = [(MAIN_SCRIPT, "Overview")]
    for script in sorted((ROOT / "pages").glob("*.py"), key=lambda p: _page_order(p.stem)):
        found.append((f"pages/{script.name}", page_label(script.stem)))
    return found


def _page_order(stem: str) -> tuple[int, str]:
    match = re.match(r"^(\d+)", stem)
    return (int(match.group(1)) if match else 10_000, stem)


def page_label(stem: str) -> str:
    """Streamlit's own rule for a legacy page's name: '1_Network' -> 'Network', '4_Some_page' -> 'Some page'."""
    return re.sub(r"^\d+[_\- ]*", "", stem).replace("_", " ").strip() or stem


def page_path(label: str) -> str:
    for path, name in pages():
        if name == label:
            return path
    raise KeyError(label)


def _render_navigation(filters: Filters) -> None:
    params = params_from_filters(filters)
    for path, label in pages():
        st.sidebar.page_link(path, label=label, icon=PAGE_ICONS.get(label, ":material/description:"), query_params=params)


# ------------------------------------------------------------------------------------------------
# The store


def app_store() -> Store:
    """The store the app reads: NEWSGRAPH_DB, relative paths taken from the project folder."""
    path = config.db_path()
    return Store(path if path.is_absolute() else ROOT / path)


def articles_folder() -> Path:
    path = config.articles_dir()
    return path if path.is_absolute() else ROOT / path


def ensure_store(store: Store) -> None:
    """Build the store from the bundled articles on first run, with a visible progress bar."""
    if store.exists():
        return
    from newsgraph.ingest import estimate_articles, ingest_paths

    folder = articles_folder()
    with _build_lock:  # two sessions opening a fresh server build it once
        if store.exists():
            return
        st.info(f"First run: building the store `{store.path.name}` from the articles in `{folder}`.")
        expected = estimate_articles([folder]) if folder.exists() else 0
        bar = st.progress(0.0, text=f"Loading the spaCy model, then {expected} articles")

        def progress(done: int, total: int | None, label: str) -> None:
            share = min(done / total, 1.0) if total else 0.0
            bar.progress(share, text=f"{done} of {total or '?'} articles · {label}")

        paths = [folder] if folder.exists() else []
        report = ingest_paths(paths, store, progress=progress, expected=expected, n_process=1)
        added = len(report.added)
        bar.progress(1.0, text=f"Done: {added} article{'s' if added != 1 else ''} added to {store.path.name}")
        for problem in report.failures:
            st.warning(md(f"Not added: {problem}"))


# ------------------------------------------------------------------------------------------------
# The frame


def frame(title: str, *, needs_data: bool = True) -> Page:
    """Set up a page; every page script calls this first. Stops with a message when nothing to show."""
    st.set_page_config(
        page_title=f"{title} · Newsgraph",
        page_icon=":material/hub:",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    st.html(EVIDENCE_CSS)
    store = app_store()
    try:
        ensure_store(store)
        corpus = data.summary(store, Filters())
    except StoreError as error:
        st.error(f"The store cannot be read: {error}")
        st.stop()

    filters, problems = _current_filters(store)
    names = _actor_names(store, filters.actors)
    page = Page(
        title=title,
        store=store,
        filters=filters,
        corpus=corpus,
        scope=data.summary(store, filters) if not filters.is_empty else corpus,
        names=names,
        # the page's own options stay in the URL until the page has read them and writes them back
        url={**params_from_filters(filters), **{k: st.query_params.get_all(k) for k in st.query_params if k not in FILTER_PARAMS}},
    )
    write_url(page.url)
    _render_sidebar(page, problems)
    if needs_data and page.is_empty:
        st.title(title)
        st.info(
            "The store has no articles yet. Add some on the **Articles** page, or with "
            f"`python -m newsgraph ingest PATH` (store: `{store.path}`) and reload this page."
        )
        st.page_link(page_path("Articles"), label="Add articles", icon=PAGE_ICONS["Articles"])
        st.stop()
    return page


def _current_filters(store: Store) -> tuple[Filters, tuple[str, ...]]:
    state = st.session_state
    widget_changed = bool(state.pop(CHANGED_KEY, False))
    problems: tuple[str, ...] = ()
    url_filters = None
    if has_filter_params(st.query_params):
        raw = {name: st.query_params.get_all(name) for name in FILTER_PARAMS if name in st.query_params}
        requested = filters_from_params(raw).filters.actors
        known_actors = set(data.entity_names(store, requested)["id"]) if requested else set()
        known_types = set(data.entity_types(store)["type"])
        parsed = filters_from_params(raw, known_actors=known_actors, known_types=known_types)
        url_filters, problems = parsed.filters, parsed.problems
    filters = resolve_filters(url=url_filters, session=state.get(FILTERS_KEY), widget_changed=widget_changed)
    state[FILTERS_KEY] = filters
    _show_filters_in_widgets(filters)
    return filters, problems


def _actor_names(store: Store, actors: tuple[str, ...]) -> dict[str, str]:
    if not actors:
        return {}
    found = data.entity_names(store, actors)
    return dict(zip(found["id"], found["name"]))


@st.cache_resource(show_spinner=False, max_entries=8)
def _actor_labels(path: str, version: tuple) -> dict[str, str]:
    """The actor picker's choices, most mentioned first, each 'name · type · mentions'."""
    choices = data.actor_choices(Store(path))
    return {row.id: f"{row.name} · {type_label(row.type)} · {row.mentions:,}" for row in choices.itertuples()}


def _render_sidebar(page: Page, problems: tuple[str, ...]) -> None:
    sidebar = st.sidebar
    sidebar.markdown("### Newsgraph")
    _render_navigation(page.filters)
    sidebar.divider()
    sidebar.markdown("**Filters** · shared by every page")
    for problem in problems:
        sidebar.warning(md(f"The link asked for {problem}; left out."), icon=":material/link_off:")

    labels = dict(_actor_labels(*data.store_key(page.store)))  # a copy: the cached one is shared
    for actor in page.filters.actors:  # a link may name an actor outside the top of the list
        labels.setdefault(actor, page.names.get(actor, actor))
    sidebar.multiselect(
        "Actors",
        options=list(labels),
        format_func=lambda entity_id: labels.get(entity_id, entity_id),
        key=ACTORS_KEY,
        on_change=_on_filter_widget,
        placeholder="Search actors by name",
        help=f"Canonical entities with type and mentions; the list holds the {data.ACTOR_CHOICES:,} most mentioned. "
        "Several actors: anything touching any of them.",
    )
    first, last = page.corpus.get("first"), page.corpus.get("last")
    # one per line: side by side, the sidebar cuts the dates short
    sidebar.date_input(
        "From", value=None, min_value=DATE_FLOOR, max_value=DATE_CEILING, key=FROM_KEY,
        on_change=_on_filter_widget, format="YYYY-MM-DD",
    )
    sidebar.date_input(
        "To", value=None, min_value=DATE_FLOOR, max_value=DATE_CEILING, key=TO_KEY,
        on_change=_on_filter_widget, format="YYYY-MM-DD",
    )
    if first and last:
        sidebar.caption(
            f"Articles span {first.isoformat()[:10]} to {last.isoformat()[:10]}. Articles count by publication "
            "date, events by their own date."
        )
    types = data.entity_types(page.store)
    type_counts = dict(zip(types["type"], types["entities"]))
    sidebar.multiselect(
        "Entity types",
        options=list(type_counts),
        format_func=lambda code: f"{type_label(code, plural=True)} ({code})",
        key=TYPES_KEY,
        on_change=_on_filter_widget,
        placeholder="All types",
    )
    sidebar.button(
        "Clear filters",
        icon=":material/filter_alt_off:",
        on_click=clear_filters,
        disabled=page.filters.is_empty,
        key="ng.filter.clear",
        width="stretch",
    )
    sidebar.caption("The filters are in the address bar: copy it to share this exact view.")
    sidebar.divider()
    models = ", ".join(page.corpus.get("models") or []) or "no model yet"
    sidebar.caption(f"Store `{page.store.path.name}` · {page.corpus.get('articles', 0):,} articles · built with {models}")


def filter_by_actor(actor: str, *, only: bool = True) -> None:
    """For a button's ``on_click``: filter the whole app by an actor (alone, or added)."""
    current: Filters = st.session_state.get(FILTERS_KEY, Filters())
    actors = (actor,) if only else tuple(dict.fromkeys(current.actors + (actor,)))
    set_filters(replace(current, actors=actors))
