"""Clause grammar of year-ahead targets, one pattern per test, on short strings."""
import pytest

from pipelines.extract.targets import extract_targets
from pipelines.extract.textmap import map_lines


def targets(*lines, plan_year=2024):
    found, _ = extract_targets(map_lines(list(lines)), plan_year)
    return [(t.indicator_code, t.measure, t.value, t.value_high, t.qualifier) for t in found]


def one(*lines, **kw):
    (row,) = targets(*lines, **kw)
    return row


def test_plain_statement_with_qualifiers():
    assert targets("主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%，规模以上工业增加值增长8%以上。") == [
        ("gdp", "growth_rate", 6.0, None, "about"),
        ("general_budget_revenue", "growth_rate", 5.0, None, "exact"),
        ("industrial_value_added", "growth_rate", 8.0, None, "at_least"),
    ]


def test_respectively_gives_one_row_per_indicator_with_its_own_qualifier():
    assert targets("主要预期目标是：城乡居民人均可支配收入分别增长5.5%左右和6%以上。") == [
        ("urban_disposable_income", "growth_rate", 5.5, None, "about"),
        ("rural_disposable_income", "growth_rate", 6.0, None, "at_least"),
    ]
    assert targets("主要预期目标是：城镇、农村居民人均可支配收入分别增长7%和10%。") == [
        ("urban_disposable_income", "growth_rate", 7.0, None, "exact"),
        ("rural_disposable_income", "growth_rate", 10.0, None, "exact"),
    ]


def test_one_value_shared_by_two_indicators():
    assert targets("主要预期目标是：固定资产投资、社会消费品零售总额增长15%。") == [
        ("fixed_asset_investment", "growth_rate", 15.0, None, "exact"),
        ("retail_sales", "growth_rate", 15.0, None, "exact"),
    ]


@pytest.mark.parametrize("written, low, high", [("5.8%~6%", 5.8, 6.0), ("5%—5.5%", 5.0, 5.5), ("4.5-5%", 4.5, 5.0),
                                                ("6％～6.5％", 6.0, 6.5)])
def test_ranges(written, low, high):
    assert one(f"主要预期目标是：地区生产总值增长{written}。") == ("gdp", "growth_rate", low, high, "range")


def test_capped_about_versus_within():
    assert targets("主要预期目标是：城镇调查失业率控制在5.5%左右，城镇登记失业率控制在4%以内。") == [
        ("urban_unemployment_surveyed", "ratio", 5.5, None, "about"),
        ("urban_unemployment_registered", "ratio", 4.0, None, "at_most"),
    ]


def test_cpi_index_versus_rise():
    assert one("主要预期目标是：居民消费价格指数控制在103%左右。") == ("cpi", "index", 103.0, None, "about")
    assert one("主要预期目标是：居民消费价格涨幅控制在3%左右。") == ("cpi", "growth_rate", 3.0, None, "about")
    assert one("主要预期目标是：CPI涨幅3%以内。") == ("cpi", "growth_rate", 3.0, None, "at_most")


def test_aspiration_tail_is_no_second_target_and_no_qualifier():
    assert targets("主要预期目标是：地区生产总值增长6%，力争更好结果。") == [("gdp", "growth_rate", 6.0, None, "exact")]
    assert targets("主要预期目标是：地区生产总值增长6.5%左右，在实际工作中力争更好。") == [
        ("gdp", "growth_rate", 6.5, None, "about")]


def test_growth_and_level_of_one_indicator():
    assert targets("经济社会发展的预期目标是：地区生产总值增长6.7%、达到600亿元。") == [
        ("gdp", "growth_rate", 6.7, None, "exact"),
        ("gdp", "level", 600.0, None, "exact"),
    ]


def test_decrease_keeps_the_value_as_written():
    found, _ = extract_targets(map_lines(["主要预期目标是：单位生产总值能耗下降3%。"]), 2024)
    (t,) = found
    assert (t.indicator_code, t.value, t.direction) == ("energy_intensity", 3.0, "decrease")


def test_full_width_signs_stray_spaces_and_footnotes():
    assert targets("主要预期目标是：地区生产总值增长６．５％ 左右，规上工业增加值[21]增长8%以上，"
                   "固定资产投资（1）增长10%。") == [
        ("gdp", "growth_rate", 6.5, None, "about"),
        ("industrial_value_added", "growth_rate", 8.0, None, "at_least"),
        ("fixed_asset_investment", "growth_rate", 10.0, None, "exact"),
    ]


def test_page_breaks_inside_words_and_numbers():
    rows = targets("主要预期目标是：地区生产总值增长7%，社", "会消费品零售总额增长6%，规模以", "上工业增加值增长9%，",
                   "城镇调查失业率控制在", "5.5%以内。")
    assert rows == [("gdp", "growth_rate", 7.0, None, "exact"), ("retail_sales", "growth_rate", 6.0, None, "exact"),
                    ("industrial_value_added", "growth_rate", 9.0, None, "exact"),
                    ("urban_unemployment_surveyed", "ratio", 5.5, None, "at_most")]


def test_source_line_and_snippet_point_at_the_number():
    found, _ = extract_targets(map_lines(["主要预期目标是：地区生产总值增长7%，固定资产", "投资增长12%以上。"], 40), 2024)
    assert [(t.source_line, t.snippet) for t in found] == [(40, "地区生产总值增长7%"), (41, "投资增长12%以上")]


def test_statement_buried_after_a_preamble_and_running_over_sentences():
    rows = targets("政府工作的总体要求是：坚持稳中求进。经济社会发展的主要预期目标是：地区生产总值增长6.5%。"
                   "规模以上工业增加值增长8%，城镇登记失业率控制在4.5%以内。围绕以上目标，我们将实施100个项目、增长20%。")
    assert rows == [("gdp", "growth_rate", 6.5, None, "exact"),
                    ("industrial_value_added", "growth_rate", 8.0, None, "exact"),
                    ("urban_unemployment_registered", "ratio", 4.5, None, "at_most")]


def test_review_results_and_five_year_goals_are_not_targets():
    assert targets("预计全年地区生产总值增长5.8%~6%。") == []
    assert targets("“十四五”时期主要目标是：地区生产总值年均增长6%。") == []
    assert targets("今后五年的主要目标是：经济总量突破1000亿元。") == []
    assert targets("主要目标是：到2027年，地区生产总值达到1000亿元。") == []
    assert targets("2030年发展目标是：地区生产总值增长6%。", plan_year=2024) == []


def test_restatement_is_not_counted_twice():
    rows = targets("主要预期目标是：地区生产总值增长6%左右。", "今年主要预期目标为：GDP增长6%左右，城镇新增就业1.2万人。")
    assert rows == [("gdp", "growth_rate", 6.0, None, "about"), ("other", "level", 1.2, None, "exact")]


def test_national_statement_with_levels_and_ratios():
    rows = targets("今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人左右，城镇调查失业率5.5%左右；"
                   "居民消费价格涨幅3%左右；居民收入增长和经济增长基本同步；粮食产量保持在1.3万亿斤以上。", plan_year=2023)
    assert rows == [("gdp", "growth_rate", 5.0, None, "about"), ("other", "level", 1200.0, None, "about"),
                    ("urban_unemployment_surveyed", "ratio", 5.5, None, "about"),
                    ("cpi", "growth_rate", 3.0, None, "about"), ("grain_output", "level", 1.3, None, "at_least")]


def test_qualitative_targets_are_kept_apart():
    found, qualitative = extract_targets(map_lines(
        ["主要预期目标是：地区生产总值增长6%，居民收入增长与经济增长同步，完成省下达的节能减排目标。"]), 2024)
    assert len(found) == 1
    assert [q.text for q in qualitative] == ["居民收入增长与经济增长同步", "完成省下达的节能减排目标"]


def test_head_noun_carries_into_the_next_clause():
    assert targets("主要预期目标是：规上工业总产值增长15%，增加值增长5%。") == [
        ("industrial_output", "growth_rate", 15.0, None, "exact"),
        ("industrial_value_added", "growth_rate", 5.0, None, "exact"),
    ]


def test_aspiration_value_after_a_committed_one_is_not_a_target():
    assert targets("主要预期目标是：地区生产总值确保增长6%、力争增长7%。") == [("gdp", "growth_rate", 6.0, None, "exact")]
