"""Dagster's SQLite event log, storing a batch of events with one connection and one transaction.

A run over many file partitions records a materialization per partition and asset. The stock
SQLite storage opens an engine, a connection and a transaction for each event, twice for asset
events (the run's shard and the index): about 16 ms an event here, so a thousand-file run spent
longer recording than extracting. With DAGSTER_EVENT_BATCH_SIZE set (pipelines/config.py),
Dagster hands a step's materializations over as batches; this class writes each batch in one go.
dagster_home/dagster.yaml selects it.

Every event, batched or not, is cheaper too: each shard keeps one engine and one connection
(closing SQLite's last connection to a file checkpoints its write-ahead log; so the UI's run
watchers wake on the log as well as on the shard), commits skip fsync in WAL mode, a new run's shard
is stamped with the alembic head read once per process (the stock storage has alembic read its
revision scripts twice, 0.2 s a run), and what SQLite's schema says (the asset table's index
columns, the index's tables) is remembered once seen instead of read again for every event.
"""
from __future__ import annotations

import os
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

import sqlalchemy as db
from alembic.script import ScriptDirectory
from dagster._core.storage.event_log.schema import SqlEventLogStorageMetadata
from dagster._core.storage.event_log.sqlite import sqlite_event_log
from dagster._core.storage.sql import create_engine, get_alembic_config
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool
from watchdog.events import PatternMatchingEventHandler
from watchdog.observers import Observer

from dagster._core.events import ASSET_EVENTS
from dagster._core.events.log import EventLogEntry
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (SqliteEventLogStorage,
                                                                     SqliteEventLogStorageWatchdog)
from dagster._core.storage.sqlalchemy_compat import db_result


_ENGINES_KEPT = 8
_STORAGES: weakref.WeakSet = weakref.WeakSet()  # every instance in this process, for the fork hook below
_INHERITED: list = []  # in a forked child, the parent's engines: referenced, so never closed here


class BatchingSqliteEventLogStorage(SqliteEventLogStorage):
    def __init__(self, base_dir: str, inst_data=None):
        self._engines: OrderedDict = OrderedDict()  # shard → engine, most recently used last
        self._asset_key_cols: set[str] = set()  # asset table columns known to exist
        self._index_tables: set[str] = set()  # index tables known to exist
        super().__init__(base_dir, inst_data)  # may connect (a new index): the state above is ready
        _STORAGES.add(self)

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> BatchingSqliteEventLogStorage:
        return cls(inst_data=inst_data, **config_value)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        """As the stock storage connects, but keeping each shard's engine and its one connection:
        the stock storage builds an engine per event, and closing SQLite's last connection to a
        shard checkpoints its write-ahead log, together 1.5 ms of the 2 ms an event cost."""
        with self._db_lock:
            engines = self._engines
            engine = engines.get(shard)
            fresh = shard not in self._initialized_dbs  # also after wipe() or upgrade(), which reset it
            if engine is None or fresh:
                if engine is not None:
                    engine.dispose()  # its connection may be to a file wipe() deleted
                engine = create_engine(self.conn_string_for_shard(shard), poolclass=StaticPool,
                                       connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
                                                     "check_same_thread": False})  # used under _db_lock only
                db.event.listen(engine, "connect", _commit_without_fsync)
                engines[shard] = engine
                while len(engines) > _ENGINES_KEPT:  # a long-lived daemon sees many runs' shards
                    engines.popitem(last=False)[1].dispose()
            engines.move_to_end(shard)
            if fresh:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def _forget_connections(self) -> None:
        """In a forked child: stop using the parent's connections, and never close them (closing
        would checkpoint, and could delete, a write-ahead log the parent is using). They are kept
        referenced for the child's life; pool workers leave by os._exit, without finalizing them."""
        _INHERITED.extend(self._engines.values())
        self._engines.clear()

    def watch(self, run_id: str, cursor: str | None, callback) -> None:
        """As the stock storage watches a run's shard, but also waking on its write-ahead log: with
        the connection kept open, a commit changes `<run>.db-wal` alone until a checkpoint."""
        if not self._obs:
            self._obs = Observer()
            self._obs.start()
        watchdog = _ShardAndLogWatchdog(self, run_id, callback, cursor)
        self._watchers[run_id][callback] = (watchdog, self._obs.schedule(watchdog, self._base_dir, recursive=True))

    def dispose(self) -> None:
        for engine in self._engines.values():
            engine.dispose()
        self._engines.clear()
        super().dispose()

    def _initdb(self, engine, for_index_shard: bool = False) -> None:
        path = engine.url.database
        if for_index_shard or not path or os.path.exists(path):
            return super()._initdb(engine, for_index_shard)  # the index, or a shard someone made
        try:
            with engine.connect() as conn:
                SqlEventLogStorageMetadata.create_all(conn)
                conn.execute(db.text("PRAGMA journal_mode=WAL"))
                conn.execute(db.text("PRAGMA synchronous=NORMAL"))  # as _commit_without_fsync, now in WAL
                conn.execute(db.text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                                     "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
                conn.execute(db.text("INSERT INTO alembic_version VALUES (:head)"), {"head": _head_revision()})
                conn.commit()
        except db.exc.DBAPIError:  # another process made it meanwhile: the stock path checks and retries
            super()._initdb(engine, for_index_shard)

    def _has_asset_key_col_on_connection(self, conn, column_name: str) -> bool:
        """Asked for every asset event, and answered by reading the table's schema each time (a fifth
        of a partition's materialization cost). A column, once there, stays."""
        stock = super()._has_asset_key_col_on_connection
        return _remembered(self._asset_key_cols, column_name, lambda: stock(conn, column_name))

    def has_table(self, table_name: str) -> bool:
        """The stock method builds an engine to ask, 46 times in a one-file run (3 ms each). The index's
        tables, once made, stay (wipe() empties them)."""
        stock = super().has_table
        return _remembered(self._index_tables, table_name, lambda: stock(table_name))

    def store_event_batch(self, events: Sequence[EventLogEntry]) -> None:
        asset_events = [e for e in events if e.is_dagster_event and e.dagster_event_type in ASSET_EVENTS]
        if len({e.run_id for e in events}) != 1 or len(asset_events) != len(events):
            for event in events:  # not the batch Dagster sends for a step's materializations
                self.store_event(event)
            return
        statements = [self.prepare_insert_event(e) for e in events]
        with self.run_connection(events[0].run_id) as conn:
            for statement in statements:
                conn.execute(statement)
        # The run's shard has them now: from here on nothing may raise, or Dagster would fall back
        # to store_event and write them to the run's shard a second time.
        try:
            with self.index_transaction() as conn:  # mirrored in the index, as store_event does
                self._mirror(conn, events, statements)
        except Exception:  # noqa: BLE001 - e.g. the index locked past SQLite's busy timeout
            for event, statement in zip(events, statements):  # one by one, each in its own transaction
                with self.index_transaction() as conn:
                    self._mirror(conn, [event], [statement])

    def _mirror(self, conn, events: Sequence[EventLogEntry], statements) -> None:
        ids = []
        for statement in statements:
            with db_result(conn, statement) as result:
                ids.append(result.inserted_primary_key[0])
        self._store_asset_event_tags(conn, list(events), ids)
        for event, event_id in zip(events, ids):
            self._store_asset_event(conn, event, event_id)


def _remembered(known: set[str], name: str, ask: Callable[[], bool]) -> bool:
    """ask(), remembering a yes: what SQLite's schema says exists stays."""
    if name not in known and ask():
        known.add(name)
    return name in known


@lru_cache(maxsize=1)
def _head_revision() -> str:
    """The event log schema's alembic head, as the stock storage stamps it on a new shard."""
    return ScriptDirectory.from_config(get_alembic_config(sqlite_event_log.__file__)).as_revision_number("head")


def _commit_without_fsync(dbapi_connection, _record) -> None:
    """In WAL mode SQLite's NORMAL sync is safe from corruption: a commit no longer waits for the disk
    (0.5 ms each, 140 commits a run); a power cut may lose the last events. Other modes keep FULL."""
    if dbapi_connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")


class _ShardAndLogWatchdog(SqliteEventLogStorageWatchdog):
    def __init__(self, event_log_storage, run_id: str, callback, cursor: str | None):
        super().__init__(event_log_storage, run_id, callback, cursor)
        PatternMatchingEventHandler.__init__(self, patterns=[self._log_path, self._log_path + "-wal"])

    def on_modified(self, event) -> None:
        self._process_log()


def _after_fork_in_child() -> None:
    for storage in list(_STORAGES):
        storage._forget_connections()


os.register_at_fork(after_in_child=_after_fork_in_child)
