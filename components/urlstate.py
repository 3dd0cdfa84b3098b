"""The shared filters as URL query parameters, and back. Pure: no Streamlit here.

The URL is the state: ``?actor=sco&actor=csto&from=2019-01-01&to=2020-12-31&type=ORG``. Actors are
entity ids (stable slugs, never display labels with counts), dates are ISO, types are spaCy labels.
Hand-written links may also use ``actor=sco,csto``, ``from=2019`` (the first day of 2019) or
``to=2020-06`` (the last day of June 2020).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from newsgraph.filters import Filters

ACTOR, DATE_FROM, DATE_TO, TYPE = "actor", "from", "to", "type"
FILTER_PARAMS = (ACTOR, DATE_FROM, DATE_TO, TYPE)

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


@dataclass(frozen=True)
class ParsedFilters:
    filters: Filters
    problems: tuple[str, ...] = ()  # what the link asked for that could not be used, said to the user


def values_of(params: Mapping[str, str | Sequence[str]], name: str) -> list[str]:
    """All values of a parameter, split on commas, stripped, empty ones dropped, order kept, no repeats."""
    raw = params.get(name)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    seen: dict[str, None] = {}
    for item in items:
        for part in str(item).split(","):
            part = part.strip()
            if part:
                seen.setdefault(part, None)
    return list(seen)


def parse_date(text: str, *, end: bool) -> date | None:
    """An ISO date, or a year or year-month widened to its first (``end=False``) or last day."""
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return date(year, month, day)
    except ValueError:
        return None


def has_filter_params(params: Mapping[str, str | Sequence[str]]) -> bool:
    return any(name in params for name in FILTER_PARAMS)


def filters_from_params(
    params: Mapping[str, str | Sequence[str]],
    *,
    known_actors: Collection[str] | None = None,
    known_types: Collection[str] | None = None,
) -> ParsedFilters:
    """Read the shared filters from query parameters; unusable values are dropped and reported."""
    problems: list[str] = []

    actors = values_of(params, ACTOR)
    if known_actors is not None:
        unknown = [a for a in actors if a not in known_actors]
        if unknown:
            problems.append(f"unknown actor id {', '.join(repr(a) for a in unknown)} (not in this store)")
        actors = [a for a in actors if a in known_actors]

    types = [t.upper() for t in values_of(params, TYPE)]
    types = list(dict.fromkeys(types))
    if known_types is not None:
        unknown = [t for t in types if t not in known_types]
        if unknown:
            problems.append(f"unknown entity type {', '.join(unknown)}")
        types = [t for t in types if t in known_types]

    bounds: dict[str, date | None] = {}
    for name, end in ((DATE_FROM, False), (DATE_TO, True)):
        texts = values_of(params, name)
        bounds[name] = None
        if texts:
            parsed = parse_date(texts[-1], end=end)
            if parsed is None:
                problems.append(f"{name}={texts[-1]!r} is not a date (use YYYY-MM-DD)")
            bounds[name] = parsed
    date_from, date_to = bounds[DATE_FROM], bounds[DATE_TO]
    if date_from and date_to and date_from > date_to:
        problems.append(f"from {date_from} is after to {date_to}; swapped them")
        date_from, date_to = date_to, date_from

    filters = Filters(actors=tuple(actors), date_from=date_from, date_to=date_to, types=tuple(types))
    return ParsedFilters(filters, tuple(problems))


def params_from_filters(filters: Filters) -> dict[str, list[str]]:
    """The canonical query parameters of a filter set; an empty filter set gives no parameters."""
    params: dict[str, list[str]] = {}
    if filters.actors:
        params[ACTOR] = list(filters.actors)
    if filters.date_from is not None:
        params[DATE_FROM] = [filters.date_from.isoformat()]
    if filters.date_to is not None:
        params[DATE_TO] = [filters.date_to.isoformat()]
    if filters.types:
        params[TYPE] = list(filters.types)
    return params


def resolve_filters(*, url: Filters | None, session: Filters | None, widget_changed: bool) -> Filters:
    """Which filter set a page run uses.

    - a widget the user just changed wins (its callback already wrote the session copy);
    - else a URL that carries filter parameters (a deep link, a shared link, back/forward);
    - else the session's copy: switching pages through links that drop the query keeps the filters;
    - else no filters.
    """
    if widget_changed and session is not None:
        return session
    if url is not None:
        return url
    return session if session is not None else Filters()


def with_actor(filters: Filters, actor: str, *, only: bool = False) -> Filters:
    """Filters narrowed to one actor (``only``) or with the actor added."""
    if only:
        return replace(filters, actors=(actor,))
    if actor in filters.actors:
        return filters
    return replace(filters, actors=filters.actors + (actor,))
