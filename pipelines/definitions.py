"""The Dagster code location: assets and resources assembled; no logic here."""
from __future__ import annotations

import dagster as dg

from .assets import dimensions, documents, facts, ingest
from .checks.asset_checks import asset_checks
from .resources import warehouse_resource

all_assets = dg.load_assets_from_modules([ingest, dimensions, documents, facts])

defs = dg.Definitions(
    assets=all_assets,
    asset_checks=asset_checks,
    resources={"duckdb": warehouse_resource()},
    # A subprocess per step costs ~7 s here; the graph is small enough to run in one process.
    executor=dg.in_process_executor,
)
