"""Resources: the DuckDB warehouse, at the path config.py gives."""
from __future__ import annotations

from dagster_duckdb import DuckDBResource

from . import config


def warehouse_resource() -> DuckDBResource:
    path = config.warehouse_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return DuckDBResource(database=str(path))
