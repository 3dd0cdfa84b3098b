"""AppTest helpers: run a page of the app on a given store, read its charts and its HTML."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
NETWORK, TIMELINE, QUOTES = "pages/1_Network.py", "pages/2_Timeline.py", "pages/3_Quotes.py"


@pytest.fixture(scope="module")
def app_db(sample_store_path, tmp_path_factory) -> Path:
    """A private copy of the sample store for one test module."""
    path = tmp_path_factory.mktemp("app-store") / "newsgraph.duckdb"
    shutil.copy(sample_store_path, path)
    return path


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory) -> Path:
    """A store with the schema and no article."""
    from newsgraph.store import Store

    path = tmp_path_factory.mktemp("empty-store") / "newsgraph.duckdb"
    with Store(path).transaction():
        pass
    return path


@pytest.fixture
def open_app(monkeypatch, app_db):
    """open_app(page=None, params=None, db=None) -> AppTest after its first run."""

    def run(page: str | None = None, *, params: dict | None = None, db: Path | None = None) -> AppTest:
        monkeypatch.setenv("NEWSGRAPH_DB", str(db or app_db))
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        if page:
            app.switch_page(page)
        for key, value in (params or {}).items():
            app.query_params[key] = value
        return app.run()

    return run


@pytest.fixture
def store(app_db):
    from newsgraph.store import Store

    return Store(app_db)


def figures(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def figure_title(figure: dict) -> str:
    return figure["layout"]["title"]["text"].replace("<b>", "").replace("</b>", "")


def figure_caption(figure: dict) -> str:
    return figure["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")


def html_of(app: AppTest) -> list[str]:
    return [element.proto.body for element in app.get("html")]


def plain(text: str) -> str:
    """Text the app escaped for markdown, read back as the user sees it."""
    return re.sub(r"\\(.)", r"\1", text)


def messages(elements) -> str:
    """The text of st.info/st.warning/st.caption elements, unescaped and joined."""
    return " ".join(plain(e.value) for e in elements)


def no_errors(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
