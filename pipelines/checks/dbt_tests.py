"""dbt's tests of the marts (models/marts/_marts.yml), recorded in dq_results beside the suites.

One row per test and run: check_name is the test's name (<model>__<rule>), table_name the mart
(marts.<model>), expectation `dbt.<test>` (dbt.unique, dbt.relationships, …), observed how many
rows failed it. data_version fingerprints the tables the test read and the test's own
definition, so re-testing unchanged marts replaces the earlier rows, as re-checking a table does.
Plain functions over dbt's run_results.json and manifest.json: no Dagster, no dbt import.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

import duckdb
import polars as pl

from ..warehouse.schema import DQ_RESULTS
from ..warehouse.store import insert_frame, polars_schema, transaction
from .report import ensure_table

SEVERITIES = {"error": "error", "warn": "warning"}  # dbt's word → dq_results'


@dataclass(frozen=True)
class DbtTestOutcome:
    check_name: str
    table_name: str            # marts.region_targets
    severity: str              # error | warning
    test: str                  # unique, relationships, unique_combination, …
    column: str | None
    status: str                # dbt's: pass, fail, warn, error (the test could not run)
    failures: int | None       # rows the test returned
    message: str | None
    arguments: dict = field(default_factory=dict)
    relations: tuple[str, ...] = ()  # schema.table of every table the test reads
    definition: str = ""       # the test's compiled SQL

    @property
    def passed(self) -> bool:
        return self.status == "pass"

    @property
    def observed(self) -> str:
        if self.status == "error":
            return f"could not run: {self.message or 'error'}"
        return f"{self.failures or 0} failing row(s)"


def _relation(manifest: dict, unique_id: str) -> str | None:
    node = manifest.get("nodes", {}).get(unique_id) or manifest.get("sources", {}).get(unique_id)
    if node is None:
        return None
    return f"{node['schema']}.{node.get('alias') or node.get('identifier') or node['name']}"


def outcomes(run_results: dict, manifest: dict) -> list[DbtTestOutcome]:
    """Every test dbt ran (a test it skipped, its model having failed, checked nothing)."""
    found = []
    for result in run_results.get("results", []):
        node = manifest.get("nodes", {}).get(result["unique_id"])
        if node is None or node.get("resource_type") != "test" or result["status"] == "skipped":
            continue
        meta = node.get("test_metadata") or {}
        arguments = {k: v for k, v in (meta.get("kwargs") or {}).items() if k not in ("model", "column_name")}
        severity = str(node.get("config", {}).get("severity") or "error").lower()
        found.append(DbtTestOutcome(
            check_name=node["name"],
            table_name=_relation(manifest, node.get("attached_node") or "") or "",
            severity=SEVERITIES.get(severity, severity),
            test=meta.get("name") or "singular",
            column=node.get("column_name"),
            status=result["status"],
            failures=result.get("failures"),
            message=result.get("message"),
            arguments=arguments,
            relations=tuple(sorted(filter(None, (_relation(manifest, p) for p in node["depends_on"]["nodes"])))),
            definition=_without_database(result.get("compiled_code") or node.get("raw_code") or "",
                                         node.get("database")),
        ))
    return found


def _without_database(sql: str, database: str | None) -> str:
    """Compiled SQL without the database's name ("govreports"."main"."fact_targets"): dbt-duckdb names
    the database after the file, so the same test on the same rows in a copy elsewhere is the same test."""
    return sql.replace(f'"{database}".', "") if database else sql


def data_version(con: duckdb.DuckDBPyConnection, outcome: DbtTestOutcome) -> str:
    """The test's SQL and, per table it reads, its row count and an order-free hash of its rows."""
    digest = hashlib.sha256(outcome.definition.encode("utf-8"))
    for relation in outcome.relations:
        schema, table = relation.split(".", 1)
        rows, hashed = con.execute(f'SELECT count(*), bit_xor(hash(t)) FROM "{schema}"."{table}" AS t').fetchone()
        digest.update(f"{relation}:{rows}:{hashed}".encode("utf-8"))
    return digest.hexdigest()[:16]


def record(con: duckdb.DuckDBPyConnection, run_id: str, found: list[DbtTestOutcome]) -> int:
    """One dq_results row per test; the same test on the same data replaces its earlier row."""
    if not found:
        return 0
    ensure_table(con)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    versions = [data_version(con, o) for o in found]
    frame = pl.DataFrame({
        "run_id": [run_id] * len(found),
        "checked_at": [now] * len(found),
        "table_name": [o.table_name for o in found],
        "check_name": [o.check_name for o in found],
        "severity": [o.severity for o in found],
        "expectation": [f"dbt.{o.test}" for o in found],
        "column_name": [o.column for o in found],
        "success": [o.passed for o in found],
        "observed": [o.observed for o in found],
        "details": [json.dumps({"status": o.status, "severity": o.severity, "arguments": o.arguments,
                                "message": o.message}, ensure_ascii=False, default=str) for o in found],
        "data_version": versions,
    }, schema=polars_schema(DQ_RESULTS))
    with transaction(con):
        for outcome, version in zip(found, versions):
            con.execute("DELETE FROM dq_results WHERE check_name = ? AND (run_id = ? OR data_version = ?)",
                        [outcome.check_name, run_id, version])
        insert_frame(con, DQ_RESULTS, frame)
    return frame.height
