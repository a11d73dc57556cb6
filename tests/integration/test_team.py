"""Team mode against a real Postgres (pipelines/warehouse/team.py, docs/deploy.md): Dagster's storage and the
DuckLake catalog in Postgres, the warehouse's tables as Parquet files under a path.

The server's URL comes from GOVREPORTS_TEST_PG_URL (`.ci/run` starts a cluster and sets it; locally:
`.ci/start-postgres DIR`, then the URL in DIR/url). Without it these tests skip, except in CI (CI set),
where they fail. Each module run gets a database of its own, dropped afterwards.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dagster as dg
import duckdb
import pytest

from pipelines import config
from pipelines.definitions import all_assets
from pipelines.defs.asset_checks import asset_checks
from pipelines.defs.resources import WarehouseResource
from pipelines.extract.text import input_files
from pipelines.warehouse import team
from tests.conftest import REPO, SEEDS
from tests.helpers import materialize_into, query

pytestmark = pytest.mark.team


def _server_url() -> str:
    url = os.environ.get("GOVREPORTS_TEST_PG_URL", "").strip()
    if not url:
        if os.environ.get("CI"):
            pytest.fail("GOVREPORTS_TEST_PG_URL is not set in CI: .ci/run must start Postgres and set it")
        pytest.skip("team mode tests need GOVREPORTS_TEST_PG_URL (a Postgres URL; .ci/start-postgres makes one)")
    return url


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def _admin(url: str, sql: str) -> None:
    import psycopg2

    con = psycopg2.connect(url)
    con.autocommit = True
    try:
        with con.cursor() as cur:
            cur.execute(sql)
    finally:
        con.close()


@pytest.fixture(scope="module")
def team_db():
    """A fresh database on the test server: its URL."""
    server = _server_url()
    name = f"govreports_team_{uuid.uuid4().hex[:10]}"
    _admin(server, f'CREATE DATABASE "{name}"')
    yield _with_database(server, name)
    _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def team_run(team_db, tmp_path_factory):
    """`python -m pipelines.run` (what make run does) in team mode on the seeds: Dagster and DuckLake in Postgres."""
    root = tmp_path_factory.mktemp("team")
    warehouse = root / "warehouse" / "govreports.duckdb"
    env = {**os.environ, "GOVREPORTS_DAGSTER_PG_URL": team_db, "GOVREPORTS_DUCKLAKE_CATALOG": team_db,
           "GOVREPORTS_DUCKLAKE_DATA": str(root / "lake"), "DAGSTER_HOME": str(root / "dagster_home"),
           "GOVREPORTS_WAREHOUSE": str(warehouse), "GOVREPORTS_SEEDS": str(SEEDS)}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pipelines.run"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600)
    log = done.stdout + done.stderr
    assert done.returncode == 0, team.redact(log[-5000:])
    print(f"team-mode run: {time.monotonic() - started:.1f} s")
    return {"root": root, "warehouse": warehouse, "log": log, "url": team_db, "lake": root / "lake"}


@pytest.fixture
def team_env(team_run, monkeypatch):
    monkeypatch.setenv("GOVREPORTS_DUCKLAKE_CATALOG", team_run["url"])
    monkeypatch.setenv("GOVREPORTS_DUCKLAKE_DATA", str(team_run["lake"]))
    monkeypatch.setenv("GOVREPORTS_WAREHOUSE", str(team_run["warehouse"]))
    return team_run


def _counts(con: duckdb.DuckDBPyConnection, version: int | None = None) -> dict[str, int]:
    """Rows of each table of the lake, as "schema.table"."""
    at = "" if version is None else f" AT (VERSION => {int(version)})"
    return {f"{s}.{t}": con.execute(f'SELECT count(*) FROM {team.LAKE}."{s}"."{t}"{at}').fetchone()[0]
            for s, t in team.tables_at(con, version)}


def _file_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        names = con.execute("SELECT schema_name, table_name FROM duckdb_tables()").fetchall()
        return {f"{s}.{t}": con.execute(f'SELECT count(*) FROM "{s}"."{t}"').fetchone()[0] for s, t in names}


def test_run_published_one_snapshot_with_the_embedded_row_counts(team_env, seeded_warehouse, tmp_path):
    assert "published the team warehouse (DuckLake) as snapshot" in team_env["log"]
    with team.lake() as con:
        lake_counts = _counts(con)
        changes = con.execute(f"SELECT changes FROM {team.LAKE}.snapshots() ORDER BY snapshot_id DESC LIMIT 1").fetchone()[0]
    # the same tables and rows as the run's own embedded file, and as the in-process build of the seeds
    assert lake_counts == _file_counts(team_env["warehouse"])
    embedded = _file_counts(seeded_warehouse)
    shared = {t for t in embedded if t not in ("main.dq_results", "marts.quality_summary")}  # the seeded build runs no checks
    assert {t: lake_counts[t] for t in shared} == {t: embedded[t] for t in shared}
    assert lake_counts["main.documents"] == 35 and lake_counts["main.fact_targets"] > 0
    assert lake_counts["main.dq_results"] > 0 and lake_counts["marts.targets_wide"] > 0
    assert set(changes["tables_created"]) == set(lake_counts)  # every table in one snapshot
    assert list(team_env["lake"].rglob("*.parquet"))  # data as Parquet files under the data path
    # score.py's way in: the current snapshot exported as a DuckDB file
    out = tmp_path / "export.duckdb"
    assert subprocess.run([sys.executable, "-m", "pipelines.warehouse.team", "export", str(out)], cwd=REPO,
                          env={**os.environ}, capture_output=True, text=True).returncode == 0
    assert _file_counts(out) == lake_counts


def test_dagster_storage_is_postgres(team_run):
    import psycopg2

    home = team_run["root"] / "dagster_home" / "postgres"
    assert "env: GOVREPORTS_DAGSTER_PG_URL" in (home / "dagster.yaml").read_text()
    assert team_run["url"].split("@")[0] not in (home / "dagster.yaml").read_text()  # no credentials in the file
    assert not (home / "history").exists() and not list(home.rglob("*.db"))  # no SQLite storage
    con = psycopg2.connect(team_run["url"])
    try:
        with con.cursor() as cur:
            cur.execute("SELECT pipeline_name, status FROM runs")
            assert cur.fetchall() == [("refresh_all", "SUCCESS")]
            # written in batches (config.dagster_env): every partitioned asset recorded for every file
            cur.execute("SELECT asset_key, partition FROM event_logs "
                        "WHERE dagster_event_type = 'ASSET_MATERIALIZATION' AND partition IS NOT NULL")
            files: dict[str, set[str]] = {}
            for asset_key, partition in cur.fetchall():
                files.setdefault(asset_key, set()).add(partition)
            seeds = {p.name for p in input_files(SEEDS)}
            assert len(files) >= 10 and all(found == seeds for found in files.values()), files
    finally:
        con.close()


def _changed_working_copy(tmp_path: Path, base: int) -> Path:
    """A working copy: the lake's current snapshot with one table changed, started from `base`."""
    working = tmp_path / ".building" / "govreports.duckdb"
    working.parent.mkdir(parents=True)
    team.export(working)
    with duckdb.connect(str(working)) as con:
        con.execute("DELETE FROM fact_targets WHERE target_id IN (SELECT target_id FROM fact_targets LIMIT 10)")
        con.execute("CREATE OR REPLACE TABLE team_test_extra AS SELECT 1 AS x")
    team.write_state(working, team.WorkingState(base=base, clean=False))
    return working


def test_readers_see_the_previous_snapshot_whole_until_commit_then_time_travel_and_restore(team_env, tmp_path):
    with team.lake() as con:
        before_snapshot = team.current_snapshot(con)
        before = _counts(con)
    working = _changed_working_copy(tmp_path, before_snapshot)
    seen = []

    def readers_during_the_write():
        for _ in range(2):  # two readers, each on a connection of its own
            with team.lake() as reader:
                seen.append((team.current_snapshot(reader), _counts(reader)))

    with duckdb.connect(str(working)) as con:
        after_snapshot = team.publish(con, working, before_commit=readers_during_the_write)
    assert seen == [(before_snapshot, before)] * 2
    assert after_snapshot == before_snapshot + 1
    with team.lake() as con:
        after = _counts(con)
        assert after["main.fact_targets"] == before["main.fact_targets"] - 10 and after["main.team_test_extra"] == 1
        assert _counts(con, before_snapshot) == before  # time travel: the previous publish, whole
    assert team.read_state(working) == team.WorkingState(base=after_snapshot, clean=True)
    # restore: the previous publish again, as a new snapshot
    restored = team.restore(before_snapshot)
    with team.lake() as con:
        assert team.current_snapshot(con) == restored == after_snapshot + 1
        assert _counts(con) == before
        assert _counts(con, after_snapshot) == after


def test_a_second_writer_waits_for_the_lock_or_fails_clearly(team_env, tmp_path, monkeypatch):
    with team.lake() as con:
        base = team.current_snapshot(con)
    working = _changed_working_copy(tmp_path, base)
    # another run is publishing (holds the lock): this one waits its time, then fails; nothing published
    monkeypatch.setenv(config.PUBLISH_WAIT_VAR, "1")
    with team.publish_lock(wait=5):
        with duckdb.connect(str(working)) as con, pytest.raises(team.PublishBusyError, match="another run is publishing"):
            team.publish(con, working)
    with team.lake() as con:
        assert team.current_snapshot(con) == base
    # the lock is released while this one waits: it publishes, after the other
    monkeypatch.setenv(config.PUBLISH_WAIT_VAR, "30")
    held, released = threading.Event(), threading.Event()

    def other_writer():
        with team.publish_lock(wait=5):
            held.set()
            time.sleep(1.5)
        released.set()

    thread = threading.Thread(target=other_writer)
    thread.start()
    held.wait(10)
    with duckdb.connect(str(working)) as con:
        snapshot = team.publish(con, working)
    thread.join()
    assert released.is_set() and snapshot == base + 1
    # a run whose working copy started from a snapshot the lake has moved past refuses to overwrite it
    stale = _changed_working_copy(tmp_path / "stale", base)
    with duckdb.connect(str(stale)) as con, pytest.raises(team.StaleWorkingCopyError, match="moved on"):
        team.publish(con, stale)
    with team.lake() as con:
        assert team.current_snapshot(con) == snapshot
    # ... and its next run starts from the current snapshot, so it can publish
    team.ensure_working_copy(stale)
    assert _file_counts(stale)["main.team_test_extra"] == 1 and "main.fact_targets" in _file_counts(stale)
    assert team.read_state(stale) == team.WorkingState(base=snapshot, clean=False)
    with duckdb.connect(str(stale)) as con:
        assert team.publish(con, stale) == snapshot + 1
    team.restore(base)


def test_a_failed_blocking_check_leaves_the_published_snapshot_untouched(team_env, monkeypatch):
    """documents__integrity (error) fails: warehouse_published does not run, the lake keeps its snapshot."""
    warehouse = team_env["warehouse"]
    resource = WarehouseResource(database=str(warehouse))
    with team.lake() as con:
        before_snapshot, before = team.current_snapshot(con), _counts(con)
    with resource.get_connection() as con:  # the working copy, as a run's steps open it
        con.execute("DELETE FROM dim_city WHERE city_name = '济南市'")
    result = materialize_into(
        warehouse, monkeypatch, SEEDS, assets=[*all_assets, *asset_checks], resources={"duckdb": resource},
        selection=dg.AssetSelection.assets("ingest_log", "source_records", "documents", "metadata_disagreements",
                                           "warehouse_published"),
        raise_on_error=False)
    assert not result.success
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert evaluations["documents__integrity"].passed is False
    materialized = {m.event_specific_data.materialization.asset_key.to_user_string()
                    for m in result.get_asset_materialization_events()}
    assert "documents" in materialized and "warehouse_published" not in materialized
    with team.lake() as con:
        assert team.current_snapshot(con) == before_snapshot and _counts(con) == before
    assert query(warehouse, "SELECT count(*) FROM dim_city WHERE city_name = '济南市'") == [(1,)]
