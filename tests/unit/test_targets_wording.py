"""Targets in the wording of county and district reports of every era (issue 20): lists of the three
sectors, paired lists, shares of GDP, multi-year figures and counts of indicators, items one a line
or numbered, stretch figures. One pattern per test, several invented wordings each."""
import pytest

from pipelines.extract.facts.targets import extract_targets
from pipelines.extract.text.textmap import map_lines


def targets(*lines, plan_year=2024):
    found, _ = extract_targets(map_lines(list(lines)), plan_year)
    return [(t.indicator_code, t.measure, t.value, t.value_high, t.qualifier) for t in found]


def named(*lines, plan_year=2024):
    found, _ = extract_targets(map_lines(list(lines)), plan_year)
    return [(t.indicator_text, t.value, t.qualifier) for t in found]


# --- lists of the three sectors: one row each, with its own value and qualifier ---

@pytest.mark.parametrize("statement, names", [
    ("主要预期目标是：一产、二产、三产增加值分别增长4%、6%、6.5%。", ["一产增加值", "二产增加值", "三产增加值"]),
    ("全年主要预期目标是：一产、二产和三产增加值分别增长4%、6%和6.5%。", ["一产增加值", "二产增加值", "三产增加值"]),
    ("主要预期目标是：第一、二、三产业增加值分别增长4%、6%、6.5%。", ["第一产业增加值", "第二产业增加值", "第三产业增加值"]),
    ("主要预期目标是：一、二、三产业增加值分别增长4%、6%、6.5%。", ["第一产业增加值", "第二产业增加值", "第三产业增加值"]),
    ("主要预期目标是：三次产业增加值分别增长4%、6%、6.5%。", ["第一产业增加值", "第二产业增加值", "第三产业增加值"]),
    ("主要预期目标是：第一产业、第二产业、第三产业增加值分别增长4%、6%、6.5%。",
     ["第一产业增加值", "第二产业增加值", "第三产业增加值"]),
])
def test_three_sectors_one_row_each(statement, names):
    assert named(statement) == [(n, v, "exact") for n, v in zip(names, (4.0, 6.0, 6.5))]


def test_three_sectors_with_equal_values_stay_three_rows():
    assert [r[:3] for r in targets("主要预期目标是：三次产业增加值分别增长6%、6%、7%。")] == [
        ("other", "growth_rate", 6.0), ("other", "growth_rate", 6.0), ("other", "growth_rate", 7.0)]


def test_qualifier_after_the_last_of_a_list_is_its_own():
    assert named("主要预期目标是：第一、二、三产业增加值分别增长4%、6%和6.5%左右。") == [
        ("第一产业增加值", 4.0, "exact"), ("第二产业增加值", 6.0, "exact"), ("第三产业增加值", 6.5, "about")]
    assert named("主要预期目标是：一产、二产、三产增加值分别增长3%左右、7%以上、8%。") == [
        ("一产增加值", 3.0, "about"), ("二产增加值", 7.0, "at_least"), ("三产增加值", 8.0, "exact")]


@pytest.mark.parametrize("statement, qualifier", [
    ("主要预期目标是：城镇登记失业率和人口自然增长率分别控制在4.5%和6‰以内。", "at_most"),
    ("主要预期目标是：城镇调查失业率、城镇登记失业率分别控制在5.5%、4%以下。", "at_most"),
    ("主要预期目标是：城镇调查失业率和城镇登记失业率分别保持在5.5%和4%左右。", "about"),
    ("主要预期目标是：城镇调查失业率和城镇登记失业率分别不高于5.5%和4%。", "at_most"),
])
def test_a_frame_around_the_whole_list_holds_for_every_value(statement, qualifier):
    assert [r[4] for r in targets(statement)] == [qualifier, qualifier]


def test_no_frame_without_an_opening_before_the_first_value():
    assert [r[4] for r in targets("主要预期目标是：城乡居民人均可支配收入分别增长8%和9%左右。")] == ["exact", "about"]
    assert [r[4] for r in targets("主要预期目标是：城镇登记失业率和人口自然增长率分别控制在4%、6‰。")] == ["exact", "exact"]


# --- paired lists: the second item is its own indicator ---

@pytest.mark.parametrize("statement", [
    "主要预期目标是：城镇和农村居民人均可支配收入分别增长6%和7%。",
    "主要预期目标是：城镇居民和农村居民人均可支配收入分别增长6%和7%。",
    "主要预期目标是：城镇居民人均可支配收入和农民人均纯收入分别增长6%、7%。",
    "主要预期目标是：城镇和农村居民人均收入分别增长6%和7%。",
    "主要预期目标是：城镇居民人均可支配收入和农民人均纯收入增长6%和7%。",
    "主要预期目标是：城镇居民人均可支配收入增长6%，农村增长7%。",
    "主要预期目标是：城市居民人均可支配收入增长6%，农民人均纯收入增长7%。",
])
def test_second_item_of_a_pair_is_rural_income(statement):
    assert targets(statement) == [("urban_disposable_income", "growth_rate", 6.0, None, "exact"),
                                  ("rural_disposable_income", "growth_rate", 7.0, None, "exact")]


def test_a_pair_in_the_other_order():
    assert [r[0] for r in targets("主要预期目标是：农村和城镇居民人均可支配收入分别增长8%和7%。")] == [
        "rural_disposable_income", "urban_disposable_income"]


def test_one_value_for_a_pair_is_one_row_each():
    assert targets("主要预期目标是：城镇居民人均可支配收入和农民人均纯收入分别增长10%。") == [
        ("urban_disposable_income", "growth_rate", 10.0, None, "exact"),
        ("rural_disposable_income", "growth_rate", 10.0, None, "exact")]


def test_a_name_with_and_inside_is_no_list():
    assert targets("主要预期目标是：研究与试验发展经费投入强度达到2.2%。") == [("other", "ratio", 2.2, None, "exact")]


# --- look-alikes inside a statement ---

@pytest.mark.parametrize("item", [
    "研发投入占生产总值比重达到2.5%",
    "研究与试验发展经费支出占地区生产总值的比例达到2.5%",
    "服务业增加值占GDP比重达到2.5%",
    "居民收入占GDP比重提高2.5个百分点",
])
def test_a_share_of_gdp_is_not_gdp(item):
    rows = targets(f"主要预期目标是：地区生产总值增长6%，{item}。")
    assert rows[0] == ("gdp", "growth_rate", 6.0, None, "exact")
    assert [r[0] for r in rows[1:]] == ["other"] and rows[1][2] == 2.5


@pytest.mark.parametrize("item", [
    "“十三五”期间年均增长7.5%",
    "五年年均增长7.5%",
    "今后五年平均每年增长7.5%",
    "到2027年达到1000亿元",
])
def test_a_multi_year_figure_inside_a_statement_is_no_target(item):
    assert targets(f"今年经济社会发展的主要预期目标是：地区生产总值增长8%，{item}。") == [
        ("gdp", "growth_rate", 8.0, None, "exact")]


def test_growth_over_a_named_base_year_is_still_a_target():
    assert targets("今年主要预期目标是：地区生产总值比2023年增长6%。") == [("gdp", "growth_rate", 6.0, None, "exact")]


def test_an_average_concentration_is_still_a_target():
    assert targets("主要预期目标是：细颗粒物年均浓度控制在35微克/立方米以下。") == [
        ("other", "level", 35.0, None, "at_most")]


@pytest.mark.parametrize("item", ["主要指标12项", "共设置主要预期指标12项，其中约束性指标3项", "考核指标12个"])
def test_a_count_of_indicators_is_no_target(item):
    assert targets(f"全年经济社会发展的主要预期目标是：{item}，地区生产总值增长8%。") == [
        ("gdp", "growth_rate", 8.0, None, "exact")]


# --- county wording of every era ---

@pytest.mark.parametrize("lead", [
    "全年经济社会发展的主要预期目标是：",
    "今年经济社会发展的奋斗目标是：",
    "今年全县经济社会发展的主要预期目标为：",
    "今年全区国民经济和社会发展的主要奋斗目标是，",
    "全年经济工作的主要目标任务是：",
    "今年国民经济和社会发展计划的主要指标安排如下：",
    "全年主要预期目标初步确定为：",
])
def test_county_leads(lead):
    assert targets(f"{lead}地区生产总值增长8%，财政收入增长10%。") == [
        ("gdp", "growth_rate", 8.0, None, "exact"), ("general_budget_revenue", "growth_rate", 10.0, None, "exact")]


EXPECTED_ITEMS = [("gdp", "growth_rate", 8.0, None, "at_least"),
                  ("fixed_asset_investment", "growth_rate", 15.0, None, "exact"),
                  ("rural_disposable_income", "growth_rate", 10.0, None, "exact")]


@pytest.mark.parametrize("items", [
    ["（一）地区生产总值增长8%以上；", "（二）全社会固定资产投资增长15%；", "（三）农民人均纯收入增长10%。"],
    ["1.地区生产总值增长8%以上；", "2.全社会固定资产投资增长15%；", "3.农民人均纯收入增长10%。"],
    ["1、地区生产总值增长8%以上", "2、全社会固定资产投资增长15%", "3、农民人均纯收入增长10%"],
    ["1）地区生产总值增长8%以上，力争10%", "2）全社会固定资产投资增长15%", "3）农民人均纯收入增长10%"],
    ["地区生产总值增长8%以上", "全社会固定资产投资增长15%", "农民人均纯收入增长10%"],
    ["一是地区生产总值增长8%以上；", "二是全社会固定资产投资增长15%；", "三是农民人均纯收入增长10%。"],
])
def test_items_one_a_line_or_numbered(items):
    assert targets("今年全县经济社会发展的主要预期目标是：", *items, "为实现上述目标，重点抓好以下工作。") == EXPECTED_ITEMS


def test_a_wrapped_line_after_a_value_still_reads_its_qualifier():
    assert targets("主要预期目标是：地区生产总值增长6.5%", "左右，财政收入增长8%", "以上。") == [
        ("gdp", "growth_rate", 6.5, None, "about"), ("general_budget_revenue", "growth_rate", 8.0, None, "at_least")]


@pytest.mark.parametrize("gdp", [
    "地区生产总值增长7%以上、力争8%",
    "地区生产总值增长7%以上，力争8%",
    "地区生产总值增长7%以上，力争达到8%",
    "地区生产总值增长7%以上，争取增长8%",
    "地区生产总值确保增长7%以上、力争增长8%",
])
def test_a_stretch_figure_is_no_second_row(gdp):
    assert targets(f"全年经济社会发展的主要预期目标是：{gdp}；财政收入增长10%。") == [
        ("gdp", "growth_rate", 7.0, None, "at_least"), ("general_budget_revenue", "growth_rate", 10.0, None, "exact")]


def test_items_without_a_number_before_numeric_ones_in_a_later_sentence():
    assert targets("今年经济社会发展的主要预期目标是：生产总值增长7%左右，外贸出口回稳向好。"
                   "单位生产总值能耗和主要污染物排放量完成省定目标，细颗粒物（PM2.5）浓度下降4%。"
                   "人口自然增长率控制在7‰以内。") == [
        ("gdp", "growth_rate", 7.0, None, "about"), ("other", "growth_rate", 4.0, None, "exact"),
        ("other", "ratio", 7.0, None, "at_most")]


@pytest.mark.parametrize("heading", ["二、今年经济社会发展的主要预期目标", "（二）2024年主要目标", "全年奋斗目标"])
def test_a_heading_names_the_statement_where_no_lead_does(heading):
    assert targets(heading, "地区生产总值增长8%左右", "财政收入增长9%。", "三、重点工作", "新建项目30个。") == [
        ("gdp", "growth_rate", 8.0, None, "about"), ("general_budget_revenue", "growth_rate", 9.0, None, "exact")]


def test_a_heading_of_another_horizon_is_no_statement():
    assert targets("三、“十四五”时期的主要目标", "地区生产总值年均增长6%，经济总量突破1000亿元。") == []
    assert targets("（一）今后五年的奋斗目标", "经济总量突破1000亿元。") == []


def test_a_plan_section_opening_with_the_years_gdp_growth():
    assert targets("根据“十五”计划纲要提出的目标任务，今年，国内生产总值增长8.5%。这个指标是指导性的。",
                   plan_year=2001) == [("gdp", "growth_rate", 8.5, None, "exact")]
    assert targets("今年，全省生产总值增长9%左右，财政收入增长10%。") == [
        ("gdp", "growth_rate", 9.0, None, "about"), ("general_budget_revenue", "growth_rate", 10.0, None, "exact")]
    # only GDP growth right after 今年 opens one; only where no lead does
    assert targets("今年，全省要新建项目100个，财政收入增长10%。") == []
    assert targets("今年，要着力扩大内需，国内生产总值增长8%。") == []
    assert targets("主要预期目标是：地区生产总值增长7%。", "今年，地区生产总值增长7%，人均收入增长8%。") == [
        ("gdp", "growth_rate", 7.0, None, "exact")]
