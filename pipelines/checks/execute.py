"""One check end to end, without Dagster: query → great-expectations → rows set aside → dq_results → Data Docs."""
from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import duckdb

from .quarantine import SetAside, set_aside
from .report import record, write_index
from .runner import SuiteOutcome, run_suite
from .suites import Suite


def docs_dir(warehouse_file: Path) -> Path:
    """Data Docs live beside the warehouse file: data_docs/index.html."""
    return Path(warehouse_file).parent / "data_docs"


def data_version(suite: Suite, frame) -> str:
    """Same suite, same rows → same fingerprint (pandas hashes the rows in C: no text rendering)."""
    import pandas as pd

    digest = hashlib.sha256(repr(suite).encode("utf-8"))
    digest.update(repr(list(frame.columns)).encode("utf-8"))
    digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()[:16]


def execute(suite: Suite, con: duckdb.DuckDBPyConnection, warehouse_file: Path, run_id: str,
            refresh_index: bool = True) -> SuiteOutcome:
    """Run one suite and record it; `refresh_index=False` leaves the front page to the caller
    (a table's checks refresh it once, after all of its suites). A row suite that fails sets its
    breaking rows aside (quarantine.py); dq_results keeps what the expectations found."""
    frame = con.execute(suite.sql).df()
    site = docs_dir(warehouse_file)
    outcome = run_suite(suite, frame, site / "gx")
    if suite.rows and not outcome.success:
        done = (set_aside(con, suite.table, suite.key, suite.check_name, outcome.breaches, run_id) if outcome.named
                and outcome.breaches else SetAside(0, 0.0, "great-expectations did not name the breaking rows"))
        outcome = dataclasses.replace(outcome, set_aside=done)
    record(con, run_id, outcome, data_version(suite, frame))
    if refresh_index:
        write_index(con, site)
    return outcome
