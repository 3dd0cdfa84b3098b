"""The Articles page's pure parts: the marked-up text, the list, the metadata line, correction rules."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd
import pytest

from components.articles import (
    Mention,
    RuleProblem,
    apply_message,
    article_entities,
    article_html,
    article_meta_html,
    articles_table,
    build_rule,
    chosen_mentions,
    describe_rule,
    event_item_html,
    legend_html,
    list_caption,
    mentions_from,
    merge_rule,
    quote_item_html,
    reader_css,
    rename_rule,
    rules_table,
    split_rule,
    type_class,
)
from newsgraph.resolve import Rule

TEXT = (
    "Mercosur leaders met in Montevideo on 6 December 2024.\n\n"
    "Uruguay's President Luis Lacalle Pou said the bloc <b>must</b> open up. "
    "<script>window.__pwned = 1</script> The European Union welcomed it."
)


def span(text: str, words: str, entity_id: str, name: str | None = None, type_: str = "ORG", nth: int = 0) -> Mention:
    start = [m.start() for m in re.finditer(re.escape(words), text)][nth]
    return Mention(start, start + len(words), entity_id, name or words, type_)


MERCOSUR = span(TEXT, "Mercosur", "mercosur")
MONTEVIDEO = span(TEXT, "Montevideo", "montevideo", type_="GPE")
LACALLE = span(TEXT, "Luis Lacalle Pou", "luis-lacalle-pou", type_="PERSON")
EU = span(TEXT, "European Union", "european-union")


def marks(out: str) -> list[str]:
    return re.findall(r"<mark [^>]*>(.*?)</mark>", out)


def test_the_text_is_escaped_and_only_our_marks_are_tags():
    out = article_html(TEXT, [MERCOSUR, MONTEVIDEO, LACALLE, EU])
    assert marks(out) == ["Mercosur", "Montevideo", "Luis Lacalle Pou", "European Union"]
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in out and "<script" not in out
    assert "&lt;b&gt;must&lt;/b&gt;" in out
    # nothing but our own tags is left once the marks, paragraphs and breaks are taken out
    stripped = re.sub(r"</?(mark|p|div|br)\b[^>]*>", "", out)
    assert "<" not in stripped and ">" not in stripped
    assert out.count("<p>") == 2  # one per paragraph


def test_a_mark_names_its_entity_and_type_in_its_title_escaped():
    tricky = Mention(MERCOSUR.start, MERCOSUR.end, "mercosur", 'Mercosur "Southern" <Market>', "ORG")
    out = article_html(TEXT, [tricky])
    assert 'title="Mercosur &quot;Southern&quot; &lt;Market&gt; · Organization"' in out
    assert 'data-entity="mercosur"' in out and 'class="ng-ent ng-t-ORG"' in out


@pytest.mark.parametrize(
    "mentions, expected",
    [
        # nested: the longer one wins
        ([span(TEXT, "Luis Lacalle Pou", "p", type_="PERSON"), span(TEXT, "Lacalle", "q", type_="PERSON")], ["Luis Lacalle Pou"]),
        # overlapping: the one that starts first wins
        ([span(TEXT, "European Union", "eu"), span(TEXT, "Union welcomed", "x")], ["European Union"]),
        # outside the text, empty, or across a line break: not marked
        ([Mention(len(TEXT) - 3, len(TEXT) + 5, "x", "x", "ORG")], []),
        ([Mention(5, 5, "x", "x", "ORG")], []),
        ([Mention(TEXT.index("2024."), TEXT.index("Uruguay") + 7, "x", "x", "ORG")], []),
        # given out of order: marked in text order
        ([EU, MERCOSUR], ["Mercosur", "European Union"]),
    ],
)
def test_which_mentions_are_marked(mentions, expected):
    assert [TEXT[m.start:m.end] for m in chosen_mentions(TEXT, mentions)] == expected
    assert marks(article_html(TEXT, mentions)) == expected


def test_types_and_focus():
    out = article_html(TEXT, [MERCOSUR, MONTEVIDEO, LACALLE], types=["GPE", "PERSON"], focus=["luis-lacalle-pou"])
    assert marks(out) == ["Montevideo", "Luis Lacalle Pou"]
    assert re.search(r'class="ng-ent ng-t-PERSON ng-focus"[^>]*>Luis Lacalle Pou', out)
    assert "ng-t-GPE ng-focus" not in out


def test_a_text_without_paragraph_breaks_and_an_unknown_type():
    text = "OPEC+ ministers met in Vienna.\nThey agreed to cut output."
    out = article_html(text, [Mention(0, 5, "opec", "OPEC+", "WORK_OF_ART")])
    assert out.count("<p>") == 1 and "<br>" in out
    assert 'class="ng-ent ng-t-OTHER"' in out


@pytest.mark.parametrize(
    "code, expected",
    [("ORG", "ng-t-ORG"), ("WORK_OF_ART", "ng-t-WORKOFART"), ('x" onmouseover="y', "ng-t-xonmouseovery"), (None, "ng-t-OTHER"), ("", "ng-t-OTHER")],
)
def test_type_class_is_a_safe_css_class(code, expected):
    assert type_class(code) == expected


def test_the_stylesheet_has_a_look_for_every_type_and_the_legend_lists_them():
    css = reader_css()
    for code in ("ORG", "PERSON", "GPE", "LOC", "NORP", "FAC", "EVENT", "OTHER"):
        assert f".ng-t-{code} {{" in css
    legend = legend_html(["GPE", "ORG"], focus_names=["Luis <Lacalle>"])
    assert legend.index("Countries and cities") < legend.index("Organizations")
    assert "Luis &lt;Lacalle&gt;" in legend


def test_mentions_from_query_rows_skip_rows_without_offsets():
    frame = pd.DataFrame(
        [(0, 8, "Mercosur", "mercosur", "Mercosur", "ORG"), (None, None, "x", "x", "x", "ORG")],
        columns=["start", "end", "text", "entity_id", "name", "type"],
    )
    assert mentions_from(frame) == [Mention(0, 8, "mercosur", "Mercosur", "ORG")]


def test_article_entities_counts_mentions_per_entity():
    second = span(TEXT, "Montevideo", "montevideo", type_="GPE")
    table = article_entities([MERCOSUR, MONTEVIDEO, second, LACALLE])
    assert table.iloc[0].to_dict() == {"id": "montevideo", "name": "Montevideo", "type": "GPE", "mentions": 2}
    assert set(table["id"]) == {"montevideo", "mercosur", "luis-lacalle-pou"}
    assert article_entities([]).empty


def test_the_list_table_shows_titles_dates_sites_and_counts():
    frame = pd.DataFrame(
        {
            "id": ["a", "b"], "title": ["Pacific Islands Forum <meets>", None],
            "published": [pd.Timestamp("2024-08-26"), pd.NaT],
            "source": ["https://www.forumsec.org/2024/08/26/communique/", "uploads/notes.txt"],
            "license": [None, None], "words": [420, 80], "actors": [7, 1], "events": [2, 0], "quotes": [1, 0],
        }
    )
    table = articles_table(frame)
    assert list(table.columns) == ["Title", "Published", "Source", "Words", "Actors", "Events", "Quotes"]
    assert table["Title"].tolist() == ["Pacific Islands Forum <meets>", "Untitled article"]
    assert table["Published"].tolist() == ["2024-08-26", "undated"]
    assert table["Source"].tolist() == ["forumsec.org", "notes.txt"]
    assert table["Events"].tolist() == [2, 0]


@pytest.mark.parametrize(
    "shown, search, total, expected",
    [
        (29, None, 29, "29 articles · No filters"),
        (3, "summit", 29, "3 of 29 articles · title or text containing “summit” · No filters"),
        (1, None, 1, "1 article · No filters"),
    ],
)
def test_list_caption(shown, search, total, expected):
    assert list_caption(shown, search=search, filters_text="No filters", total=total) == expected


@pytest.mark.parametrize(
    "source, link",
    [
        ("https://www.aseansec.org/news/1", '<a href="https://www.aseansec.org/news/1" target="_blank" rel="noopener noreferrer">aseansec.org</a>'),
        ("javascript:alert(1)", None),
        ("uploads/<b>notes</b>.txt", None),
    ],
)
def test_the_metadata_line_links_only_web_addresses(source, link):
    out = article_meta_html({"id": "abc", "published": pd.Timestamp("2023-09-05"), "source": source, "license": "CC BY 4.0", "words": 1234})
    assert "Published 2023-09-05" in out and "Licence: CC BY 4.0" in out and "1,234 words" in out and "abc" in out
    if link:
        assert link in out
    else:
        assert "<a " not in out and "<b>" not in out


def test_the_metadata_line_says_when_date_and_licence_are_missing():
    out = article_meta_html({"id": "x", "published": pd.NaT, "source": None, "license": None, "words": 10})
    assert "Published undated" in out and "Licence: not stated" in out and "Source" not in out


def test_quote_and_event_items_escape_everything():
    quote = quote_item_html({"kind": "direct", "speaker": "Ana <i>Pérez</i>", "cue": "said", "text": "We <b>will</b> act."})
    assert "Ana &lt;i&gt;Pérez&lt;/i&gt;" in quote and "“We &lt;b&gt;will&lt;/b&gt; act.”" in quote and "Direct quote" in quote
    reported = quote_item_html({"kind": "reported", "speaker": None, "cue": None, "text": "talks will go on"})
    assert "Unattributed" in reported and "“" not in reported and "Reported statement" in reported
    event = event_item_html({"date": "2024-12", "date_text": "in <December>", "summary": "Mercosur <meets>",
                             "actor_names": ["Mercosur", "<EU>"]})
    assert "2024-12" in event and "“in &lt;December&gt;”" in event and "Mercosur &lt;meets&gt;" in event and "&lt;EU&gt;" in event


# ------------------------------------------------------------------------------------------------
# Corrections


@pytest.mark.parametrize(
    "action, fields, expected",
    [
        ("merge", {"entities": ["asean", "association-of-southeast-asian-nations", "asean"]},
         Rule("merge", ("asean", "association-of-southeast-asian-nations"))),
        ("merge", {"entities": ["asean", "asean-secretariat"], "name": " ASEAN ", "note": " same body "},
         Rule("merge", ("asean", "asean-secretariat"), name="ASEAN", note="same body")),
        ("rename", {"entity": "lula", "name": "Luiz Inácio Lula da Silva", "current": "Lula"},
         Rule("rename", ("lula",), name="Luiz Inácio Lula da Silva")),
        ("split", {"entity": "georgia", "names": ["Georgia Meloni"], "all_names": ["Georgia", "Georgia Meloni"], "name": "Giorgia Meloni"},
         Rule("split", ("georgia",), name="Giorgia Meloni", names=("Georgia Meloni",))),
        ("split", {"entity": "georgia", "articles": ["a1"], "all_names": ["Georgia"], "all_articles": ["a1", "a2"]},
         Rule("split", ("georgia",), articles=("a1",))),
        ("hide", {"entity": "covid-19", "note": "a disease, not an actor"}, Rule("hide", ("covid-19",), note="a disease, not an actor")),
    ],
)
def test_a_correction_becomes_a_rule(action, fields, expected):
    assert build_rule(action, **fields) == expected


@pytest.mark.parametrize(
    "action, fields, says",
    [
        ("merge", {"entities": ["asean"]}, "at least two"),
        ("merge", {"entities": ["asean", "asean"]}, "at least two"),
        ("rename", {"entity": None, "name": "x"}, "Pick the entity"),
        ("rename", {"entity": "lula", "name": "  "}, "new name"),
        ("rename", {"entity": "lula", "name": "Lula", "current": "Lula"}, "already its name"),
        ("split", {"entity": "georgia"}, "names or the articles"),
        ("split", {"entity": "georgia", "names": ["Georgia"], "all_names": ["Georgia"]}, "move all of it"),
        ("split", {"entity": "georgia", "articles": ["a1", "a2"], "all_names": ["Georgia"], "all_articles": ["a1", "a2"]}, "move all of it"),
        ("hide", {"entity": ""}, "Pick the entity"),
        ("retype", {}, "Unknown correction"),
    ],
)
def test_an_incomplete_correction_is_refused_with_a_reason(action, fields, says):
    with pytest.raises(RuleProblem, match=says):
        build_rule(action, **fields)


NAMES = {"asean": "ASEAN", "asean-secretariat": "ASEAN Secretariat", "georgia": "Georgia", "lula": "Lula"}


@pytest.mark.parametrize(
    "rule, expected",
    [
        (merge_rule(["asean", "asean-secretariat"]), "Merge “ASEAN” and “ASEAN Secretariat”"),
        (merge_rule(["asean", "asean-secretariat", "gone"], name="ASEAN"), "Merge “ASEAN”, “ASEAN Secretariat” and “gone” as “ASEAN”"),
        (rename_rule("lula", name="Luiz Inácio Lula da Silva"), "Rename “Lula” to “Luiz Inácio Lula da Silva”"),
        (rename_rule("asean", name="ASEAN"), "Rename “asean” to “ASEAN”"),  # applied: its name is the new one
        (split_rule("georgia", names=["Georgia Meloni"], name="Giorgia Meloni"),
         "Split the name “Georgia Meloni” off “Georgia” as “Giorgia Meloni”"),
        (split_rule("georgia", names=["A", "B"], articles=["a1"]), "Split the names “A”, “B” and 1 article off “Georgia”"),
        (Rule("hide", ("covid-19",)), "Hide “covid-19”"),
    ],
)
def test_describe_rule(rule, expected):
    assert describe_rule(rule, NAMES) == expected


def test_rules_table_numbers_rules_in_file_order():
    table = rules_table([Rule("hide", ("lula",), note="test"), merge_rule(["asean", "asean-secretariat"])], NAMES)
    assert table["#"].tolist() == [1, 2]
    assert table["Rule"].tolist() == ["Hide “Lula”", "Merge “ASEAN” and “ASEAN Secretariat”"]
    assert table["Note"].tolist() == ["test", ""]


@pytest.mark.parametrize(
    "rule, undone, expected",
    [
        (Rule("hide", ("lula",)), False, "Done: Hide “Lula” (1,204 → 1,203 entities)."),
        (Rule("hide", ("lula",)), True, "Undone: Hide “Lula” (1,204 → 1,203 entities)."),
        (None, False, "Applied the 3 rules of the overrides file (1,204 → 1,203 entities)."),
    ],
)
def test_apply_message(rule, undone, expected):
    report = SimpleNamespace(rules=3, entities_before=1204, entities_after=1203, problems=())
    assert apply_message(report, rule=rule, names=NAMES, undone=undone) == expected
