"""Writing tables into DuckDB: typed, commented, replaced whole inside one transaction."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import polars as pl
from dagster_duckdb import DuckDBResource

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


_POLARS_TYPES = {"VARCHAR": pl.Utf8, "INTEGER": pl.Int32, "BIGINT": pl.Int64, "DOUBLE": pl.Float64,
                 "DATE": pl.Date, "TIMESTAMP": pl.Datetime("us"), "BOOLEAN": pl.Boolean}


def polars_schema(table: Table) -> dict:
    """The table's columns as polars types: frames built with it match the DDL exactly."""
    return {c.name: _POLARS_TYPES[c.type] for c in table.columns}


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


def working_copy_of(published: Path) -> Path:
    """Where runs write: .building/<name> beside the published warehouse."""
    return published.parent / ".building" / published.name


def _atomic_copy(source: Path, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(source, tmp)
    with open(tmp, "rb") as f:
        os.fsync(f.fileno())
    os.replace(tmp, target)


def ensure_working_copy(published: Path, working: Path) -> None:
    """Start the working copy from the published warehouse (or empty) the first time it is needed."""
    if working.exists():
        return
    working.parent.mkdir(parents=True, exist_ok=True)
    if published.exists():
        _atomic_copy(published, working)


def publish(working: Path, published: Path) -> int:
    """Swap a consistent copy of the working file in as the published warehouse; returns its size.

    The copy is taken while holding a read-write connection (DuckDB's exclusive lock, so no step
    can write meanwhile) after a CHECKPOINT, and lands with one rename: readers see the old file
    or the new one, never a half-written one.
    """
    with DuckDBResource(database=str(working)).get_connection() as con:  # retries while a step holds the lock
        con.execute("CHECKPOINT")
        _atomic_copy(working, published)
    return published.stat().st_size
