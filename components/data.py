"""Cached loaders: every query result is cached by (store file, store version, arguments).

``Store.version()`` changes whenever the file does, so an ingest (CLI or Articles page) shows up on
the next rerun without a restart, and nothing stale is ever served.

The results are shared, not copied (``st.cache_resource``): ``st.cache_data`` pickles a result on
every hit, and unpickling 9,000 events with their sentences takes 0.15 s, half a warm page's
budget. So callers treat what a loader returns as read-only (pandas operations that return a new
frame are fine; assigning a column in place is not).
"""

from __future__ import annotations

from collections.abc import Hashable

import pandas as pd
import streamlit as st

from newsgraph import queries
from newsgraph.filters import Filters
from newsgraph.store import Store

CACHE_ENTRIES = 96
ACTOR_CHOICES = 1000  # the actor picker lists the most mentioned ones; a link may name any other


def store_key(store: Store) -> tuple[str, tuple]:
    return str(store.path.resolve()), store.version()


@st.cache_resource(show_spinner=False, max_entries=CACHE_ENTRIES)
def _filtered(path: str, version: tuple, name: str, filters: Filters, options: tuple[tuple[str, Hashable], ...]):
    with Store(path).read() as con:
        return getattr(queries, name)(con, filters, **dict(options))


@st.cache_resource(show_spinner=False, max_entries=CACHE_ENTRIES)
def _lookup(path: str, version: tuple, name: str, args: tuple, options: tuple[tuple[str, Hashable], ...]):
    with Store(path).read() as con:
        return getattr(queries, name)(con, *args, **dict(options))


def filtered(store: Store, name: str, filters: Filters, **options):
    """``queries.<name>(con, filters, **options)``, cached."""
    return _filtered(*store_key(store), name, filters, tuple(sorted(options.items())))


def lookup(store: Store, name: str, *args, **options):
    """``queries.<name>(con, *args, **options)``, cached."""
    return _lookup(*store_key(store), name, tuple(args), tuple(sorted(options.items())))


# Named loaders, so page code reads like what it shows.


def summary(store: Store, filters: Filters) -> dict:
    return filtered(store, "summary", filters)


def counts(store: Store, filters: Filters, *, only: tuple[str, ...] = ("articles", "actors", "events", "quotes")) -> dict[str, int]:
    return filtered(store, "counts", filters, only=only)


def ties(store: Store, filters: Filters) -> pd.DataFrame:
    return filtered(store, "ties", filters)


def entities(store: Store, filters: Filters) -> pd.DataFrame:
    return filtered(store, "entities", filters)


def events(store: Store, filters: Filters) -> pd.DataFrame:
    return filtered(store, "events", filters)


def quotes(store: Store, filters: Filters, **options) -> pd.DataFrame:
    return filtered(store, "quotes", filters, **options)


def quote_count(store: Store, filters: Filters, **options) -> int:
    return filtered(store, "quote_count", filters, **options)


def quote_speakers(store: Store, filters: Filters, **options) -> pd.DataFrame:
    return filtered(store, "quote_speakers", filters, **options)


def tie_evidence(store: Store, filters: Filters, pairs: list[tuple[str, str]], *, per_pair: int = 5) -> pd.DataFrame:
    return filtered(store, "tie_evidence", filters, pairs=tuple(pairs), per_pair=per_pair)


def actor_choices(store: Store) -> pd.DataFrame:
    return lookup(store, "top_entities", limit=ACTOR_CHOICES)


def entity_types(store: Store) -> pd.DataFrame:
    return lookup(store, "entity_types")


def entity_names(store: Store, ids: list[str] | tuple[str, ...]) -> pd.DataFrame:
    return lookup(store, "entity_names", tuple(ids))


def entity(store: Store, entity_id: str) -> dict | None:
    return lookup(store, "entity", entity_id)


def roles_of(store: Store, ids: list[str] | tuple[str, ...]) -> pd.DataFrame:
    return lookup(store, "roles_of", tuple(ids))


def article_texts(store: Store, ids: list[str] | tuple[str, ...]) -> dict[str, str]:
    return lookup(store, "article_texts", tuple(sorted(set(ids))))
