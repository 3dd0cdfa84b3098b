"""The DuckDB store: schema, versioning, locking, transactional writes.

Two layers live in the file:

- what extraction produced, in article-local entity ids (``local_entities``, ``mentions``,
  ``relations``, ``events``, ``quotes``...), written once per article and never rewritten;
- the resolved layer (``entities``, ``entity_map``, ``entity_roles``), rebuilt from the first
  layer and the overrides file whenever either changes, so corrections need no text reprocessing.

Connections are short-lived: the app and the CLI take turns on the file instead of one of them
holding it. A writer holds an exclusive lock file for the whole transaction; a second writer waits
up to ``NEWSGRAPH_LOCK_TIMEOUT`` seconds, then gets ``StoreBusy``.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from newsgraph import config

SCHEMA_VERSION = 1

RECORD_TABLES: dict[str, str] = {
    "articles": """
        id VARCHAR PRIMARY KEY, title VARCHAR, published DATE, source VARCHAR, license VARCHAR,
        origin VARCHAR, text VARCHAR NOT NULL, words INTEGER, model VARCHAR, ingested_at TIMESTAMP
    """,
    "local_entities": """
        article_id VARCHAR NOT NULL, local_id INTEGER NOT NULL, name VARCHAR NOT NULL, type VARCHAR NOT NULL,
        aliases VARCHAR[], mentions INTEGER
    """,
    "local_roles": """
        article_id VARCHAR NOT NULL, local_id INTEGER NOT NULL, role VARCHAR NOT NULL,
        org_local INTEGER, org_name VARCHAR
    """,
    "mentions": """
        article_id VARCHAR NOT NULL, local_id INTEGER NOT NULL, start INTEGER, "end" INTEGER, text VARCHAR
    """,
    "relations": """
        id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, source_local INTEGER NOT NULL,
        target_local INTEGER NOT NULL, kind VARCHAR NOT NULL, cue VARCHAR, sentence VARCHAR,
        sentence_start INTEGER, sentence_end INTEGER
    """,
    "events": """
        id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, date VARCHAR NOT NULL, date_start DATE,
        date_end DATE, precision VARCHAR, date_text VARCHAR, summary VARCHAR, sentence VARCHAR,
        sentence_start INTEGER, sentence_end INTEGER
    """,
    "event_actors": "event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, local_id INTEGER NOT NULL",
    "quotes": """
        id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, speaker VARCHAR,
        speaker_local INTEGER, cue VARCHAR, text VARCHAR NOT NULL, text_start INTEGER, text_end INTEGER,
        sentence VARCHAR, sentence_start INTEGER, sentence_end INTEGER
    """,
}

RESOLVED_TABLES: dict[str, str] = {
    "entities": """
        id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, type VARCHAR NOT NULL, aliases VARCHAR[],
        mentions INTEGER, articles INTEGER
    """,
    "entity_map": "article_id VARCHAR NOT NULL, local_id INTEGER NOT NULL, entity_id VARCHAR NOT NULL",
    "entity_roles": "entity_id VARCHAR NOT NULL, role VARCHAR NOT NULL, org_id VARCHAR, org_name VARCHAR, article_id VARCHAR",
}

INDEXES = (
    "CREATE INDEX IF NOT EXISTS entity_map_local ON entity_map(article_id, local_id)",
    "CREATE INDEX IF NOT EXISTS entity_map_entity ON entity_map(entity_id)",
)


class StoreError(RuntimeError):
    pass


class StoreBusy(StoreError):
    pass


def column_names(definition: str) -> list[str]:
    columns = []
    for part in definition.split(","):
        words = part.split()
        if words and words[0].upper() not in ("PRIMARY",):
            columns.append(words[0].strip('"'))
    return columns


# One lock per process as well as the lock file: flock is per open file, and two threads of one
# Streamlit server must not interleave their transactions either.
_process_write_lock = threading.Lock()


class Store:
    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else config.db_path()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def exists(self) -> bool:
        return self.path.exists() and self.path.stat().st_size > 0

    def version(self) -> tuple[int, int, int, int]:
        """Changes whenever the file does; a cheap cache key for readers."""
        stamps = []
        for path in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                stat = path.stat()
                stamps.extend((stat.st_mtime_ns, stat.st_size))
            except FileNotFoundError:
                stamps.extend((0, 0))
        return tuple(stamps)  # type: ignore[return-value]

    # ----------------------------------------------------------------------------------------
    # Connections

    def _connect(self, timeout: float) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + timeout
        delay = 0.02
        while True:
            try:
                return duckdb.connect(str(self.path))
            except duckdb.IOException as error:
                if "lock" not in str(error).lower():
                    raise StoreError(f"{self.path}: cannot open the store: {error}") from None
                if time.monotonic() >= deadline:
                    raise StoreBusy(self._busy_message()) from None
            except duckdb.Error as error:
                raise StoreError(f"{self.path}: cannot open the store: {error}") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)

    def _busy_message(self) -> str:
        return (
            f"store is busy: another process is writing to {self.path}; retry when it has finished "
            f"(waited {config.lock_timeout():g} s, set {config.LOCK_TIMEOUT.name} to wait longer)"
        )

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A short-lived connection for queries. The store must exist."""
        if not self.exists():
            raise StoreError(f"{self.path}: no store yet; run `python -m newsgraph ingest data/articles`")
        con = self._connect(config.lock_timeout())
        try:
            self._check_schema(con)
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing writes: committed when the block ends, rolled back on any error or kill."""
        timeout = config.lock_timeout()
        deadline = time.monotonic() + timeout
        if not _process_write_lock.acquire(timeout=timeout):
            raise StoreBusy(self._busy_message())
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.lock_path, "a+") as lock_file:
                self._acquire_file_lock(lock_file, deadline)
                con = self._connect(max(0.0, deadline - time.monotonic()))
                try:
                    self._ensure_schema(con)
                    con.begin()
                    try:
                        yield con
                        con.execute(
                            "INSERT OR REPLACE INTO meta VALUES ('data_version', CAST(? AS VARCHAR))", [time.time_ns()]
                        )
                        con.commit()
                    except BaseException:
                        con.rollback()
                        raise
                finally:
                    con.close()
        finally:
            _process_write_lock.release()

    def _acquire_file_lock(self, lock_file, deadline: float) -> None:
        while True:
            try:
                fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                lock_file.seek(0)
                lock_file.truncate()
                lock_file.write(f"{os.getpid()}\n")
                lock_file.flush()
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusy(self._busy_message()) from None
                time.sleep(0.05)

    # ----------------------------------------------------------------------------------------
    # Schema

    def _check_schema(self, con: duckdb.DuckDBPyConnection) -> None:
        version = _schema_version(con)
        if version is None:
            raise StoreError(f"{self.path}: not a Newsgraph store (no schema); ingest articles to create one")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer Newsgraph (schema {version}, this one reads {SCHEMA_VERSION})"
            )
        if version < SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema {version} is older than {SCHEMA_VERSION}; ingest to upgrade it")

    def _ensure_schema(self, con: duckdb.DuckDBPyConnection) -> None:
        version = _schema_version(con)
        if version is None:
            existing = con.execute("SELECT count(*) FROM information_schema.tables").fetchone()[0]
            if existing:
                raise StoreError(f"{self.path}: a DuckDB file that is not a Newsgraph store; refusing to write to it")
            con.begin()
            con.execute("CREATE TABLE meta(key VARCHAR PRIMARY KEY, value VARCHAR)")
            for name, definition in {**RECORD_TABLES, **RESOLVED_TABLES}.items():
                con.execute(f"CREATE TABLE {name} ({definition})")
            for statement in INDEXES:
                con.execute(statement)
            con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            con.commit()
        elif version > SCHEMA_VERSION:
            self._check_schema(con)
        elif version < SCHEMA_VERSION:
            con.begin()
            for step in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[step]:
                    con.execute(statement)
            con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])
            con.commit()


# MIGRATIONS[n] takes a store from schema n to n + 1.
MIGRATIONS: dict[int, tuple[str, ...]] = {}


def _schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    # fetchall, not fetchone: DuckDB 2 keeps a result that was not read to its end open on the
    # connection, and then refuses other work on it (con.register raises ResourceInUseException).
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchall()[0][0]
    if not has_meta:
        return None
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(rows[0][0]) if rows else None
