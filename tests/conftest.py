"""Shared fixtures: the bundled seeds, and a fresh warehouse per test."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def tmp_warehouse(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "warehouse" / "test.duckdb"
    path.parent.mkdir()
    monkeypatch.setenv("GOVREPORTS_WAREHOUSE", str(path))
    return path
