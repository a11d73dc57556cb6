"""The project's Dagster instance: Dagster's stock SQLite storage under DAGSTER_HOME (no storage class
of our own, issue 21), recording every partition of a run over many files."""
from __future__ import annotations

import dagster as dg

from pipelines import config

files = dg.DynamicPartitionsDefinition(name="files")


@dg.asset(partitions_def=files, backfill_policy=dg.BackfillPolicy.single_run())
def per_file(context) -> None:
    context.log.info(f"{len(context.partition_keys)} files")


def test_the_project_instance_uses_stock_storage_and_records_a_many_partition_run(tmp_path, monkeypatch):
    for name, value in config.DAGSTER_ENV.items():
        monkeypatch.setenv(name, value)
    home = config.prepare_dagster_home(tmp_path / "home")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    keys = [f"{i:03d}.txt" for i in range(120)]
    with dg.DagsterInstance.get() as instance:
        for storage in (instance.run_storage, instance.event_log_storage, instance.schedule_storage):
            cls = type(storage)  # Dagster's own SQLite classes, as an instance without dagster.yaml has
            assert cls.__module__.split(".")[0] == "dagster" and cls.__name__.startswith("Sqlite"), cls
        instance.add_dynamic_partitions(files.name, keys)
        result = dg.materialize([per_file], instance=instance, tags={
            "dagster/asset_partition_range_start": keys[0], "dagster/asset_partition_range_end": keys[-1]})
        assert result.success
        assert instance.get_materialized_partitions(per_file.key) == set(keys)
        materialized = instance.get_records_for_run(result.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION,
                                                    limit=1000)
        assert sorted(r.event_log_entry.dagster_event.partition for r in materialized.records) == keys  # each once
        planned = instance.get_records_for_run(result.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION_PLANNED)
        assert len(planned.records) == 1  # one planned event for the whole range, not one per file
        latest = instance.get_latest_materialization_event(per_file.key)
        assert latest is not None and latest.run_id == result.run_id
    # the event log lives in DAGSTER_HOME, where Dagster's default puts it (the run's own shard and the index)
    assert (home / "history" / "runs" / f"{result.run_id}.db").is_file()
    assert (home / "history" / "runs" / "index.db").is_file()


def test_the_committed_instance_settings_name_no_class_of_ours_nor_a_private_one():
    """dagster_home/dagster.yaml may choose among Dagster's storages by their public keys (`storage:
    sqlite/postgres`), never select a class by module: ours (gone, issue 21) or a private Dagster one."""
    import yaml

    def modules(node):
        if isinstance(node, dict):
            yield from ([node["module"]] if isinstance(node.get("module"), str) else [])
            for value in node.values():
                yield from modules(value)
        elif isinstance(node, list):
            for value in node:
                yield from modules(value)

    settings = yaml.safe_load(config.INSTANCE_YAML.read_text(encoding="utf-8"))
    assert settings.get("telemetry") == {"enabled": False}
    assert [m for m in modules(settings) if m.startswith(("pipelines", "dagster._"))] == []
