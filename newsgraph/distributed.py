"""Processing on a Dask cluster: the workers run spaCy, the client is the store's one writer.

    python -m newsgraph ingest --engine dask --scheduler tcp://scheduler:8786 PATH...

The client reads the files (workers need no access to them) and drops what the store already holds,
exactly as a local ingest does (``newsgraph.ingest.ingest``); the remaining articles go to the
cluster in partitions of a few articles. Each worker process loads the pipeline once
(``newsgraph.nlp.load_pipeline`` is cached per process, and every worker is warmed up before the
first partition, so a missing model fails fast and names itself). At most a few partitions per
worker thread are in flight and their records are taken as they complete
(``distributed.as_completed``), so memory stays flat on both sides however large the corpus. The
records go through the same staging file and the same one-transaction merge and entity rebuild as a
local ingest: a failure anywhere leaves the store as it was, and the store is the same row for row.

Without a scheduler address, a ``LocalCluster`` of ``n_process`` single-threaded worker processes
(default: one per CPU) runs for the duration of the ingest: the same engine on one machine, and a
way to try it. With an address, ``n_process`` is ignored: the cluster's workers decide.

Every worker needs what the client has: Python with ``requirements.txt`` installed, the spaCy model,
and this ``newsgraph`` package importable, the same version: before the first partition the client
checks every worker's source digest and model, and refuses a cluster that would make the store depend
on which worker took which partition (``ClusterError``). Start workers single-threaded
(``dask worker ADDRESS --nworkers N --nthreads 1``): spaCy's pipeline is not thread-safe, so the
threads of one worker process take turns on it.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph import config
from newsgraph.ingest import IngestReport, Processor, Progress, ingest
from newsgraph.nlp import ArticleRecords, load_pipeline, model_description, partitions, process
from newsgraph.sources import Article, SourceProblem, iter_path
from newsgraph.store import Store

if TYPE_CHECKING:
    from distributed import Client

DEFAULT_PARTITION_ARTICLES = 8
IN_FLIGHT_PER_THREAD = 2  # one partition running and one waiting per worker thread
CONNECT_TIMEOUT_SECONDS = 30.0


class ClusterError(ValueError):
    """The Dask cluster cannot be reached or cannot run the pipeline (a setting to fix)."""


# --------------------------------------------------------------------------------------------
# What runs on the workers

# One pipeline per worker process; threads of the same process take turns on it.
_pipeline_lock = threading.Lock()
_partitions_done = 0


def _source_digest() -> str:
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


# Taken at import, as close as possible to the code this process runs.
_CODE_FINGERPRINT = _source_digest()


def code_fingerprint() -> str:
    """A digest of this process's newsgraph package source (as it was when it was imported)."""
    return _CODE_FINGERPRINT


def warm_worker(model: str | None) -> dict[str, str]:
    """Load the pipeline on this worker (once per process); say which model and code it runs."""
    fingerprint = code_fingerprint()
    with _pipeline_lock:
        return {"model": model_description(load_pipeline(model)), "code": fingerprint}


def process_partition(articles: list[Article], *, model: str | None, batch_size: int) -> list[ArticleRecords]:
    """The records of a few articles, processed on the worker this runs on."""
    global _partitions_done
    with _pipeline_lock:
        records = list(process(articles, model=model, n_process=1, batch_size=batch_size))
        _partitions_done += 1
    return records


def worker_status() -> dict:
    """For checks and diagnostics: this worker's process id, pipelines loaded, partitions done."""
    return {"pid": os.getpid(), "pipelines_loaded": load_pipeline.cache_info().currsize, "partitions": _partitions_done}


# --------------------------------------------------------------------------------------------
# The client side


def cluster_processor(
    connect: Callable[[], Client], *, model: str | None, batch_size: int, partition_size: int
) -> Processor:
    """A ``newsgraph.ingest.Processor`` that runs partitions on a cluster.

    ``connect`` is called on the first new article only, so that a run with nothing new to process
    (everything already stored) never starts or contacts a cluster.
    """
    from distributed import as_completed

    def run(articles: Iterator[Article]) -> Iterator[ArticleRecords]:
        client = None
        limit = 1
        pending = None
        submitted = []
        try:
            for partition in partitions(articles, partition_size):
                if client is None:
                    client = connect()
                    limit = max(1, IN_FLIGHT_PER_THREAD * sum(client.nthreads().values()))
                    pending = as_completed(loop=client.loop)
                future = client.submit(process_partition, partition, model=model, batch_size=batch_size, pure=False)
                submitted.append(future)
                pending.add(future)
                while pending.count() >= limit:
                    yield from _take(next(pending), submitted)
            for future in pending or ():
                yield from _take(future, submitted)
        finally:
            # On an error (or a consumer that stops early) nothing else should run for this ingest.
            if submitted and client is not None:
                client.cancel(submitted)

    return run


def _take(future, submitted: list) -> list[ArticleRecords]:
    from distributed import KilledWorker

    try:
        records = future.result()  # re-raises a worker's exception here, before anything is written
    except KilledWorker as error:
        raise ClusterError(f"Dask workers died processing a partition, too often to retry ({error})") from None
    submitted.remove(future)
    future.release()
    return records


def _connect(stack: ExitStack, scheduler: str | None, *, workers: int | None, timeout: float):
    from distributed import Client, LocalCluster

    if scheduler is None:
        cluster = stack.enter_context(
            LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # a free port: never collides with another cluster's
            )
        )
        return stack.enter_context(Client(cluster))
    try:
        client = stack.enter_context(Client(scheduler, timeout=timeout))
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError):
        raise ClusterError(f"the Dask scheduler at {scheduler} has no workers (waited {timeout:g} s)") from None
    return client


def check_workers(found: dict[str, dict[str, str]], *, scheduler: str | None) -> None:
    """Every worker must run this client's code and one model, or the store would depend on which
    worker took which partition."""
    where = f"the Dask workers of {scheduler or 'the local cluster'}"
    codes = {info["code"] for info in found.values()}
    if codes != {code_fingerprint()}:
        raise ClusterError(
            f"{where} run another version of newsgraph than this client (source digests "
            f"{', '.join(sorted(codes))}; here {code_fingerprint()}): install the same version on every worker"
        )
    models = {info["model"] for info in found.values()}
    if len(models) > 1:
        raise ClusterError(f"{where} load different models ({', '.join(sorted(models))}): install one everywhere")


def ingest_dask(
    items: Iterable[Article | SourceProblem],
    store: Store,
    *,
    scheduler: str | None = None,
    published: date | None = None,
    model: str | None = None,
    n_process: int | None = None,
    batch_size: int | None = None,
    partition_size: int = DEFAULT_PARTITION_ARTICLES,
    progress: Progress | None = None,
    expected: int | None = None,
    timeout: float = CONNECT_TIMEOUT_SECONDS,
    keep_articles: bool = True,
) -> IngestReport:
    """``newsgraph.ingest.ingest`` with the processing on a Dask cluster (see the module's text)."""
    # The client's setting names the model, as in a local ingest; workers fall back on their own.
    model = model or config.MODEL.get() or None
    batch_size = batch_size or config.batch_size()
    with ExitStack() as stack:

        def connect() -> Client:
            client = _connect(stack, scheduler, workers=n_process, timeout=timeout)
            # Every worker loads the model now, in parallel; a worker without it fails the run here.
            check_workers(client.run(warm_worker, model), scheduler=scheduler)
            return client

        processor = cluster_processor(connect, model=model, batch_size=batch_size, partition_size=partition_size)
        return ingest(items, store, published=published, progress=progress, expected=expected, processor=processor,
                      keep_articles=keep_articles)


def ingest_paths_dask(
    paths: Iterable[str | Path],
    store: Store,
    *,
    scheduler: str | None = None,
    published: date | None = None,
    **options,
) -> IngestReport:
    """``newsgraph.ingest.ingest_paths`` on a Dask cluster: files and folders, read by the client."""

    def items() -> Iterator[Article | SourceProblem]:
        for path in paths:
            yield from iter_path(Path(path))

    return ingest_dask(items(), store, scheduler=scheduler, published=published, **options)
