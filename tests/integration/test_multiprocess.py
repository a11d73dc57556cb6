"""GOVREPORTS_EXECUTOR=multiprocess: the whole job, a process per step, two at a time, same warehouse as in process.

The multiprocess executor needs a persistent Dagster instance and a job it can reload in each
step's process, so this runs `python -m pipelines.run` (what `make run` does) against a
temporary DAGSTER_HOME and warehouse, then compares the result with the in-process build of the
same seeds (the session's seeded warehouse).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import dagster as dg
import pytest

from pipelines import config
from pipelines.checks.suites import SUITES
from pipelines.defs import executor
from pipelines.defs.assets.marts import MODEL_NAMES
from tests.conftest import REPO, SEEDS
from tests.helpers import query



def test_executor_switch(monkeypatch):
    monkeypatch.delenv("GOVREPORTS_EXECUTOR", raising=False)
    assert executor.executor() is dg.in_process_executor
    monkeypatch.setenv("GOVREPORTS_EXECUTOR", "multiprocess")
    chosen = executor.executor()
    assert chosen.name == "multiprocess" and chosen.executor_creation_fn is dg.multiprocess_executor.executor_creation_fn
    monkeypatch.setenv("GOVREPORTS_EXECUTOR", "celery")
    with pytest.raises(ValueError, match="GOVREPORTS_EXECUTOR"):
        executor.executor()


@pytest.fixture(scope="module")
def multiprocess_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("multiprocess")
    home = root / "dagster_home"
    config.prepare_dagster_home(home)  # the project's instance settings, as make run has them
    warehouse = root / "warehouse" / "govreports.duckdb"
    env = {**os.environ, "GOVREPORTS_EXECUTOR": "multiprocess", "DAGSTER_HOME": str(home),
           "GOVREPORTS_WAREHOUSE": str(warehouse), "GOVREPORTS_SEEDS": str(SEEDS)}
    done = subprocess.run([sys.executable, "-m", "pipelines.run"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=420)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-5000:]
    return home, warehouse, log


def test_every_step_ran_in_its_own_process(multiprocess_run):
    home, _, log = multiprocess_run
    assert "Executing steps using multiprocess executor" in log
    starts = re.findall(r" - (\d+) - (\S+) - STEP_START - ", log)
    steps = {step for _, step in starts}
    assert len({pid for pid, _ in starts}) == len(starts) == len(steps)  # one process per step
    # dbt builds every mart in one step, after the checks
    assert {"ingest", "split_documents", "facts", "marts", "gdp_targets_chart"} <= steps
    check_tables = {s.table for s in SUITES}
    assert {f"{t}__checks" for t in check_tables} <= steps  # a table's suites run as one step
    assert len(steps) >= len(check_tables) + 1 + 6
    with dg.DagsterInstance.from_config(str(home)) as instance:
        (run,) = instance.get_runs()
        assert run.status == dg.DagsterRunStatus.SUCCESS and run.job_name == "refresh_all"


def test_multiprocess_warehouse_equals_in_process(multiprocess_run, seeded_warehouse):
    _, warehouse, _ = multiprocess_run
    assert query(warehouse, "SELECT count(*) FROM documents") == [(35,)]
    for table in ("documents", "fact_targets", "fact_targets_qualitative", "fact_outcomes", "dim_city", "marts.region_targets",
                  "marts.targets_wide", "marts.targets_vs_province", "marts.project_investment"):
        sql = f"SELECT * FROM {table} ORDER BY ALL"
        assert query(warehouse, sql) == query(seeded_warehouse, sql), table
    assert query(warehouse, "SELECT count(*) FROM fact_targets")[0][0] > 0
    # the checks ran (one run, every suite and every dbt test of the marts) and no error-level one failed
    results = query(warehouse, "SELECT check_name, severity, bool_and(success) FROM dq_results GROUP BY ALL")
    suites = {s.check_name for s in SUITES}
    dbt_tests = {r[0] for r in results if r[0].split("__")[0] in MODEL_NAMES}
    assert {r[0] for r in results} == suites | dbt_tests and len(dbt_tests) >= 10
    assert [r[0] for r in results if r[1] == "error" and not r[2]] == []
    assert query(warehouse, "SELECT count(DISTINCT run_id) FROM dq_results") == [(1,)]
    # quality_summary was built after every suite of the run, two steps at a time (the marts' own tests are
    # recorded once dbt has built it: the next build shows them)
    assert query(warehouse, "SELECT check_name FROM marts.quality_summary ORDER BY 1") == [(c,) for c in sorted(suites)]
    assert (warehouse.parent / "reports" / "gdp_targets_2023.png").stat().st_size > 30_000
