"""The Dagster wiring: what pipelines/definitions.py assembles into the code location.

    assets/           the assets, by layer: ingest, documents, dimensions, facts, marts, charts, publish, export
    asset_checks.py   each quality suite of pipelines/checks/ as a Dagster asset check
    jobs.py, schedules.py, sensors.py, partitions.py   what runs when, over which files
    resources.py      the DuckDB warehouse (through its working copy) and dbt
    executor.py       in-process or multiprocess steps (GOVREPORTS_EXECUTOR)
    dbt_models.py     the marts' dbt project: its executable, its manifest (no Dagster import)
    parallel.py       a step's documents mapped over forked worker processes (no Dagster import)

May import anything of pipelines/ except definitions.py, run.py and dev.py, which import it; nothing
outside defs/ imports defs/ but those three (tests/unit/test_import_graph.py holds it to that).
"""
