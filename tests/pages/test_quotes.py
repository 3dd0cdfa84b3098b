"""The Quotes page in AppTest: search, kinds, speakers, paging, cards, the who-is-quoted chart."""

from __future__ import annotations

import re

from newsgraph import queries
from newsgraph.filters import Filters
from tests.pages.conftest import QUOTES, figure_title, figures, html_of, messages, no_errors


def cards(app) -> list[str]:
    return [b for b in html_of(app) if b.startswith('<div class="ng-evidence ng-quote')]


def total(app) -> int:
    heading = next(h.value for h in app.subheader if re.match(r"^[\d,]+ quotes?$", h.value))
    return int(heading.split()[0].replace(",", ""))


def test_the_quotes_page_counts_pages_and_charts_the_speakers(open_app, store):
    app = open_app(QUOTES)
    no_errors(app)
    with store.read() as con:
        count = queries.quote_count(con, Filters())
        speakers = queries.quote_speakers(con, Filters(), limit=15)
    assert total(app) == count
    assert len(cards(app)) == min(20, count)
    chart = figures(app)[0]
    assert figure_title(chart) == "Who is quoted most"
    direct, reported = chart["data"]
    assert sum(direct["x"]) + sum(reported["x"]) == int(speakers["quotes"].sum())


def test_search_finds_the_quotes_with_the_word(open_app, store):
    with store.read() as con:
        sample = queries.quotes(con, Filters(), limit=1)["text"].iloc[0]
    word = max(re.findall(r"[A-Za-z]{6,}", sample), key=len)
    app = open_app(QUOTES)
    app.text_input(key="ng.quotes.search").input(word).run()
    no_errors(app)
    with store.read() as con:
        expected = queries.quote_count(con, Filters(), search=word)
    assert total(app) == expected >= 1
    assert app.query_params["q"] == word
    assert figure_title(figures(app)[0]) == f"Who is quoted most on “{word}”"


def test_kind_and_speaker_filters(open_app, store):
    with store.read() as con:
        speakers = queries.quote_speakers(con, Filters())
    speaker = speakers.dropna(subset=["speaker_id"]).iloc[0]
    app = open_app(QUOTES)
    app.multiselect(key="ng.quotes.speakers").set_value([speaker["speaker_id"]]).run()
    no_errors(app)
    assert total(app) == speaker["quotes"]
    assert all(speaker["speaker"] in card for card in cards(app))
    app.pills(key="ng.quotes.kinds").set_value(["direct"]).run()
    if speaker["direct"]:
        assert total(app) == speaker["direct"]
        assert all("Direct quote" in card for card in cards(app))
    assert app.query_params["speaker"] == speaker["speaker_id"]


def test_paging_moves_through_the_results(open_app, store):
    with store.read() as con:
        count = queries.quote_count(con, Filters())
    app = open_app(QUOTES)
    first = cards(app)
    if count <= 20:
        assert not app.pagination
        return
    app.pagination[0].set_value(2).run()
    second = cards(app)
    assert second and set(second).isdisjoint(first)
    assert app.query_params["page"] == "2"
    app.text_input(key="ng.quotes.search").input("the").run()  # a new query starts at page 1
    assert "page" not in app.query_params


def test_every_card_has_its_context_paragraph(open_app):
    app = open_app(QUOTES)
    assert [e.label for e in app.expander].count("Context paragraph") == len(cards(app))
    contexts = [b for b in html_of(app) if b.startswith('<div class="ng-evidence"><')]
    assert all("<mark>" in c for c in contexts)


def test_a_search_with_no_result_says_how_to_widen_it(open_app):
    app = open_app(QUOTES, params={"q": "zzqqxx-nothing"})
    no_errors(app)
    message = messages(app.info)
    assert "No quotes matching “zzqqxx-nothing”" in message and "clear the search" in message.lower()


def test_an_empty_store_says_so(open_app, empty_db):
    app = open_app(QUOTES, db=empty_db)
    no_errors(app)
    assert any("no articles yet" in i.value for i in app.info)
