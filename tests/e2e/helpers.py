"""Small Playwright helpers for driving a Streamlit page."""

from __future__ import annotations

from pathlib import Path

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def wait_idle(page, *, timeout: float = 60_000) -> None:
    """Wait until the script run an interaction triggered has finished and nothing is stale."""
    page.wait_for_timeout(250)  # let a rerun start before asking whether it has ended
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_function("() => document.querySelectorAll('[data-stale=\"true\"]').length === 0", timeout=timeout)
    # widgets load their code lazily and show a grey skeleton until then
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=timeout)
    page.wait_for_timeout(400)  # plotly draws after the script run ends


def open_page(page, url: str) -> None:
    """Load a page and wait for its first script run to finish (every page has an h1 title)."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=90_000)
    wait_idle(page)


def exceptions(page) -> list[str]:
    return [e.inner_text() for e in page.locator('[data-testid="stException"]').all()]


def screenshot(page, path: Path) -> Path:
    """The whole page: grow the viewport to the content's height first (Streamlit scrolls inside a div)."""
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMainBlockContainer\"]');"
        " return m ? m.scrollHeight + 120 : document.body.scrollHeight; }"
    )
    page.evaluate("() => document.querySelectorAll('[data-testid=\"stMain\"], [data-testid=\"stAppViewContainer\"]').forEach(e => e.scrollTo(0, 0))")
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": max(800, min(int(height), 6000))})
    page.wait_for_timeout(700)
    wait_idle(page)
    page.screenshot(path=str(path))
    return path


def wait_charts(page, *, count: int = 1, timeout: float = 30_000) -> None:
    """Plotly loads lazily: wait until ``count`` charts have been drawn."""
    page.wait_for_function(
        "(n) => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(g => g._fullLayout).length >= n",
        arg=count, timeout=timeout,
    )


def plotly_points(page, *, kind: str, chart: int = 0) -> list[dict]:
    """Screen positions of the points whose customdata starts with ``kind`` ("node", "edge", "event")."""
    wait_charts(page, count=chart + 1)
    return page.evaluate(
        """([kind, chart]) => {
            const gd = document.querySelectorAll('.js-plotly-plot')[chart];
            const box = gd.getBoundingClientRect();
            const layout = gd._fullLayout;
            const points = [];
            gd._fullData.forEach((trace, t) => {
                (trace.customdata || []).forEach((c, i) => {
                    if (!c || c[0] !== kind) return;
                    const xa = layout[trace.xaxis === 'x' ? 'xaxis' : 'xaxis' + trace.xaxis.slice(1)];
                    const ya = layout[trace.yaxis === 'y' ? 'yaxis' : 'yaxis' + trace.yaxis.slice(1)];
                    const x = xa.l2p(xa.d2l(trace.x[i])) + xa._offset + box.left;
                    const y = ya.l2p(ya.d2l(trace.y[i])) + ya._offset + box.top;
                    const size = Array.isArray(trace.marker.size) ? trace.marker.size[i] : trace.marker.size;
                    points.push({trace: t, index: i, id: c.slice(1), x: x, y: y, size: size});
                });
            });
            return points;
        }""",
        [kind, chart],
    )
