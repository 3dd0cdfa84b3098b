"""Article text is data, never markup: an article full of HTML and markdown shows as written."""

from __future__ import annotations

import json
import re

import pytest

from tests.pages.conftest import NETWORK, QUOTES, TIMELINE, figures, html_of, no_errors

HOSTILE = (
    '{"title": "<img src=x onerror=alert(1)> **Summit** [click](javascript:alert(2))", '
    '"published": "2023-05-04", "url": "javascript:alert(3)", '
    '"text": "The African Union and ECOWAS met in Abuja on 3 May 2023. '
    'The African Union <script>alert(4)</script> signed an agreement with ECOWAS. '
    'Moussa Faki said: \\"We will act <b>now</b> and **together**.\\" '
    'In March 2023 the African Union and the European Union held talks in Brussels."}\n'
)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    from newsgraph.ingest import ingest_paths
    from newsgraph.store import Store

    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.jsonl"
    source.write_text(HOSTILE, encoding="utf-8")
    json.loads(HOSTILE)  # the fixture itself is valid JSON Lines
    db = folder / "newsgraph.duckdb"
    report = ingest_paths([source], Store(db))
    assert report.ok and len(report.added) == 1
    return db


def check_inert(app) -> None:
    """HTML the page sends has no tag or link of the article's; markdown it sends has no bare
    '<' or link syntax, so neither can run or link anywhere."""
    for body in html_of(app):
        assert "<script" not in body and "<img" not in body and 'href="javascript' not in body, body
    markdown = [m.value for m in app.markdown] + [c.value for c in app.caption] + [e.label for e in app.expander]
    markdown += [b.label for b in app.button] + [i.value for i in app.info] + [w.value for w in app.warning]
    for text in markdown:
        assert not re.search(r"(?<!\\)<", text), text
        assert not re.search(r"(?<!\\)\]\(", text), text


@pytest.mark.parametrize("page", [None, NETWORK, TIMELINE, QUOTES])
def test_no_page_lets_article_markup_through(open_app, hostile_db, page):
    app = open_app(page, db=hostile_db)
    no_errors(app)
    check_inert(app)
    picks = {NETWORK: ("ng.network.node", "node"), TIMELINE: ("ng.timeline.event", "event")}
    if page in picks:  # open a node's card / an event's evidence: more article text on screen
        key, kind = picks[page]
        ids = [c[1] for f in figures(app) for t in f["data"] for c in t.get("customdata") or [] if c[0] == kind]
        assert ids
        app.selectbox(key=key).set_value(ids[0]).run()
        no_errors(app)
        assert any(body.startswith('<div class="ng-evidence') for body in html_of(app))
        check_inert(app)
