from datetime import date

import pytest

from components.captions import chart_caption, date_phrase, describe_filters, empty_message, list_phrase, source_line
from newsgraph.filters import Filters

NAMES = {"zhang-ming": "Zhang Ming", "asean": "ASEAN", "nato": "NATO", "eu": "EU", "au": "African Union"}


@pytest.mark.parametrize(
    "items, expected",
    [
        ([], ""),
        (["ASEAN"], "ASEAN"),
        (["ASEAN", "NATO"], "ASEAN and NATO"),
        (["ASEAN", "NATO", "EU"], "ASEAN, NATO and EU"),
        (["ASEAN", "NATO", "EU", "African Union", "OSCE"], "ASEAN, NATO, EU and 2 more"),
    ],
)
def test_list_phrase(items, expected):
    assert list_phrase(items) == expected


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (None, None, ""),
        (date(2019, 1, 1), None, "from 2019-01-01"),
        (None, date(2020, 12, 31), "until 2020-12-31"),
        (date(2019, 1, 1), date(2020, 12, 31), "between 2019-01-01 and 2020-12-31"),
        (date(2021, 3, 4), date(2021, 3, 4), "on 2021-03-04"),
    ],
)
def test_date_phrase(start, end, expected):
    assert date_phrase(start, end) == expected


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(), "No filters"),
        (Filters(actors=("asean", "nato")), "Actors: ASEAN and NATO"),
        (Filters(actors=("unknown-id",)), "Actors: unknown-id"),
        (Filters(date_from=date(2019, 1, 1), types=("ORG",)), "From 2019-01-01 · Types: organizations"),
        (Filters(actors=("eu",), date_from=date(2019, 1, 1), date_to=date(2019, 6, 30)),
         "Actors: EU · Between 2019-01-01 and 2019-06-30"),
    ],
)
def test_describe_filters(filters, expected):
    assert describe_filters(filters, NAMES) == expected


@pytest.mark.parametrize(
    "summary, expected",
    [
        ({"articles": 0}, "Source: 0 articles"),
        ({"articles": 1, "first": date(2021, 5, 2), "last": date(2021, 5, 2)}, "Source: 1 article, 2021-05-02"),
        ({"articles": 1200, "first": date(2015, 7, 9), "last": date(2025, 9, 1), "undated": 7},
         "Source: 1,200 articles, 2015-07-09 to 2025-09-01 (7 undated)"),
    ],
)
def test_source_line(summary, expected):
    assert source_line(summary) == expected


def test_chart_caption_joins_filters_view_and_source():
    caption = chart_caption(Filters(actors=("au",)), NAMES, {"articles": 3, "first": date(2020, 1, 1), "last": date(2020, 2, 1)},
                            extra=["Top 10 of 12", ""])
    assert caption == "Actors: African Union · Top 10 of 12 · Source: 3 articles, 2020-01-01 to 2020-02-01"


@pytest.mark.parametrize(
    "what, filters, conditions, remedies, expected",
    [
        ("events", Filters(actors=("zhang-ming",), date_from=date(2019, 1, 1), date_to=date(2020, 12, 31)), [], [],
         "No events for Zhang Ming between 2019-01-01 and 2020-12-31. Clear the date range or remove the actor filter to see more."),
        ("quotes", Filters(), ["matching “pipeline”"], ["clear the search"],
         "No quotes matching “pipeline”. Clear the search to see more."),
        ("ties", Filters(types=("PERSON",)), ["with a weight of at least 5"], ["lower the minimum tie weight"],
         "No ties among people with a weight of at least 5. Lower the minimum tie weight or clear the type filter to see more."),
        ("quotes", Filters(actors=("asean", "nato")), [], [],
         "No quotes for ASEAN and NATO. Remove some actors to see more."),
        ("events", Filters(), [], [], "No events. The store has none yet: add articles that contain them."),
    ],
)
def test_empty_message_says_why_and_how_to_widen(what, filters, conditions, remedies, expected):
    assert empty_message(what, filters, NAMES, conditions=conditions, remedies=remedies) == expected


@pytest.mark.parametrize(
    "text",
    ["[click](javascript:alert(1))", "**Not bold**", "<script>alert(1)</script>", "a_b_c", ":material/warning:", "1. not a list"],
)
def test_md_makes_article_text_inert_in_markdown(text):
    import re

    from components.captions import md

    escaped = md(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == text  # reads back as written
    assert not re.search(r"(?<!\\)[\[\]()*_<>:]", escaped)  # no markdown or HTML character left bare
