from datetime import date

import pandas as pd
import pytest

from components.evidence import (
    Evidence,
    evidence_from_row,
    evidence_html,
    format_date,
    highlight_html,
    paragraph_bounds,
    safe_link,
    trim_span,
)

TEXT = (
    "ASEAN ministers meet in Jakarta\n\n"
    "The foreign ministers of ASEAN met in Jakarta on Tuesday. They discussed the South China Sea.\n\n"
    "Indonesia's minister said the talks were \"frank\". A joint statement followed."
)


def span_of(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.mark.parametrize(
    "part, paragraph",
    [
        ("They discussed the South China Sea.", "The foreign ministers of ASEAN met in Jakarta on Tuesday. They discussed the South China Sea."),
        ("ASEAN ministers meet in Jakarta", "ASEAN ministers meet in Jakarta"),
        ("A joint statement followed.", "Indonesia's minister said the talks were \"frank\". A joint statement followed."),
    ],
)
def test_paragraph_bounds(part, paragraph):
    start, end = paragraph_bounds(TEXT, *span_of(TEXT, part))
    assert TEXT[start:end] == paragraph


def test_a_sentence_ending_in_a_paragraph_break_stays_in_its_paragraph():
    start, end = span_of(TEXT, "ASEAN ministers meet in Jakarta\n\n")
    assert trim_span(TEXT, start, end) == span_of(TEXT, "ASEAN ministers meet in Jakarta")
    lo, hi = paragraph_bounds(TEXT, start, end)
    assert TEXT[lo:hi] == "ASEAN ministers meet in Jakarta"


def test_highlight_escapes_article_text_before_marking_it():
    text = "Officials said <script>alert('x')</script> & more. The summit <b>ended</b>."
    start, end = span_of(text, "The summit <b>ended</b>.")
    out = highlight_html(text, start, end)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<mark>The summit &lt;b&gt;ended&lt;/b&gt;.</mark>" in out
    assert "&amp; more" in out


def test_highlight_bolds_emphasis_terms_inside_the_mark_only():
    start, end = span_of(TEXT, "The foreign ministers of ASEAN met in Jakarta on Tuesday.")
    window = paragraph_bounds(TEXT, start, end)
    out = highlight_html(TEXT, start, end, window=window, emphasis=("ASEAN", "Tuesday"))
    assert out.startswith("<mark>The foreign ministers of <b>ASEAN</b> met in Jakarta on <b>Tuesday</b>.</mark>")
    assert "They discussed" in out and "<b>" not in out.split("</mark>")[1]


@pytest.mark.parametrize(
    "url, label, linked",
    [
        ("https://asean.org/statement", "asean.org", True),
        ("http://example.org/a?b=1&c=2", None, True),
        ("javascript:alert(1)", None, False),
        ("data/articles/local.txt", "local.txt", False),
        (None, None, False),
    ],
)
def test_safe_link_links_only_web_addresses(url, label, linked):
    out = safe_link(url, label)
    assert ("<a href=" in out) == linked
    assert "href=\"javascript" not in out
    if url and "&" in url:
        assert "&amp;" in out


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, "undated"),
        (pd.NaT, "undated"),
        (float("nan"), "undated"),
        (date(2022, 4, 25), "2022-04-25"),
        (pd.Timestamp("2019-03-07"), "2019-03-07"),
        ("2020-01-02T00:00:00", "2020-01-02"),
    ],
)
def test_format_date(value, expected):
    assert format_date(value) == expected


def test_evidence_card_shows_the_sentence_in_its_paragraph_with_the_article():
    start, end = span_of(TEXT, "They discussed the South China Sea.")
    item = Evidence("They discussed the South China Sea.", start, end, "ASEAN <meets>", date(2023, 2, 7), "https://news.example/asean", "meeting")
    out = evidence_html(item, text=TEXT)
    assert "<mark>They discussed the South China Sea.</mark>" in out
    assert "The foreign ministers of ASEAN met in Jakarta on Tuesday." in out  # the paragraph around it
    assert "Indonesia" not in out  # not the next paragraph
    assert "ASEAN &lt;meets&gt;" in out and "2023-02-07" in out and 'href="https://news.example/asean"' in out
    assert '<span class="ng-kind">meeting</span>' in out


def test_evidence_card_without_the_article_text_marks_the_sentence_alone():
    item = Evidence("NATO & the EU agreed.", None, None, None, None, None)
    out = evidence_html(item)
    assert "<mark>NATO &amp; the EU agreed.</mark>" in out and "Untitled article" in out and "undated" in out


def test_evidence_from_a_query_row():
    row = {"sentence": "X met Y.", "sentence_start": 4, "sentence_end": 12, "article_title": "T", "published": pd.NaT,
           "article_source": None}
    item = evidence_from_row(row, kind="meeting")
    assert (item.sentence_start, item.sentence_end, item.kind, item.article_title) == (4, 12, "meeting", "T")
    assert evidence_from_row({**row, "sentence_start": float("nan")}).sentence_start is None
