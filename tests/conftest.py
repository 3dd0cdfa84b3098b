"""Shared fixtures: one spaCy pipeline per session, stores built from the bundled articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
SCRAPED_SAMPLE = ARTICLES / "china-supports-sco-2022-04-25.txt"


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SCRAPED_SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory) -> Path:
    """A store built once from data/articles; copy it (``sample_store``) before writing to it."""
    from newsgraph.ingest import ingest_paths
    from newsgraph.store import Store

    path = tmp_path_factory.mktemp("sample-store") / "newsgraph.duckdb"
    report = ingest_paths([ARTICLES], Store(path))
    assert report.ok, report.failures
    return path


@pytest.fixture
def sample_store(sample_store_path, tmp_path):
    from newsgraph.store import Store

    path = tmp_path / "newsgraph.duckdb"
    shutil.copy(sample_store_path, path)
    return Store(path)


@pytest.fixture
def empty_store(tmp_path):
    from newsgraph.store import Store

    return Store(tmp_path / "empty.duckdb")


@pytest.fixture
def doc_of(nlp):
    """Process one text as an article published on the given date (ISO string or None)."""
    from datetime import date

    from newsgraph.nlp import make_doc
    from newsgraph.sources import Article

    def run(text: str, published: str | None = "2022-04-25"):
        article = Article(title=None, published=date.fromisoformat(published) if published else None, source=None, text=text)
        return nlp(make_doc(nlp, article))

    return run
