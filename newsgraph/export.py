"""Export the store as the CLI contract's five tables (json, csv or parquet)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from newsgraph.store import Store

FORMATS = ("json", "csv", "parquet")

# The contract's fields come first, in this order; more may follow.
EXPORT_QUERIES: dict[str, str] = {
    "articles": """
        SELECT id, title, strftime(published, '%Y-%m-%d') AS published, source, words, license, origin
        FROM articles ORDER BY published NULLS LAST, id
    """,
    "entities": """
        SELECT id, name, type, aliases, mentions, articles FROM entities ORDER BY id
    """,
    "relations": """
        SELECT s.entity_id AS source, t.entity_id AS target, r.kind, r.article_id, r.sentence, r.cue, r.id
        FROM relations r
        JOIN entity_map s ON s.article_id = r.article_id AND s.local_id = r.source_local
        JOIN entity_map t ON t.article_id = r.article_id AND t.local_id = r.target_local
        WHERE s.entity_id <> t.entity_id
        ORDER BY r.article_id, r.id
    """,
    "events": """
        SELECT ev.id, ev.article_id, ev.date, ev.precision, ev.date_text, ev.summary, ev.sentence,
               coalesce(list(DISTINCT m.entity_id ORDER BY m.entity_id) FILTER (WHERE m.entity_id IS NOT NULL), [])
                   AS actors,
               strftime(ev.date_start, '%Y-%m-%d') AS date_start, strftime(ev.date_end, '%Y-%m-%d') AS date_end
        FROM events ev
        LEFT JOIN event_actors ea ON ea.event_id = ev.id
        LEFT JOIN entity_map m ON m.article_id = ea.article_id AND m.local_id = ea.local_id
        GROUP BY ALL ORDER BY ev.article_id, ev.id
    """,
    "quotes": """
        SELECT q.id, q.article_id, q.kind, coalesce(e.name, q.speaker) AS speaker, m.entity_id AS speaker_id,
               q.cue, q.text, q.sentence
        FROM quotes q
        LEFT JOIN entity_map m ON m.article_id = q.article_id AND m.local_id = q.speaker_local
        LEFT JOIN entities e ON e.id = m.entity_id
        ORDER BY q.article_id, q.id
    """,
}


def export_tables(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    return {name: con.execute(sql).df() for name, sql in EXPORT_QUERIES.items()}


def export(store: Store, out: Path, fmt: str = "json") -> list[Path]:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with store.read() as con:
        for name, sql in EXPORT_QUERIES.items():
            path = out / f"{name}.{fmt}"
            if fmt == "json":
                frame = con.execute(sql).df()
                records = json.loads(frame.to_json(orient="records", force_ascii=False))
                path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            elif fmt == "csv":
                frame = con.execute(sql).df()
                for column in frame.columns:
                    if frame[column].map(lambda v: isinstance(v, (list, tuple)) or hasattr(v, "tolist")).any():
                        frame[column] = frame[column].map(lambda v: "|".join(list(v)) if v is not None else "")
                frame.to_csv(path, index=False)
            else:
                con.execute(f"COPY ({sql}) TO '{_sql_string(path)}' (FORMAT parquet)")
            written.append(path)
    return written


def _sql_string(path: Path) -> str:
    return str(path).replace("'", "''")
