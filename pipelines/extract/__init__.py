"""Pure extraction code: strings in, records out. No Dagster import anywhere below here."""
