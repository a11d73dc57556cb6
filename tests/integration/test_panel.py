"""The research panel: dim_indicator, marts.targets_vs_outcomes and its chart."""
from __future__ import annotations

import shutil

import duckdb
import polars as pl
import pytest

from pipelines.checks.execute import execute
from pipelines.checks.suites import INDICATOR_CODES, SUITES
from pipelines.defs.assets.charts import MIN_PAIRED_YEARS, draw_targets_vs_outcomes, paired_regions
from tests.helpers import build_marts, query


def test_dim_indicator_names_every_code_of_the_list_once(warehouse_copy):
    rows = query(warehouse_copy, "SELECT indicator_code, name_zh, name_en, measures, better FROM dim_indicator")
    assert sorted(r[0] for r in rows) == sorted(INDICATOR_CODES)
    assert all(r[1] and r[2] and r[3] for r in rows)
    assert {r[0] for r in rows if r[4] == "lower"} == {"cpi", "urban_unemployment_surveyed",
                                                       "urban_unemployment_registered"}
    suite = next(s for s in SUITES if s.table == "dim_indicator")
    with duckdb.connect(str(warehouse_copy)) as con:
        assert execute(suite, con, warehouse_copy, "test").passed
        con.execute("UPDATE dim_indicator SET measures = 'growth_rate|speed' WHERE indicator_code = 'gdp'")
        assert not execute(suite, con, warehouse_copy, "test").passed  # a measure outside its list fails


# (city, year, indicator, measure, target value, high, qualifier, outcome value, estimated, outcome unit)
CASES = [
    ("110000", 2020, "gdp", "growth_rate", 6.0, None, "about", 6.4, False, "%"),       # within 0.5: met
    ("110000", 2021, "gdp", "growth_rate", 6.0, None, "about", 5.4, False, "%"),       # 0.6 short: missed
    ("110000", 2019, "gdp", "growth_rate", 6.0, None, "about", 9.0, False, "%"),       # overshot: met
    ("110000", 2019, "cpi", "growth_rate", 3.0, None, "about", 3.4, False, "%"),       # 0.4 over a cap: met
    ("110000", 2020, "cpi", "growth_rate", 3.0, None, "about", 3.6, False, "%"),       # 0.6 over a cap: missed
    ("110000", 2022, "gdp", "growth_rate", 5.5, None, "at_least", 5.4, False, "%"),    # below a floor: missed
    ("110000", 2023, "gdp", "growth_rate", 5.0, 5.5, "range", 5.2, False, "%"),        # inside the range: met
    ("110000", 2023, "cpi", "growth_rate", 3.0, None, "exact", 2.1, False, "%"),       # lower is better: met
    ("110000", 2023, "fixed_asset_investment", "growth_rate", 8.0, None, "exact", 7.0, False, "%"),  # missed
    ("110000", 2023, "urban_unemployment_surveyed", "ratio", 5.5, None, "at_most", 5.6, False, "%"),  # missed
    ("110000", 2023, "retail_sales", "level", 100.0, None, "about", 100.5, False, "亿元"),  # within 1 %: met
    ("110000", 2023, "general_budget_revenue", "level", 100.0, None, "exact", 1.0, False, "万亿元"),  # units differ
]
EXPECTED_MET = [True, False, True, True, False, False, True, True, False, False, True, None]


@pytest.fixture(scope="module")
def panel(tmp_path_factory, seeded_warehouse):
    """The seeds' warehouse with hand-made targets and outcomes for one region, and the panel built from them
    (once for the module: building it is a dbt run)."""
    warehouse_copy = tmp_path_factory.mktemp("panel") / "govreports.duckdb"
    shutil.copy(seeded_warehouse, warehouse_copy)
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute("DELETE FROM fact_outcomes")
        doc = con.execute("SELECT doc_id FROM documents ORDER BY doc_id LIMIT 1").fetchone()[0]
        con.execute("""CREATE OR REPLACE TABLE marts.region_targets AS
                       SELECT * FROM marts.region_targets WHERE false""")
        for n, (city, year, code, measure, value, high, qualifier, outcome, estimated, unit) in enumerate(CASES):
            con.execute("""INSERT INTO marts.region_targets (city_code, plan_year, indicator_code, measure, value,
                               value_high, unit, qualifier, doc_id, target_id)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        [city, year, code, measure, value, high, "%" if measure != "level" else "亿元", qualifier,
                         doc, f"t{n}"])
            con.execute("""INSERT INTO fact_outcomes (outcome_id, doc_id, city_code, year, indicator_code, indicator_text,
                               measure, value, unit, qualifier, estimated, source_line, snippet)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'exact', ?, 1, '')""",
                        [f"o{n}", doc, city, year, code, code, measure, outcome, unit, estimated])
        # an estimate for 2020 GDP is passed over for the actual figure; an outcome with no target stays, unjudged
        con.execute("""INSERT INTO fact_outcomes (outcome_id, doc_id, city_code, year, indicator_code, indicator_text,
                           measure, value, unit, qualifier, estimated, source_line, snippet) VALUES
                       ('e1', ?, '110000', 2020, 'gdp', 'gdp', 'growth_rate', 9.9, '%', 'about', true, 1, ''),
                       ('n1', ?, '110000', 2018, 'gdp', 'gdp', 'growth_rate', 6.1, '%', 'exact', false, 1, '')""",
                    [doc, doc])
    build_marts(warehouse_copy, "targets_vs_outcomes")  # from the hand-made region_targets, with its tests
    with duckdb.connect(str(warehouse_copy)) as con:
        return con.execute("""SELECT year, indicator_code, measure, target_value, outcome_value, outcome_estimated,
                                     gap, met, city_name, indicator_name_en
                              FROM marts.targets_vs_outcomes ORDER BY year, indicator_code""").pl()


def test_met_follows_the_targets_qualifier(panel):
    got = {(r["year"], r["indicator_code"]): r["met"] for r in panel.iter_rows(named=True)}
    for case, expected in zip(CASES, EXPECTED_MET):
        assert got[(case[1], case[2])] is expected, case


def test_an_actual_outcome_wins_over_an_estimate_and_a_lone_outcome_stays_unjudged(panel):
    gdp2020 = panel.filter((pl.col("year") == 2020) & (pl.col("indicator_code") == "gdp")).row(0, named=True)
    assert gdp2020["outcome_value"] == 6.4 and gdp2020["outcome_estimated"] is False
    assert gdp2020["gap"] == pytest.approx(0.4) and gdp2020["city_name"] == "北京市"
    assert gdp2020["indicator_name_en"].startswith("Gross domestic")
    lone = panel.filter(pl.col("year") == 2018).row(0, named=True)
    assert lone["target_value"] is None and lone["met"] is None and lone["outcome_value"] == 6.1


def test_units_that_differ_give_no_gap(panel):
    revenue = panel.filter(pl.col("indicator_code") == "general_budget_revenue").row(0, named=True)
    assert revenue["gap"] is None and revenue["met"] is None


def _frame(pairs_by_region: dict[str, int]) -> pl.DataFrame:
    rows = []
    for code, pairs in pairs_by_region.items():
        for k in range(pairs):
            rows.append({"city_code": code, "city_name": {"110000": "北京市", "100000": "中华人民共和国"}.get(code, code),
                         "year": 2015 + k, "target_value": 6.5, "target_value_high": None, "outcome_value": 6.0 + k / 2,
                         "met": 6.0 + k / 2 >= 6.5, "outcome_estimated": k == pairs - 1})
    return pl.DataFrame(rows)


def test_chart_draws_regions_with_three_paired_years_and_every_glyph():
    frame = _frame({"100000": 5, "110000": MIN_PAIRED_YEARS, "120000": MIN_PAIRED_YEARS - 1})
    assert paired_regions(frame) == ["100000", "110000"]
    chart = draw_targets_vs_outcomes(frame, "gdp")
    assert chart is not None and chart.png.startswith(b"\x89PNG") and chart.missing_glyphs == ()
    assert chart.name == "targets_vs_outcomes_gdp" and "（2个地区" in chart.title


def test_no_region_with_three_paired_years_no_chart():
    assert draw_targets_vs_outcomes(_frame({"110000": MIN_PAIRED_YEARS - 1}), "gdp") is None


def test_the_panels_columns_are_described(panel, warehouse_copy):
    comments = dict(query(warehouse_copy, """SELECT column_name, comment FROM duckdb_columns()
                                             WHERE schema_name = 'marts' AND table_name = 'targets_vs_outcomes'"""))
    assert comments["met"].startswith("Whether the target was met") and comments["gap"]
