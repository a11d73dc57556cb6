"""Shared fixtures: the bundled seeds, and a warehouse built from them once per session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import build_warehouse

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

# Team mode stays off in tests unless a test turns it on (tests/integration/test_team.py, against
# GOVREPORTS_TEST_PG_URL): a developer's exported team settings must not send `make test` to a server.
for _var in ("GOVREPORTS_DAGSTER_PG_URL", "GOVREPORTS_DUCKLAKE_CATALOG", "GOVREPORTS_DUCKLAKE_DATA", "GOVREPORTS_PUBLISH_WAIT"):
    os.environ.pop(_var, None)


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeded_warehouse(tmp_path_factory) -> Path:
    """The seeds, materialised into a fresh DuckDB file (assets only). Tests must not modify it."""
    return build_warehouse(tmp_path_factory.mktemp("seeded") / "govreports.duckdb", SEEDS)


@pytest.fixture
def warehouse_copy(tmp_path, seeded_warehouse) -> Path:
    """A private copy of the seeded warehouse, in a folder of its own, for tests that change it."""
    db = tmp_path / "wh" / "govreports.duckdb"
    db.parent.mkdir()
    shutil.copy(seeded_warehouse, db)
    return db
