"""Marts: the SQL models in models/*.sql, each materialised as a table in the DuckDB schema `marts`.

A model file holds one SELECT; its first comment line is the table's description (COMMENT ON
TABLE, and the asset's description in the UI). The tables a model reads are declared here, as
asset keys, so the lineage graph shows them; tests/integration/test_marts.py checks that the
declarations and the SQL agree. Identifiers come from this module only, never from data.
"""
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
from dagster_duckdb import DuckDBResource

from .. import config
from ..checks.report import ensure_table as ensure_dq_results
from ..schema import DQ_RESULTS
from ..warehouse import transaction
from .common import markdown_preview, table_metadata

MODELS_DIR = config.REPO_ROOT / "models"
SCHEMA = "marts"


@dataclass(frozen=True)
class Model:
    name: str
    reads: tuple[str, ...]  # tables the SELECT reads: "fact_targets", or "marts.region_targets" for another model
    prepare: Callable[[duckdb.DuckDBPyConnection], None] | None = field(default=None, compare=False)

    @property
    def path(self) -> Path:
        return MODELS_DIR / f"{self.name}.sql"

    @property
    def table(self) -> str:
        return f"{SCHEMA}.{self.name}"

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def description(self) -> str:
        """The first comment line of the file."""
        for line in self.sql.splitlines():
            if line.strip().startswith("--"):
                return line.strip().lstrip("-").strip()
        raise ValueError(f"{self.path.name}: the first comment line describes the table, and there is none")

    @property
    def column_comments(self) -> dict[str, str]:
        """`-- column <name>: <text>` lines of the file: COMMENT ON COLUMN, read by SQL users and the export."""
        return {m[1]: m[2].strip() for m in re.finditer(r"^--\s*column\s+(\w+):\s*(.+)$", self.sql, flags=re.M)}

    def select(self) -> str:
        return self.sql.strip().rstrip(";").strip()


MODELS: tuple[Model, ...] = (
    Model("region_targets", ("fact_targets", "documents")),
    Model("targets_wide", ("marts.region_targets", "dim_city", "dim_province")),
    Model("targets_vs_province", ("marts.region_targets", "dim_city", "dim_province")),
    Model("project_investment", ("fact_projects", "dim_city", "dim_province")),
    Model("documents_current_place", ("documents", "dim_city")),
    Model("targets_vs_outcomes", ("marts.region_targets", "fact_outcomes", "documents", "dim_city", "dim_province",
                                  "dim_indicator")),
    # dq_results is written by the asset checks; before the first check has run it does not exist yet.
    Model("quality_summary", ("dq_results",), prepare=ensure_dq_results),
)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def build_model(con: duckdb.DuckDBPyConnection, model: Model) -> int:
    """Replace marts.<name> with the model's SELECT, in one transaction; returns its row count."""
    with transaction(con):
        if model.prepare:
            model.prepare(con)
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
        con.execute(f"CREATE OR REPLACE TABLE {model.table} AS\n{model.select()}")
        con.execute(f"COMMENT ON TABLE {model.table} IS {_quote(model.description)}")
        for column, text in model.column_comments.items():
            con.execute(f"COMMENT ON COLUMN {model.table}.{column} IS {_quote(text)}")
    return con.execute(f"SELECT count(*) FROM {model.table}").fetchone()[0]


def table_schema(con: duckdb.DuckDBPyConnection, model: Model) -> dg.TableSchema:
    columns = con.execute("""
        SELECT column_name, data_type FROM duckdb_columns()
        WHERE schema_name = $schema AND table_name = $table ORDER BY column_index""",
                          {"schema": SCHEMA, "table": model.name}).fetchall()
    return dg.TableSchema(columns=[dg.TableColumn(name, type_) for name, type_ in columns])


def asset_key(table: str) -> dg.AssetKey:
    """'marts.targets_wide' → marts/targets_wide; 'fact_targets' → fact_targets."""
    return dg.AssetKey(table.split("."))


# dq_results is filled by the asset checks, not by an asset: declared here so the lineage shows it.
dq_results = dg.AssetSpec("dq_results", description=DQ_RESULTS.description, metadata=table_metadata(DQ_RESULTS),
                          group_name="quality", kinds={"duckdb"})
external_assets = [dg.AssetsDefinition(specs=[dq_results])]


def _mart_asset(model: Model) -> dg.AssetsDefinition:
    sql = model.sql
    op_tags = {}
    if model.name == "quality_summary":
        # Runs after every other ready step (the in-process executor takes the highest priority
        # first), so the checks of the same run are in dq_results when it reads them.
        op_tags["dagster/priority"] = "-10"

    @dg.asset(
        key=asset_key(model.table),
        group_name="marts",
        description=model.description,
        deps=[asset_key(t) for t in model.reads],
        kinds={"duckdb", "sql"},
        code_version=hashlib.sha256(sql.encode("utf-8")).hexdigest()[:12],
        op_tags=op_tags,
        metadata={"table": model.table, "model_file": f"models/{model.path.name}",
                  "sql": dg.MetadataValue.md(f"```sql\n{sql}\n```")},
    )
    def _mart(duckdb: DuckDBResource) -> dg.MaterializeResult:
        with duckdb.get_connection() as con:
            rows = build_model(con, model)
            preview = con.execute(f"SELECT * FROM {model.table} LIMIT 10").pl()
            schema = table_schema(con, model)
        return dg.MaterializeResult(metadata={
            "dagster/row_count": rows,
            "dagster/column_schema": schema,
            "preview": dg.MetadataValue.md(markdown_preview(_narrow(preview))),
        })

    return _mart


def _narrow(frame: pl.DataFrame, columns: int = 12) -> pl.DataFrame:
    """The UI's Markdown table stays readable: the first columns only."""
    return frame.select(frame.columns[:columns])


mart_assets = [_mart_asset(m) for m in MODELS]
