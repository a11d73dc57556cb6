"""Data quality: suites as readable definitions, run by great-expectations, recorded in dq_results.

Imports no Dagster: pipelines/defs/asset_checks.py wires each suite as a Dagster asset check.
"""
