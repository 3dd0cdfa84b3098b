"""The app in a real browser: every page, deep links, filters across pages, clicking a node."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.helpers import exceptions, open_page, plotly_points, screenshot, wait_charts, wait_idle

PAGES = [
    ("", "overview", "Newsgraph", 1),
    ("Network", "network", "Network", 1),
    ("Timeline", "timeline", "Timeline", 1),
    ("Quotes", "quotes", "Quotes", 1),
]


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def squash(text: str) -> str:
    """Plotly breaks long captions into lines (joined without spaces in the DOM): compare without spaces."""
    return "".join(text.split())


def chart_text(page) -> list[str]:
    """All text drawn in each plotly chart (title, caption, labels), one string per chart."""
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(g => "
        "Array.from(g.querySelectorAll('text')).map(t => t.textContent).join(' '))"
    )


def sidebar_actor_chips(page) -> list[str]:
    """The labels of the actors picked in the sidebar ('SCO · Organization · 63')."""
    tags = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.locator(".react-aria-ComboBox [data-tag]")
    return [tags.nth(i).get_attribute("aria-label") or "" for i in range(tags.count())]


@pytest.mark.parametrize("path, name, heading, charts", PAGES)
def test_every_page_renders_and_is_screenshotted(app_server, page, screenshots, path, name, heading, charts):
    open_page(page, f"{app_server.url}/{path}")
    wait_charts(page, count=charts)
    assert exceptions(page) == []
    assert page.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text().strip() == heading
    # every chart states what it shows and where its data comes from
    figure_text = chart_text(page)
    assert len(figure_text) >= charts
    assert all(squash("Source: 29 articles") in squash(text) for text in figure_text)
    saved = screenshot(page, screenshots / f"{name}.png")
    assert saved.stat().st_size > 20_000


def test_a_deep_link_on_a_fresh_server_restores_the_filters(fresh_server, page, screenshots):
    actor, name = fresh_server.top_actor()
    # the very first request to this server is a page other than app.py, with filters in the URL
    open_page(page, f"{fresh_server.url}/Timeline?actor={actor}&from=2020-01-01&to=2025-12-31")
    wait_charts(page)
    assert exceptions(page) == []
    assert sidebar_actor_chips(page) and sidebar_actor_chips(page)[0].startswith(name)
    dates = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input')
    assert [dates.nth(0).input_value(), dates.nth(1).input_value()] == ["2020-01-01", "2025-12-31"]
    text = squash(chart_text(page)[0])
    assert squash(f"Events involving {name}") in text
    assert squash("Between 2020-01-01 and 2025-12-31") in text
    params = query(page.url)
    assert params["actor"] == [actor] and params["from"] == ["2020-01-01"] and params["to"] == ["2025-12-31"]
    screenshot(page, screenshots / "deep-link-timeline.png")


def test_a_filter_set_on_one_page_is_found_on_the_next(app_server, page):
    actor, name = app_server.top_actor(type="GPE")
    open_page(page, f"{app_server.url}/")
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    picker.locator("input").click()
    page.keyboard.type(name)
    page.locator('[role="option"]', has_text=name).first.click()
    page.keyboard.press("Escape")
    wait_idle(page)
    assert query(page.url)["actor"] == [actor]
    assert sidebar_actor_chips(page)[0].startswith(name)

    page.locator('[data-testid="stSidebar"] a', has_text="Quotes").click()
    wait_idle(page)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1:has-text("Quotes")')
    wait_idle(page)
    assert urlparse(page.url).path == "/Quotes"
    assert query(page.url)["actor"] == [actor]
    assert sidebar_actor_chips(page)[0].startswith(name)
    assert exceptions(page) == []

    page.locator('[data-testid="stSidebar"] a', has_text="Network").click()
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1:has-text("Network")')
    wait_idle(page)
    wait_charts(page)
    assert query(page.url)["actor"] == [actor]
    assert squash(f"Around {name}") in squash(chart_text(page)[0])

    page.locator('[data-testid="stSidebar"] button', has_text="Clear filters").click()
    wait_idle(page)
    assert "actor" not in query(page.url)
    assert sidebar_actor_chips(page) == []


def test_clicking_a_node_shows_its_card_and_evidence(app_server, page, screenshots):
    open_page(page, f"{app_server.url}/Network")
    nodes = plotly_points(page, kind="node")
    biggest = max(nodes, key=lambda p: p["size"])
    page.mouse.click(biggest["x"], biggest["y"])
    wait_idle(page)
    node_id = biggest["id"][0]
    assert query(page.url)["node"] == [node_id]
    card_title = page.locator('[data-testid="stMainBlockContainer"] h4').first.inner_text()
    assert card_title
    page.locator('[data-testid="stExpander"] summary').first.click()
    evidence = page.locator(".ng-evidence mark").first
    evidence.wait_for(timeout=10_000)
    assert evidence.inner_text().strip()
    assert page.locator(".ng-evidence .ng-meta b").first.inner_text().strip()  # the article's title
    screenshot(page, screenshots / "network-node-card.png")

    # one click filters the whole app by it
    page.locator("button", has_text=f"Filter the whole app by {card_title}").click()
    wait_idle(page)
    assert query(page.url)["actor"] == [node_id]


def test_clicking_a_tie_shows_its_sentences(app_server, page):
    open_page(page, f"{app_server.url}/Network")
    ties = plotly_points(page, kind="edge")
    assert ties
    page.mouse.click(ties[0]["x"], ties[0]["y"])
    wait_idle(page)
    assert page.locator(".ng-evidence mark").count() >= 1
    assert " — " in page.locator('[data-testid="stMainBlockContainer"] h4').first.inner_text()


def test_clicking_an_event_shows_its_evidence(app_server, page):
    open_page(page, f"{app_server.url}/Timeline")
    events = plotly_points(page, kind="event")
    day = next(p for p in events if p["size"])  # day dots and month markers carry a size
    page.mouse.click(day["x"], day["y"])
    wait_idle(page)
    mark = page.locator(".ng-evidence mark").first
    mark.wait_for(timeout=10_000)
    assert mark.inner_text().strip()


def test_readme_screenshot_of_the_network(app_server, page, screenshots):
    """The README's picture: the network page as a newcomer first sees it, under 500 KB.

    Saved with the other screenshots; NEWSGRAPH_README_SCREENSHOT=1 also writes it to
    docs/screenshot-network.png (so an ordinary test run leaves the repository untouched).
    """
    import os
    import shutil

    from PIL import Image

    from tests.e2e.conftest import ROOT

    page.set_viewport_size({"width": 1440, "height": 1180})
    open_page(page, f"{app_server.url}/Network")
    wait_charts(page)
    wait_idle(page)
    target = screenshots / "readme-network.png"
    page.screenshot(path=str(target))
    Image.open(target).convert("P", palette=Image.ADAPTIVE, colors=160).save(target, optimize=True)
    assert 20_000 < target.stat().st_size < 500_000
    if os.environ.get("NEWSGRAPH_README_SCREENSHOT") == "1":
        shutil.copy(target, ROOT / "docs" / "screenshot-network.png")
