import pandas as pd
import plotly.graph_objects as go
import pytest

from components.quotes import (
    PAGE_SIZE,
    context_html,
    cue_phrase,
    page_count,
    quote_card_html,
    quotes_table,
    role_phrase,
    speaker_options,
    speakers_figure,
)

TEXT = (
    "Talks in Addis Ababa\n\n"
    "Moussa Faki said: “We will not accept <unconstitutional> changes of government.” He left after the vote.\n\n"
    "A second paragraph follows."
)


def quote_row(**changes):
    start = TEXT.index("We will")
    end = TEXT.index("government.") + len("government.")
    row = {
        "id": "q1", "article_id": "a1", "kind": "direct", "speaker": "Moussa Faki", "speaker_id": "moussa-faki",
        "cue": "said", "text": TEXT[start:end], "text_start": start, "text_end": end,
        "sentence": "Moussa Faki said: ...", "sentence_start": TEXT.index("Moussa"), "sentence_end": TEXT.index(" He left"),
        "article_title": "AU & ECOWAS <talks>", "published": pd.Timestamp("2023-02-18"), "article_source": "https://au.example/news/1",
    }
    row.update(changes)
    return row


@pytest.mark.parametrize("total, pages", [(0, 1), (1, 1), (PAGE_SIZE, 1), (PAGE_SIZE + 1, 2), (450, 23)])
def test_page_count(total, pages):
    assert page_count(total) == pages


@pytest.mark.parametrize(
    "roles, expected",
    [
        ([("Chairperson", "African Union", 3)], "Chairperson, African Union"),
        ([("President", "Russia", 2), ("President", None, 5)], "President, Russia"),
        ([("Minister", None, 1), ("Spokeswoman", "Foreign Ministry", 1)], "Spokeswoman, Foreign Ministry; Minister"),
        ([], ""),
    ],
)
def test_role_phrase(roles, expected):
    frame = pd.DataFrame(roles, columns=["role", "org_name", "articles"]).assign(entity_id="x")
    assert role_phrase(frame) == expected


def test_a_direct_quote_card_escapes_everything_and_marks_the_words():
    out = quote_card_html(quote_row(), role="Chairperson, African Union")
    assert "“We will not accept &lt;unconstitutional&gt; changes of government.”" in out
    assert "Moussa Faki" in out and "(Chairperson, African Union)" in out and "<i>said</i>" in out
    assert "AU &amp; ECOWAS &lt;talks&gt;" in out and "2023-02-18" in out and 'href="https://au.example/news/1"' in out
    assert "Direct quote" in out


def test_a_reported_statement_without_a_speaker():
    out = quote_card_html(quote_row(kind="reported", speaker=None, cue=None, text="the talks would resume"))
    assert "Unattributed" in out and "Reported statement" in out
    assert "“" not in out.split("</span>", 2)[-1]  # no quotation marks around reported speech


def test_context_shows_the_paragraph_with_the_quote_marked():
    out = context_html(TEXT, quote_row())
    assert "<mark>We will not accept &lt;unconstitutional&gt; changes of government.</mark>" in out
    assert "He left after the vote." in out and "second paragraph" not in out


def test_context_falls_back_to_the_sentence_when_the_quote_has_no_offsets():
    out = context_html(TEXT, quote_row(text_start=None, text_end=float("nan")))
    assert "<mark>Moussa Faki said:" in out


SPEAKERS = pd.DataFrame([
    {"speaker_id": "moussa-faki", "speaker": "Moussa Faki", "type": "PERSON", "direct": 4, "reported": 2, "quotes": 6},
    {"speaker_id": "ecowas", "speaker": "ECOWAS", "type": "ORG", "direct": 0, "reported": 3, "quotes": 3},
    {"speaker_id": None, "speaker": "(unattributed)", "type": None, "direct": 2, "reported": 0, "quotes": 2},
])


def test_the_speakers_chart_stacks_direct_and_reported():
    fig = speakers_figure(SPEAKERS)
    go.Figure(fig.to_dict())
    direct, reported = fig.data
    assert list(direct.y) == ["(unattributed)", "ECOWAS", "Moussa Faki"]  # most quoted at the top
    assert list(direct.x) == [2, 0, 4] and list(reported.x) == [0, 3, 2]
    assert direct.marker.pattern.shape == "" and reported.marker.pattern.shape == "/"
    assert direct.marker.color[0] != direct.marker.color[2]  # unresolved grey vs a person's colour


def test_a_kind_with_no_quotes_gets_no_bars_and_no_legend_entry():
    direct_only = SPEAKERS.assign(reported=0)
    assert [trace.name for trace in speakers_figure(direct_only).data] == ["Direct quote"]


def test_speaker_options_label_with_counts_and_keep_the_selected():
    options = speaker_options(SPEAKERS, ("wang-yi",), {"wang-yi": "Wang Yi"})
    assert options == {"moussa-faki": "Moussa Faki · 6 quotes", "ecowas": "ECOWAS · 3 quotes", "wang-yi": "Wang Yi"}


def test_quotes_table():
    table = quotes_table(pd.DataFrame([quote_row()]))
    assert table.loc[0, "published"] == "2023-02-18" and table.loc[0, "speaker_id"] == "moussa-faki"
    assert list(quotes_table(pd.DataFrame()).columns)[0] == "published"


def test_speaker_names_in_the_chart_are_shown_as_written_not_as_plotly_markup():
    marked = SPEAKERS.assign(speaker=["Moussa <b>Faki</b>", "AT&T", "(unattributed)"][: len(SPEAKERS)])
    labels = list(speakers_figure(marked).data[0].y)
    assert "Moussa &lt;b&gt;Faki&lt;/b&gt;" in labels and "AT&amp;T" in labels and not any("<b>" in label for label in labels)


@pytest.mark.parametrize(
    ("cue", "speaker", "phrase"),
    [
        ("said", "Amina Diallo", "said"),
        ("according to", "Amina Diallo", "according to"),
        ("Prime Minister of Norway Jonas Gahr Støre:", "Jonas Gahr Støre", "transcript: Prime Minister of Norway"),
        ("President of Chile Gabriel Boric (retranslated):", "Gabriel Boric", "transcript: President of Chile (retranslated)"),
        ("Gabriel Boric’s remarks:", "Gabriel Boric", "transcript: remarks"),
        ("Gabriel Boric:", "Gabriel Boric", "transcript"),
        ("Question:", None, "transcript: Question"),
    ],
)
def test_cue_phrase(cue, speaker, phrase):
    assert cue_phrase(cue, speaker) == phrase


def test_a_transcript_card_does_not_repeat_the_speaker_in_its_cue():
    out = quote_card_html(quote_row(cue="Secretary-General of the Council Anna Berg:", speaker="Anna Berg"))
    assert "transcript: Secretary-General of the Council" in out
    assert out.count("Anna Berg") == 1
