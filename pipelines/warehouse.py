"""Writing tables into DuckDB: typed, commented, replaced whole inside one transaction."""
from __future__ import annotations

import duckdb
import polars as pl

from .schema import Table


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_sql(table: Table) -> str:
    cols = [f'"{c.name}" {c.type}' for c in table.columns]
    if table.primary_key:
        cols.append("PRIMARY KEY (" + ", ".join(table.primary_key) + ")")
    return f'CREATE OR REPLACE TABLE "{table.name}" (' + ", ".join(cols) + ")"


def comment_sql(table: Table) -> list[str]:
    """Descriptions are our own constants, never data, so they may sit in the SQL text."""
    out = [f'COMMENT ON TABLE "{table.name}" IS {_quote(table.description)}']
    out += [f'COMMENT ON COLUMN "{table.name}"."{c.name}" IS {_quote(c.description)}' for c in table.columns]
    return out


def conform(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """Exactly the table's columns, in order; a missing column is an error, not a silent NULL."""
    missing = [c for c in table.column_names if c not in frame.columns]
    if missing:
        raise ValueError(f"{table.name}: frame lacks columns {missing}")
    return frame.select(table.column_names)


def replace_table(con: duckdb.DuckDBPyConnection, table: Table, frame: pl.DataFrame) -> int:
    """Replace `table` with `frame` atomically: readers see the old rows or the new, never half."""
    frame = conform(table, frame)
    cols = ", ".join(f'"{c}"' for c in table.column_names)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(create_sql(table))
        con.register("_incoming", frame.to_arrow())
        con.execute(f'INSERT INTO "{table.name}" ({cols}) SELECT {cols} FROM _incoming')
        con.unregister("_incoming")
        for stmt in comment_sql(table):
            con.execute(stmt)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return frame.height
