"""Which Dagster executor runs the steps: GOVREPORTS_EXECUTOR (read in pipelines/config.py).

GOVREPORTS_EXECUTOR=in_process    (default) every step in the run's own process: no start-up cost per step
GOVREPORTS_EXECUTOR=multiprocess  a process per step, at most two at once

Steps that write the DuckDB file take its lock in turn: DuckDBResource retries a locked file
for about 100 s, so two concurrent steps wait for each other instead of failing.
"""
from __future__ import annotations

import dagster as dg

from .. import config

MAX_CONCURRENT = 2
# Imported once by the forkserver, so each step's process starts with them loaded instead of
# importing them again (~10 s for the definitions, ~10 s more for great-expectations in a check).
PRELOAD = ("pipelines.definitions", "great_expectations")


def executor() -> dg.ExecutorDefinition:
    if config.executor_name() == "multiprocess":
        return dg.multiprocess_executor.configured({
            "max_concurrent": MAX_CONCURRENT,
            "start_method": {"forkserver": {"preload_modules": list(PRELOAD)}},
        }, name="multiprocess")
    return dg.in_process_executor
