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


def counts(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, int]:
    return {
        "articles": summary(con, filters)["articles"],
        "actors": len(entities(con, filters)),
        "relations": len(relations(con, filters)),
        "events": len(events(con, filters)),
        "quotes": len(quotes(con, filters)),
    }


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


def events(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    actor_filter = Clause("", ())
    if filters.actors:
        inner = in_clause("m.entity_id", filters.actors)
        actor_filter = Clause(
            f"""ev.id IN (SELECT ea.event_id FROM event_actors ea JOIN entity_map m
                ON m.article_id = ea.article_id AND m.local_id = ea.local_id WHERE {inner.sql})""",
            inner.params,
        )
    where = Clause.all(overlap_clause(filters, "ev.date_start", "ev.date_end"), actor_filter)
    return _frame(
        con,
        f"""
        SELECT ev.id, ev.article_id, ev.date, ev.date_start, ev.date_end, ev.precision, ev.date_text,
               ev.summary, ev.sentence, ev.sentence_start, ev.sentence_end,
               a.title AS article_title, a.published, a.source AS article_source,
               coalesce(list(DISTINCT m.entity_id ORDER BY m.entity_id) FILTER (WHERE m.entity_id IS NOT NULL), []) AS actors,
               coalesce(list(DISTINCT e.name ORDER BY e.name) FILTER (WHERE e.name IS NOT NULL), []) AS actor_names
        FROM events ev
        JOIN articles a ON a.id = ev.article_id
        LEFT JOIN event_actors ea ON ea.event_id = ev.id
        LEFT JOIN entity_map m ON m.article_id = ea.article_id AND m.local_id = ea.local_id
        LEFT JOIN entities e ON e.id = m.entity_id
        WHERE {where.sql}
        GROUP BY ALL
        ORDER BY ev.date_start, ev.id
        """,
        where.params,
    )


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
    search_clause = Clause("", ())
    if search:
        search_clause = Clause("(q.text ILIKE ? OR q.sentence ILIKE ?)", (f"%{search}%", f"%{search}%"))
    where = Clause.all(
        article_date_clause(filters),
        in_clause("m.entity_id", filters.actors),
        in_clause("m.entity_id", speakers),
        in_clause("q.kind", kinds),
        search_clause,
    )
    page = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    return _frame(
        con,
        f"""
        SELECT q.id, q.article_id, q.kind, coalesce(e.name, q.speaker) AS speaker, m.entity_id AS speaker_id,
               q.cue, q.text, q.text_start, q.text_end, q.sentence, q.sentence_start, q.sentence_end,
               a.title AS article_title, a.published, a.source AS article_source
        FROM quotes q
        JOIN articles a ON a.id = q.article_id
        LEFT JOIN entity_map m ON m.article_id = q.article_id AND m.local_id = q.speaker_local
        LEFT JOIN entities e ON e.id = m.entity_id
        WHERE {where.sql}
        ORDER BY a.published DESC NULLS LAST, q.article_id, q.sentence_start, q.id
        {page}
        """,
        where.params,
    )
