from datetime import date

from pipelines.extract.documents import dating


def test_chinese_numerals():
    assert dating.cn_int("二〇二三") == 2023
    assert dating.cn_int("十二") == 12
    assert dating.cn_int("二十六") == 26
    assert dating.cn_int("２０２２") == 2022


def test_full_dates_in_arabic_and_chinese_numerals():
    assert dating.first_full_date("2022年12月26日在济南市第十八届人民代表大会") == date(2022, 12, 26)
    assert dating.first_full_date("——二〇二三年一月十二日在市第十届人民代表大会") == date(2023, 1, 12)
    assert dating.first_full_date("来源:安徽日报 | 2023-07-21 09:33:26") == date(2023, 7, 21)


def test_dateline_fills_year_and_month():
    assert dating.dateline("本报讯 1月4日上午，市委书记", 2023, None) == date(2023, 1, 4)
    assert dating.dateline("14日上午,刘越高考察了", 2022, 12) == date(2022, 12, 14)
    assert dating.dateline("据海关统计，2022年1至11月", 2023, 1) is None


def test_page_year_looks_back_or_ahead():
    assert dating.page_year("去年前11个月…2022年1至11月…2023年新年贺词") == 2023
    assert dating.page_year("2022年即将过去…明年…2023年是开局之年…明年") == 2022
    assert dating.page_year("来源:日报 | 2021-03-02 10:00:00 2025年") == 2021


def test_report_years_from_delivery_date():
    assert dating.report_years_from([], date(2022, 12, 26)) == (2022, 2023)
    assert dating.report_years_from([], date(2023, 1, 12)) == (2022, 2023)
    assert dating.report_years_from(["2021年政府工作报告"], None) == (None, None)  # a title's year is no cue
    assert dating.report_years_from([], None) == (None, None)
