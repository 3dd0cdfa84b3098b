"""Pronouns and descriptions resolved to the people they refer to, on short articles."""

from __future__ import annotations

import pytest

from newsgraph.coref import Coreference, _same_stem


def token_of(doc, words: str, occurrence: int = 0):
    """The syntactic head of the occurrence-th match of words."""
    target = words.split()
    found = -1
    for i in range(len(doc) - len(target) + 1):
        if [t.text for t in doc[i:i + len(target)]] == target:
            found += 1
            if found == occurrence:
                return doc[i:i + len(target)].root
    raise AssertionError(f"{words!r} #{occurrence} not in {doc.text!r}")


def referent(doc, words: str, occurrence: int = 0) -> str | None:
    coref = Coreference(doc)
    local_id = coref.person_at(token_of(doc, words, occurrence))
    return doc._.ng_entities[local_id]["name"] if local_id is not None else None


@pytest.mark.parametrize(
    ("text", "words", "occurrence", "expected"),
    [
        # an object pronoun never takes the subject of its own clause
        ("Wang Yi met Zhang Ming in Beijing. Wang Yi congratulated him on taking office.", "him", 0, "Zhang Ming"),
        # a subject pronoun prefers the subject of the nearest sentence
        ("Zhang Ming met Wang Yi in Beijing on Monday. He said the talks went well.", "He", 0, "Zhang Ming"),
        # a possessive after a sentence-final speaker
        ("The talks were useful, Zhang Ming believes. In his opinion, the region is stable.", "his", 0, "Zhang Ming"),
        # gender from a title beats a nearer person of unknown gender
        ("Ms Aigerim Tazhi met Murat Nurtleu in Astana. Murat Nurtleu left early. She said the visit was useful.",
         "She", 0, "Aigerim Tazhi"),
        # gender from a gendered noun in the title
        ("Foreign Ministry spokeswoman Maria Zakharova spoke after Sergei Lavrov. Lavrov had left. She said Moscow would respond.",
         "She", 0, "Maria Zakharova"),
        # gender learned from an earlier pronoun
        ("Josep Borrell met Kaja Kallas. He spoke first. Later she replied to the questions, and he left.",
         "he", 0, "Josep Borrell"),
        # no person at all: nothing to resolve to
        ("He said the negotiations would resume next week.", "He", 0, None),
        # too far back
        ("Li Qiang opened the forum. The weather was fine. The hall was full. The agenda was long. The food was good. "
         "Trade was discussed. He said the talks went well.", "He", 0, None),
    ],
)
def test_pronouns(doc_of, text, words, occurrence, expected):
    assert referent(doc_of(text), words, occurrence) == expected


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov. The Chinese minister said "
         "Beijing was ready.", "The Chinese minister", "Wang Yi"),
        ("Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov. The Russian minister said "
         "Moscow was ready.", "The Russian minister", "Sergei Lavrov"),
        ("Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi. According to the head of "
         "the Russian Foreign Ministry, the visit was useful.", "the head of the Russian Foreign Ministry", "Sergei Lavrov"),
        ("Premier of the State Council of the People’s Republic of China Li Qiang met Kazakh President "
         "Kassym-Jomart Tokayev. The Premier called for more trade.", "The Premier", "Li Qiang"),
        ("President of Turkey Recep Tayyip Erdogan was greeted by President of Kazakhstan Kassym-Jomart Tokayev "
         "at the airport. The Kazakh president said trade would double.", "The Kazakh president", "Kassym-Jomart Tokayev"),
        ("Russian Foreign Ministry spokeswoman Maria Zakharova spoke after Chinese Foreign Minister Wang Yi. "
         "The Russian spokeswoman said Moscow would respond.", "The Russian spokeswoman", "Maria Zakharova"),
        ("Maria Zakharova, the Foreign Ministry spokeswoman, spoke after Sergei Lavrov left. The spokeswoman "
         "said Moscow would respond.", "The spokeswoman", "Maria Zakharova"),
        ("Indian Foreign Minister Subrahmanyam Jaishankar arrived in Astana. The diplomat stressed that trade "
         "matters.", "The diplomat", "Subrahmanyam Jaishankar"),
        # a place that nobody's title shares: no guess
        ("Chinese Foreign Minister Wang Yi arrived in Ankara. The French minister said Paris would join.",
         "The French minister", None),
        # an office nobody holds: no guess
        ("Chinese Foreign Minister Wang Yi arrived in Ankara. The mayor said the city was ready.", "The mayor", None),
    ],
)
def test_descriptions(doc_of, text, words, expected):
    doc = doc_of(text)
    assert referent(doc, words) == expected


def test_roles_from_the_entities_data_drive_descriptions(doc_of):
    """Roles in the entities issue's format (role + organization) are enough, with no title in the text."""
    doc = doc_of("Zhang Ming arrived in Tashkent on Monday. The Secretary General said the SCO would grow.")
    entities = doc._.ng_entities
    person = next(e for e in entities if e["name"] == "Zhang Ming")
    assert Coreference(doc).person_at(token_of(doc, "The Secretary General")) is None
    org = next((e for e in entities if e["type"] == "ORG"), None)
    person["roles"] = [
        {"role": "Secretary General", "org_local": org["local_id"] if org else None, "org_name": "SCO"}
    ]
    assert Coreference(doc).person_at(token_of(doc, "The Secretary General")) == person["local_id"]


def test_a_resolved_description_counts_as_a_mention(doc_of):
    doc = doc_of(
        "Chinese Foreign Minister Wang Yi met Zhang Ming in March. Later that week the minister visited Astana "
        "and Tashkent. Weeks later, the trip was over. The talks ended. He said the trip had been useful."
    )
    coref = Coreference(doc)
    assert coref.person_at(token_of(doc, "the minister")) is not None
    assert doc._.ng_entities[coref.person_at(token_of(doc, "He"))]["name"] == "Wang Yi"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("chinese", "china", True),
        ("russian", "russia", True),
        ("ministry", "minister", True),
        ("kazakh", "kazakhstan", True),
        ("turkish", "turkey", True),
        ("russian", "chinese", False),
        ("president", "premier", False),
        ("sco", "scot", False),
    ],
)
def test_same_stem(a, b, same):
    assert _same_stem(a, b) is same


def test_a_subject_pronoun_in_what_a_person_reports_is_that_person(doc_of):
    doc = doc_of("Priya Raman said the deal was weak, and she left. Elena Ruiz told reporters that she was hopeful.")
    assert referent(doc, "she", 1) == "Elena Ruiz"
