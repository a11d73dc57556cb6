"""The seeds-folder sensor and the daily marts schedule, evaluated against real folders, instances and jobs."""
from __future__ import annotations

import os
import shutil

import dagster as dg
import pytest

from pipelines.definitions import build_defs, defs
from pipelines.defs.partitions import source_files
from pipelines.defs.resources import WarehouseResource
from pipelines.defs.schedules import daily_marts_refresh
from pipelines.defs.sensors import seeds_folder_sensor
from tests.conftest import SEEDS
from tests.helpers import materialize_into, query

A, B, C = "000_9186873d32b83b5a.txt", "003_32fdeeb7734b567c.txt", "004_df31f4454c7cdcdc.txt"


def tick(instance, cursor=None):
    """One sensor evaluation; its partition requests applied to the instance, as the daemon does."""
    context = dg.build_sensor_context(instance=instance, cursor=cursor)
    result = seeds_folder_sensor(context)
    if isinstance(result, dg.SensorResult):
        for request in result.dynamic_partitions_requests:
            if isinstance(request, dg.AddDynamicPartitionsRequest):
                instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
            else:
                for key in request.partition_keys:
                    instance.delete_dynamic_partition(request.partitions_def_name, key)
        return result, result.cursor
    return result, context.cursor


def runs(result) -> list[tuple[str, str | None]]:
    return [(r.job_name, r.partition_key) for r in result.run_requests]


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    folder = tmp_path / "seeds"
    folder.mkdir()
    monkeypatch.setenv("GOVREPORTS_SEEDS", str(folder))
    return folder


def test_sensor_requests_a_run_per_new_or_changed_file(seeds):
    shutil.copy(SEEDS / B, seeds)
    with dg.DagsterInstance.ephemeral() as instance:
        first, cursor = tick(instance)
        assert runs(first) == [("ingest_files", B)]
        assert instance.get_dynamic_partitions(source_files.name) == [B]
        quiet, same_cursor = tick(instance, cursor)
        assert isinstance(quiet, dg.SkipReason) and same_cursor == cursor

        shutil.copy(SEEDS / C, seeds)
        added, cursor = tick(instance, cursor)
        assert runs(added) == [("ingest_files", C)]
        assert added.run_requests[0].tags["govreports/seeds_change"] == f"new: {C}"

        path = seeds / B
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
        changed, cursor = tick(instance, cursor)
        assert runs(changed) == [("ingest_files", B)]
        assert changed.run_requests[0].run_key != first.run_requests[0].run_key  # a new state of the file: a new run

        data, stamp = path.read_bytes(), path.stat().st_mtime_ns
        path.unlink()
        removed, cursor = tick(instance, cursor)
        assert runs(removed) == [("refresh_marts", None)]
        assert removed.run_requests[0].tags["govreports/seeds_change"] == f"removed: {B}"
        assert instance.get_dynamic_partitions(source_files.name) == [C]

        path.write_bytes(data)  # the same file back, same size and time: a new change all the same
        os.utime(path, ns=(stamp, stamp))
        back, _ = tick(instance, cursor)
        assert runs(back) == [("ingest_files", B)]
        assert back.run_requests[0].run_key not in {changed.run_requests[0].run_key, first.run_requests[0].run_key}


def test_sensor_skips_a_missing_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVREPORTS_SEEDS", str(tmp_path / "nowhere"))
    with dg.DagsterInstance.ephemeral() as instance:
        result, _ = tick(instance)
    assert isinstance(result, dg.SkipReason) and "does not exist" in result.skip_message


TABLES = {"ingest_log": "source_file, content_sha256, status",
          "documents": "doc_id, source_file, line_start, line_end, city_code, doc_date",
          "fact_projects": "project_id, doc_id, project_name, source_line",
          "fact_funds": "fund_id, doc_id, amount_yuan, source_line",
          "fact_dates": "date_id, doc_id, date_start, source_line"}


def snapshot(db) -> dict[str, list]:
    return {t: sorted(query(db, f"SELECT {cols} FROM {t}"), key=repr) for t, cols in TABLES.items()}


def test_the_sensor_run_adds_only_the_new_files_rows_and_a_removed_file_loses_them(seeds, tmp_path, monkeypatch):
    """The done-when of incremental runs: the sensor's run for a new file touches that file's partition only."""
    db = tmp_path / "warehouse" / "govreports.duckdb"
    monkeypatch.setenv("GOVREPORTS_WAREHOUSE", str(db))
    shutil.copy(SEEDS / A, seeds)
    with dg.DagsterInstance.ephemeral() as instance:
        materialize_into(db, monkeypatch, seeds, instance=instance,
                         resources={"duckdb": WarehouseResource(database=str(db))})
        _, cursor = tick(instance)
        before = snapshot(db)

        shutil.copy(SEEDS / B, seeds)
        request, cursor = tick(instance, cursor)
        assert runs(request) == [("ingest_files", B)]
        job = build_defs().resolve_job_def("ingest_files")
        for _ in range(2):  # the second run of the same partition must not duplicate a row
            result = job.execute_in_process(instance=instance, partition_key=B)
            assert result.success
            partitions = {e.partition for e in result.get_asset_materialization_events()}
            assert partitions == {B, None}  # B's partition, and the unpartitioned publish step
            after = snapshot(db)
            for table, rows in after.items():
                old = [r for r in rows if str(r[0]).startswith(A.removesuffix(".txt")) or r[1] == A]
                assert old == before[table], table   # the other file's rows: exactly as they were
            assert query(db, "SELECT count(*) FROM documents WHERE source_file = ?", [B]) == [(1,)]
            assert query(db, "SELECT count(*), count(DISTINCT project_id) FROM fact_projects WHERE doc_id LIKE '003%'") \
                == [(6, 6)]

        (seeds / B).unlink()
        removed, _ = tick(instance, cursor)
        assert runs(removed) == [("refresh_marts", None)]
        prune = build_defs().resolve_job_def("refresh_marts")
        assert prune.execute_in_process(instance=instance, asset_selection=[dg.AssetKey("seed_files"),
                                                                            dg.AssetKey("warehouse_published")]).success
        assert snapshot(db) == before   # the removed file's rows are gone from every table, the rest untouched


def test_daily_schedule_refreshes_the_marts_charts_and_checks():
    requests = list(daily_marts_refresh.evaluate_tick(dg.build_schedule_context()).run_requests)
    assert len(requests) == 1
    job = defs.resolve_job_def("refresh_marts")
    keys = {k.to_user_string() for k in job.asset_layer.executable_asset_keys}
    assert "marts/targets_wide" in keys and "gdp_targets_chart" in keys and "seed_files" in keys
    assert "documents" not in keys and "fact_targets" not in keys
    checks = {k.name for k in job.asset_layer.asset_graph.asset_check_keys}
    assert "fact_targets__keys" in checks and "documents__integrity" in checks
    assert daily_marts_refresh.cron_schedule == "0 6 * * *"
