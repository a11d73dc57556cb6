"""Helpers shared by the integration tests: run the graph into a DuckDB file, query it."""
from __future__ import annotations

import dagster as dg
import duckdb
import pytest
from dagster_duckdb import DuckDBResource


def materialize_into(db_path, monkeypatch, seeds, instance=None, **kwargs):
    """Every asset (no checks unless given) over every file of `seeds` into `db_path`, in process.

    As `make run` does: the instance's partitions are made the folder's files, then one run covers them all.
    """
    from pipelines.definitions import all_assets
    from pipelines.partitions import all_files_tags, sync_source_files

    monkeypatch.setenv("GOVREPORTS_SEEDS", str(seeds))
    instance = instance or dg.DagsterInstance.ephemeral()
    keys, _, _ = sync_source_files(instance, seeds)
    resources = kwargs.pop("resources", None) or {"duckdb": DuckDBResource(database=str(db_path))}
    result = dg.materialize(kwargs.pop("assets", all_assets), instance=instance, tags=all_files_tags(keys),
                            resources=resources, **kwargs)
    if kwargs.get("raise_on_error", True):
        assert result.success
    return result


def query(db, sql, params=None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def build_warehouse(db_path, seeds):
    """materialize_into for session- and module-scoped fixtures, which have no monkeypatch of their own."""
    mp = pytest.MonkeyPatch()
    try:
        materialize_into(db_path, mp, seeds)
    finally:
        mp.undo()
    return db_path
