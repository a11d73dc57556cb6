"""Every setting the pipeline reads from the environment, in one place; paths have repo-relative defaults.

GOVREPORTS_SEEDS      folder of input files           (default: seeds/)
GOVREPORTS_WAREHOUSE  the DuckDB file                 (default: warehouse/govreports.duckdb)
DAGSTER_HOME          Dagster's instance folder       (default: dagster_home/)
GOVREPORTS_WORKERS    processes that extract in a step (default: the machine's cores)
GOVREPORTS_EXECUTOR   in_process (default) or multiprocess: how a run's steps execute
GOVREPORTS_DAGSTER_PG_URL  Postgres URL: Dagster's run, event-log and schedule storage there (team mode)
GOVREPORTS_DUCKLAKE_CATALOG  Postgres URL of the DuckLake catalog; set, it turns team mode on
GOVREPORTS_DUCKLAKE_DATA     where the lake's Parquet files go (default: ducklake/ beside GOVREPORTS_WAREHOUSE)
GOVREPORTS_PUBLISH_WAIT      seconds a publish waits for another run's publish (default 600)

GOVREPORTS_DBT_DATABASE is not a setting: the marts' dbt project (models/profiles.yml) reads it,
and the pipeline sets it to the file a run writes (pipelines/defs/dbt_models.py); set it yourself only
to run dbt by hand (docs/models.md).
"""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# The marts' dbt project: dbt_project.yml, profiles.yml, marts/*.sql and their tests.
DBT_PROJECT_DIR = REPO_ROOT / "models"
DBT_DATABASE_ENV = "GOVREPORTS_DBT_DATABASE"


def _path(var: str, default: str) -> Path:
    value = os.environ.get(var, "").strip()
    path = Path(value).expanduser() if value else REPO_ROOT / default
    return path if path.is_absolute() else (Path.cwd() / path)


def seeds_dir() -> Path:
    return _path("GOVREPORTS_SEEDS", "seeds")


def warehouse_path() -> Path:
    return _path("GOVREPORTS_WAREHOUSE", "warehouse/govreports.duckdb")


def dagster_home() -> Path:
    return _path("DAGSTER_HOME", "dagster_home")


def workers() -> int:
    value = os.environ.get("GOVREPORTS_WORKERS", "").strip()
    if value and (not value.isdigit() or int(value) < 1):
        raise ValueError(f"GOVREPORTS_WORKERS={value!r}: expected a whole number of processes, 1 or more")
    return int(value) if value else (os.cpu_count() or 1)


# Which Dagster executor runs the steps (pipelines/defs/executor.py builds it):
#   in_process    (default) every step in the run's own process: no start-up cost per step
#   multiprocess  a process per step, at most two at once
EXECUTOR_VAR = "GOVREPORTS_EXECUTOR"
EXECUTORS = ("in_process", "multiprocess")


def executor_name() -> str:
    name = os.environ.get(EXECUTOR_VAR, "").strip().lower().replace("-", "_") or "in_process"
    if name not in EXECUTORS:
        raise ValueError(f"GOVREPORTS_EXECUTOR={name!r}: expected one of {', '.join(EXECUTORS)}")
    return name


def settings() -> tuple[str, ...]:
    """The paths, workers and executor settings, as read now: what the definitions are built from."""
    return (str(seeds_dir()), str(warehouse_path()), str(dagster_home()),
            os.environ.get("GOVREPORTS_WORKERS", ""), os.environ.get(EXECUTOR_VAR, ""))


# Team mode (pipelines/warehouse/team.py): the published warehouse is a DuckLake, its catalog in Postgres.
DUCKLAKE_CATALOG_VAR = "GOVREPORTS_DUCKLAKE_CATALOG"
DUCKLAKE_DATA_VAR = "GOVREPORTS_DUCKLAKE_DATA"
PUBLISH_WAIT_VAR = "GOVREPORTS_PUBLISH_WAIT"


def ducklake_catalog_url() -> str | None:
    value = os.environ.get(DUCKLAKE_CATALOG_VAR, "").strip()
    return value or None


def ducklake_data_path() -> str:
    value = os.environ.get(DUCKLAKE_DATA_VAR, "").strip()
    path = value or str(warehouse_path().parent / "ducklake")
    return path if "://" in path or path.endswith("/") else path + "/"


def publish_wait() -> float:
    value = os.environ.get(PUBLISH_WAIT_VAR, "").strip()
    try:
        return float(value) if value else 600.0
    except ValueError:
        raise ValueError(f"{PUBLISH_WAIT_VAR}={value!r}: expected seconds") from None


# Dagster settings for runs over many file partitions (read by Dagster from the environment of
# the process that creates a run or executes its steps; set here unless already set):
# - one ASSET_MATERIALIZATION_PLANNED event per asset for a run over many partitions, not one per
#   partition (Dagster's trade-off: a failed run does not mark each partition failed).
DAGSTER_ENV = {
    "DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS": "true",
}
# - with Dagster's storage in Postgres (GOVREPORTS_DAGSTER_PG_URL), a step's materializations of many
#   partitions written in batches: dagster-postgres inserts a batch in one statement (the 1,000-document
#   bench's run, 143 files: 120 s → 57 s, measured once each on a loaded machine). Not with SQLite, whose
#   event log stores a batch one event at a time (EventLogStorage.store_event_batch's default), so
#   batching would only hold events back.
POSTGRES_DAGSTER_ENV = {
    "DAGSTER_EVENT_BATCH_SIZE": "1000",
}


def dagster_env() -> dict[str, str]:
    """The Dagster settings above for the storage in use (DAGSTER_PG_VAR read now)."""
    return {**DAGSTER_ENV, **(POSTGRES_DAGSTER_ENV if os.environ.get(DAGSTER_PG_VAR, "").strip() else {})}


def apply_dagster_env() -> None:
    for name, value in dagster_env().items():
        os.environ.setdefault(name, value)


# The instance settings every Dagster home of this project starts from (stock SQLite storage).
INSTANCE_YAML = REPO_ROOT / "dagster_home" / "dagster.yaml"


def prepare_dagster_home(home: Path | None = None) -> Path:
    """Create the Dagster home folder, with the project's dagster.yaml when it has none."""
    if os.environ.get(DAGSTER_PG_VAR, "").strip():
        return prepare_postgres_home(home)
    home = home or dagster_home()
    home.mkdir(parents=True, exist_ok=True)
    target = home / "dagster.yaml"
    if not target.exists():
        target.write_text(INSTANCE_YAML.read_text(encoding="utf-8"), encoding="utf-8")
    return home


# Team mode: with GOVREPORTS_DAGSTER_PG_URL set, run, event-log and schedule storage are Postgres
# (dagster-postgres). The instance is then DAGSTER_HOME/postgres/dagster.yaml, made from the
# project's dagster.yaml with its storage settings replaced; it names the variable, never the URL.
DAGSTER_PG_VAR = "GOVREPORTS_DAGSTER_PG_URL"
_STORAGE_KEYS = ("storage", "run_storage", "event_log_storage", "schedule_storage")


def postgres_instance_yaml() -> str:
    import yaml  # Dagster's own dependency

    settings = {k: v for k, v in (yaml.safe_load(INSTANCE_YAML.read_text(encoding="utf-8")) or {}).items()
                if k not in _STORAGE_KEYS}
    settings["storage"] = {"postgres": {"postgres_url": {"env": DAGSTER_PG_VAR}}}
    return ("# Written by pipelines/config.py (prepare_postgres_home) from dagster_home/dagster.yaml: "
            f"team mode, storage in the Postgres at ${DAGSTER_PG_VAR}.\n" + yaml.safe_dump(settings, sort_keys=False))


def prepare_postgres_home(home: Path | None = None) -> Path:
    """The Dagster home of team mode, <home>/postgres, its dagster.yaml written afresh each time.

    Called without `home` (make run, make dev), it also points DAGSTER_HOME there for this process
    and the ones it starts."""
    target = (home or dagster_home()) / "postgres"
    target.mkdir(parents=True, exist_ok=True)
    (target / "dagster.yaml").write_text(postgres_instance_yaml(), encoding="utf-8")
    if home is None:
        os.environ["DAGSTER_HOME"] = str(target)
    return target
