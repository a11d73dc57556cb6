"""Team mode's settings, without a server: the Dagster instance it writes, the extensions from their
wheels, passwords kept out of messages. (The parts against Postgres: tests/integration/test_team.py.)"""
from __future__ import annotations

import os

import duckdb
import pytest
import yaml

from pipelines import config
from pipelines.warehouse import team


def test_without_the_variable_the_project_instance_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv(config.DAGSTER_PG_VAR, raising=False)
    home = config.prepare_dagster_home(tmp_path / "home")
    assert home == tmp_path / "home"
    assert (home / "dagster.yaml").read_text() == config.INSTANCE_YAML.read_text()


def test_the_postgres_instance_names_the_variable_never_the_url(tmp_path, monkeypatch):
    monkeypatch.setenv(config.DAGSTER_PG_VAR, "postgresql://dagster:s3cret@db.example:5432/dagster")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "elsewhere"))
    home = config.prepare_dagster_home(tmp_path / "home")
    assert home == tmp_path / "home" / "postgres"
    text = (home / "dagster.yaml").read_text()
    assert "s3cret" not in text and "db.example" not in text
    settings = yaml.safe_load(text)
    assert settings["storage"] == {"postgres": {"postgres_url": {"env": config.DAGSTER_PG_VAR}}}
    assert not {"run_storage", "event_log_storage", "schedule_storage"} & set(settings)
    assert settings["telemetry"] == {"enabled": False}  # the project's other settings kept
    assert str(tmp_path / "elsewhere") == os.environ["DAGSTER_HOME"]  # an explicit home: env untouched
    # without a home (make run, make dev): DAGSTER_HOME points at the Postgres instance for this process
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "default"))
    home = config.prepare_dagster_home()
    assert home == tmp_path / "default" / "postgres" and os.environ["DAGSTER_HOME"] == str(home)


def test_events_are_written_in_batches_only_with_postgres_storage(monkeypatch):
    """dagster-postgres inserts a batch in one statement; the SQLite event log would only hold it back."""
    monkeypatch.delenv(config.DAGSTER_PG_VAR, raising=False)
    assert "DAGSTER_EVENT_BATCH_SIZE" not in config.dagster_env()
    assert config.dagster_env()["DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS"] == "true"
    monkeypatch.setenv(config.DAGSTER_PG_VAR, "postgresql://dagster@db.example:5432/dagster")
    assert int(config.dagster_env()["DAGSTER_EVENT_BATCH_SIZE"]) > 1
    monkeypatch.setenv("DAGSTER_EVENT_BATCH_SIZE", "")  # recorded, so the value set below is undone after the test
    monkeypatch.delenv("DAGSTER_EVENT_BATCH_SIZE")
    config.apply_dagster_env()
    assert int(os.environ["DAGSTER_EVENT_BATCH_SIZE"]) > 1


def test_team_mode_is_off_without_its_variable(monkeypatch, tmp_path):
    monkeypatch.delenv(config.DUCKLAKE_CATALOG_VAR, raising=False)
    assert not team.enabled()
    monkeypatch.setenv(config.DUCKLAKE_CATALOG_VAR, "postgresql://u:p@h/db")
    monkeypatch.setenv("GOVREPORTS_WAREHOUSE", str(tmp_path / "wh" / "g.duckdb"))
    monkeypatch.delenv(config.DUCKLAKE_DATA_VAR, raising=False)
    assert team.enabled() and config.ducklake_data_path() == str(tmp_path / "wh" / "ducklake") + "/"
    monkeypatch.setenv(config.DUCKLAKE_DATA_VAR, "s3://bucket/lake/")
    assert config.ducklake_data_path() == "s3://bucket/lake/"


def test_redact_hides_passwords():
    assert team.redact("cannot connect to postgresql://me:pa55@h:5432/db") == "cannot connect to postgresql://me:***@h:5432/db"
    assert "pa55" not in team.redact("host=h user=me password=pa55 dbname=db")


def test_extensions_install_from_their_wheels_offline():
    """The pinned duckdb and the extension wheels agree: INSTALL from the wheel's file, then LOAD, no download."""
    for name in ("ducklake", "postgres"):
        assert team.extension_file(name).parent.name == f"v{duckdb.__version__}"
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    team.load_extensions(con)
    loaded = dict(con.execute("SELECT extension_name, loaded FROM duckdb_extensions() "
                              "WHERE extension_name IN ('ducklake', 'postgres_scanner')").fetchall())
    assert loaded == {"ducklake": True, "postgres_scanner": True}


def test_attach_without_the_catalog_variable_says_so(monkeypatch):
    monkeypatch.delenv(config.DUCKLAKE_CATALOG_VAR, raising=False)
    with pytest.raises(team.TeamError, match=config.DUCKLAKE_CATALOG_VAR):
        with team.lake():
            pass
