"""Records reach the splitter with a metadata header to skip and hints that never overrule the text."""
from datetime import date

from pipelines.extract.documents import RecordText, build_documents, documents_of_records
from pipelines.extract.metadata_hints import disagreements
from pipelines.extract.readers.plain import metadata_header
from pipelines.extract.regions import default_index

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
    from pipelines.extract.metadata_hints import place_by_hints
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
