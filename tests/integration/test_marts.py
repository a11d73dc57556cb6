"""The SQL models: declared as they are written, materialised into the `marts` schema, right on the seeds."""
from __future__ import annotations

import re

import duckdb
import pytest

from pipelines.assets import marts
from pipelines.assets.marts import MODELS, MODELS_DIR, Model, build_model
from pipelines.checks.execute import execute
from pipelines.checks.suites import SUITES
from pipelines.definitions import defs
from tests.helpers import query

MODEL = {m.name: m for m in MODELS}
MAIN = ("gdp", "industrial_value_added", "fixed_asset_investment", "retail_sales", "general_budget_revenue",
        "urban_disposable_income", "rural_disposable_income", "cpi", "urban_unemployment_surveyed")


def tables_read(sql: str) -> set[str]:
    """Names after FROM / JOIN that are not the query's own CTEs (comments and IS DISTINCT FROM aside)."""
    sql = re.sub(r"--[^\n]*", "", sql)
    ctes = set(re.findall(r"(\w+)\s*(?:\([^)]*\))?\s+AS\s*\(", sql, flags=re.I))
    named = set(re.findall(r"(?<!DISTINCT )\b(?:FROM|JOIN|PIVOT)\s+([a-z_][\w.]*)", sql, flags=re.I))
    return {n for n in named if n not in ctes}


def test_every_model_file_is_declared_with_what_it_reads():
    files = {p.stem for p in MODELS_DIR.glob("*.sql")}
    assert files == set(MODEL)
    for model in MODELS:
        assert tables_read(model.sql) == set(model.reads), model.name
        assert len(model.description) > 20 and not model.description.startswith("-")


def test_marts_are_assets_downstream_of_what_they_read():
    graph = defs.resolve_asset_graph()
    for model in MODELS:
        node = graph.get(marts.asset_key(model.table))
        assert {k.to_user_string() for k in node.parent_keys} == {t.replace(".", "/") for t in model.reads}
        assert node.is_executable
    # the facts the marts read are assets of this code location, not loose names
    for upstream in ("fact_targets", "fact_projects", "documents", "dim_city", "dim_province"):
        assert graph.get(marts.asset_key(upstream)).is_executable, upstream
    assert not graph.get(marts.asset_key("dq_results")).is_executable  # written by the checks


def test_mart_tables_exist_with_comments(seeded_warehouse):
    rows = dict(query(seeded_warehouse, "SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'marts'"))
    assert set(rows) == set(MODEL)
    for name, comment in rows.items():
        assert comment == MODEL[name].description


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


def test_region_targets_prefers_the_latest_document_then_the_first_statement(warehouse_copy):
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute("CREATE OR REPLACE TABLE fact_targets AS SELECT * FROM fact_targets")  # drop the key for copies
        con.execute("""
            INSERT INTO documents (doc_id, source_file, ordinal, title, doc_type, city_code, doc_date, plan_year)
            VALUES ('later:001', 'later.txt', 1, '济南市政府工作报告（修订）', 'work_report', '370100', DATE '2023-02-01', 2023)""")
        con.execute("""
            INSERT INTO fact_targets (target_id, doc_id, city_code, plan_year, indicator_code, measure, value, unit, qualifier)
            VALUES ('later:001:t002', 'later:001', '370100', 2023, 'gdp', 'growth_rate', 7.0, '%', 'about'),
                   ('later:001:t001', 'later:001', '370100', 2023, 'gdp', 'growth_rate', 6.0, '%', 'exact')""")
        build_model(con, MODEL["region_targets"])
        build_model(con, MODEL["targets_wide"])
    assert query(warehouse_copy, """
        SELECT gdp_value, gdp_qualifier FROM marts.targets_wide WHERE city_code = '370100'""") == [(6.0, "exact")]


def test_targets_vs_province_pairs_a_city_with_its_province(warehouse_copy):
    assert query(warehouse_copy, "SELECT count(*) FROM marts.targets_vs_province") == [(0,)]  # no province report
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute("""
            INSERT INTO documents (doc_id, source_file, ordinal, title, doc_type, city_code, doc_date, plan_year)
            VALUES ('sd:001', 'sd.txt', 1, '山东省政府工作报告', 'work_report', '370000', DATE '2023-01-12', 2023)""")
        con.execute("""
            INSERT INTO fact_targets (target_id, doc_id, city_code, plan_year, indicator_code, measure, value,
                                      value_high, unit, qualifier)
            VALUES ('sd:001:t001', 'sd:001', '370000', 2023, 'gdp', 'growth_rate', 5.0, NULL, '%', 'at_least'),
                   ('sd:001:t002', 'sd:001', '370000', 2023, 'retail_sales', 'growth_rate', 6.0, 7.0, '%', 'range'),
                   ('sd:001:t003', 'sd:001', '370000', 2024, 'gdp', 'growth_rate', 5.0, NULL, '%', 'about')""")
        build_model(con, MODEL["region_targets"])
        build_model(con, MODEL["targets_vs_province"])
    rows = query(warehouse_copy, """
        SELECT city_name, province_name, plan_year, indicator_code, city_value, city_qualifier,
               province_value, province_value_high, province_qualifier, difference
        FROM marts.targets_vs_province ORDER BY city_name, indicator_code""")
    by_key = {(r[0], r[3]): r for r in rows}
    assert by_key[("济南市", "gdp")] == ("济南市", "山东省", 2023, "gdp", 5.5, "at_least", 5.0, None, "at_least", 0.5)
    assert by_key[("济南市", "retail_sales")][6:9] == (6.0, 7.0, "range")
    # every row is a Shandong region beside Shandong, in the same plan year; the province is never beside itself
    assert {r[1] for r in rows} == {"山东省"} and {r[2] for r in rows} == {2023}
    assert "山东省" not in {r[0] for r in rows}
    facts = query(warehouse_copy, """
        SELECT count(*) FROM fact_targets t JOIN dim_city c USING (city_code)
        WHERE c.province_code = '370000' AND c.level_code <> 'province' AND t.plan_year = 2023
          AND t.measure = 'growth_rate' AND t.indicator_code IN ('gdp', 'retail_sales')""")[0][0]
    assert len(rows) == facts >= 3


PROJECT_COLUMNS = """project_id VARCHAR PRIMARY KEY, doc_id VARCHAR, city_code VARCHAR, project_name VARCHAR,
    investment_value DOUBLE, investment_unit VARCHAR, investment_yuan DOUBLE, investment_kind VARCHAR,
    status VARCHAR, period VARCHAR, source_line INTEGER, snippet VARCHAR"""


def test_project_investment_counts_and_sums(warehouse_copy):
    """On a fact_projects with the columns SCHEMA.md gives, filled with known rows."""
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute(f"CREATE OR REPLACE TABLE fact_projects ({PROJECT_COLUMNS})")
        con.execute("""INSERT INTO fact_projects VALUES
            ('p1', 'd', '370100', '济南新机场', 120, '亿元', 1.2e10, 'total', 'started', 'plan', 10, '…'),
            ('p2', 'd', '370100', '黄河大桥', 30, '亿元', 3.0e9, 'total', 'started', 'plan', 11, '…'),
            ('p3', 'd', '370100', '某产业园', NULL, NULL, NULL, NULL, 'started', 'plan', 12, '…'),
            ('p4', 'd', '370100', '地铁4号线', 5, '亿元', 5.0e8, 'total', 'completed', 'review', 13, '…'),
            ('p5', 'd', '340212', '繁昌港', 2, '亿元', 2.0e8, 'total', NULL, 'plan', 5, '…')""")
        rows = build_model(con, MODEL["project_investment"])
    assert rows == 3
    got = query(warehouse_copy, """
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
        execute(keys, con, warehouse_copy, "run-1")
        execute(codes, con, warehouse_copy, "run-1")
        con.execute("UPDATE documents SET doc_type = 'speech' WHERE doc_id = (SELECT min(doc_id) FROM documents)")
        execute(codes, con, warehouse_copy, "run-2")
        build_model(con, MODEL["quality_summary"])
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
    with duckdb.connect(str(db)) as con:
        assert build_model(con, MODEL["quality_summary"]) == 0
    assert query(db, "SELECT count(*) FROM dq_results") == [(0,)]


def test_a_failing_model_leaves_the_previous_table(warehouse_copy, tmp_path, monkeypatch):
    before = query(warehouse_copy, "SELECT * FROM marts.targets_wide ORDER BY city_code")
    description = MODEL["targets_wide"].description
    broken = tmp_path / "models"
    broken.mkdir()
    (broken / "targets_wide.sql").write_text("-- Broken on purpose.\nSELECT * FROM no_such_table", encoding="utf-8")
    monkeypatch.setattr(marts, "MODELS_DIR", broken)
    with duckdb.connect(str(warehouse_copy)) as con, pytest.raises(duckdb.CatalogException):
        build_model(con, Model("targets_wide", ("no_such_table",)))
    assert query(warehouse_copy, "SELECT * FROM marts.targets_wide ORDER BY city_code") == before
    (comment,) = query(warehouse_copy, "SELECT comment FROM duckdb_tables() WHERE table_name = 'targets_wide'")[0]
    assert comment == description
