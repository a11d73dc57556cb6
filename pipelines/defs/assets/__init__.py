"""Dagster assets by layer: ingest, documents, dimensions. Wiring only; logic lives in pipelines.extract."""
