"""The small runtime helpers: partition keys from file names, progress lines in batches, the worker pool."""
from __future__ import annotations

import os

import dagster as dg

from pipelines import config
from pipelines.defs.assets.common import ProgressLog
from pipelines.defs.parallel import MIN_ITEMS, map_on_all_cores
from pipelines.defs.partitions import all_files_tags, folder_keys, sync_source_files, unusable_name


def test_a_file_name_dagster_cannot_key_is_named_with_the_reason(tmp_path):
    assert unusable_name("003_报告.txt") is None
    assert "..." in unusable_name("a...b.txt") and "rename" in unusable_name("a...b.txt")
    (tmp_path / "ok.txt").write_text("x")
    (tmp_path / "bad...txt").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    keys, problems = folder_keys(tmp_path)
    assert keys == ["ok.txt"] and len(problems) == 1 and problems[0].startswith("bad...txt")


def test_partitions_follow_the_folder(tmp_path):
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text("x")
    with dg.DagsterInstance.ephemeral() as instance:
        keys, added, removed = sync_source_files(instance, tmp_path)
        assert sorted(keys) == ["a.txt", "b.txt"] and sorted(added) == keys and removed == []
        (tmp_path / "a.txt").unlink()
        (tmp_path / "c.txt").write_text("x")
        keys, added, removed = sync_source_files(instance, tmp_path)
        assert keys == ["b.txt", "c.txt"] and added == ["c.txt"] and removed == ["a.txt"]
        assert all_files_tags(keys) == {"dagster/asset_partition_range_start": "b.txt",
                                        "dagster/asset_partition_range_end": "c.txt"}


class _Log:
    def __init__(self):
        self.calls = []

    def info(self, message):
        self.calls.append(("info", message))

    def warning(self, message):
        self.calls.append(("warning", message))


class _Context:
    def __init__(self):
        self.log = _Log()


def test_progress_lines_reach_the_log_in_batches():
    context = _Context()
    with ProgressLog(context, every_s=3600, max_lines=100) as progress:
        for i in range(250):
            progress.info(f"file {i}")
        progress.warning("quarantined bad.txt: empty file")
    calls = context.log.calls
    assert len(calls) == 4  # 100 + 100 lines, then the warning and the last 50 lines at the end
    lines = [line for _, message in calls for line in message.split("\n")]
    assert sorted(lines) == sorted([f"file {i}" for i in range(250)] + ["quarantined bad.txt: empty file"])
    assert ("warning", "quarantined bad.txt: empty file") in calls


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def test_the_pool_keeps_order_and_uses_other_processes(monkeypatch):
    monkeypatch.setenv("GOVREPORTS_WORKERS", "2")
    items = list(range(MIN_ITEMS * 2))
    out = list(map_on_all_cores(_pid_and_square, items))
    assert [square for _, square in out] == [n * n for n in items]
    assert os.getpid() not in {pid for pid, _ in out}
    small = list(map_on_all_cores(_pid_and_square, items[:3]))  # too few to pay for workers
    assert {pid for pid, _ in small} == {os.getpid()}


def test_workers_setting_is_checked(monkeypatch):
    monkeypatch.setenv("GOVREPORTS_WORKERS", "1")
    assert config.workers() == 1
    monkeypatch.setenv("GOVREPORTS_WORKERS", "zero")
    try:
        config.workers()
    except ValueError as exc:
        assert "GOVREPORTS_WORKERS" in str(exc)
    else:
        raise AssertionError("a bad GOVREPORTS_WORKERS was accepted")
