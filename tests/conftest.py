"""Shared fixtures: the bundled seeds, and a warehouse built from them once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import materialize_into

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeded_warehouse(tmp_path_factory) -> Path:
    """The seeds, materialised into a fresh DuckDB file (assets only). Tests must not modify it."""
    db = tmp_path_factory.mktemp("seeded") / "govreports.duckdb"
    mp = pytest.MonkeyPatch()
    try:
        materialize_into(db, mp, SEEDS)
    finally:
        mp.undo()
    return db
