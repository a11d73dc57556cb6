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
