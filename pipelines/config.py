"""Every path the pipeline uses, from environment variables with repo-relative defaults.

GOVREPORTS_SEEDS      folder of input files           (default: seeds/)
GOVREPORTS_WAREHOUSE  the DuckDB file                 (default: warehouse/govreports.duckdb)
DAGSTER_HOME          Dagster's instance folder       (default: dagster_home/)
"""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _path(var: str, default: str) -> Path:
    value = os.environ.get(var, "").strip()
    path = Path(value).expanduser() if value else REPO_ROOT / default
    return path if path.is_absolute() else (Path.cwd() / path)


def seeds_dir() -> Path:
    return _path("GOVREPORTS_SEEDS", "seeds")


def warehouse_path() -> Path:
    return _path("GOVREPORTS_WAREHOUSE", "warehouse/govreports.duckdb")


def dagster_home() -> Path:
    return _path("DAGSTER_HOME", "dagster_home")
