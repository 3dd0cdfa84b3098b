from datetime import date

import pytest

from components.urlstate import (
    filters_from_params,
    has_filter_params,
    params_from_filters,
    parse_date,
    resolve_filters,
    values_of,
    with_actor,
)
from newsgraph.filters import Filters


@pytest.mark.parametrize(
    "params, name, expected",
    [
        ({}, "actor", []),
        ({"actor": "asean"}, "actor", ["asean"]),
        ({"actor": ["asean", "nato"]}, "actor", ["asean", "nato"]),
        ({"actor": "asean,nato, african-union"}, "actor", ["asean", "nato", "african-union"]),
        ({"actor": ["nato", "asean", "nato"]}, "actor", ["nato", "asean"]),
        ({"actor": ["", " ", "eu"]}, "actor", ["eu"]),
    ],
)
def test_values_of_splits_strips_and_dedups(params, name, expected):
    assert values_of(params, name) == expected


@pytest.mark.parametrize(
    "text, end, expected",
    [
        ("2019-03-07", False, date(2019, 3, 7)),
        ("2019", False, date(2019, 1, 1)),
        ("2019", True, date(2019, 12, 31)),
        ("2020-02", True, date(2020, 2, 29)),
        ("2021-02", True, date(2021, 2, 28)),
        ("2021-11", False, date(2021, 11, 1)),
        (" 2018-6-5 ", False, date(2018, 6, 5)),
        ("2020-13", False, None),
        ("2021-02-30", False, None),
        ("yesterday", False, None),
        ("07/03/2019", False, None),
    ],
)
def test_parse_date_widens_partial_dates_and_refuses_the_rest(text, end, expected):
    assert parse_date(text, end=end) == expected


@pytest.mark.parametrize(
    "params, known_actors, known_types, expected, problems",
    [
        ({}, None, None, Filters(), []),
        ({"actor": ["asean", "nato"]}, None, None, Filters(actors=("asean", "nato")), []),
        ({"actor": ["asean", "ghost"]}, {"asean"}, None, Filters(actors=("asean",)), ["ghost"]),
        ({"from": "2019", "to": "2020"}, None, None, Filters(date_from=date(2019, 1, 1), date_to=date(2020, 12, 31)), []),
        ({"from": "2022-05-01"}, None, None, Filters(date_from=date(2022, 5, 1)), []),
        ({"from": "2023-01-01", "to": "2021-01-01"}, None, None,
         Filters(date_from=date(2021, 1, 1), date_to=date(2023, 1, 1)), ["swapped"]),
        ({"from": "soon"}, None, None, Filters(), ["not a date"]),
        ({"type": ["org", "PERSON"]}, None, {"ORG", "PERSON"}, Filters(types=("ORG", "PERSON")), []),
        ({"type": "WIDGET"}, None, {"ORG"}, Filters(), ["WIDGET"]),
    ],
)
def test_filters_from_params(params, known_actors, known_types, expected, problems):
    parsed = filters_from_params(params, known_actors=known_actors, known_types=known_types)
    assert parsed.filters == expected
    assert len(parsed.problems) == len(problems)
    for problem, wanted in zip(parsed.problems, problems):
        assert wanted in problem


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(actors=("african-union",)),
        Filters(actors=("asean", "nato"), date_from=date(2019, 1, 1)),
        Filters(date_to=date(2020, 6, 30), types=("ORG", "GPE")),
        Filters(actors=("eu",), date_from=date(2018, 2, 1), date_to=date(2018, 2, 28), types=("PERSON",)),
    ],
)
def test_params_round_trip(filters):
    params = params_from_filters(filters)
    assert has_filter_params(params) == (not filters.is_empty)
    assert filters_from_params(params).filters == filters


def test_params_use_ids_iso_dates_and_codes():
    params = params_from_filters(Filters(actors=("asean",), date_from=date(2019, 1, 5), types=("ORG",)))
    assert params == {"actor": ["asean"], "from": ["2019-01-05"], "type": ["ORG"]}


URL = Filters(actors=("from-url",))
SESSION = Filters(actors=("from-session",))


@pytest.mark.parametrize(
    "url, session, widget_changed, expected",
    [
        (None, None, False, Filters()),
        (URL, None, False, URL),  # a deep link on a fresh session
        (None, SESSION, False, SESSION),  # a page switch that dropped the query
        (URL, SESSION, False, URL),  # a link or back/forward with other filters
        (URL, SESSION, True, SESSION),  # the user just changed a widget: the URL is stale
        (None, SESSION, True, SESSION),
    ],
)
def test_resolve_filters(url, session, widget_changed, expected):
    assert resolve_filters(url=url, session=session, widget_changed=widget_changed) == expected


@pytest.mark.parametrize(
    "start, actor, only, expected",
    [
        (Filters(), "nato", True, ("nato",)),
        (Filters(actors=("eu",)), "nato", True, ("nato",)),
        (Filters(actors=("eu",)), "nato", False, ("eu", "nato")),
        (Filters(actors=("eu", "nato")), "nato", False, ("eu", "nato")),
    ],
)
def test_with_actor(start, actor, only, expected):
    assert with_actor(start, actor, only=only).actors == expected
