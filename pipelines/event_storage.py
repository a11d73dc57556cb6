"""Dagster's SQLite event log, storing a batch of events with one connection and one transaction.

A run over many file partitions records a materialization per partition and asset. The stock
SQLite storage opens an engine, a connection and a transaction for each event, twice for asset
events (the run's shard and the index): about 16 ms an event here, so a thousand-file run spent
longer recording than extracting. With DAGSTER_EVENT_BATCH_SIZE set (pipelines/config.py),
Dagster hands a step's materializations over as batches; this class writes each batch in one go.
Every other event is stored as before. dagster_home/dagster.yaml selects it.
"""
from __future__ import annotations

from collections.abc import Sequence

from dagster._core.events import ASSET_EVENTS
from dagster._core.events.log import EventLogEntry
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster._core.storage.sqlalchemy_compat import db_result


class BatchingSqliteEventLogStorage(SqliteEventLogStorage):
    @classmethod
    def from_config_value(cls, inst_data, config_value) -> BatchingSqliteEventLogStorage:
        return cls(inst_data=inst_data, **config_value)

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
