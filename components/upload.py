"""Adding articles from the browser: uploaded files or a pasted text into the store. No Streamlit here.

The page hands over what the user gave (file names and bytes, or a pasted text) and gets back a
summary per file: what was added, what the store already held, what failed and why. Safety:

- limits: a file over ``NEWSGRAPH_MAX_FILE_MB`` is refused by name (``sources.iter_bytes``), an
  upload over ``NEWSGRAPH_MAX_UPLOAD_MB`` in total is refused before anything is read;
- a file that fails (unreadable, or its processing raises) adds nothing: its records are held back
  until the whole file went through, and the other files still go in, in one transaction;
- one spaCy run at a time in the app's process (n_process=1: DESIGN.md, no multiprocessing inside
  Streamlit); a second session waits its turn and says so, then both uploads go in;
- another process writing the store longer than ``NEWSGRAPH_LOCK_TIMEOUT`` gives ``StoreBusy``:
  nothing of the upload is added and the summary says to retry.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsgraph import config
from newsgraph.ingest import IngestReport, existing_article_ids, ingest
from newsgraph.nlp import ArticleRecords, process
from newsgraph.sources import SUPPORTED_SUFFIXES, Article, SourceProblem, human_size, iter_bytes, normalize_body, split_header
from newsgraph.store import Store, StoreBusy, StoreError

PASTED = "pasted text"
UPLOAD_TYPES = tuple(sorted({s.lstrip(".") for s in SUPPORTED_SUFFIXES}))

FileProgress = Callable[[int, int, int], None]
"""Called with (file index, articles of that file done, articles of that file to process)."""

Plan = Callable[[list["FileOutcome"], list[int]], None]
"""Called once the files are read: their outcomes so far and how many new articles each holds."""

Waiting = Callable[[], None]
"""Called about twice a second while another session's upload is being processed."""

# One spaCy run at a time in this process: the pipeline object is shared by every session.
_processing_lock = threading.Lock()


# ------------------------------------------------------------------------------------------------
# Limits


@dataclass(frozen=True)
class Limits:
    file_bytes: int
    upload_bytes: int
    server_mb: int | None = None  # Streamlit's server.maxUploadSize: no file above it reaches the app

    @property
    def widget_mb(self) -> int:
        """The uploader's own per-file cap in whole MB, so the browser refuses a bigger file at once.

        Rounded up (``iter_bytes`` still checks the exact bytes) and never above the server's cap."""
        exact = -(-self.file_bytes // MB)
        return max(1, min(exact, self.server_mb) if self.server_mb else exact)

    @property
    def file_mb(self) -> str:
        return _mb(min(self.file_bytes, self.server_mb * MB) if self.server_mb else self.file_bytes)

    @property
    def upload_mb(self) -> str:
        return _mb(self.upload_bytes)

    def describe(self) -> str:
        return f"up to {self.file_mb} MB per file and {self.upload_mb} MB per upload"


MB = 1024 * 1024


def _mb(size: int) -> str:
    return f"{size / MB:.3g}"


def limits(*, server_mb: int | None = None) -> Limits:
    return Limits(file_bytes=config.max_file_bytes(), upload_bytes=config.max_upload_bytes(), server_mb=server_mb)


def upload_too_large(sizes: Sequence[int], limit: Limits) -> str | None:
    """Why an upload is refused as a whole (its total size), or None."""
    total = sum(sizes)
    if total <= limit.upload_bytes:
        return None
    return (
        f"These {len(sizes)} files are {human_size(total)} together, over the {limit.upload_mb} MB limit per "
        f"upload (set {config.MAX_UPLOAD_MB.name} to change it). Nothing was added: add them in smaller groups."
    )


# ------------------------------------------------------------------------------------------------
# What the user gave


@dataclass(frozen=True)
class Upload:
    """One file as the browser sent it (or a pasted text, already an article)."""

    name: str  # as shown in messages: unique within the upload
    data: bytes = b""
    article: Article | None = None  # a pasted text
    filename: str | None = None  # the file's own name, which gives its format (default: name)

    @property
    def size(self) -> int:
        return len(self.data) if self.article is None else len(self.article.text.encode("utf-8"))


def unique_names(names: Sequence[str]) -> list[str]:
    """File names made unique for messages ('a.txt', 'a.txt (2)'): two folders may hold the same name."""
    seen: dict[str, int] = {}
    result = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        result.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return result


def uploads_from_files(files: Iterable[tuple[str, bytes]]) -> list[Upload]:
    pairs = list(files)
    shown = unique_names([name for name, _ in pairs])
    return [Upload(label, data, filename=name) for label, (name, data) in zip(shown, pairs)]


def pasted_article(text: str, *, title: str | None, published: date | None, source: str | None) -> Article | SourceProblem:
    """A pasted text as an article; header lines it carries (a title, a date line) fill what the form left empty."""
    if not text or not text.strip():
        return SourceProblem(PASTED, "no article text: paste the text of the article")
    header = split_header(text)
    body = header.body if header.body.strip() else normalize_body(text)
    if not body.strip():
        return SourceProblem(PASTED, "no article text: paste the text of the article")
    return Article(
        title=(title or "").strip() or header.title,
        published=published or header.published,
        source=(source or "").strip() or None,
        text=body,
        origin=PASTED,
    )


# ------------------------------------------------------------------------------------------------
# The outcome


@dataclass
class FileOutcome:
    name: str
    articles: int = 0  # read from the file
    added: list[Article] = field(default_factory=list)
    already: list[Article] = field(default_factory=list)  # the store (or an earlier file) had them
    problems: list[SourceProblem] = field(default_factory=list)  # fatal: lines or the file not added
    warnings: list[SourceProblem] = field(default_factory=list)  # read, with a caveat

    @property
    def status(self) -> str:
        """added | partly added | already stored | failed | not added (the upload as a whole failed)."""
        if self.added and self.problems:
            return "partly added"
        if self.added:
            return "added"
        if self.problems:
            return "failed"
        if self.already:
            return "already stored"
        return "not added"

    def message(self) -> str:
        """One line for the summary: what happened to this file and, when it failed, why."""
        parts = []
        if self.added:
            parts.append(f"added {_articles(len(self.added))}: {_titles(self.added)}")
        if self.already:
            parts.append(f"already in the store: {_titles(self.already)}")
        for problem in self.problems:
            parts.append(f"{_where(problem, self.name)}not added: {problem.reason}")
        for warning in self.warnings:
            parts.append(f"{_where(warning, self.name)}note: {warning.reason}")
        return "; ".join(parts) if parts else "nothing was added"

    def plan(self, new: int) -> str:
        """What will happen to the file, once it is read: for its progress bar before processing."""
        if new:
            return f"0 of {_articles(new)} to process"
        if self.articles:
            return "already in the store"
        reasons = "; ".join(p.reason for p in self.problems[:2])
        return f"not added: {reasons}" if reasons else "no article in it"


def _articles(count: int) -> str:
    return f"{count} article{'s' if count != 1 else ''}"


def _titles(articles: Sequence[Article], limit: int = 3) -> str:
    titles = [f"“{a.title}”" if a.title else "an untitled article" for a in articles[:limit]]
    more = f" and {len(articles) - limit} more" if len(articles) > limit else ""
    return ", ".join(titles) + more


def _where(problem: SourceProblem, name: str) -> str:
    """'line 4 ' for a problem inside the file; nothing when it is about the whole file."""
    rest = problem.origin[len(name):] if problem.origin.startswith(name) else ""
    if rest.startswith(":"):
        return f"line {rest[1:]} "
    if rest.startswith("["):
        return f"record {int(rest[1:-1]) + 1} " if rest[1:-1].isdigit() else f"{rest} "
    return ""


@dataclass
class UploadSummary:
    files: list[FileOutcome] = field(default_factory=list)
    refused: str | None = None  # the whole upload was refused or could not be written: why
    busy: bool = False  # refused because the store is busy: retry later

    @property
    def added(self) -> int:
        return sum(len(f.added) for f in self.files)

    @property
    def already(self) -> int:
        return sum(len(f.already) for f in self.files)

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.problems]

    def headline(self) -> str:
        """'Added 2 articles from 2 files · 1 already in the store · 2 files failed'."""
        if self.refused:
            return self.refused
        with_added = sum(1 for f in self.files if f.added)
        parts = [f"Added {_articles(self.added)}" + (f" from {with_added} files" if with_added > 1 else "")]
        if self.already:
            parts.append(f"{self.already} already in the store")
        failed = len(self.failed)
        if failed:
            parts.append(f"{failed} file{'s' if failed != 1 else ''} with problems")
        return " · ".join(parts)


# ------------------------------------------------------------------------------------------------
# Reading, processing, writing


def read_upload(uploads: Sequence[Upload]) -> tuple[list[FileOutcome], list[list[Article]]]:
    """Read every file: per file its outcome so far (problems, warnings, count) and its articles."""
    outcomes, articles = [], []
    for upload in uploads:
        outcome = FileOutcome(upload.name)
        found: list[Article] = []
        if upload.article is not None:
            items: Iterable[Article | SourceProblem] = [upload.article]
        else:
            items = iter_bytes(upload.data, name=upload.filename or upload.name, origin=upload.name)
        for item in items:
            if isinstance(item, SourceProblem):
                (outcome.problems if item.fatal else outcome.warnings).append(item)
            else:
                found.append(item)
        outcome.articles = len(found)
        outcomes.append(outcome)
        articles.append(found)
    return outcomes, articles


def new_counts(articles: Sequence[Sequence[Article]], known: set[str]) -> list[int]:
    """Per file, how many of its articles need processing: not in the store, not in an earlier file."""
    seen = set(known)
    counts = []
    for found in articles:
        count = 0
        for article in found:
            if article.id not in seen:
                seen.add(article.id)
                count += 1
        counts.append(count)
    return counts


def add_uploads(
    store: Store,
    uploads: Sequence[Upload],
    *,
    overrides: str | Path | None = None,
    model: str | None = None,
    on_plan: Plan | None = None,
    on_progress: FileProgress | None = None,
    on_wait: Waiting | None = None,
    on_writing: Callable[[], None] | None = None,
    limit: Limits | None = None,
) -> UploadSummary:
    """Read, process and add the uploads; never raises for bad input or a busy store."""
    limit = limit or limits()
    too_large = upload_too_large([u.size for u in uploads], limit)
    if too_large:
        return UploadSummary([FileOutcome(u.name) for u in uploads], refused=too_large)
    outcomes, articles = read_upload(uploads)
    index_of = {id(article): index for index, found in enumerate(articles) for article in found}

    def file_of(article: Article) -> int:
        return index_of[id(article)]

    _wait_for_turn(on_wait)
    try:
        expected = new_counts(articles, existing_article_ids(store))
        if on_plan:
            on_plan(outcomes, expected)
        done = [0] * len(uploads)

        def tell(index: int) -> None:
            done[index] += 1
            if on_progress:
                on_progress(index, done[index], expected[index])

        processor = _per_file_processor(
            file_of=file_of, outcomes=outcomes, model=model, on_record=tell, on_done=on_writing
        )
        report = ingest((a for found in articles for a in found), store, processor=processor, overrides=overrides)
        stored = existing_article_ids(store) if report.duplicates else set()
    except StoreBusy as error:
        return UploadSummary(outcomes, refused=f"Nothing was added: {error}. Add the files again in a moment.", busy=True)
    except StoreError as error:
        return UploadSummary(outcomes, refused=f"Nothing was added: {error}")
    finally:
        _processing_lock.release()
    _sort_into(outcomes, report, file_of=file_of, stored=stored)
    return UploadSummary(outcomes)


def _wait_for_turn(on_wait: Waiting | None) -> None:
    while not _processing_lock.acquire(timeout=0.5):
        if on_wait:
            on_wait()  # also where Streamlit may stop a run the user left: the lock is not ours then


def _per_file_processor(
    *,
    file_of: Callable[[Article], int],
    outcomes: list[FileOutcome],
    model: str | None,
    on_record: Callable[[int], None],
    on_done: Callable[[], None] | None = None,
) -> Callable[[Iterator[Article]], Iterator[ArticleRecords]]:
    """spaCy over the new articles, file by file; a file whose processing raises adds nothing.

    A file's records are held back until all of it went through, so a JSON Lines file that breaks
    on its fifth record does not leave its first four in the store.
    """

    def run(new_articles: Iterator[Article]) -> Iterator[ArticleRecords]:
        for index, group in itertools.groupby(new_articles, key=file_of):
            held: list[ArticleRecords] = []
            try:
                for records in process(group, model=model, n_process=1, batch_size=config.batch_size()):
                    held.append(records)
                    on_record(index)
            except Exception as error:  # noqa: BLE001 - one file's failure is reported, the rest go in
                outcome = outcomes[index]
                outcome.problems.append(
                    SourceProblem(outcome.name, f"processing failed ({type(error).__name__}: {error}); nothing of this file was added")
                )
                for _ in group:  # skip what is left of this file
                    pass
                continue
            yield from held
        if on_done:
            on_done()

    return run


def _sort_into(
    outcomes: list[FileOutcome], report: IngestReport, *, file_of: Callable[[Article], int], stored: set[str]
) -> None:
    for article in report.added:
        outcomes[file_of(article)].added.append(article)
    for article in report.duplicates:
        outcome = outcomes[file_of(article)]
        if article.id in stored:
            outcome.already.append(article)
        else:  # its twin in another file of this upload was the one processed, and that file failed
            outcome.problems.append(
                SourceProblem(article.origin, "not added: the same text is in a file whose processing failed")
            )
