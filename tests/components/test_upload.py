"""Adding uploads to the store: limits, per-file outcomes, failures that add nothing, busy stores, two at once."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest

from components import upload
from components.upload import FileOutcome, Limits, Upload, UploadSummary, add_uploads, uploads_from_files
from newsgraph import queries
from newsgraph.filters import Filters
from newsgraph.sources import Article, SourceProblem

MB = 1024 * 1024

PACIFIC = (
    "Pacific leaders agree on ocean plan\n\n"
    "Date of publication: 30 August 2024\n\n"
    "Leaders of the Pacific Islands Forum met in Nuku'alofa on 28 August 2024 and endorsed a regional ocean "
    "strategy. Tonga's Prime Minister Siaosi Sovaleni chaired the meeting.\n\n"
    "“The ocean is our home and our future,” Sovaleni told reporters after the session."
)
MERCOSUR = (
    "Mercosur and the European Union concluded talks on a trade agreement in Montevideo on 6 December 2024. "
    "Uruguay's President Luis Lacalle Pou hosted the summit."
)
OPEC = (
    "OPEC+ ministers met in Vienna on 2 June 2024 and agreed to extend output cuts into 2025, the group said. "
    "Saudi Energy Minister Prince Abdulaziz bin Salman said the decision would support the market."
)
SAHEL = (
    "The Alliance of Sahel States held its first summit in Niamey on 6 July 2024. Mali, Burkina Faso and Niger "
    "signed a confederation treaty, and General Abdourahamane Tiani said the three countries would act together."
)
HOSTILE = {
    "title": "Nordic <script>document.title='pwned'</script> notes",
    "published": "2023-06-01",
    "text": "The Nordic Council <script>window.__pwned = 1</script> met in Oslo on 1 June 2023 with the Baltic Assembly.",
}


def stored(store) -> dict[str, str]:
    """Article id -> title of everything in the store."""
    with store.read() as con:
        return dict(con.execute("SELECT id, title FROM articles").fetchall())


def counts(store) -> dict[str, int]:
    with store.read() as con:
        tables = ("articles", "local_entities", "mentions", "events", "quotes", "relations", "entities")
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}


# ------------------------------------------------------------------------------------------------
# Pure parts


@pytest.mark.parametrize(
    "names, expected",
    [
        (["a.txt", "b.txt"], ["a.txt", "b.txt"]),
        (["a.txt", "a.txt", "b.txt", "a.txt"], ["a.txt", "a.txt (2)", "b.txt", "a.txt (3)"]),
        ([], []),
    ],
)
def test_unique_names(names, expected):
    assert upload.unique_names(names) == expected


def test_files_with_the_same_name_keep_their_format():
    first, second = uploads_from_files([("notes.jsonl", b"{}"), ("notes.jsonl", b"{}")])
    assert (first.name, second.name) == ("notes.jsonl", "notes.jsonl (2)")
    assert second.filename == "notes.jsonl"


@pytest.mark.parametrize(
    "file_bytes, upload_bytes, server_mb, widget_mb, describe",
    [
        (20 * MB, 50 * MB, 50, 20, "up to 20 MB per file and 50 MB per upload"),
        (int(0.5 * MB), 2 * MB, 50, 1, "up to 0.5 MB per file and 2 MB per upload"),  # the widget rounds up; we check bytes
        (100 * MB, 200 * MB, 50, 50, "up to 50 MB per file and 200 MB per upload"),  # the server caps what it accepts
        (20 * MB, 50 * MB, None, 20, "up to 20 MB per file and 50 MB per upload"),
    ],
)
def test_limits_as_said_in_the_uploader(file_bytes, upload_bytes, server_mb, widget_mb, describe):
    limit = Limits(file_bytes, upload_bytes, server_mb)
    assert limit.widget_mb == widget_mb
    assert limit.describe() == describe


def test_limits_come_from_the_settings(monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_MAX_FILE_MB", "3")
    monkeypatch.setenv("NEWSGRAPH_MAX_UPLOAD_MB", "7")
    limit = upload.limits(server_mb=50)
    assert (limit.file_bytes, limit.upload_bytes) == (3 * MB, 7 * MB)
    assert limit.describe() == "up to 3 MB per file and 7 MB per upload"


@pytest.mark.parametrize(
    "sizes, refused",
    [([10, 20], False), ([MB, MB], False), ([MB, MB, 1], True), ([3 * MB], True), ([], False)],
)
def test_an_upload_over_the_total_is_refused(sizes, refused):
    message = upload.upload_too_large(sizes, Limits(10 * MB, 2 * MB))
    assert (message is not None) == refused
    if refused:
        assert "over the 2 MB limit per upload" in message and "NEWSGRAPH_MAX_UPLOAD_MB" in message


@pytest.mark.parametrize(
    "text, title, published, source, expected",
    [
        (MERCOSUR, "Mercosur deal", date(2024, 12, 7), " https://example.org/m ",
         ("Mercosur deal", date(2024, 12, 7), "https://example.org/m", MERCOSUR)),
        # the form left empty: the text's own header lines give title and date
        (PACIFIC, "", None, "", ("Pacific leaders agree on ocean plan", date(2024, 8, 30), None, None)),
        # the form wins over the header
        (PACIFIC, "Ocean plan", date(2024, 8, 31), None, ("Ocean plan", date(2024, 8, 31), None, None)),
    ],
)
def test_a_pasted_text_becomes_an_article(text, title, published, source, expected):
    article = upload.pasted_article(text, title=title, published=published, source=source)
    assert isinstance(article, Article)
    assert (article.title, article.published, article.source) == expected[:3]
    if expected[3] is not None:
        assert article.text == expected[3]
    assert "Date of publication" not in article.text and article.origin == upload.PASTED


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_an_empty_paste_is_refused(text):
    problem = upload.pasted_article(text, title="x", published=None, source=None)
    assert isinstance(problem, SourceProblem) and "no article text" in problem.reason


def article(title: str, text: str = "Body.") -> Article:
    return Article(title=title, published=None, source=None, text=f"{text} {title}")


@pytest.mark.parametrize(
    "outcome, status, message",
    [
        (FileOutcome("a.txt", 1, added=[article("Ocean plan")]), "added", "added 1 article: “Ocean plan”"),
        (FileOutcome("b.txt", 1, already=[article("Ocean plan")]), "already stored", "already in the store: “Ocean plan”"),
        (FileOutcome("c.txt", problems=[SourceProblem("c.txt", "empty file")]), "failed", "not added: empty file"),
        (FileOutcome("d.jsonl", 5, added=[article(f"T{i}") for i in range(4)],
                     problems=[SourceProblem("d.jsonl:3", "invalid JSON: Expecting value (column 1)")]),
         "partly added", "added 4 articles: “T0”, “T1”, “T2” and 1 more; line 3 not added: invalid JSON: Expecting value (column 1)"),
        (FileOutcome("e.json", 2, added=[article(None)], problems=[SourceProblem("e.json[1]", "no article text")]),
         "partly added", "added 1 article: an untitled article; record 2 not added: no article text"),
        (FileOutcome("f.txt", 1, added=[article("X")], warnings=[SourceProblem("f.txt", "not valid UTF-8", fatal=False)]),
         "added", "added 1 article: “X”; note: not valid UTF-8"),
        (FileOutcome("g.txt"), "not added", "nothing was added"),
    ],
)
def test_what_the_summary_says_about_a_file(outcome, status, message):
    assert outcome.status == status
    assert outcome.message() == message


@pytest.mark.parametrize(
    "outcome, new, expected",
    [
        (FileOutcome("a.txt", 3), 2, "0 of 2 articles to process"),
        (FileOutcome("a.txt", 1), 0, "already in the store"),
        (FileOutcome("a.txt", problems=[SourceProblem("a.txt", "binary file, not text")]), 0, "not added: binary file, not text"),
    ],
)
def test_what_a_progress_bar_says_before_processing(outcome, new, expected):
    assert outcome.plan(new) == expected


def test_new_counts_skip_stored_articles_and_repeats_across_files():
    one, two, three = article("one"), article("two"), article("three")
    assert upload.new_counts([[one, two], [two, three], [one]], known={three.id}) == [2, 0, 0]


@pytest.mark.parametrize(
    "summary, headline",
    [
        (UploadSummary([FileOutcome("a", added=[article("x")])]), "Added 1 article"),
        (UploadSummary([FileOutcome("a", added=[article("x")]), FileOutcome("b", added=[article("y"), article("z")]),
                        FileOutcome("c", already=[article("w")]), FileOutcome("d", problems=[SourceProblem("d", "empty file")])]),
         "Added 3 articles from 2 files · 1 already in the store · 1 file with problems"),
        (UploadSummary([FileOutcome("a")], refused="Nothing was added: store is busy"), "Nothing was added: store is busy"),
    ],
)
def test_the_summary_headline(summary, headline):
    assert summary.headline() == headline


# ------------------------------------------------------------------------------------------------
# Into a store (spaCy runs)


def hostile_jsonl() -> bytes:
    return (json.dumps(HOSTILE) + "\n" + '{"title": "broken\n').encode("utf-8")


def test_good_duplicate_empty_binary_and_hostile_files(sample_store, sample_text, tmp_path):
    before = stored(sample_store)
    files = [
        ("pacific.txt", PACIFIC.encode()),
        ("china.txt", sample_text.encode()),  # already in the sample store
        ("empty.txt", b""),
        ("scan.txt", bytes(range(256)) * 20),
        ("nordic.jsonl", hostile_jsonl()),
        ("pacific-copy.txt", PACIFIC.encode()),  # the same text again in this upload
    ]
    progress: list[tuple[int, int, int]] = []
    summary = add_uploads(sample_store, uploads_from_files(files), overrides=tmp_path / "none.toml",
                          on_progress=lambda *args: progress.append(args))
    outcomes = {o.name: o for o in summary.files}
    assert {name: o.status for name, o in outcomes.items()} == {
        "pacific.txt": "added", "china.txt": "already stored", "empty.txt": "failed", "scan.txt": "failed",
        "nordic.jsonl": "partly added", "pacific-copy.txt": "already stored",
    }
    assert outcomes["empty.txt"].message() == "not added: empty file"
    assert outcomes["scan.txt"].message() == "not added: binary file, not text"
    assert "line 2 not added: invalid JSON" in outcomes["nordic.jsonl"].message()
    assert summary.added == 2 and summary.already == 2 and len(summary.failed) == 3
    assert sorted(progress) == [(0, 1, 1), (4, 1, 1)]  # one step per new article, per file

    after = stored(sample_store)
    new = {i: t for i, t in after.items() if i not in before}
    assert sorted(new.values()) == sorted(["Pacific leaders agree on ocean plan", HOSTILE["title"]])
    assert len(after) == len(before) + 2
    with sample_store.read() as con:
        hostile_id = next(i for i, t in new.items() if t == HOSTILE["title"])
        assert "<script>window.__pwned = 1</script>" in queries.article(con, hostile_id)["text"]

    again = add_uploads(sample_store, uploads_from_files(files[:1]), overrides=tmp_path / "none.toml")
    assert [o.status for o in again.files] == ["already stored"] and stored(sample_store) == after


def test_a_file_whose_processing_fails_adds_nothing_and_the_others_go_in(sample_store, monkeypatch, tmp_path):
    real_process = upload.process

    def fragile(articles, **options):
        for records in real_process(articles, **options):
            if "Sahel" in records.article.text:
                raise RuntimeError("the parser fell over")
            yield records

    monkeypatch.setattr(upload, "process", fragile)
    lines = "\n".join(json.dumps({"title": t, "text": x}) for t, x in (("OPEC cuts", OPEC), ("Sahel summit", SAHEL)))
    before = stored(sample_store)
    summary = add_uploads(
        sample_store,
        uploads_from_files([("mixed.jsonl", lines.encode()), ("mercosur.txt", MERCOSUR.encode())]),
        overrides=tmp_path / "none.toml",
    )
    mixed, mercosur = summary.files
    assert mixed.status == "failed" and "processing failed (RuntimeError: the parser fell over)" in mixed.message()
    assert mercosur.status == "added"
    new = set(stored(sample_store)) - set(before)
    # the OPEC record went through spaCy before the Sahel one broke, and still is not stored
    assert [stored(sample_store)[i] for i in new] == ["mercosur"]


def test_a_busy_store_adds_nothing_and_says_retry(sample_store, monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSGRAPH_LOCK_TIMEOUT", "0.5")
    before = counts(sample_store)
    holding, release = threading.Event(), threading.Event()

    def other_writer():
        with sample_store.transaction():
            holding.set()
            release.wait(20)

    writer = threading.Thread(target=other_writer)
    writer.start()
    try:
        assert holding.wait(20)
        summary = add_uploads(sample_store, uploads_from_files([("opec.txt", OPEC.encode())]), overrides=tmp_path / "none.toml")
    finally:
        release.set()
        writer.join()
    assert summary.busy and "store is busy" in summary.refused and "again in a moment" in summary.refused
    assert counts(sample_store) == before
    # once the other writer is done, the same upload goes in
    assert add_uploads(sample_store, uploads_from_files([("opec.txt", OPEC.encode())]), overrides=tmp_path / "none.toml").added == 1


def test_two_sessions_adding_at_once_both_succeed_nothing_lost_or_doubled(empty_store, tmp_path):
    """Two browser sessions are two threads of one Streamlit process: the second waits its turn."""
    first = [("pacific.txt", PACIFIC.encode()), ("opec.txt", OPEC.encode()), ("sahel.txt", SAHEL.encode())]
    second = [("sahel.txt", SAHEL.encode()), ("mercosur.txt", MERCOSUR.encode())]  # sahel is in both
    planned, results, waits = threading.Event(), {}, []

    def slow_plan(outcomes, new):
        planned.set()
        threading.Event().wait(1.0)  # hold the turn long enough that the other session must wait

    def run(name, files, **callbacks):
        results[name] = add_uploads(empty_store, uploads_from_files(files), overrides=tmp_path / "none.toml", **callbacks)

    one = threading.Thread(target=run, args=("one", first), kwargs={"on_plan": slow_plan})
    two = threading.Thread(target=run, args=("two", second), kwargs={"on_wait": lambda: waits.append(1)})
    one.start()
    assert planned.wait(120)
    two.start()
    one.join(300)
    two.join(300)
    assert waits, "the second session did not have to wait"
    assert not results["one"].refused and not results["two"].refused
    assert results["one"].added == 3
    assert results["two"].added == 1 and results["two"].already == 1
    titles = sorted(stored(empty_store).values())
    assert titles == sorted(["mercosur", "opec", "Pacific leaders agree on ocean plan", "sahel"])
    with empty_store.read() as con:
        doubled = con.execute(
            "SELECT count(*) FROM (SELECT article_id, local_id FROM local_entities GROUP BY ALL HAVING count(*) > 1)"
        ).fetchall()[0][0]
        mapped = con.execute("SELECT count(*) FROM entity_map").fetchall()[0][0]
        local = con.execute("SELECT count(*) FROM local_entities").fetchall()[0][0]
    assert doubled == 0 and mapped == local


def test_an_upload_over_the_total_reads_nothing(empty_store, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_MAX_UPLOAD_MB", "0.0005")  # 524 bytes: each file fits, both do not
    summary = add_uploads(empty_store, uploads_from_files([("a.txt", PACIFIC.encode()), ("b.txt", SAHEL.encode())]))
    assert summary.refused.startswith("These 2 files are 547 bytes together, over the 0.0005 MB limit per upload")
    assert not empty_store.exists()
    assert [o.status for o in summary.files] == ["not added", "not added"]


def test_a_file_over_the_file_limit_is_named(empty_store, monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSGRAPH_MAX_FILE_MB", "0.0002")  # 209 bytes: PACIFIC is bigger, MERCOSUR smaller
    summary = add_uploads(empty_store, uploads_from_files([("pacific.txt", PACIFIC.encode()), ("mercosur.txt", MERCOSUR.encode())]),
                          overrides=tmp_path / "none.toml")
    pacific, mercosur = summary.files
    assert pacific.status == "failed" and "over the 0.0002 MB limit" in pacific.message()
    assert mercosur.status == "added"


def test_uploads_resolve_entities_with_the_overrides_file(empty_store, tmp_path):
    rules = tmp_path / "aliases.toml"
    rules.write_text('[[rule]]\naction = "rename"\nentity = "Mercosur"\nname = "Southern Common Market"\n', encoding="utf-8")
    summary = add_uploads(empty_store, [Upload(upload.PASTED, article=upload.pasted_article(
        MERCOSUR, title="Mercosur deal", published=date(2024, 12, 7), source=None))], overrides=rules)
    assert summary.added == 1
    with empty_store.read() as con:
        names = set(queries.entities(con, Filters())["name"])
    assert "Southern Common Market" in names and "Mercosur" not in names


def test_the_servers_upload_cap_agrees_with_the_limits():
    import tomllib

    from newsgraph import config
    from tests.conftest import ROOT

    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"]
    # the server accepts every file the default per-file limit allows, and none larger than a whole upload
    assert float(config.MAX_FILE_MB.default) <= server["maxUploadSize"] <= float(config.MAX_UPLOAD_MB.default)
