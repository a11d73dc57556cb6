"""Dagster assets, one module per layer: ingest (files → text), documents, dimensions, facts, marts
(the dbt project), charts (reports), publish and export. Wiring only; logic lives in pipelines.extract,
pipelines.warehouse and pipelines.checks."""
