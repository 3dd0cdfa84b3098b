"""The organization network: graph of the view, stable positions, the figure, GraphML/CSV.

Pure functions (``view_graph``, ``stable_positions``, ``network_figure``, ``edges_table``,
``graphml_bytes``) work on the aggregated ties of ``queries.ties`` and are tested on their own; the
``render_*`` functions at the end draw them.

The rule for which nodes are drawn, stated in the chart's caption: among the actors of the chosen
types that keep at least one tie after the tie filters (and, with a focus, lie within the chosen
depth of it), the ``max_nodes`` most mentioned under the current filters; focus actors always.
"""

from __future__ import annotations

import hashlib
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from newsgraph.graph import TYPED_WEIGHT, communities
from newsgraph.names import looks_like_acronym

from components.style import (
    CO_OCCURRENCE_EDGE,
    INK,
    TYPED_EDGE,
    community_colour,
    type_label,
    type_style,
)

CO_OCCURRENCE = "co-occurrence"
LAYOUT_SEED = 7
ANCHOR_NODES = 120  # nodes in the corpus-wide layout that fixes positions across filter changes


@dataclass(frozen=True)
class NetworkView:
    node_types: tuple[str, ...] = ("ORG",)
    tie_kinds: tuple[str, ...] = ()  # empty: every kind
    min_weight: int = 1
    depth: int = 1
    max_nodes: int = 40
    colour_by: str = "type"  # "type" or "community"
    labels: int = 30  # the most mentioned nodes carry a label; the others on hover


@dataclass
class NetworkStats:
    candidates: int = 0  # nodes that passed every filter before the top-N cut
    shown: int = 0
    focus_missing: tuple[str, ...] = ()  # focus actors with no tie in view
    hidden_by_weight: int = 0  # ties dropped by the minimum weight
    notes: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------------------
# The graph


def pair_ties(
    ties: pd.DataFrame, *, tie_kinds: Iterable[str] = (), types: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Per-kind ties summed per pair, in (source, target) order.

    ``sentences`` counts the evidence, ``typed`` the typed part of it, and ``weight`` weighs it as
    ``newsgraph.graph`` does: a sentence that says how two actors relate counts ``TYPED_WEIGHT``
    times, one that only names both counts once. ``source_type``/``target_type`` come from ``types``
    (entity id -> spaCy label), or from the ties' own columns when they have them.
    """
    frame = _of_kinds(ties, tie_kinds)
    columns = ["source", "target", "weight", "sentences", "typed", "source_type", "target_type"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame.assign(typed_count=frame["weight"].where(frame["kind"] != CO_OCCURRENCE, 0))
    aggregations = {"sentences": ("weight", "sum"), "typed": ("typed_count", "sum")}
    if types is None and "source_type" in frame:
        aggregations |= {"source_type": ("source_type", "first"), "target_type": ("target_type", "first")}
    # sorted groups: the same ties give the same edge order, hence the same layout
    pairs = frame.groupby(["source", "target"], sort=True).agg(**aggregations).reset_index()
    if types is not None or "source_type" not in pairs:
        lookup = types or {}
        pairs["source_type"] = pairs["source"].map(lookup)
        pairs["target_type"] = pairs["target"].map(lookup)
    pairs["weight"] = pairs["typed"] * TYPED_WEIGHT + (pairs["sentences"] - pairs["typed"])
    return pairs[columns]


def _of_kinds(ties: pd.DataFrame, tie_kinds: Iterable[str]) -> pd.DataFrame:
    kinds = tuple(tie_kinds)
    return ties[ties["kind"].isin(kinds)] if kinds else ties


def kinds_of_pairs(ties: pd.DataFrame, pairs: pd.DataFrame, *, tie_kinds: Iterable[str] = ()) -> dict[tuple[str, str], dict[str, int]]:
    """{(source, target): {kind: sentences}} for the given pairs, heaviest kind first."""
    frame = _of_kinds(ties, tie_kinds)
    wanted = frame.merge(pairs[["source", "target"]], on=["source", "target"])
    wanted = wanted.sort_values(["source", "target", "weight", "kind"], ascending=[True, True, False, True])
    result: dict[tuple[str, str], dict[str, int]] = {}
    # .tolist() first: iterating an Arrow-backed column in Python is ten times slower
    for source, target, kind, weight in zip(*(wanted[c].tolist() for c in ("source", "target", "kind", "weight"))):
        result.setdefault((source, target), {})[kind] = int(weight)
    return result


def rank_by_mentions(ids, mentions: Mapping[str, int]) -> list[str]:
    """Ids, most mentioned first, ties by id: the rule for which nodes a view draws (vectorized,
    since a corpus has tens of thousands of actors)."""
    frame = pd.DataFrame({"id": pd.Series(ids, dtype=object)})
    frame["mentions"] = frame["id"].map(mentions).fillna(0)
    return frame.sort_values(["mentions", "id"], ascending=[False, True], kind="stable")["id"].tolist()


def neighbourhood(pairs: pd.DataFrame, focus: Iterable[str], depth: int) -> set[str]:
    """Nodes within ``depth`` ties of any focus node (the focus included)."""
    reached = set(focus)
    frontier = set(reached)
    for _ in range(max(0, depth)):
        if not frontier:
            break
        touching = pairs[pairs["source"].isin(frontier) | pairs["target"].isin(frontier)]
        found = set(touching["source"].tolist()) | set(touching["target"].tolist())
        frontier = found - reached
        reached |= found
    return reached


def view_graph(
    ties: pd.DataFrame,
    mentions: Mapping[str, int],
    *,
    focus: tuple[str, ...] = (),
    view: NetworkView = NetworkView(),
    names: Mapping[str, str] | None = None,
    types: Mapping[str, str] | None = None,
    aliases: Mapping[str, Iterable[str]] | None = None,
    pairs: pd.DataFrame | None = None,
) -> tuple[nx.Graph, NetworkStats]:
    """The graph a view draws (see the module docstring for the rule), with node and edge attributes.

    ``ties`` has the columns of ``queries.ties``; ``mentions`` counts each entity under the filters;
    ``names``, ``types`` and ``aliases`` describe the entities (from ``queries.entities``); ``pairs``
    is ``pair_ties(ties, types=types)`` when the caller already has it (it is the costly step).
    Nodes: name, label (an acronym for a long name), type, mentions, degree, strength (summed
    weight), community. Edges: weight (weighted as ``newsgraph.graph``), sentences, typed, kinds
    ({kind: sentences}).
    """
    stats = NetworkStats()
    if pairs is None or view.tie_kinds:
        pairs = pair_ties(ties, tie_kinds=view.tie_kinds, types=types)
    focus_set = set(focus)
    if view.node_types:
        # a focus actor of another type still appears, with its ties to the chosen types
        wanted = set(view.node_types)
        source_ok = pairs["source_type"].isin(wanted) | pairs["source"].isin(focus_set)
        target_ok = pairs["target_type"].isin(wanted) | pairs["target"].isin(focus_set)
        pairs = pairs[source_ok & target_ok]
    heavy = pairs["weight"] >= view.min_weight
    stats.hidden_by_weight = int((~heavy).sum())
    pairs = pairs[heavy]
    if focus:
        reached = neighbourhood(pairs, focus, view.depth)
        pairs = pairs[pairs["source"].isin(reached) & pairs["target"].isin(reached)]

    candidates = pd.concat([pairs["source"], pairs["target"]]).unique()
    stats.candidates = len(candidates)
    node_names = dict(names or {})
    node_types_of = dict(types or {})
    ranked = [n for n in rank_by_mentions(candidates, mentions) if n not in focus_set]
    candidates = set(candidates.tolist())
    kept = [n for n in focus if n in candidates] + ranked[: max(0, view.max_nodes - len(focus_set & candidates))]
    kept_set = set(kept)
    pairs = pairs[pairs["source"].isin(kept_set) & pairs["target"].isin(kept_set)]
    for end in ("source", "target"):  # ties that carry their own names and types (tests, older callers)
        if f"{end}_name" in ties and not names:
            named = ties[ties[end].isin(kept_set)]
            node_names.update(zip(named[end].tolist(), named[f"{end}_name"].tolist()))
        node_types_of.update(zip(pairs[end].tolist(), pairs[f"{end}_type"].tolist()))
    kinds = kinds_of_pairs(ties, pairs, tie_kinds=view.tie_kinds)

    graph = nx.Graph()
    for node in kept:
        name = node_names.get(node, node)
        graph.add_node(
            node,
            name=name,
            label=node_label(name, (aliases or {}).get(node, ())),
            aliases=[a for a in (aliases or {}).get(node, ()) if isinstance(a, str)],
            type=node_types_of.get(node, "OTHER"),
            mentions=int(mentions.get(node, 0)),
            focus=node in focus_set,
        )
    for row in pairs.itertuples(index=False):
        graph.add_edge(
            row.source, row.target, weight=float(row.weight), sentences=int(row.sentences), typed=int(row.typed),
            kinds=kinds.get((row.source, row.target), {}),
        )
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0 and n not in focus_set])
    for node in focus:
        if node not in graph:
            stats.focus_missing += (node,)
    _annotate(graph)
    stats.shown = graph.number_of_nodes()
    return graph, stats


def _annotate(graph: nx.Graph) -> None:
    """Degree, strength and community (Louvain, fixed seed, numbered by size) on every node."""
    for node in graph:
        graph.nodes[node]["degree"] = graph.degree(node)
        graph.nodes[node]["strength"] = float(graph.degree(node, weight="weight"))
    groups = communities(graph)  # newsgraph.graph: Louvain, fixed seed, largest first
    for index, members in enumerate(groups):
        for node in members:
            graph.nodes[node]["community"] = index
    for node in graph:
        graph.nodes[node].setdefault("community", len(groups))


# ------------------------------------------------------------------------------------------------
# Positions that stay put


def packed_layout(graph: nx.Graph, *, aspect: float = 16 / 9) -> dict[str, tuple[float, float]]:
    """Each connected component laid out on its own, then packed in rows into a wide box.

    A spring layout of a graph with several components pushes them to the edges and crushes each
    into a corner; packing keeps every cluster readable and fills a slide's 16:9 frame.
    """
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    tiles: list[tuple[dict[str, tuple[float, float]], float]] = []
    for members in components:
        sub = _ordered_subgraph(graph, members)
        size = len(members)
        if size == 1:
            local = {next(iter(members)): (0.0, 0.0)}
        else:
            # Spring layout (numpy only). Kamada-Kawai looks a little calmer but needs scipy.optimize,
            # whose first import alone costs a second of a page's cold start.
            local = nx.spring_layout(sub, k=1.6 / math.sqrt(size), weight="weight", seed=LAYOUT_SEED,
                                     iterations=150 if size <= 90 else 50)
        side = 0.6 + math.sqrt(size)  # area grows with the number of nodes
        tiles.append((_fit(local, side), side))
    total = sum(side * side for _, side in tiles)
    row_width = max(max(side for _, side in tiles), math.sqrt(total * aspect))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for local, side in tiles:
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y - row_height, 0.0
        for node, (px, py) in local.items():
            positions[node] = (x + px, y - side + py)
        x += side
        row_height = max(row_height, side)
    return positions


def _ordered_subgraph(graph: nx.Graph, members: set[str]) -> nx.Graph:
    """A copy of ``graph`` on ``members`` with nodes and edges in sorted order.

    ``graph.subgraph`` of a small part iterates the member *set*, whose order changes with Python's
    string hashing from one process to the next, and layouts depend on node order: the same store
    would get a different picture after every restart.
    """
    sub = nx.Graph()
    sub.add_nodes_from(sorted(members))
    sub.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in graph.edges(members, data=True) if a in members and b in members))
    return sub


def _fit(local: Mapping[str, tuple[float, float]], side: float) -> dict[str, tuple[float, float]]:
    """Scale a component's layout into a square of the given side, with a margin."""
    xs = [p[0] for p in local.values()]
    ys = [p[1] for p in local.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    inner = side * 0.8
    return {
        n: (side * 0.1 + (px - min(xs)) / span * inner, side * 0.1 + (py - min(ys)) / span * inner)
        for n, (px, py) in local.items()
    }


def layout_graph(pairs: pd.DataFrame, nodes: Iterable[str]) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(sorted(nodes))
    for source, target, weight in zip(*(pairs[c].tolist() for c in ("source", "target", "weight"))):
        if source in graph and target in graph:
            graph.add_edge(source, target, weight=math.log1p(weight))
    return graph


def anchor_layout(
    ties: pd.DataFrame,
    mentions: Mapping[str, int],
    *,
    node_types: Iterable[str] = (),
    nodes: int = ANCHOR_NODES,
    types: Mapping[str, str] | None = None,
    pairs: pd.DataFrame | None = None,
) -> dict[str, tuple[float, float]]:
    """A layout of the corpus's most mentioned actors of the shown types; views reuse these positions,
    so changing the filters moves nothing that stays on screen."""
    pairs = pair_ties(ties, types=types) if pairs is None else pairs
    wanted = set(node_types)
    if wanted:
        pairs = pairs[pairs["source_type"].isin(wanted) & pairs["target_type"].isin(wanted)]
    if pairs.empty:
        return {}
    top = rank_by_mentions(pd.concat([pairs["source"], pairs["target"]]).unique(), mentions)[:nodes]
    chosen = set(top)
    graph = layout_graph(pairs[pairs["source"].isin(chosen) & pairs["target"].isin(chosen)], top)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    return packed_layout(graph) if graph else {}


def _jitter(node: str, scale: float) -> tuple[float, float]:
    digest = hashlib.sha1(node.encode("utf-8")).digest()
    return ((digest[0] / 255 - 0.5) * scale, (digest[1] / 255 - 0.5) * scale)


def stable_positions(graph: nx.Graph, anchor: Mapping[str, tuple[float, float]], *, stable: bool = True) -> dict[str, tuple[float, float]]:
    """Positions for the view: anchored nodes keep their corpus-wide place; the rest settle near their
    anchored neighbours. With ``stable=False`` the view gets its own packed layout (tighter, but it
    moves when the filters change)."""
    if not graph:
        return {}
    weighted = nx.Graph()
    weighted.add_nodes_from(sorted(graph))
    weighted.add_edges_from((a, b, {"weight": math.log1p(d["weight"])}) for a, b, d in graph.edges(data=True))
    fixed = [n for n in weighted if n in anchor] if stable else []
    if not fixed:
        return packed_layout(weighted)
    initial: dict[str, tuple[float, float]] = {n: anchor[n] for n in fixed}
    loose = [n for n in weighted if n not in initial]
    if not loose:
        return initial
    xs = [p[0] for p in initial.values()]
    ys = [p[1] for p in initial.values()]
    spread = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    for node in loose:
        placed = [anchor[m] for m in weighted.neighbors(node) if m in anchor]
        if placed:
            cx, cy = sum(p[0] for p in placed) / len(placed), sum(p[1] for p in placed) / len(placed)
        else:  # nothing anchored nearby: park it below the anchored drawing
            cx, cy = min(xs) + (max(xs) - min(xs)) / 2, min(ys) - 0.15 * spread
        dx, dy = _jitter(node, 0.12 * spread)
        initial[node] = (cx + dx, cy + dy)
    positions = nx.spring_layout(
        weighted, pos=initial, fixed=fixed, k=0.08 * spread, weight="weight", seed=LAYOUT_SEED, iterations=40,
    )
    return {n: (float(x), float(y)) for n, (x, y) in positions.items()}


# ------------------------------------------------------------------------------------------------
# Labels that do not collide

LABEL_FONT = 14
PLOT_PX = (1150, 560)  # the smaller of the browser chart and the slide export, so labels fit in both
_LABEL_SLOTS = ("top center", "bottom center", "middle right", "middle left")


def place_labels(
    positions: Mapping[str, tuple[float, float]],
    texts: Mapping[str, str],
    sizes: Mapping[str, float],
    order: Iterable[str],
    *,
    always: Iterable[str] = (),
    plot_px: tuple[int, int] = PLOT_PX,
    ranges: tuple[tuple[float, float], tuple[float, float]] | None = None,
) -> dict[str, str | None]:
    """Greedy placement: each label (most important first) takes the first side of its node where it
    stays inside the plot and overlaps no placed label and no node; a label that fits nowhere is
    left to the hover (a focus or selected node's label is always drawn)."""
    if not positions:
        return {}
    (x0, x1), (y0, y1) = ranges or axis_ranges(positions)
    x_span, y_span = (x1 - x0) or 1.0, (y1 - y0) or 1.0
    width, height = plot_px

    def to_px(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return (x - x0) / x_span * width, (y - y0) / y_span * height

    centres = {n: to_px(n) for n in positions}
    # a label may graze the rim of a node, not cover its middle
    node_boxes = [
        (cx - sizes.get(n, 10) / 3, cy - sizes.get(n, 10) / 3, cx + sizes.get(n, 10) / 3, cy + sizes.get(n, 10) / 3, n)
        for n, (cx, cy) in centres.items()
    ]
    placed: list[tuple[float, float, float, float]] = []
    result: dict[str, str | None] = {}
    forced = set(always)
    for node in order:
        text = texts.get(node)
        if not text or node not in centres:
            continue
        cx, cy = centres[node]
        radius = sizes.get(node, 10) / 2 + 2
        w, h = 0.56 * LABEL_FONT * len(text) + 4, LABEL_FONT * 1.25
        boxes = {
            "top center": (cx - w / 2, cy + radius, cx + w / 2, cy + radius + h),
            "bottom center": (cx - w / 2, cy - radius - h, cx + w / 2, cy - radius),
            "middle right": (cx + radius, cy - h / 2, cx + radius + w, cy + h / 2),
            "middle left": (cx - radius - w, cy - h / 2, cx - radius, cy + h / 2),
        }
        choice = None
        for slot in _LABEL_SLOTS:
            box = boxes[slot]
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            if not inside:
                continue
            clear_of_labels = all(not _overlap(box, other) for other in placed)
            clear_of_nodes = all(not _overlap(box, nb[:4]) for nb in node_boxes if nb[4] != node)
            if clear_of_labels and clear_of_nodes:
                choice = slot
                break
        if choice is None and node in forced:
            choice = "top center"
        if choice is not None:
            placed.append(boxes[choice])
        result[node] = choice
    return result


def axis_ranges(
    positions: Mapping[str, tuple[float, float]], *, pad: float = 0.07
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The drawing's x and y ranges with a margin, so edge nodes keep room for their labels."""
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    x_span, y_span = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return (
        (min(xs) - pad * x_span, max(xs) + pad * x_span),
        (min(ys) - pad * y_span, max(ys) + 1.6 * pad * y_span),
    )


def node_label(name: str, aliases: Iterable[str] = (), *, long: int = 24) -> str:
    """A long name with an acronym among its aliases is labelled by the acronym ('SCO')."""
    if len(name) > long:
        acronyms = sorted((a for a in aliases if isinstance(a, str) and looks_like_acronym(a)), key=lambda a: (len(a), a))
        if acronyms:
            return acronyms[0]
    return name


def short_label(name: str, *, limit: int = 36) -> str:
    """Long names ('Central Asian Regional Information ... Centre ...') cut at a word, in full on hover."""
    if len(name) <= limit:
        return name
    cut = name[:limit].rsplit(" ", 1)[0].rstrip(",;:-–(")
    return (cut or name[:limit]) + "…"


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# ------------------------------------------------------------------------------------------------
# The figure


WIDTH_STEPS = (1.0, 2.0, 3.5, 5.5)


def edge_width_step(weight: float, max_weight: float) -> int:
    """Which of four line widths a tie gets: by its share of the heaviest tie, on a square-root scale."""
    if max_weight <= 1:
        return 0
    share = math.sqrt(max(weight - 1, 0) / (max_weight - 1))
    return min(len(WIDTH_STEPS) - 1, int(share * len(WIDTH_STEPS)))


def node_size(mentions: int, max_mentions: int) -> float:
    if max_mentions <= 0:
        return 14.0
    return 12.0 + 40.0 * math.sqrt(max(mentions, 0) / max_mentions)


def kinds_phrase(kinds: Mapping[str, int]) -> str:
    return ", ".join(f"{kind} {count}" for kind, count in kinds.items())


def sentences(count: int) -> str:
    return f"{count:,} sentence{'' if count == 1 else 's'}"


def network_figure(
    graph: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    *,
    colour_by: str = "type",
    labels: int = 30,
    selected: str | None = None,
    selected_edge: tuple[str, str] | None = None,
) -> go.Figure:
    """Nodes sized by mentions, shaped (and by default coloured) by type; typed ties solid and dark,
    co-occurrence dotted and grey, width by weight. Points carry ("node", id) or ("edge", a, b).

    Built as plain dicts and wrapped unvalidated, for speed (the tests validate it)."""
    traces: list[dict] = []
    max_weight = max((d["weight"] for _, _, d in graph.edges(data=True)), default=1)
    buckets: dict[tuple[bool, int], tuple[list, list]] = {}
    for a, b, d in graph.edges(data=True):
        typed = d.get("typed", 0) > 0
        xs, ys = buckets.setdefault((typed, edge_width_step(d["weight"], max_weight)), ([], []))
        (x0, y0), (x1, y1) = positions[a], positions[b]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    legend_done: set[bool] = set()
    for (typed, step), (xs, ys) in sorted(buckets.items()):
        traces.append(
            _scatter(
                x=xs, y=ys, mode="lines", hoverinfo="skip",
                line={"width": WIDTH_STEPS[step] + (0.5 if typed else 0), "color": TYPED_EDGE if typed else CO_OCCURRENCE_EDGE,
                      "dash": "solid" if typed else "dot"},
                name="Typed tie (meeting, agreement, ...)" if typed else "Same sentence (co-occurrence)",
                legendgroup="typed" if typed else "co", showlegend=typed not in legend_done,
                opacity=0.9 if typed else 0.75,
            )
        )
        legend_done.add(typed)

    if graph.number_of_edges():
        mids, hover, custom = ([], []), [], []
        for a, b, d in graph.edges(data=True):
            (x0, y0), (x1, y1) = positions[a], positions[b]
            mids[0].append((x0 + x1) / 2)
            mids[1].append((y0 + y1) / 2)
            names = f"{graph.nodes[a]['name']} — {graph.nodes[b]['name']}"
            hover.append(f"<b>{_plain(names)}</b><br>{sentences(d['sentences'])}: {kinds_phrase(d['kinds'])}<br><i>click for evidence</i>")
            custom.append(["edge", *sorted((a, b))])
        traces.append(
            _scatter(
                x=mids[0], y=mids[1], mode="markers", name="ties", showlegend=False,
                marker={"size": 12, "color": "rgba(0,0,0,0)"}, hovertext=hover, hoverinfo="text", customdata=custom,
                selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}},
            )
        )

    max_mentions = max((d["mentions"] for _, d in graph.nodes(data=True)), default=1)
    sizes = {n: node_size(graph.nodes[n]["mentions"], max_mentions) for n in graph}
    important = sorted(graph, key=lambda n: (-graph.nodes[n]["mentions"], n))
    # the five most mentioned, the focus and the selected node always carry their name
    forced = list(dict.fromkeys(
        [n for n in graph if graph.nodes[n].get("focus")] + ([selected] if selected in graph else []) + important[:5]
    ))
    candidates = forced + [n for n in important[:labels] if n not in forced]
    ranges = axis_ranges(positions)
    label_text = {n: short_label(graph.nodes[n].get("label") or graph.nodes[n]["name"]) for n in graph}
    slots = place_labels(positions, {n: label_text[n] for n in candidates}, sizes, candidates, always=forced, ranges=ranges)
    by_type: dict[str, list[str]] = {}
    for node in sorted(graph, key=lambda n: (-graph.nodes[n]["mentions"], n)):
        by_type.setdefault(graph.nodes[node]["type"], []).append(node)
    for code, nodes in sorted(by_type.items(), key=lambda item: -len(item[1])):
        style = type_style(code)
        colours = [
            style.colour if colour_by == "type" else community_colour(graph.nodes[n]["community"]) for n in nodes
        ]
        traces.append(
            _scatter(
                x=[positions[n][0] for n in nodes], y=[positions[n][1] for n in nodes],
                mode="markers+text", name=style.label,
                marker={"size": [sizes[n] for n in nodes],
                        "color": colours, "symbol": style.symbol, "line": {"width": 1.5, "color": "white"},
                        "opacity": 0.95},
                text=[_plain(label_text[n]) if slots.get(n) else "" for n in nodes],
                textposition=[slots.get(n) or "top center" for n in nodes],
                textfont={"size": 14, "color": INK, "shadow": "auto"},
                hovertext=[_node_hover(graph, n) for n in nodes], hoverinfo="text",
                customdata=[["node", n] for n in nodes],
                selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 0.95}, "textfont": {"color": INK}},
            )
        )

    ring = [n for n in (selected,) if n and n in graph]
    if ring:
        n = ring[0]
        traces.append(
            _scatter(
                x=[positions[n][0]], y=[positions[n][1]], mode="markers", hoverinfo="skip", showlegend=False,
                marker={"size": node_size(graph.nodes[n]["mentions"], max_mentions) + 14, "symbol": "circle-open",
                        "color": INK, "line": {"width": 3}},
                name="selected",
            )
        )
    if selected_edge and graph.has_edge(*selected_edge):
        (x0, y0), (x1, y1) = positions[selected_edge[0]], positions[selected_edge[1]]
        traces.append(
            _scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False, name="selected tie",
                       line={"width": 7, "color": "rgba(230,159,0,0.55)"})
        )

    fig = go.Figure({"data": traces, "layout": {}}, _validate=False)
    fig.update_xaxes(visible=False, range=list(ranges[0]) if graph else None)
    fig.update_yaxes(visible=False, range=list(ranges[1]) if graph else None)
    fig.update_layout(
        clickmode="event+select", dragmode="pan", hovermode="closest",
    )
    return fig


def _scatter(**properties) -> dict:
    return {"type": "scatter", **properties}


def _node_hover(graph: nx.Graph, node: str) -> str:
    d = graph.nodes[node]
    return (
        f"<b>{_plain(d['name'])}</b> · {type_label(d['type'])}<br>{d['mentions']:,} mentions · "
        f"{d['degree']} ties in view · community {d['community'] + 1}<br><i>click for its card</i>"
    )


def _plain(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ------------------------------------------------------------------------------------------------
# Exports


def edges_table(graph: nx.Graph) -> pd.DataFrame:
    rows = []
    for a, b, d in graph.edges(data=True):
        rows.append(
            {
                "source": a, "source_name": graph.nodes[a]["name"], "source_type": graph.nodes[a]["type"],
                "target": b, "target_name": graph.nodes[b]["name"], "target_type": graph.nodes[b]["type"],
                "weight": d["weight"], "sentences": d["sentences"], "typed": d["typed"],
                "kinds": "; ".join(f"{k}={v}" for k, v in d["kinds"].items()),
            }
        )
    columns = ["source", "source_name", "source_type", "target", "target_name", "target_type", "weight", "sentences", "typed", "kinds"]
    return pd.DataFrame(rows, columns=columns).sort_values(["weight", "source", "target"], ascending=[False, True, True], ignore_index=True)


def nodes_table(graph: nx.Graph) -> pd.DataFrame:
    rows = [
        {"id": n, "name": d["name"], "label": d.get("label", d["name"]), "type": d["type"], "mentions": d["mentions"], "degree": d["degree"],
         "strength": d["strength"], "community": d["community"] + 1}
        for n, d in graph.nodes(data=True)
    ]
    columns = ["id", "name", "label", "type", "mentions", "degree", "strength", "community"]
    return pd.DataFrame(rows, columns=columns).sort_values(["mentions", "id"], ascending=[False, True], ignore_index=True)


def graphml_bytes(graph: nx.Graph, positions: Mapping[str, tuple[float, float]] | None = None) -> bytes:
    """GraphML with scalar attributes only (GraphML has no lists or maps): kinds as 'kind=n; ...'."""
    out = nx.Graph()
    for node, d in graph.nodes(data=True):
        attrs = {"name": d["name"], "label": d.get("label", d["name"]), "type": d["type"], "mentions": int(d["mentions"]),
                 "degree": int(d["degree"]), "community": int(d["community"]) + 1}
        if positions and node in positions:
            attrs["x"], attrs["y"] = float(positions[node][0]), float(positions[node][1])
        out.add_node(node, **attrs)
    for a, b, d in graph.edges(data=True):
        out.add_edge(a, b, weight=float(d["weight"]), sentences=int(d["sentences"]), typed=int(d["typed"]),
                     kinds="; ".join(f"{k}={v}" for k, v in d["kinds"].items()))
    buffer = io.BytesIO()
    nx.write_graphml(out, buffer, encoding="utf-8")
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------------
# Streamlit: the Network page's parts

import streamlit as st  # noqa: E402  (the pure part above stays importable and testable without a page)

from components import data  # noqa: E402
from components.captions import list_phrase, md  # noqa: E402
from components.charts import finish_figure, render_downloads  # noqa: E402
from components.evidence import evidence_from_row, render_evidence  # noqa: E402

SHOW_KEY, KINDS_KEY, WEIGHT_KEY = "ng.network.show", "ng.network.kinds", "ng.network.min_weight"
NODES_KEY, DEPTH_KEY, COLOUR_KEY, STABLE_KEY = "ng.network.nodes", "ng.network.depth", "ng.network.colour", "ng.network.stable"
CHART_KEY, NODE_KEY, EDGE_KEY = "ng.network.chart", "ng.network.node", "ng.network.edge"
NODE_CHOICES = (10, 20, 30, 40, 60, 80, 100, 150, 200, 300)
DEFAULT_VIEW = NetworkView()


@dataclass
class NetworkModel:
    view: NetworkView
    graph: nx.Graph
    positions: dict
    stats: NetworkStats
    figure: go.Figure
    title: str
    caption: str


def _ints(values: list[str], choices: Iterable[int]) -> int | None:
    try:
        value = int(values[-1])
    except (ValueError, IndexError):
        return None
    allowed = list(choices)
    return value if value in allowed else None


def render_controls(page) -> NetworkView:
    """The view's own settings, above the chart; they live in the URL too (next to the filters)."""
    present = list(data.entity_types(page.store)["type"])
    # the same ties the graph is built from (not narrowed by actor), so one query serves both
    kinds_present = sorted(set(data.ties(page.store, replace(page.filters, actors=()))["kind"].unique().tolist()) | {CO_OCCURRENCE})
    default_show = ["ORG"] if "ORG" in present else present[:1]
    page.option_from_url("show", key=SHOW_KEY, default=default_show,
                         parse=lambda v: [t for t in (x.upper() for x in v) if t in present] or None)
    page.option_from_url("kinds", key=KINDS_KEY, default=[], parse=lambda v: [k for k in v if k in kinds_present] or None)
    page.option_from_url("min_weight", key=WEIGHT_KEY, default=1, parse=lambda v: _ints(v, range(1, 51)))
    page.option_from_url("nodes", key=NODES_KEY, default=DEFAULT_VIEW.max_nodes, parse=lambda v: _ints(v, NODE_CHOICES))
    page.option_from_url("depth", key=DEPTH_KEY, default=1, parse=lambda v: _ints(v, (1, 2, 3)))
    page.option_from_url("colour", key=COLOUR_KEY, default="type", parse=lambda v: v[-1] if v[-1] in ("type", "community") else None)
    page.option_from_url("stable", key=STABLE_KEY, default=True, parse=lambda v: {"1": True, "0": False}.get(v[-1]))
    page.option_from_url("node", key=NODE_KEY, default=None, parse=lambda v: v[-1])  # checked against the graph later
    st.session_state[KINDS_KEY] = [k for k in st.session_state[KINDS_KEY] if k in kinds_present]

    row = st.columns([2.2, 2.0, 1.3, 1.5, 1.0, 1.9], vertical_alignment="bottom")
    show = row[0].multiselect("Show", present, key=SHOW_KEY, format_func=lambda c: type_label(c, plural=True),
                              placeholder="Pick entity types", help="Which kinds of actors are nodes. Organizations by default.")
    kinds = row[1].multiselect("Tie kinds", kinds_present, key=KINDS_KEY, placeholder="All kinds",
                               help="Typed ties come from what the text says (meeting, agreement, membership...); "
                               "co-occurrence means named in the same sentence.")
    min_weight = row[2].number_input("Min. tie weight", min_value=1, max_value=50, step=1, key=WEIGHT_KEY,
                                     help=f"Evidence a tie needs to be drawn: each sentence naming both counts 1, "
                                     f"each sentence saying how they relate (typed) counts {TYPED_WEIGHT:g}.")
    nodes = row[3].select_slider("Nodes", options=NODE_CHOICES, key=NODES_KEY,
                                 help="The most mentioned actors (under the filters) that have a tie in view; raise it to see more.")
    depth = row[4].selectbox("Depth", (1, 2, 3), key=DEPTH_KEY, disabled=not page.filters.actors,
                             help="With actors in the filter: their neighbourhood, 1 to 3 ties away.")
    colour = row[5].segmented_control("Colour by", ("type", "community"), key=COLOUR_KEY,
                                      format_func=lambda c: c.title(), help="Community: Louvain clusters of this view.")
    stable = st.toggle("Keep positions stable across filters (so screenshots compare)", key=STABLE_KEY)
    page.keep_in_url(
        show=None if show == default_show else show,
        kinds=kinds or None,
        min_weight=None if min_weight == 1 else int(min_weight),
        nodes=None if nodes == DEFAULT_VIEW.max_nodes else nodes,
        depth=None if depth == 1 else depth,
        colour=None if colour in (None, "type") else colour,
        stable=None if stable else False,
    )
    return NetworkView(
        node_types=tuple(show), tie_kinds=tuple(kinds), min_weight=int(min_weight), depth=int(depth),
        max_nodes=int(nodes), colour_by=colour or "type",
    )


@st.cache_resource(show_spinner=False, max_entries=32)  # shared, read-only
def _pairs(path: str, version: tuple, filters) -> tuple[pd.DataFrame, dict]:
    """The ties of ``filters`` (any actor) summed per pair, and the entities' descriptions."""
    from newsgraph.store import Store

    store = Store(path)
    entities = data.entities(store, filters)
    ids = entities["id"].tolist()
    described = {
        "mentions": dict(zip(ids, entities["mentions"].tolist())),
        "names": dict(zip(ids, entities["name"].tolist())),
        "types": dict(zip(ids, entities["type"].tolist())),
        "aliases": dict(zip(ids, entities["aliases"].tolist())),
    }
    ties = data.ties(store, replace(filters, actors=()))
    return ties, pair_ties(ties, types=described["types"]), described


@st.cache_resource(show_spinner=False, max_entries=16)  # shared, read-only
def _anchor(path: str, version: tuple, node_types: tuple[str, ...]) -> dict:
    from newsgraph.filters import Filters

    ties, pairs, described = _pairs(path, version, Filters())
    return anchor_layout(ties, described["mentions"], node_types=node_types, types=described["types"], pairs=pairs)


@st.cache_resource(show_spinner=False, max_entries=32)  # shared, read-only: see components/data.py
def _graph(path: str, version: tuple, filters, view: NetworkView, stable: bool):
    # the neighbourhood needs ties beyond the focus actors, so the ties are not narrowed by actor
    ties, pairs, described = _pairs(path, version, replace(filters, actors=()))
    graph, stats = view_graph(
        ties, described["mentions"], focus=filters.actors, view=view, names=described["names"],
        types=described["types"], aliases=described["aliases"], pairs=pairs,
    )
    anchor = _anchor(path, version, view.node_types) if stable else {}
    return graph, stable_positions(graph, anchor, stable=stable), stats


def load_view(page, view: NetworkView) -> NetworkModel:
    stable = bool(st.session_state.get(STABLE_KEY, True))
    graph, positions, stats = _graph(*data.store_key(page.store), page.filters, view, stable)
    shown = list_phrase([type_label(t, plural=True).lower() for t in view.node_types], limit=4) or "actors"
    focus = [page.name_of(a) for a in page.filters.actors]
    if focus:
        title = f"Around {list_phrase(focus)}: {shown} within {view.depth} tie{'s' if view.depth > 1 else ''}"
    else:
        title = f"{shown[0].upper()}{shown[1:]} tied in the news"
    extra = [
        f"Top {stats.shown} of {stats.candidates} {shown} with ties, by mentions",
        f"Ties: {list_phrase(list(view.tie_kinds), limit=3) if view.tie_kinds else 'all kinds'}"
        + (f", weight ≥ {view.min_weight}" if view.min_weight > 1 else ""),
        "size = mentions",
        "colour = community" if view.colour_by == "community" else "colour and shape = type",
    ]
    selected = st.session_state.get(NODE_KEY)
    edge = st.session_state.get(EDGE_KEY)
    caption = page.caption(*extra)
    spec = _figure(*data.store_key(page.store), page.filters, view, stable, selected if selected in graph else None,
                   tuple(edge) if edge else None, title, caption)
    return NetworkModel(view, graph, positions, stats, go.Figure(spec, _validate=False), title, caption)


@st.cache_resource(show_spinner=False, max_entries=32)  # shared, read-only
def _figure(path: str, version: tuple, filters, view: NetworkView, stable: bool, selected: str | None,
            selected_edge: tuple[str, str] | None, title: str, caption: str) -> dict:
    # cached as a plain dict (see components/timeline.py): drawing and styling it is most of a warm rerun
    graph, positions, _ = _graph(path, version, filters, view, stable)
    figure = network_figure(graph, positions, colour_by=view.colour_by, labels=view.labels,
                            selected=selected, selected_edge=selected_edge)
    finish_figure(figure, title=title, caption=caption, height=680)
    return figure.to_dict()


def _on_pick() -> None:
    """A click on the chart: a node opens its card, a tie its evidence."""
    event = st.session_state.get(CHART_KEY) or {}
    points = (event.get("selection") or {}).get("points") or []
    for point in points:
        custom = point.get("customdata") or []
        if len(custom) >= 2 and custom[0] == "node":
            st.session_state[NODE_KEY] = custom[1]
            st.session_state[EDGE_KEY] = None
            return
        if len(custom) >= 3 and custom[0] == "edge":
            st.session_state[EDGE_KEY] = [custom[1], custom[2]]
            st.session_state[NODE_KEY] = None
            return


def render_chart(page, model: NetworkModel) -> None:
    if not model.graph.number_of_nodes():
        conditions = [f"among {list_phrase([type_label(t, plural=True).lower() for t in model.view.node_types], limit=4)}"]
        remedies = []
        if model.view.min_weight > 1:
            conditions.append(f"with a weight of at least {model.view.min_weight}")
            remedies.append("lower the minimum tie weight")
        if model.view.tie_kinds:
            conditions.append(f"of kind {list_phrase(list(model.view.tie_kinds), conjunction='or')}")
            remedies.append("allow every tie kind")
        remedies.append("show more entity types")
        st.info(md(page.empty("ties", conditions=conditions, remedies=remedies)), icon=":material/hub:")
        return
    missing = [page.name_of(a) for a in model.stats.focus_missing]
    if missing:
        st.warning(md(f"{list_phrase(missing)} {'has' if len(missing) == 1 else 'have'} no tie under these settings."))
    render_chart_figure(model)
    st.caption("Click a node for its card, a tie's midpoint for its evidence. Dotted grey: named in the same sentence; "
               "solid dark: a typed tie. The camera icon saves a slide-sized PNG.")


def render_chart_figure(model: NetworkModel) -> None:
    from components.charts import render_chart as draw

    draw(model.figure, view=model.title, key=CHART_KEY, on_select=_on_pick)


def render_exports(page, model: NetworkModel) -> None:
    if not model.graph.number_of_nodes():
        return
    render_downloads(model.figure, view=model.title, key="ng.network.download", data=lambda: edges_table(model.graph),
                     data_label="Ties (CSV)")
    row = st.container(horizontal=True, gap="small")
    row.download_button("Nodes (CSV)", data=lambda: nodes_table(model.graph).to_csv(index=False).encode("utf-8"),
                        file_name="newsgraph-network-nodes.csv", mime="text/csv", key="ng.network.nodes_csv",
                        icon=":material/table:", on_click="ignore")
    row.download_button("GraphML", data=lambda: graphml_bytes(model.graph, model.positions),
                        file_name="newsgraph-network.graphml", mime="application/graphml+xml",
                        key="ng.network.graphml", icon=":material/share:", on_click="ignore")


def render_selection(page, model: NetworkModel) -> None:
    """The node picker (also set by a click), then the node's card or the tie's evidence."""
    graph = model.graph
    if not graph.number_of_nodes():
        return
    order = sorted(graph, key=lambda n: (-graph.nodes[n]["mentions"], graph.nodes[n]["name"]))
    if st.session_state.get(NODE_KEY) not in graph:
        st.session_state[NODE_KEY] = None
    st.subheader("Details")
    picked = st.selectbox(
        "Actor", order, key=NODE_KEY, placeholder="Click a node on the chart, or pick an actor here",
        format_func=lambda n: f"{graph.nodes[n]['name']} · {type_label(graph.nodes[n]['type'])}",
        on_change=lambda: st.session_state.__setitem__(EDGE_KEY, None),
    )
    page.keep_in_url(node=picked)
    edge = st.session_state.get(EDGE_KEY)
    if picked:
        render_node_card(page, model, picked)
    elif edge and graph.has_edge(*edge):
        render_tie_card(page, model, tuple(edge))


def render_node_card(page, model: NetworkModel, node: str) -> None:
    from components.frame import filter_by_actor, page_path

    graph = model.graph
    attrs = graph.nodes[node]
    record = data.entity(page.store, node) or {}
    st.markdown(f"#### {md(attrs['name'])}")
    st.caption(f"{type_label(attrs['type'])} · {attrs['mentions']:,} mentions under the filters · "
               f"{attrs['degree']} ties in this view · community {attrs['community'] + 1}")
    raw_aliases = record.get("aliases") if record else None
    aliases = [a for a in (list(raw_aliases) if raw_aliases is not None else []) if a and a != attrs["name"]]
    if len(aliases):
        st.markdown("**Also called:** " + md(", ".join(aliases)))
    roles = record.get("roles") if record else None
    if roles is not None and len(roles):
        st.markdown("**Roles:** " + md("; ".join(
            f"{r.role}{', ' + r.org_name if isinstance(r.org_name, str) and r.org_name else ''}" for r in roles.itertuples()
        )))
    buttons = st.container(horizontal=True, gap="small")
    buttons.button(f"Filter the whole app by {md(attrs['name'])}", icon=":material/filter_alt:", type="primary",
                   on_click=filter_by_actor, args=(node,), key=f"ng.network.only.{node}")
    if node not in page.filters.actors and page.filters.actors:
        buttons.button("Add to the filter", icon=":material/add:", on_click=filter_by_actor, args=(node,),
                       kwargs={"only": False}, key=f"ng.network.add.{node}")
    params = {**page.link_params(), "actor": [node]}
    buttons.page_link(page_path("Timeline"), label="Its events", icon=":material/timeline:", query_params=params)
    buttons.page_link(page_path("Quotes"), label="Its quotes", icon=":material/format_quote:", query_params=params)

    ties = sorted(graph.edges(node, data=True), key=lambda e: (-e[2]["weight"], graph.nodes[e[1]]["name"]))
    if not ties:
        st.caption("No ties in this view.")
        return
    st.markdown(f"**Ties in this view** ({len(ties)}; the 8 heaviest with their evidence)")
    pairs = [tuple(sorted((a, b))) for a, b, _ in ties[:8]]
    evidence = data.tie_evidence(page.store, page.filters, pairs, per_pair=3)
    texts = data.article_texts(page.store, list(evidence["article_id"]))
    for (a, b, d), pair in zip(ties[:8], pairs):
        other = b if a == node else a
        label = f"{graph.nodes[other]['name']} · {sentences(d['sentences'])} ({kinds_phrase(d['kinds'])})"
        with st.expander(md(label)):
            _render_pair_evidence(evidence, pair, texts, emphasis=_emphasis(graph, node, other))


def render_tie_card(page, model: NetworkModel, edge: tuple[str, str]) -> None:
    from components.frame import filter_by_actor

    graph = model.graph
    a, b = sorted(edge)
    d = graph.edges[a, b]
    names = graph.nodes[a]["name"], graph.nodes[b]["name"]
    st.markdown(f"#### {md(names[0])} — {md(names[1])}")
    st.caption(f"{sentences(d['sentences'])} of evidence: {kinds_phrase(d['kinds'])} · weight {d['weight']:g}")
    buttons = st.container(horizontal=True, gap="small")
    for node in (a, b):
        buttons.button(f"Filter the app by {md(graph.nodes[node]['name'])}", icon=":material/filter_alt:",
                       on_click=filter_by_actor, args=(node,), key=f"ng.network.tie.only.{node}")
    evidence = data.tie_evidence(page.store, page.filters, [(a, b)], per_pair=8)
    texts = data.article_texts(page.store, list(evidence["article_id"]))
    _render_pair_evidence(evidence, (a, b), texts, emphasis=_emphasis(graph, a, b))


def evidence_by_sentence(rows: pd.DataFrame) -> list[tuple[dict, list[str]]]:
    """One entry per sentence with every kind it gave (a sentence can be both an agreement and a
    cooperation), in the order the rows came."""
    grouped: dict[tuple, tuple[dict, list[str]]] = {}
    for row in rows.to_dict("records"):
        key = (row["article_id"], row["sentence_start"], row["sentence_end"])
        label = "same sentence" if row["kind"] == CO_OCCURRENCE else row["kind"]
        entry = grouped.setdefault(key, (row, []))
        if label not in entry[1]:
            entry[1].append(label)
    return list(grouped.values())


def _emphasis(graph: nx.Graph, *nodes: str) -> tuple[str, ...]:
    terms: list[str] = []
    for node in nodes:
        attrs = graph.nodes[node]
        terms += [attrs["name"], attrs.get("label") or ""]
        record_aliases = attrs.get("aliases") or ()
        terms += [a for a in record_aliases if isinstance(a, str) and len(a) > 1]
    return tuple(t for t in dict.fromkeys(terms) if t)


def _render_pair_evidence(evidence, pair: tuple[str, str], texts: dict[str, str], *, emphasis: tuple[str, ...]) -> None:
    rows = evidence[(evidence["pair_source"] == pair[0]) & (evidence["pair_target"] == pair[1])]
    if rows.empty:
        st.caption("No sentence under the current date range.")
        return
    for row, kinds in evidence_by_sentence(rows):
        item = evidence_from_row(row, kind=", ".join(kinds))
        render_evidence(item, text=texts.get(row["article_id"]), emphasis=emphasis)
    total = int(rows["evidence"].iloc[0])
    if total > len(rows):
        st.caption(f"and {sentences(total - len(rows))} more; `python -m newsgraph export` writes every one.")


def render_tables(model: NetworkModel) -> None:
    if not model.graph.number_of_nodes():
        return
    with st.expander(f"Nodes and ties in this view (tables: {model.graph.number_of_nodes()} nodes, {model.graph.number_of_edges()} ties)"):
        st.dataframe(nodes_table(model.graph), hide_index=True, width="stretch")
        st.dataframe(edges_table(model.graph), hide_index=True, width="stretch")
