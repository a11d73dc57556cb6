"""The DuckDB side, without Dagster: the warehouse's tables and how they are written, read and shipped.

    schema.py   the table contract as data: tables, types, keys, descriptions
    store.py    a polars frame written as a typed, commented table in one transaction; the working copy
    summary.py  the run summary read back from the tables
    export.py   `python -m pipelines.warehouse.export` (make export): Parquet, CSV, dictionary, Stata panel
    team.py     team mode: publish into a DuckLake; `python -m pipelines.warehouse.team` for its snapshots

Imports no Dagster (tests/unit/test_import_graph.py holds it to that) and nothing of pipelines/defs/;
of the rest of pipelines/ only config.py and, for the export's code lists, checks/suites.py.
Import the modules themselves (`from pipelines.warehouse.store import replace_rows`): this file
re-exports nothing.
"""
