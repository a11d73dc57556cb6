"""Projects, funds and dates on short strings: one hard case per test."""
from datetime import date

import pytest

from pipelines.extract.documents.dating import five_year_plan
from pipelines.extract.facts.dates import extract_dates
from pipelines.extract.facts.funds import extract_funds, fund_kind
from pipelines.extract.facts.numbers import find_money
from pipelines.extract.facts.projects import extract_projects
from pipelines.extract.text.textmap import map_lines


def projects(*lines, plan_start=None):
    found, aggregates, claimed = extract_projects(map_lines(list(lines)), plan_start)
    return found, aggregates, claimed


def names(*lines):
    return [p.project_name for p in projects(*lines)[0]]


# --- money ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit, yuan", [
    ("争取专项债41.7亿元", 41.7, "亿元", 4.17e9),
    ("争取专项债41.7 亿元", 41.7, "亿元", 4.17e9),
    ("拖欠工资1193万余元", 1193, "万元", 1.193e7),
    ("发放130余万元", 130, "万元", 1.3e6),
    ("形成十亿元产业", 10, "亿元", 1e9),
    ("跨越千亿大关", 1000, "亿元", 1e11),
    ("留抵退税2.35亿元（16）", 2.35, "亿元", 2.35e8),
])
def test_number_forms(text, value, unit, yuan):
    (m,) = find_money(text)
    assert (m.value, m.unit) == (value, unit) and m.yuan == pytest.approx(yuan)


def test_prices_and_per_head_income_are_not_funds():
    assert find_money("居民人均可支配收入3.2万元，每吨价格500元，玉米2.5元/斤") == []


def test_chinese_numerals_only_inside_amounts():
    assert find_money("三元双向，统一大市场") == []


def test_amount_split_across_lines():
    funds = extract_funds(map_lines(["综合投入116", "亿元，建成一批项目。"], 10), [], None)
    assert [(f.amount_yuan, f.source_line, f.fund_kind) for f in funds] == [(1.16e10, 10, "investment_total")]


@pytest.mark.parametrize("before, after, kind", [
    ("争取专项债", "", "debt_bond"),
    ("为市场主体办理贷款延期还本", "", "financing_loan"),
    ("“退减缓”", "", "tax_relief"),
    ("投入", "开展购车赠加油卡促销活动", "subsidy"),
    ("投资", "", "investment_total"),
    ("省外到位资金", "", "attracted_investment"),
    ("清收处置不良资产", "", "other"),
])
def test_fund_kinds(before, after, kind):
    assert fund_kind(before, after) == kind


def test_fund_kind_from_earlier_in_the_sentence():
    funds = extract_funds(map_lines(["争取专项债券资金额度历史之最，8.7亿元全部用于民生改善。"]), [], None)
    assert [f.fund_kind for f in funds] == ["debt_bond"]


# --- projects ------------------------------------------------------------------------------

def test_amount_before_names_and_amounts_shared_by_lists():
    found, _, claimed = projects("投资134亿元的西峰至合水、西峰东绕城一级公路开工建设，投资112亿元的科元控股天然气深加工项目、"
                                 "110亿元的易事特装备制造及源网荷储一体化基地项目成功落户。")
    assert [(p.project_name, p.investment_yuan, p.status) for p in found] == [
        ("西峰至合水一级公路", 1.34e10, "started"), ("西峰东绕城一级公路", 1.34e10, "started"),
        ("科元控股天然气深加工项目", 1.12e10, "signed"), ("易事特装备制造及源网荷储一体化基地项目", 1.1e10, "signed")]
    assert len(claimed) == 3


def test_amount_in_its_own_clause_goes_to_the_next_names():
    found, _, claimed = projects("投资2.89亿元，化工产业园污水厂开工建设。投资1900万元，发展庭院经济1.3万亩。")
    assert [(p.project_name, p.investment_value, p.investment_unit) for p in found] == [("化工产业园污水厂", 2.89, "亿元")]
    assert len(claimed) == 1  # the 1900万元 stays a fund: no named project follows it


def test_total_investment_kind():
    (p,), _, _ = projects("总投资53.8亿元的鲁固直流70万千瓦风电项目开工建设。")
    assert (p.project_name, p.investment_kind, p.status) == ("鲁固直流70万千瓦风电项目", "total", "started")


def test_shared_head_nouns():
    assert names("打庆、太华、华二公路加快建设。") == ["打庆公路", "太华公路", "华二公路"]
    assert names("加快远景能源、三一重能、易事特等装备制造产业园建设。") == [
        "远景能源装备制造产业园", "三一重能装备制造产业园", "易事特装备制造产业园"]
    assert names("两家子、红岗子、舍力3个万头肉牛养殖园区开工建设。") == [
        "两家子万头肉牛养殖园区", "红岗子万头肉牛养殖园区", "舍力万头肉牛养殖园区"]


def test_one_verb_covers_a_list():
    found, _, _ = projects("市妇女儿童医院、团结小学新校区建成投用。")
    assert [(p.project_name, p.status) for p in found] == [("市妇女儿童医院", "completed"), ("团结小学新校区", "completed")]


def test_status_verbs():
    status = lambda text: [p.status for p in projects(text)[0]]
    assert status("力争开工建设平庆铁路。") == ["planned"]
    assert status("市康复医院主体完工。") == ["under_construction"]
    assert status("刘园子煤矿安全复产。") == ["operating"]
    assert status("引进宁县食用菌全产业链项目。") == ["signed"]


def test_names_split_across_lines():
    found, _, _ = projects("加快建设陇东区域医疗", "中心和华池通用机场。")
    assert [(p.project_name, p.source_line) for p in found] == [("陇东区域医疗中心", 1), ("华池通用机场", 2)]


def test_counts_of_anonymous_projects_are_aggregates():
    found, aggregates, _ = projects("实施500万元以上项目802个。")
    assert found == [] and [(a.count, a.threshold_text) for a in aggregates] == [(802, "500万元以上")]


def test_named_items_before_a_count_are_projects():
    assert names("圣越农牧白羽肉鸡产业集群、正大生猪屠宰加工等58个农业产业化项目补链强链。") == [
        "圣越农牧白羽肉鸡产业集群", "正大生猪屠宰加工"]


def test_slogans_and_programmes_are_not_projects():
    assert names("坚持大抓项目抓大项目，走好高质量发展之路，实施就业工程、温暖工程。") == []


def test_same_project_twice_is_two_mentions():
    assert names("核桃峪煤矿正式投产。", "保障核桃峪煤矿安全运行。") == ["核桃峪煤矿", "核桃峪煤矿"]


def test_period_from_the_plan_heading():
    found, _, _ = projects("人民广场建成投用。", "二、2023年工作安排", "建成人民广场。", plan_start=2)
    assert [p.period for p in found] == ["review", "plan"]


# --- dates ---------------------------------------------------------------------------------

def dates(*lines, year=2022):
    return [(d.date_text, d.date_start, d.date_end, d.granularity) for d in extract_dates(map_lines(list(lines)), year)]


def test_years_months_days_and_ranges():
    assert dates("2022年12月26日在大会上，2023年是开局之年，2021—2025年，2023年5月") == [
        ("2022年12月26日", date(2022, 12, 26), date(2022, 12, 26), "day"),
        ("2023年", date(2023, 1, 1), date(2023, 12, 31), "year"),
        ("2021—2025年", date(2021, 1, 1), date(2025, 12, 31), "period"),
        ("2023年5月", date(2023, 5, 1), date(2023, 5, 31), "month"),
    ]


def test_month_days_without_a_year_take_the_documents():
    assert dates("12月12日—13日，市委书记率队调研；快速处置“3·14”疫情。", year=2022) == [
        ("12月12日—13日", date(2022, 12, 12), date(2022, 12, 13), "period"),
        ("3·14", date(2022, 3, 14), date(2022, 3, 14), "day"),
    ]


def test_five_year_plans():
    assert five_year_plan("十四五") == (2021, 2025)
    assert five_year_plan("十三五") == (2016, 2020)
    assert five_year_plan("十五五") == (2026, 2030)
    assert dates("“十四五”规划") == [("十四五", date(2021, 1, 1), date(2025, 12, 31), "period")]


def test_numbers_that_are_not_dates():
    assert dates("投资7.15亿元，建设2000亩基地，年产20万吨") == []


def test_aggregate_keeps_its_total_and_the_amount_stays_a_fund():
    found, aggregates, claimed = projects("投资113亿元的12个重大项目开工建设。")
    assert found == [] and claimed == []
    assert [(a.count, a.total_investment_yuan) for a in aggregates] == [(12, 1.13e10)]


def test_total_of_a_counted_list_is_not_the_next_projects_investment():
    found, _, claimed = projects("重点推进集成电路产业园代傲电子等总投资500多亿元的16个项目、"
                                 "新型显示产业园万达光电等总投资1600多亿元的35个项目。")
    assert all(p.investment_yuan is None for p in found) and claimed == []
    _, aggregates, _ = projects("实施投资清单项目552项。")
    assert [a.count for a in aggregates] == [552]


def test_a_date_followed_by_before_is_a_deadline():
    (due, year, first_months) = extract_dates(map_lines(["力争2025年底前全面建成，2023年实现增长，2022年前11个月外贸增长。"]), 2024)
    assert (due.date_text, due.role) == ("2025年", "deadline")
    assert year.role != "deadline"
    assert (first_months.date_text, first_months.role) == ("2022年", "reference")  # 前11个月: the first months
    around, early = extract_dates(map_lines(["2020年前后建成，2023年前期投入。"]), 2024)
    assert around.role != "deadline" and early.role != "deadline"
