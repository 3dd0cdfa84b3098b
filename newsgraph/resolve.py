"""Cross-article entity identity: article-local entities grouped into canonical entities.

A pure function over the table of local entities, so that it can be re-run whenever articles
arrive or the overrides file changes, without touching any article text.

Identity, in order:

1. the same name or (non-acronym) alias, compared with ``names.identity_key``, within a type group
   (GPE/LOC/FAC are one group), is one entity; a multiword name the model typed differently in two
   articles ("Kassym-Jomart Tokayev" as PERSON and as ORG) is one entity of the majority type;
2. a country is one entity under all its names ("PRC", "People's Republic of China", "China");
3. people match by full name only: "Berg" in one article is not "Anna Berg" in another;
4. an acronym defined in two articles ("SCO" for two different long forms) joins them only when the
   long forms agree (equal, or one inside the other: "Educational, Scientific and Cultural
   Organization" and "United Nations Educational, Scientific and Cultural Organization");
5. a bare acronym (no long form in its article) joins the expansion it is defined with elsewhere;
   with several expansions it joins the one defined in strictly more articles, else stays apart.

Then the overrides (merge, split, rename, hide; see ``newsgraph.overrides``) apply in file order.
Ids are slugs of the canonical name, computed from the sorted input: the same articles give the
same ids whatever order they were ingested in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from newsgraph.names import country_of, identity_key, looks_like_acronym, name_key, slug

# Types that can be the same actor under different labels from the model.
TYPE_GROUPS = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


@dataclass(frozen=True)
class LocalEntity:
    article_id: str
    local_id: int
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: int = 1


@dataclass
class CanonicalEntity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    members: list[tuple[str, int]] = field(default_factory=list)  # (article_id, local_id)


@dataclass(frozen=True)
class Rule:
    """One override. ``entities`` names entities by id, name or alias."""

    action: str  # merge | split | rename | hide
    entities: tuple[str, ...] = ()
    name: str | None = None
    names: tuple[str, ...] = ()  # split: the local names that go to the new entity
    articles: tuple[str, ...] = ()  # split: or every member from these articles
    note: str | None = None


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _group(type_: str) -> str:
    return TYPE_GROUPS.get(type_, type_)


def _is_acronym_of(entity: LocalEntity, name: str) -> bool:
    """An acronym alias of a spelled-out name ("SCO" of "Shanghai Cooperation Organization")."""
    return looks_like_acronym(name) and not looks_like_acronym(entity.name) and len(entity.name.split()) >= 2


def _strong_keys(entity: LocalEntity) -> list[tuple[str, str]]:
    group = _group(entity.type)
    if group == "PLACE" or entity.type in ("ORG", "NORP"):
        for name in (entity.name, *entity.aliases):
            country = country_of(name)
            if country is not None and (group == "PLACE" or not _is_acronym_of(entity, name)):
                return [("country", country.code)]
    keys = []
    for name in (entity.name, *entity.aliases):
        if _is_acronym_of(entity, name):
            continue
        if entity.type == "PERSON" and len(name.split()) < 2 and name != entity.name:
            continue
        key = identity_key(name)
        if key:
            keys.append((group, key))
    return keys


def _defined_acronyms(entity: LocalEntity) -> list[str]:
    return [identity_key(a) for a in entity.aliases if _is_acronym_of(entity, a)]


def _long_forms_agree(a: set[str], b: set[str]) -> bool:
    for x in a:
        for y in b:
            if x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} ":
                return True
    return False


def resolve(local_entities: Iterable[LocalEntity], rules: Sequence[Rule] = ()) -> list[CanonicalEntity]:
    """Group local entities into canonical entities, then apply the override rules in order."""
    clusters, items = _clusters(local_entities)
    entities = [_canonical(members) for members in clusters]
    if rules:
        entities = apply_rules(entities, rules, items)
    return _with_ids(entities)


def _clusters(local_entities: Iterable[LocalEntity]) -> tuple[list[list[LocalEntity]], dict[tuple[str, int], LocalEntity]]:
    # Sorted so that the same entities give the same ids whatever order they were stored in.
    items = sorted(local_entities, key=lambda e: (e.article_id, e.local_id))
    groups = _UnionFind()
    first_with_key: dict[tuple[str, str], int] = {}
    for index, entity in enumerate(items):
        groups.find(index)
        for key in _strong_keys(entity):
            if key in first_with_key:
                groups.union(first_with_key[key], index)
            else:
                first_with_key[key] = index

    _join_across_types(items, groups)
    _join_acronyms(items, groups)

    clusters: dict[int, list[LocalEntity]] = defaultdict(list)
    for index, entity in enumerate(items):
        clusters[groups.find(index)].append(entity)
    return list(clusters.values()), {(e.article_id, e.local_id): e for e in items}


def _join_across_types(items: list[LocalEntity], groups: _UnionFind) -> None:
    """A multiword name typed PERSON in one article and ORG in another is one entity."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for index, entity in enumerate(items):
        if len(entity.name.split()) >= 2 and not looks_like_acronym(entity.name) and entity.type in ("PERSON", "ORG", "FAC", "LOC", "GPE"):
            by_name[identity_key(entity.name)].append(index)
    for indexes in by_name.values():
        if len({_group(items[i].type) for i in indexes}) > 1:
            for i in indexes[1:]:
                groups.union(indexes[0], i)


def _join_acronyms(items: list[LocalEntity], groups: _UnionFind) -> None:
    # acronym -> cluster root -> (articles defining it, long-form keys)
    defined: dict[str, dict[int, tuple[set[str], set[str]]]] = defaultdict(dict)
    for index, entity in enumerate(items):
        for acronym in _defined_acronyms(entity):
            root = groups.find(index)
            articles, forms = defined[acronym].setdefault(root, (set(), set()))
            articles.add(entity.article_id)
            forms.update(identity_key(n) for n in (entity.name, *entity.aliases) if not looks_like_acronym(n))
    # Two clusters defining one acronym with agreeing long forms are one.
    for acronym, by_root in defined.items():
        roots = sorted(by_root)
        for i, a in enumerate(roots):
            for b in roots[i + 1:]:
                if groups.find(a) != groups.find(b) and _long_forms_agree(by_root[a][1], by_root[b][1]):
                    groups.union(a, b)
    # A bare acronym joins the expansion it is defined with elsewhere.
    for index, entity in enumerate(items):
        if entity.type not in ("ORG", "FAC") or not looks_like_acronym(entity.name):
            continue
        if any(not looks_like_acronym(a) for a in entity.aliases):
            continue
        options: dict[int, set[str]] = defaultdict(set)
        for root, (articles, _) in defined.get(identity_key(entity.name), {}).items():
            options[groups.find(root)].update(articles)
        if not options:
            continue
        ranked = sorted(options.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        if len(ranked) == 1 or len(ranked[0][1]) > len(ranked[1][1]):
            groups.union(ranked[0][0], index)


def _canonical(members: list[LocalEntity], *, name: str | None = None) -> CanonicalEntity:
    type_ = _majority_type(members)
    chosen = name or canonical_name(members, type_=type_)
    names = {e.name for e in members} | {a for e in members for a in e.aliases}
    aliases = sorted(n for n in names if identity_key(n) != identity_key(chosen))
    return CanonicalEntity(
        id="", name=chosen, type=type_, aliases=aliases, members=sorted((e.article_id, e.local_id) for e in members)
    )


def _majority_type(members: list[LocalEntity]) -> str:
    weight: Counter[str] = Counter()
    for e in members:
        weight[e.type] += max(1, e.mentions)
    return sorted(weight.items(), key=lambda kv: (-kv[1], kv[0] != "PERSON", kv[0]))[0][0]


def canonical_name(entities: list[LocalEntity], *, type_: str | None = None) -> str:
    """The name to show.

    Countries: the short name ("China", "Russia"). Organizations with an acronym: the long form
    most articles use. Otherwise the most mentioned name; ties go to the longer, then the
    alphabetically first.
    """
    if type_ in ("GPE", "LOC", "FAC", None):
        for entity in entities:
            country = country_of(entity.name)
            if country is not None:
                return country.name
    weight: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        weight[entity.name] += entity.mentions
        articles[entity.name].add(entity.article_id)
    spelled = [n for n in weight if not looks_like_acronym(n)]
    pool = spelled if spelled and any(looks_like_acronym(n) for n in weight) else list(weight)
    return sorted(pool, key=lambda n: (-len(articles[n]), -weight[n], -len(n), n))[0]


def _with_ids(entities: list[CanonicalEntity]) -> list[CanonicalEntity]:
    """Ids from names; a kept id (from an override) wins over a computed one."""
    entities = sorted(entities, key=lambda e: (bool(e.id) is False, slug(e.name), e.type, e.members[:1]))
    used: set[str] = set()
    for entity in entities:
        base = entity.id or slug(entity.name)
        candidate = base
        if candidate in used:
            candidate = f"{base}-{entity.type.lower()}"
        suffix = 2
        while candidate in used:
            candidate = f"{base}-{suffix}"
            suffix += 1
        used.add(candidate)
        entity.id = candidate
    entities.sort(key=lambda e: e.id)
    return entities


# --------------------------------------------------------------------------------------------
# Overrides


@dataclass
class _Working:
    entity: CanonicalEntity
    name_locked: bool = False
    hidden: bool = False
    keep_id: str | None = None


def apply_rules(
    entities: list[CanonicalEntity],
    rules: Sequence[Rule],
    local: dict[tuple[str, int], LocalEntity],
    problems: list[str] | None = None,
) -> list[CanonicalEntity]:
    """Apply override rules in order; a rule that matches nothing is reported, not fatal."""
    # Provisional ids so that rules can name entities by the ids the user sees.
    working = [_Working(e, keep_id=e.id or None) for e in _with_ids([_copy(e) for e in entities])]
    problems = problems if problems is not None else []
    for number, rule in enumerate(rules, start=1):
        if rule.action == "merge":
            _merge(working, rule, local, problems, number)
        elif rule.action == "split":
            _split(working, rule, local, problems, number)
        elif rule.action == "rename":
            for item in _find(working, rule.entities[:1], problems, number, single=True):
                item.entity.name = rule.name or item.entity.name
                item.name_locked = True
        elif rule.action == "hide":
            for item in _find(working, rule.entities, problems, number):
                item.hidden = True
        working = [w for w in working if w.entity.members]
    result = []
    for item in working:
        if item.hidden:
            continue
        members = [local[m] for m in item.entity.members if m in local]
        fresh = _canonical(members, name=item.entity.name if item.name_locked else None)
        fresh.id = item.keep_id or ""
        result.append(fresh)
    return result


def _copy(entity: CanonicalEntity) -> CanonicalEntity:
    return CanonicalEntity(entity.id, entity.name, entity.type, list(entity.aliases), list(entity.members))


def _find(working: list[_Working], refs: Sequence[str], problems: list[str], number: int, *, single: bool = False) -> list[_Working]:
    found: list[_Working] = []
    for ref in refs:
        matches = [w for w in working if w.entity.id == ref] or [w for w in working if w.keep_id == ref]
        if not matches:
            key = identity_key(ref)
            matches = [w for w in working if identity_key(w.entity.name) == key]
            matches = matches or [w for w in working if key in {identity_key(a) for a in w.entity.aliases}]
        if not matches:
            problems.append(f"rule {number}: no entity is {ref!r}")
            continue
        if single and len(matches) > 1:
            matches = sorted(matches, key=lambda w: (-len(w.entity.members), w.entity.id))[:1]
            problems.append(f"rule {number}: {ref!r} names several entities; used {matches[0].entity.id!r}")
        for match in matches:
            if match not in found:
                found.append(match)
    return found


def _merge(working: list[_Working], rule: Rule, local, problems: list[str], number: int) -> None:
    found = _find(working, rule.entities, problems, number, single=True)
    if len(found) < 2:
        if len(rule.entities) >= 2:
            problems.append(f"rule {number}: merge needs two entities that exist, found {len(found)}")
        return
    target = found[0]
    for other in found[1:]:
        target.entity.members.extend(other.entity.members)
        other.entity.members = []
        target.hidden = target.hidden or other.hidden
    target.entity.members.sort()
    if rule.name:
        target.entity.name = rule.name
        target.name_locked = True


def _split(working: list[_Working], rule: Rule, local, problems: list[str], number: int) -> None:
    found = _find(working, rule.entities[:1], problems, number, single=True)
    if not found:
        return
    source = found[0]
    # Exact names (case and punctuation aside): a split may be about a spelling ("Organisation").
    names = {name_key(n) for n in rule.names}
    articles = set(rule.articles)
    moving = []
    for member in source.entity.members:
        entity = local.get(member)
        if entity is None:
            continue
        if member[0] in articles or name_key(entity.name) in names:
            moving.append(member)
    if not moving:
        problems.append(f"rule {number}: nothing of {source.entity.id!r} matches the split")
        return
    if len(moving) == len(source.entity.members):
        problems.append(f"rule {number}: the split would take all of {source.entity.id!r}; nothing left")
        return
    source.entity.members = [m for m in source.entity.members if m not in moving]
    new = CanonicalEntity("", rule.name or local[moving[0]].name, source.entity.type, [], sorted(moving))
    working.append(_Working(new, name_locked=bool(rule.name)))


# --------------------------------------------------------------------------------------------
# The store's resolved layer


def rebuild_entities(con: duckdb.DuckDBPyConnection, *, rules: Sequence[Rule] | None = None) -> list[str]:
    """Recompute the resolved layer (entities, entity_map, entity_roles) from the local one.

    ``rules`` default to the overrides file (``NEWSGRAPH_OVERRIDES``); returns the problems the
    rules reported (rules that match nothing), for the caller to show.
    """
    if rules is None:
        from newsgraph.overrides import load_rules

        rules = load_rules()
    rows = con.execute(
        "SELECT article_id, local_id, name, type, aliases, mentions FROM local_entities"
    ).fetchall()
    local = [LocalEntity(a, l, n, t, tuple(al or ()), m or 0) for a, l, n, t, al, m in rows]
    problems: list[str] = []
    clusters, items = _clusters(local)
    canonical = [_canonical(members) for members in clusters]
    if rules:
        canonical = apply_rules(canonical, rules, items, problems)
    canonical = _with_ids(canonical)
    mentions = {(e.article_id, e.local_id): e.mentions for e in local}

    con.execute("DELETE FROM entity_map")
    con.execute("DELETE FROM entity_roles")
    con.execute("DELETE FROM entities")
    con.register(
        "resolved_entities",
        pa.table(
            {
                "id": [e.id for e in canonical],
                "name": [e.name for e in canonical],
                "type": [e.type for e in canonical],
                "aliases": [e.aliases for e in canonical],
                "mentions": [sum(mentions[m] for m in e.members) for e in canonical],
                "articles": [len({a for a, _ in e.members}) for e in canonical],
            },
            schema=pa.schema(
                [("id", pa.string()), ("name", pa.string()), ("type", pa.string()),
                 ("aliases", pa.list_(pa.string())), ("mentions", pa.int32()), ("articles", pa.int32())]
            ),
        ),
    )
    con.execute("INSERT INTO entities SELECT * FROM resolved_entities")
    con.unregister("resolved_entities")
    members = [(a, l, e.id) for e in canonical for a, l in e.members]
    con.register(
        "resolved_map",
        pa.table({"article_id": pa.array([m[0] for m in members], pa.string()),
                  "local_id": pa.array([m[1] for m in members], pa.int32()),
                  "entity_id": pa.array([m[2] for m in members], pa.string())}),
    )
    con.execute("INSERT INTO entity_map SELECT * FROM resolved_map")
    con.unregister("resolved_map")
    con.execute(
        """
        INSERT INTO entity_roles
        SELECT DISTINCT m.entity_id, r.role, o.entity_id, coalesce(oe.name, r.org_name), r.article_id
        FROM local_roles r
        JOIN entity_map m ON m.article_id = r.article_id AND m.local_id = r.local_id
        LEFT JOIN entity_map o ON o.article_id = r.article_id AND o.local_id = r.org_local
        LEFT JOIN entities oe ON oe.id = o.entity_id
        """
    )
    return problems
