"""Cross-article identity: names, aliases, acronyms, countries, people; deterministic ids; rules."""

from __future__ import annotations

import random

import pytest

from newsgraph.resolve import LocalEntity, Rule, resolve


def L(article: str, local_id: int, name: str, type_: str = "ORG", aliases=(), mentions: int = 1) -> LocalEntity:
    return LocalEntity(article, local_id, name, type_, tuple(aliases), mentions)


def groups(entities) -> set[frozenset[tuple[str, int]]]:
    return {frozenset(e.members) for e in entities}


def entity_of(entities, article: str, local_id: int):
    return next(e for e in entities if (article, local_id) in e.members)


@pytest.mark.parametrize(
    "local, together",
    [
        # same name, spelling variant, alias
        ([L("a", 0, "Shanghai Cooperation Organization", aliases=["SCO"]), L("b", 0, "Shanghai Cooperation Organisation")], True),
        ([L("a", 0, "African Union"), L("b", 3, "the African Union")], True),
        # countries under their official names and abbreviations
        ([L("a", 0, "China", "GPE"), L("b", 0, "People's Republic of China", "GPE"), L("c", 0, "PRC", "GPE")], True),
        ([L("a", 0, "Russia", "GPE"), L("b", 0, "Russian Federation", "ORG")], True),
        # a capital is not its country
        ([L("a", 0, "China", "GPE"), L("b", 0, "Beijing", "GPE")], False),
        # people by full name only
        ([L("a", 0, "Zhang Ming", "PERSON"), L("b", 0, "Zhang Ming", "PERSON")], True),
        ([L("a", 0, "Zhang Ming", "PERSON"), L("b", 0, "Zhang", "PERSON")], False),
        # one multiword name the model typed differently in two articles
        ([L("a", 0, "Kassym-Jomart Tokayev", "PERSON", mentions=2), L("b", 0, "Kassym-Jomart Tokayev", "ORG")], True),
        # an organization is not a person of the same one-word name
        ([L("a", 0, "Jordan", "PERSON"), L("b", 0, "Jordan", "GPE")], False),
    ],
)
def test_same_name_or_alias_is_one_entity(local, together):
    resolved = resolve(local)
    assert (len(resolved) == 1) is together, [(e.name, e.members) for e in resolved]


def test_shared_acronym_with_different_expansions_does_not_merge():
    resolved = resolve([
        L("a", 0, "Southern Cone Organization", aliases=["SCO"]),
        L("b", 0, "Shanghai Cooperation Organization", aliases=["SCO"]),
    ])
    assert len(resolved) == 2
    assert {e.name for e in resolved} == {"Southern Cone Organization", "Shanghai Cooperation Organization"}


def test_agreeing_expansions_of_one_acronym_merge():
    resolved = resolve([
        L("a", 0, "Educational, Scientific and Cultural Organization", aliases=["UNESCO"]),
        L("b", 0, "United Nations Educational, Scientific and Cultural Organization", aliases=["UNESCO"]),
    ])
    assert len(resolved) == 1


def test_bare_acronym_goes_to_the_expansion_defined_in_more_articles():
    resolved = resolve([
        L("a", 0, "Shanghai Cooperation Organization", aliases=["SCO"]),
        L("b", 0, "Shanghai Cooperation Organisation", aliases=["SCO"]),
        L("c", 0, "Southern Cone Organization", aliases=["SCO"]),
        L("d", 0, "SCO"),
    ])
    assert entity_of(resolved, "d", 0).name.startswith("Shanghai Cooperation")
    assert len(resolved) == 2


def test_bare_acronym_stays_apart_when_two_expansions_tie():
    resolved = resolve([
        L("a", 0, "Shanghai Cooperation Organization", aliases=["SCO"]),
        L("c", 0, "Southern Cone Organization", aliases=["SCO"]),
        L("d", 0, "SCO"),
    ])
    assert len(resolved) == 3
    assert entity_of(resolved, "d", 0).id == "sco"


def test_bare_acronym_with_a_single_expansion_joins_it():
    resolved = resolve([L("a", 0, "Collective Security Treaty Organization", aliases=["CSTO"]), L("b", 2, "CSTO")])
    assert len(resolved) == 1
    assert resolved[0].name == "Collective Security Treaty Organization"
    assert resolved[0].id == "collective-security-treaty-organization"


def test_country_gets_its_short_name():
    resolved = resolve([L("a", 0, "Russian Federation", "GPE", mentions=5), L("b", 0, "Russia", "GPE")])
    assert resolved[0].name == "Russia" and "Russian Federation" in resolved[0].aliases


def test_ids_do_not_depend_on_input_order():
    local = [
        L("a", 0, "Shanghai Cooperation Organization", aliases=["SCO"]), L("a", 1, "Zhang Ming", "PERSON"),
        L("b", 0, "SCO"), L("b", 1, "China", "GPE"), L("c", 0, "PRC", "GPE"), L("c", 1, "Southern Cone Organization", aliases=["SCO"]),
        L("d", 0, "Eurasian Economic Union", aliases=["EAEU"]), L("d", 1, "Eurasian Economic Union"),
    ]
    expected = {(e.id, frozenset(e.members)) for e in resolve(local)}
    for seed in range(5):
        shuffled = list(local)
        random.Random(seed).shuffle(shuffled)
        assert {(e.id, frozenset(e.members)) for e in resolve(shuffled)} == expected


def test_ids_are_unique_when_names_collide():
    resolved = resolve([L("a", 0, "Georgia", "GPE"), L("b", 0, "Georgia", "PERSON")])
    assert len({e.id for e in resolved}) == 2


# --------------------------------------------------------------------------------------------
# Rules (the file format is tested in test_overrides)


BASE = [
    L("a", 0, "Shanghai Cooperation Organization", aliases=["SCO"], mentions=3),
    L("b", 0, "Shanghai Cooperation Organisation", mentions=2),
    L("c", 0, "Eurasian Union"),
    L("d", 0, "Eurasian Economic Union", aliases=["EAEU"]),
    L("e", 0, "COVID-19"),
    L("f", 0, "Vladimir Putin", "PERSON"),
]


@pytest.mark.parametrize(
    "rules, check",
    [
        ([Rule("merge", ("eurasian-economic-union", "Eurasian Union"))],
         lambda r: entity_of(r, "c", 0) is entity_of(r, "d", 0) and entity_of(r, "c", 0).id == "eurasian-economic-union"),
        ([Rule("merge", ("Eurasian Union", "EAEU"), name="EAEU (Eurasian Economic Union)")],
         lambda r: entity_of(r, "d", 0).name == "EAEU (Eurasian Economic Union)" and entity_of(r, "d", 0).id == "eurasian-union"),
        ([Rule("hide", ("covid-19",))], lambda r: all(("e", 0) not in e.members for e in r)),
        ([Rule("rename", ("vladimir-putin",), name="Vladimir V. Putin")],
         lambda r: entity_of(r, "f", 0).name == "Vladimir V. Putin" and entity_of(r, "f", 0).id == "vladimir-putin"),
        ([Rule("split", ("SCO",), names=("Shanghai Cooperation Organisation",), name="SCO (British spelling)")],
         lambda r: entity_of(r, "a", 0) is not entity_of(r, "b", 0) and entity_of(r, "b", 0).name == "SCO (British spelling)"),
        ([Rule("split", ("shanghai-cooperation-organization",), articles=("b",), name="Other")],
         lambda r: entity_of(r, "b", 0).id == "other" and entity_of(r, "a", 0).id == "shanghai-cooperation-organization"),
        # rules apply in order: split, then hide what was split off
        ([Rule("split", ("SCO",), articles=("b",), name="Other"), Rule("hide", ("other",))],
         lambda r: all(("b", 0) not in e.members for e in r) and any(("a", 0) in e.members for e in r)),
    ],
)
def test_rules(rules, check):
    resolved = resolve(BASE, rules)
    assert check(resolved), [(e.id, e.name, e.members) for e in resolved]


def test_rule_that_matches_nothing_is_reported_not_fatal():
    from newsgraph.resolve import _canonical, _clusters, apply_rules

    clusters, items = _clusters(BASE)
    problems: list[str] = []
    result = apply_rules([_canonical(c) for c in clusters], [Rule("hide", ("no-such-entity",))], items, problems)
    assert len(result) == len(clusters)
    assert problems and "no-such-entity" in problems[0]


def test_rebuild_on_the_sample_store_gives_one_entity_per_organization(sample_store):
    with sample_store.read() as con:
        rows = con.execute("SELECT id, name, aliases FROM entities WHERE type = 'ORG'").fetchall()
        roles = con.execute("SELECT entity_id, role, org_id FROM entity_roles").fetchall()
    sco = [r for r in rows if "SCO" in (r[2] or [])]
    assert len(sco) == 1 and sco[0][1].startswith("Shanghai Cooperation Organi")
    assert not any(name in ("Organization", "COVID-19", "UN Charter") for _, name, _ in rows)
    assert ("zhang-ming", "Secretary General", sco[0][0]) in roles
