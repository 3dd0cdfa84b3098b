"""The pipeline runner: one process or several, the same records in the same order."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph import nlp as nlp_module
from newsgraph.nlp import partitions, process
from newsgraph.sources import Article

ARTICLES = [
    Article(title="Ports", published=date(2023, 5, 14), source=None,
            text="The port authority of Rotterdam signed a memorandum with the Port of Antwerp on Friday. "
            "\u201cWe compete less than people think,\u201d said Allard Castelein, the authority's chief executive."),
    Article(title="Grain", published=None, source=None, text="Ukraine and Turkey agreed on a grain corridor in July 2022."),
    Article(title="Summit", published=date(2021, 11, 30), source=None,
            text="Leaders of the African Union met in Addis Ababa last week. The AU Commission said it would "
            "publish its report in March."),
] * 4  # more articles than one task holds, so that the work spreads over both workers


def _comparable(records):
    return [(r.article.id, r.entities, r.mentions, r.relations, r.events, r.quotes) for r in records]


def test_two_worker_processes_give_the_records_of_one_in_order(nlp):
    one = list(process(iter(ARTICLES), n_process=1, batch_size=2))
    two = list(process(iter(ARTICLES), n_process=2, batch_size=2))
    assert [r.article for r in two] == ARTICLES
    assert _comparable(two) == _comparable(one)
    assert any(r.quotes for r in two) and any(r.events for r in two)  # the workers ran our components
    assert {r.model for r in two} == {r.model for r in one}


def test_an_error_in_a_worker_reaches_the_caller(nlp, monkeypatch):
    def broken(doc):
        raise ValueError(f"cannot extract from {doc.text[:12]!r}")

    monkeypatch.setattr(nlp_module, "extracted", broken)  # the forked workers inherit it
    with pytest.raises(ValueError, match="cannot extract"):
        list(process(iter(ARTICLES), n_process=2))


@pytest.mark.parametrize(
    ("count", "size", "expected"),
    [(0, 3, []), (1, 3, [1]), (3, 3, [3]), (7, 3, [3, 3, 1]), (8, 4, [4, 4])],
)
def test_partitions_keep_every_article_in_order(count, size, expected):
    articles = [Article(title=None, published=None, source=None, text=f"text {i}") for i in range(count)]
    parts = list(partitions(iter(articles), size))
    assert [len(p) for p in parts] == expected
    assert [a for p in parts for a in p] == articles
