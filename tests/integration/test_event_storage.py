"""The project's instance settings: a run over many partitions records every partition, in batches."""
from __future__ import annotations

import dagster as dg

from pipelines import config
from pipelines.event_storage import BatchingSqliteEventLogStorage

files = dg.DynamicPartitionsDefinition(name="files")


@dg.asset(partitions_def=files, backfill_policy=dg.BackfillPolicy.single_run())
def per_file(context) -> None:
    context.log.info(f"{len(context.partition_keys)} files")


def test_a_many_partition_run_is_recorded_whole(tmp_path, monkeypatch):
    for name, value in config.DAGSTER_ENV.items():
        monkeypatch.setenv(name, value)
    home = config.prepare_dagster_home(tmp_path / "home")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    batches = []
    original = BatchingSqliteEventLogStorage.store_event_batch
    monkeypatch.setattr(BatchingSqliteEventLogStorage, "store_event_batch",
                        lambda self, events: (batches.append(len(events)), original(self, events)))
    keys = [f"{i:03d}.txt" for i in range(120)]
    with dg.DagsterInstance.get() as instance:
        assert isinstance(instance.event_log_storage, BatchingSqliteEventLogStorage)
        instance.add_dynamic_partitions(files.name, keys)
        result = dg.materialize([per_file], instance=instance, tags={
            "dagster/asset_partition_range_start": keys[0], "dagster/asset_partition_range_end": keys[-1]})
        assert result.success
        assert instance.get_materialized_partitions(per_file.key) == set(keys)
        planned = instance.get_records_for_run(result.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION_PLANNED)
        assert len(planned.records) == 1  # one planned event for the whole range, not one per file
    assert sum(batches) == len(keys) and len(batches) == 1  # the materializations went in as one batch


def test_a_new_run_shard_is_one_the_stock_storage_accepts(tmp_path):
    """The fast stamp of a new shard leaves what alembic would: the same tables, the head revision, WAL."""
    import sqlite3

    from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage

    ours, stock = BatchingSqliteEventLogStorage(str(tmp_path / "ours")), SqliteEventLogStorage(str(tmp_path / "stock"))
    for storage in (ours, stock):
        with storage.run_connection("run-1"):
            pass

    def shape(path):
        con = sqlite3.connect(path)
        try:
            return (sorted(con.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")),
                    con.execute("SELECT version_num FROM alembic_version").fetchall(),
                    con.execute("PRAGMA journal_mode").fetchone())
        finally:
            con.close()

    assert shape(tmp_path / "ours" / "run-1.db") == shape(tmp_path / "stock" / "run-1.db")
    assert SqliteEventLogStorage(str(tmp_path / "ours")).alembic_version() is not None  # the index, as before
    reread = SqliteEventLogStorage(str(tmp_path / "ours"))
    with reread.run_connection("run-1"):  # the stock check finds the shard at head: nothing to migrate
        pass
    ours.dispose()


def test_a_shard_is_set_up_again_after_a_wipe(tmp_path):
    """Engines are kept per shard; a wipe (which deletes the shards) must still lead to fresh tables."""
    storage = BatchingSqliteEventLogStorage(str(tmp_path))
    with storage.run_connection("run-1"):
        pass
    storage.wipe()
    with storage.run_connection("run-1") as conn:
        conn.exec_driver_sql("SELECT count(*) FROM event_logs")
    storage.dispose()


def test_a_shard_keeps_its_connection_and_a_forked_child_lets_go_of_it(tmp_path):
    """One connection per shard is reused (closing SQLite's last one checkpoints the log each time);
    a forked child drops the inherited ones unclosed, and the parent goes on using its own."""
    import os

    storage = BatchingSqliteEventLogStorage(str(tmp_path))
    with storage.run_connection("run-1") as conn:
        first = conn.connection.dbapi_connection
    with storage.run_connection("run-1") as conn:
        assert conn.connection.dbapi_connection is first
    pid = os.fork()
    if pid == 0:  # the child: report through the exit status, never return into pytest
        import gc

        from pipelines import event_storage

        gc.collect()  # what a child's collector would do to connections it no longer referenced
        kept = [e for e in event_storage._INHERITED if e.url.database == str(tmp_path / "run-1.db")]
        os._exit(0 if not storage._engines and len(kept) == 1 else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    with storage.run_connection("run-1") as conn:
        assert conn.connection.dbapi_connection is first
        assert conn.exec_driver_sql("SELECT count(*) FROM event_logs").scalar() == 0
    storage.dispose()


def test_a_watcher_sees_events_committed_on_a_kept_connection(tmp_path):
    """The UI follows a run through watch(): a commit on a kept connection changes only the shard's
    write-ahead log, and the watcher must still wake up."""
    import threading
    import time

    from dagster._core.events.log import EventLogEntry

    writer, reader = BatchingSqliteEventLogStorage(str(tmp_path)), BatchingSqliteEventLogStorage(str(tmp_path))
    with writer.run_connection("run-1"):
        pass
    seen, arrived = [], threading.Event()

    def callback(event, cursor):
        seen.append(event.user_message)
        if len(seen) == 3:
            arrived.set()

    reader.watch("run-1", None, callback)
    time.sleep(0.5)  # the observer thread starts watching
    for i in range(3):
        writer.store_event(EventLogEntry(error_info=None, level="INFO", user_message=f"line {i}", run_id="run-1",
                                         timestamp=time.time(), dagster_event=None))
    assert arrived.wait(10), f"the watcher saw {seen}"
    assert seen == ["line 0", "line 1", "line 2"]
    reader.end_watch("run-1", callback)
    reader.dispose()
    writer.dispose()
