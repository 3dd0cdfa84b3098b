"""Read queries over the store. Each takes a connection and a ``Filters`` value.

Aggregation happens in DuckDB; Python only shapes the result. Filter semantics, shared by every page:

- date range: an article counts when its publication date is in the range (an undated article
  only when no range is set); an event counts when its own date overlaps the range;
- actors: relations touching any of them, events with any of them as an actor, quotes spoken by
  any of them, articles mentioning any of them;
- types: only entities of those types take part (as nodes, actors, speakers are not filtered).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from newsgraph.filters import Filters


@dataclass(frozen=True)
class Clause:
    sql: str
    params: tuple

    @staticmethod
    def all(*clauses: "Clause") -> "Clause":
        parts = [c for c in clauses if c.sql]
        if not parts:
            return Clause("TRUE", ())
        return Clause(" AND ".join(f"({c.sql})" for c in parts), tuple(p for c in parts for p in c.params))


def article_date_clause(filters: Filters, column: str = "a.published") -> Clause:
    parts, params = [], []
    if filters.date_from is not None:
        parts.append(f"{column} >= ?")
        params.append(filters.date_from)
    if filters.date_to is not None:
        parts.append(f"{column} <= ?")
        params.append(filters.date_to)
    return Clause(" AND ".join(parts), tuple(params))


def overlap_clause(filters: Filters, start: str, end: str) -> Clause:
    parts, params = [], []
    if filters.date_from is not None:
        parts.append(f"{end} >= ?")
        params.append(filters.date_from)
    if filters.date_to is not None:
        parts.append(f"{start} <= ?")
        params.append(filters.date_to)
    return Clause(" AND ".join(parts), tuple(params))


def in_clause(column: str, values: tuple[str, ...]) -> Clause:
    if not values:
        return Clause("", ())
    return Clause(f"{column} IN ({', '.join('?' for _ in values)})", tuple(values))


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: tuple = ()) -> pd.DataFrame:
    return con.execute(sql, list(params)).df()


# --------------------------------------------------------------------------------------------
# Corpus


def summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    where = Clause.all(article_date_clause(filters), _article_mentions_actors(filters))
    row = con.execute(
        f"""
        SELECT count(*), min(published), max(published), count(*) FILTER (WHERE published IS NULL),
               coalesce(sum(words), 0)
        FROM articles a WHERE {where.sql}
        """,
        list(where.params),
    ).fetchone()
    models = [r[0] for r in con.execute("SELECT DISTINCT model FROM articles WHERE model IS NOT NULL ORDER BY 1").fetchall()]
    return {
        "articles": row[0],
        "first": row[1],
        "last": row[2],
        "undated": row[3],
        "words": int(row[4]),
        "models": models,
    }


COUNTED = ("articles", "actors", "relations", "events", "quotes")


def counts(
    con: duckdb.DuckDBPyConnection, filters: Filters, *, only: tuple[str, ...] = COUNTED
) -> dict[str, int]:
    """Row counts of ``articles``, ``entities`` (actors), ``relations``, ``events``, ``quotes`` under the
    same filters, counted in SQL; ``only`` skips the ones a caller does not show."""
    counters = {
        "articles": lambda: summary(con, filters)["articles"],
        "actors": lambda: _count_actors(con, filters),
        "relations": lambda: _count_relations(con, filters),
        "events": lambda: _count_events(con, filters),
        "quotes": lambda: quote_count(con, filters),
    }
    return {name: counters[name]() for name in COUNTED if name in only}


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: tuple) -> int:
    return int(con.execute(sql, list(params)).fetchone()[0])


def _count_actors(con: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    where = Clause.all(article_date_clause(filters), in_clause("e.type", filters.types))
    return _scalar(
        con,
        f"""SELECT count(DISTINCT m.entity_id) FROM entity_map m JOIN entities e ON e.id = m.entity_id
            JOIN articles a ON a.id = m.article_id WHERE {where.sql}""",
        where.params,
    )


def _count_relations(con: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    types = Clause.all(in_clause("se.type", filters.types), in_clause("te.type", filters.types))
    where = Clause.all(article_date_clause(filters), _relation_actor_clause(filters), types if filters.types else Clause("", ()))
    return _scalar(
        con,
        f"""SELECT count(*) FROM relations r
            JOIN entity_map s ON s.article_id = r.article_id AND s.local_id = r.source_local
            JOIN entity_map t ON t.article_id = r.article_id AND t.local_id = r.target_local
            JOIN entities se ON se.id = s.entity_id JOIN entities te ON te.id = t.entity_id
            JOIN articles a ON a.id = r.article_id
            WHERE s.entity_id <> t.entity_id AND {where.sql}""",
        where.params,
    )


def _count_events(con: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    where = _event_clause(filters)
    return _scalar(con, f"SELECT count(*) FROM events ev JOIN articles a ON a.id = ev.article_id WHERE {where.sql}", where.params)


def _article_mentions_actors(filters: Filters, article: str = "a.id") -> Clause:
    if not filters.actors:
        return Clause("", ())
    actor_list = in_clause("m.entity_id", filters.actors)
    return Clause(f"{article} IN (SELECT m.article_id FROM entity_map m WHERE {actor_list.sql})", actor_list.params)


def articles(con: duckdb.DuckDBPyConnection, filters: Filters, search: str | None = None) -> pd.DataFrame:
    search_clause = Clause("", ())
    if search:
        search_clause = Clause("(a.title ILIKE ? OR a.text ILIKE ?)", (f"%{search}%", f"%{search}%"))
    where = Clause.all(article_date_clause(filters), _article_mentions_actors(filters), search_clause)
    return _frame(
        con,
        f"""
        SELECT a.id, a.title, a.published, a.source, a.license, a.words,
               (SELECT count(DISTINCT m.entity_id) FROM entity_map m WHERE m.article_id = a.id) AS actors,
               (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes
        FROM articles a WHERE {where.sql}
        ORDER BY a.published DESC NULLS LAST, a.title
        """,
        where.params,
    )


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict | None:
    frame = _frame(con, "SELECT * FROM articles WHERE id = ?", (article_id,))
    return None if frame.empty else frame.iloc[0].to_dict()


def article_mentions(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    return _frame(
        con,
        """
        SELECT mn.start, mn."end", mn.text, e.id AS entity_id, e.name, e.type
        FROM mentions mn
        JOIN entity_map m ON m.article_id = mn.article_id AND m.local_id = mn.local_id
        JOIN entities e ON e.id = m.entity_id
        WHERE mn.article_id = ? ORDER BY mn.start
        """,
        (article_id,),
    )


def article_events(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    """The events of one article in text order; columns of ``events``."""
    return _events_frame(con, Clause("ev.article_id = ?", (article_id,)), order="ev.sentence_start, ev.id")


def article_quotes(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    """The quotes of one article in text order; columns of ``quotes``."""
    return _frame(
        con,
        f"""
        SELECT q.id, q.article_id, q.kind, coalesce(e.name, q.speaker) AS speaker, m.entity_id AS speaker_id,
               q.cue, q.text, q.text_start, q.text_end, q.sentence, q.sentence_start, q.sentence_end,
               a.title AS article_title, a.published, a.source AS article_source
        {_QUOTE_FROM}
        WHERE q.article_id = ?
        ORDER BY q.sentence_start, q.text_start, q.id
        """,
        (article_id,),
    )


def entity_local_names(con: duckdb.DuckDBPyConnection, entity_id: str) -> pd.DataFrame:
    """The names an entity was found under (name, articles, mentions), most used first: what a split can move."""
    return _frame(
        con,
        """
        SELECT le.name, count(DISTINCT m.article_id)::INTEGER AS articles, sum(le.mentions)::INTEGER AS mentions
        FROM entity_map m JOIN local_entities le ON le.article_id = m.article_id AND le.local_id = m.local_id
        WHERE m.entity_id = ?
        GROUP BY le.name ORDER BY articles DESC, mentions DESC, le.name
        """,
        (entity_id,),
    )


def entity_articles(con: duckdb.DuckDBPyConnection, entity_id: str) -> pd.DataFrame:
    """The articles that mention an entity (id, title, published), newest first."""
    return _frame(
        con,
        """
        SELECT a.id, a.title, a.published
        FROM articles a WHERE a.id IN (SELECT article_id FROM entity_map WHERE entity_id = ?)
        ORDER BY a.published DESC NULLS LAST, a.title, a.id
        """,
        (entity_id,),
    )


# --------------------------------------------------------------------------------------------
# Entities


def entities(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Entities mentioned in the filtered articles, with mentions and articles under the filters."""
    where = Clause.all(article_date_clause(filters), in_clause("e.type", filters.types))
    return _frame(
        con,
        f"""
        SELECT e.id, e.name, e.type, e.aliases,
               sum(le.mentions)::INTEGER AS mentions, count(DISTINCT a.id)::INTEGER AS articles
        FROM entities e
        JOIN entity_map m ON m.entity_id = e.id
        JOIN local_entities le ON le.article_id = m.article_id AND le.local_id = m.local_id
        JOIN articles a ON a.id = m.article_id
        WHERE {where.sql}
        GROUP BY ALL
        ORDER BY mentions DESC, e.name
        """,
        where.params,
    )


def entity(con: duckdb.DuckDBPyConnection, entity_id: str) -> dict | None:
    frame = _frame(con, "SELECT * FROM entities WHERE id = ?", (entity_id,))
    if frame.empty:
        return None
    result = frame.iloc[0].to_dict()
    result["roles"] = _frame(
        con,
        """
        SELECT r.role, r.org_id, coalesce(o.name, r.org_name) AS org_name, count(*)::INTEGER AS articles
        FROM entity_roles r LEFT JOIN entities o ON o.id = r.org_id
        WHERE r.entity_id = ? GROUP BY ALL ORDER BY articles DESC, r.role
        """,
        (entity_id,),
    )
    return result


def entity_roles(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _frame(
        con,
        """
        SELECT r.entity_id, r.role, coalesce(o.name, r.org_name) AS org_name, count(*)::INTEGER AS articles
        FROM entity_roles r LEFT JOIN entities o ON o.id = r.org_id
        GROUP BY ALL ORDER BY r.entity_id, articles DESC
        """,
    )


# --------------------------------------------------------------------------------------------
# Relations, events, quotes


def relations(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """One row per piece of evidence, in canonical entity ids, with its article."""
    actors = Clause("", ())
    if filters.actors:
        src, tgt = in_clause("s.entity_id", filters.actors), in_clause("t.entity_id", filters.actors)
        actors = Clause(f"{src.sql} OR {tgt.sql}", src.params + tgt.params)
    types = Clause.all(in_clause("se.type", filters.types), in_clause("te.type", filters.types))
    where = Clause.all(article_date_clause(filters), actors, types if filters.types else Clause("", ()))
    return _frame(
        con,
        f"""
        SELECT r.id, s.entity_id AS source, t.entity_id AS target, se.name AS source_name,
               te.name AS target_name, se.type AS source_type, te.type AS target_type,
               r.kind, r.cue, r.sentence, r.sentence_start, r.sentence_end, r.article_id,
               a.title AS article_title, a.published, a.source AS article_source
        FROM relations r
        JOIN entity_map s ON s.article_id = r.article_id AND s.local_id = r.source_local
        JOIN entity_map t ON t.article_id = r.article_id AND t.local_id = r.target_local
        JOIN entities se ON se.id = s.entity_id
        JOIN entities te ON te.id = t.entity_id
        JOIN articles a ON a.id = r.article_id
        WHERE s.entity_id <> t.entity_id AND {where.sql}
        ORDER BY a.published NULLS LAST, r.id
        """,
        where.params,
    )


def _event_clause(filters: Filters) -> Clause:
    """The WHERE of ``events``: the event's own dates overlap the range; any of the actors takes part."""
    actor_filter = Clause("", ())
    if filters.actors:
        inner = in_clause("m.entity_id", filters.actors)
        actor_filter = Clause(
            f"""ev.id IN (SELECT ea.event_id FROM event_actors ea JOIN entity_map m
                ON m.article_id = ea.article_id AND m.local_id = ea.local_id WHERE {inner.sql})""",
            inner.params,
        )
    return Clause.all(overlap_clause(filters, "ev.date_start", "ev.date_end"), actor_filter)


def _events_frame(con: duckdb.DuckDBPyConnection, where: Clause, *, choose: str = "", order: str = "ev.date_start, ev.id") -> pd.DataFrame:
    # Actors are listed per event before the join, so the wide event rows are never grouped
    # (2-3x faster at thousands of events than grouping the joined rows).
    return _frame(
        con,
        f"""
        WITH chosen AS (SELECT ev.* FROM events ev WHERE {where.sql} {choose}),
        actors AS (
            SELECT ea.event_id AS id,
                   list(DISTINCT m.entity_id ORDER BY m.entity_id) AS actors,
                   list(DISTINCT e.name ORDER BY e.name) AS actor_names
            FROM event_actors ea
            JOIN entity_map m ON m.article_id = ea.article_id AND m.local_id = ea.local_id
            JOIN entities e ON e.id = m.entity_id
            WHERE ea.event_id IN (SELECT id FROM chosen)
            GROUP BY ea.event_id
        )
        SELECT ev.id, ev.article_id, ev.date, ev.date_start, ev.date_end, ev.precision, ev.date_text,
               ev.summary, ev.sentence, ev.sentence_start, ev.sentence_end,
               a.title AS article_title, a.published, a.source AS article_source,
               coalesce(x.actors, []) AS actors, coalesce(x.actor_names, []) AS actor_names
        FROM chosen ev
        JOIN articles a ON a.id = ev.article_id
        LEFT JOIN actors x ON x.id = ev.id
        ORDER BY {order}
        """,
        where.params,
    )


def events(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    return _events_frame(con, _event_clause(filters))


def latest_events(
    con: duckdb.DuckDBPyConnection, filters: Filters, *, until: date | None = None, limit: int = 10
) -> pd.DataFrame:
    """The ``limit`` events that end last (starting on or before ``until``), latest first; columns of ``events``."""
    where = Clause.all(_event_clause(filters), Clause("ev.date_start <= ?", (until,)) if until else Clause("", ()))
    latest = "ev.date_end DESC, ev.date_start DESC, ev.id"
    return _events_frame(con, where, choose=f"ORDER BY {latest} LIMIT {int(limit)}", order=latest)


def quotes(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    search: str | None = None,
    speakers: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    where = _quote_clause(filters, search=search, speakers=speakers, kinds=kinds)
    page = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    return _frame(
        con,
        f"""
        SELECT q.id, q.article_id, q.kind, coalesce(e.name, q.speaker) AS speaker, m.entity_id AS speaker_id,
               q.cue, q.text, q.text_start, q.text_end, q.sentence, q.sentence_start, q.sentence_end,
               a.title AS article_title, a.published, a.source AS article_source
        {_QUOTE_FROM}
        WHERE {where.sql}
        ORDER BY a.published DESC NULLS LAST, q.article_id, q.sentence_start, q.id
        {page}
        """,
        where.params,
    )


# --------------------------------------------------------------------------------------------
# Aggregates for the app: computed in DuckDB so a page stays quick at thousands of articles.


def _relation_actor_clause(filters: Filters) -> Clause:
    if not filters.actors:
        return Clause("", ())
    src, tgt = in_clause("s.entity_id", filters.actors), in_clause("t.entity_id", filters.actors)
    return Clause(f"{src.sql} OR {tgt.sql}", src.params + tgt.params)


def ties(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Relations aggregated per unordered pair and kind, same filters as ``relations``.

    Columns: source, target (entity ids, source < target), kind, weight (pieces of evidence), in no
    particular order. Names and types are not repeated on every row (at 5,000 articles that doubles
    the cost of the query): take them from ``entities`` or ``entity_names``.
    """
    pair_where = Clause.all(article_date_clause(filters), _relation_actor_clause(filters))
    joins = []
    # The articles join costs a third of the query; only a date range needs it.
    if filters.has_dates:
        joins.append("JOIN articles a ON a.id = r.article_id")
    if filters.types:
        joins += ["JOIN entities se ON se.id = s.entity_id", "JOIN entities te ON te.id = t.entity_id"]
        pair_where = Clause.all(pair_where, in_clause("se.type", filters.types), in_clause("te.type", filters.types))
    return _frame(
        con,
        f"""
        SELECT least(s.entity_id, t.entity_id) AS source, greatest(s.entity_id, t.entity_id) AS target,
               r.kind, count(*)::INTEGER AS weight
        FROM relations r
        JOIN entity_map s ON s.article_id = r.article_id AND s.local_id = r.source_local
        JOIN entity_map t ON t.article_id = r.article_id AND t.local_id = r.target_local
        {' '.join(joins)}
        WHERE s.entity_id <> t.entity_id AND {pair_where.sql}
        GROUP BY ALL
        """,
        pair_where.params,
    )


def tie_evidence(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    pairs: list[tuple[str, str]],
    *,
    per_pair: int = 5,
) -> pd.DataFrame:
    """The sentences behind ties between the given entity pairs (either direction), typed ties first.

    At most ``per_pair`` rows per pair; ``evidence`` counts all of them. Only the date range applies:
    the pair itself is the actor selection.
    """
    if not pairs:
        return pd.DataFrame(
            columns=["pair_source", "pair_target", "id", "kind", "cue", "sentence", "sentence_start",
                     "sentence_end", "article_id", "article_title", "published", "article_source", "evidence"]
        )
    wanted = list(dict.fromkeys((min(a, b), max(a, b)) for a, b in pairs))
    values = ", ".join("(?, ?)" for _ in wanted)
    where = article_date_clause(filters)
    return _frame(
        con,
        f"""
        WITH wanted_pairs(pair_source, pair_target) AS (VALUES {values}),
        hits AS (
            SELECT w.pair_source, w.pair_target, r.id, r.kind, r.cue, r.sentence, r.sentence_start,
                   r.sentence_end, r.article_id, a.title AS article_title, a.published,
                   a.source AS article_source
            FROM relations r
            JOIN entity_map s ON s.article_id = r.article_id AND s.local_id = r.source_local
            JOIN entity_map t ON t.article_id = r.article_id AND t.local_id = r.target_local
            JOIN wanted_pairs w ON w.pair_source = least(s.entity_id, t.entity_id)
                               AND w.pair_target = greatest(s.entity_id, t.entity_id)
            JOIN articles a ON a.id = r.article_id
            WHERE s.entity_id <> t.entity_id
              -- narrowing both ends first lets DuckDB skip most of the relations table
              AND s.entity_id IN (SELECT pair_source FROM wanted_pairs UNION SELECT pair_target FROM wanted_pairs)
              AND t.entity_id IN (SELECT pair_source FROM wanted_pairs UNION SELECT pair_target FROM wanted_pairs)
              {('AND ' + where.sql) if where.sql else ''}
        ),
        ranked AS (
            SELECT *, count(*) OVER (PARTITION BY pair_source, pair_target)::INTEGER AS evidence,
                   row_number() OVER (
                       PARTITION BY pair_source, pair_target
                       ORDER BY (kind = 'co-occurrence'), published DESC NULLS LAST, id
                   ) AS rank
            FROM hits
        )
        SELECT * EXCLUDE (rank) FROM ranked WHERE rank <= ?
        ORDER BY pair_source, pair_target, rank
        """,
        tuple(v for pair in wanted for v in pair) + where.params + (int(per_pair),),
    )


def _quote_clause(
    filters: Filters, *, search: str | None, speakers: tuple[str, ...], kinds: tuple[str, ...]
) -> Clause:
    """The WHERE of ``quotes`` (same semantics), for counting and aggregating without the rows."""
    search_clause = Clause("", ())
    if search:
        search_clause = Clause("(q.text ILIKE ? OR q.sentence ILIKE ?)", (f"%{search}%", f"%{search}%"))
    return Clause.all(
        article_date_clause(filters),
        in_clause("m.entity_id", filters.actors),
        in_clause("m.entity_id", speakers),
        in_clause("q.kind", kinds),
        search_clause,
    )


_QUOTE_FROM = """
    FROM quotes q
    JOIN articles a ON a.id = q.article_id
    LEFT JOIN entity_map m ON m.article_id = q.article_id AND m.local_id = q.speaker_local
    LEFT JOIN entities e ON e.id = m.entity_id
"""


def quote_count(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    search: str | None = None,
    speakers: tuple[str, ...] = (),
    kinds: tuple[str, ...] = (),
) -> int:
    where = _quote_clause(filters, search=search, speakers=speakers, kinds=kinds)
    return int(con.execute(f"SELECT count(*) {_QUOTE_FROM} WHERE {where.sql}", list(where.params)).fetchone()[0])


def quote_speakers(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    *,
    search: str | None = None,
    kinds: tuple[str, ...] = (),
    limit: int | None = None,
) -> pd.DataFrame:
    """Who is quoted, most first: speaker_id (null when unresolved), speaker, type, direct, reported, quotes."""
    where = _quote_clause(filters, search=search, speakers=(), kinds=kinds)
    page = f"LIMIT {int(limit)}" if limit is not None else ""
    return _frame(
        con,
        f"""
        SELECT m.entity_id AS speaker_id, coalesce(e.name, q.speaker, '(unattributed)') AS speaker,
               e.type AS type,
               count(*) FILTER (WHERE q.kind = 'direct')::INTEGER AS direct,
               count(*) FILTER (WHERE q.kind <> 'direct')::INTEGER AS reported,
               count(*)::INTEGER AS quotes
        {_QUOTE_FROM}
        WHERE {where.sql}
        GROUP BY ALL
        ORDER BY quotes DESC, speaker
        {page}
        """,
        where.params,
    )


def article_texts(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> dict[str, str]:
    """Full texts of a few articles (for context paragraphs), by id."""
    if not article_ids:
        return {}
    ids = in_clause("id", tuple(dict.fromkeys(article_ids)))
    return dict(con.execute(f"SELECT id, text FROM articles WHERE {ids.sql}", list(ids.params)).fetchall())


def roles_of(con: duckdb.DuckDBPyConnection, entity_ids: list[str]) -> pd.DataFrame:
    """Roles of the given entities (entity_id, role, org_name, articles), most attested first."""
    if not entity_ids:
        return pd.DataFrame(columns=["entity_id", "role", "org_name", "articles"])
    ids = in_clause("r.entity_id", tuple(dict.fromkeys(entity_ids)))
    return _frame(
        con,
        f"""
        SELECT r.entity_id, r.role, coalesce(o.name, r.org_name) AS org_name, count(*)::INTEGER AS articles
        FROM entity_roles r LEFT JOIN entities o ON o.id = r.org_id
        WHERE {ids.sql}
        GROUP BY ALL ORDER BY r.entity_id, articles DESC, r.role
        """,
        ids.params,
    )


def entity_names(con: duckdb.DuckDBPyConnection, entity_ids: list[str]) -> pd.DataFrame:
    """id, name, type, mentions, articles of the given entities (whole corpus)."""
    if not entity_ids:
        return pd.DataFrame(columns=["id", "name", "type", "mentions", "articles"])
    ids = in_clause("id", tuple(dict.fromkeys(entity_ids)))
    return _frame(con, f"SELECT id, name, type, mentions, articles FROM entities WHERE {ids.sql}", ids.params)


def entity_types(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Entity types in the store with how many entities each has."""
    return _frame(con, "SELECT type, count(*)::INTEGER AS entities FROM entities GROUP BY ALL ORDER BY entities DESC, type")


def top_entities(con: duckdb.DuckDBPyConnection, *, limit: int = 2000) -> pd.DataFrame:
    """The most mentioned entities of the whole store (id, name, type, mentions, articles), for pickers."""
    return _frame(
        con,
        "SELECT id, name, type, mentions, articles FROM entities ORDER BY mentions DESC, name, id LIMIT ?",
        (int(limit),),
    )
