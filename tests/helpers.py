"""Helpers shared by the integration tests: run the graph into a DuckDB file, query it."""
from __future__ import annotations

import dagster as dg
import duckdb
import pytest
from dagster_duckdb import DuckDBResource


# What tests of reading and extraction need: every asset up to the facts and dimensions. The marts
# (two dbt processes, ~10 s of CPU here) and what reads them (charts, publish, export) are left out.
WITHOUT_MARTS = dg.AssetSelection.all() - dg.AssetSelection.groups("marts").downstream()


def materialize_into(db_path, monkeypatch, seeds, instance=None, **kwargs):
    """Every asset (no checks unless given) over every file of `seeds` into `db_path`, in process.

    As `make run` does: the instance's partitions are made the folder's files, then one run covers them all.
    `selection=WITHOUT_MARTS` stops before the marts.
    """
    from pipelines.definitions import all_assets
    from pipelines.defs.partitions import all_files_tags, sync_source_files

    monkeypatch.setenv("GOVREPORTS_SEEDS", str(seeds))
    instance = instance or dg.DagsterInstance.ephemeral()
    keys, _, _ = sync_source_files(instance, seeds)
    resources = {"dbt": dbt(), **(kwargs.pop("resources", None) or {"duckdb": DuckDBResource(database=str(db_path))})}
    result = dg.materialize(kwargs.pop("assets", all_assets), instance=instance, tags=all_files_tags(keys),
                            resources=resources, **kwargs)
    if kwargs.get("raise_on_error", True):
        assert result.success
    return result


def dbt():
    """The dbt resource of the code location (the marts' dbt project)."""
    from pipelines.defs.assets import marts
    from pipelines.defs.resources import dbt_resource

    return dbt_resource(marts.project)


def build_marts(db, *names, duckdb=None, also=(), raise_on_error=True):
    """`dbt build` of the named marts (and their tests) into `db` through their Dagster assets, in process.

    `duckdb` replaces the plain DuckDBResource on `db` (a WarehouseResource publishes); `also` adds
    assets (warehouse_published). Returns the run's result."""
    from pipelines.defs.assets import marts

    selection = [dg.AssetKey(["marts", n]) for n in names] + [a.key for a in also]
    result = dg.materialize([*marts.mart_assets, *marts.external_assets, *also], selection=selection,
                            resources={"duckdb": duckdb or DuckDBResource(database=str(db)), "dbt": dbt()},
                            raise_on_error=False)
    if raise_on_error:
        assert result.success, [e.message for e in result.all_events if e.is_failure]
    return result


def query(db, sql, params=None):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def build_warehouse(db_path, seeds, marts=True):
    """materialize_into for session- and module-scoped fixtures, which have no monkeypatch of their own."""
    mp = pytest.MonkeyPatch()
    try:
        materialize_into(db_path, mp, seeds, **({} if marts else {"selection": WITHOUT_MARTS}))
    finally:
        mp.undo()
    return db_path
