"""Article-local entities: acronyms, back-references, trimming, mislabels, people, roles, places."""

from __future__ import annotations

import pytest

from newsgraph.entities import role_kind
from newsgraph.names import (
    acronym_fits,
    acronym_overlaps,
    country_of,
    country_of_code,
    country_of_demonym,
    identity_key,
    looks_like_acronym,
)


def by_name(doc) -> dict[str, dict]:
    return {e["name"]: e for e in doc._.ng_entities}


def entity_with(doc, text: str) -> dict | None:
    """The entity whose name or alias is ``text``."""
    for entity in doc._.ng_entities:
        if text == entity["name"] or text in entity["aliases"]:
            return entity
    return None


def mentions_of(doc, entity: dict) -> list[str]:
    return [m["text"] for m in doc._.ng_mentions if m["local_id"] == entity["local_id"]]


# --------------------------------------------------------------------------------------------
# names.py helpers


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Shanghai Cooperation Organisation", "the Shanghai Cooperation Organization", True),
        ("United Nations Development Programme", "United Nations Development Program", True),
        ("the Organization’s", "Organization", True),
        ("World Health Organization", "World Trade Organization", False),
    ],
)
def test_identity_key_ignores_spelling_and_articles(a, b, same):
    assert (identity_key(a) == identity_key(b)) is same


@pytest.mark.parametrize(
    "acronym, long_form, fits",
    [
        ("NATO", "North Atlantic Treaty Organization", True),
        ("EAEU", "Eurasian Economic Union", True),
        ("ASEAN", "Association of Southeast Asian Nations", True),
        ("UNODC", "United Nations Office on Drugs and Crime", True),
        ("UN", "United Nations Development Programme", False),
        ("AU", "Arab Maghreb Union", False),
        ("WHO", "World Trade Organization", False),
    ],
)
def test_acronym_fits(acronym, long_form, fits):
    assert acronym_fits(acronym, long_form) is fits


def test_acronym_overlap_accepts_a_partial_spelling_only_when_letters_share_an_order():
    assert acronym_overlaps("UNESCO", "Educational, Scientific and Cultural Organization")
    assert not acronym_overlaps("TJK", "Dushanbe")


@pytest.mark.parametrize("text, expected", [("OPEC", True), ("U.S.", True), ("CoE", True), ("Pakistan", False), ("A", False)])
def test_looks_like_acronym(text, expected):
    assert looks_like_acronym(text) is expected


@pytest.mark.parametrize(
    "name, code",
    [
        ("PRC", "CN"), ("People's Republic of China", "CN"), ("China", "CN"),
        ("the Russian Federation", "RU"), ("Russia", "RU"),
        ("the United States", "US"), ("U.S.", "US"), ("USA", "US"), ("United States of America", "US"),
        ("Republic of Korea", "KR"), ("Islamic Republic of Iran", "IR"), ("Kyrgyz Republic", "KG"),
        ("Beijing", None), ("Central Asia", None), ("Korea", None),  # a capital, a region, an ambiguous name
    ],
)
def test_country_names_and_abbreviations(name, code):
    country = country_of(name)
    assert (country.code if country else None) == code


@pytest.mark.parametrize(
    "word, code",
    [("Chinese", "CN"), ("Iranian", "IR"), ("South African", "ZA"), ("French", "FR"), ("Kazakh", "KZ"), ("Western", None)],
)
def test_demonyms(word, code):
    country = country_of_demonym(word)
    assert (country.code if country else None) == code


def test_flag_codes_are_only_looked_up_as_codes():
    assert country_of_code("KAZ").code == "KZ"
    assert country_of("CAN") is None  # a word, not Canada, outside a flag table


# --------------------------------------------------------------------------------------------
# Acronym definitions and back-references


@pytest.mark.parametrize(
    "text, long_form, acronym",
    [
        ("Ministers met at the North Atlantic Treaty Organization (NATO) headquarters. NATO officials said little.",
         "North Atlantic Treaty Organization", "NATO"),
        ("Leaders of the Association of Southeast Asian Nations (ASEAN) gathered in Jakarta on Monday.",
         "Association of Southeast Asian Nations", "ASEAN"),
        ("Delegates from OPEC (Organization of the Petroleum Exporting Countries) agreed to cut output.",
         "Organization of the Petroleum Exporting Countries", "OPEC"),
        ("The Economic Community of West African States (ECOWAS) suspended Niger after the coup.",
         "Economic Community of West African States", "ECOWAS"),
    ],
)
def test_acronym_definitions_in_either_order_merge_into_one_entity(doc_of, text, long_form, acronym):
    doc = doc_of(text)
    entity = entity_with(doc, long_form)
    assert entity is not None, by_name(doc)
    assert entity["name"] == long_form
    assert acronym in entity["aliases"]
    assert sum(1 for e in doc._.ng_entities if acronym in (e["name"], *e["aliases"])) == 1


def test_broken_spans_around_a_definition_are_repaired_from_the_long_form(doc_of):
    doc = doc_of(
        "The Bank has also signed agreements with the Economic and Social Commission for Asia and the Pacific (ESCAP) "
        "and with the Economic Commission for Latin America and the Caribbean (ECLAC) last year."
    )
    names = set(by_name(doc))
    assert "Economic and Social Commission for Asia and the Pacific" in names
    assert "Economic Commission for Latin America and the Caribbean" in names
    assert not any("(" in n or ")" in n for n in names)
    assert "Pacific" not in names and "Caribbean" not in names


def test_a_definition_announcing_a_back_reference(doc_of):
    doc = doc_of(
        "Foreign ministers of the North Atlantic Treaty Organization (NATO or the Alliance) met in Brussels. "
        "The Alliance will expand its presence in the east, and the Alliance's members agreed."
    )
    nato = entity_with(doc, "NATO")
    assert nato["name"] == "North Atlantic Treaty Organization"
    assert mentions_of(doc, nato).count("Alliance") == 3  # in the definition and twice after it
    assert "Alliance" not in by_name(doc)


def test_capitalized_back_reference_joins_the_organization_it_heads(doc_of):
    doc = doc_of(
        "The African Union sent observers to the vote in Accra. "
        "A spokesman said the Union would publish its report next week."
    )
    union = entity_with(doc, "African Union")
    assert union is not None
    assert "Union" in mentions_of(doc, union)
    assert "Union" not in by_name(doc)


def test_back_reference_without_antecedent_is_dropped(doc_of):
    doc = doc_of("The Organization said on Tuesday that Kenya and Uganda had paid their contributions.")
    assert not any("Organization" in (e["name"], *e["aliases"]) for e in doc._.ng_entities)
    assert {"Kenya", "Uganda"} <= set(by_name(doc))


def test_lower_case_common_noun_is_not_a_back_reference(doc_of):
    doc = doc_of("The World Health Organization warned about measles. The organization asked donors for money.")
    who = entity_with(doc, "World Health Organization")
    assert who is not None and mentions_of(doc, who) == ["World Health Organization"]


def test_bare_acronym_joins_the_organization_it_spells(doc_of):
    doc = doc_of(
        "The Eurasian Economic Union held talks in Minsk. The EAEU wants a free trade zone with Egypt."
    )
    eaeu = entity_with(doc, "EAEU")
    assert eaeu is not None and eaeu["name"] == "Eurasian Economic Union"


# --------------------------------------------------------------------------------------------
# Trimming and mislabels


@pytest.mark.parametrize(
    "text, not_an_entity",
    [
        ("Recovery after the COVID-19 pandemic was discussed by the World Bank in Washington.", "COVID-19"),
        ("Health ministers said the Ebola outbreak had slowed, according to the World Health Organization.", "Ebola"),
        ("The diplomats said they respect the principles of the UN Charter and international law.", "UN Charter"),
        ("Parliament ratified the Convention on Countering Extremism and the Paris Agreement in May.", "Convention on Countering Extremism"),
        ("The Chinese delegation met Brazilian officials in Geneva.", "Chinese"),
        ("The Chinese delegation met Brazilian officials in Geneva.", "Brazilian"),
    ],
)
def test_mislabels_do_not_become_actors(doc_of, text, not_an_entity):
    doc = doc_of(text)
    assert entity_with(doc, not_an_entity) is None, by_name(doc)


def test_determiners_and_possessives_are_trimmed(doc_of):
    doc = doc_of("The European Commission's proposal reached the African Union's summit in Addis Ababa.")
    names = set(by_name(doc))
    assert "European Commission" in names
    assert not any(n.startswith("The ") or n.endswith("'s") for n in names)


def test_summit_names_the_organization_not_a_new_actor(doc_of):
    doc = doc_of("The African Union Summit opened in Addis Ababa. The African Union elected a new chair.")
    assert "African Union Summit" not in by_name(doc)
    assert entity_with(doc, "African Union") is not None


# --------------------------------------------------------------------------------------------
# People


def test_one_person_across_full_name_title_and_surname(doc_of):
    doc = doc_of(
        "Amina Diallo, the Senegalese trade minister, arrived in Paris on Monday. "
        "Ms Diallo met French officials. Diallo said the talks were useful."
    )
    people = [e for e in doc._.ng_entities if e["type"] == "PERSON"]
    assert [p["name"] for p in people] == ["Amina Diallo"]
    assert people[0]["mentions"] == 3


def test_two_people_sharing_a_surname_stay_apart(doc_of):
    doc = doc_of("Ahmed Khan met Imran Khan in Lahore. Later, Khan flew to Karachi.")
    people = {e["name"] for e in doc._.ng_entities if e["type"] == "PERSON"}
    assert {"Ahmed Khan", "Imran Khan"} <= people


@pytest.mark.parametrize(
    "text, person, role, org",
    [
        ("WHO Director-General Tedros Adhanom Ghebreyesus opened the assembly in Geneva.",
         "Tedros Adhanom Ghebreyesus", "Director-General", "WHO"),
        ("Jens Stoltenberg, the NATO Secretary General, visited Kyiv on Thursday.",
         "Jens Stoltenberg", "Secretary General", "NATO"),
        ("Maria Zakharova, the Foreign Ministry spokeswoman, said Moscow would respond.",
         "Maria Zakharova", "spokeswoman", "Foreign Ministry"),
        ("President of Kenya William Ruto addressed the African Union in Addis Ababa.",
         "William Ruto", "President", "Kenya"),
        ("Indian Prime Minister Narendra Modi arrived in Tokyo for talks.",
         "Narendra Modi", "Prime Minister", "India"),
    ],
)
def test_roles_from_titles_and_appositions(doc_of, text, person, role, org):
    doc = doc_of(text)
    entity = entity_with(doc, person)
    assert entity is not None and entity["type"] == "PERSON", by_name(doc)
    roles = {(r["role"], r["org_name"]) for r in entity["roles"]}
    assert (role, org) in roles, entity["roles"]


def test_role_points_at_the_organization_entity_of_the_article(doc_of):
    doc = doc_of("OPEC Secretary General Haitham al-Ghais said the cartel would keep output steady.")
    person = entity_with(doc, "Haitham al-Ghais")
    role = person["roles"][0]
    assert doc._.ng_entities[role["org_local"]]["name"] == "OPEC"
    assert role["kind"] == "leads"


def test_country_glued_to_a_person_is_split(doc_of):
    doc = doc_of("The talks were attended by President of Belarus Alexander Lukashenko and others.")
    assert entity_with(doc, "Alexander Lukashenko")["type"] == "PERSON"
    assert entity_with(doc, "Belarus")["type"] == "GPE"


@pytest.mark.parametrize(
    "role, kind",
    [("President", "leads"), ("Secretary General", "leads"), ("Premier", "leads"), ("Deputy Prime Minister", "role"),
     ("spokeswoman", "role"), ("Foreign Minister", "role"), ("Vice President", "role")],
)
def test_role_kind(role, kind):
    assert role_kind(role) == kind


# --------------------------------------------------------------------------------------------
# Places


def test_country_official_names_and_abbreviations_are_one_place(doc_of):
    doc = doc_of(
        "The People's Republic of China and the United States resumed talks. "
        "The PRC said China wants stability, while the USA said the U.S. would keep its tariffs."
    )
    china = entity_with(doc, "China")
    usa = entity_with(doc, "United States")
    assert china is not None and {"PRC", "People's Republic of China"} <= set(china["aliases"]) | {china["name"]}
    assert usa is not None and len({"USA", "U.S.", "United States"} & (set(usa["aliases"]) | {usa["name"]})) >= 2
    assert sum(1 for e in doc._.ng_entities if e["type"] == "GPE") == 2


def test_capital_is_a_place_of_its_own(doc_of):
    doc = doc_of("Russia said on Friday that Moscow would host the talks, and the Russian Federation invited Kazakhstan.")
    russia = entity_with(doc, "Russia")
    assert "Russian Federation" in russia["aliases"]
    assert entity_with(doc, "Moscow") is not None and entity_with(doc, "Moscow") is not russia


# --------------------------------------------------------------------------------------------
# The sample article (the "done when")


@pytest.fixture(scope="module")
def sample_doc(nlp):
    from newsgraph.nlp import make_doc
    from newsgraph.sources import iter_path
    from tests.conftest import SCRAPED_SAMPLE

    article = next(iter(iter_path(SCRAPED_SAMPLE)))
    return nlp(make_doc(nlp, article))


@pytest.mark.parametrize(
    "name",
    ["SCO", "CSTO", "ESCAP", "UNODC", "UNDP", "UNESCO", "UN General Assembly", "Chinese Foreign Ministry",
     "State Council of the People’s Republic of China", "TASS"],
)
def test_sample_article_has_one_node_per_organization(sample_doc, name):
    matching = [e for e in sample_doc._.ng_entities if name == e["name"] or name in e["aliases"]]
    assert len(matching) == 1, [e["name"] for e in sample_doc._.ng_entities]
    assert matching[0]["type"] == "ORG"


@pytest.mark.parametrize("name", ["Organization", "COVID-19", "UN Charter", "Pacific", "Chinese", "States"])
def test_sample_article_has_no_node_for_mislabels(sample_doc, name):
    assert all(name != e["name"] and name not in e["aliases"] for e in sample_doc._.ng_entities)
    assert not any("(" in e["name"] for e in sample_doc._.ng_entities)


@pytest.mark.parametrize(
    "person, role, org",
    [
        ("Zhang Ming", "Secretary General", "Shanghai Cooperation Organization"),
        ("Wang Yi", "Foreign Minister", "China"),
        ("Li Keqiang", "Premier", "State Council of the People’s Republic of China"),
    ],
)
def test_sample_article_people_and_roles(sample_doc, person, role, org):
    entity = entity_with(sample_doc, person)
    assert entity is not None and entity["type"] == "PERSON"
    assert (role, org) in {(r["role"], r["org_name"]) for r in entity["roles"]}


def test_sample_article_back_references_join_the_sco(sample_doc):
    sco = entity_with(sample_doc, "SCO")
    texts = mentions_of(sample_doc, sco)
    assert texts.count("Organization") >= 8
    assert sco["name"] == "Shanghai Cooperation Organization"
