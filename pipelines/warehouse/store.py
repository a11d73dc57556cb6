"""Writing tables into DuckDB: typed, commented, replaced whole inside one transaction."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from .schema import Table


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN … COMMIT, rolled back on any error (and the error kept: a failed COMMIT has already
    ended the transaction, so its ROLLBACK would fail and hide why)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_sql(table: Table) -> str:
    """The table's DDL. Its key is not declared PRIMARY KEY (see schema.Table.key): writes check it."""
    cols = ", ".join(f'"{c.name}" {c.type}' for c in table.columns)
    return f'CREATE OR REPLACE TABLE "{table.name}" ({cols})'


def comment_sql(table: Table) -> list[str]:
    """Descriptions are our own constants, never data, so they may sit in the SQL text."""
    out = [f'COMMENT ON TABLE "{table.name}" IS {_quote(table.description)}']
    out += [f'COMMENT ON COLUMN "{table.name}"."{c.name}" IS {_quote(c.description)}' for c in table.columns]
    return out


_POLARS_TYPES = {"VARCHAR": pl.Utf8, "INTEGER": pl.Int32, "BIGINT": pl.Int64, "DOUBLE": pl.Float64,
                 "DATE": pl.Date, "TIMESTAMP": pl.Datetime("us"), "BOOLEAN": pl.Boolean,
                 "JSON": pl.Utf8}  # JSON text; DuckDB casts it on insert


def polars_schema(table: Table) -> dict:
    """The table's columns as polars types: frames built with it match the DDL exactly."""
    return {c.name: _POLARS_TYPES[c.type] for c in table.columns}


def facts_frame(table: Table, rows: list[tuple]) -> pl.DataFrame:
    """The table from rows in its column order (assets.facts.fact_rows gives them so)."""
    return pl.DataFrame(rows, schema=polars_schema(table), orient="row")


def conform(table: Table, frame: pl.DataFrame) -> pl.DataFrame:
    """Exactly the table's columns, in order; a missing column is an error, not a silent NULL."""
    missing = [c for c in table.column_names if c not in frame.columns]
    if missing:
        raise ValueError(f"{table.name}: frame lacks columns {missing}")
    return frame.select(table.column_names)


def replace_table(con: duckdb.DuckDBPyConnection, table: Table, frame: pl.DataFrame) -> int:
    """Replace `table` with `frame` atomically: readers see the old rows or the new, never half."""
    frame = conform(table, frame)
    with transaction(con):
        con.execute(create_sql(table))
        insert_frame(con, table, frame)
        _check_keys(con, table, frame)
        for stmt in comment_sql(table):
            con.execute(stmt)
    return frame.height


class KeyViolationError(ValueError):
    """A write would leave two rows of a table with the same key, or a row without one: it is rolled back."""


def _check_keys(con: duckdb.DuckDBPyConnection, table: Table, frame: pl.DataFrame) -> None:
    """Run inside the writing transaction, after `frame` went in: its key columns hold no NULL (what
    PRIMARY KEY refused too; a join on the key never sees one), and no key of it is now held twice."""
    if not table.key or frame.is_empty():
        return
    missing = {c: n for c, n in zip(table.key, frame.select(table.key).null_count().row(0)) if n}
    if missing:
        shown = ", ".join(f"{c} in {n} row(s)" for c, n in missing.items())
        raise KeyViolationError(f"{table.name}: key column NULL ({shown}): nothing was written")
    cols = ", ".join(f'"{c}"' for c in table.key)
    con.register("_incoming_keys", frame.select(table.key).to_arrow())
    try:
        repeated = con.execute(f'SELECT {cols} FROM "{table.name}" SEMI JOIN _incoming_keys USING ({cols}) '
                               "GROUP BY ALL HAVING count(*) > 1 ORDER BY ALL LIMIT 5").fetchall()
    finally:
        con.unregister("_incoming_keys")
    if repeated:
        shown = ", ".join(":".join(str(v) for v in key) for key in repeated)
        raise KeyViolationError(f"{table.name}: {'+'.join(table.key)} would repeat for {shown} (an id given twice "
                                "in this write, or one that rows of another file hold already): nothing was written")


def insert_frame(con: duckdb.DuckDBPyConnection, table: Table, frame: pl.DataFrame) -> None:
    """Append `frame` (already conformed) to `table` through Arrow, column by column name."""
    cols = ", ".join(f'"{c}"' for c in table.column_names)
    con.register("_incoming", frame.to_arrow())
    try:
        con.execute(f'INSERT INTO "{table.name}" ({cols}) SELECT {cols} FROM _incoming')
    finally:
        con.unregister("_incoming")


def ensure_tables(con: duckdb.DuckDBPyConnection, tables: list[Table]) -> None:
    """Create each table (with its comments) that is missing; a stored table of another shape is an error.

    One catalog query for all of them: DuckDB answers each in about 5 ms, a tenth of adding one file."""
    names = [t.name for t in tables]
    stored = dict(con.execute(
        "SELECT table_name, list(column_name ORDER BY column_index) FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND list_contains($names, table_name) GROUP BY table_name", {"names": names}).fetchall())
    keyed = {r[0] for r in con.execute(
        "SELECT DISTINCT table_name FROM duckdb_constraints() WHERE schema_name = 'main' "
        "AND constraint_type = 'PRIMARY KEY' AND list_contains($names, table_name)", {"names": names}).fetchall()}
    for table in tables:
        found = stored.get(table.name)
        if found == table.column_names:
            if table.name in keyed:
                _drop_primary_key(con, table)
            continue
        if found and set(found) < set(table.column_names):
            _add_columns(con, table, found)
            continue
        if found:
            raise RuntimeError(f"table {table.name} in the warehouse has columns {found}, the contract says "
                               f"{table.column_names}: rebuild it (delete the warehouse file, then make run)")
        con.execute(create_sql(table))
        for stmt in comment_sql(table):
            con.execute(stmt)


def _add_columns(con: duckdb.DuckDBPyConnection, table: Table, found: list[str]) -> None:
    """A warehouse written by an older version lacks columns added since (documents.source_record):
    copy the table once into the contract's shape, the new columns NULL, rows and comments kept."""
    name = table.name
    cols = ", ".join(f'"{c.name}"' if c.name in found else f'CAST(NULL AS {c.type}) AS "{c.name}"' for c in table.columns)
    con.execute(f'CREATE TABLE "{name}__migrated" AS SELECT {cols} FROM "{name}"')
    con.execute(f'DROP TABLE "{name}"')
    con.execute(f'ALTER TABLE "{name}__migrated" RENAME TO "{name}"')
    for stmt in comment_sql(table):
        con.execute(stmt)


def _drop_primary_key(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    """A warehouse written by an older version declared keys PRIMARY KEY: copy such a table once
    into one without (DuckDB cannot drop the constraint), its rows and comments the same."""
    name, cols = table.name, ", ".join(f'"{c}"' for c in table.column_names)
    con.execute(f'CREATE TABLE "{name}__without_key" AS SELECT {cols} FROM "{name}"')
    con.execute(f'DROP TABLE "{name}"')
    con.execute(f'ALTER TABLE "{name}__without_key" RENAME TO "{name}"')
    for stmt in comment_sql(table):
        con.execute(stmt)


def replace_rows(con: duckdb.DuckDBPyConnection, tables: dict[Table, pl.DataFrame], owned: str,
                 params: dict) -> dict[str, int]:
    """Replace the rows a step owns in each table, in one transaction: delete, then insert.

    `owned` is a WHERE clause (our own text, values only as named `params`) that selects the
    rows this step wrote last time; re-running the step therefore never duplicates a row, and a
    reader sees every table before or every table after. Returns rows inserted per table.
    """
    inserted = {}
    with transaction(con):
        ensure_tables(con, list(tables))
        for table, frame in tables.items():
            frame = conform(table, frame)
            used = {k: v for k, v in params.items() if f"${k}" in owned}
            con.execute(f'DELETE FROM "{table.name}" WHERE {owned}', used)
            insert_frame(con, table, frame)
            _check_keys(con, table, frame)
            inserted[table.name] = frame.height
    return inserted


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}


def prune_files(con: duckdb.DuckDBPyConnection, tables: list[Table], present: list[str]) -> dict[str, int]:
    """Delete, in one transaction, every row that came from a file not in `present`.

    Tables with a `source_file` column lose that file's rows; then tables with a `doc_id` column
    (other than documents) lose rows whose document is gone. Returns rows deleted per table.
    """
    stored = existing_tables(con)
    by_file = [t for t in tables if t.name in stored and "source_file" in t.column_names]
    by_doc = [t for t in tables if t.name in stored and t.name != "documents" and "doc_id" in t.column_names]
    deleted = {}
    with transaction(con):
        for t in by_file:
            (n,) = con.execute(f'DELETE FROM "{t.name}" WHERE NOT list_contains($present, source_file)',
                               {"present": present}).fetchone()
            deleted[t.name] = n
        if "documents" in stored:
            for t in by_doc:
                (n,) = con.execute(f'DELETE FROM "{t.name}" WHERE doc_id NOT IN (SELECT doc_id FROM documents)'
                                   ).fetchone()
                deleted[t.name] = n
    return deleted


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


def publish(con: duckdb.DuckDBPyConnection, working: Path, published: Path) -> int:
    """Swap a consistent copy of the working file in as the published warehouse; returns its size.

    `con` is a read-write connection to `working`: it holds DuckDB's exclusive lock, so no step
    can write while the file is copied after a CHECKPOINT. The copy lands with one rename:
    readers see the old file or the new one, never a half-written one.
    """
    con.execute("CHECKPOINT")
    _atomic_copy(working, published)
    return published.stat().st_size
