"""Quotes: quotation marks, speakers, reported statements and transcript turns, on real text."""

from __future__ import annotations

import json

import pytest

from newsgraph.quotes import MarkedSpan, looks_like_title, pair_quotation_marks
from newsgraph.sources import from_plain_text
from tests.conftest import ARTICLES

PRONOUNS = {"he", "she", "him", "her", "his", "hers", "they", "them", "it", "we", "i"}


def quotes_of(doc, kind: str | None = None) -> list[dict]:
    return [q for q in doc._.ng_quotes if kind is None or q["kind"] == kind]


def assert_well_formed(doc) -> None:
    """Offsets point at the text, the sentence holds it, no trailing comma, no pronoun speaker."""
    for quote in doc._.ng_quotes:
        assert doc.text[quote["text_start"]:quote["text_end"]] == quote["text"]
        assert quote["sent_start"] <= quote["text_start"] < quote["text_end"] <= quote["sent_end"]
        assert not quote["text"].endswith(",") and quote["text"] == quote["text"].strip()
        assert quote["kind"] in ("direct", "reported")
        assert (quote["speaker"] or "").lower() not in PRONOUNS
        if quote["speaker_local"] is not None:
            assert doc._.ng_entities[quote["speaker_local"]]["name"] == quote["speaker"]


# -------------------------------------------------------------------------------------------
# Pairing quotation marks (pure text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will win,” he said.", ["We will win,"]),
        ('He said: "We will win." Then he left.', ["We will win."]),
        ("“We call it the ‘Samarkand spirit’ of the region,” she said.", ["We call it the ‘Samarkand spirit’ of the region,"]),
        ("“First we talk.\n\n“Then we sign,” he said.", ["First we talk.\n\n“Then we sign,"]),
        ("We will win,” he said.", ["We will win,"]),
        ("He replied: We will not give up.” Then he left.", ["We will not give up."]),
        ("“A,” he said. Then B follows,” she added.", ["A,", "Then B follows,"]),
        ("“We will win.\n\nThe next paragraph has no marks.", ["We will win."]),
        ("‘Our doors are open,’ he said.", ["Our doors are open,"]),
        ("Russia’s and China’s positions on the members’ rights differ.", []),
        ('The "Astana format" talks and "Shanghai spirit" remain.', ["Astana format", "Shanghai spirit"]),
        ("«Nous sommes prêts», a-t-il dit.", ["Nous sommes prêts"]),
        ("No quotation marks here at all.", []),
    ],
)
def test_pairs_quotation_marks(text, expected):
    assert [text[s.start:s.end] for s in pair_quotation_marks(text)] == expected


def test_a_quote_over_two_paragraphs_is_one_span():
    text = "“The bloc failed.\n\n“Its members know it,” he said."
    (span,) = pair_quotation_marks(text)
    assert span == MarkedSpan(1, text.index("”"), opened=True, closed=True, single=False, paragraphs=2)


def test_a_missing_opening_mark_is_marked_as_such():
    (span,) = pair_quotation_marks("We will win,” he said.")
    assert not span.opened and span.closed and span.start == 0


@pytest.mark.parametrize(
    "text",
    [
        "A “b” c ” d “ e",
        "”””",
        "““ “",
        '"',
        "He said “yes. She said “no”. And ” then.\n\n“",
        "‘ ’ ' '' ‘‘",
        "",
    ],
)
def test_odd_and_stray_marks_never_raise(text):
    for span in pair_quotation_marks(text):
        assert 0 <= span.start <= span.end <= len(text)


@pytest.mark.parametrize(
    ("text", "is_title"),
    [
        ("Program of Cooperation on Combating Terrorism, Separatism and Extremism", True),
        ("Astana Declaration", True),
        ("We need to promote interconnectedness", False),
        ("The Door Is Open.", False),
    ],
)
def test_titles_are_told_from_sentences(text, is_title):
    assert looks_like_title(text) is is_title


# -------------------------------------------------------------------------------------------
# The sample article


@pytest.fixture(scope="module")
def sample_doc(nlp, sample_text):
    from datetime import date

    from newsgraph.nlp import make_doc

    article = from_plain_text(sample_text, origin="sample")
    assert article.published == date(2022, 4, 25)
    return nlp(make_doc(nlp, article))


def test_sample_has_exactly_two_direct_quotes_both_li_keqiangs_with_full_text(sample_doc):
    direct = quotes_of(sample_doc, "direct")
    assert [q["speaker"] for q in direct] == ["Li Keqiang", "Li Keqiang"]
    text = sample_doc.text
    # The full words between each pair of marks, computed from the article, not typed in.
    first_open = text.index("“It is necessary")
    first = text[first_open + 1:text.index("”", first_open)]
    second_open = text.index("“We need")
    second = text[second_open + 1:text.index("”", second_open)].rstrip(",")
    assert [q["text"] for q in direct] == [first, second]
    assert direct[0]["text"].endswith("and information security")
    assert [q["cue"] for q in direct] == ["said", "stressed"]
    assert all(sample_doc._.ng_entities[q["speaker_local"]]["type"] == "PERSON" for q in direct)
    assert_well_formed(sample_doc)


@pytest.mark.parametrize("phrase", ["Shanghai spirit", "generic sign", "source code"])
def test_sample_scare_quotes_are_not_quotes(sample_doc, phrase):
    assert phrase in sample_doc.text
    assert not any(q["kind"] == "direct" and phrase in q["text"] for q in sample_doc._.ng_quotes)


@pytest.mark.parametrize(
    ("speaker", "named_as"),
    [
        ("Wang Yi", ["Wang Yi", "the head of the Chinese Foreign Ministry", "He", "the diplomat"]),
        ("Zhang Ming", ["Zhang Ming", "the SCO Secretary General", "he", "his"]),
        ("Li Keqiang", ["Li Keqiang", "The Premier of the State Council of the People’s Republic of China", "him"]),
    ],
)
def test_sample_reported_statements_by_name_pronoun_and_description(sample_doc, speaker, named_as):
    reported = [q for q in quotes_of(sample_doc, "reported") if q["speaker"] == speaker]
    found = {q["speaker_text"] for q in reported}
    for words in named_as:
        assert words in found, (words, sorted(found))
    assert all(q["speaker_local"] is not None for q in reported)


@pytest.mark.parametrize(
    ("cue", "speaker_text", "starts_with"),
    [
        ("According to", "the head of the Chinese Foreign Ministry", "it is necessary to develop the “Shanghai spirit”"),
        ("called for", "Wang Yi", "resolute opposition to the revival of the Cold War mentality"),
        ("noted", "He", "it is important to categorically oppose illegal unilateral sanctions"),
        ("stressed", "the diplomat", "as a host country, China"),
        ("promised", "Zhang Ming", "to make a proper contribution"),
        ("believes", "Zhang Ming", "These concepts are concentrated"),
        ("In his opinion", "his", "it contains the “source code”"),
        ("believes", "Beijing", "the SCO member states should form a reliable security shield"),
    ],
)
def test_sample_reported_content_and_cue(sample_doc, cue, speaker_text, starts_with):
    matches = [
        q for q in quotes_of(sample_doc, "reported")
        if q["cue"] == cue and q["speaker_text"] == speaker_text and q["text"].startswith(starts_with)
    ]
    assert len(matches) == 1, [(q["cue"], q["speaker_text"], q["text"][:50]) for q in quotes_of(sample_doc, "reported")]


def test_sample_has_no_statement_without_a_speaker(sample_doc):
    texts = [q["text"] for q in quotes_of(sample_doc, "reported")]
    assert not any(t.startswith("the meeting of the Chinese Foreign Minister") for t in texts)  # "It should be noted that"
    assert all(q["speaker"] for q in quotes_of(sample_doc, "reported"))


# -------------------------------------------------------------------------------------------
# Articles written for these tests


def test_speaker_after_the_quote(doc_of):
    doc = doc_of(
        "Kazakhstan and Uzbekistan signed a water-sharing agreement in Astana on Tuesday.\n\n"
        "“We will not allow anyone to dictate terms to us on the use of our rivers,” Kazakh Foreign "
        "Minister Murat Nurtleu told reporters after the signing.\n\n"
        "“The talks were frank, long and, in the end, useful,” said Bakhtiyor Saidov, the Uzbek foreign "
        "minister. He added that a joint commission would meet every quarter."
    )
    direct = quotes_of(doc, "direct")
    assert [(q["speaker"], q["cue"]) for q in direct] == [("Murat Nurtleu", "told"), ("Bakhtiyor Saidov", "said")]
    assert direct[0]["text"] == "We will not allow anyone to dictate terms to us on the use of our rivers"
    (added,) = [q for q in quotes_of(doc, "reported") if q["cue"] == "added"]
    assert added["speaker"] == "Bakhtiyor Saidov" and added["speaker_text"] == "He"
    assert added["text"] == "a joint commission would meet every quarter"
    assert_well_formed(doc)


def test_a_quote_over_two_paragraphs(doc_of):
    doc = doc_of(
        "Russian Foreign Minister Sergei Lavrov dismissed the new security pact on Friday.\n\n"
        "“The bloc was created for a different era and it has failed to adapt to the realities of today.\n\n"
        "“Its members know this very well, even if they will not admit it in public,” Lavrov said at a news "
        "conference in Moscow.\n\n"
        "EU foreign policy chief Josep Borrell rejected the criticism."
    )
    (quote,) = quotes_of(doc, "direct")
    assert quote["text"].startswith("The bloc was created")
    assert quote["text"].endswith("will not admit it in public")
    assert "\n\n“Its members" in quote["text"]
    assert quote["speaker"] == "Sergei Lavrov" and quote["cue"] == "said"
    assert_well_formed(doc)


def test_a_quote_missing_its_opening_mark(doc_of):
    doc = doc_of(
        "The Uzbek leader spoke after the plenary session in Samarkand.\n\n"
        "Our region does not need new dividing lines or new blocs,” President Shavkat Mirziyoyev said, "
        "adding that trade would keep growing."
    )
    (quote,) = quotes_of(doc, "direct")
    assert quote["text"] == "Our region does not need new dividing lines or new blocs"
    assert quote["speaker"] == "Shavkat Mirziyoyev"
    assert_well_formed(doc)


def test_a_spokeswoman_named_once_then_she(doc_of):
    doc = doc_of(
        "Russian Foreign Ministry spokeswoman Maria Zakharova said on Thursday that Moscow would respond to "
        "any new sanctions. EU foreign policy chief Josep Borrell announced the package on Monday.\n\n"
        "She added that the European Union was acting against its own economic interests. Speaking to "
        "journalists later, she called for an end to what she described as economic blackmail."
    )
    reported = quotes_of(doc, "reported")
    assert [(q["speaker"], q["speaker_text"], q["cue"]) for q in reported] == [
        ("Maria Zakharova", "Maria Zakharova", "said"),
        ("Maria Zakharova", "She", "added"),
        ("Maria Zakharova", "she", "called for"),
    ]
    assert reported[1]["text"] == "the European Union was acting against its own economic interests"
    assert_well_formed(doc)


TWO_SPEAKER_TRANSCRIPT = (
    "Meeting with Kazakh Foreign Minister\n\n"
    "Sergei Lavrov: Good afternoon, colleagues,\n\n"
    "We have had a productive meeting and agreed on the schedule of contacts for the rest of the year.\n\n"
    "Our trade grew by a fifth last year, and we expect the same this year.\n\n"
    "Murat Nurtleu: Thank you, Sergei Viktorovich.\n\n"
    "Kazakhstan values the strategic partnership with Russia and will keep working on the transport corridors.\n\n"
    "Sergei Lavrov: One more point. We will prepare the visit of the President of Kazakhstan to Moscow in the autumn."
)


def test_a_transcript_with_two_speakers_taking_turns(doc_of):
    doc = doc_of(TWO_SPEAKER_TRANSCRIPT)
    direct = quotes_of(doc, "direct")
    assert [q["speaker"] for q in direct] == ["Sergei Lavrov", "Sergei Lavrov", "Murat Nurtleu", "Murat Nurtleu", "Sergei Lavrov"]
    assert [q["text"] for q in direct] == [
        "We have had a productive meeting and agreed on the schedule of contacts for the rest of the year.",
        "Our trade grew by a fifth last year, and we expect the same this year.",
        "Thank you, Sergei Viktorovich.",
        "Kazakhstan values the strategic partnership with Russia and will keep working on the transport corridors.",
        "One more point. We will prepare the visit of the President of Kazakhstan to Moscow in the autumn.",
    ]
    assert not any(":" in q["text"][:20] for q in direct)  # the label is not part of the text
    assert [q["cue"] for q in direct][:1] == ["Sergei Lavrov:"]
    for quote in direct:
        entity = doc._.ng_entities[quote["speaker_local"]] if quote["speaker_local"] is not None else None
        assert entity is None or entity["type"] == "PERSON"
    assert direct[0]["speaker_local"] is not None and direct[0]["speaker_local"] == direct[-1]["speaker_local"]
    assert not quotes_of(doc, "reported")  # "we expect" inside a turn is the turn's speech
    assert_well_formed(doc)


def test_a_transcript_label_with_a_title_and_a_question_that_ends_a_turn(doc_of):
    doc = doc_of(
        "Vladimir Putin: Colleagues, good afternoon!\n\n"
        "We have a busy agenda today, so let us begin.\n\n"
        "Question: Mr President, what about the gas pipeline to China?\n\n"
        "Vladimir Putin: The pipeline will be built, and the talks on the price are nearly finished.\n\n"
        "President of Kazakhstan Kassym-Jomart Tokayev (via interpreter): Thank you for the invitation to "
        "Moscow, Mr President."
    )
    direct = quotes_of(doc, "direct")
    assert [(q["speaker"], q["text"][:20]) for q in direct] == [
        ("Vladimir Putin", "We have a busy agend"),
        ("Vladimir Putin", "The pipeline will be"),
        ("Kassym-Jomart Tokayev", "Thank you for the in"),
    ]
    assert not any("gas pipeline" in q["text"] for q in direct)  # the question is nobody's turn
    assert direct[-1]["cue"] == "President of Kazakhstan Kassym-Jomart Tokayev (via interpreter):"


def test_long_transcript_paragraphs_are_cut_into_passages(doc_of):
    sentence = "We have agreed to build a new railway from the border to the port, and the work starts soon."
    doc = doc_of("Shavkat Mirziyoyev: Dear friends,\n\n" + " ".join([sentence] * 8))
    direct = quotes_of(doc, "direct")
    assert len(direct) >= 2
    assert all(len(q["text"].split()) <= 80 for q in direct)
    assert " ".join(q["text"] for q in direct) == " ".join([sentence] * 8)


@pytest.mark.parametrize(
    "text",
    [
        "The leaders adopted the “Astana Declaration” and praised the “spirit of Bishkek” in their talks.",
        "Analysts call it the so-called “Istanbul format of regional talks” without any irony.",
        "The ministers discussed the “Central Asia plus” format and the “green corridor” for fruit exports.",
        "The summit approved the “Program of Cooperation on Combating Terrorism, Separatism and Extremism”.",
    ],
)
def test_titles_and_scare_quotes_are_not_quotes(doc_of, text):
    assert quotes_of(doc_of(text), "direct") == []


def test_straight_nested_and_single_quotes(doc_of):
    doc = doc_of(
        'German Chancellor Olaf Scholz said: "We stand with our partners in Central Asia, and we will invest '
        'in their infrastructure."\n\n'
        "“We call this the ‘Samarkand spirit’, and we intend to keep it alive for many years,” Mirziyoyev said.\n\n"
        "Turkish President Recep Tayyip Erdogan addressed the forum. ‘Our doors are open to every country of "
        "the region,’ he said."
    )
    direct = quotes_of(doc, "direct")
    assert [q["text"] for q in direct] == [
        "We stand with our partners in Central Asia, and we will invest in their infrastructure.",
        "We call this the ‘Samarkand spirit’, and we intend to keep it alive for many years",
        "Our doors are open to every country of the region",
    ]
    assert direct[0]["speaker"] == "Olaf Scholz"
    assert "Mirziyoyev" in direct[1]["speaker"]
    assert direct[2]["speaker_text"] == "he" and direct[2]["speaker"] is not None and "Erdogan" in direct[2]["speaker"]


def test_cue_in_the_previous_sentence_and_a_continued_quote(doc_of):
    doc = doc_of(
        "Kyrgyz President Sadyr Japarov was asked about the border deal. He replied:\n\n"
        "“The border question is closed for good, and our peoples can finally live in peace.”\n\n"
        "“Nobody will redraw it again,” he said. “We have signed it and we will keep it.”"
    )
    direct = quotes_of(doc, "direct")
    assert [q["speaker"] for q in direct] == ["Sadyr Japarov"] * 3
    assert [q["cue"] for q in direct] == ["replied", "said", "said"]


def test_cue_in_the_next_sentence(doc_of):
    doc = doc_of("Kassym-Jomart Tokayev met the press. “We are ready for a new round of talks.” Tokayev said.")
    (quote,) = quotes_of(doc, "direct")
    assert quote["text"] == "We are ready for a new round of talks."
    assert quote["speaker"] and "Tokayev" in quote["speaker"]


def test_an_unresolvable_pronoun_is_no_speaker(doc_of):
    doc = doc_of("He said the negotiations would resume next week. “We are ready to talk at any level,” he said.")
    quotes = quotes_of(doc)
    assert quotes and all(q["speaker"] is None and q["speaker_local"] is None for q in quotes)
    assert {q["speaker_text"] for q in quotes} == {"He", "he"}


def test_a_sentence_like_quote_without_a_cue_keeps_a_null_speaker(doc_of):
    doc = doc_of("The banner over the square read “Our friendship will last for ever and ever” in three languages.")
    (quote,) = quotes_of(doc, "direct")
    assert quote["speaker"] is None and quote["cue"] is None


@pytest.mark.parametrize(
    ("sentence", "speaker", "cue", "content"),
    [
        ("The CSTO Secretariat said in a statement that the exercises would start in October.",
         "CSTO", "said", "the exercises would start in October"),
        ("Ankara believes that the new corridor will cut transit times by half.",
         "Ankara", "believes", "the new corridor will cut transit times by half"),
        ("According to the Kremlin, the summit will be held in Kazan next year.",
         "Kremlin", "According to", "the summit will be held in Kazan next year"),
        ("The summit will be held in Kazan next year, according to Dmitry Peskov.",
         "Peskov", "according to", "The summit will be held in Kazan next year"),
        ("Kazakhstan promised to double its grain exports to Afghanistan.",
         "Kazakhstan", "promised", "to double its grain exports to Afghanistan"),
        ("Uzbek President Shavkat Mirziyoyev called for closer cooperation on water resources.",
         "Mirziyoyev", "called for", "closer cooperation on water resources"),
        ("Indian Prime Minister Narendra Modi urged the members to fight terrorism together.",
         "Modi", "urged", "the members to fight terrorism together"),
        ("The talks were useful and frank, Sergei Lavrov believes.",
         "Lavrov", "believes", "The talks were useful and frank"),
    ],
)
def test_reported_statements_by_people_organizations_and_countries(doc_of, sentence, speaker, cue, content):
    doc = doc_of(sentence)
    (statement,) = quotes_of(doc, "reported")
    assert speaker in statement["speaker"]
    assert (statement["cue"], statement["text"]) == (cue, content)
    assert_well_formed(doc)


def test_opinion_phrases_and_descriptions_as_speakers(doc_of):
    doc = doc_of(
        "UN Secretary-General Antonio Guterres welcomed the agreement. In the opinion of the Secretary-General, "
        "the deal shows that dialogue works. In his view, the region has set an example for others. He also "
        "urged the parties to implement the deal in full."
    )
    reported = quotes_of(doc, "reported")
    assert [(q["speaker"], q["speaker_text"]) for q in reported] == [
        ("Antonio Guterres", "the Secretary-General"),
        ("Antonio Guterres", "his"),
        ("Antonio Guterres", "He"),
    ]
    assert reported[0]["cue"] == "In the opinion of the Secretary-General"
    assert reported[1]["text"] == "the region has set an example for others"


@pytest.mark.parametrize(
    "sentence",
    [
        "It should be noted that the deal was signed after ten years of talks.",
        "Observers say the deal is fragile and could collapse within a year.",
        "We believe that the region will prosper in the coming decade.",
        "The declaration noted the importance of regional connectivity.",
    ],
)
def test_statements_without_a_speaker_are_not_reported(doc_of, sentence):
    assert quotes_of(doc_of(sentence), "reported") == []


def test_an_unmatched_description_is_an_unknown_speaker(doc_of):
    doc = doc_of(
        "Chinese Foreign Minister Wang Yi arrived in Ankara on Monday. The French minister said that "
        "Paris would join the talks later."
    )
    (statement,) = quotes_of(doc, "reported")
    assert statement["speaker"] is None and statement["speaker_text"] == "The French minister"


# -------------------------------------------------------------------------------------------
# The bundled real articles


@pytest.fixture(scope="module")
def bundled_docs(nlp):
    from newsgraph.nlp import make_doc
    from newsgraph.sources import Article

    docs = []
    for line in (ARTICLES / "eurasian-organizations-sample.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        docs.append(nlp(make_doc(nlp, Article(title=record.get("title"), published=None, source=None, text=record["text"]))))
    return docs


def test_bundled_articles_give_well_formed_quotes(bundled_docs):
    for doc in bundled_docs:
        assert_well_formed(doc)


def test_kremlin_transcripts_give_the_labelled_speakers_turns(bundled_docs):
    labelled = [doc for doc in bundled_docs if "President of Russia Vladimir Putin:" in doc.text]
    assert len(labelled) >= 5
    for doc in labelled:
        direct = quotes_of(doc, "direct")
        label_at = doc.text.index("President of Russia Vladimir Putin:")
        putin = [q for q in direct if q["cue"] == "President of Russia Vladimir Putin:"]
        assert putin, doc.text[:80]
        assert all(q["speaker"] == "Vladimir Putin" and q["text_start"] > label_at for q in putin)
        assert not any(q["text"].startswith(("President of Russia", "Colleagues")) for q in direct)


def test_a_retranslated_label_and_turns_of_two_presidents(bundled_docs):
    (doc,) = [d for d in bundled_docs if d.text.startswith("President of the People’s Republic of China Xi Jinping")]
    speakers = [q["speaker"] for q in quotes_of(doc, "direct")]
    assert speakers[0] == "Xi Jinping" and speakers[-1] == "Vladimir Putin"
    assert speakers == sorted(speakers, key=lambda s: s != "Xi Jinping")  # Xi's turn, then Putin's


def test_a_possessive_remarks_label_opens_a_turn(bundled_docs):
    docs = [d for d in bundled_docs if "Mikhail Mishustin’s remarks:" in d.text]
    assert docs
    for doc in docs:
        direct = quotes_of(doc, "direct")
        assert direct and all(q["speaker"] == "Mikhail Mishustin" for q in direct)
        assert all(q["text_start"] > doc.text.index("Mikhail Mishustin’s remarks:") for q in direct)


# -------------------------------------------------------------------------------------------
# Text of other styles: wire copy, appositions, split quotes, interviews


def test_a_speaker_named_in_an_apposition_after_a_description(doc_of):
    doc = doc_of("A spokeswoman for the Commission, Amina Diallo, told journalists that the proposal "
                 "would be published next week.")
    (quote,) = quotes_of(doc, "reported")
    assert (quote["speaker"], quote["text"]) == ("Amina Diallo", "the proposal would be published next week")


def test_a_reported_statement_never_starts_with_the_dateline(doc_of):
    doc = doc_of("CANBERRA — Australia will double its aid to the Pacific, foreign minister Mia Hartley "
                 "announced on Monday.")
    (quote,) = quotes_of(doc, "reported")
    assert quote["speaker"] == "Mia Hartley"
    assert quote["text"] == "Australia will double its aid to the Pacific"
    assert_well_formed(doc)


@pytest.mark.parametrize("marks", [("'", "'"), ("“", "”"), ('"', '"')])
def test_a_quote_split_around_its_cue_has_the_speaker_on_both_halves(doc_of, marks):
    open_, close = marks
    doc = doc_of(f"Bjorn Lund, the envoy, arrived late. {open_}We are ready,{close} Lund said, "
                 f"{open_}to talk to anyone.{close}")
    direct = quotes_of(doc, "direct")
    assert [(q["speaker"], q["text"]) for q in direct] == [("Bjorn Lund", "We are ready"), ("Bjorn Lund", "to talk to anyone.")]


def test_an_interview_gives_each_answer_to_the_interviewee(doc_of):
    doc = doc_of("Chile's energy minister, Diego Torres, spoke to us before the summit in Santiago.\n\n"
                 "Q: Is the lithium plan on track?\n\n"
                 "A: It is ahead of schedule. We signed three contracts this spring.\n\n"
                 "Q: And the critics?\n\n"
                 "A: They will see the results next year.")
    direct = quotes_of(doc, "direct")
    assert [q["speaker"] for q in direct] == ["Diego Torres", "Diego Torres"]
    assert [q["text"].split(".")[0] for q in direct] == ["It is ahead of schedule", "They will see the results next year"]
    assert not any("lithium plan" in q["text"] for q in doc._.ng_quotes), "questions are not quoted"


def test_an_interview_with_two_people_in_its_introduction_names_no_speaker(doc_of):
    doc = doc_of("Diego Torres and Ana Silva spoke to us in Santiago.\n\nQ: Is the plan on track?\n\nA: It is ahead of schedule.")
    assert [q["speaker"] for q in quotes_of(doc, "direct")] in ([], [None])


def test_a_reported_statement_that_quotes_a_few_words_is_kept(doc_of):
    doc = doc_of('Ghana\'s finance minister, Kofi Mensah, said on Monday that the talks remained "the only way forward."')
    reported = quotes_of(doc, "reported")
    assert [(q["speaker"], q["text"][:17]) for q in reported] == [("Kofi Mensah", "the talks remaine")]
    assert [q["text"] for q in quotes_of(doc, "direct")] == ["the only way forward."]


@pytest.mark.parametrize(
    "text, speaker, content",
    [
        # where and when it was said may follow the speaker
        ("The Arctic Council met in Tromso. Work will resume in May, the council said in a statement.",
         "Arctic Council", "Work will resume in May"),
        # an institution named by its country's adjective speaks for that country
        ("The German foreign ministry said its diplomats had left Khartoum. Germany will keep its embassy closed.",
         "Germany", "its diplomats had left Khartoum"),
        # a "that" clause the parser hung on the last noun
        ("Nadia Petrova told reporters after the meeting of the group's steering committee that the country "
         "was ready to sign.", "Nadia Petrova", "the country was ready to sign"),
    ],
)
def test_reported_statements_in_other_shapes(doc_of, text, speaker, content):
    doc = doc_of(text)
    assert (speaker, content) in [(q["speaker"], q["text"]) for q in quotes_of(doc, "reported")], quotes_of(doc)


def test_an_institution_of_a_country_the_article_does_not_name_speaks_unresolved(doc_of):
    doc = doc_of("The Swiss foreign ministry said its diplomats had left Khartoum.")
    (quote,) = quotes_of(doc, "reported")
    assert (quote["speaker"], quote["speaker_local"]) == (None, None)


# --------------------------------------------------------------------------------------------
# Reported statements: the complementizer, organizations described, clauses after the cue


@pytest.mark.parametrize(
    "text, content",
    [
        # the parser may take "that" for a determiner of the next word; it only opens the clause
        ("Dr Lena Park told journalists in Seoul that cholera no longer spreads in the region.",
         "cholera no longer spreads in the region"),
        ("Dr Lena Park told journalists in Seoul that polio no longer represents a threat.",
         "polio no longer represents a threat"),
        ("The minister said on Friday that prices would fall.", "prices would fall"),
        # a pronoun "that" stays
        ("The mayor said that was a mistake.", "that was a mistake"),
    ],
)
def test_a_leading_that_opens_the_reported_clause(doc_of, text, content):
    doc = doc_of(text)
    assert content in [q["text"] for q in quotes_of(doc, "reported")], quotes_of(doc)


@pytest.mark.parametrize(
    "text, speaker, content",
    [
        # an unnamed spokesperson speaks for the organization named after "for"
        ("The European Investment Bank (EIB) approved the loan. The project is on schedule, a spokesman for the "
         "bank said.", "European Investment Bank", "The project is on schedule"),
        # "it said" after a sentence whose subject is an organization
        ("Korvale Mining will close its smelter in Ontario in June, it said on Tuesday.", "Korvale Mining",
         "Korvale Mining will close its smelter"),
        # a description of the organization the article was talking about
        ("World Rugby banned the club for two years, the sport's governing body said in a statement.", "World Rugby",
         "World Rugby banned the club"),
        # the organization in the description's apposition, or as its modifier
        ("The U.N. migration agency, IOM, said thousands had fled the city.", "IOM", "thousands had fled the city"),
        ("More than 2 million children are out of school, United Nations agencies warned on Monday.",
         "United Nations", "More than 2 million children are out of school"),
        # a clause telling when it was said may follow the cue
        ("The tribunal had no jurisdiction, the chief judge Maria Esposito said as she closed the hearing.",
         "Maria Esposito", "The tribunal had no jurisdiction"),
    ],
)
def test_organizations_and_people_described_as_speakers(doc_of, text, speaker, content):
    doc = doc_of(text)
    assert (speaker, content) in [(q["speaker"], q["text"][: len(content)]) for q in quotes_of(doc, "reported")], quotes_of(doc)


def test_a_company_described_without_antecedent_speaks_unresolved(doc_of):
    doc = doc_of("Profits rose 8% in the quarter, a company said.")
    assert all(q["speaker"] is None for q in quotes_of(doc)), quotes_of(doc)


@pytest.mark.parametrize(
    "text, first_sentence",
    [
        # the parser may end a sentence on an acronym right after the dash
        ("MONACO, June 2 \u2014 IAAF suspended the runner on Friday, citing doping, the federation said.",
         "IAAF suspended the runner on Friday, citing doping, the federation said."),
        ("HELSINKI, March 3 \u2014 Nokia cut its dividend on Monday, citing weak demand, the Finnish company said.",
         "Nokia cut its dividend on Monday, citing weak demand, the Finnish company said."),
    ],
)
def test_the_first_sentence_after_a_dateline_stays_whole(doc_of, text, first_sentence):
    doc = doc_of(text)
    assert [s.text.strip() for s in doc.sents][1] == first_sentence


def test_a_statement_opening_the_body_after_a_dateline(doc_of):
    doc = doc_of("HELSINKI, March 3 \u2014 Nokia cut its dividend on Monday, citing weak demand, the Finnish company said.")
    (quote,) = quotes_of(doc, "reported")
    assert (quote["speaker"], quote["text"]) == ("Nokia", "Nokia cut its dividend on Monday, citing weak demand")
