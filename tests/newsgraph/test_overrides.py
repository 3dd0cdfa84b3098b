"""The overrides file: parsing, editing that keeps comments, and applying to a store end to end."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph import overrides
from newsgraph.overrides import OverridesError, add_rule, load_rules, parse_rules, remove_rule, undo_last
from newsgraph.resolve import Rule

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text, message",
    [
        ("[[rule]]\naction = 'explode'\nentity = 'x'\n", "action must be one of"),
        ("[[rule]]\naction = 'merge'\nentities = ['only-one']\n", "at least two"),
        ("[[rule]]\naction = 'rename'\nentity = 'x'\n", "needs a name"),
        ("[[rule]]\naction = 'split'\nentity = 'x'\nname = 'y'\n", "names or articles"),
        ("[[rule]]\naction = 'hide'\nentity = 'x'\ncolour = 'red'\n", "unknown field"),
        ("[merge]\nentities = ['a', 'b']\n", "unknown table"),
        ("[[rule]\naction = 'hide'", "not valid TOML"),
    ],
)
def test_malformed_rules_name_the_file_and_the_reason(text, message):
    with pytest.raises(OverridesError, match=message) as error:
        parse_rules(text, origin="aliases.toml")
    assert "aliases.toml" in str(error.value)


def test_parse_keeps_order_and_fields():
    rules = parse_rules(
        "[[rule]]\naction = 'hide'\nentity = 'covid-19'\n\n"
        "[[rule]]\naction = 'merge'\nentities = ['a', 'b']\nname = 'A'\nnote = 'same'\n"
    )
    assert rules == [Rule("hide", ("covid-19",)), Rule("merge", ("a", "b"), name="A", note="same")]


def test_missing_file_means_no_rules(tmp_path):
    assert load_rules(tmp_path / "none.toml") == []


def test_the_bundled_example_file_is_valid_and_changes_nothing():
    assert load_rules(ROOT / "data" / "aliases.toml") == []


def test_add_and_remove_keep_comments_and_order(tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text(
        "# Reviewed by the desk.\n\n"
        "# Putin's name as the Kremlin writes it\n[[rule]]\naction = 'rename'\nentity = 'vladimir-putin'\nname = 'Vladimir V. Putin'\n\n"
        "[[rule]]\naction = 'hide'  # noise\nentity = 'earth'\n",
        encoding="utf-8",
    )
    add_rule(Rule("merge", ("eurasian-union", "Eurasian Economic Union"), note="short name"), path)
    add_rule({"action": "hide", "entity": "covid-19"}, path)
    assert [r.action for r in load_rules(path)] == ["rename", "hide", "merge", "hide"]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Reviewed by the desk.") and "# noise" in text

    removed = remove_rule(0, path)
    assert removed.action == "rename"
    text = path.read_text(encoding="utf-8")
    assert "Putin's name" not in text and "# Reviewed by the desk." in text  # the rule's comment went with it
    assert undo_last(path) == Rule("hide", ("covid-19",))
    assert [r.action for r in load_rules(path)] == ["hide", "merge"]
    assert not list(tmp_path.glob(".aliases.toml.*"))  # no temporary file left behind


def test_add_rule_creates_the_file_with_a_header(tmp_path):
    path = tmp_path / "new" / "aliases.toml"
    add_rule(Rule("hide", ("x",)), path)
    assert path.read_text(encoding="utf-8").startswith("# Newsgraph entity overrides")
    assert load_rules(path) == [Rule("hide", ("x",))]


def test_invalid_rule_is_not_written(tmp_path):
    path = tmp_path / "aliases.toml"
    with pytest.raises(OverridesError):
        add_rule({"action": "merge", "entities": ["one"]}, path)
    assert not path.exists()


def test_undo_with_no_rules(tmp_path):
    assert undo_last(tmp_path / "aliases.toml") is None
    with pytest.raises(OverridesError):
        remove_rule(0, tmp_path / "aliases.toml")


def test_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "aliases.toml"
    add_rule(Rule("hide", ("x",)), path)
    before = path.read_text(encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(overrides.os, "replace", broken)
    with pytest.raises(OSError):
        add_rule(Rule("hide", ("y",)), path)
    assert path.read_text(encoding="utf-8") == before
    assert not list(tmp_path.glob(".aliases.toml.*"))


# --------------------------------------------------------------------------------------------
# End to end: edit the file, the network changes, nothing is reprocessed


def _record_digest(store) -> str:
    with store.read() as con:
        parts = []
        for table in ("articles", "local_entities", "mentions", "relations", "quotes", "events"):
            rows = con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            parts.append(repr(rows))
    return hashlib.sha256("".join(parts).encode()).hexdigest()


def _entity_ids(store) -> set[str]:
    with store.read() as con:
        return {r[0] for r in con.execute("SELECT id FROM entities").fetchall()}


def test_overrides_change_the_network_without_reprocessing(sample_store, tmp_path, monkeypatch):
    from newsgraph import nlp
    from newsgraph.filters import NO_FILTERS
    from newsgraph.graph import build_graph

    def no_spacy(*args, **kwargs):
        raise AssertionError("the pipeline must not be loaded to apply overrides")

    monkeypatch.setattr(nlp, "load_pipeline", no_spacy)
    digest = _record_digest(sample_store)
    ids = _entity_ids(sample_store)
    assert {"wang-yi", "zhang-ming", "tass"} <= ids
    with sample_store.read() as con:
        before = build_graph(con, NO_FILTERS)
    assert before.has_edge("wang-yi", "zhang-ming")

    path = tmp_path / "aliases.toml"
    add_rule(Rule("hide", ("TASS",)), path)
    add_rule(Rule("merge", ("wang-yi", "Zhang Ming"), name="Wang Yi and Zhang Ming"), path)
    report = overrides.apply_overrides(sample_store, path)
    assert report.rules == 2 and report.entities_after == report.entities_before - 2 and not report.problems

    after_ids = _entity_ids(sample_store)
    assert "tass" not in after_ids and "zhang-ming" not in after_ids and "wang-yi" in after_ids
    with sample_store.read() as con:
        graph = build_graph(con, NO_FILTERS)
        name = con.execute("SELECT name FROM entities WHERE id = 'wang-yi'").fetchone()[0]
    assert name == "Wang Yi and Zhang Ming"
    assert "tass" not in graph and "zhang-ming" not in graph
    assert graph.degree("wang-yi") >= before.degree("wang-yi")
    assert _record_digest(sample_store) == digest  # no record table was touched

    undo_last(path)
    undo_last(path)
    overrides.apply_overrides(sample_store, path)
    assert _entity_ids(sample_store) == ids


def test_cli_applies_the_file_without_importing_spacy(sample_store, tmp_path):
    path = tmp_path / "aliases.toml"
    add_rule(Rule("hide", ("tass",)), path)
    script = (
        "import sys; from newsgraph.cli import main; "
        f"code = main(['overrides', 'apply', '--db', {str(sample_store.path)!r}, '--file', {str(path)!r}]); "
        "assert 'spacy' not in sys.modules, 'spaCy was imported'; sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "1 rules" in done.stderr
    assert "tass" not in _entity_ids(sample_store)


def test_ingest_applies_the_overrides_file(tmp_path, monkeypatch):
    from newsgraph.ingest import ingest
    from newsgraph.sources import Article
    from newsgraph.store import Store

    path = tmp_path / "aliases.toml"
    add_rule(Rule("hide", ("Kenya",)), path)
    monkeypatch.setenv("NEWSGRAPH_OVERRIDES", str(path))
    store = Store(tmp_path / "store.duckdb")
    report = ingest([Article(title="t", published=None, source=None, text="Kenya and Uganda signed a trade deal in Kampala.")], store)
    assert report.ok
    ids = _entity_ids(store)
    assert "uganda" in ids and "kenya" not in ids
