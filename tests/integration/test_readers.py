"""A reader holding the warehouse open never breaks a run, and never sees a half-written warehouse."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

from pipelines.defs.resources import WarehouseResource
from tests.conftest import SEEDS
from tests.helpers import materialize_into

READER = r"""
import duckdb, json, sys, time, pathlib
db, out, stop, mode = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), sys.argv[4]
QUERY = ("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM fact_dates), "
         "(SELECT count(DISTINCT doc_id) FROM fact_dates)")
held = duckdb.connect(db, read_only=True) if mode == "held" else None   # open for the whole run
seen = []
while not stop.exists():
    try:
        con = held or duckdb.connect(db, read_only=True)                  # or a new one each time
        seen.append(list(con.execute(QUERY).fetchone()))
        if held is None:
            con.close()
    except Exception as e:  # noqa: BLE001 - any failure is what the test looks for
        seen.append(f"{type(e).__name__}: {e}")
    time.sleep(0.05)
out.write_text(json.dumps(seen))
"""


def run(seeds, db, monkeypatch):
    return materialize_into(db, monkeypatch, seeds, resources={"duckdb": WarehouseResource(database=str(db))})


def state(db):
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return list(con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM fact_dates), "
                                "(SELECT count(DISTINCT doc_id) FROM fact_dates)").fetchone())


def test_run_succeeds_while_a_reader_holds_the_warehouse(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "003_32fdeeb7734b567c.txt", seeds)
    db = tmp_path / "warehouse" / "govreports.duckdb"
    db.parent.mkdir()
    run(seeds, db, monkeypatch)
    before = state(db)
    assert (db.parent / ".building" / db.name).exists()  # runs write the working copy, not the file readers use

    stop = tmp_path / "stop"
    readers = {mode: subprocess.Popen([sys.executable, "-c", READER, str(db), str(tmp_path / f"{mode}.json"),
                                       str(stop), mode]) for mode in ("held", "fresh")}
    try:
        time.sleep(1.0)
        shutil.copy(SEEDS / "004_df31f4454c7cdcdc.txt", seeds)
        run(seeds, db, monkeypatch)              # would fail on DuckDB's lock if it wrote `db` itself
        after = state(db)
        time.sleep(1.0)
    finally:
        stop.touch()
        for reader in readers.values():
            reader.wait(timeout=60)
    held = json.loads((tmp_path / "held.json").read_text())
    fresh = json.loads((tmp_path / "fresh.json").read_text())
    assert before != after and after[0] == before[0] + 1
    assert held and fresh and all(isinstance(s, list) for s in held + fresh), [s for s in held + fresh if isinstance(s, str)]
    assert all(s == before for s in held)                     # the file a reader holds stays whole
    assert {tuple(s) for s in fresh} <= {tuple(before), tuple(after)}  # whole states only, never half
    assert fresh[-1] == after                                 # new connections see the new warehouse
