"""The store's read connections: usable for any work once the schema check is done."""

from __future__ import annotations

import pyarrow as pa


def test_a_read_connection_can_register_a_table(sample_store):
    # DuckDB 2 refuses other work on a connection while a result is not read to its end; the
    # schema check must leave none open, or register() on a read connection raises.
    with sample_store.read() as con:
        con.register("wanted", pa.table({"id": ["no-such-article"]}))
        rows = con.execute("SELECT count(*) FROM articles WHERE id IN (SELECT id FROM wanted)").fetchall()
        con.unregister("wanted")
    assert rows == [(0,)]
