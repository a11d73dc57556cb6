"""The marts' dbt project: its models and tests as Dagster assets and checks, built by dbt into `marts`, right on the seeds."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess

import dagster as dg
import duckdb
import pytest

from pipelines.checks import dbt_tests
from pipelines.checks.execute import execute
from pipelines.checks.suites import SUITES
from pipelines.definitions import defs
from pipelines.defs import dbt_models
from pipelines.defs.assets import marts
from pipelines.defs.assets.publish import warehouse_published
from pipelines.defs.resources import WarehouseResource
from pipelines.warehouse.store import working_copy_of
from tests.helpers import build_marts, query

MANIFEST = json.loads(dbt_models.MANIFEST.read_text(encoding="utf-8"))
MODELS = {n["name"]: n for n in MANIFEST["nodes"].values() if n["resource_type"] == "model"}
TESTS = {n["name"]: n for n in MANIFEST["nodes"].values() if n["resource_type"] == "test"}
MAIN = ("gdp", "industrial_value_added", "fixed_asset_investment", "retail_sales", "general_budget_revenue",
        "urban_disposable_income", "rural_disposable_income", "cpi", "urban_unemployment_surveyed")


def reads(model: dict) -> set[str]:
    """What a model reads, as asset keys: a source is its table, a model marts/<name>."""
    out = set()
    for uid in model["depends_on"]["nodes"]:
        node = MANIFEST["sources"].get(uid) or MANIFEST["nodes"][uid]
        out.add(node["name"] if node["resource_type"] == "source" else f"marts/{node['name']}")
    return out


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_model_file_is_a_described_model_and_no_package_is_fetched():
    files = {p.stem for p in (dbt_models.PROJECT_DIR / "marts").glob("*.sql")}
    assert files == set(MODELS) == set(marts.MODEL_NAMES)
    for model in MODELS.values():
        assert len(model["description"]) > 20, model["name"]
        assert model["config"]["materialized"] == "table" and model["schema"] == "marts"
    # no dbt packages: nothing to download at install or at run time
    assert not any((dbt_models.PROJECT_DIR / f).exists() for f in ("packages.yml", "dependencies.yml"))
    assert MANIFEST["metadata"]["send_anonymous_usage_stats"] is False


def test_marts_are_assets_downstream_of_what_they_read():
    graph = defs.resolve_asset_graph()
    checked = {s.table for s in SUITES}
    for name, model in MODELS.items():
        node = graph.get(dg.AssetKey(["marts", name]))
        parents = {k.to_user_string() for k in node.parent_keys}
        if name == marts.QUALITY_SUMMARY:  # after the checks of every table
            assert parents == reads(model) | checked
        else:
            assert parents == reads(model), name
        assert node.is_executable and node.group_name == "marts"
        assert node.description == model["description"]
    # the tables the marts read are assets of this code location, not loose names
    for upstream in ("fact_targets", "fact_projects", "documents", "dim_city", "dim_province"):
        assert graph.get(dg.AssetKey(upstream)).is_executable, upstream
    assert not graph.get(dg.AssetKey("dq_results")).is_executable  # written by the checks


def test_the_marts_step_runs_after_every_check_step_of_the_run():
    """quality_summary sees every suite of its run: the dbt step waits for each table's checks
    (Dagster waits for blocking checks; a table's suites share a step). The one table whose only
    suite warns is ordered by the step's low priority instead."""
    from dagster._core.execution.api import create_execution_plan

    step = create_execution_plan(defs.resolve_job_def("refresh_all")).get_step_by_key("marts")
    waits_for = {k.removesuffix("__checks") for k in step.get_execution_dependency_keys() if k.endswith("__checks")}
    blocking = {s.table for s in SUITES if s.severity == "error"}
    assert waits_for == blocking and {s.table for s in SUITES} - blocking == {"metadata_disagreements"}
    assert step.tags["dagster/priority"] == "-10"


def test_dbt_tests_are_asset_checks_that_block_when_their_severity_is_error():
    graph = defs.resolve_asset_graph()
    kinds = set()
    for name, test in TESTS.items():
        model = MANIFEST["nodes"][test["attached_node"]]["name"]
        assert name.startswith(f"{model}__"), name  # <model>__<rule>, as the suites are <table>__<suite>
        spec = graph.get_check_spec(dg.AssetCheckKey(dg.AssetKey(["marts", model]), name))
        assert spec.blocking is (test["config"]["severity"].lower() == "error"), name
        kinds.add(test["test_metadata"]["name"])
    assert {"unique", "not_null", "accepted_values", "relationships", "unique_combination"} <= kinds


def test_mart_tables_exist_with_comments(seeded_warehouse):
    rows = dict(query(seeded_warehouse, "SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'marts'"))
    assert set(rows) == set(MODELS)
    for name, comment in rows.items():
        assert comment == MODELS[name]["description"]
    columns = {(t, c): text for t, c, text in query(seeded_warehouse, """
        SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'marts'""")}
    described = {(m["name"], c["name"]): c["description"] for m in MODELS.values() for c in m["columns"].values()
                 if c["description"]}
    assert len(described) >= 20
    for key, text in described.items():
        assert columns[key] == text, key


def test_mart_row_counts_on_the_seeds(seeded_warehouse):
    counts = {n: query(seeded_warehouse, f"SELECT count(*) FROM marts.{n}")[0][0] for n in MODELS if n != "quality_summary"}
    (targets,) = query(seeded_warehouse, "SELECT count(*) FROM fact_targets WHERE city_code IS NOT NULL AND plan_year IS NOT NULL")[0]
    (documents,) = query(seeded_warehouse, "SELECT count(*) FROM documents")[0]
    assert counts["documents_current_place"] == documents == 35
    assert 0 < counts["region_targets"] <= targets
    assert counts["targets_wide"] >= 15 and counts["targets_vs_outcomes"] >= counts["region_targets"] // 2
    assert counts["targets_vs_province"] == 0  # the seeds hold no province's report


def test_targets_wide_one_row_per_region_and_year(seeded_warehouse):
    cols = [r[0] for r in query(seeded_warehouse, "DESCRIBE marts.targets_wide")]
    assert cols[:6] == ["city_code", "city_name", "level_code", "province_code", "province_name", "plan_year"]
    for code in MAIN:
        assert {f"{code}_value", f"{code}_value_high", f"{code}_qualifier"} <= set(cols)
    dupes = query(seeded_warehouse, "SELECT city_code, plan_year FROM marts.targets_wide GROUP BY ALL HAVING count(*) > 1")
    assert dupes == []
    (regions,) = query(seeded_warehouse, """
        SELECT count(DISTINCT (city_code, plan_year)) FROM fact_targets
        WHERE indicator_code IN ('gdp','industrial_value_added','fixed_asset_investment','retail_sales',
              'general_budget_revenue','urban_disposable_income','rural_disposable_income','cpi',
              'urban_unemployment_surveyed')""")[0]
    assert query(seeded_warehouse, "SELECT count(*) FROM marts.targets_wide")[0][0] == regions >= 15
    row = query(seeded_warehouse, """
        SELECT city_name, level_code, province_name, gdp_value, gdp_qualifier
        FROM marts.targets_wide WHERE city_name = '济南市' AND plan_year = 2023""")
    assert row == [("济南市", "prefecture", "山东省", 5.5, "at_least")]


def test_targets_wide_agrees_with_fact_targets(seeded_warehouse):
    """Every GDP growth target in the facts is the one in the wide table (one per region on the seeds)."""
    facts = query(seeded_warehouse, """
        SELECT city_code, plan_year, value, qualifier FROM fact_targets
        WHERE indicator_code = 'gdp' AND measure = 'growth_rate' ORDER BY 1""")
    wide = query(seeded_warehouse, """
        SELECT city_code, plan_year, gdp_value, gdp_qualifier FROM marts.targets_wide
        WHERE gdp_value IS NOT NULL ORDER BY 1""")
    assert wide == facts and len(wide) >= 15


def test_cpi_index_becomes_a_rise_and_unemployment_keeps_its_rate(seeded_warehouse):
    # 平凉市 states 居民消费价格指数控制在103%左右 and 城镇调查失业率控制在6%左右
    row = query(seeded_warehouse, """
        SELECT cpi_value, cpi_qualifier, urban_unemployment_surveyed_value, urban_unemployment_surveyed_qualifier
        FROM marts.targets_wide WHERE city_code = '620800'""")
    assert row == [(3.0, "about", 6.0, "about")]


PROJECT_COLUMNS = """project_id VARCHAR, doc_id VARCHAR, city_code VARCHAR, project_name VARCHAR,
    investment_value DOUBLE, investment_unit VARCHAR, investment_yuan DOUBLE, investment_kind VARCHAR,
    status VARCHAR, period VARCHAR, source_line INTEGER, snippet VARCHAR"""


@pytest.fixture(scope="module")
def hand_made(tmp_path_factory, seeded_warehouse):
    """The seeds' warehouse with known rows added, and the marts that read them rebuilt by dbt (one run):
    - a later report of 宜春市 for 2023 that states GDP twice (region_targets, targets_wide);
    - Shandong's own report for 2023 and 2024 (targets_vs_province);
    - fact_projects replaced by five projects, with the columns SCHEMA.md gives (project_investment)."""
    db = tmp_path_factory.mktemp("hand_made") / "govreports.duckdb"
    shutil.copy(seeded_warehouse, db)
    with duckdb.connect(str(db)) as con:
        con.execute("""
            INSERT INTO documents (doc_id, source_file, ordinal, title, doc_type, city_code, doc_date, plan_year)
            VALUES ('later:001', 'later.txt', 1, '宜春市政府工作报告（修订）', 'work_report', '360900', DATE '2023-03-01', 2023),
                   ('sd:001', 'sd.txt', 1, '山东省政府工作报告', 'work_report', '370000', DATE '2023-01-12', 2023)""")
        con.execute("""
            INSERT INTO fact_targets (target_id, doc_id, city_code, plan_year, indicator_code, measure, value,
                                      value_high, unit, qualifier, direction)
            VALUES ('later:001:t002', 'later:001', '360900', 2023, 'gdp', 'growth_rate', 7.0, NULL, '%', 'about', 'increase'),
                   ('later:001:t001', 'later:001', '360900', 2023, 'gdp', 'growth_rate', 6.0, NULL, '%', 'exact', 'increase'),
                   ('sd:001:t001', 'sd:001', '370000', 2023, 'gdp', 'growth_rate', 5.0, NULL, '%', 'at_least', 'increase'),
                   ('sd:001:t002', 'sd:001', '370000', 2023, 'retail_sales', 'growth_rate', 6.0, 7.0, '%', 'range', 'increase'),
                   ('sd:001:t003', 'sd:001', '370000', 2024, 'gdp', 'growth_rate', 5.0, NULL, '%', 'about', 'increase')""")
        con.execute(f"CREATE OR REPLACE TABLE fact_projects ({PROJECT_COLUMNS})")
        con.execute("""INSERT INTO fact_projects VALUES
            ('p1', 'd', '370100', '济南新机场', 120, '亿元', 1.2e10, 'total', 'started', 'plan', 10, '…'),
            ('p2', 'd', '370100', '黄河大桥', 30, '亿元', 3.0e9, 'total', 'started', 'plan', 11, '…'),
            ('p3', 'd', '370100', '某产业园', NULL, NULL, NULL, NULL, 'started', 'plan', 12, '…'),
            ('p4', 'd', '370100', '地铁4号线', 5, '亿元', 5.0e8, 'total', 'completed', 'review', 13, '…'),
            ('p5', 'd', '340212', '繁昌港', 2, '亿元', 2.0e8, 'total', NULL, 'plan', 5, '…')""")
    result = build_marts(db, "region_targets", "targets_wide", "targets_vs_province", "project_investment")
    rows = {e.asset_key.path[-1]: e.materialization.metadata["dagster/row_count"].value
            for e in result.get_asset_materialization_events()}
    return db, rows


def test_region_targets_prefers_the_latest_document_then_the_first_statement(hand_made):
    db, _ = hand_made
    assert query(db, "SELECT gdp_value, gdp_qualifier FROM marts.targets_wide WHERE city_code = '360900'") == [
        (6.0, "exact")]
    assert query(db, """SELECT target_id FROM marts.region_targets
                        WHERE city_code = '360900' AND plan_year = 2023 AND indicator_code = 'gdp'""") == [
        ("later:001:t001",)]


def test_targets_vs_province_pairs_a_city_with_its_province(hand_made, seeded_warehouse):
    assert query(seeded_warehouse, "SELECT count(*) FROM marts.targets_vs_province") == [(0,)]  # no province report
    db, _ = hand_made
    rows = query(db, """
        SELECT city_name, province_name, plan_year, indicator_code, city_value, city_qualifier,
               province_value, province_value_high, province_qualifier, difference
        FROM marts.targets_vs_province ORDER BY city_name, indicator_code""")
    by_key = {(r[0], r[3]): r for r in rows}
    assert by_key[("济南市", "gdp")] == ("济南市", "山东省", 2023, "gdp", 5.5, "at_least", 5.0, None, "at_least", 0.5)
    assert by_key[("济南市", "retail_sales")][6:9] == (6.0, 7.0, "range")
    # every row is a Shandong region beside Shandong, in the same plan year; the province is never beside itself
    assert {r[1] for r in rows} == {"山东省"} and {r[2] for r in rows} == {2023}
    assert "山东省" not in {r[0] for r in rows}
    facts = query(db, """
        SELECT count(*) FROM fact_targets t JOIN dim_city c USING (city_code)
        WHERE c.province_code = '370000' AND c.level_code <> 'province' AND t.plan_year = 2023
          AND t.measure = 'growth_rate' AND t.indicator_code IN ('gdp', 'retail_sales')""")[0][0]
    assert len(rows) == facts >= 3


def test_project_investment_counts_and_sums(hand_made):
    db, rows = hand_made
    assert rows["project_investment"] == 3  # what the UI shows, counted after dbt
    got = query(db, """
        SELECT city_name, province_name, period, status, project_count, projects_with_amount, investment_yuan,
               investment_yi_yuan
        FROM marts.project_investment ORDER BY city_code, period, status""")
    assert got == [
        ("繁昌区", "安徽省", "plan", "unknown", 1, 1, 2.0e8, 2.0),
        ("济南市", "山东省", "plan", "started", 3, 2, 1.5e10, 150.0),
        ("济南市", "山东省", "review", "completed", 1, 1, 5.0e8, 5.0),
    ]


def test_project_investment_adds_up_to_the_facts(seeded_warehouse):
    mart = query(seeded_warehouse, "SELECT sum(project_count), sum(investment_yuan) FROM marts.project_investment")[0]
    facts = query(seeded_warehouse, "SELECT count(*), sum(investment_yuan) FROM fact_projects")[0]
    assert mart[0] == facts[0]
    assert mart[1] == pytest.approx(facts[1]) if facts[1] is not None else mart[1] is None


def test_quality_summary_shows_each_checks_latest_run(warehouse_copy):
    keys = next(s for s in SUITES if s.check_name == "dim_level__keys")
    codes = next(s for s in SUITES if s.check_name == "documents__codes")
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute("DELETE FROM dq_results")
        execute(keys, con, warehouse_copy, "run-1")
        execute(codes, con, warehouse_copy, "run-1")
        con.execute("UPDATE documents SET doc_type = 'speech' WHERE doc_id = (SELECT min(doc_id) FROM documents)")
        execute(codes, con, warehouse_copy, "run-2")
    build_marts(warehouse_copy, "quality_summary")
    rows = {r[0]: r[1:] for r in query(warehouse_copy, """
        SELECT check_name, table_name, severity, passed, failed_expectations, expectations, run_id, runs_recorded,
               failed, last_failed_at IS NOT NULL
        FROM marts.quality_summary""")}
    assert set(rows) == {"dim_level__keys", "documents__codes"}
    assert rows["dim_level__keys"] == ("dim_level", "error", True, 0, 3, "run-1", 1, None, False)
    table, severity, passed, failed, expectations, run_id, runs, failed_text, has_failed = rows["documents__codes"]
    assert (table, severity, passed, failed, expectations, run_id, runs) == ("documents", "error", False, 1, 2, "run-2", 2)
    assert "expect_column_values_to_be_in_set on doc_type" == failed_text and has_failed


def test_quality_summary_before_any_check_has_run(tmp_path):
    db = tmp_path / "empty.duckdb"
    build_marts(db, "quality_summary")
    assert query(db, "SELECT count(*) FROM marts.quality_summary") == [(0,)]
    # its own tests ran, and were recorded for the next build to show
    assert query(db, "SELECT count(*), bool_and(success) FROM dq_results") == [(3, True)]


def test_a_failing_model_leaves_the_previous_table_and_fails_its_step(warehouse_copy):
    before = query(warehouse_copy, "SELECT * FROM marts.targets_wide ORDER BY city_code")
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute("DROP TABLE dim_province")  # targets_wide cannot run
    result = build_marts(warehouse_copy, "region_targets", "targets_wide", raise_on_error=False)
    assert not result.success
    (failure,) = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    assert "targets_wide" in failure.message or "targets_wide" in str(failure.event_specific_data.error)
    assert query(warehouse_copy, "SELECT * FROM marts.targets_wide ORDER BY city_code") == before
    (comment,) = query(warehouse_copy, "SELECT comment FROM duckdb_tables() WHERE table_name = 'targets_wide'")[0]
    assert comment == MODELS["targets_wide"]["description"]


def _published_run(warehouse_copy, change: str):
    """The marts built in the run's working copy after `change`, then published (WarehouseResource)."""
    working = working_copy_of(warehouse_copy)
    working.parent.mkdir()
    shutil.copy(warehouse_copy, working)
    with duckdb.connect(str(working)) as con:
        con.execute(change)
    return build_marts(warehouse_copy, *MODELS, duckdb=WarehouseResource(database=str(warehouse_copy)),
                       also=[warehouse_published], raise_on_error=False)


def _checks(result) -> dict[str, dg.AssetCheckEvaluation]:
    return {e.event_specific_data.check_name: e.event_specific_data for e in result.all_events
            if e.event_type_value == "ASSET_CHECK_EVALUATION"}


def test_a_failed_blocking_dbt_test_stops_publishing(warehouse_copy):
    published = sha256(warehouse_copy)
    # a direction no code list knows: no suite reads it, region_targets__direction_codes does
    result = _published_run(warehouse_copy, "UPDATE fact_targets SET direction = 'sideways' "
                                            "WHERE target_id = (SELECT min(target_id) FROM fact_targets)")
    assert not result.success
    check = _checks(result)["region_targets__direction_codes"]
    assert not check.passed and check.severity == dg.AssetCheckSeverity.ERROR
    assert check.metadata["dagster_dbt/failed_row_count"].value == 1
    steps = {e.step_key: e.event_type_value for e in result.all_events if e.step_key and e.is_step_event
             and e.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE", "STEP_SKIPPED")}
    assert steps["marts"] == "STEP_FAILURE" and "warehouse_published" not in {
        k for k, v in steps.items() if v == "STEP_SUCCESS"}
    assert sha256(warehouse_copy) == published  # readers still have the last good warehouse
    # dbt skipped what is built on the failed mart; the run's working copy records the failure
    working = working_copy_of(warehouse_copy)
    assert query(working, "SELECT success, severity, expectation, observed FROM dq_results "
                          "WHERE check_name = 'region_targets__direction_codes' AND run_id = ?", [result.run_id]) == [
        (False, "error", "dbt.accepted_values", "1 failing row(s)")]


def test_a_failed_warning_dbt_test_is_reported_and_the_rest_publishes(warehouse_copy):
    result = _published_run(warehouse_copy, "UPDATE dim_city SET current_code = '999999' WHERE city_code = "
                                            "(SELECT min(city_code) FROM documents)")
    assert result.success
    check = _checks(result)["documents_current_place__current_code_in_dim_city"]
    assert not check.passed and check.severity == dg.AssetCheckSeverity.WARN
    assert all(c.passed for name, c in _checks(result).items() if name != check.check_name)
    # published, with the failure in dq_results and the run summary (quality_summary, built by the same
    # dbt run, shows the marts' tests as of the build before)
    assert query(warehouse_copy, "SELECT success, severity FROM dq_results WHERE run_id = ? AND "
                                 "check_name = 'documents_current_place__current_code_in_dim_city'",
                 [result.run_id]) == [(False, "warning")]
    (publish,) = [e for e in result.get_asset_materialization_events() if e.asset_key == warehouse_published.key]
    assert publish.materialization.metadata["failed_checks"].value == 1
    assert publish.materialization.metadata["published"].value is True


def test_retesting_unchanged_marts_keeps_dq_results_size(warehouse_copy):
    """A dbt test's result replaces its earlier row when the tables it read are unchanged (no dbt run here:
    its run_results as dbt writes them)."""
    test = TESTS["targets_wide__grain"]
    run_results = {"results": [{"unique_id": test["unique_id"], "status": "pass", "failures": 0, "message": None,
                                "compiled_code": "SELECT 1"}]}
    found = dbt_tests.outcomes(run_results, MANIFEST)
    assert [(o.check_name, o.table_name, o.severity, o.test, o.relations) for o in found] == [
        ("targets_wide__grain", "marts.targets_wide", "error", "unique_combination", ("marts.targets_wide",))]

    def rows():
        return query(warehouse_copy, "SELECT count(*) FROM dq_results WHERE check_name = 'targets_wide__grain'")[0][0]

    with duckdb.connect(str(warehouse_copy)) as con:
        dbt_tests.record(con, "run-1", found)
    first = rows()
    with duckdb.connect(str(warehouse_copy)) as con:
        dbt_tests.record(con, "run-2", found)
    assert rows() == first  # same data: run-2's row replaced run-1's
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute("DELETE FROM marts.targets_wide WHERE city_code = (SELECT min(city_code) FROM marts.targets_wide)")
        dbt_tests.record(con, "run-3", found)
    assert rows() == first + 1  # changed data: history grows


def test_a_dbt_test_on_the_same_rows_in_a_file_of_another_name_has_the_same_data_version(warehouse_copy):
    """dbt-duckdb names the database after the file: the data version leaves that name out."""
    test = TESTS["targets_wide__grain"]

    def version(database: str) -> str:
        sql = f'select * from "{database}"."marts"."targets_wide" group by 1 having count(*) > 1'
        run_results = {"results": [{"unique_id": test["unique_id"], "status": "pass", "failures": 0,
                                    "message": None, "compiled_code": sql}]}
        (found,) = dbt_tests.outcomes(run_results, {**MANIFEST, "nodes": {
            **MANIFEST["nodes"], test["unique_id"]: {**MANIFEST["nodes"][test["unique_id"]], "database": database}}})
        with duckdb.connect(str(warehouse_copy), read_only=True) as con:
            return dbt_tests.data_version(con, found)

    assert version("govreports") == version("before")


def test_dbt_by_hand_as_docs_models_md_says(warehouse_copy, tmp_path):
    """The command of docs/models.md, against a copy of the warehouse (artifacts kept out of models/)."""
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute("DROP SCHEMA marts CASCADE")
    env = {**os.environ, "GOVREPORTS_DBT_DATABASE": str(warehouse_copy)}
    done = subprocess.run([str(dbt_models.dbt_executable()), "build", "--project-dir", "models", "--profiles-dir",
                           "models", "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
                          cwd=dbt_models.config.REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:]
    assert f"PASS={len(MODELS) + len(TESTS)}" in done.stdout
    assert {r[0] for r in query(warehouse_copy, "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts'")} \
        == set(MODELS)
