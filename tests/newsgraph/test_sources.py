from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsgraph.sources import (
    Article,
    SourceProblem,
    article_id,
    iter_bytes,
    iter_path,
    normalize_body,
    read_paths,
    split_header,
)
from tests.conftest import SCRAPED_SAMPLE


def read_one(path: Path) -> tuple[list[Article], list[SourceProblem]]:
    result = read_paths([path])
    return result.articles, result.problems


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# The scraped sample page


def test_scraped_page_header_is_read_into_fields():
    articles, problems = read_one(SCRAPED_SAMPLE)
    assert problems == []
    (article,) = articles
    assert article.title == "China supports the activation of SCO activities"
    assert article.published == date(2022, 4, 25)
    assert article.source == str(SCRAPED_SAMPLE)


def test_scraped_page_body_has_no_site_furniture():
    (article,), _ = read_one(SCRAPED_SAMPLE)
    lines = article.text.split("\n\n")
    assert lines[0].startswith("SCO Secretary General Zhang Ming formulated")
    assert lines[-1].startswith("The SCO maintains close contacts")
    for furniture in ("X", "Comments", "0", "Read on the topic", "Date of publication: 25 April 2022"):
        assert furniture not in lines
    assert "Date of publication" not in article.text


def test_published_option_overrides_the_header_date():
    result = read_paths([SCRAPED_SAMPLE], published=date(2023, 1, 2))
    assert result.articles[0].published == date(2023, 1, 2)


@pytest.mark.parametrize(
    "text, title, published, first_paragraph",
    [
        (
            "Menu\nShare\n\nBRICS ministers meet in Rio\n\nPublished: March 3, 2025\n\nForeign ministers met on Monday.",
            "BRICS ministers meet in Rio",
            date(2025, 3, 3),
            "Foreign ministers met on Monday.",
        ),
        (
            "ASEAN leaders back maritime code\n\n2024-11-08\n\nThe leaders agreed on a text.\n\nShare this article",
            "ASEAN leaders back maritime code",
            date(2024, 11, 8),
            "The leaders agreed on a text.",
        ),
        (
            "The ministers met in Astana on Tuesday. They signed two agreements.\n\nTalks continue in May.",
            None,
            None,
            "The ministers met in Astana on Tuesday. They signed two agreements.",
        ),
        (
            "EU and Mercosur resume talks\n\nNegotiators met in Brussels this week. A deal is not expected soon.",
            "EU and Mercosur resume talks",
            None,
            "Negotiators met in Brussels this week. A deal is not expected soon.",
        ),
    ],
)
def test_header_lines(text, title, published, first_paragraph):
    header = split_header(text)
    assert header.title == title
    assert header.published == published
    assert header.body.split("\n\n")[0] == first_paragraph


def test_hard_wrapped_paragraph_is_rejoined_but_short_lines_stay_apart():
    wrapped = (
        "The foreign ministers of the five Central Asian states met their counterpart\n"
        "in New York on the margins of the General Assembly and discussed regional\n"
        "security and trade.\n\nA second paragraph."
    )
    assert normalize_body(wrapped).split("\n\n") == [
        "The foreign ministers of the five Central Asian states met their counterpart in New York on the "
        "margins of the General Assembly and discussed regional security and trade.",
        "A second paragraph.",
    ]
    assert normalize_body("Kicker line\nBody sentence one.").split("\n\n") == ["Kicker line", "Body sentence one."]


def test_article_id_ignores_spacing_and_unicode_form():
    assert article_id("The SCO met.\n\nIt agreed.") == article_id("The  SCO met. It agreed.")
    assert article_id("Caf\u00e9 talks") == article_id("Cafe\u0301 talks")
    assert article_id("The SCO met.") != article_id("The CSTO met.")


# ---------------------------------------------------------------------------------------------
# Formats


def test_jsonl_records_with_their_fields(tmp_path):
    rows = [
        {"title": "One", "published": "2021-09-17", "url": "https://example.org/1", "license": "CC BY 4.0",
         "text": "The summit opened in Dushanbe."},
        {"headline": "Two", "date": None, "source": "Wire", "body": "Leaders met online."},
    ]
    path = write(tmp_path, "a.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    articles, problems = read_one(path)
    assert problems == []
    assert [(a.title, a.published, a.source, a.license) for a in articles] == [
        ("One", date(2021, 9, 17), "https://example.org/1", "CC BY 4.0"),
        ("Two", None, "Wire", None),
    ]
    assert articles[1].text == "Leaders met online."
    assert articles[0].origin == f"{path}:1"


def test_json_array_and_object(tmp_path):
    array = write(tmp_path, "many.json", json.dumps([{"text": "First text here."}, {"content": "Second text here."}]))
    single = write(tmp_path, "one.json", json.dumps({"title": "T", "text": "Only text here."}))
    assert [a.text for a in read_one(array)[0]] == ["First text here.", "Second text here."]
    assert [a.title for a in read_one(single)[0]] == ["T"]


def test_csv_with_text_column(tmp_path):
    path = write(tmp_path, "a.csv", 'title,date,text\n"Talks","2020-12-02","Leaders met, then spoke."\n')
    (article,), problems = read_one(path)
    assert problems == []
    assert (article.title, article.published, article.text) == ("Talks", date(2020, 12, 2), "Leaders met, then spoke.")


def test_markdown_front_matter_and_heading(tmp_path):
    path = write(
        tmp_path,
        "a.md",
        "---\ntitle: From front matter\ndate: 2019-04-03\n---\n# Heading\n\nThe **talks** began in [Nur-Sultan](https://x.org).\n\n- Trade rose by a tenth.\n- Visas were eased.\n",
    )
    (article,), problems = read_one(path)
    assert problems == []
    assert article.title == "From front matter"
    assert article.published == date(2019, 4, 3)
    assert article.text.split("\n\n") == ["The talks began in Nur-Sultan.", "Trade rose by a tenth.", "Visas were eased."]


def test_markdown_title_from_first_heading(tmp_path):
    path = write(tmp_path, "b.md", "# CSTO summit in Yerevan\n\nThe heads of state met on Monday.\n")
    (article,), _ = read_one(path)
    assert article.title == "CSTO summit in Yerevan"
    assert article.text == "The heads of state met on Monday."


def test_html_main_text_and_metadata(tmp_path):
    html = """<!doctype html><html><head><title>Ministers meet in Tashkent | Example News</title>
    <meta property="og:title" content="Ministers meet in Tashkent">
    <meta property="article:published_time" content="2022-07-29T10:00:00Z">
    <link rel="canonical" href="https://news.example.org/tashkent"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Ministers meet in Tashkent</h1>
    <p>The foreign ministers of the Shanghai Cooperation Organization met in Tashkent on Friday to prepare the summit.</p>
    <p>They discussed transport links, trade in national currencies and the situation in Afghanistan at length.</p>
    </article><footer>Copyright Example News. All rights reserved. Subscribe to our newsletter.</footer></body></html>"""
    path = write(tmp_path, "page.html", html)
    (article,), problems = read_one(path)
    assert [p for p in problems if p.fatal] == []
    assert article.title == "Ministers meet in Tashkent"
    assert article.published == date(2022, 7, 29)
    assert "met in Tashkent on Friday" in article.text
    assert "Home" not in article.text and "Subscribe" not in article.text


def test_folder_is_read_recursively_and_other_files_are_skipped_with_a_note(tmp_path):
    write(tmp_path, "a.txt", "First article text.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.txt", "Second article text.")
    write(tmp_path / "sub", "image.png", b"\x89PNG\r\n\x1a\n")
    result = read_paths([tmp_path])
    assert sorted(a.text for a in result.articles) == ["First article text.", "Second article text."]
    assert result.failures == []
    assert [Path(w.origin).name for w in result.warnings] == ["image.png"]


# ---------------------------------------------------------------------------------------------
# Bad input: every problem names the file (and line) and the reason


def problems_of(tmp_path, name, content) -> list[SourceProblem]:
    return list(p for p in iter_path(write(tmp_path, name, content)) if isinstance(p, SourceProblem))


def test_empty_file(tmp_path):
    (problem,) = problems_of(tmp_path, "empty.txt", "  \n\n")
    assert problem.fatal and problem.reason == "empty file" and problem.origin.endswith("empty.txt")


def test_binary_file(tmp_path):
    (problem,) = problems_of(tmp_path, "blob.txt", bytes(range(256)) * 4)
    assert problem.fatal and problem.reason == "binary file, not text"


def test_undecodable_bytes_fall_back_with_a_warning(tmp_path):
    path = write(tmp_path, "latin.txt", "Caf\u00e9 diplomacy: the minister met his counterpart in S\u00e3o Paulo.".encode("cp1252"))
    result = read_paths([path])
    assert result.failures == []
    (warning,) = result.warnings
    assert "not valid UTF-8" in warning.reason and warning.origin == str(path)
    assert "Café diplomacy" in result.articles[0].text


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_MAX_FILE_MB", "0.001")
    (problem,) = problems_of(tmp_path, "big.txt", "word " * 500)
    assert problem.fatal
    assert "over the 0.001 MB limit" in problem.reason and "NEWSGRAPH_MAX_FILE_MB" in problem.reason


def test_malformed_json_lines_name_the_line_and_the_rest_is_read(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"text": "Good one."}\n{"text": "broken\n{"text": "Good two."}\n')
    result = read_paths([path])
    assert [a.text for a in result.articles] == ["Good one.", "Good two."]
    (problem,) = result.failures
    assert problem.origin == f"{path}:2" and problem.reason.startswith("invalid JSON")


def test_json_line_without_text(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"title": "No body"}\n')
    (problem,) = read_paths([path]).failures
    assert problem.origin == f"{path}:1" and "no article text" in problem.reason


def test_csv_without_a_text_column(tmp_path):
    (problem,) = problems_of(tmp_path, "a.csv", "title,author\nOne,Me\n")
    assert problem.fatal
    assert problem.reason == "no text column (expected one of: text, body, content; found: title, author)"


def test_missing_path(tmp_path):
    (problem,) = list(iter_path(tmp_path / "nowhere.txt"))
    assert problem.fatal and problem.reason == "no such file or folder"


def test_unsupported_extension_named_explicitly(tmp_path):
    (problem,) = problems_of(tmp_path, "a.docx", "text")
    assert problem.fatal and problem.reason.startswith("unsupported file type .docx")


def test_unparseable_date_keeps_the_article_without_a_date(tmp_path):
    path = write(tmp_path, "a.jsonl", json.dumps({"text": "Some text.", "published": "sometime in spring"}) + "\n")
    result = read_paths([path])
    assert result.failures == []
    assert result.articles[0].published is None
    assert "not a full date" in result.warnings[0].reason


def test_upload_bytes_use_the_name_for_the_format():
    items = list(iter_bytes(b'{"text": "Uploaded text."}\n', name="upload.jsonl"))
    assert [i.text for i in items if isinstance(i, Article)] == ["Uploaded text."]
