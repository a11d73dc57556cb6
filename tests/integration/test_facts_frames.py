"""The facts step builds its frames in chunks (ROWS_PER_FRAME rows of a table at a time, for memory):
chunked or not, the fact tables hold the same rows."""
from __future__ import annotations

import duckdb

from pipelines.defs.assets import facts as facts_assets
from pipelines.warehouse.schema import FACT_TABLES
from tests.conftest import SEEDS
from tests.helpers import WITHOUT_MARTS, materialize_into


def test_fact_tables_are_the_same_built_in_small_chunks(tmp_path, monkeypatch, seeded_warehouse):
    monkeypatch.setattr(facts_assets, "ROWS_PER_FRAME", 7)  # every table of the seeds spans many chunks
    chunked = tmp_path / "chunked.duckdb"
    materialize_into(chunked, monkeypatch, SEEDS, selection=WITHOUT_MARTS)
    with duckdb.connect(str(chunked), read_only=True) as con:
        con.execute(f"ATTACH '{seeded_warehouse}' AS whole (READ_ONLY)")
        for table in FACT_TABLES:
            rows = con.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]
            assert rows == con.execute(f'SELECT count(*) FROM whole."{table.name}"').fetchone()[0]
            for a, b in (("", "whole."), ("whole.", "")):
                differ = con.execute(f'SELECT count(*) FROM (SELECT * FROM {a}"{table.name}" '
                                     f'EXCEPT ALL SELECT * FROM {b}"{table.name}")').fetchone()[0]
                assert differ == 0, (table.name, a, b)
        targets = con.execute("SELECT count(*) FROM fact_targets").fetchone()[0]
    assert targets > 7  # the seeds' targets alone fill several chunks
