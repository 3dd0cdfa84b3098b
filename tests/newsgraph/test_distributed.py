"""The Dask engine: a local cluster of two worker processes gives the same store as a local ingest."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from newsgraph.distributed import ClusterError, ingest_paths_dask, worker_status
from newsgraph.ingest import ingest_paths
from newsgraph.nlp import ModelNotFound
from newsgraph.store import Store
from tests.conftest import ARTICLES, ROOT
from tests.newsgraph.test_ingest import snapshot

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
    ) as local_cluster:
        yield local_cluster


@pytest.fixture
def small_batch(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    texts = {
        "a.txt": "Kazakhstan and Uzbekistan sign water deal\n\nThe two governments signed an agreement on the "
        "Syr Darya in Tashkent on 12 May 2023. \u201cWater is our common future,\u201d said Deputy Minister "
        "Aziz Karimov.",
        "b.txt": "The Organization of Turkic States (OTS) held its summit in Samarkand on 11 November 2022. "
        "Leaders of the OTS agreed to meet again in Astana next year.",
        "c.txt": "The African Union Commission met the European Commission in Brussels in February 2024.",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_two_worker_cluster_gives_the_same_store_as_a_local_ingest_row_for_row(cluster, sample_store_path, tmp_path):
    store = Store(tmp_path / "dask.duckdb")
    report = ingest_paths_dask([ARTICLES], store, scheduler=cluster.scheduler_address, partition_size=4)

    assert report.ok, report.failures
    assert len(report.added) == 29 and report.duplicates == []
    local = snapshot(Store(sample_store_path))
    dask = snapshot(store)
    assert dask.keys() == local.keys()
    for table in local:
        assert dask[table] == local[table], f"{table} differs"
    assert report.model == _local_model(sample_store_path)

    with distributed.Client(cluster) as client:
        status = client.run(worker_status)
    assert len(status) == 2
    # Both workers took partitions, and each loaded the model exactly once for all of them.
    assert all(s["partitions"] >= 1 for s in status.values()), status
    assert all(s["pipelines_loaded"] == 1 for s in status.values()), status


def _local_model(path) -> str:
    with Store(path).read() as con:
        return con.execute("SELECT DISTINCT model FROM articles").fetchone()[0]


def test_a_second_dask_run_changes_nothing_and_needs_no_worker(cluster, sample_store, monkeypatch):
    before = snapshot(sample_store)

    def no_cluster(*args, **kwargs):
        raise AssertionError("nothing new to process, so no cluster should be contacted")

    monkeypatch.setattr("newsgraph.distributed._connect", no_cluster)
    report = ingest_paths_dask([ARTICLES], sample_store, scheduler=cluster.scheduler_address)
    assert report.added == [] and len(report.duplicates) == 29
    assert snapshot(sample_store) == before


def test_new_articles_and_bad_inputs_on_dask_match_a_local_ingest(cluster, small_batch, tmp_path):
    (small_batch / "empty.txt").write_text("")
    local, dask = Store(tmp_path / "local.duckdb"), Store(tmp_path / "dask.duckdb")
    local_report = ingest_paths([small_batch], local, published=None)
    dask_report = ingest_paths_dask([small_batch], dask, scheduler=cluster.scheduler_address)

    assert {a.id for a in dask_report.added} == {a.id for a in local_report.added} and len(dask_report.added) == 3
    assert [str(p) for p in dask_report.failures] == [str(p) for p in local_report.failures]
    assert any(p.origin.endswith("empty.txt") for p in dask_report.failures)
    assert snapshot(dask) == snapshot(local)


def test_a_worker_error_leaves_the_store_as_it_was(cluster, sample_store, small_batch):
    before = snapshot(sample_store)
    with pytest.raises(ModelNotFound, match="no_such_model"):
        ingest_paths_dask([small_batch], sample_store, scheduler=cluster.scheduler_address, model="no_such_model")
    assert snapshot(sample_store) == before


def test_an_unreachable_scheduler_is_a_clear_error(empty_store, small_batch):
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        ingest_paths_dask([small_batch], empty_store, scheduler="tcp://127.0.0.1:9", timeout=2)
    assert not empty_store.exists()


def test_without_a_scheduler_a_local_cluster_runs_for_the_ingest(small_batch, tmp_path):
    local, dask = Store(tmp_path / "local.duckdb"), Store(tmp_path / "dask.duckdb")
    ingest_paths([small_batch], local)
    report = ingest_paths_dask([small_batch], dask, n_process=1)
    assert len(report.added) == 3
    assert snapshot(dask) == snapshot(local)


def test_the_cli_runs_an_ingest_on_a_cluster(cluster, small_batch, tmp_path):
    db = tmp_path / "cli.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph", "ingest", str(small_batch), "--db", str(db), "--quiet",
         "--engine", "dask", "--scheduler", cluster.scheduler_address],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert "3 added, 0 already stored, 0 failed" in result.stderr
    local = Store(tmp_path / "local.duckdb")
    ingest_paths([small_batch], local)
    assert snapshot(Store(db)) == snapshot(local)


@pytest.mark.parametrize(
    ("workers", "message"),
    [
        ({"a": {"code": "0123456789abcdef", "model": "m 1"}}, "another version of newsgraph"),
        ({"a": {"code": None, "model": "m 1"}, "b": {"code": None, "model": "m 2"}}, "different models"),
    ],
)
def test_workers_with_other_code_or_models_are_refused(workers, message):
    from newsgraph.distributed import check_workers, code_fingerprint

    workers = {name: {**info, "code": info["code"] or code_fingerprint()} for name, info in workers.items()}
    with pytest.raises(ClusterError, match=message):
        check_workers(workers, scheduler="tcp://example:8786")


def test_workers_that_match_the_client_are_accepted():
    from newsgraph.distributed import check_workers, code_fingerprint

    same = {"code": code_fingerprint(), "model": "en_core_web_sm 3.8.0"}
    check_workers({"a": same, "b": dict(same)}, scheduler=None)
