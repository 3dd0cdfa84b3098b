"""Ingest: read sources, process new articles, write everything to the store in one transaction.

Processing streams: articles go through spaCy a few at a time and their records are spooled to a
staging DuckDB file in a temporary folder, so memory stays flat however large the corpus is. Only
the final merge touches the store, inside one transaction, so an error or a kill at any point
leaves the store exactly as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa

from newsgraph import config
from newsgraph.nlp import ArticleRecords, process
from newsgraph.overrides import load_rules
from newsgraph.resolve import rebuild_entities
from newsgraph.sources import Article, ArticleRef, SourceProblem, iter_path
from newsgraph.store import RECORD_TABLES, Store, column_names

Progress = Callable[[int, int | None, str], None]
"""Called with (articles done, articles expected or None, what is happening)."""

Processor = Callable[[Iterator[Article]], Iterable[ArticleRecords]]
"""Turns new articles into their records, in any order: by default the local spaCy run
(``newsgraph.nlp.process``); ``newsgraph.distributed`` passes one that runs on a Dask cluster."""

STAGING_FLUSH_ARTICLES = 64
STAGING_MEMORY = "256MB"


@dataclass
class IngestReport:
    # the articles themselves, or their ``ArticleRef`` (no text) when the run was told not to keep them
    added: list[Article | ArticleRef] = field(default_factory=list)
    duplicates: list[Article | ArticleRef] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    model: str | None = None

    @property
    def failures(self) -> list[SourceProblem]:
        return [p for p in self.problems if p.fatal]

    @property
    def warnings(self) -> list[SourceProblem]:
        return [p for p in self.problems if not p.fatal]

    @property
    def ok(self) -> bool:
        return not self.failures


# --------------------------------------------------------------------------------------------
# Records to rows


def record_rows(records: ArticleRecords, ingested_at: datetime) -> dict[str, list[tuple]]:
    """The rows one article adds to each record table, in the tables' column order."""
    article = records.article
    aid = article.id
    text = article.text

    def sentence(item: dict) -> tuple[str, int, int]:
        return text[item["sent_start"]:item["sent_end"]].strip(), item["sent_start"], item["sent_end"]

    rows: dict[str, list[tuple]] = {name: [] for name in RECORD_TABLES}
    rows["articles"].append(
        (aid, article.title, article.published, article.source, article.license, article.origin,
         text, article.words, records.model, ingested_at)
    )
    for entity in records.entities:
        rows["local_entities"].append(
            (aid, entity["local_id"], entity["name"], entity["type"], list(entity.get("aliases") or []),
             entity.get("mentions", 0))
        )
        for role in entity.get("roles") or []:
            rows["local_roles"].append(
                (aid, entity["local_id"], role["role"], role.get("org_local"), role.get("org_name"))
            )
    for mention in records.mentions:
        rows["mentions"].append((aid, mention["local_id"], mention["start"], mention["end"], mention["text"]))
    for index, relation in enumerate(records.relations):
        rows["relations"].append(
            (f"{aid}-r{index}", aid, relation["source"], relation["target"], relation["kind"],
             relation.get("cue"), *sentence(relation))
        )
    for index, event in enumerate(records.events):
        event_id = f"{aid}-e{index}"
        rows["events"].append(
            (event_id, aid, event["date"], date.fromisoformat(event["date_start"]),
             date.fromisoformat(event["date_end"]), event["precision"], event["date_text"], event["summary"],
             *sentence(event))
        )
        for local_id in event.get("actors") or []:
            rows["event_actors"].append((event_id, aid, local_id))
    for index, quote in enumerate(records.quotes):
        rows["quotes"].append(
            (f"{aid}-q{index}", aid, quote["kind"], quote.get("speaker"), quote.get("speaker_local"),
             quote.get("cue"), quote["text"], quote.get("text_start"), quote.get("text_end"), *sentence(quote))
        )
    return rows


# --------------------------------------------------------------------------------------------
# Staging


class Staging:
    """Records spooled to a private DuckDB file until the one merge transaction."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="newsgraph-staging-"))
        self.path = self.folder / "staging.duckdb"
        # DuckDB caches a file's pages up to most of the RAM by default; the staging file is written
        # once and read once, so a small cache keeps an ingest's memory flat however long it runs.
        self.con = duckdb.connect(str(self.path), config={"memory_limit": STAGING_MEMORY, "threads": 1})
        for name, definition in RECORD_TABLES.items():
            self.con.execute(f"CREATE TABLE {name} ({definition.replace('PRIMARY KEY', '')})")
        self._buffer: dict[str, list[tuple]] = {name: [] for name in RECORD_TABLES}
        self._buffered_articles = 0
        self.article_ids: set[str] = set()

    def add(self, rows: dict[str, list[tuple]]) -> None:
        for name, table_rows in rows.items():
            self._buffer[name].extend(table_rows)
        self._buffered_articles += 1
        if self._buffered_articles >= STAGING_FLUSH_ARTICLES:
            self.flush()

    def flush(self) -> None:
        for name, table_rows in self._buffer.items():
            if not table_rows:
                continue
            columns = column_names(RECORD_TABLES[name])
            batch = pa.table({c: [row[i] for row in table_rows] for i, c in enumerate(columns)})
            self.con.register("batch", batch)
            self.con.execute(f"INSERT INTO {name} SELECT * FROM batch")
            self.con.unregister("batch")
            table_rows.clear()
        self._buffered_articles = 0

    def batches(self, name: str, rows_per_batch: int = 50_000) -> Iterator[pa.RecordBatch]:
        reader = self.con.sql(f"SELECT * FROM {name}").to_arrow_reader(rows_per_batch)
        yield from reader

    def close(self) -> None:
        try:
            self.con.close()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def merge_staging(con: duckdb.DuckDBPyConnection, staging: Staging) -> list[str]:
    """Copy staged records of articles the store does not have yet; return their ids."""
    staging.flush()
    con.execute("CREATE OR REPLACE TEMP TABLE new_articles(id VARCHAR)")
    for batch in staging.batches("articles"):
        con.register("batch", batch)
        con.execute(
            "INSERT INTO new_articles SELECT DISTINCT id FROM batch WHERE id NOT IN (SELECT id FROM articles)"
        )
        con.execute("INSERT INTO articles SELECT * FROM batch WHERE id IN (SELECT id FROM new_articles)")
        con.unregister("batch")
    for name in RECORD_TABLES:
        if name == "articles":
            continue
        for batch in staging.batches(name):
            con.register("batch", batch)
            con.execute(f"INSERT INTO {name} SELECT * FROM batch WHERE article_id IN (SELECT id FROM new_articles)")
            con.unregister("batch")
    added = [row[0] for row in con.execute("SELECT id FROM new_articles").fetchall()]
    con.execute("DROP TABLE new_articles")
    return added


# --------------------------------------------------------------------------------------------
# The whole run


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    *,
    published: date | None = None,
    **options,
) -> IngestReport:
    def items() -> Iterator[Article | SourceProblem]:
        for path in paths:
            yield from iter_path(Path(path))

    return ingest(items(), store, published=published, **options)


def ingest(
    items: Iterable[Article | SourceProblem],
    store: Store,
    *,
    published: date | None = None,
    model: str | None = None,
    n_process: int | None = None,
    batch_size: int | None = None,
    progress: Progress | None = None,
    expected: int | None = None,
    processor: Processor | None = None,
    overrides: str | Path | None = None,
    keep_articles: bool = True,
) -> IngestReport:
    """Process what the store does not hold yet and add it in one transaction.

    ``processor`` replaces the local spaCy run (``model``, ``n_process`` and ``batch_size`` are then
    its business); reading, de-duplication and the one writer stay here. ``overrides`` is the
    overrides file to resolve entities with (default ``NEWSGRAPH_OVERRIDES``), read inside the
    transaction so a rule another session adds meanwhile is not lost. ``keep_articles=False`` makes
    the report hold ``ArticleRef``s, so that a long run does not keep every text it read in memory.
    """
    report = IngestReport()
    known = existing_article_ids(store)
    seen_in_run: set[str] = set()
    processed: list[Article | ArticleRef] = []

    def kept(article: Article) -> Article | ArticleRef:
        return article if keep_articles else article.ref()

    def tell(label: str) -> None:
        if progress:
            progress(len(processed) + len(report.duplicates), expected, label)

    def new_articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, SourceProblem):
                report.problems.append(item)
                continue
            article = item if published is None else replace(item, published=published)
            if article.id in known or article.id in seen_in_run:
                report.duplicates.append(kept(article))
                tell(f"already stored: {article.origin}")
                continue
            seen_in_run.add(article.id)
            yield article

    staging = Staging()
    try:
        ingested_at = datetime.now(timezone.utc).replace(tzinfo=None)
        if processor is None:
            def processor(articles: Iterator[Article]) -> Iterable[ArticleRecords]:
                return process(
                    articles,
                    model=model,
                    n_process=n_process or config.processes(),
                    batch_size=batch_size or config.batch_size(),
                )
        for records in processor(new_articles()):
            report.model = records.model
            staging.add(record_rows(records, ingested_at))
            processed.append(kept(records.article))
            tell(f"processed: {records.article.origin}")
        if processed or not store.exists():
            tell("writing to the store")
            with store.transaction() as con:
                added_ids = set(merge_staging(con, staging))
                rebuild_entities(con, rules=load_rules(overrides) if overrides is not None else None)
            report.added = [a for a in processed if a.id in added_ids]
            # Another writer may have stored some of them while these were being processed.
            report.duplicates.extend(a for a in processed if a.id not in added_ids)
    finally:
        staging.close()
    return report


def existing_article_ids(store: Store) -> set[str]:
    if not store.exists():
        return set()
    with store.read() as con:
        return {row[0] for row in con.execute("SELECT id FROM articles").fetchall()}


def estimate_articles(paths: Iterable[str | Path]) -> int:
    """How many articles the paths hold, for a progress bar: records in JSON Lines, files otherwise."""
    total = 0
    for raw in paths:
        path = Path(raw)
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path] if path.exists() else []
        for file in files:
            if file.suffix.lower() in (".jsonl", ".ndjson"):
                with open(file, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total
