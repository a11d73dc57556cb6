"""Team mode: the published warehouse is a DuckLake (catalog in Postgres, Parquet files under a path).

Its settings, read in pipelines/config.py:

    GOVREPORTS_DUCKLAKE_CATALOG   Postgres URL of the DuckLake catalog; set, it turns team mode on
    GOVREPORTS_DUCKLAKE_DATA      where the Parquet files go (default: ducklake/ beside GOVREPORTS_WAREHOUSE)
    GOVREPORTS_PUBLISH_WAIT       seconds a publish waits for another run's publish (default 600)

Write, audit, publish: a run still writes its embedded working copy (warehouse/.building/), its
checks run on that, and the last asset, `warehouse_published`, copies every table of the working
copy into the DuckLake in ONE transaction, so one snapshot. A reader on another connection sees the
previous snapshot, whole, until that commit; every earlier snapshot stays queryable
(`AT (VERSION => n)`) and can be restored. A failed blocking check skips the publish: the lake is
untouched.

Several writers: publishes hold a Postgres advisory lock on the catalog; a second one waits for it
(GOVREPORTS_PUBLISH_WAIT seconds), then fails clearly. A run whose working copy started from a
snapshot that is no longer the current one (another machine published since) refuses to publish
instead of overwriting that publish: nothing is lost, the run is simply run again, its working copy
then starting from the current snapshot.

    python -m pipelines.warehouse.team snapshots            the lake's snapshots
    python -m pipelines.warehouse.team export FILE [-v N]   the current snapshot (or version N) as a .duckdb file
    python -m pipelines.warehouse.team restore N            publish version N again, as a new snapshot

The DuckDB extensions come from their PyPI wheels (duckdb-extension-ducklake, -postgres) and are
installed from the files inside them; nothing is downloaded at run time.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .. import config
from .store import transaction

LAKE = "govreports_lake"
META = f"__ducklake_metadata_{LAKE}"
# pg_advisory_lock key of the publish: any bigint, the same in every process of every machine.
LOCK_KEY = 0x676F767265706F72  # "govrepor"


class TeamError(RuntimeError):
    """Team mode could not publish, export or restore; the message says why and what to do."""


class PublishBusyError(TeamError):
    """Another run held the publish lock for longer than GOVREPORTS_PUBLISH_WAIT."""


class StaleWorkingCopyError(TeamError):
    """The lake moved on since this run's working copy was taken from it."""


def enabled() -> bool:
    return config.ducklake_catalog_url() is not None


def redact(text: str) -> str:
    """`text` without any password of a Postgres URL or libpq string (error messages may echo them)."""
    text = re.sub(r"(postgres(?:ql)?://[^:/@\s]+:)[^@\s]+@", r"\1***@", text)
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", text, flags=re.I)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def extension_file(name: str) -> Path:
    """The .duckdb_extension file inside the PyPI wheel duckdb-extension-<name>, for this DuckDB."""
    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or not spec.submodule_search_locations:
        raise TeamError(f"the package duckdb-extension-{name} is not installed (it is in uv.lock: make venv)")
    folder = Path(next(iter(spec.submodule_search_locations))) / "extensions" / f"v{duckdb.__version__}"
    found = sorted(folder.glob("*.duckdb_extension"))
    if not found:
        raise TeamError(f"duckdb-extension-{name} has no extension for DuckDB {duckdb.__version__} "
                        f"(looked in {folder}): the extension wheels and duckdb must have the same version")
    return found[0]


def load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("SET autoinstall_known_extensions = false")
    for name, loaded_as in (("postgres", "postgres_scanner"), ("ducklake", "ducklake")):
        con.execute(f"INSTALL {_literal(str(extension_file(name)))}")
        con.execute(f"LOAD {loaded_as}")


def attach(con: duckdb.DuckDBPyConnection, url: str | None = None, data: str | None = None) -> None:
    """Attach the lake to `con` as LAKE (created on first use); its data files as Parquet, not inlined."""
    url = url or config.ducklake_catalog_url()
    if not url:
        raise TeamError(f"{config.DUCKLAKE_CATALOG_VAR} is not set: team mode needs the Postgres URL of the DuckLake catalog")
    load_extensions(con)
    try:
        con.execute(f"ATTACH {_literal('ducklake:postgres:' + url)} AS {LAKE} "
                    f"(DATA_PATH {_literal(data or config.ducklake_data_path())}, DATA_INLINING_ROW_LIMIT 0)")
    except duckdb.Error as exc:
        raise TeamError("cannot attach the DuckLake: " + redact(str(exc))) from None


@contextmanager
def lake(url: str | None = None, data: str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB connection with the lake attached."""
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        attach(con, url, data)
        yield con
    finally:
        con.close()


def current_snapshot(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute(f"SELECT max(snapshot_id) FROM {LAKE}.snapshots()").fetchone()[0]


def snapshots(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(f"SELECT snapshot_id, snapshot_time, changes FROM {LAKE}.snapshots() ORDER BY 1").fetchall()


def tables_at(con: duckdb.DuckDBPyConnection, version: int | None = None) -> list[tuple[str, str]]:
    """The lake's tables as (schema, table) as of `version` (default: now)."""
    version = current_snapshot(con) if version is None else version
    return [tuple(r) for r in con.execute(
        f"SELECT s.schema_name, t.table_name FROM {META}.ducklake_table t JOIN {META}.ducklake_schema s USING (schema_id) "
        "WHERE t.begin_snapshot <= $v AND (t.end_snapshot IS NULL OR t.end_snapshot > $v) "
        "AND s.begin_snapshot <= $v AND (s.end_snapshot IS NULL OR s.end_snapshot > $v) ORDER BY ALL",
        {"v": version}).fetchall()]


def _name(db: str, table: tuple[str, str]) -> str:
    return f"{_ident(db)}.{_ident(table[0])}.{_ident(table[1])}"


def _copy_tables(con: duckdb.DuckDBPyConnection, source: str, target: str, tables: list[tuple[str, str]],
                 version: int | None = None, replace: bool = True) -> None:
    """Each table of `source` (as of `version`, a lake snapshot) into `target`, same schema and name."""
    at = "" if version is None else f" AT (VERSION => {int(version)})"
    for schema in sorted({t[0] for t in tables}):
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {_ident(target)}.{_ident(schema)}")
    verb = "CREATE OR REPLACE TABLE" if replace else "CREATE TABLE"
    for table in tables:
        con.execute(f"{verb} {_name(target, table)} AS SELECT * FROM {_name(source, table)}{at}")


@contextmanager
def publish_lock(url: str | None = None, wait: float | None = None) -> Iterator[None]:
    """The publish lock: a Postgres advisory lock on the catalog's database, held by this session."""
    import psycopg2  # dagster-postgres brings it

    url = url or config.ducklake_catalog_url()
    wait = config.publish_wait() if wait is None else wait
    try:
        pg = psycopg2.connect(url)
    except psycopg2.Error as exc:
        raise TeamError("cannot reach the DuckLake catalog's Postgres: " + redact(str(exc))) from None
    pg.autocommit = True
    try:
        deadline = time.monotonic() + wait
        with pg.cursor() as cur:
            while True:
                cur.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,))
                if cur.fetchone()[0]:
                    break
                if time.monotonic() >= deadline:
                    raise PublishBusyError(
                        f"another run is publishing to the team warehouse and still held the publish lock after "
                        f"{wait:.0f} s ({config.PUBLISH_WAIT_VAR}): nothing was published; the lake holds that run's snapshot "
                        "or the one before it, whole. Run again.")
                time.sleep(0.2)
        try:
            yield
        finally:
            with pg.cursor() as cur:
                cur.execute("SELECT pg_advisory_unlock(%s)", (LOCK_KEY,))
    finally:
        pg.close()


# --- the working copy's link to the lake: which snapshot it was taken from, and whether it changed since


@dataclass
class WorkingState:
    base: int | None  # the lake snapshot the working copy equals or started from
    clean: bool       # True: the working copy equals that snapshot (nothing written since)


def _state_file(working: Path) -> Path:
    return working.with_name(working.name + ".team.json")


def read_state(working: Path) -> WorkingState | None:
    try:
        data = json.loads(_state_file(working).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return WorkingState(base=data.get("base"), clean=bool(data.get("clean")))


def write_state(working: Path, state: WorkingState) -> None:
    target = _state_file(working)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"base": state.base, "clean": state.clean}), encoding="utf-8")
    os.replace(tmp, target)


def ensure_working_copy(working: Path) -> None:
    """Before a step writes: the working copy starts from the lake's current snapshot.

    A working copy with changes not yet published is kept (its run publishes it, or is refused
    if the lake moved on). One that equals a snapshot the lake has since moved past, or whose
    publish was refused, is replaced by the current snapshot. Then it is marked as changed, until
    the publish. Steps in processes of their own (multiprocess executor) take turns here."""
    import fcntl

    working.parent.mkdir(parents=True, exist_ok=True)
    with open(working.with_name(working.name + ".team.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        state = read_state(working)
        if state is not None and not state.clean and working.exists():
            return
        with lake() as con:
            current = current_snapshot(con)
            has_tables = bool(tables_at(con, current))
            if has_tables and (not working.exists() or state is None or state.base != current):
                _export(con, working, current)
        base = current if (has_tables or state is None) else state.base
        write_state(working, WorkingState(base=base, clean=False))


def _working_tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    return [tuple(r) for r in con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY ALL"
    ).fetchall()]


def publish(con: duckdb.DuckDBPyConnection, working: Path, before_commit: Callable[[], None] | None = None) -> int:
    """Copy every table of the working copy (`con`, read-write) into the lake in one transaction.

    Returns the new snapshot's id. Under the publish lock; refused when the lake's current snapshot
    is not the one the working copy started from. `before_commit` (tests) runs with every table
    written and the transaction still open."""
    state = read_state(working)
    source = con.execute("SELECT current_database()").fetchone()[0]
    tables = _working_tables(con)
    with publish_lock():
        attach(con)
        try:
            current = current_snapshot(con)
            if state is not None and state.base is not None and state.base != current and tables_at(con, current):
                # the next run starts its working copy afresh from the current snapshot
                write_state(working, WorkingState(base=state.base, clean=True))
                raise StaleWorkingCopyError(
                    f"the team warehouse moved on while this run worked: it is at snapshot {current}, this run "
                    f"started from snapshot {state.base}. Nothing was published (publishing would drop what "
                    "that run added). Run again: the working copy then starts from the current snapshot.")
            stale = set(tables_at(con, current)) - set(tables)
            with transaction(con):
                _copy_tables(con, source, LAKE, tables)
                for table in sorted(stale):
                    con.execute(f"DROP TABLE {_name(LAKE, table)}")
                if before_commit is not None:
                    before_commit()
            snapshot = current_snapshot(con)
        finally:
            con.execute(f"USE {_ident(source)}")
            con.execute(f"DETACH {LAKE}")
    write_state(working, WorkingState(base=snapshot, clean=True))
    return snapshot


def _export(con: duckdb.DuckDBPyConnection, out: Path, version: int) -> None:
    """The lake as of `version` into a new DuckDB file `out` (replaced with one rename)."""
    tmp = out.with_name(f".{out.name}.{os.getpid()}.export")
    tmp.unlink(missing_ok=True)
    alias = "govreports_export"
    con.execute(f"ATTACH {_literal(str(tmp))} AS {alias}")
    try:
        _copy_tables(con, LAKE, alias, tables_at(con, version), version, replace=False)
    finally:
        con.execute(f"DETACH {alias}")
    Path(f"{out}.wal").unlink(missing_ok=True)  # a log of the file replaced must not be replayed on this one
    os.replace(tmp, out)


def export(out: Path, version: int | None = None) -> int:
    """The current snapshot (or `version`) as a DuckDB file that score.py, the CLI or `make sql` open."""
    with lake() as con:
        version = current_snapshot(con) if version is None else version
        out.parent.mkdir(parents=True, exist_ok=True)
        _export(con, out, version)
    return version


def restore(version: int) -> int:
    """Publish `version` again: every table as it was then, in one new snapshot. Returns its id."""
    with publish_lock(), lake() as con:
        if version not in {s[0] for s in snapshots(con)}:
            raise TeamError(f"the lake has no snapshot {version}")
        then, now = tables_at(con, version), tables_at(con, None)
        con.execute("BEGIN TRANSACTION")
        _copy_tables(con, LAKE, LAKE, then, version)
        for table in sorted(set(now) - set(then)):
            con.execute(f"DROP TABLE {_name(LAKE, table)}")
        con.execute("COMMIT")
        return current_snapshot(con)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("snapshots", help="list the lake's snapshots")
    ex = sub.add_parser("export", help="the current snapshot (or -v N) as a .duckdb file")
    ex.add_argument("file", type=Path)
    ex.add_argument("-v", "--version", type=int)
    rs = sub.add_parser("restore", help="publish snapshot N again, as a new snapshot")
    rs.add_argument("version", type=int)
    args = ap.parse_args(argv)
    try:
        if args.command == "snapshots":
            with lake() as con:
                for snap, when, changes in snapshots(con):
                    print(f"{snap}\t{when:%Y-%m-%d %H:%M:%S%z}\t{json.dumps(changes, ensure_ascii=False, default=str)}")
        elif args.command == "export":
            version = export(args.file, args.version)
            print(f"snapshot {version} written to {args.file}")
        else:
            print(f"snapshot {args.version} restored as snapshot {restore(args.version)}")
    except (TeamError, duckdb.Error) as exc:
        print(f"error: {redact(str(exc))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
