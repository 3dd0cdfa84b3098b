"""Typed relations from the parse, roles as ties, co-occurrence as the weak default."""

from __future__ import annotations

import pytest

from newsgraph.relations import CO_OCCURRENCE, SYMMETRIC_KINDS


def ties(doc) -> set[tuple[str, str, str]]:
    """(source name, kind, target name) for every relation; symmetric kinds sorted by name."""
    names = {e["local_id"]: e["name"] for e in doc._.ng_entities}
    found = set()
    for r in doc._.ng_relations:
        a, b = names[r["source"]], names[r["target"]]
        if r["kind"] in SYMMETRIC_KINDS:
            a, b = sorted((a, b))
        found.add((a, r["kind"], b))
    return found


def kinds_between(doc, x: str, y: str) -> set[str]:
    return {k for a, k, b in ties(doc) if {a, b} == {x, y}}


@pytest.mark.parametrize(
    "text, a, b, kind",
    [
        ("Vladimir Putin met Xi Jinping in Beijing on Friday.", "Vladimir Putin", "Xi Jinping", "meeting"),
        ("Narendra Modi held talks with Fumio Kishida in Tokyo.", "Narendra Modi", "Fumio Kishida", "meeting"),
        ("Egypt signed a memorandum of understanding with the African Development Bank.", "Egypt", "African Development Bank", "agreement"),
        ("Indonesia and Malaysia signed an agreement on border patrols.", "Indonesia", "Malaysia", "agreement"),
        ("Finland joined the North Atlantic Treaty Organization in April.", "Finland", "North Atlantic Treaty Organization", "membership"),
        ("Iran received observer status in the Eurasian Economic Union.", "Iran", "Eurasian Economic Union", "observer"),
        ("The World Bank maintains close contacts with the International Monetary Fund.", "World Bank", "International Monetary Fund", "cooperation"),
        ("Jens Stoltenberg criticized Russia for the attacks.", "Jens Stoltenberg", "Russia", "statement"),
    ],
)
def test_typed_relations(doc_of, text, a, b, kind):
    doc = doc_of(text)
    assert kind in kinds_between(doc, a, b), ties(doc)
    assert CO_OCCURRENCE not in kinds_between(doc, a, b)  # the typed tie replaces the weak one


def test_membership_points_from_member_to_organization(doc_of):
    doc = doc_of("Finland joined the North Atlantic Treaty Organization in April.")
    assert ("Finland", "membership", "North Atlantic Treaty Organization") in ties(doc)


def test_statement_points_from_speaker(doc_of):
    doc = doc_of("Jens Stoltenberg criticized Russia for the attacks.")
    assert ("Jens Stoltenberg", "statement", "Russia") in ties(doc)


def test_role_gives_a_typed_tie_with_its_sentence(doc_of):
    doc = doc_of("OPEC Secretary General Haitham al-Ghais spoke in Vienna. Oil prices rose.")
    names = {e["local_id"]: e["name"] for e in doc._.ng_entities}
    leads = [r for r in doc._.ng_relations if r["kind"] == "leads"]
    assert [(names[r["source"]], names[r["target"]], r["cue"]) for r in leads] == [("Haitham al-Ghais", "OPEC", "Secretary General")]
    assert doc.text[leads[0]["sent_start"]:leads[0]["sent_end"]].startswith("OPEC Secretary General")


@pytest.mark.parametrize(
    "text, a, b",
    [
        # Listed side by side as objects of one verb: not tied to each other.
        ("The bank opened offices with the United Nations Children's Fund, the World Food Programme and the "
         "World Health Organization.", "World Food Programme", "World Health Organization"),
        # A place where something happened is no party to it.
        ("Vladimir Putin met Xi Jinping in Beijing on Friday.", "Vladimir Putin", "Beijing"),
        # Two of many who attended a summit did not meet each other for that.
        ("India, Pakistan, Iran and Belarus attended the summit as guests.", "India", "Pakistan"),
        # What a summit was about is no participant.
        ("The African Union and the European Union held a summit on Sudan in Brussels.", "African Union", "Sudan"),
    ],
)
def test_no_typed_tie_where_the_text_gives_none(doc_of, text, a, b):
    doc = doc_of(text)
    assert {a, b} <= {e["name"] for e in doc._.ng_entities}
    found = kinds_between(doc, a, b)
    assert found <= {CO_OCCURRENCE}, ties(doc)


def test_co_occurrence_is_the_weak_default_within_a_sentence(doc_of):
    doc = doc_of("Kenya and Tanzania were mentioned in the report. Uganda was not.")
    assert kinds_between(doc, "Kenya", "Tanzania") == {CO_OCCURRENCE}
    assert kinds_between(doc, "Kenya", "Uganda") == set()


def test_every_relation_has_its_sentence_and_distinct_ends(doc_of):
    doc = doc_of(
        "The African Union and the European Union held a summit in Brussels. "
        "Moussa Faki Mahamat, the African Union Commission chairperson, met Ursula von der Leyen."
    )
    for r in doc._.ng_relations:
        assert r["source"] != r["target"]
        assert 0 <= r["sent_start"] < r["sent_end"] <= len(doc.text)
        assert set(r) == {"source", "target", "kind", "cue", "sent_start", "sent_end"}
        if r["kind"] != CO_OCCURRENCE:
            assert r["cue"]


# --------------------------------------------------------------------------------------------
# The sample article


@pytest.fixture(scope="module")
def sample_doc(nlp):
    from newsgraph.nlp import make_doc
    from newsgraph.sources import iter_path
    from tests.conftest import SCRAPED_SAMPLE

    return nlp(make_doc(nlp, next(iter(iter_path(SCRAPED_SAMPLE)))))


@pytest.mark.parametrize(
    "a, b, kind",
    [
        ("Shanghai Cooperation Organization", "Collective Security Treaty Organization", "agreement"),
        ("Shanghai Cooperation Organization", "Collective Security Treaty Organization", "meeting"),
        ("Shanghai Cooperation Organization", "UN General Assembly", "observer"),
        ("Shanghai Cooperation Organization", "United Nations Office on Drugs and Crime", "cooperation"),
        ("Wang Yi", "Zhang Ming", "meeting"),
        ("Zhang Ming", "Shanghai Cooperation Organization", "leads"),
        ("Li Keqiang", "State Council of the People’s Republic of China", "leads"),
    ],
)
def test_sample_article_typed_ties(sample_doc, a, b, kind):
    assert kind in kinds_between(sample_doc, a, b), sorted(t for t in ties(sample_doc) if t[1] != CO_OCCURRENCE)


def test_sample_article_observer_status_points_to_the_assembly(sample_doc):
    assert ("Shanghai Cooperation Organization", "observer", "UN General Assembly") in ties(sample_doc)


def test_sample_article_lists_are_not_tied_among_themselves(sample_doc):
    assert kinds_between(sample_doc, "United Nations Office on Drugs and Crime", "United Nations Development Program") <= {CO_OCCURRENCE}


@pytest.mark.parametrize(
    "text, a, b, kind",
    [
        ("Ministers discussed how to deepen cooperation between the African Union and the European Union on migration.",
         "African Union", "European Union", "cooperation"),
        ("Negotiators hailed the agreement between Serbia and Kosovo.", "Kosovo", "Serbia", "agreement"),
    ],
)
def test_a_tie_named_between_two_actors(doc_of, text, a, b, kind):
    doc = doc_of(text)
    assert kind in kinds_between(doc, a, b), ties(doc)


def test_members_listed_in_a_relative_clause(doc_of):
    doc = doc_of("The Pacific Islands Forum, which brings together 18 members including Australia and Fiji, meets in August.")
    assert {("Australia", "membership", "Pacific Islands Forum"), ("Fiji", "membership", "Pacific Islands Forum")} <= ties(doc)


def test_a_place_that_only_says_whose_is_no_party(doc_of):
    doc = doc_of("Kuala Lumpur will host talks with Myanmar's opposition National Unity Government.")
    assert kinds_between(doc, "Myanmar", "Kuala Lumpur") <= {CO_OCCURRENCE}, ties(doc)
    assert "meeting" in kinds_between(doc, "Kuala Lumpur", "National Unity Government")


def test_hosting_an_organization_is_no_meeting(doc_of):
    doc = doc_of("The Pan-African Parliament is hosted by the African Union in Midrand.")
    assert "meeting" not in kinds_between(doc, "Pan-African Parliament", "African Union"), ties(doc)


@pytest.mark.parametrize(
    "text, a, b, kind",
    [
        # a relative clause that makes the subject a member of what it describes
        ("The Andean Community, of which Bolivia is a member, met in Lima.", "Bolivia", "Andean Community", "membership"),
        # "X, led by Y": Y leads X
        ("The Green Party, led by Sofia Lindqvist, won 14 seats.", "Sofia Lindqvist", "Green Party", "leads"),
    ],
)
def test_ties_told_by_a_clause_on_a_name(doc_of, text, a, b, kind):
    doc = doc_of(text)
    assert (a, kind, b) in ties(doc), ties(doc)


@pytest.mark.parametrize(
    "text, x, y",
    [
        # where something was said is not what it was said of
        ("Henrik Sand told reporters in Copenhagen that the talks would resume.", "Henrik Sand", "Copenhagen"),
        ("Maria Olsen said at a news conference in Oslo that prices were rising.", "Maria Olsen", "Oslo"),
    ],
)
def test_the_place_of_a_statement_is_not_its_target(doc_of, text, x, y):
    doc = doc_of(text)
    assert "statement" not in kinds_between(doc, x, y), ties(doc)


@pytest.mark.parametrize(
    "text, x, y",
    [
        # places inside the subject's own phrase are not co-agents of its verb
        ("Clinics in Tigray and Afar reported new cases on Monday.", "Afar", "Tigray"),
        # what a party only seeks is not made
        ("The Labour Party will seek an agreement with the Greens.", "Greens", "Labour Party"),
    ],
)
def test_no_tie_that_the_text_does_not_state(doc_of, text, x, y):
    doc = doc_of(text)
    assert kinds_between(doc, x, y) <= {CO_OCCURRENCE}, ties(doc)
