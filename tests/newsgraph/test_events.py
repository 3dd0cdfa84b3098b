"""Tests for newsgraph.events: temporal expressions in text and the dated events built from them.

The sample article's timeline is the issue's done-when list. The other texts are short articles
written for these tests, with other organizations, people, date forms and publication dates.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from spacy.tokens import Doc

from newsgraph.events import SUMMARY_WORDS, present
from newsgraph.ingest import ingest_paths
from newsgraph.nlp import make_doc
from newsgraph.sources import read_paths
from tests.conftest import SCRAPED_SAMPLE

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def names_of(doc: Doc, local_ids: list[int]) -> set[str]:
    """Every name (canonical and aliases) of the given entities, lower case."""
    names: set[str] = set()
    for local_id in local_ids:
        entity = doc._.ng_entities[local_id]
        names.add(entity["name"].casefold())
        names.update(alias.casefold() for alias in entity.get("aliases") or [])
    return names


def has_actors(doc: Doc, event: dict, wanted: set[str]) -> bool:
    names = names_of(doc, event["actors"])
    return all(any(want.casefold() == name or want.casefold() in name.split() for name in names) for want in wanted)


def matching(doc: Doc, when: str, precision: str, actors: set[str], words: str) -> list[dict]:
    return [
        event
        for event in doc._.ng_events
        if event["date"] == when
        and event["precision"] == precision
        and has_actors(doc, event, actors)
        and words.casefold() in event["summary"].casefold()
    ]


def describe(doc: Doc) -> list[tuple[str, str, str, list[str]]]:
    """The events in a readable form, for assertion messages."""
    return [
        (e["date"], e["date_text"], e["summary"], [doc._.ng_entities[a]["name"] for a in e["actors"]])
        for e in doc._.ng_events
    ]


# --------------------------------------------------------------------------------------------
# The sample article: the done-when timeline
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_doc(nlp):
    article = read_paths([SCRAPED_SAMPLE]).articles[0]
    assert article.published == date(2022, 4, 25)
    return nlp(make_doc(nlp, article))


SAMPLE_TIMELINE = [
    pytest.param("2001-06", "month", {"SCO"}, "founded", id="SCO founded"),
    pytest.param("2004", "year", {"SCO", "UN General Assembly"}, "observer status", id="observer status in the UN GA"),
    pytest.param("2007", "year", {"SCO", "CSTO"}, "memorandum of cooperation", id="SCO-CSTO memorandum"),
    pytest.param("2021-09", "month", {"SCO", "CSTO", "Dushanbe", "Afghanistan"}, "joint summit", id="joint summit in Dushanbe"),
    pytest.param("2021-11", "month", {"Li Keqiang"}, "meeting of Council of Heads of Government", id="Li Keqiang at the 20th Council"),
    pytest.param("2021-11", "month", {"Beijing"}, "vision", id="Beijing formulates its vision"),
    pytest.param("2022-01-01", "day", {"Zhang Ming"}, "takes office", id="Zhang Ming takes office"),
    pytest.param("2022-01", "month", {"SCO", "CSTO", "Kazakhstan"}, "coordinated position", id="position on Kazakhstan"),
    pytest.param("2022-03", "month", {"Wang Yi", "Zhang Ming"}, "meets", id="Wang Yi meets Zhang Ming"),
]


@pytest.mark.parametrize(("when", "precision", "actors", "words"), SAMPLE_TIMELINE)
def test_sample_timeline_holds_each_event_with_its_actors(sample_doc, when, precision, actors, words):
    found = matching(sample_doc, when, precision, actors, words)
    assert len(found) == 1, describe(sample_doc)


def test_sample_timeline_holds_nothing_else(sample_doc):
    dates = {event["date"] for event in sample_doc._.ng_events}
    assert dates == {"2001-06", "2004", "2007", "2021-09", "2021-11", "2022-01-01", "2022-01", "2022-03"}


@pytest.mark.parametrize("words", ["20 years", "today", "the first years", "at the present stage", "not so long ago"])
def test_sample_durations_and_vague_times_are_not_dated(sample_doc, words):
    assert words in sample_doc.text.replace("today’s", "today")
    assert all(expression["text"].casefold() != words for expression in sample_doc._.ng_dates)
    assert all(event["date_text"].casefold() != words for event in sample_doc._.ng_events)
    assert all(event["date"] != "2022-04-25" for event in sample_doc._.ng_events)  # no "today"


def test_sample_events_read_as_headlines(sample_doc):
    for event in sample_doc._.ng_events:
        summary = event["summary"]
        words = summary.split()
        assert 2 <= len(words) <= SUMMARY_WORDS, summary
        assert not summary.endswith(("…", ",", "...")), summary
        assert not summary.casefold().startswith(("in ", "on ", "the ", "regarding ")), summary
        assert event["date_text"] not in summary, summary  # "In September 2021," is not in the headline
        evidence = sample_doc.text[event["sent_start"] : event["sent_end"]]
        assert event["date_text"] in evidence  # the evidence shows where the date comes from


def test_sample_events_are_stored_with_their_spans(empty_store):
    report = ingest_paths([SCRAPED_SAMPLE], empty_store)
    assert report.ok, report.failures
    with empty_store.read() as con:
        rows = con.execute(
            "SELECT date, precision, date_start, date_end, date_text FROM events ORDER BY date_start"
        ).fetchall()
        actors = con.execute(
            """SELECT e.name FROM events ev JOIN event_actors ea ON ea.event_id = ev.id
               JOIN entity_map m ON m.article_id = ea.article_id AND m.local_id = ea.local_id
               JOIN entities e ON e.id = m.entity_id WHERE ev.date = '2022-01-01'"""
        ).fetchall()
    by_date = {row[0]: row for row in rows}
    assert by_date["2021-09"][1:] == ("month", date(2021, 9, 1), date(2021, 9, 30), "September 2021")
    assert by_date["2004"][1:] == ("year", date(2004, 1, 1), date(2004, 12, 31), "2004")
    assert by_date["2022-01-01"][1:] == ("day", date(2022, 1, 1), date(2022, 1, 1), "January 1 of this year")
    assert ("Zhang Ming",) in actors


# --------------------------------------------------------------------------------------------
# Articles written for these tests: other date forms, other publication dates
# --------------------------------------------------------------------------------------------

ARTICLES = [
    pytest.param(
        "2019-11-04",
        "Kazakh President Kassym-Jomart Tokayev arrived in Beijing on Sept. 11, 2019, for a state visit. "
        "He held talks with Chinese President Xi Jinping the next day. "
        "Tokayev took office in March 2019 after Nursultan Nazarbayev resigned.",
        [
            ("2019-09-11", "day", {"Tokayev", "Beijing"}, "arrives"),
            ("2019-09-12", "day", {"Tokayev", "Xi Jinping"}, "talks with Xi Jinping"),
            ("2019-03", "month", {"Tokayev"}, "takes office"),
        ],
        id="US date, the next day, a pronoun subject",
    ),
    pytest.param(
        None,
        "The Eurasian Economic Union was established on 29 May 2014 in Astana. Armenia joined the union "
        "later that year, and Kyrgyzstan followed in August 2015. Last year the bloc signed a free trade "
        "deal with Iran.",
        [
            ("2014-05-29", "day", {"Eurasian Economic Union", "Astana"}, "established"),
            # "later that year" is told against the date before it in the text, not the publication date
            ("2014", "year", {"Armenia"}, "joins"),
            ("2015-08", "month", {"Kyrgyzstan"}, "follows"),
        ],
        id="undated article: absolute dates and years told against them only",
    ),
    pytest.param(
        "2020-02-10",
        "Iran signed the nuclear agreement in 2015, and the United States withdrew from it in May 2018.",
        [
            ("2015", "year", {"Iran"}, "signs nuclear agreement"),
            ("2018-05", "month", {"United States"}, "withdraws"),
        ],
        id="two events in one sentence",
    ),
    pytest.param(
        "2022-11-02",
        "NATO troops held exercises from 3 to 7 October 2022 near the Polish border. Between 2019 and 2021, "
        "the Asian Development Bank lent $5 billion to Pakistan. The Winter Olympics were held in Beijing "
        "from February 4 to 20, 2022.",
        [
            ("2022-10-03", "day", {"NATO"}, "exercises"),
            ("2019", "year", {"Asian Development Bank", "Pakistan"}, "lends"),
            ("2022-02-04", "day", {"Beijing"}, "Olympics held"),
        ],
        id="ranges of days and years",
    ),
    pytest.param(
        "2018-06-12",
        "Leaders of the Group of Seven met in Charlevoix on June 8 and 9. On Sunday, President Donald "
        "Trump withdrew his support for the communique.",
        [
            ("2018-06-08", "day", {"Charlevoix"}, "meet in Charlevoix"),
            ("2018-06-10", "day", {"Donald Trump"}, "withdraws"),
        ],
        id="two days and a weekday",
    ),
    pytest.param(
        "2024-02-01",
        "The forum has worked since its foundation in 1996 in Shanghai. The ministers met at a January "
        "summit in Minsk with Belarusian President Alexander Lukashenko. During his visit to Moscow last "
        "week, Indian Prime Minister Narendra Modi met Vladimir Putin.",
        [
            ("1996", "year", {"Shanghai"}, "forum founded"),
            ("2024-01", "month", {"Minsk"}, "summit"),
            ("2024-01", "month", {"Narendra Modi", "Moscow"}, "visits Moscow"),
        ],
        id="event nouns: foundation, summit, visit",
    ),
    pytest.param(
        "2022-04-25",
        "MOSCOW, April 25 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Monday that talks "
        "with Ukraine would continue. Lavrov met UN Secretary-General Antonio Guterres in Moscow on "
        "Tuesday, the ministry said.",
        [
            ("2022-04-25", "day", {"Sergei Lavrov"}, "says"),
            ("2022-04-19", "day", {"Sergei Lavrov", "Antonio Guterres"}, "meets"),
        ],
        id="dateline and weekdays",
    ),
    pytest.param(
        "2019-05-20",
        "Kazakhstan hosted an energy forum in Astana in March 2019. Then, speaking at the forum, President "
        "Nursultan Nazarbayev said that the country was ready to invest in renewables.",
        [
            ("2019-03", "month", {"Kazakhstan"}, "hosts energy forum"),
            ("2019-03", "month", {"Nursultan Nazarbayev"}, "speaks at forum"),
        ],
        id="then after a dated sentence",
    ),
]


@pytest.mark.parametrize(("published", "text", "expected"), ARTICLES)
def test_each_event_lands_on_its_date_at_its_precision(doc_of, published, text, expected):
    doc = doc_of(text, published=published)
    for when, precision, actors, words in expected:
        assert matching(doc, when, precision, actors, words), (when, words, describe(doc))
    assert len(doc._.ng_events) == len(expected), describe(doc)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Officials from Egypt and Ethiopia discussed water sharing and regional security. "
                     "They agreed to continue the dialogue.", id="no date at all"),
        pytest.param("For two decades the alliance has grown. Today the region faces new challenges. In the first "
                     "years of its existence, the group met rarely.", id="durations, vague times, a present today"),
        pytest.param("The 2030 agenda remains a priority for the bloc. The ministers discussed the 1967 borders.",
                     id="years that only modify a noun"),
        pytest.param("Georgia has been a partner since 2014. The strategy runs until 2035 and the plan for "
                     "2024-2026 sets targets to reach by 2030.", id="since, until, for, by"),
        pytest.param("1992 and 2002 were difficult times for the organisation.", id="a year as the subject"),
        pytest.param("Today's world is changing. The world today is changing. Today, we have the opportunity "
                     "to talk.", id="today describing the present"),
        pytest.param("SCO summit\n\n- Date: 7-10 June 2017\n\n- Cities: Astana", id="heading and label lines"),
        pytest.param("He is 65 years old and has served for 20 years. The 17th annual summit was a success.",
                     id="ages, durations, ordinals"),
    ],
)
def test_texts_without_a_dated_happening_yield_no_event(doc_of, text):
    doc = doc_of(text, published="2021-06-01")
    assert doc._.ng_events == [], describe(doc)


# --------------------------------------------------------------------------------------------
# Dates in context: tense, publication-date drift, the previous date, the present
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "text", "expected_date"),
    [
        pytest.param("2025-08-31", "Leaders will gather in Tianjin on September 1 for the summit.", "2025-09-01", id="future verb"),
        pytest.param("2025-10-15", "Russia hosted the energy forum on September 1.", "2025-09-01", id="past verb, after"),
        pytest.param("2025-03-10", "The parliament of Moldova voted on the reform on September 1.", "2024-09-01", id="past verb, before"),
        pytest.param("2025-03-10", "The parliament of Moldova will vote on the budget on September 1.", "2025-09-01", id="future verb, ahead"),
        pytest.param("2025-03-10", "The parliament of Moldova is going to vote on the budget in September.", "2025-09", id="going to"),
        pytest.param("2025-03-10", "The parliament of Moldova plans to vote on the budget in September.", "2025-09", id="plans to"),
        pytest.param("2025-08-31", "Heads of delegation who arrived for the summit in Tianjin on September 1 met Xi Jinping.",
                     "2025-09-01", id="past verb, publication date drift"),
        pytest.param("2022-04-25", "The ministers met in Geneva today.", "2022-04-25", id="today with a past verb"),
        pytest.param("2022-04-25", "The ministers will meet in Geneva tomorrow.", "2022-04-26", id="tomorrow"),
        pytest.param("2022-04-25", "Officials from Chile and Peru met in Lima on Friday.", "2022-04-22", id="weekday, past"),
        pytest.param("2022-04-25", "Officials from Chile and Peru will meet in Lima on Friday.", "2022-04-29", id="weekday, future"),
        pytest.param("2022-04-25", "Chile signed the accord with Peru two years ago.", "2020", id="years ago"),
        pytest.param("2022-04-25", "The ministers from Chile and Peru met in Lima in mid-March.", "2022-03", id="mid-month"),
        pytest.param("2022-04-25", "The accord between Chile and Peru was signed in late 2019.", "2019", id="late year"),
    ],
)
def test_the_verb_and_the_publication_date_decide_the_year(doc_of, published, text, expected_date):
    doc = doc_of(text, published=published)
    assert [event["date"] for event in doc._.ng_events] == [expected_date], describe(doc)


def test_relative_days_follow_the_previous_date_of_the_paragraph(doc_of):
    doc = doc_of(
        "The talks opened in Vienna on 3 May 2023. The next day, Iran rejected the proposal. "
        "On the 18th, negotiators from France and Germany returned to Vienna.",
        published="2023-06-30",
    )
    dates = [(event["date"], event["date_text"]) for event in doc._.ng_events]
    assert dates == [("2023-05-03", "3 May 2023"), ("2023-05-04", "The next day"), ("2023-05-18", "the 18th")], describe(doc)


def test_without_a_previous_date_the_day_before_is_the_publication_days(doc_of):
    doc = doc_of("Protesters gathered in Tbilisi the day before, police in Georgia said.", published="2024-05-02")
    assert [event["date"] for event in doc._.ng_events] == ["2024-05-01"], describe(doc)


def test_undated_article_resolves_only_absolute_expressions(doc_of):
    text = ("Mongolia joined the forum in 2004. Last year it hosted a summit in Ulaanbaatar. "
            "Its delegates met in Seoul on Thursday, and in March they visited Tokyo.")
    undated = doc_of(text, published=None)
    dated = doc_of(text, published="2024-06-14")
    assert [event["date"] for event in undated._.ng_events] == ["2004"], describe(undated)
    assert {event["date"] for event in dated._.ng_events} >= {"2004", "2023"}, describe(dated)


def test_the_light_pass_completes_ranges_the_model_cuts(doc_of):
    doc = doc_of(
        "The 2024 SCO summit was held between 3 and 4 July 2024 in Astana, Kazakhstan. "
        "China announced that the next summit would take place from 31 August to 1 September 2025, in Tianjin.",
        published=None,
    )
    spans = {(e["date_start"], e["date_end"], e["precision"]) for e in doc._.ng_events}
    assert ("2024-07-03", "2024-07-04", "day") in spans, describe(doc)
    assert ("2025-08-31", "2025-09-01", "day") in spans, describe(doc)
    assert not any(e["precision"] == "year" and e["date"] == "2024" for e in doc._.ng_events), describe(doc)


def test_lists_of_years_are_separate_dates(doc_of):
    doc = doc_of("It followed the Shanghai Summits in 2001 and 2006 and the Beijing Summit in 2012.", published=None)
    assert sorted(expression["date"] for expression in doc._.ng_dates) == ["2001", "2006", "2012"]


# --------------------------------------------------------------------------------------------
# Events: actors, summaries, retellings, datelines
# --------------------------------------------------------------------------------------------


def test_each_date_takes_the_actors_of_its_own_clause(doc_of):
    doc = doc_of("Iran signed the nuclear agreement in 2015, and the United States withdrew from it in May 2018.",
                 published="2020-02-10")
    by_date = {event["date"]: names_of(doc, event["actors"]) for event in doc._.ng_events}
    assert "iran" in by_date["2015"] and "united states" not in by_date["2015"]
    assert "united states" in by_date["2018-05"] and "iran" not in by_date["2018-05"]


def test_the_same_event_told_twice_is_one_event(doc_of):
    doc = doc_of(
        "Turkey and Sweden signed a memorandum on June 15. The memorandum, which Turkey and Sweden signed "
        "on June 15, opens the way to Sweden's membership of NATO.",
        published="2022-06-20",
    )
    assert len(doc._.ng_events) == 1, describe(doc)
    assert has_actors(doc, doc._.ng_events[0], {"Turkey", "Sweden"})


def test_different_happenings_on_one_day_stay_apart(doc_of):
    doc = doc_of("Emmanuel Macron met Olaf Scholz in Paris on 22 January 2023. On 22 January 2023 Scholz "
                 "also visited the Elysee Palace museum with students from Lyon.", published="2023-01-30")
    assert len(doc._.ng_events) == 2, describe(doc)


def test_a_dateline_is_not_an_event_and_names_no_actor(doc_of):
    doc = doc_of("BRUSSELS, March 15 (Reuters) - European Union foreign ministers agreed on Monday to send "
                 "more ammunition to Ukraine.", published="2023-03-15")
    assert [event["date"] for event in doc._.ng_events] == ["2023-03-13"], describe(doc)
    assert not names_of(doc, doc._.ng_events[0]["actors"]) & {"reuters", "brussels"}
    assert "Reuters" not in doc._.ng_events[0]["summary"]


def test_a_dateline_without_a_date_names_no_actor(doc_of):
    doc = doc_of("ANCHORAGE, Alaska (AP) \u2014 Top U.S. and Chinese officials traded sharp rebukes on Thursday "
                 "in their first talks in Alaska.", published="2021-03-18")
    assert [event["date"] for event in doc._.ng_events] == ["2021-03-18"], describe(doc)
    assert "ap" not in names_of(doc, doc._.ng_events[0]["actors"])
    assert "AP" not in doc._.ng_events[0]["summary"].split()


def test_the_words_as_written_leave_out_the_full_stop(doc_of):
    doc = doc_of("A ceasefire brokered by France was signed on 12 August.", published="2008-08-20")
    assert [(e["date"], e["date_text"]) for e in doc._.ng_events] == [("2008-08-12", "12 August")], describe(doc)


def test_a_dated_document_is_its_signing(doc_of):
    doc = doc_of("The parties signed the Protocol amending the Eurasian Economic Union Treaty of May 29, 2014.",
                 published="2023-05-25")
    assert [(e["date"], e["summary"]) for e in doc._.ng_events] == [("2014-05-29", "Eurasian Economic Union Treaty signed")]


@pytest.mark.parametrize(
    ("published", "text", "headline"),
    [
        pytest.param("2023-10-26", "In July, Iran joined the SCO as a full member.", "Iran joins SCO", id="present tense, no date"),
        pytest.param("2023-10-26", "In July, Iran and Belarus joined the organization.", "Iran and Belarus join organization", id="plural subject"),
        pytest.param("2019-05-20", "Next month, Kazakhstan will host the Astana forum.", "Kazakhstan to host Astana forum", id="future as 'to'"),
        pytest.param(None, "The memorandum was signed by Armenia and Azerbaijan in 2011.", "Memorandum signed by Armenia and Azerbaijan", id="passive"),
        pytest.param("2021-08-23", "Afghanistan was on the agenda of the talks between Vladimir Putin and Angela Merkel, held in Moscow on August 20.",
                     "Talks held in Moscow", id="participle clause on a name"),
        pytest.param("2021-09-17", "In September 2021, the heads of state of Russia and China held a joint summit on security in Dushanbe.",
                     "Heads of state of Russia and China hold joint summit on security in Dushanbe", id="several arguments"),
        pytest.param("2018-04-02", "The Astana format was launched in January 2017 by Russia, Turkey and Iran.",
                     "Astana format launched by Russia, Turkey and Iran", id="a list of names"),
        pytest.param("2023-06-14", "Saudi Arabia and Iran restored the relations which they had cut in 2016.",
                     "They cut relations", id="a relative pronoun as object"),
        pytest.param("2016-06-24", "Britain voted to leave the European Union in a referendum on Thursday.",
                     "Britain votes to leave European Union", id="the governing verb of an infinitive"),
        pytest.param("2016-06-24", "Prime Minister David Cameron announced on Friday that he would resign.",
                     "David Cameron announces he will resign", id="a short reported clause"),
    ],
)
def test_summaries_are_headlines_from_the_clause(doc_of, published, text, headline):
    doc = doc_of(text, published=published)
    assert [event["summary"] for event in doc._.ng_events] == [headline], describe(doc)


def test_a_possessive_in_the_subject_is_spelled_out(doc_of):
    doc = doc_of("The ASEAN Regional Forum was founded in 1994. Its 28th meeting took place online on 6 August 2021.",
                 published="2021-12-15")
    summaries = [event["summary"] for event in doc._.ng_events]
    assert summaries == ["ASEAN Regional Forum founded", "ASEAN Regional Forum's 28th meeting takes place"], describe(doc)


@pytest.mark.parametrize(
    ("lemma", "plural", "expected"),
    [("meet", False, "meets"), ("meet", True, "meet"), ("sign", False, "signs"), ("approach", False, "approaches"),
     ("carry", False, "carries"), ("say", False, "says"), ("go", False, "goes"), ("be", True, "are"), ("have", False, "has")],
)
def test_present_tense_of_a_headline_verb(lemma, plural, expected):
    assert present(lemma, plural=plural) == expected


def test_events_are_plain_data_that_survive_serialization(nlp, sample_doc):
    json.dumps(sample_doc._.ng_events)
    json.dumps(sample_doc._.ng_dates)
    copy = Doc(nlp.vocab).from_bytes(sample_doc.to_bytes())
    assert copy._.ng_events == sample_doc._.ng_events


def test_events_survive_two_processes(nlp):
    from newsgraph.nlp import pipe
    from newsgraph.sources import Article

    articles = [
        Article(title=None, published=date(2020, 2, 10), source=None,
                text="Iran signed the nuclear agreement in 2015, and the United States withdrew from it in May 2018."),
        Article(title=None, published=None, source=None, text="Mongolia joined the forum in 2004."),
    ]
    results = [doc._.ng_events for _, doc in pipe(nlp, articles, n_process=2, batch_size=1)]
    assert [[event["date"] for event in events] for events in results] == [["2015", "2018-05"], ["2004"]]


# --------------------------------------------------------------------------------------------
# Text of other styles: plans, schedules, what did not happen, years told against the text


@pytest.mark.parametrize(
    ("published", "text", "when", "precision", "words"),
    [
        ("2024-04-10", "ECOWAS leaders are due to meet again in Abuja on Aug. 31.", "2024-08-31", "day", "to meet"),
        ("2024-04-10", "On Wednesday, the ministers are due to meet the Chinese premier in Jakarta.", "2024-04-10", "day", "to meet"),
        ("2024-04-10", "The next ministerial meeting of the group is scheduled for Nov. 26 in Vienna.", "2024-11-26", "day", "meeting"),
        # a possibility looks ahead: the June after the publication date, not the one before
        ("2024-04-10", "The central bank signaled that it could begin cutting rates in June.", "2024-06", "month", "cut"),
        ("2023-09-05", "The junta seized power in 2021. It dissolved parliament in February that year.", "2021-02", "month", "dissolves"),
    ],
)
def test_plans_schedules_and_years_told_against_the_text(doc_of, published, text, when, precision, words):
    doc = doc_of(text, published=published)
    assert [e for e in doc._.ng_events if (e["date"], e["precision"]) == (when, precision) and words in e["summary"]], describe(doc)


def test_what_did_not_happen_is_no_event(doc_of):
    doc = doc_of("Africa has options today that it did not have in 2003.", published="2023-10-10")
    assert doc._.ng_events == [], describe(doc)


def test_a_passive_speech_verb_is_not_speech(doc_of):
    doc = doc_of("The agreement was concluded in June 2019 but never ratified.", published="2023-12-08")
    assert [e["summary"] for e in doc._.ng_events] == ["Agreement concluded"], describe(doc)


# --------------------------------------------------------------------------------------------
# Years of bare months that look ahead; headlines that keep the meaning


@pytest.mark.parametrize(
    ("published", "text", "when"),
    [
        # an infinitive under a past verb: the month ahead, not the one eleven months back
        ("2023-11-20", "The airline agreed on Monday to raise its fares from December.", "2023-12"),
        ("2023-11-20", "The refiners decided to shut two plants in January.", "2024-01"),
        # a meeting called "next" lies ahead whatever the tense of the verb it hangs on
        ("2023-07-03", "The ministers postponed the decision until the next council meeting in August.", "2023-08"),
        ("2023-07-03", "Lenders said the new rules would apply as of September.", "2023-09"),
        # "from" on a noun: the cuts lie ahead of the deal that set them
        ("2023-07-03", "The cartel announced output cuts from September.", "2023-09"),
        # the clause's own verb is past: last year's month
        ("2023-07-03", "The two leaders met in September.", "2022-09"),
        ("2023-07-03", "Output fell sharply from September.", "2022-09"),
        # far apart both ways: the tense of the outer clause still decides
        ("2023-07-03", "The union voted to strike in February.", "2023-02"),
    ],
)
def test_bare_months_that_look_ahead(doc_of, published, text, when):
    doc = doc_of(text, published=published)
    assert [d["date"] for d in doc._.ng_dates if d["precision"] == "month"] == [when], doc._.ng_dates


@pytest.mark.parametrize(
    ("published", "text", "headline"),
    [
        # a negating adverb stays in the headline ("no longer", "never")
        ("2024-02-07", "On Tuesday, the IAEA said that the plant no longer poses a radiation risk.",
         "IAEA says plant no longer poses radiation risk"),
        ("2024-02-07", "The envoy said on Monday that he had never met the rebel commander.",
         "Envoy says he never meets rebel commander"),
        # ending, opening or calling off what a noun names is the verb's event, with its object
        ("2024-02-07", "Chile and Peru completed talks on a fisheries accord on Friday.",
         "Chile and Peru complete talks on fisheries accord"),
        ("2024-02-07", "Scholz called off his visit to Warsaw in January.", "Scholz calls off his visit to Warsaw"),
        # a relative clause's subject is its antecedent, not the name the parser hung it on
        ("2024-02-07", "Oman is working on a treaty with Iran, which is expected later this year.",
         "Treaty with Iran expected"),
        ("2024-02-07", "The Senate, the upper house representing the 50 states, which is due to vote on it in March, "
         "has not yet set a date.", "Senate to vote on it"),
        # a gerund complement stays a gerund
        ("2024-02-07", "The regulator said on Monday that it would keep reviewing the merger.",
         "Regulator says it will keep reviewing merger"),
    ],
)
def test_headlines_keep_the_meaning(doc_of, published, text, headline):
    doc = doc_of(text, published=published)
    assert headline in [e["summary"] for e in doc._.ng_events], describe(doc)


def test_the_two_sides_are_the_pair_told_together(doc_of):
    doc = doc_of(
        "Kenya and Tanzania signed a border protocol in Arusha on Monday. Uganda, which has a dispute of its own "
        "with Rwanda, did not attend. The two sides had first agreed on the line in May 2019.",
        published="2024-03-06",
    )
    (event,) = [e for e in doc._.ng_events if e["date"] == "2019-05"]
    assert names_of(doc, event["actors"]) == {"kenya", "tanzania"}, describe(doc)
    assert event["summary"].startswith("Kenya and Tanzania"), describe(doc)


def test_a_day_in_a_quotation_is_the_speaker_s_not_the_article_s(doc_of):
    doc = doc_of('"Tonight the border reopens," the minister said on Thursday.', published="2024-03-09")
    assert [e["date"] for e in doc._.ng_events] == ["2024-03-07"], describe(doc)


@pytest.mark.parametrize(
    ("published", "text", "when", "words"),
    [
        # a day hung on the object of a verb dates the verb
        ("2024-07-24", "Nordstrand Bank posted a 12% rise in profit on Tuesday.", "2024-07-23", "posts"),
        # a date's possessive names nobody: the election is the carrier's
        ("2024-07-24", "The Labour Party won a clear majority in Thursday's general election.", "2024-07-18", "wins"),
        # the object of an expectation lies ahead of it
        ("2024-07-24", "Analysts at Nomura said they expected a rate cut on September 18.", "2024-09-18", "expect"),
    ],
)
def test_dates_on_objects_and_possessives(doc_of, published, text, when, words):
    doc = doc_of(text, published=published)
    assert [e for e in doc._.ng_events if e["date"] == when and words in e["summary"]], describe(doc)
