"""Each quality suite catches the bad row it exists for, with its severity; blocking failures stop downstream."""
from __future__ import annotations


import dagster as dg
import duckdb
import pytest

from pipelines.checks.execute import execute
from pipelines.checks.suites import SUITES
from pipelines.definitions import all_assets
from pipelines.defs.asset_checks import asset_checks
from tests.conftest import SEEDS
from tests.helpers import materialize_into, query

ONE_DOC = "(SELECT min(doc_id) FROM documents WHERE doc_type = 'work_report')"
ONE_TARGET = "(SELECT min(target_id) FROM fact_targets WHERE measure = 'growth_rate')"
ONE_OUTCOME = "(SELECT min(outcome_id) FROM fact_outcomes WHERE measure = 'growth_rate')"

# The bad row each suite exists to catch.
INJECTIONS = {
    "ingest_log__keys": ["INSERT INTO ingest_log VALUES ('bad.txt', '', 'txt', 'x', 1, NULL, 'quarantined', NULL, now())"],
    "source_records__keys": ["INSERT INTO source_records SELECT * FROM source_records LIMIT 1"],
    "metadata_disagreements__none": [f"INSERT INTO metadata_disagreements SELECT source_file, source_record, doc_id, "
                                     f"'year', '年份', '1999', 'report_year 2022' FROM documents WHERE doc_id = {ONE_DOC}"],
    "documents__keys": [f"INSERT INTO documents SELECT * FROM documents WHERE doc_id = {ONE_DOC}"],
    "documents__codes": [f"UPDATE documents SET doc_type = 'speech' WHERE doc_id = {ONE_DOC}"],
    "documents__lines": [f"UPDATE documents SET line_end = line_start - 1 WHERE doc_id = {ONE_DOC}"],
    "documents__ranges": [f"UPDATE documents SET plan_year = report_year + 2 WHERE doc_id = {ONE_DOC}"],
    "documents__integrity": [f"UPDATE documents SET city_code = '999999' WHERE doc_id = {ONE_DOC}"],
    "documents__placement": [f"UPDATE documents SET city_code = NULL WHERE doc_id = {ONE_DOC}"],
    "dim_level__keys": ["INSERT INTO dim_level VALUES ('village', '村', 6)"],
    "dim_province__keys": ["INSERT INTO dim_province VALUES ('71000', '台湾省', '台湾')"],
    "dim_city__keys": ["INSERT INTO dim_city VALUES ('999901', '某某县', '某某', 'county', '990000', NULL, NULL, 1981, NULL, NULL, '999901')"],
    "dim_indicator__keys": ["UPDATE dim_indicator SET measures = 'growth_rate|speed' WHERE indicator_code = 'gdp'"],
    "fact_targets__keys": [f"INSERT INTO fact_targets SELECT * FROM fact_targets WHERE target_id = {ONE_TARGET}"],
    "fact_targets__codes": [f"UPDATE fact_targets SET measure = 'speed' WHERE target_id = {ONE_TARGET}"],
    "fact_targets__ranges": [f"UPDATE fact_targets SET value = 2023 WHERE target_id = {ONE_TARGET}"],
    "fact_targets__integrity": [f"UPDATE fact_targets SET doc_id = 'nowhere:001' WHERE target_id = {ONE_TARGET}"],
    "fact_targets__completeness": ["DELETE FROM fact_targets WHERE indicator_code = 'gdp'"],
    "fact_projects__keys": ["INSERT INTO fact_projects SELECT * FROM fact_projects LIMIT 1"],
    "fact_funds__keys": ["INSERT INTO fact_funds SELECT * FROM fact_funds LIMIT 1"],
    "fact_dates__keys": ["INSERT INTO fact_dates SELECT * FROM fact_dates LIMIT 1"],
    "fact_project_aggregates__keys": ["INSERT INTO fact_project_aggregates SELECT * FROM fact_project_aggregates LIMIT 1"],
    "fact_projects__integrity": ["UPDATE fact_projects SET city_code = '999999' WHERE project_id = "
                                 "(SELECT min(project_id) FROM fact_projects)"],
    "fact_funds__integrity": ["UPDATE fact_funds SET doc_id = 'nowhere:001' WHERE fund_id = (SELECT min(fund_id) FROM fact_funds)"],
    "fact_dates__integrity": ["UPDATE fact_dates SET doc_id = 'nowhere:001' WHERE date_id = (SELECT min(date_id) FROM fact_dates)"],
    "fact_project_aggregates__integrity": ["UPDATE fact_project_aggregates SET doc_id = 'nowhere:001' WHERE aggregate_id = "
                                           "(SELECT min(aggregate_id) FROM fact_project_aggregates)"],
    "fact_projects__codes": ["UPDATE fact_projects SET status = 'dreaming' WHERE project_id = "
                             "(SELECT min(project_id) FROM fact_projects)"],
    "fact_projects__ranges": ["UPDATE fact_projects SET investment_yuan = 1e16 WHERE project_id = "
                              "(SELECT min(project_id) FROM fact_projects WHERE investment_yuan IS NOT NULL)"],
    "fact_funds__codes": ["UPDATE fact_funds SET fund_kind = 'pocket_money' WHERE fund_id = (SELECT min(fund_id) FROM fact_funds)"],
    "fact_funds__ranges": ["UPDATE fact_funds SET amount_yuan = -5 WHERE fund_id = (SELECT min(fund_id) FROM fact_funds)"],
    "fact_dates__codes": ["UPDATE fact_dates SET granularity = 'week' WHERE date_id = (SELECT min(date_id) FROM fact_dates)"],
    "fact_dates__ranges": ["UPDATE fact_dates SET date_end = date_start - 1 WHERE date_id = (SELECT min(date_id) FROM fact_dates)"],
    "fact_targets_qualitative__integrity": [
        "UPDATE fact_targets_qualitative SET doc_id = 'nowhere:001' WHERE qualitative_id = "
        "(SELECT min(qualitative_id) FROM fact_targets_qualitative)"],
    "fact_outcomes__keys": ["INSERT INTO fact_outcomes SELECT * FROM fact_outcomes LIMIT 1"],
    "fact_outcomes__codes": [f"UPDATE fact_outcomes SET measure = 'speed' WHERE outcome_id = {ONE_OUTCOME}"],
    "fact_outcomes__ranges": [f"UPDATE fact_outcomes SET value = 2023 WHERE outcome_id = {ONE_OUTCOME}"],
    "fact_outcomes__integrity": [f"UPDATE fact_outcomes SET doc_id = 'nowhere:001' WHERE outcome_id = {ONE_OUTCOME}"],
}


# Worth a look, never blocking: an unplaced document, a document's odd dates or lines, a report without a GDP target.
WARNINGS = {"documents__placement", "documents__ranges", "documents__lines", "fact_targets__completeness",
            "metadata_disagreements__none"}


def test_every_suite_has_an_injection():
    assert set(INJECTIONS) == {s.check_name for s in SUITES}


def test_error_level_suites_pass_on_the_seeds(warehouse_copy):
    with duckdb.connect(str(warehouse_copy)) as con:
        outcomes = [execute(s, con, warehouse_copy, "seeds") for s in SUITES]
    failed = [(o.suite.check_name, [f.observed for f in o.failed]) for o in outcomes
              if o.suite.severity == "error" and not o.success]
    assert failed == []
    rows = query(warehouse_copy, "SELECT count(*), count(DISTINCT check_name) FROM dq_results WHERE run_id = 'seeds'")
    assert rows == [(sum(len(s.expectations) for s in SUITES), len(SUITES))]
    assert (warehouse_copy.parent / "data_docs" / "index.html").exists()
    assert (warehouse_copy.parent / "data_docs" / "gx" / "index.html").exists()


@pytest.mark.parametrize("suite", SUITES, ids=lambda s: s.check_name)
def test_suite_catches_its_bad_row(suite, warehouse_copy):
    with duckdb.connect(str(warehouse_copy)) as con:
        before = execute(suite, con, warehouse_copy, "before")
        for sql in INJECTIONS[suite.check_name]:
            con.execute(sql)
        after = execute(suite, con, warehouse_copy, "after")
    assert not after.success
    assert after.suite.severity == ("warning" if suite.check_name in WARNINGS else "error")
    assert len(after.failed) > len(before.failed) or (
        [f.observed for f in after.failed] != [f.observed for f in before.failed])
    recorded = query(warehouse_copy, "SELECT bool_and(success) FROM dq_results WHERE run_id = 'after' AND check_name = ?",
                     [suite.check_name])
    assert recorded == [(False,)]
    set_aside = query(warehouse_copy, "SELECT count(*) FROM quarantined_rows WHERE run_id = 'after' AND check_name = ?",
                      [suite.check_name]) if suite.rows else [(0,)]
    if suite.rows:  # a row rule: the bad row is set aside and the check passes
        assert after.passed and after.set_aside.rows == 1 and set_aside == [(1,)]
    else:           # a table rule: the check fails (and blocks, if an error)
        assert not after.passed and after.set_aside is None


def test_blocking_failure_stops_the_downstream_asset(warehouse_copy, monkeypatch):
    """A document placed outside dim_city fails documents__integrity (error): fact_targets must not run."""
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute("DELETE FROM dim_city WHERE city_name = '济南市'")
    result = materialize_into(
        warehouse_copy, monkeypatch, SEEDS, assets=[*all_assets, *asset_checks],
        selection=dg.AssetSelection.assets("ingest_log", "source_records", "documents", "metadata_disagreements")
        | dg.AssetSelection.groups("facts"),
        raise_on_error=False)
    assert not result.success
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert evaluations["documents__integrity"].passed is False
    assert evaluations["documents__integrity"].severity == dg.AssetCheckSeverity.ERROR
    materialized = {m.asset_key.to_user_string() for m in result.get_asset_materialization_events()
                    for m in [m.event_specific_data.materialization]}
    assert "documents" in materialized and "fact_targets" not in materialized


def test_rechecking_the_same_data_keeps_dq_results_size(warehouse_copy):
    suite = SUITES[1]
    with duckdb.connect(str(warehouse_copy)) as con:
        execute(suite, con, warehouse_copy, "run-1")
        execute(suite, con, warehouse_copy, "run-2")
        # (the seeded warehouse's dq_results holds the marts' dbt tests already)
        mine = "SELECT count(*), count(DISTINCT run_id) FROM dq_results WHERE check_name = ?"
        same = con.execute(mine, [suite.check_name]).fetchone()
        for statement in INJECTIONS[suite.check_name]:
            con.execute(statement)
        execute(suite, con, warehouse_copy, "run-3")
        changed = con.execute(mine, [suite.check_name]).fetchone()
    assert same == (len(suite.expectations), 1)          # run-2 replaced run-1: same data
    assert changed == (2 * len(suite.expectations), 2)   # new data: history grows


def test_a_suite_that_cannot_run_fails_alone(warehouse_copy, monkeypatch):
    """A table's suites run in one step: one that raises is reported failed with its error, the rest still report."""
    from pipelines.defs import asset_checks as module

    real = module.execute

    def breaks_on_keys(suite, *args, **kwargs):
        if suite.check_name == "documents__keys":
            raise RuntimeError("query failed")
        return real(suite, *args, **kwargs)

    monkeypatch.setattr(module, "execute", breaks_on_keys)
    result = materialize_into(warehouse_copy, monkeypatch, SEEDS, assets=[*all_assets, *asset_checks],
                              selection=dg.AssetSelection.checks_for_assets("documents"), raise_on_error=False)
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    documents_suites = {s.check_name for s in SUITES if s.table == "documents"}
    assert set(evaluations) == documents_suites
    broken = evaluations.pop("documents__keys")
    assert broken.passed is False and "query failed" in broken.metadata["error"].value
    assert all(e.passed for e in evaluations.values())


ODD_FUND = "(SELECT min(fund_id) FROM fact_funds)"
FUNDS_RANGES = next(s for s in SUITES if s.check_name == "fact_funds__ranges")
# The documented way to put a set-aside row back (docs/data-quality.md): its columns' types from the
# catalog, the row rebuilt from row_json, its entry deleted.
READMIT = [
    "SET VARIABLE fact_funds_columns = (SELECT json_group_object(column_name, data_type) FROM duckdb_columns() "
    "WHERE schema_name = 'main' AND table_name = 'fact_funds')",
    "INSERT INTO fact_funds BY NAME SELECT unnest(from_json(row_json, getvariable('fact_funds_columns'))) "
    "FROM quarantined_rows WHERE table_name = 'fact_funds' AND row_key = $key",
    "DELETE FROM quarantined_rows WHERE table_name = 'fact_funds' AND row_key = $key",
]


def test_a_set_aside_row_is_readmitted_whole_and_never_listed_twice(warehouse_copy):
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute(f"UPDATE fact_funds SET amount_yuan = 2e15 WHERE fund_id = {ODD_FUND}")
        (odd,) = con.execute(f"SELECT * FROM fact_funds WHERE fund_id = {ODD_FUND}").fetchall()
        first = execute(FUNDS_RANGES, con, warehouse_copy, "run-1")
        assert first.passed and first.breaches == ((odd[0], "amount_yuan = 2e+15, must be > 0 and ≤ 1e+15"),)
        assert con.execute("SELECT count(*) FROM fact_funds WHERE fund_id = ?", [odd[0]]).fetchone() == (0,)
        for sql in READMIT:
            con.execute(sql, {"key": odd[0]} if "$key" in sql else None)
        assert con.execute("SELECT * FROM fact_funds WHERE fund_id = ?", [odd[0]]).fetchall() == [odd]  # every value
        assert con.execute("SELECT count(*) FROM quarantined_rows").fetchone() == (0,)
        # still breaking the rule, so the next check sets it aside again; twice over, one entry
        execute(FUNDS_RANGES, con, warehouse_copy, "run-2")
        con.execute(READMIT[1], {"key": odd[0]})
        execute(FUNDS_RANGES, con, warehouse_copy, "run-3")
        entries = con.execute("SELECT row_key, run_id FROM quarantined_rows").fetchall()
    assert entries == [(odd[0], "run-3")]


def test_more_than_the_set_share_set_aside_blocks(warehouse_copy):
    """Many breaking rows mean a broken extractor: nothing moves, and the check fails."""
    from pipelines.checks.quarantine import MAX_SHARE

    with duckdb.connect(str(warehouse_copy)) as con:
        rows = con.execute("SELECT count(*) FROM fact_funds").fetchone()[0]
        many = int(rows * MAX_SHARE) + 1
        con.execute("UPDATE fact_funds SET amount_yuan = -1 WHERE fund_id IN "
                    "(SELECT fund_id FROM fact_funds ORDER BY fund_id LIMIT ?)", [many])
        outcome = execute(FUNDS_RANGES, con, warehouse_copy, "run")
        left = con.execute("SELECT count(*) FROM fact_funds").fetchone()[0]
    assert not outcome.passed and outcome.set_aside.rows == 0 and "more than 5%" in outcome.set_aside.refused
    assert left == rows and query(warehouse_copy, "SELECT count(*) FROM quarantined_rows") == [(0,)]


def test_one_odd_row_of_a_small_table_is_set_aside_whatever_its_share(warehouse_copy):
    """A small run (ten funds) with one odd row: 10 % of the table, but one row is no broken extractor."""
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute("DELETE FROM fact_funds WHERE fund_id NOT IN (SELECT fund_id FROM fact_funds ORDER BY fund_id LIMIT 10)")
        con.execute("UPDATE fact_funds SET amount_yuan = -1 WHERE fund_id = (SELECT min(fund_id) FROM fact_funds)")
        outcome = execute(FUNDS_RANGES, con, warehouse_copy, "run")
        left = con.execute("SELECT count(*) FROM fact_funds").fetchone()[0]
    assert outcome.passed and outcome.set_aside.rows == 1 and left == 9


def test_facts_of_an_unplaced_document_pass_and_an_unknown_city_blocks(warehouse_copy):
    """A document that cannot be placed keeps its row and its facts (city_code NULL): only a warning.
    A city_code that is not NULL but missing from dim_city is a broken pipeline."""
    integrity = [s for s in SUITES if s.name == "integrity"]
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute(f"UPDATE documents SET city_code = NULL WHERE doc_id = {ONE_DOC}")
        for table in ("fact_targets", "fact_projects", "fact_funds", "fact_dates", "fact_project_aggregates",
                      "fact_targets_qualitative", "fact_outcomes"):
            con.execute(f"UPDATE {table} SET city_code = NULL WHERE doc_id = {ONE_DOC}")
        unplaced = con.execute(f"SELECT count(*) FROM fact_targets WHERE doc_id = {ONE_DOC}").fetchone()[0]
        placement = execute(next(s for s in SUITES if s.check_name == "documents__placement"), con, warehouse_copy, "r")
        passed = {s.check_name: execute(s, con, warehouse_copy, "r").passed for s in integrity}
        con.execute(f"UPDATE fact_targets SET city_code = '999999' WHERE doc_id = {ONE_DOC}")
        unknown = execute(next(s for s in integrity if s.table == "fact_targets"), con, warehouse_copy, "r")
    assert unplaced > 0 and not placement.success and placement.suite.severity == "warning"
    assert all(passed.values()), passed
    assert not unknown.passed and unknown.suite.severity == "error"
