"""Write, audit, publish: an odd fact row is set aside and the rest publishes; a broken key still blocks.

Real runs: the Dagster graph in process, every asset and check, into a real DuckDB file through
the working copy, published by warehouse_published. The odd row comes from the extractor itself
(a date span that ends before it starts), as a real collection's odd row would.
"""
from __future__ import annotations

import shutil
from datetime import timedelta

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import all_assets
from pipelines.defs.asset_checks import asset_checks
from pipelines.defs.assets import facts as facts_asset
from pipelines.defs.resources import WarehouseResource
from pipelines.warehouse.summary import summarize
from tests.conftest import SEEDS
from tests.helpers import materialize_into, query

FILES = ("000_9186873d32b83b5a.txt", "001_2cbcf802db6e83b8.txt", "003_32fdeeb7734b567c.txt", "004_df31f4454c7cdcdc.txt")
ODD_DOC = "003_32fdeeb7734b567c.txt:001"  # a one-report file: its first date is made to end before it starts
_real_extract = facts_asset.extract_facts


def extract_with_one_odd_date(doc):
    """The real extraction, but the first date of ODD_DOC ends the day before it starts (module level:
    forked workers find it by name)."""
    found = _real_extract(doc)
    if doc.doc_id == ODD_DOC and found.dates:
        first = found.dates[0]
        found = found._replace(dates=[first._replace(date_end=first.date_start - timedelta(days=1)), *found.dates[1:]])
    return found


def run(db, seeds, monkeypatch, **kwargs):
    return materialize_into(db, monkeypatch, seeds, assets=[*all_assets, *asset_checks],
                            resources={"duckdb": WarehouseResource(database=str(db))}, **kwargs)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    for name in FILES:
        shutil.copy(SEEDS / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def odd_run(tmp_path_factory, seeds):
    """One run over the files with the odd date: (published warehouse, the run's result)."""
    db = tmp_path_factory.mktemp("odd") / "warehouse" / "govreports.duckdb"
    db.parent.mkdir()
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(facts_asset, "extract_facts", extract_with_one_odd_date)
        result = run(db, seeds, mp, raise_on_error=False)
    finally:
        mp.undo()
    return db, result


@pytest.fixture
def odd_warehouse(odd_run, tmp_path):
    """A private copy of the odd run's folder: the published file, its working copy, its Data Docs."""
    folder = tmp_path / "warehouse"
    shutil.copytree(odd_run[0].parent, folder)
    return folder / odd_run[0].name


def _published(result) -> dict:
    events = [e.event_specific_data.materialization for e in result.get_asset_materialization_events()]
    return next(m.metadata for m in events if m.asset_key.to_user_string() == "warehouse_published")


def test_an_odd_row_is_set_aside_and_the_rest_publishes(odd_run):
    db, result = odd_run
    assert result.success
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    ranges = checks["fact_dates__ranges"]
    assert ranges.passed and ranges.severity == dg.AssetCheckSeverity.ERROR
    assert ranges.metadata["set_aside"].value == 1
    (listed,) = ranges.metadata["set_aside_rows"].value
    odd_id = listed["row_key"]
    assert odd_id.startswith(ODD_DOC) and "span_days = -1" in listed["reason"]

    # the published warehouse: the row is out of fact_dates, in quarantined_rows whole, and the rest is there
    assert query(db, "SELECT count(*) FROM fact_dates WHERE date_id = ?", [odd_id]) == [(0,)]
    assert query(db, "SELECT count(*) FROM fact_dates WHERE doc_id = ?", [ODD_DOC])[0][0] > 0
    (entry,) = query(db, """SELECT run_id, table_name, row_key, check_name, reason, doc_id,
                                   row_json->>'date_id', (row_json->>'date_end')::DATE - (row_json->>'date_start')::DATE
                            FROM quarantined_rows""")
    assert entry[:4] == (result.run_id, "fact_dates", odd_id, "fact_dates__ranges")
    assert "must be ≥ 0" in entry[4] and entry[5:] == (ODD_DOC, odd_id, -1)
    # what the expectation found is still on record, as is every other check of the run
    assert query(db, "SELECT bool_and(success) FROM dq_results WHERE run_id = ? AND check_name = 'fact_dates__ranges'",
                 [result.run_id]) == [(False,)]
    assert query(db, "SELECT count(*) FROM marts.quality_summary")[0][0] > 0

    # the run summary, and the Data Docs front page
    published = _published(result)
    assert published["published"].value is True and published["rows_set_aside"].value == 1
    assert f"fact_dates {odd_id}: span_days = -1" in published["summary"].value
    with duckdb.connect(str(db), read_only=True) as con:
        summary = summarize(con, result.run_id)
    assert summary.set_aside_by_check == {"fact_dates__ranges": 1} and summary.set_aside_now == 1
    assert "fact_dates__ranges" not in summary.failed_checks  # it passed, by setting the row aside
    assert published["failed_checks"].value == len(summary.failed_checks)
    page = (db.parent / "data_docs" / "index.html").read_text(encoding="utf-8")
    assert "Rows set aside: 1" in page and odd_id in page and "ROW(S) SET ASIDE" in page


def test_a_file_extracted_again_drops_its_stale_entries(odd_warehouse, seeds, monkeypatch):
    """Once the extractor gives the row right, re-running the file brings it back and its entry goes."""
    (odd_id,) = query(odd_warehouse, "SELECT row_key FROM quarantined_rows")[0]
    run(odd_warehouse, seeds, monkeypatch)
    assert query(odd_warehouse, "SELECT count(*) FROM quarantined_rows") == [(0,)]
    (span,) = query(odd_warehouse, "SELECT date_end - date_start FROM fact_dates WHERE date_id = ?", [odd_id])
    assert span[0] >= 0


def test_the_odd_row_set_aside_again_replaces_its_entry(odd_warehouse, seeds, monkeypatch):
    monkeypatch.setattr(facts_asset, "extract_facts", extract_with_one_odd_date)
    before = query(odd_warehouse, "SELECT table_name, row_key, check_name, reason, row_json FROM quarantined_rows")
    result = run(odd_warehouse, seeds, monkeypatch)
    after = query(odd_warehouse, "SELECT table_name, row_key, check_name, reason, row_json, run_id FROM quarantined_rows")
    assert [r[:5] for r in after] == before and after[0][5] == result.run_id


@pytest.mark.parametrize("broken_key", [
    "INSERT INTO fact_dates SELECT * FROM fact_dates WHERE date_id = (SELECT max(date_id) FROM fact_dates)",
    "UPDATE fact_dates SET date_id = NULL WHERE date_id = (SELECT max(date_id) FROM fact_dates)",
], ids=["repeated", "null"])
def test_a_broken_key_still_blocks_publishing(odd_warehouse, seeds, monkeypatch, broken_key):
    """A repeated or NULL key means the pipeline is broken: nothing is set aside, nothing is published,
    even with an odd row beside it that the row rule would otherwise set aside."""
    working = odd_warehouse.parent / ".building" / odd_warehouse.name
    published_before = odd_warehouse.read_bytes()
    with duckdb.connect(str(working)) as con:
        con.execute(broken_key)
        con.execute("UPDATE fact_dates SET date_end = date_start - 1 WHERE date_id = (SELECT min(date_id) FROM fact_dates)")
    result = run(odd_warehouse, seeds, monkeypatch, raise_on_error=False,
                 selection=dg.AssetSelection.checks_for_assets("fact_dates") | dg.AssetSelection.assets("warehouse_published"))
    assert not result.success
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert checks["fact_dates__keys"].passed is False
    assert checks["fact_dates__ranges"].passed is False
    assert "repeated or NULL" in checks["fact_dates__ranges"].metadata["set_aside_note"].value
    materialized = {e.event_specific_data.materialization.asset_key.to_user_string()
                    for e in result.get_asset_materialization_events()}
    assert "warehouse_published" not in materialized
    assert odd_warehouse.read_bytes() == published_before  # users still read the last good warehouse
    with duckdb.connect(str(working), read_only=True) as con:  # and the working copy kept every row
        assert con.execute("SELECT count(*) FROM quarantined_rows WHERE run_id = ?", [result.run_id]).fetchone() == (0,)
