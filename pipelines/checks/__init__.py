"""Data quality: suites as readable definitions, run by great-expectations, wired as Dagster asset checks."""
