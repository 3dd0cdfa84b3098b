"""Cross-article entity identity: article-local entities grouped into canonical entities.

A pure function over the table of local entities, so that it can be re-run whenever articles
arrive or the overrides file changes, without touching any article text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from newsgraph.names import name_key, slug

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


def resolve(local_entities: Iterable[LocalEntity]) -> list[CanonicalEntity]:
    """Group local entities that share a name or alias (within a type group) into one entity."""
    # Sorted so that the same entities give the same ids whatever order they were stored in.
    items = sorted(local_entities, key=lambda e: (e.article_id, e.local_id))
    groups = _UnionFind()
    first_with_key: dict[tuple[str, str], int] = {}
    for index, entity in enumerate(items):
        group = TYPE_GROUPS.get(entity.type, entity.type)
        groups.find(index)
        for name in (entity.name, *entity.aliases):
            key = (group, name_key(name))
            if not key[1]:
                continue
            if key in first_with_key:
                groups.union(first_with_key[key], index)
            else:
                first_with_key[key] = index

    clusters: dict[int, list[int]] = defaultdict(list)
    for index in range(len(items)):
        clusters[groups.find(index)].append(index)

    named = []
    for members in clusters.values():
        chosen = [items[i] for i in members]
        type_ = sorted(Counter(e.type for e in chosen).items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        named.append((canonical_name(chosen), type_, chosen))
    named.sort(key=lambda item: (slug(item[0]), item[1], item[2][0].article_id, item[2][0].local_id))

    result: list[CanonicalEntity] = []
    used_ids: set[str] = set()
    for name, type_, chosen in named:
        entity_id = slug(name)
        if entity_id in used_ids:
            entity_id = f"{entity_id}-{type_.lower()}"
        suffix = 2
        base = entity_id
        while entity_id in used_ids:
            entity_id = f"{base}-{suffix}"
            suffix += 1
        used_ids.add(entity_id)
        names = {e.name for e in chosen} | {a for e in chosen for a in e.aliases}
        aliases = sorted(n for n in names if name_key(n) != name_key(name))
        result.append(
            CanonicalEntity(
                id=entity_id,
                name=name,
                type=type_,
                aliases=aliases,
                members=[(e.article_id, e.local_id) for e in chosen],
            )
        )
    result.sort(key=lambda e: e.id)
    return result


def canonical_name(entities: list[LocalEntity]) -> str:
    """The most mentioned name; ties go to the longer, then the alphabetically first."""
    weight: Counter[str] = Counter()
    for entity in entities:
        weight[entity.name] += entity.mentions
    return sorted(weight, key=lambda n: (-weight[n], -len(n), n))[0]


def rebuild_entities(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the resolved layer (entities, entity_map, entity_roles) from the local one."""
    rows = con.execute(
        "SELECT article_id, local_id, name, type, aliases, mentions FROM local_entities"
    ).fetchall()
    local = [LocalEntity(a, l, n, t, tuple(al or ()), m or 0) for a, l, n, t, al, m in rows]
    canonical = resolve(local)
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
        pa.table({"article_id": [m[0] for m in members], "local_id": pa.array([m[1] for m in members], pa.int32()),
                  "entity_id": [m[2] for m in members]}),
    )
    con.execute("INSERT INTO entity_map SELECT * FROM resolved_map")
    con.unregister("resolved_map")
    con.execute(
        """
        INSERT INTO entity_roles
        SELECT DISTINCT m.entity_id, r.role, o.entity_id, r.org_name, r.article_id
        FROM local_roles r
        JOIN entity_map m ON m.article_id = r.article_id AND m.local_id = r.local_id
        LEFT JOIN entity_map o ON o.article_id = r.article_id AND o.local_id = r.org_local
        """
    )
