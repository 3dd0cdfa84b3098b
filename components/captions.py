"""Words that make a chart stand alone: what is filtered, where the data comes from, why it is empty."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from components.style import type_label
from newsgraph.filters import Filters


def list_phrase(items: Sequence[str], *, limit: int = 3, conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 2 more'."""
    items = list(items)
    if not items:
        return ""
    if len(items) > limit:
        return f"{', '.join(items[:limit])} and {len(items) - limit} more"
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def date_phrase(date_from: date | None, date_to: date | None) -> str:
    if date_from and date_to:
        if date_from == date_to:
            return f"on {date_from.isoformat()}"
        return f"between {date_from.isoformat()} and {date_to.isoformat()}"
    if date_from:
        return f"from {date_from.isoformat()}"
    if date_to:
        return f"until {date_to.isoformat()}"
    return ""


def actor_names(filters: Filters, names: Mapping[str, str]) -> list[str]:
    return [names.get(actor, actor) for actor in filters.actors]


def describe_filters(filters: Filters, names: Mapping[str, str]) -> str:
    """The active filters in one line, e.g. 'Actors: SCO and CSTO · between 2019-01-01 and 2020-12-31'."""
    parts = []
    if filters.actors:
        parts.append(f"Actors: {list_phrase(actor_names(filters, names))}")
    if filters.has_dates:
        phrase = date_phrase(filters.date_from, filters.date_to)
        parts.append(phrase[0].upper() + phrase[1:])
    if filters.types:
        parts.append(f"Types: {list_phrase([type_label(t, plural=True).lower() for t in filters.types], limit=4)}")
    return " · ".join(parts) if parts else "No filters"


def source_line(summary: Mapping) -> str:
    """'Source: 29 articles, 2015-07-09 to 2025-09-01 (7 undated)' from ``queries.summary``."""
    count = summary.get("articles", 0)
    noun = "article" if count == 1 else "articles"
    text = f"Source: {count:,} {noun}"
    first, last = summary.get("first"), summary.get("last")
    if first and last:
        text += f", {_iso(first)} to {_iso(last)}" if first != last else f", {_iso(first)}"
    undated = summary.get("undated") or 0
    if undated:
        text += f" ({undated:,} undated)"
    return text


def chart_caption(filters: Filters, names: Mapping[str, str], summary: Mapping, *, extra: Sequence[str] = ()) -> str:
    """The line under a chart title: filters, the view's own settings, and the source."""
    parts = [describe_filters(filters, names), *[e for e in extra if e], source_line(summary)]
    return " · ".join(parts)


def empty_message(
    what: str,
    filters: Filters,
    names: Mapping[str, str],
    *,
    conditions: Sequence[str] = (),
    remedies: Sequence[str] = (),
) -> str:
    """Why a view is empty and how to widen it.

    >>> empty_message("events", Filters(actors=("anna-berg",)), {"anna-berg": "Anna Berg"})
    'No events for Anna Berg. Remove the actor filter to see more.'
    """
    why = [f"No {what}"]
    if filters.actors:
        why.append(f"for {list_phrase(actor_names(filters, names), limit=3)}")
    if filters.types:
        why.append(f"among {list_phrase([type_label(t, plural=True).lower() for t in filters.types], limit=4)}")
    if filters.has_dates:
        why.append(date_phrase(filters.date_from, filters.date_to))
    why.extend(c for c in conditions if c)
    sentence = " ".join(why) + "."
    fixes = list(r for r in remedies if r)
    if filters.has_dates:
        fixes.append("clear the date range")
    if filters.actors:
        fixes.append("remove the actor filter" if len(filters.actors) == 1 else "remove some actors")
    if filters.types:
        fixes.append("clear the type filter")
    if not fixes:
        return f"{sentence} The store has none yet: add articles that contain them."
    advice = list_phrase(fixes, limit=len(fixes), conjunction="or")
    return f"{sentence} {advice[0].upper()}{advice[1:]} to see more."


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&$:])")


def md(text: object) -> str:
    """Text from an article or a URL, made inert for Streamlit's markdown (labels, st.info, captions):
    every markdown and HTML character is backslash-escaped, so a name like ``[x](javascript:...)`` or
    ``**Note**`` shows as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def _iso(value) -> str:
    return value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)[:10]
