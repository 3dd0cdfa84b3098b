"""The organization network as an ``nx.Graph``, and a layout that stays put when filters change.

``build_graph`` is a pure function of two tables, the store's relations and entities
(``queries.relations(con, filters)`` / ``queries.entities(con, filters)``), or of a connection it
queries itself. One node per entity, one edge per pair of entities with evidence:

node attributes
    ``name``, ``type``, ``label`` (the acronym when the entity has one, else the name),
    ``aliases``, ``mentions``, ``articles``, ``degree`` (edges in this graph), ``strength``
    (summed edge weight), ``community`` (0 = largest; Louvain with a fixed seed)
edge attributes
    ``weight`` (typed evidence counts ``TYPED_WEIGHT`` times, co-occurrence once),
    ``typed_weight`` / ``cooccurrence_weight`` (the two parts), ``kinds`` ({kind: evidence count}),
    ``kind`` (the strongest kind: the most frequent typed kind, else "co-occurrence"), ``typed``
    (bool), ``evidence`` (relation ids, for the sentences), ``articles`` (article ids),
    ``cues`` (the words that gave the typed kinds)

``layout(graph, seed=..., previous=...)`` gives positions; pass the positions of the unfiltered
graph as ``previous`` so that a filtered view keeps every node where it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace

import networkx as nx
import pandas as pd

from newsgraph.filters import NO_FILTERS, Filters
from newsgraph.names import looks_like_acronym

CO_OCCURRENCE = "co-occurrence"
TYPED_WEIGHT = 3.0  # one sentence that says how two actors relate outweighs three that name both
COMMUNITY_SEED = 7
DEFAULT_SEED = 7


def build_graph(
    source,
    filters: Filters = NO_FILTERS,
    *,
    depth: int = 1,
    min_weight: float = 0.0,
    kinds: Iterable[str] | None = None,
    typed_only: bool = False,
    typed_weight: float = TYPED_WEIGHT,
) -> nx.Graph:
    """The network for ``filters``.

    ``source`` is a DuckDB connection or a ``(relations, entities)`` pair of DataFrames with the
    columns of ``queries.relations`` / ``queries.entities``. ``filters.actors`` keeps the actors and
    everything within ``depth`` steps of them (depth 0: only ties among the actors themselves);
    dates and types filter the evidence as in ``newsgraph.queries``. ``kinds`` keeps only evidence
    of those kinds; ``typed_only`` drops co-occurrence; ``min_weight`` drops weaker edges.
    """
    relations, entities = _frames(source, filters)
    wanted = set(kinds) if kinds is not None else None
    if wanted is not None:
        relations = relations[relations["kind"].isin(wanted)]
    if typed_only:
        relations = relations[relations["kind"] != CO_OCCURRENCE]
    graph = _aggregate(relations, entities, typed_weight=typed_weight)
    if min_weight > 0:
        graph.remove_edges_from([(u, v) for u, v, w in graph.edges(data="weight") if w < min_weight])
    if filters.actors:
        graph = _neighbourhood(graph, filters.actors, depth)
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0 and n not in set(filters.actors)])
    _node_measures(graph)
    return graph


def _frames(source, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    if isinstance(source, tuple):
        relations, entities = source
        relations = relations.copy()
        if filters.types and "source_type" in relations:
            relations = relations[relations["source_type"].isin(filters.types) & relations["target_type"].isin(filters.types)]
        if filters.has_dates and "published" in relations:
            published = pd.to_datetime(relations["published"], errors="coerce").dt.date
            keep = published.notna()
            if filters.date_from is not None:
                keep &= published >= filters.date_from
            if filters.date_to is not None:
                keep &= published <= filters.date_to
            relations = relations[keep.fillna(False).astype(bool)]
        return relations, entities
    from newsgraph import queries

    # Actors are applied here (with depth), so the query takes every actor.
    wide = replace(filters, actors=())
    return queries.relations(source, wide), queries.entities(source, wide)


def _aggregate(relations: pd.DataFrame, entities: pd.DataFrame, *, typed_weight: float) -> nx.Graph:
    graph = nx.Graph()
    info = {row["id"]: row for row in entities.to_dict("records")} if len(entities) else {}
    edges: dict[tuple[str, str], dict] = {}
    for row in relations.to_dict("records"):
        a, b = row["source"], row["target"]
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        edge = edges.setdefault(key, {"kinds": Counter(), "evidence": [], "articles": set(), "cues": Counter(),
                                      "directions": Counter()})
        edge["kinds"][row["kind"]] += 1
        edge["evidence"].append(row.get("id"))
        edge["articles"].add(row.get("article_id"))
        if row.get("cue") and row["kind"] != CO_OCCURRENCE:
            edge["cues"][str(row["cue"])] += 1
        edge["directions"][(a, b, row["kind"])] += 1
        for end, name_key, type_key in ((a, "source_name", "source_type"), (b, "target_name", "target_type")):
            if end not in info:
                info[end] = {"id": end, "name": row.get(name_key, end), "type": row.get(type_key), "aliases": [],
                             "mentions": 0, "articles": 0}
    for node_id in {n for pair in edges for n in pair}:
        row = info.get(node_id, {"name": node_id})
        aliases = [a for a in _as_list(row.get("aliases"))]
        graph.add_node(
            node_id,
            name=str(row.get("name") or node_id),
            type=row.get("type"),
            aliases=aliases,
            label=_label(str(row.get("name") or node_id), aliases),
            mentions=int(row.get("mentions") or 0),
            articles=int(row.get("articles") or 0),
        )
    for (a, b), edge in edges.items():
        kinds = dict(sorted(edge["kinds"].items()))
        co = kinds.get(CO_OCCURRENCE, 0)
        typed = sum(v for k, v in kinds.items() if k != CO_OCCURRENCE)
        typed_kinds = {k: v for k, v in kinds.items() if k != CO_OCCURRENCE}
        strongest = sorted(typed_kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if typed_kinds else CO_OCCURRENCE
        graph.add_edge(
            a, b,
            weight=typed * typed_weight + co,
            typed_weight=typed * typed_weight,
            cooccurrence_weight=float(co),
            kinds=kinds,
            kind=strongest,
            typed=bool(typed),
            evidence=[e for e in edge["evidence"] if e is not None],
            articles=sorted(x for x in edge["articles"] if x is not None),
            cues=dict(edge["cues"]),
            directed=[{"source": s, "target": t, "kind": k, "count": c} for (s, t, k), c in sorted(edge["directions"].items())
                      if k != CO_OCCURRENCE],
        )
    return graph


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    try:
        return [str(v) for v in value]
    except TypeError:
        return []


def _label(name: str, aliases: list[str]) -> str:
    """A short label for a node: the acronym of a long name ("SCO"), else the name."""
    if len(name) > 24:
        acronyms = sorted((a for a in aliases if looks_like_acronym(a)), key=len)
        if acronyms:
            return acronyms[0]
    return name


def _neighbourhood(graph: nx.Graph, actors: Iterable[str], depth: int) -> nx.Graph:
    present = [a for a in actors if a in graph]
    if not present:
        return nx.Graph()
    keep: set[str] = set()
    for actor in present:
        keep.update(nx.single_source_shortest_path_length(graph, actor, cutoff=max(0, depth)))
    return graph.subgraph(keep).copy()


def _node_measures(graph: nx.Graph) -> None:
    for node in graph.nodes:
        graph.nodes[node]["degree"] = graph.degree(node)
        graph.nodes[node]["strength"] = float(graph.degree(node, weight="weight"))
    for number, members in enumerate(communities(graph)):
        for node in members:
            graph.nodes[node]["community"] = number


def communities(graph: nx.Graph, *, seed: int = COMMUNITY_SEED) -> list[set[str]]:
    """Louvain communities (fixed seed), largest first, ties by the smallest node id."""
    if graph.number_of_nodes() == 0:
        return []
    if graph.number_of_edges() == 0:
        found = [{n} for n in graph.nodes]
    else:
        found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def layout(
    graph: nx.Graph,
    *,
    seed: int = DEFAULT_SEED,
    previous: Mapping[str, tuple[float, float]] | None = None,
    iterations: int = 60,
) -> dict[str, tuple[float, float]]:
    """Node positions in [-1, 1]², the same for the same graph and seed.

    Nodes found in ``previous`` keep their positions; only new nodes are placed (near their
    neighbours), so a filtered view of the network does not jump around. Compute positions once
    on the unfiltered graph and pass them as ``previous`` for every filtered one.
    """
    if graph.number_of_nodes() == 0:
        return {}
    previous = dict(previous or {})
    known = {n: tuple(previous[n]) for n in graph.nodes if n in previous}
    if len(known) == graph.number_of_nodes():
        return {n: (float(x), float(y)) for n, (x, y) in known.items()}
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes))
    ordered.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in graph.edges(data=True)))
    if not known:
        raw = nx.spring_layout(ordered, seed=seed, weight="weight", iterations=iterations)
        return _normalized(raw)
    start = dict(known)
    for node in sorted(set(graph.nodes) - set(known)):
        placed = [known[n] for n in graph.neighbors(node) if n in known]
        if placed:
            start[node] = (sum(p[0] for p in placed) / len(placed), sum(p[1] for p in placed) / len(placed))
    raw = nx.spring_layout(ordered, pos=start or None, fixed=list(known) or None, seed=seed, weight="weight",
                           iterations=iterations)
    return {n: (float(x), float(y)) for n, (x, y) in raw.items()}


def _normalized(raw: Mapping[str, Iterable[float]]) -> dict[str, tuple[float, float]]:
    points = {n: (float(p[0]), float(p[1])) for n, p in raw.items()}
    scale = max((max(abs(x), abs(y)) for x, y in points.values()), default=1.0) or 1.0
    return {n: (x / scale, y / scale) for n, (x, y) in points.items()}
