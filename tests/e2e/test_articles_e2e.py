"""The Articles page in a real browser: upload good and bad files, read an article, correct an entity,
two sessions adding at once, a busy store. Scripts in article text never run; they show as text."""

from __future__ import annotations

import shutil
import threading
from urllib.parse import parse_qs, urlparse

import pytest

from newsgraph import queries
from newsgraph.filters import Filters
from newsgraph.store import Store
from tests.conftest import SCRAPED_SAMPLE
from tests.e2e.conftest import start_server, stop_server
from tests.e2e.helpers import exceptions, open_page, screenshot, wait_idle

MAIN = '[data-testid="stMainBlockContainer"]'

GOOD = (
    "Arctic Council hands over the chair\n\n"
    "Date of publication: 12 May 2023\n\n"
    "The Arctic Council met in Tromsø on 11 May 2023. Norway took over the chairmanship from Russia for the next "
    "two years, the council said in a statement.\n\n"
    "Norwegian Foreign Minister Anniken Huitfeldt said: “We will do our utmost to keep the council working.”\n"
)
SCRIPT_TITLE = "Nordic summit notes"
SCRIPT = (
    f"{SCRIPT_TITLE}\n\n"
    "Date of publication: 2 June 2023\n\n"
    "The Nordic Council <script>window.__pwned = true; document.title = 'pwned'</script> met in Oslo on 1 June 2023 "
    "with the Baltic Assembly.\n\n"
    "Its president said the two bodies <img src=x onerror=\"window.__pwned = true\"> would meet again in Riga.\n"
)
CARICOM = (
    "Caribbean leaders meet in Georgetown\n\n"
    "Date of publication: 27 February 2025\n\n"
    "Heads of Government of the Caribbean Community met in Georgetown on 26 February 2025. Guyana's President "
    "Irfaan Ali welcomed them and called for a common food security plan.\n"
)
MERCOSUR = (
    "Mercosur closes trade talks\n\n"
    "Date of publication: 7 December 2024\n\n"
    "Mercosur and the European Union concluded talks on a trade agreement in Montevideo on 6 December 2024. "
    "Uruguay's President Luis Lacalle Pou hosted the summit.\n"
)


@pytest.fixture
def articles_server(sample_store_path, tmp_path, request):
    """A server on a private copy of the sample store and its own overrides file: these tests write."""
    store = tmp_path / "newsgraph.duckdb"
    shutil.copy(sample_store_path, store)
    env = {"NEWSGRAPH_OVERRIDES": str(tmp_path / "aliases.toml"), "NEWSGRAPH_LOCK_TIMEOUT": "3"}
    server = start_server(store, tmp_path / "streamlit.log", env=env)
    server.overrides = tmp_path / "aliases.toml"
    yield server
    stop_server(server)


def titles(store_path) -> list[str]:
    with Store(store_path).read() as con:
        return [row[0] for row in con.execute("SELECT title FROM articles").fetchall()]


def no_script_ran(page) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.title() != "pwned" and "Newsgraph" in page.title()
    assert page.locator(f'{MAIN} img[src="x"]').count() == 0
    assert page.evaluate(f"() => document.querySelectorAll('{MAIN} script').length") == 0


def write_files(folder) -> dict[str, object]:
    files = {
        "arctic.txt": GOOD.encode(),
        "china-supports-sco.txt": SCRAPED_SAMPLE.read_bytes(),  # the sample store has it already
        "empty.txt": b"",
        "photo.txt": bytes(range(256)) * 40,  # a binary file with a text extension
        "nordic.txt": SCRIPT.encode(),
    }
    paths = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = path
    return paths


def summary_text(page) -> str:
    return page.locator('[class*="st-key-ng-add-summary"]').inner_text()


def add_files(page, paths) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(p) for p in paths])
    button = page.get_by_role("button", name=f"Add {len(paths)} file{'s' if len(paths) != 1 else ''} to the store")
    button.wait_for(timeout=30_000)
    wait_idle(page)
    button.click()


def test_uploading_good_duplicate_empty_binary_and_script_files(articles_server, page, screenshots, tmp_path):
    before = titles(articles_server.store)
    paths = write_files(tmp_path)
    open_page(page, f"{articles_server.url}/Articles?view=add")
    assert exceptions(page) == []
    uploader = page.locator('[data-testid="stFileUploader"]')
    assert "up to 20 MB per file and 50 MB per upload" in uploader.inner_text()
    screenshot(page, screenshots / "articles-add.png")

    add_files(page, list(paths.values()))
    page.wait_for_selector(f'{MAIN} [data-testid="stProgress"]', timeout=30_000)
    page.screenshot(path=str(screenshots / "articles-add-progress.png"))  # as it runs: a bar per file
    page.wait_for_selector('[class*="st-key-ng-add-summary"]', timeout=120_000)
    wait_idle(page)
    assert exceptions(page) == []
    no_script_ran(page)
    text = summary_text(page)
    assert "arctic.txt — added 1 article: “Arctic Council hands over the chair”" in text
    assert "china-supports-sco.txt — already in the store: “China supports the activation of SCO activities”" in text
    assert "empty.txt — not added: empty file" in text
    assert "photo.txt — not added: binary file, not text" in text
    assert f"nordic.txt — added 1 article: “{SCRIPT_TITLE}”" in text
    assert "Added 2 articles from 2 files · 1 already in the store · 2 files with problems" in text
    screenshot(page, screenshots / "articles-add-summary.png")

    after = titles(articles_server.store)
    assert sorted(after) == sorted(before + ["Arctic Council hands over the chair", SCRIPT_TITLE])

    # the script article, read: its tags are text on the page, and nothing ran
    page.get_by_role("button", name=f"Read “{SCRIPT_TITLE}”").click()
    wait_idle(page)
    assert page.locator(f"{MAIN} h3", has_text=SCRIPT_TITLE).count() == 1
    body = page.locator(f"{MAIN} .ng-article").inner_text()
    assert "<script>window.__pwned = true; document.title = 'pwned'</script>" in body
    assert '<img src=x onerror="window.__pwned = true">' in body
    assert page.get_by_text("<script>window.__pwned", exact=False).first.is_visible()
    no_script_ran(page)
    assert parse_qs(urlparse(page.url).query).get("article")
    screenshot(page, screenshots / "articles-read-script.png")

    # the same good file again: already there, nothing doubled
    open_page(page, f"{articles_server.url}/Articles?view=add")
    add_files(page, [paths["arctic.txt"]])
    page.wait_for_selector('[class*="st-key-ng-add-summary"]', timeout=120_000)
    wait_idle(page)
    assert "arctic.txt — already in the store: “Arctic Council hands over the chair”" in summary_text(page)
    assert sorted(titles(articles_server.store)) == sorted(after)

    # every other page, on the day of the script article: it is in their data, and nothing runs
    for path in ("", "Network", "Timeline", "Quotes"):
        open_page(page, f"{articles_server.url}/{path}?from=2023-06-01&to=2023-06-02")
        assert exceptions(page) == []
        no_script_ran(page)
    assert page.locator(MAIN).get_by_text("Nordic", exact=False).count() >= 1


def test_read_a_deep_linked_article_then_open_another_from_the_list(fresh_server, page, screenshots):
    with Store(fresh_server.store).read() as con:
        listed = queries.articles(con, Filters())
    first = listed.sort_values("quotes", ascending=False).iloc[0]
    # the very first request to this server is a deep link to one article
    open_page(page, f"{fresh_server.url}/Articles?article={first['id']}")
    assert exceptions(page) == []
    assert page.locator(f"{MAIN} h3", has_text=first["title"]).count() == 1
    assert page.locator(f"{MAIN} .ng-article mark.ng-ent").count() > 10
    assert page.get_by_role("tab", name=f"Quotes ({first['quotes']})").count() == 1
    screenshot(page, screenshots / "articles-read.png")

    page.get_by_role("button", name="All articles").click()
    wait_idle(page)
    assert "article" not in parse_qs(urlparse(page.url).query)
    grid = page.locator(f'{MAIN} [data-testid="stDataFrame"]').first
    grid.wait_for(timeout=30_000)
    screenshot(page, screenshots / "articles-list.png")
    box = grid.bounding_box()
    # a click on the third article's title (a cell of the table, drawn on a canvas)
    page.mouse.click(box["x"] + 200, box["y"] + 35 + 35 * 2 + 17)
    wait_idle(page)
    third = listed.iloc[2]
    assert page.locator(f"{MAIN} h3", has_text=third["title"]).count() == 1
    assert parse_qs(urlparse(page.url).query)["article"] == [third["id"]]


def pick(page, label: str, text: str) -> None:
    """Choose ``text`` in the select box labelled ``label`` by typing it."""
    box = page.locator(f'{MAIN} [data-testid="stSelectbox"]', has_text=label).first
    box.locator("input").click()
    page.keyboard.type(text)
    page.locator('[role="option"]', has_text=text).first.click()
    wait_idle(page)


def test_rename_an_entity_then_undo_it(articles_server, page, screenshots):
    entity, name = articles_server.top_actor(type="PERSON")
    open_page(page, f"{articles_server.url}/Articles?view=correct")
    assert exceptions(page) == []
    screenshot(page, screenshots / "articles-correct.png")
    page.locator(MAIN).get_by_role("radio", name="Rename", exact=True).click()
    wait_idle(page)
    pick(page, "Entity", name)
    page.get_by_label("New name").fill(f"{name} (renamed)")
    page.get_by_label("New name").press("Enter")
    wait_idle(page)
    page.locator(MAIN).get_by_role("button", name="Rename", exact=True).click()
    wait_idle(page)
    assert page.get_by_text(f"Done: Rename “{name}” to “{name} (renamed)”", exact=False).count() == 1
    with Store(articles_server.store).read() as con:
        assert queries.entity(con, entity)["name"] == f"{name} (renamed)"
    assert "action = \"rename\"" in articles_server.overrides.read_text(encoding="utf-8")
    assert page.get_by_label("New name").input_value() == ""  # the form is ready for the next correction
    undo = page.get_by_role("button", name="Undo the last rule", exact=False)
    assert f"Rename “{entity}” to “{name} (renamed)”" in undo.inner_text()  # says which rule it undoes
    screenshot(page, screenshots / "articles-correct-renamed.png")

    page.get_by_role("button", name="Undo the last rule", exact=False).click()
    wait_idle(page)
    assert page.get_by_text(f"Undone: Rename “{name}”", exact=False).count() == 1
    with Store(articles_server.store).read() as con:
        assert queries.entity(con, entity)["name"] == name
    # the sidebar's actor list, on another page, has the name back without a restart
    open_page(page, f"{articles_server.url}/Quotes?actor={entity}")
    chips = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.inner_text()
    assert name in chips and "(renamed)" not in chips


def test_two_sessions_adding_at_once_both_get_in(articles_server, browser, tmp_path, screenshots):
    before = titles(articles_server.store)
    (tmp_path / "caricom.txt").write_text(CARICOM, encoding="utf-8")
    (tmp_path / "mercosur.txt").write_text(MERCOSUR, encoding="utf-8")
    contexts = [browser.new_context(viewport={"width": 1600, "height": 1000}) for _ in range(2)]
    try:
        tabs = [context.new_page() for context in contexts]
        for tab, name in zip(tabs, ("caricom.txt", "mercosur.txt")):
            open_page(tab, f"{articles_server.url}/Articles?view=add")
            tab.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(tmp_path / name))
            tab.get_by_role("button", name="Add 1 file to the store").wait_for(timeout=30_000)
            wait_idle(tab)
        for tab in tabs:  # both click before either is done
            tab.get_by_role("button", name="Add 1 file to the store").click()
        for tab in tabs:
            tab.wait_for_selector('[class*="st-key-ng-add-summary"]', timeout=180_000)
            wait_idle(tab)
        assert "caricom.txt — added 1 article" in summary_text(tabs[0])
        assert "mercosur.txt — added 1 article" in summary_text(tabs[1])
        screenshot(tabs[1], screenshots / "articles-add-second-session.png")
    finally:
        for context in contexts:
            context.close()
    assert sorted(titles(articles_server.store)) == sorted(before + ["Caribbean leaders meet in Georgetown", "Mercosur closes trade talks"])


def test_a_busy_store_is_said_and_one_click_retries(articles_server, page, tmp_path, screenshots):
    before = titles(articles_server.store)
    (tmp_path / "caricom.txt").write_text(CARICOM, encoding="utf-8")
    open_page(page, f"{articles_server.url}/Articles?view=add")
    holding, release = threading.Event(), threading.Event()

    def other_writer():  # another process (this test) writes the store for longer than the server waits
        with Store(articles_server.store).transaction():
            holding.set()
            release.wait(60)

    writer = threading.Thread(target=other_writer)
    writer.start()
    try:
        assert holding.wait(20)
        add_files(page, [tmp_path / "caricom.txt"])
        page.wait_for_selector('[class*="st-key-ng-add-summary"]', timeout=120_000)
        wait_idle(page)
    finally:
        release.set()
        writer.join()
    text = summary_text(page)
    assert "Nothing was added: store is busy" in text and "Add the files again in a moment" in text
    assert titles(articles_server.store) == before
    screenshot(page, screenshots / "articles-add-busy.png")
    page.get_by_role("button", name="Add 1 file to the store").click()  # the file is still there
    page.wait_for_function("() => document.body.innerText.includes('caricom.txt — added 1 article')", timeout=120_000)
    assert "Caribbean leaders meet in Georgetown" in titles(articles_server.store)

