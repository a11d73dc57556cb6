"""Clause grammar of year-ahead targets, one pattern per test, on short strings."""
import pytest

from pipelines.extract.facts.targets import extract_targets
from pipelines.extract.text.textmap import map_lines


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


# --- Statements of other eras and levels (issue 13) ---

@pytest.mark.parametrize("statement", [
    "综合分析国内外各种情况，今年经济增长预期目标为7%左右，这是必要的。",
    "中央提出今年经济增长预期目标为7%左右，既考虑了连续性，也考虑了实际条件。",
    "综合分析各方面的条件，今年的经济增长预期为7%左右。",
    "今年国内生产总值增长预期目标设定为7%左右。",
])
def test_indicator_named_before_the_lead(statement):
    assert targets(statement) == [("gdp", "growth_rate", 7.0, None, "about")]


def test_lead_of_the_1990s_with_a_percentage_in_words():
    assert targets("今年经济增长速度的宏观调控目标，定为百分之八至九。") == [("gdp", "growth_rate", 8.0, 9.0, "range")]
    assert targets("经济增长速度的调控目标定为8%，物价上涨幅度比去年低一些。") == [("gdp", "growth_rate", 8.0, None, "exact")]
    assert targets("今年国民经济宏观调控的主要目标是：经济增长速度8 %，商品零售价格涨幅控制在3 %以内。") == [
        ("gdp", "growth_rate", 8.0, None, "exact"), ("other", "growth_rate", 3.0, None, "at_most")]


def test_plan_wording_without_a_lead():
    assert targets("根据这个要求，今年计划国内生产总值增长百分之九。") == [("gdp", "growth_rate", 9.0, None, "exact")]
    assert targets("今年计划要求，在保持总需求与总供给基本平衡的基础上，国民生产总值增长百分之六，"
                   "全社会固定资产投资增长百分之七点五。") == [
        ("other", "growth_rate", 6.0, None, "exact"), ("fixed_asset_investment", "growth_rate", 7.5, None, "exact")]
    assert targets("今年计划新开工项目120个。") == []  # no indicator of the vocabulary: a task


def test_goal_named_after_its_numbers():
    assert targets("我们提出今年国内生产总值增长8%左右的目标，是考虑了各方面因素的。") == [
        ("gdp", "growth_rate", 8.0, None, "about")]
    assert targets("我们提出今年地区生产总值比上年增长8%左右的目标。") == [("gdp", "growth_rate", 8.0, None, "about")]
    # only where no lead opens a statement: after one, it is a restatement
    assert targets("今年主要预期目标是：国内生产总值增长7%左右。", "提出今年国内生产总值增长7%左右的目标，是必要的。",
                   "要实现今年粮食产量稳定在1.3万亿斤以上的目标。") == [("gdp", "growth_rate", 7.0, None, "about")]


def test_national_vocabulary_and_units():
    rows = targets("今年国民经济和社会发展的预期目标是：国内生产总值增长8%左右，单位国内生产总值能耗降低4%左右；"
                   "居民消费价格总水平涨幅控制在3%；城镇新增就业900万人，城镇登记失业率控制在4.6%；进出口增长6%左右；"
                   "粮食产量1.3万亿斤以上；细颗粒物年均浓度控制在30微克/立方米左右；常住人口城镇化率提高1个百分点以上。")
    assert rows == [("gdp", "growth_rate", 8.0, None, "about"), ("energy_intensity", "growth_rate", 4.0, None, "about"),
                    ("cpi", "growth_rate", 3.0, None, "exact"), ("other", "level", 900.0, None, "exact"),
                    ("urban_unemployment_registered", "ratio", 4.6, None, "exact"),
                    ("foreign_trade", "growth_rate", 6.0, None, "about"), ("grain_output", "level", 1.3, None, "at_least"),
                    ("other", "level", 30.0, None, "about"), ("other", "growth_rate", 1.0, None, "at_least")]


def test_units_are_kept_as_written():
    found, _ = extract_targets(map_lines(["主要预期目标是：粮食产量超过840亿斤，细颗粒物平均浓度35微克/立方米以下，"
                                          "城镇新增就业106万人次以上。"]), 2024)
    assert [(t.value, t.unit, t.qualifier) for t in found] == [
        (840.0, "亿斤", "at_least"), (35.0, "微克/立方米", "at_most"), (106.0, "万人次", "at_least")]


def test_qualifier_comes_from_the_words_around_the_number():
    assert targets("主要预期目标是：城镇登记失业率控制在4.6%，居民消费价格涨幅在 3%以内，城镇登记失业率低于4.5%，"
                   "城镇新增就业人数不低于900万人，经济总量突破1000亿元。") == [
        ("urban_unemployment_registered", "ratio", 4.6, None, "exact"), ("cpi", "growth_rate", 3.0, None, "at_most"),
        ("urban_unemployment_registered", "ratio", 4.5, None, "at_most"), ("other", "level", 900.0, None, "at_least"),
        ("gdp", "level", 1000.0, None, "at_least")]


def test_ratio_per_unit_of_gdp_is_not_gdp():
    assert targets("主要预期目标是：单位GDP二氧化碳排放下降3%左右，万元生产总值用水量下降5%，经济增长6%。") == [
        ("other", "growth_rate", 3.0, None, "about"), ("other", "growth_rate", 5.0, None, "exact"),
        ("gdp", "growth_rate", 6.0, None, "exact")]


def test_older_indicator_names_outside_the_code_list_are_other():
    rows = targets("今年的主要目标是：工农业总产值增长5%，国民生产总值增长6%，商品零售价格涨幅控制在10%以内。")
    assert rows == [("other", "growth_rate", 5.0, None, "exact"), ("other", "growth_rate", 6.0, None, "exact"),
                    ("other", "growth_rate", 10.0, None, "at_most")]


def test_statement_over_sentences_and_one_item_a_line():
    rows = targets("今年经济社会发展的主要预期目标是：国内生产总值增长7%左右，城镇新增就业1000万人以上，"
                   "国际收支基本平衡。能耗强度下降3.1%以上，主要污染物排放继续减少。同时，城镇调查失业率5.5%左右。"
                   "为实现上述目标，今年要新建项目100个、增长20%。")
    assert rows == [("gdp", "growth_rate", 7.0, None, "about"), ("other", "level", 1000.0, None, "at_least"),
                    ("energy_intensity", "growth_rate", 3.1, None, "at_least"),
                    ("urban_unemployment_surveyed", "ratio", 5.5, None, "about")]
    rows = targets("全县经济社会发展的主要预期目标是：", "（1）地区生产总值增长7%；", "（2）规上工业增加值增长9%；",
                   "（3）城乡居民人均可支配收入分别增长6%、7%。", "围绕上述目标，重点抓好以下工作：新建项目30个。")
    assert rows == [("gdp", "growth_rate", 7.0, None, "exact"), ("industrial_value_added", "growth_rate", 9.0, None, "exact"),
                    ("urban_disposable_income", "growth_rate", 6.0, None, "exact"),
                    ("rural_disposable_income", "growth_rate", 7.0, None, "exact")]


def test_commentary_after_the_statement_is_not_read():
    assert targets("今年国民经济和社会发展的主要预期目标是：国内生产总值增长8%左右；国际收支状况继续改善。"
                   "这里要着重说明，提出8%左右的国内生产总值增长目标，在我们这样一个13亿人口的发展中国家是必要的。") == [
        ("gdp", "growth_rate", 8.0, None, "about")]


def test_a_work_section_goal_after_the_statement_is_a_task():
    assert targets("今年经济增长预期目标为7%左右。", "千方百计增加就业。今年的预期目标是，新增城镇就业900万人，"
                   "下岗失业人员再就业500万人。") == [("gdp", "growth_rate", 7.0, None, "about")]
    assert targets("今年全市经济社会发展的主要预期目标是：地区生产总值增长6%。",
                   "乡村振兴的主要目标是：粮食产量稳定在50万吨以上。") == [("gdp", "growth_rate", 6.0, None, "exact")]
    # the same lead with nothing before it is the statement
    assert targets("今年的预期目标是：新增城镇就业900万人。") == [("other", "level", 900.0, None, "exact")]


def test_other_horizons_and_the_reviewed_year_are_still_skipped():
    assert targets("综合考虑各方面因素，“十五”期间年均经济增长速度预期目标为7%左右。", plan_year=2001) == []
    assert targets("“九五”计划的主要目标是：国民生产总值增长8%。", plan_year=1996) == []
    assert targets("到二〇三五年的奋斗目标是：人均地区生产总值达到10万元。") == []
    assert targets("2023年经济增长预期目标为5%左右，实际增长5.2%。", plan_year=2024) == []
    assert targets("去年确定的主要预期目标是：地区生产总值增长6%，实际增长6.5%。") == []
    assert targets("年初确定的单位国内生产总值能耗降低4%左右的目标没有实现。") == []


def test_money_supply_is_no_target():
    assert targets("广义货币M2预期增长目标拟定为13%左右。") == []
    assert targets("广义货币增长目标为17%左右。") == []


def test_time_of_the_sentence_before_the_lead():
    gdp6 = [("gdp", "growth_rate", 6.0, None, "exact")]
    assert targets("今年是实施“十四五”规划的关键一年，全市经济社会发展的主要预期目标是：地区生产总值增长6%。") == gdp6
    assert targets("根据“十四五”规划纲要，今年主要预期目标是：地区生产总值增长6%。") == gdp6
    assert targets("今后五年，全市经济社会发展的主要目标是：经济总量突破1000亿元。") == []
    assert targets("到2027年，全区发展的奋斗目标是：地区生产总值增长6%。") == []
    assert targets("经济增长低于预期是受外部影响，增速回落2.1个百分点。") == []


def test_snippet_of_a_value_after_the_lead_names_the_indicator():
    found, _ = extract_targets(map_lines(["综合分析各种情况，今年经济增长预期目标为7%左右，这是必要的。"], 259), 2003)
    assert [(t.indicator_text, t.source_line, t.snippet) for t in found] == [("经济增长", 259, "经济增长预期目标为7%左右")]


def test_level_and_growth_of_one_indicator_in_two_clauses():
    assert targets("主要预期目标是：地区生产总值达到1000亿元，增长6%，力争增长7%；人均地区生产总值达到8万元；"
                   "研发投入强度达到2.5%。") == [
        ("gdp", "level", 1000.0, None, "exact"), ("gdp", "growth_rate", 6.0, None, "exact"),
        ("other", "level", 8.0, None, "exact"), ("other", "ratio", 2.5, None, "exact")]


def test_numbered_items_keep_their_indicator_names():
    found, _ = extract_targets(map_lines(["主要预期目标：", "一、地区生产总值增长6%；", "2.规上工业增加值增长8%；",
                                          "（三）城镇调查失业率5.5%左右。"]), 2024)
    assert [t.indicator_text for t in found] == ["地区生产总值", "规上工业增加值", "城镇调查失业率"]


def test_items_without_a_number_and_conditions_that_are_no_items():
    _, qualitative = extract_targets(map_lines(
        ["今年的主要目标是：在优化结构、提高效益的基础上，国内生产总值增长8%左右；物价总水平基本稳定，"
         "国际收支状况继续改善；主要污染物排放继续减少。"]), 2024)
    assert [q.text for q in qualitative] == ["物价总水平基本稳定", "国际收支状况继续改善", "主要污染物排放继续减少"]


def test_a_statement_goes_on_past_an_item_without_a_number():
    """固定资产投资扭转下滑态势 is a target item too: the numeric items after it still belong to the statement."""
    assert targets("主要预期目标是：地区生产总值增长3.5%左右。固定资产投资扭转下滑态势，实现正增长。"
                   "城乡常住居民人均可支配收入分别增长7%和8%左右。社会消费品零售总额增长6.5%左右。") == [
        ("gdp", "growth_rate", 3.5, None, "about"),
        ("urban_disposable_income", "growth_rate", 7.0, None, "exact"),
        ("rural_disposable_income", "growth_rate", 8.0, None, "about"),
        ("retail_sales", "growth_rate", 6.5, None, "about"),
    ]
    # a sentence about something else after an item without a number still ends it
    assert targets("主要预期目标是：地区生产总值增长7%。固定资产投资稳步增长。全年完成造林10万亩。") == [
        ("gdp", "growth_rate", 7.0, None, "exact")]


def test_county_and_older_names_of_incomes_and_revenue():
    assert [r[0] for r in targets("主要预期目标是：农民人均纯收入增长11%，城镇人均可支配收入增长10%，"
                                  "农村牧区常住居民人均可支配收入增长7.5%，地方一般预算收入增长12%，"
                                  "全部财政收入增长10%，万元生产总值综合能耗下降4.8%。")] == [
        "rural_disposable_income", "urban_disposable_income", "rural_disposable_income", "general_budget_revenue",
        "other", "energy_intensity"]
