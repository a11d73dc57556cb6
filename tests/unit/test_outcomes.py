"""The reviewed year's results (fact_outcomes), one rule per test, on short made-up strings."""
from pipelines.extract.facts.outcomes import extract_outcomes, review_end
from pipelines.extract.text.textmap import map_lines


def found(*lines, year=2023, plan_start=None, first_target=None, this_year=None):
    text = map_lines(list(lines))
    end = review_end(text, plan_start, first_target)
    return extract_outcomes(text, year, end, this_year)


def outcomes(*lines, **kw):
    return [(o.indicator_code, o.measure, o.value, o.unit, o.qualifier) for o in found(*lines, **kw)]


def test_a_level_reached_and_its_growth_over_the_year_before():
    assert outcomes("2023年，全市地区生产总值达到1250亿元，比上年增长5.2%。") == [
        ("gdp", "level", 1250.0, "亿元", "exact"),
        ("gdp", "growth_rate", 5.2, "%", "exact"),
    ]


def test_each_indicator_of_a_list_with_its_own_number_and_qualifier():
    assert outcomes("一般公共预算收入增长6%左右，规模以上工业增加值增长7%以上，社会消费品零售总额385亿元。") == [
        ("general_budget_revenue", "growth_rate", 6.0, "%", "about"),
        ("industrial_value_added", "growth_rate", 7.0, "%", "at_least"),
        ("retail_sales", "level", 385.0, "亿元", "exact"),
    ]


def test_passing_a_mark_is_at_least():
    assert outcomes("地区生产总值突破1000亿元，进出口总额超过500亿元，城镇新增就业1000多万人。") == [
        ("gdp", "level", 1000.0, "亿元", "at_least"),
        ("foreign_trade", "level", 500.0, "亿元", "at_least"),
        ("other", "level", 1000.0, "万人", "at_least"),
    ]


def test_new_urban_jobs_are_other_with_their_name():
    (row,) = found("城镇新增就业6.8万人。")
    assert (row.indicator_code, row.indicator_text, row.value, row.unit) == ("other", "城镇新增就业", 6.8, "万人")


def test_an_estimate_is_marked_and_a_first_count_is_not():
    estimate, = found("预计全年地区生产总值增长6%。")
    counted, = found("经初步核算，全年地区生产总值增长6%。")
    assert estimate.estimated is True and counted.estimated is False


def test_two_names_then_two_numbers_respectively():
    assert outcomes("城镇居民人均可支配收入42000元，农民人均纯收入18000元，扣除价格因素，分别实际增长5.1%和7.2%。") == [
        ("urban_disposable_income", "level", 42000.0, "元", "exact"),
        ("rural_disposable_income", "level", 18000.0, "元", "exact"),
        ("urban_disposable_income", "growth_rate", 5.1, "%", "exact"),
        ("rural_disposable_income", "growth_rate", 7.2, "%", "exact"),
    ]
    assert outcomes("城乡居民人均可支配收入分别增长5%和7%。") == [
        ("urban_disposable_income", "growth_rate", 5.0, "%", "exact"),
        ("rural_disposable_income", "growth_rate", 7.0, "%", "exact"),
    ]


def test_averages_and_totals_over_years_are_no_year_result():
    assert outcomes("五年来，地区生产总值年均增长7.5%，累计完成固定资产投资5000亿元。") == []
    assert outcomes("国内生产总值达到1250亿元，年均增长7.5%。") == [("gdp", "level", 1250.0, "亿元", "exact")]
    assert outcomes("这五年，经济实力大幅提升。地区生产总值增长48%，城镇新增就业60万人。") == []
    assert outcomes("进出口总额达到500亿元，比2018年增长69%。") == [("foreign_trade", "level", 500.0, "亿元", "exact")]


def test_a_from_to_over_years_is_no_year_result():
    assert outcomes("地区生产总值从800亿元增加到1250亿元。") == []
    assert outcomes("2023年，单位地区生产总值能耗由前三年分别上升1.1%、0.5%，转为下降2.1%。") == [
        ("energy_intensity", "growth_rate", 2.1, "%", "exact")]


def test_parts_of_the_year_are_no_year_result():
    assert outcomes("上半年，地区生产总值增长4.5%。") == []
    assert outcomes("1-11月，固定资产投资增长8%。") == []
    assert outcomes("前三季度，社会消费品零售总额增长6%。") == []


def test_sub_sectors_and_parts_are_not_their_whole():
    assert outcomes("第三产业增加值增长8%。") == []
    assert outcomes("中央财政收入5000亿元。") == []
    assert outcomes("进出口总额5000亿美元，其中出口2662亿美元，增长6.8%。") == [
        ("foreign_trade", "level", 5000.0, "亿美元", "exact")]
    assert outcomes("地区生产总值增长5%，其中第三产业增长7%。") == [("gdp", "growth_rate", 5.0, "%", "exact")]


def test_an_amount_added_is_no_level():
    assert outcomes("财政收入比上年增加150亿元，达到1377亿元。") == [
        ("general_budget_revenue", "level", 1377.0, "亿元", "exact")]


def test_other_years_and_the_plan_year_are_not_the_reviewed_one():
    assert outcomes("2022年，地区生产总值增长3%。") == []
    assert outcomes("今年，地区生产总值预期增长5%左右。") == []
    # a report delivered in the year it reviews says 今年 of that year
    assert outcomes("今年以来，地区生产总值增长5%。", this_year=2023) == []
    assert outcomes("今年，地区生产总值增长5%。", this_year=2023) == [("gdp", "growth_rate", 5.0, "%", "exact")]


def test_what_a_year_is_does_not_set_the_time_of_its_numbers():
    assert outcomes("2023年是“十四五”承上启下之年，地区生产总值增长5%。") == [("gdp", "growth_rate", 5.0, "%", "exact")]


def test_a_sentence_opening_with_the_year_holds_for_the_next():
    assert outcomes("三、2024年的工作", "过去一年，我们的工作取得了很大成绩。地区生产总值增长5%。") == [
        ("gdp", "growth_rate", 5.0, "%", "exact")]
    assert outcomes("二、“十五五”时期的主要目标", "一是经济实力明显提升。地区生产总值年均增长5%，城镇新增就业50万人。") == []


def test_the_plan_part_is_not_read():
    lines = ("一、2023年工作回顾", "地区生产总值增长5%。", "二、2024年工作安排", "规模以上工业增加值增长6%。")
    assert outcomes(*lines, plan_start=3) == [("gdp", "growth_rate", 5.0, "%", "exact")]
    assert outcomes(*lines, first_target=3) == [("gdp", "growth_rate", 5.0, "%", "exact")]


def test_a_figure_said_twice_is_kept_where_it_is_said_first():
    rows = found("地区生产总值增长5%。", "（一）经济运行。地区生产总值增长5%，好于预期。")
    assert [(r.value, r.source_line) for r in rows] == [(5.0, 1)]


def test_traditional_characters_are_read_and_quoted_as_written():
    (row,) = found("國內生產總值達到1250億元。")
    assert (row.indicator_code, row.measure, row.value, row.unit) == ("gdp", "level", 1250.0, "亿元")
    assert row.snippet == "國內生產總值達到1250億元"


def test_full_width_digits_and_the_snippet_on_its_line():
    (level, growth) = found("序言", "２００１年国内生产总值达到９５９３３亿元，比上年增长７．３％。", year=2001)
    assert (level.value, level.source_line, level.snippet) == (95933.0, 2, "国内生产总值达到９５９３３亿元")
    assert (growth.value, growth.unit, growth.snippet) == (7.3, "%", "国内生产总值达到９５９３３亿元，比上年增长７．３％")


def test_rates_and_shares():
    assert outcomes("城镇登记失业率4.1%，居民消费价格上涨2%，单位国内生产总值能耗下降3.7%。") == [
        ("urban_unemployment_registered", "ratio", 4.1, "%", "exact"),
        ("cpi", "growth_rate", 2.0, "%", "exact"),
        ("energy_intensity", "growth_rate", 3.7, "%", "exact"),
    ]


def test_a_report_without_a_reviewed_year_gives_nothing():
    assert found("地区生产总值增长5%。", year=None) == []


def test_a_mark_passed_then_the_exact_figure_keeps_the_exact_one():
    assert outcomes("地区生产总值突破4000亿元大关，达到4250亿元。") == [("gdp", "level", 4250.0, "亿元", "exact")]


def test_the_years_average_of_a_rate_is_its_result_and_an_average_growth_is_not():
    assert outcomes("城镇新增就业1244万人，全国城镇调查失业率平均为5.2%。") == [
        ("other", "level", 1244.0, "万人", "exact"),
        ("urban_unemployment_surveyed", "ratio", 5.2, "%", "exact")]
    assert outcomes("全年城镇调查失业率平均5.5%，居民消费价格上涨2%。") == [
        ("urban_unemployment_surveyed", "ratio", 5.5, "%", "exact"), ("cpi", "growth_rate", 2.0, "%", "exact")]
    assert outcomes("城镇调查失业率保持在5.3%以下。") == [("urban_unemployment_surveyed", "ratio", 5.3, "%", "at_most")]
    assert outcomes("全市地区生产总值平均增长8%。") == []
    assert outcomes("国内生产总值增长8.1%，两年平均增长5.1%。") == [("gdp", "growth_rate", 8.1, "%", "exact")]
    assert outcomes("地区生产总值两年平均增长5.1%。") == []


def test_revenue_of_all_kinds_is_not_the_general_budget():
    assert outcomes("财政总收入和地方一般公共预算收入分别增长5%和6%。") == [
        ("general_budget_revenue", "growth_rate", 6.0, "%", "exact")]
    assert outcomes("财政总收入完成800亿元，增长5%。全口径财政收入突破1000亿元。") == []
    assert outcomes("全国一般公共预算收入21.7万亿元，增长6.4%。") == [
        ("general_budget_revenue", "level", 21.7, "万亿元", "exact"),
        ("general_budget_revenue", "growth_rate", 6.4, "%", "exact")]


def test_a_step_passed_is_at_least():
    assert outcomes("全省地区生产总值迈上5万亿元台阶。") == [("gdp", "level", 5.0, "万亿元", "at_least")]
    assert outcomes("经济总量跃上3000亿元新台阶，增长6%。") == [
        ("gdp", "level", 3000.0, "亿元", "at_least"), ("gdp", "growth_rate", 6.0, "%", "exact")]


def test_a_comparison_with_an_earlier_year_is_over_years():
    assert outcomes("与2022年相比，地区生产总值增长5%。") == [("gdp", "growth_rate", 5.0, "%", "exact")]
    assert outcomes("与2020年相比，地区生产总值增长15%。") == []
    assert outcomes("国内生产总值比2020年增加25万亿元，达到126万亿元。") == [("gdp", "level", 126.0, "万亿元", "exact")]


def test_a_period_opening_a_paragraph_holds_for_the_paragraphs_after_it():
    head = ("一、过去一年和五年的工作回顾", "过去一年，国内生产总值增长3%。", "过去五年极不寻常、极不平凡。")
    assert outcomes(*head, "经济实力明显提升。国内生产总值累计增长28%，城镇新增就业6000万人以上。", year=2022) == [
        ("gdp", "growth_rate", 3.0, "%", "exact")]
    # the level the period ends on is the reviewed year's
    assert outcomes(*head, "经济实力明显提升。国内生产总值增加到121万亿元，五年年均增长5.2%。", year=2022) == [
        ("gdp", "growth_rate", 3.0, "%", "exact"), ("gdp", "level", 121.0, "万亿元", "exact")]
    # until a paragraph opens with another time
    assert outcomes("五年来，我们砥砺前行。", "2023年，全力稳住经济大盘。", "全省生产总值增长5.5%。") == [
        ("gdp", "growth_rate", 5.5, "%", "exact")]


def test_the_level_a_period_ends_on_is_the_reviewed_years_unless_the_period_ended_before():
    assert outcomes("这五年，经济实力大幅提升。地区生产总值达到1250亿元，年均增长9%。") == [
        ("gdp", "level", 1250.0, "亿元", "exact")]
    assert outcomes("“十五”时期，国内生产总值达到18.2万亿元。", year=2005) == [("gdp", "level", 18.2, "万亿元", "exact")]
    assert outcomes("“十五”时期，国内生产总值达到18.2万亿元。", year=2006) == []
    assert outcomes("五年来，全省地区生产总值突破5万亿元，城镇新增就业达到500万人。") == [
        ("gdp", "level", 5.0, "万亿元", "at_least")]


def test_a_plan_period_starting_after_the_reviewed_year_is_the_plans():
    assert outcomes("“十五五”时期，要努力实现以下目标任务：", "一是发展水平明显提升。工业总产值突破1万亿元。", year=2025) == []


def test_one_name_before_a_clause_of_several_numbers_owns_each():
    assert outcomes("地区生产总值跨越3个千亿元台阶，达到1.5万亿元、增长6%。") == [
        ("gdp", "level", 1.5, "万亿元", "exact"), ("gdp", "growth_rate", 6.0, "%", "exact")]
    assert outcomes("财政收入3000亿元，收入和支出分别增长7%、10%。") == [
        ("general_budget_revenue", "level", 3000.0, "亿元", "exact")]


def test_numbers_said_respectively_go_to_the_names_before_those_that_block_included():
    assert outcomes("全部财政收入和地方一般预算收入分别完成166.6亿元和73.3亿元，可比增长21.6%和22%。") == [
        ("general_budget_revenue", "level", 73.3, "亿元", "exact"),
        ("general_budget_revenue", "growth_rate", 22.0, "%", "exact")]
    assert outcomes("全部财政收入达到1223.1亿元，其中地方一般预算收入620.2亿元，分别增长18.1%和20.3%。") == [
        ("general_budget_revenue", "level", 620.2, "亿元", "exact"),
        ("general_budget_revenue", "growth_rate", 20.3, "%", "exact")]
    assert outcomes("城市居民人均可支配收入13555元，农民人均纯收入4677元，分别增长10.1%和8%。") == [
        ("urban_disposable_income", "level", 13555.0, "元", "exact"),
        ("rural_disposable_income", "level", 4677.0, "元", "exact"),
        ("urban_disposable_income", "growth_rate", 10.1, "%", "exact"),
        ("rural_disposable_income", "growth_rate", 8.0, "%", "exact")]
    assert outcomes("地区生产总值增长5%，工业和服务业分别增长7%和8%。") == [("gdp", "growth_rate", 5.0, "%", "exact")]


def test_two_levels_a_period_ends_on_said_together():
    assert outcomes("五年来，城乡居民人均可支配收入达到2.36万元和1.53万元，分别比2011年增加8129元和7091元。", year=2016) == [
        ("urban_disposable_income", "level", 2.36, "万元", "exact"),
        ("rural_disposable_income", "level", 1.53, "万元", "exact")]


def test_a_name_listed_after_the_number_of_the_one_before_is_its_own():
    assert outcomes("城镇居民人均可支配收入12312元、农民人均纯收入4331元，分别增长12.7%和9%。") == [
        ("urban_disposable_income", "level", 12312.0, "元", "exact"),
        ("rural_disposable_income", "level", 4331.0, "元", "exact"),
        ("urban_disposable_income", "growth_rate", 12.7, "%", "exact"),
        ("rural_disposable_income", "growth_rate", 9.0, "%", "exact")]
    assert outcomes("财政收入100亿元、其中地方财政收入60亿元。") == [("general_budget_revenue", "level", 100.0, "亿元", "exact")]


def test_adverbs_between_a_name_and_its_number():
    assert outcomes("在大规模减税降费的情况下，财政收入仍增长3.8%。") == [("general_budget_revenue", "growth_rate", 3.8, "%", "exact")]
    assert outcomes("地区生产总值按不变价格计算较快增长7%，城镇调查失业率均值为5.2%。") == [
        ("gdp", "growth_rate", 7.0, "%", "exact"), ("urban_unemployment_surveyed", "ratio", 5.2, "%", "exact")]
    assert outcomes("一般公共预算收入稳步增长至1200亿元。") == [("general_budget_revenue", "level", 1200.0, "亿元", "exact")]


def test_an_amount_added_with_a_qualifier_is_no_level():
    assert outcomes("粮食产量增产超过20亿斤，财政收入增加近100亿元。") == []


def test_a_time_word_right_before_a_name_leaves_the_time_to_decide():
    assert outcomes("五年来地区生产总值达到1200亿元，年均增长6%。") == [("gdp", "level", 1200.0, "亿元", "exact")]
    assert outcomes("上半年地区生产总值增长5%。") == []


def test_one_year_of_a_plan_is_no_period():
    assert outcomes("在“十四五”开局之年，地区生产总值增长8%。", year=2021) == [("gdp", "growth_rate", 8.0, "%", "exact")]
    assert outcomes("“十四五”时期，地区生产总值年均增长6%，达到1200亿元。", year=2025) == [("gdp", "level", 1200.0, "亿元", "exact")]


def test_the_year_so_far_is_no_period_carried_to_the_next_paragraph():
    lines = ("今年以来，我们坚持稳中求进。", "预计全年地区生产总值增长5%。")
    assert outcomes(*lines, this_year=2023) == [("gdp", "growth_rate", 5.0, "%", "exact")]
    assert outcomes("近年来，我们坚持稳中求进。", "地区生产总值增长25%。") == []
