"""Work reports known by what they say: captions, missing titles, delivery lines, speakers, years."""
from datetime import date

import pytest

from pipelines.extract.documents import dating, report_cues
from pipelines.extract.documents.regions import default_index
from pipelines.extract.documents.split import build_documents


def docs(text, name="f.txt"):
    return build_documents(name, text, default_index())


def name_of(code):
    return default_index().by_code[code].name if code else None


NEWS_SITE_REPORT = """下载
打印
【字号：
加大
】
2026年北京市政府工作报告
——2026年1月25日在北京市第十六届人民代表大会第四次会议上
来源：北京日报
时间：2026-02-02
北京市市长 殷勇
殷勇同志作政府工作报告。本报记者 戴冰摄
各位代表：
现在，我代表北京市人民政府，向大会报告政府工作，请予审议。
一、2025年工作回顾
过去一年，全市地区生产总值增长5.4%。
二、2026年工作安排
今年主要预期目标是：地区生产总值增长5%左右。
"""


def test_a_photo_caption_inside_a_report_never_starts_a_document():
    (doc,) = docs(NEWS_SITE_REPORT)
    assert (doc.line_start, doc.title) == (6, "2026年北京市政府工作报告")
    assert doc.city_code == "110000"  # 北京市 is province-level
    assert doc.doc_date == date(2026, 1, 25) and (doc.report_year, doc.plan_year) == (2025, 2026)


@pytest.mark.parametrize("caption", [
    "殷勇同志作政府工作报告。本报记者 戴冰摄",
    "自治区人民政府主席包钢作政府工作报告。本报记者 韩卿立 摄",
    "张工作政府工作报告。",
    "任振鹤作政府工作报告。新甘肃·甘肃日报记者 盛学卿",
    "图为会议现场",
    "（本报记者 戴冰 摄）",
    "湖南日报全媒体记者 刘尚文 摄",
])
def test_captions_and_credits(caption):
    assert report_cues.is_caption(caption)


@pytest.mark.parametrize("line", [
    "根据中共中央的决定，我代表国务院，向第四届全国人民代表大会作政府工作报告。",
    "（二）加强新闻记者队伍建设",
    "发展摄影文化产业",
    "四、完善通讯员制度",
])
def test_what_is_not_a_caption(line):
    assert not report_cues.is_caption(line)


STATE_COUNCIL_NO_TITLE = """各位代表：

　　现在，我代表国务院，向大会作政府工作报告，请予审议，并请全国政协各位委员提出意见。

一、2014年工作回顾

　　过去一年，国内生产总值达到63.6万亿元。

二、2015年工作总体部署

　　今年经济社会发展的主要预期目标是：国内生产总值增长7%左右。
"""


def test_a_report_with_no_title_and_no_date_is_still_a_work_report():
    (doc,) = docs(STATE_COUNCIL_NO_TITLE)
    assert doc.doc_type == "work_report" and doc.title == "" and doc.line_start == 1
    assert doc.city_code == "100000" and doc.doc_date is None
    assert (doc.report_year, doc.plan_year) == (2014, 2015)


def test_a_greeting_then_the_year_past_opens_a_report_but_a_party_congress_does_not():
    (gov,) = docs("各位代表：\n\n　　刚刚过去的1984年，是我国各族人民取得伟大成就的一年。\n\n　　国务院决定：今年的改革要继续进行。全国都要抓好。"
                  "国务院已经决定：严格控制货币发行。\n")
    assert gov.doc_type == "work_report" and gov.city_code == "100000"
    (party,) = docs("各位代表：\n现在，我代表中国共产党某市第十二届委员会向大会作报告。过去五年，我们团结奋斗。\n")
    assert party.doc_type != "work_report"


def test_a_press_summary_of_the_report_is_the_report():
    text = ("国民经济的成就和今后的建设任务\n　　周恩来总理在报告中首先指出，我国各族人民取得了伟大成就。\n"
            "　　周恩来总理在报告中提出了今后发展国民经济的任务。\n　　周恩来总理报告的第二部分是关于统一战线。\n")
    (doc,) = docs(text)
    assert doc.doc_type == "work_report" and doc.city_code == "100000"


@pytest.mark.parametrize("lines, expected", [
    (["——2021年3月5日在第十三届全国人民代表大会第四次会议上"], date(2021, 3, 5)),
    (["2026年2月3日在四川省第十四届人民代表大会第五次会议上"], date(2026, 2, 3)),
    (["——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上"], date(2026, 1, 27)),
    (["――2026年1月27日在青海省第十四届人民代表大会第四次会议上"], date(2026, 1, 27)),
    (["——2026年1月26日在广东省第十四届", "人民代表大会第五次会议上"], date(2026, 1, 26)),
    (["2026-02-12 07:00:44", "来源：某日报"], None),  # a web page's stamp is not a delivery date
])
def test_delivery_line_shapes(lines, expected):
    assert report_cues.delivery_date(lines) == expected


def test_congress_place_names_the_government_that_speaks():
    assert report_cues.congress_place(["——2026年1月27日在吉林省第十四届人民代表大会第五次会议上"]) == "吉林省"
    assert report_cues.congress_place(["——2026年1月26日在广东省第十四届", "人民代表大会第五次会议上"]) == "广东省"


def test_jilin_province_is_not_jilin_city():
    text = ("2026年吉林省政府工作报告\n——2026年1月27日在吉林省第十四届人民代表大会第五次会议上\n来源：吉林日报\n"
            "各位代表：\n现在，我代表省政府，向大会报告工作。\n吉林市、长春市、吉林市的工作。\n")
    (doc,) = docs(text)
    assert doc.city_code == "220000"
    assert default_index().resolve_title("2026年吉林省政府工作报告\n来源：吉林日报") == "220000"


def test_opening_day_with_the_year_from_the_text():
    text = ("湖南省政府工作报告\n2月3日，湖南省第十四届人民代表大会第四次会议在省人民会堂开幕。省长作政府工作报告。\n各位代表：\n"
            "现在，我代表省人民政府，向大会报告工作。\n一、2025年工作回顾\n二、2026年工作安排\n")
    (doc,) = docs(text)
    assert doc.city_code == "430000" and doc.doc_date == date(2026, 2, 3)


def test_a_repeated_title_at_the_foot_of_the_page_is_a_teaser():
    text = NEWS_SITE_REPORT + "相关阅读\n解读政府工作报告\n2026年北京市政府工作报告\n各位代表：现在，我代表市人民政府，向大会报告工作。\n"
    (doc,) = docs(text)
    assert doc.line_start == 6


@pytest.mark.parametrize("heading, expected", [
    ("一、2014年工作回顾", (2014, None)),
    ("二、2015年工作总体部署", (None, 2015)),
    ("一、1998年工作回顾和1999年工作的总体要求", (1998, 1999)),
    ("一、2025年和“十四五”时期工作回顾", (2025, None)),
    ("三、2011年的工作", (None, 2011)),
    ("首先报告2001年的工作", (2001, None)),
    ("二、“十五五”时期主要目标任务", (None, None)),
    ("到2030年基本实现现代化的目标", (None, None)),
    ("2025年，全省地区生产总值增长5%。全年完成了目标任务。", (None, None)),
])
def test_heading_years(heading, expected):
    assert dating.heading_years(heading) == expected


def test_years_from_what_the_report_says():
    assert dating.report_years_from(["今年是实施“十二五”规划的开局之年。"], None) == (2010, 2011)
    results = ["国内生产总值2000年达89404亿元。", "2000年进出口总额达4743亿美元。", "2000年国家财政收入达13380亿元。",
               "今年要继续努力。", "我们要团结奋斗。"]
    assert dating.report_years_from(results, None) == (2000, 2001)
    assert dating.report_years_from(["1992年进出口总额达到1656亿美元。", "争取1997年钢产量达到9400万吨。"] + [""] * 4,
                                    None) == (1992, 1993)  # 争取…: a goal, not a result
    assert dating.report_years_from(["一、2025年工作回顾"], date(2026, 1, 25)) == (2025, 2026)
    # 2035年远景目标 is another horizon; a heading year far from the delivery date is not this report's
    assert dating.report_years_from(["一、过去五年工作回顾", "二、2035年远景目标", "三、今年工作安排"], date(2021, 1, 20)) == (2020, 2021)
    assert dating.heading_years("（三）2025年目标任务完成情况") == (2025, None)
    assert dating.report_years_from(["各位代表：", "我们团结奋斗。"], None) == (None, None)


TRADITIONAL_REPRINT = """2022年濟南市政府工作報告
——2022年12月26日在濟南市第十八屆人民代表大會第二次會議上
各位代表：
現在，我代表市人民政府，向大會報告工作，請予審議。
一、2022年工作回顧
二、2023年工作安排
2023年經濟社會發展主要預期目標是：地區生產總值增長5%以上。
"""


def test_a_traditional_character_reprint_reads_like_the_simplified_report():
    (doc,) = docs(TRADITIONAL_REPRINT)
    assert doc.doc_type == "work_report" and doc.title == "2022年濟南市政府工作報告"  # as written
    assert name_of(doc.city_code) == "济南市" and doc.doc_date == date(2022, 12, 26)
    assert (doc.report_year, doc.plan_year) == (2022, 2023)


def test_zero_width_marks_do_not_hide_a_title_or_a_greeting():
    (doc,) = docs("\u200b 政府工作报告\n——2023年3月5日在第十四届全国人民代表大会第一次会议上\n各位代表：\u200d\n现在，我代表国务院，向大会报告政府工作。\n")
    assert doc.title == "政府工作报告" and doc.city_code == "100000" and doc.doc_date == date(2023, 3, 5)


def test_several_untitled_reports_in_one_file_are_several_documents():
    two = STATE_COUNCIL_NO_TITLE + "\n" + STATE_COUNCIL_NO_TITLE.replace("2014", "2015").replace("2015年工作总体", "2016年工作总体")
    first, second = docs(two)
    assert (first.plan_year, second.plan_year) == (2015, 2016) and first.line_end < second.line_start


def test_an_untitled_local_report_is_placed_at_its_speakers_level():
    text = ("各位代表：\n现在，我代表省人民政府，向大会报告工作。\n过去一年，吉林省经济平稳。长春市、吉林市发展加快。\n"
            "吉林省粮食丰收。国务院决定支持全国东北振兴。\n")
    (doc,) = docs(text)
    assert doc.city_code == "220000"


def test_a_year_spaced_digit_by_digit_still_names_the_plan_year():
    text = "各位代表：\n现在，我代表国务院，向大会作政府工作报告，请予审议。\n一、过去五年的工作\n二、关于1 9 9 8 年政府工作的建议\n"
    (doc,) = docs(text)
    assert doc.plan_year == 1998


def test_news_of_a_congress_is_not_a_work_report():
    page = ("代表建言献策\n本报讯（记者 张三） 连日来，我市人大代表围绕市政府工作提出意见建议200余条。\n"
            "代表们表示要履职尽责。\n\n加快建设新能源汽车产业园\n本报讯 3月2日，我市召开推进会。\n")
    assert {d.doc_type for d in docs(page)} <= {"news", "meeting_report", "other"}
    assert not report_cues.is_delivery_line("2024年3月5日上午，十四届全国人大二次会议在人民大会堂开幕。")
    assert not report_cues.is_report_summary("本报讯 市长王某在报告中指出…市长在报告中提出…市长在报告中强调…")


@pytest.mark.parametrize("opening", [
    "各位代表：\n我受市人民政府委托，现将2023年预算执行情况和2024年预算草案提请大会审议，并请市政协委员提出意见。\n过去一年，收入增长。\n",
    "各位代表：\n现在，我代表省人民检察院报告工作，请予审议。\n一年来，全省检察机关依法履职。\n",
    "各位委员：\n受政协第十三届常务委员会委托，我向大会报告工作。\n过去的一年，我们认真履职。\n",
])
def test_budget_court_and_cppcc_reports_are_not_the_governments_work_report(opening):
    assert all(d.doc_type != "work_report" for d in docs(opening))


def test_a_local_report_citing_the_national_congress_stays_local():
    text = ("2024年河南省政府工作报告\n——2024年1月21日在河南省第十四届人民代表大会第二次会议上\n各位代表：\n"
            "现在，我代表省人民政府，向大会报告工作。认真贯彻十四届全国人大二次会议精神。\n")
    (doc,) = docs(text)
    assert doc.city_code == "410000"
