"""Records reach the splitter with a metadata header to skip and hints that never overrule the text."""
from datetime import date

from pipelines.extract.documents.metadata_hints import disagreements
from pipelines.extract.documents.regions import default_index
from pipelines.extract.documents.split import RecordText, build_documents, documents_of_records
from pipelines.extract.text.readers.plain import metadata_header

HEADER = """标题：政府工作报告——在保定市第十二届人民代表大会第四次会议上
发文单位：保定市人民政府
发文时间：2006-02-15
报告人：保定市人民政府市长 于群
来源URL：http://example.gov.cn/news/show.asp?id=471

正文：
"""
REPORT = """
政府工作报告

——2007年1月30日在保定市第十二届人民代表大会第五次会议上

各位代表：

现在，我代表保定市人民政府向大会作工作报告，请予审议。
一、2006年工作回顾
过去的一年，全市生产总值增长13.5%。
二、2007年工作安排
今年经济社会发展的主要预期目标是：全市生产总值增长12%左右。
"""

SPACED = """政 府 工 作 报 告

--2015年2月5日在海拉尔区第十四届人民代表大会第四次会议上

海拉尔区人民政府区长　　杜联合

各位代表：
现在，我代表海拉尔区人民政府向大会作工作报告，请予审议。
一、2014年工作回顾
过去的一年，全区地区生产总值增长8%。
二、2015年工作安排
今年主要预期目标是：地区生产总值增长8%左右。
"""

UNTITLED = """各位代表：
现在，我代表区人民政府向大会作工作报告，请予审议。
一、2014年工作回顾
过去的一年，海拉尔区地区生产总值增长8%，海拉尔区城乡面貌明显改善。呼伦贝尔市支持海拉尔区建设。
二、2015年工作安排
今年主要预期目标是：地区生产总值增长8%左右。
"""


def test_a_crawlers_header_is_read_as_fields_and_skipped():
    lines = (HEADER + REPORT).split("\n")
    fields, body_start = metadata_header(lines)
    assert fields["发文单位"] == "保定市人民政府" and fields["来源URL"].startswith("http://")
    assert lines[body_start - 1] == ""  # the line after 正文：
    (doc,) = build_documents("a.txt", HEADER + REPORT, default_index(), RecordText("", HEADER + REPORT, body_start))
    assert doc.line_start > body_start - 1 and lines[doc.line_start - 1] == "政府工作报告"
    assert doc.doc_date == date(2007, 1, 30) and default_index().by_code[doc.city_code].name == "保定市"


def test_a_report_is_no_header():
    assert metadata_header(["各位代表：", "现在，我代表市人民政府向大会作工作报告。"]) == ({}, 1)
    assert metadata_header(["来源：新华社", "各位代表："]) == ({}, 1)  # one field and no 正文： line


def test_a_title_spaced_letter_by_letter_opens_the_report():
    (doc,) = build_documents("2015.txt", SPACED, default_index())
    assert doc.line_start == 1 and doc.doc_type == "work_report"
    assert doc.city_code == "150702" and doc.doc_date == date(2015, 2, 5)


def _hints(**kw) -> dict:
    return {k: (f"col_{k}", v) for k, v in kw.items()}


def test_hints_place_a_report_whose_text_does_not_say_where():
    """Placed only by the names the body mentions most: the metadata's place, named in the text too, wins."""
    from pipelines.extract.documents.metadata_hints import place_by_hints
    index = default_index()
    (doc,) = build_documents("r.csv", UNTITLED, index)
    assert doc.placed_by in ("speaker", "body")
    doc.city_code = "150700"  # as if the body had named 呼伦贝尔市 most
    place_by_hints(doc, _hints(province="内蒙古", city="呼伦贝尔", county="海拉尔"), index)
    assert doc.city_code == "150702" and doc.placed_by == "hint"
    (titled,) = build_documents("r.csv", SPACED, index)  # a congress line says where: no hint moves it
    place_by_hints(titled, _hints(division_code="140302"), index)
    assert titled.city_code == "150702" and titled.placed_by == "congress"


def test_hints_naming_a_place_the_text_never_names_are_ignored():
    (doc,) = build_documents("r.csv", UNTITLED, default_index(),
                             RecordText("1", UNTITLED, hints=_hints(province="山西", city="阳泉", county="城区")))
    assert doc.placed_by != "hint" and doc.city_code != "140302"


def test_the_text_wins_and_the_disagreement_is_listed():
    """A vendor's row filed under another county: the congress line decides, the row is listed."""
    index = default_index()
    hints = {"division_code": ("区县代码", "140302"), "county": ("区县名称", "城区"), "year": ("年份", "2013")}
    docs, rows = documents_of_records("v.xlsx", [RecordText("3", SPACED, hints=hints)], index)
    assert [d.city_code for d in docs] == ["150702"] and docs[0].source_record == "3"
    by_hint = {r[3]: r for r in rows}
    assert by_hint["division_code"][4:6] == ("区县代码", "140302") and "150702" in by_hint["division_code"][6]
    assert by_hint["year"][5] == "2013" and "2015" in by_hint["year"][6]
    assert disagreements(docs, {"division_code": ("区县代码", "150702")}, index) == []


def test_ordinals_run_through_the_records_of_a_file():
    docs, _ = documents_of_records("v.xlsx", [RecordText("1", SPACED), RecordText("2", SPACED)], default_index())
    assert [(d.doc_id, d.source_record, d.line_start) for d in docs] == [("v.xlsx:001", "1", 1), ("v.xlsx:002", "2", 1)]


COPY = """二〇一九年一月十四日在河北省第十三届人民代表大会第二次会议上
河北省人民政府省长许勤
许勤作政府工作报告。记者孟宇光摄
各位代表：
现在，我代表河北省人民政府向大会作政府工作报告，请予审议，并请省政协各位委员和其他列席人员提出意见。
一、2018年工作回顾
过去的一年，是全面贯彻党的十九大精神开局之年，是改革开放40周年，全省经济社会发展稳中有进、稳中向好。
——经济发展稳中有进。预计全省生产总值增长6.6%左右，一般公共预算收入增长10.5%，规模以上工业增加值增长5.2%。
——产业结构更趋优化。三次产业结构调整优化，战略性新兴产业增加值增长较快，服务业对经济增长的贡献率继续提高。
——生态环境明显好转。单位生产总值能耗下降，细颗粒物平均浓度下降，全省森林覆盖率继续提高。
二、2019年工作安排
今年经济社会发展的主要预期目标是：全省生产总值增长6.5%左右。
各位代表！使命呼唤担当，奋斗成就未来。
"""
PAGE_TWICE = (COPY + "来源：河北新闻网\n" + "石家庄市\n承德市\n张家口市\n" * 8 + "主办：河北省人民政府办公厅\n"
              + "当前位置：\n首页\n>>\n政府工作报告\n政府工作报告\n2019年01月31日\n" + COPY)


def test_a_page_carrying_the_report_twice_is_one_report_ending_at_its_source_line():
    """A saved page: an untitled copy (delivery line, caption, greeting), the site's links, then a
    titled copy of the same report: one document, the first, from its delivery line to before 来源："""
    lines = PAGE_TWICE.split("\n")
    (doc,) = build_documents("p.txt", PAGE_TWICE, default_index())
    assert doc.line_start == 1 and lines[doc.line_end - 1].startswith("各位代表！使命呼唤担当")
    assert doc.doc_date == date(2019, 1, 14) and doc.city_code == "130000" and doc.plan_year == 2019


def test_two_years_of_reports_that_open_alike_are_both_kept():
    """A compilation of one province's reports: the same formula for 300 characters, another delivery date."""
    other = COPY.replace("6.5%左右", "7%左右").replace("二〇一九年一月十四日", "二〇二〇年一月八日")
    docs, _ = documents_of_records("c.txt", [RecordText("", COPY + "\n" + "政府工作报告\n" + other)], default_index())
    assert len(docs) == 2


def test_a_congress_line_without_a_date_and_the_date_in_brackets_below():
    """Older reports: 政府工作报告 / ——在…人民代表大会…会议上 / 省长 某某 / （2000年1月20日）, or the
    congress line with no dash and the date in Chinese numerals."""
    for head, day in (("政府工作报告\n———在河北省第九届人民代表大会第三次会议上\n河北省人民政府省长 钮茂生\n（2000年1月20日）",
                       date(2000, 1, 20)),
                      ("在河北省第十届人民代表大会第三次会议上\n\n河北省省长 季允石\n\n（二〇〇五年一月十一日）", date(2005, 1, 11))):
        text = head + "\n各位代表：\n现在，我代表省人民政府向大会作工作报告，请予审议。\n一、过去一年的工作\n全省生产总值增长9%。\n"
        (doc,) = build_documents("h.txt", text, default_index())
        assert doc.line_start == 1 and doc.doc_date == day and doc.city_code == "130000"


def test_a_paragraph_opening_with_a_congress_is_no_delivery_line():
    from pipelines.extract.documents.report_cues import is_delivery_line
    assert not is_delivery_line("在省十一届人大三次会议上，我们提出了今年的目标。")
    assert is_delivery_line("——在保定市第十二届人民代表大会第五次会议上的政府工作报告")


def test_a_source_line_under_a_chart_in_the_body_ends_nothing():
    text = COPY.replace("二、2019年工作安排", "来源：河北省统计局\n过去五年，全省经济总量持续扩大，结构不断优化，发展质量稳步提升。\n二、2019年工作安排")
    (doc,) = build_documents("b.txt", text, default_index())
    assert doc.plan_year == 2019 and "主要预期目标" in doc.text


def test_a_title_broken_over_two_lines_keeps_its_delivery_date():
    text = ("2019年海拉尔区人民政府工作报\n告\n——2019年1月10日在海拉尔区第十五届人民代表大会第四次会议上\n各位代表：\n"
            "现在，我代表区人民政府向大会作工作报告，请予审议。\n一、2018年工作回顾\n全区地区生产总值增长5%。\n")
    (doc,) = build_documents("t.txt", text, default_index())
    assert doc.line_start == 1 and doc.doc_date == date(2019, 1, 10) and doc.city_code == "150702"
    assert doc.title.startswith("2019年海拉尔区人民政府工作报")
    lines = text.split("\n")
    from pipelines.extract.documents.split import reading_view
    assert len(reading_view(lines)) == len(lines)  # line numbers hold
