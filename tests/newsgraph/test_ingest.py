from __future__ import annotations

import json
import re
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newsgraph.ingest import ingest_paths
from newsgraph.store import RECORD_TABLES, RESOLVED_TABLES, Store, StoreBusy
from tests.conftest import ARTICLES, ROOT, SCRAPED_SAMPLE


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table (ingest time aside), sorted: two equal snapshots hold the same data."""
    if not store.exists():
        return {}
    with store.read() as con:
        tables = {}
        for name in (*RECORD_TABLES, *RESOLVED_TABLES):
            columns = [c for c in con.execute(f"SELECT * FROM {name} LIMIT 0").df().columns if c != "ingested_at"]
            rows = con.execute(f"SELECT {', '.join(repr_column(c) for c in columns)} FROM {name}").fetchall()
            tables[name] = sorted((tuple(hashable(v) for v in row) for row in rows), key=repr)
        return tables


def hashable(value):
    return tuple(value) if isinstance(value, list) else value


def repr_column(name: str) -> str:
    return f'"{name}"'


def test_sample_articles_ingest_then_a_second_run_changes_nothing(sample_store):
    before = snapshot(sample_store)
    assert len(before["articles"]) == 29
    assert before["entities"] and before["relations"] and before["events"] and before["quotes"]
    report = ingest_paths([ARTICLES], sample_store)
    assert report.ok
    assert report.added == [] and len(report.duplicates) == 29
    assert snapshot(sample_store) == before


def test_the_same_article_twice_in_one_run_is_stored_once(empty_store, tmp_path):
    text = "The Collective Security Treaty Organization held a summit in Yerevan on 23 November 2022."
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.jsonl").write_text(json.dumps({"title": "Copy", "text": text}) + "\n")
    report = ingest_paths([tmp_path], empty_store)
    assert len(report.added) == 1 and len(report.duplicates) == 1
    assert len(snapshot(empty_store)["articles"]) == 1


def test_a_report_told_not_to_keep_articles_names_them_without_their_texts(empty_store, tmp_path):
    from newsgraph.sources import ArticleRef, read_paths

    first = "The Arctic Council met in Tromsø on 12 May 2023. Norway took over the chair from Russia."
    (tmp_path / "a.txt").write_text("Arctic handover\n\n" + first)
    (tmp_path / "b.jsonl").write_text(json.dumps({"title": "Copy", "text": first}) + "\n")
    report = ingest_paths([tmp_path], empty_store, keep_articles=False)
    assert [type(a) for a in report.added + report.duplicates] == [ArticleRef, ArticleRef]
    (added,) = report.added
    read = next(a for a in read_paths([tmp_path / "a.txt"]).articles)
    assert (added.id, added.title, added.origin, added.words) == (read.id, read.title, read.origin, read.words)
    assert not hasattr(added, "text")
    assert report.duplicates[0].id == added.id
    assert len(snapshot(empty_store)["articles"]) == 1


def test_bad_inputs_are_named_the_rest_goes_in_and_nothing_stored_is_lost(sample_store, tmp_path):
    before = snapshot(sample_store)
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "good.txt").write_text(
        "Kazakhstan and Uzbekistan sign water deal\n\nThe two governments signed an agreement on the Syr Darya in Tashkent on 12 May 2023."
    )
    (batch / "empty.txt").write_text("")
    (batch / "blob.txt").write_bytes(bytes(range(256)) * 8)
    (batch / "lines.jsonl").write_text('{"text": "The ASEAN foreign ministers met in Jakarta."}\n{"text": oops}\n')
    (batch / "table.csv").write_text("title,author\nA,B\n")
    report = ingest_paths([batch, tmp_path / "missing.txt"], sample_store)

    assert not report.ok
    failures = {(Path(p.origin.split(":")[0]).name, p.reason.split(" (")[0]) for p in report.failures}
    assert failures == {
        ("empty.txt", "empty file"),
        ("blob.txt", "binary file, not text"),
        ("lines.jsonl", "invalid JSON: Expecting value"),
        ("table.csv", "no text column"),
        ("missing.txt", "no such file or folder"),
    }
    assert any(p.origin.endswith("lines.jsonl:2") for p in report.failures)
    assert sorted(a.origin.split("/")[-1] for a in report.added) == ["good.txt", "lines.jsonl:1"]

    after = snapshot(sample_store)
    for table, rows in before.items():
        if table in RECORD_TABLES:
            assert set(rows) <= set(after[table]), f"rows lost from {table}"
    assert len(after["articles"]) == len(before["articles"]) + 2


def test_article_without_a_date_is_kept_and_only_absolute_dates_become_events(empty_store, tmp_path):
    (tmp_path / "undated.txt").write_text(
        "The Eurasian Economic Union was founded in 2014. Its members met again last year in Minsk."
    )
    report = ingest_paths([tmp_path], empty_store)
    assert report.ok and len(report.added) == 1
    with empty_store.read() as con:
        assert con.execute("SELECT published FROM articles").fetchall() == [(None,)]
        events = con.execute("SELECT date, date_text FROM events").fetchall()
    assert events == [("2014", "2014")]


def test_a_second_writer_is_told_the_store_is_busy(sample_store, monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSGRAPH_LOCK_TIMEOUT", "0.5")
    before = snapshot(sample_store)
    holding = threading.Event()
    release = threading.Event()

    def hold_the_store():
        with sample_store.transaction():
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold_the_store)
    holder.start()
    try:
        assert holding.wait(10)
        (tmp_path / "new.txt").write_text("The BRICS leaders met in Kazan on 23 October 2024.")
        with pytest.raises(StoreBusy, match="store is busy"):
            ingest_paths([tmp_path], sample_store)
    finally:
        release.set()
        holder.join()
    assert snapshot(sample_store) == before


def test_a_second_writer_process_gets_a_clear_message(sample_store, tmp_path):
    """The lock holds across processes: the CLI exits with 'store is busy' while another writes."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_SCRIPT, str(sample_store.path)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        (tmp_path / "new.txt").write_text("The BRICS leaders met in Kazan on 23 October 2024.")
        result = subprocess.run(
            [sys.executable, "-m", "newsgraph", "ingest", str(tmp_path), "--db", str(sample_store.path), "--quiet"],
            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NEWSGRAPH_LOCK_TIMEOUT": "1"}, timeout=120,
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2
    assert "store is busy" in result.stderr and str(sample_store.path) in result.stderr


HOLD_SCRIPT = """
import sys, time
from newsgraph.store import Store
with Store(sys.argv[1]).transaction():
    print("holding", flush=True)
    time.sleep(60)
"""

# Runs the real CLI, but stops inside the store transaction (after the new rows are written and
# before the commit) and tells the test so, so that the kill lands mid-write every time.
KILL_MIDWAY_SCRIPT = """
import sys, time
import newsgraph.ingest as ingest
real_rebuild = ingest.rebuild_entities
def rebuild_then_wait(con, *args, **options):
    real_rebuild(con, *args, **options)
    print("inside-transaction", flush=True)
    time.sleep(60)
ingest.rebuild_entities = rebuild_then_wait
from newsgraph.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_killing_an_ingest_midway_leaves_the_store_as_it_was(sample_store, tmp_path):
    before = snapshot(sample_store)
    batch = tmp_path / "batch"
    batch.mkdir()
    for i, city in enumerate(("Astana", "Bishkek", "Dushanbe")):
        (batch / f"{i}.txt").write_text(f"The heads of government met in {city} on {i + 1} March 2023 to discuss trade.")
    process = subprocess.Popen(
        [sys.executable, "-c", KILL_MIDWAY_SCRIPT, "ingest", str(batch), "--db", str(sample_store.path), "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line = process.stdout.readline().strip()
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    assert line == "inside-transaction", process.stderr.read()
    assert snapshot(sample_store) == before
    # and the store still takes writes afterwards
    report = ingest_paths([batch], sample_store)
    assert len(report.added) == 3


def test_scraped_sample_ingests_with_its_header(empty_store):
    report = ingest_paths([SCRAPED_SAMPLE], empty_store)
    assert report.ok
    with empty_store.read() as con:
        title, published = con.execute("SELECT title, strftime(published, '%Y-%m-%d') FROM articles").fetchone()
    assert (title, published) == ("China supports the activation of SCO activities", "2022-04-25")


def test_two_ingests_at_once_lose_nothing_and_double_nothing(empty_store, tmp_path):
    """Two processes ingest overlapping batches into one store at the same time."""
    cities = ["Astana", "Bishkek", "Dushanbe", "Tashkent", "Ashgabat", "Baku"]
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for i, city in enumerate(cities):
        text = f"The foreign ministers met in {city} on {i + 2} June 2023 and agreed on a joint statement."
        if i < 4:
            (first / f"{i}.txt").write_text(text)
        if i >= 2:  # articles 2 and 3 are in both batches
            (second / f"{i}.txt").write_text(text)
    env = {**os.environ, "NEWSGRAPH_LOCK_TIMEOUT": "120"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "newsgraph", "ingest", str(batch), "--db", str(empty_store.path), "--quiet"],
            cwd=ROOT, stderr=subprocess.PIPE, text=True, env=env,
        )
        for batch in (first, second)
    ]
    outputs = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs

    tables = snapshot(empty_store)
    assert len(tables["articles"]) == len(cities)
    with empty_store.read() as con:
        per_article = con.execute(
            "SELECT count(*) FROM (SELECT article_id, count(*) AS n FROM local_entities GROUP BY 1, local_id HAVING n > 1)"
        ).fetchone()[0]
        orphans = con.execute("SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
    assert per_article == 0 and orphans == 0
    added = [int(re.search(r"(\d+) added", out).group(1)) for out in outputs]
    assert sum(added) == len(cities)
