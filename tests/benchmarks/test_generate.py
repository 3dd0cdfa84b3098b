"""The scale-corpus generator: reproducible, varied, consistent within each article, readable by ingest."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date

import pytest

from benchmarks.generate_corpus import (
    MONTHS,
    Paragraph,
    Template,
    acronym_of,
    date_slots,
    generate,
    load_templates,
    write_corpus,
)
from newsgraph.sources import read_paths

ARTICLES = {
    "andes.txt": (
        "Andean ministers agree on a power grid\n\n"
        "Date of publication: 14 March 2019\n\n"
        "The Andean Development Corporation (ADC) approved a loan for a power line between Peru and "
        "Bolivia on 12 March 2019. Finance Minister Carlos Mendoza said the line would be finished by "
        "June 2021.\n\n"
        "Mendoza met the president of the ADC in Lima. The corporation was founded in 1968 and has "
        "lent to every member state since.\n\n"
        "The ADC board will meet again on 3 September 2019 in Quito, Ecuador."
    ),
    "nordic.txt": (
        "Nordic Council backs Arctic research\n\n"
        "Date of publication: 2 November 2021\n\n"
        "The Nordic Council voted in Copenhagen on Monday to fund a research station in Svalbard, "
        "Norway. Council President Erkki Virtanen told delegates that work would start in spring 2022 "
        "and that Finland and Sweden would share the cost with Iceland.\n\n"
        "Virtanen said the station had been proposed in October 2020 by researchers from Denmark."
    ),
}


@pytest.fixture(scope="module")
def templates(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("templates")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return load_templates([folder], nlp=nlp)


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another(templates):
    first = list(generate(templates, count=40, seed=7))
    again = list(generate(templates, count=40, seed=7))
    other = list(generate(templates, count=40, seed=8))
    assert first == again
    assert [r["text"] for r in first] != [r["text"] for r in other]


def test_articles_are_distinct_and_the_original_actors_are_replaced(templates):
    records = list(generate(templates, count=60, seed=3))
    assert len(records) == 60
    assert len({r["text"] for r in records}) == 60
    for name in ("Carlos Mendoza", "Erkki Virtanen", "Andean Development Corporation"):
        share = sum(name in r["text"] for r in records) / len(records)
        assert share < 0.1, f"{name} kept in {share:.0%} of the articles"


def test_an_acronym_and_a_surname_follow_their_full_forms_within_an_article(templates):
    andes = [r for r in generate(templates, count=80, seed=11) if "power grid" in (r["title"] or "")]
    assert andes
    checked = 0
    for record in andes:
        defined = re.search(r"The ([A-Z][\w-]*(?: [A-Z][\w-]*)+) \(([A-Z]+)\) approved", record["text"])
        minister = re.search(r"Finance Minister (\w[\w-]* ([\w-]+)) said", record["text"])
        if not (defined and minister):
            continue  # the paragraph was left out of this article
        full, acronym = defined.groups()
        assert acronym == acronym_of(full)
        assert f"president of the {acronym} in" in record["text"] or "president of the" not in record["text"]
        assert f"{minister.group(2)} met" in record["text"] or " met the president" not in record["text"]
        checked += 1
    assert checked >= 3


def test_every_date_moves_with_the_publication_date(templates):
    for record in generate(templates, count=40, seed=5):
        if "power grid" not in (record["title"] or ""):
            continue
        published = date.fromisoformat(record["published"])
        months = (published.year - 2019) * 12 + published.month - 3
        match = re.search(r"on (\d+) (\w+) (\d{4})\. Finance", record["text"])
        if not match:
            continue
        year, month = divmod(2019 * 12 + 2 + months, 12)
        assert (match.group(2), int(match.group(3))) == (MONTHS[month], year)
        founded = re.search(r"founded in (\d{4})", record["text"])
        if founded:
            assert int(founded.group(1)) == 1968 + published.year - 2019


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("met on 12 March 2019 in", [("DAY", "12"), ("MONTH", "March"), ("YEAR", "2019")]),
        ("on July 9, 2015, Ufa", [("MONTH", "July"), ("DAY", "9"), ("YEAR", "2015")]),
        ("held 7-10 June 2017 in", [("DAY", "7"), ("DAY", "10"), ("MONTH", "June"), ("YEAR", "2017")]),
        ("by Sept. 2021", [("MONTH", "Sept."), ("YEAR", "2021")]),
        ("in November of 2020", [("MONTH", "November"), ("YEAR", "2020")]),
        ("on January 1 of this year", [("MONTH", "January"), ("DAY", "1")]),
        ("published 2022-04-25", [("YEAR", "2022"), ("MONTHNUM", "04"), ("DAY", "25")]),
        ("founded in 2001.", [("YEAR", "2001")]),
        ("spent $2019 on 1,2019 items and 20.2019 and 2019% more", []),
        ("May we meet?", []),
    ],
)
def test_date_parts_are_found(text, parts):
    found = [(s.kind, s.text) for s in sorted(date_slots(text), key=lambda s: s.start)]
    assert sorted(found) == sorted(parts)


def test_a_day_past_the_end_of_the_new_month_is_clamped():
    text = "The treaty was signed on 31 January 2020 in Rome."
    template = Template(None, (Paragraph(text, tuple(date_slots(text)), 0),), date(2020, 1, 31), date(2020, 1, 31), None, None)
    for record in generate([template], count=30, seed=2, first=date(2010, 1, 1), last=date(2012, 12, 31)):
        published = date.fromisoformat(record["published"])
        day = int(re.search(r"on (\d+) ", record["text"]).group(1))
        assert re.search(rf"on \d+ {MONTHS[published.month - 1]} {published.year} in", record["text"])
        assert day <= 31 and date(published.year, published.month, day)  # a real calendar day


def test_names_recur_like_a_real_corpus_a_few_hubs_and_a_long_tail(templates):
    people = Counter()
    for record in generate(templates, count=300, seed=4):
        match = re.search(r"(?:Finance Minister|Council President) (\w[\w-]* [\w-]+)", record["text"])
        if match:
            people[match.group(1)] += 1
    assert len(people) >= 50  # many distinct actors
    assert people.most_common(1)[0][1] >= 5  # and some recur


def test_the_corpus_is_written_in_shards_that_ingest_reads(templates, tmp_path):
    records = list(generate(templates, count=25, seed=9))
    files = write_corpus(records, tmp_path / "corpus", shard_size=10)
    assert [f.name for f in files] == ["part-0000.jsonl", "part-0001.jsonl", "part-0002.jsonl"]
    assert sum(1 for f in files for _ in open(f, encoding="utf-8")) == 25
    assert json.loads(files[0].read_text(encoding="utf-8").splitlines()[0]) == records[0]
    result = read_paths([tmp_path / "corpus"])
    assert not result.problems
    assert [a.title for a in result.articles] == [r["title"] for r in records]
    assert all(a.published is not None for a in result.articles)


def test_a_month_keeps_its_style_full_or_abbreviated():
    text = "The envoys met on 5 May 2019 and again in Sept. 2019."
    template = Template(None, (Paragraph(text, tuple(date_slots(text)), 0),), date(2019, 5, 6), date(2019, 5, 6), None, None)
    for record in generate([template], count=20, seed=6):
        published = date.fromisoformat(record["published"])
        full = MONTHS[published.month - 1]
        assert f"on 5 {full} {published.year} and" in record["text"]
        assert re.search(r"again in [A-Z][a-z]{2}\. \d{4}\.$", record["text"]), record["text"]


def test_a_generated_corpus_is_cached_until_its_stamp_changes(tmp_path):
    from benchmarks.generate_corpus import ensure_corpus

    folder = ensure_corpus(5, seed=3, out=tmp_path)
    first = (folder / "part-0000.jsonl").stat().st_mtime_ns
    assert len((folder / "part-0000.jsonl").read_text(encoding="utf-8").splitlines()) == 5
    assert ensure_corpus(5, seed=3, out=tmp_path) == folder
    assert (folder / "part-0000.jsonl").stat().st_mtime_ns == first  # reused, not rewritten
    (folder / "DONE").write_text("an older generator\n")
    ensure_corpus(5, seed=3, out=tmp_path)
    assert (folder / "DONE").read_text() != "an older generator\n"
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]  # nothing left aside
