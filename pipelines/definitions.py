"""The Dagster code location: assets and resources assembled; no logic here."""
from __future__ import annotations

from functools import lru_cache

import dagster as dg

from . import config
from .defs.asset_checks import asset_checks
from .defs.assets import charts, dimensions, documents, export, facts, ingest, marts, publish
from .defs.executor import executor
from .defs.jobs import ingest_files_job as ingest_files_job_def
from .defs.jobs import refresh_all_job as refresh_all_job_def
from .defs.jobs import refresh_marts_job
from .defs.resources import dbt_resource, warehouse_resource
from .defs.schedules import daily_marts_refresh
from .defs.sensors import seeds_folder_sensor

config.apply_dagster_env()  # also in the run worker and daemon processes that load this module

all_assets = dg.load_assets_from_modules([ingest, dimensions, documents, facts, marts, charts, publish, export])


def build_defs() -> dg.Definitions:
    """The definitions, with the warehouse path and executor read from the environment now."""
    return dg.Definitions(
        assets=all_assets,
        asset_checks=asset_checks,
        jobs=[refresh_all_job_def, ingest_files_job_def, refresh_marts_job],
        schedules=[daily_marts_refresh],
        sensors=[seeds_folder_sensor],
        resources={"duckdb": warehouse_resource(), "dbt": dbt_resource(marts.project)},
        # In process by default (a subprocess per step costs ~7 s here); GOVREPORTS_EXECUTOR=multiprocess
        # runs a process per step, two at a time (pipelines/defs/executor.py).
        executor=executor(),
    )


defs = build_defs()


# For dg.reconstructable (pipelines/run.py): each process that runs a step rebuilds the job
# from the environment, so they must be functions of an importable module.
def refresh_all_job() -> dg.JobDefinition:
    return _job(refresh_all_job_def.name, *config.settings())


def ingest_files_job() -> dg.JobDefinition:
    return _job(ingest_files_job_def.name, *config.settings())


@lru_cache(maxsize=8)
def _job(name: str, *settings: str) -> dg.JobDefinition:
    """Dagster asks for the job three times a run (50 ms each): built once per job and settings."""
    return build_defs().resolve_job_def(name)
