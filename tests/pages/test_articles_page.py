"""The Articles page in AppTest: the list, the reader, adding files or a text, corrections, safety."""

from __future__ import annotations

import html
import json
import re
import shutil
import threading
import tomllib
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from components.articles import chosen_mentions, mentions_from
from newsgraph import queries
from newsgraph.filters import Filters
from newsgraph.store import Store
from tests.pages.conftest import html_of, messages, no_errors, plain
from tests.pages.test_hostile_text import check_inert

ARTICLES = "pages/4_Articles.py"

ARCTIC = (
    "Arctic Council hands over the chair\n\n"
    "Date of publication: 12 May 2023\n\n"
    "The Arctic Council met in Tromsø on 11 May 2023. Norway took over the chairmanship from Russia for the next "
    "two years, the council said in a statement.\n\n"
    "Norwegian Foreign Minister Anniken Huitfeldt said: “We will do our utmost to keep the council working.”"
)
CARICOM = (
    "Caribbean leaders meet in Georgetown\n\n"
    "Date of publication: 27 February 2025\n\n"
    "Heads of Government of the Caribbean Community met in Georgetown on 26 February 2025. Guyana's President "
    "Irfaan Ali welcomed them and called for a common food security plan."
)
SCRIPT_ARTICLE = {
    "title": "Nordic <script>document.title='pwned'</script> notes",
    "published": "2023-06-01",
    "url": "javascript:alert(1)",
    "text": "The Nordic Council <script>window.__pwned = 1</script> met in Oslo on 1 June 2023 with the Baltic "
    "Assembly. Its president said the <b>two</b> bodies would meet again in 2024.",
}


@pytest.fixture
def db(sample_store_path, tmp_path, monkeypatch):
    """A private copy of the sample store and an empty overrides file: these tests write."""
    path = tmp_path / "store" / "newsgraph.duckdb"
    path.parent.mkdir()
    shutil.copy(sample_store_path, path)
    monkeypatch.setenv("NEWSGRAPH_OVERRIDES", str(tmp_path / "aliases.toml"))
    return path


@pytest.fixture
def rules_file(tmp_path):
    return tmp_path / "aliases.toml"


def open_articles(open_app, db, **params) -> AppTest:
    return open_app(ARTICLES, params=params, db=db)


def listed(app) -> list[str]:
    return app.dataframe[0].value["Title"].tolist() if app.dataframe else []


def titles_in(store: Store, filters: Filters = Filters(), search: str | None = None) -> list[str]:
    with store.read() as con:
        found = queries.articles(con, filters, search=search)
    return [t or "Untitled article" for t in found["title"]]


# ------------------------------------------------------------------------------------------------
# Reading


def test_the_list_shows_every_article_with_its_counts(open_app, db):
    app = open_articles(open_app, db)
    no_errors(app)
    assert app.title[0].value == "Articles"
    table = app.dataframe[0].value
    with Store(db).read() as con:
        expected = queries.articles(con, Filters())
    assert table["Title"].tolist() == [t or "Untitled article" for t in expected["title"]]
    assert table["Quotes"].tolist() == expected["quotes"].tolist()
    assert table["Events"].tolist() == expected["events"].tolist()
    assert f"{len(expected)} articles" in messages(app.caption)


def test_search_and_the_shared_filters_narrow_the_list(open_app, db):
    store = Store(db)
    word = max(re.findall(r"[A-Z][a-z]{5,}", " ".join(titles_in(store))), key=lambda w: (titles_in(store, search=w) != titles_in(store), len(w)))
    app = open_articles(open_app, db)
    app.text_input(key="ng.articles.search").input(word).run()
    no_errors(app)
    assert listed(app) == titles_in(store, search=word) and 0 < len(listed(app)) < len(titles_in(store))
    assert app.query_params["q"] == word

    dated = open_articles(open_app, db, **{"from": "2022-01-01", "to": "2022-12-31"})
    expected = titles_in(store, Filters(date_from=date(2022, 1, 1), date_to=date(2022, 12, 31)))
    assert listed(dated) == expected and expected


def test_a_search_that_finds_nothing_says_how_to_widen_it(open_app, db):
    app = open_articles(open_app, db, q="zzqxv")
    no_errors(app)
    assert not app.dataframe
    assert messages(app.info) == "No articles containing “zzqxv”. Change the search to see more."


def most_quoted(store: Store) -> dict:
    with store.read() as con:
        frame = queries.articles(con, Filters()).sort_values(["quotes", "events"], ascending=False)
        return frame.iloc[0].to_dict()


def test_a_deep_link_opens_the_article_with_its_marks_quotes_and_events(open_app, db):
    store = Store(db)
    article = most_quoted(store)
    app = open_articles(open_app, db, article=article["id"])
    no_errors(app)
    assert plain(app.subheader[0].value) == article["title"]
    bodies = html_of(app)
    text_html = next(b for b in bodies if b.startswith('<div class="ng-article">'))
    with store.read() as con:
        full = queries.article(con, article["id"])
        mentions = mentions_from(queries.article_mentions(con, article["id"]))
    expected_marks = [full["text"][m.start:m.end] for m in chosen_mentions(full["text"], mentions)]
    assert re.findall(r"<mark [^>]*>(.*?)</mark>", text_html) == [html.escape(t) for t in expected_marks]
    assert len([b for b in bodies if b.startswith('<div class="ng-evidence ng-quote">')]) == article["quotes"]
    assert len([b for b in bodies if b.startswith('<div class="ng-evidence">')]) == article["events"]
    side = [t.label for t in app.tabs if t.label not in ("Read", "Add", "Correct")]
    assert side == [f"Quotes ({article['quotes']})", f"Events ({article['events']})",
                    f"Actors ({len({m.entity_id for m in mentions})})"]
    meta = next(b for b in bodies if b.startswith('<div class="ng-article-meta">'))
    assert article["id"] in meta and "Licence:" in meta
    assert app.query_params["article"] == article["id"]

    app.button(key="ng.articles.back").click().run()
    no_errors(app)
    assert "article" not in app.query_params and listed(app)


def test_the_reader_marks_only_the_filtered_types_and_outlines_the_filtered_actors(open_app, db):
    store = Store(db)
    article = most_quoted(store)
    with store.read() as con:
        mentions = mentions_from(queries.article_mentions(con, article["id"]))
    person = next(m for m in mentions if m.type == "PERSON")
    app = open_articles(open_app, db, article=article["id"], type="PERSON", actor=person.entity_id)
    no_errors(app)
    text_html = next(b for b in html_of(app) if b.startswith('<div class="ng-article">'))
    classes = re.findall(r'<mark class="([^"]+)"', text_html)
    assert classes and all("ng-t-PERSON" in c for c in classes)
    assert any("ng-focus" in c for c in classes)


def test_an_unknown_article_id_says_so_and_shows_the_list(open_app, db):
    app = open_articles(open_app, db, article="not-an-article")
    no_errors(app)
    assert "No article with id not-an-article" in messages(app.warning)
    assert listed(app) and "article" not in app.query_params


# ------------------------------------------------------------------------------------------------
# Adding (two sessions at once: AppTest runs cannot overlap in one process, so that is tested on the
# page's ingest function in tests/components/test_upload.py and with two browsers in tests/e2e/)


def upload_files(app: AppTest, files: list[tuple[str, bytes]]) -> AppTest:
    app.file_uploader[0].set_value([(name, data, "application/octet-stream") for name, data in files]).run()
    app.button(key="ng.add.go").click().run()
    return app


def summary_lines(app) -> dict[str, str]:
    """File name -> what the summary says about it."""
    lines = {}
    for m in app.markdown:
        match = re.match(r"^:material/\w+: \*\*(.+?)\*\* — (.*)$", m.value, re.S)
        if match:
            lines[plain(match.group(1))] = plain(match.group(2))
    return lines


def test_uploads_get_a_message_each_and_every_page_sees_them(open_app, db, sample_text):
    store = Store(db)
    before = titles_in(store)
    app = open_articles(open_app, db, view="add")
    no_errors(app)
    uploader = app.file_uploader[0]
    assert "up to 20 MB per file and 50 MB per upload" in uploader.label
    assert "NEWSGRAPH_MAX_FILE_MB" in uploader.help and "NEWSGRAPH_MAX_UPLOAD_MB" in uploader.help
    assert set(uploader.allowed_type) >= {".txt", ".md", ".html", ".json", ".jsonl", ".csv"}
    upload_files(app, [
        ("arctic.txt", ARCTIC.encode()),
        ("china.txt", sample_text.encode()),
        ("empty.txt", b""),
        ("scan.txt", bytes(range(256)) * 16),
        ("nordic.json", json.dumps(SCRIPT_ARTICLE).encode()),
    ])
    no_errors(app)
    lines = summary_lines(app)
    assert lines["arctic.txt"] == "added 1 article: “Arctic Council hands over the chair”"
    assert lines["china.txt"].startswith("already in the store: “China supports")
    assert lines["empty.txt"] == "not added: empty file"
    assert lines["scan.txt"] == "not added: binary file, not text"
    assert lines["nordic.json"] == f"added 1 article: “{SCRIPT_ARTICLE['title']}”"
    assert "Added 2 articles from 2 files · 1 already in the store · 2 files with problems" in messages(app.warning)
    check_inert(app)
    assert not app.file_uploader[0].value  # a fresh uploader: clicking again adds nothing twice

    after = titles_in(store)
    assert sorted(after) == sorted(before + ["Arctic Council hands over the chair", SCRIPT_ARTICLE["title"]])
    # the other pages read the new store on their next run, without a restart
    app.switch_page("app.py").run()
    no_errors(app)
    assert next(m for m in app.metric if m.label == "Articles").value == str(len(after))
    app.switch_page(ARTICLES).run()
    app.session_state["ng.articles.view"] = "Read"
    app.run()
    assert sorted(listed(app)) == sorted(after)


def test_read_buttons_under_the_summary_open_the_new_article(open_app, db):
    app = upload_files(open_articles(open_app, db, view="add"), [("caricom.txt", CARICOM.encode())])
    read = next(b for b in app.button if b.key and b.key.startswith("ng.add.read."))
    read.click().run()
    no_errors(app)
    assert plain(app.subheader[0].value) == "Caribbean leaders meet in Georgetown"
    assert app.query_params.get("view") is None and app.query_params["article"] == read.key.rsplit(".", 1)[1]


def test_a_pasted_text_is_added_with_its_title_and_date(open_app, db):
    app = open_articles(open_app, db, view="add")
    app.text_input(key="ng.add.title.0").input("Caricom summit opens")
    app.date_input(key="ng.add.published.0").set_value("2025-02-27")
    app.text_input(key="ng.add.source.0").input("https://caricom.example/news/49")
    app.text_area(key="ng.add.text.0").input(CARICOM.split("\n\n", 2)[2])
    app.button[[b.label for b in app.button].index("Add this text")].click().run()
    no_errors(app)
    assert summary_lines(app)["pasted text"] == "added 1 article: “Caricom summit opens”"
    with Store(db).read() as con:
        row = con.execute("SELECT published, source FROM articles WHERE title = 'Caricom summit opens'").fetchall()
    assert [(str(p), s) for p, s in row] == [("2025-02-27", "https://caricom.example/news/49")]
    assert app.text_area(key="ng.add.text.1").value == ""  # a fresh form for the next one


def test_an_empty_paste_is_refused_with_a_reason(open_app, db):
    app = open_articles(open_app, db, view="add")
    app.text_input(key="ng.add.title.0").input("Nothing here")
    app.button[[b.label for b in app.button].index("Add this text")].click().run()
    assert "Not added: no article text" in messages(app.error)
    assert "Nothing here" not in titles_in(Store(db))


def test_a_busy_store_is_said_and_the_files_stay_for_a_retry(open_app, db, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_LOCK_TIMEOUT", "0.5")
    store = Store(db)
    before = titles_in(store)
    app = open_articles(open_app, db, view="add")
    holding, release = threading.Event(), threading.Event()

    def other_writer():
        with store.transaction():
            holding.set()
            release.wait(60)

    writer = threading.Thread(target=other_writer)
    writer.start()
    try:
        assert holding.wait(20)
        upload_files(app, [("arctic.txt", ARCTIC.encode())])
    finally:
        release.set()
        writer.join()
    no_errors(app)
    warning = messages(app.warning)
    assert "Nothing was added: store is busy" in warning and "Add the files again in a moment" in warning
    assert titles_in(store) == before
    assert [f.name for f in app.file_uploader[0].value] == ["arctic.txt"]  # still there: one click to retry
    app.button(key="ng.add.go").click().run()
    assert summary_lines(app)["arctic.txt"].startswith("added 1 article")


def test_the_articles_page_shows_markup_in_articles_as_text(open_app, db):
    app = upload_files(open_articles(open_app, db, view="add"), [("nordic.json", json.dumps(SCRIPT_ARTICLE).encode())])
    check_inert(app)
    with Store(db).read() as con:
        article_id = con.execute("SELECT id FROM articles WHERE title LIKE 'Nordic%'").fetchall()[0][0]
    reader = open_articles(open_app, db, article=article_id)
    no_errors(reader)
    check_inert(reader)
    text_html = next(b for b in html_of(reader) if b.startswith('<div class="ng-article">'))
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in text_html and "&lt;b&gt;two&lt;/b&gt;" in text_html
    meta = next(b for b in html_of(reader) if b.startswith('<div class="ng-article-meta">'))
    assert "javascript:alert(1)" in meta and "href" not in meta  # not a web address: shown, never linked
    assert plain(reader.subheader[0].value) == SCRIPT_ARTICLE["title"]
    listing = open_articles(open_app, db, q="Nordic")
    check_inert(listing)
    assert listed(listing) == [SCRIPT_ARTICLE["title"]]


# ------------------------------------------------------------------------------------------------
# Correcting


def entities(db) -> dict[str, str]:
    with Store(db).read() as con:
        return dict(con.execute("SELECT id, name FROM entities").fetchall())


def two_countries(db) -> tuple[str, str]:
    with Store(db).read() as con:
        top = queries.top_entities(con, limit=50)
    gpe = top[top["type"] == "GPE"]["id"].tolist()
    return gpe[0], gpe[1]


def test_merge_then_undo(open_app, db, rules_file):
    first, second = two_countries(db)
    before = entities(db)
    app = open_articles(open_app, db, view="correct")
    no_errors(app)
    assert app.segmented_control(key="ng.correct.action").value == "merge"
    app.multiselect(key="ng.correct.merge").set_value([first, second]).run()
    app.text_input(key="ng.correct.note.merge").input("test merge").run()
    app.button(key="ng.correct.do.merge").click().run()
    no_errors(app)
    rules = tomllib.loads(rules_file.read_text(encoding="utf-8"))["rule"]
    assert rules == [{"action": "merge", "entities": [first, second], "note": "test merge"}]
    after = entities(db)
    assert second not in after and first in after and len(after) == len(before) - 1
    success = messages(app.success)
    assert f"Done: Merge “{before[first]}” and “{before[second]}”" in success and f"{len(before):,} → {len(after):,} entities" in success
    assert app.multiselect(key="ng.correct.merge").value == []  # the form is ready for the next one
    rows = app.dataframe[0].value
    assert rows["Rule"].tolist() == [f"Merge “{before[first]}” and “{second}”"]  # the merged-away id has no name now

    app.button(key="ng.correct.undo").click().run()
    no_errors(app)
    assert tomllib.loads(rules_file.read_text(encoding="utf-8")).get("rule", []) == []
    assert entities(db) == before
    assert "Undone: Merge" in messages(app.success)


def test_rename_hide_split_and_remove_a_rule(open_app, db, rules_file):
    store = Store(db)
    first, second = two_countries(db)
    with store.read() as con:
        top = queries.top_entities(con, limit=200)
        splittable = next(e for e in top["id"] if len(queries.entity_local_names(con, e)) >= 2)
        names = queries.entity_local_names(con, splittable)["name"].tolist()
    app = open_articles(open_app, db, view="correct")

    app.segmented_control(key="ng.correct.action").set_value("rename").run()
    app.selectbox(key="ng.correct.rename_entity").set_value(first).run()
    app.text_input(key="ng.correct.rename_name").input("Renamed Country").run()
    app.button(key="ng.correct.do.rename").click().run()
    no_errors(app)
    assert entities(db)[first] == "Renamed Country"  # same id, new name

    app.segmented_control(key="ng.correct.action").set_value("hide").run()
    app.selectbox(key="ng.correct.hide_entity").set_value(second).run()
    app.button(key="ng.correct.do.hide").click().run()
    no_errors(app)
    assert second not in entities(db)

    app.segmented_control(key="ng.correct.action").set_value("split").run()
    app.selectbox(key="ng.correct.split_entity").set_value(splittable).run()
    app.multiselect(key="ng.correct.split_names").set_value([names[-1]]).run()
    app.text_input(key="ng.correct.split_name").input("Split Off Entity").run()
    app.button(key="ng.correct.do.split").click().run()
    no_errors(app)
    assert "Split Off Entity" in entities(db).values() and splittable in entities(db)

    rules = tomllib.loads(rules_file.read_text(encoding="utf-8"))["rule"]
    assert [r["action"] for r in rules] == ["rename", "hide", "split"]
    assert app.dataframe[0].value["#"].tolist() == [1, 2, 3]
    # remove the hide rule (number 2): the country is back, the others stay
    app.selectbox(key="ng.correct.remove_pick").set_value(2).run()
    app.button(key="ng.correct.remove").click().run()
    no_errors(app)
    assert [r["action"] for r in tomllib.loads(rules_file.read_text(encoding="utf-8"))["rule"]] == ["rename", "split"]
    assert second in entities(db) and entities(db)[first] == "Renamed Country"


def test_an_incomplete_correction_is_explained_and_writes_nothing(open_app, db, rules_file):
    app = open_articles(open_app, db, view="correct")
    app.segmented_control(key="ng.correct.action").set_value("rename").run()
    first, _ = two_countries(db)
    app.selectbox(key="ng.correct.rename_entity").set_value(first).run()
    app.button(key="ng.correct.do.rename").click().run()
    assert "Type the new name." in messages(app.error)
    assert not rules_file.exists()


def test_a_broken_overrides_file_is_said_and_not_touched(open_app, db, rules_file):
    rules_file.write_text('[[rule]]\naction = "explode"\n', encoding="utf-8")
    app = open_articles(open_app, db, view="correct")
    errors = [plain(e.value) for e in app.error]
    assert len(errors) == 1 and "cannot be read" in errors[0] and "explode" in errors[0]
    assert "ng.correct.merge" not in [w.key for w in app.multiselect]  # no form to correct with
    assert rules_file.read_text(encoding="utf-8") == '[[rule]]\naction = "explode"\n'


def test_an_empty_store_invites_to_add_articles(open_app, empty_db, monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSGRAPH_OVERRIDES", str(tmp_path / "aliases.toml"))
    app = open_app(ARTICLES, db=empty_db)
    no_errors(app)
    assert "Add some in the **Add** tab" in " ".join(i.value for i in app.info)
