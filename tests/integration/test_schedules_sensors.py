"""The seeds-folder sensor and the daily marts schedule, evaluated against real folders and definitions."""
from __future__ import annotations

import shutil

import dagster as dg

from pipelines.definitions import defs
from pipelines.schedules import daily_marts_refresh
from pipelines.sensors import seeds_folder_sensor
from tests.conftest import SEEDS
from tests.helpers import materialize_into, query


def tick(cursor=None):
    context = dg.build_sensor_context(cursor=cursor)
    result = seeds_folder_sensor(context)
    return result, context.cursor


def test_sensor_requests_a_run_only_when_the_folder_changes(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "003_32fdeeb7734b567c.txt", seeds)
    monkeypatch.setenv("GOVREPORTS_SEEDS", str(seeds))

    first, cursor = tick()
    assert isinstance(first, dg.RunRequest) and first.run_key.startswith("seeds-")
    quiet, same_cursor = tick(cursor)
    assert isinstance(quiet, dg.SkipReason) and same_cursor == cursor

    shutil.copy(SEEDS / "004_df31f4454c7cdcdc.txt", seeds)
    added, cursor = tick(cursor)
    assert isinstance(added, dg.RunRequest) and added.run_key != first.run_key
    assert added.tags["govreports/seeds_change"] == "new: 004_df31f4454c7cdcdc.txt"

    (seeds / "003_32fdeeb7734b567c.txt").unlink()
    removed, _ = tick(cursor)
    assert isinstance(removed, dg.RunRequest)
    assert removed.tags["govreports/seeds_change"] == "removed: 003_32fdeeb7734b567c.txt"


def test_sensor_skips_a_missing_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVREPORTS_SEEDS", str(tmp_path / "nowhere"))
    result, _ = tick()
    assert isinstance(result, dg.SkipReason) and "does not exist" in result.skip_message


def test_a_new_file_adds_its_rows_and_leaves_the_others(tmp_path, monkeypatch):
    """What the sensor's run does: the new file's documents and facts appear, the rest stays as it was."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "000_9186873d32b83b5a.txt", seeds)
    db = tmp_path / "wh.duckdb"
    materialize_into(db, monkeypatch, seeds)
    tables = {"documents": "source_file, line_start, line_end, city_code, doc_date",
              "fact_funds": "doc_id, amount_yuan, source_line", "fact_dates": "doc_id, date_start, source_line"}
    before = {t: sorted(query(db, f"SELECT {c} FROM {t}")) for t, c in tables.items()}

    shutil.copy(SEEDS / "003_32fdeeb7734b567c.txt", seeds)
    request, _ = tick()
    assert isinstance(request, dg.RunRequest)
    materialize_into(db, monkeypatch, seeds)  # the assets of the job the sensor requests
    for table, cols in tables.items():
        old = sorted(query(db, f"SELECT {cols} FROM {table} WHERE {cols.split(',')[0]} LIKE '000%'"))
        assert old == before[table], table
    assert query(db, "SELECT count(*) FROM documents WHERE source_file LIKE '003%'") == [(1,)]


def test_daily_schedule_refreshes_the_marts_and_charts():
    requests = list(daily_marts_refresh.evaluate_tick(dg.build_schedule_context()).run_requests)
    assert len(requests) == 1
    job = defs.resolve_job_def("refresh_marts")
    keys = {k.to_user_string() for k in job.asset_layer.executable_asset_keys}
    assert "marts/targets_wide" in keys and "gdp_targets_chart" in keys
    assert "documents" not in keys and "fact_targets" not in keys
    assert daily_marts_refresh.cron_schedule == "0 6 * * *"
