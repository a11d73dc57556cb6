"""The table reader: one record per data row, the text column found by content, the rest kept as
metadata; and the hints read from that metadata."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import polars as pl
import pytest

from pipelines.extract.text.decode import decode_bytes
from pipelines.extract.text.readers.hints import hints, hints_with_columns
from pipelines.extract.text.readers.records import DEFAULT_LIMITS, Limits, Unreadable
from pipelines.extract.text.readers.tables import read_table_bytes, read_table_text

FORMATS = Path(__file__).resolve().parent.parent / "formats"
SENTENCE = "全区上下坚持稳中求进工作总基调，扎实推进经济社会各项事业发展，人民群众获得感幸福感安全感持续增强。"


def report(place: str, year: int, paragraphs: int = 6) -> str:
    """The report text of tests/formats/make_workbooks.py: a title, 各位代表：, paragraphs."""
    lines = [f"{place}{year}年政府工作报告", "各位代表："]
    lines += [f"{year}年，{SENTENCE}{i + 1}" for i in range(paragraphs)]
    return "\n".join(lines)


def csv_text(rows: list[list[object]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def read_text(text: str, name: str = "t.csv", encoding: str | None = "utf-8", limits: Limits = DEFAULT_LIMITS):
    return read_table_text(text, name, encoding, limits)


# ---------------------------------------------------------------- workbooks

def test_vendor_workbook_reads_a_record_per_row_with_whole_numbers():
    read = read_table_bytes((FORMATS / "vendor_layout.xlsx").read_bytes(), "xlsx", DEFAULT_LIMITS)
    assert read.format == "xlsx" and read.error is None
    assert [r.record_id for r in read.records] == ["1", "2", "3"]
    first = read.records[0]
    assert first.ok and first.text == report("海拉尔区", 2012) and first.text_column == "报告全文"
    assert first.metadata["年份"] == "2012" and first.metadata["区县代码"] == "150702"
    assert first.metadata["所属省份"] == "内蒙古" and "报告全文" not in first.metadata
    assert first.metadata["文本总长度(字)"] == str(len(report("海拉尔区", 2012)))
    assert hints(first.metadata) == {"year": "2012", "level": "区县级", "division_code": "150702", "county": "海拉尔",
                                     "city": "呼伦贝尔", "province": "内蒙古", "title": "海拉尔区2012年政府工作报告"}


def test_vendor_workbook_short_row_is_skipped_not_dropped():
    third = read_table_bytes((FORMATS / "vendor_layout.xlsx").read_bytes(), "xlsx", DEFAULT_LIMITS).records[2]
    assert third.status == "skipped" and third.text is None and "too short" in third.reason
    assert third.metadata["年份"] == "2014"


def test_workbook_with_two_sheets_names_the_sheet_in_ids():
    read = read_table_bytes((FORMATS / "two_sheets.xlsx").read_bytes(), "xlsx", DEFAULT_LIMITS)
    assert [r.record_id for r in read.records] == ["2012!1", "2013!1", "2013!2"]
    assert [r.metadata["标题"] for r in read.records] == ["甲县2012年政府工作报告", "甲县2013年政府工作报告",
                                                          "乙县2013年政府工作报告"]
    assert read.records[2].text == report("乙县", 2013)
    assert "说明" in read.error and "no column of long texts" in read.error  # the notes sheet is named, not read


def test_damaged_workbook_is_unreadable():
    data = (FORMATS / "vendor_layout.xlsx").read_bytes()
    with pytest.raises(Unreadable):
        read_table_bytes(data[: len(data) // 2], "xlsx", DEFAULT_LIMITS)


def test_workbook_over_the_row_limit_is_unreadable():
    with pytest.raises(Unreadable, match="max_records"):
        read_table_bytes((FORMATS / "vendor_layout.xlsx").read_bytes(), "xlsx", Limits(max_records=2))


# ---------------------------------------------------------------- CSV and TSV

CRAWLER_HEADER = ["province", "year", "title", "source_url", "publish_date", "full_text"]


def test_crawler_csv_with_bom_and_multiline_cells():
    rows = [CRAWLER_HEADER,
            ["北京市", 2026, "2026年北京市政府工作报告", "https://example.gov.cn/a.html", "2026-02-02", report("北京市", 2026)],
            ["天津市", 2026, "2026年天津市政府工作报告", "https://example.gov.cn/b.html", "2026/1/26", report("天津市", 2026, 9)]]
    decoded = decode_bytes(csv_text(rows).encode("utf-8-sig"))
    read = read_text(decoded.text, "2026_北京市_政府工作报告.csv", decoded.encoding)
    assert read.format == "csv" and read.encoding == "utf-8-sig"
    assert [r.record_id for r in read.records] == ["1", "2"]
    beijing, tianjin = read.records
    assert beijing.text == report("北京市", 2026) and "\r" not in beijing.text  # real CRLF made \n
    assert len(tianjin.text.split("\n")) == 11 and beijing.text_column == "full_text"
    assert list(beijing.metadata) == ["province", "year", "title", "source_url", "publish_date"]
    assert hints(tianjin.metadata)["published"] == "2026-01-26"


def test_bom_left_in_the_text_does_not_stick_to_the_first_column():
    text = "\ufeff" + csv_text([["province", "full_text"], ["北京市", report("北京市", 2026)]])
    assert list(read_text(text).records[0].metadata) == ["province"]


def test_a_table_is_found_by_content_whatever_its_name():
    text = csv_text([["title", "full_text"], ["甲", report("甲县", 2020)], ["乙", report("乙县", 2020)]])
    assert read_text(text, "download.txt").format == "csv"


def test_tsv():
    text = csv_text([["年份", "标题", "正文"], [2020, "甲县2020年政府工作报告", report("甲县", 2020)],
                     [2021, "甲县2021年政府工作报告", report("甲县", 2021)]], delimiter="\t")
    read = read_text(text, "reports.tsv")
    assert read.format == "tsv" and [r.text_column for r in read.records] == ["正文", "正文"]
    assert read.records[1].text == report("甲县", 2021) and read.records[1].metadata == {"年份": "2021",
                                                                                        "标题": "甲县2021年政府工作报告"}


def test_semicolon_delimited():
    text = csv_text([["jahr", "titel", "text"], [2020, "甲", report("甲县", 2020)], [2021, "乙", report("乙县", 2021)]],
                    delimiter=";")
    assert read_text(text).records[0].metadata == {"jahr": "2020", "titel": "甲"}


def test_gbk_csv_decoded_by_the_caller():
    data = csv_text([["省份", "标题", "报告全文"], ["河北省", "2020年河北省政府工作报告", report("河北省", 2020)]]).encode("gbk")
    decoded = decode_bytes(data)
    read = read_text(decoded.text, "hebei.csv", decoded.encoding)
    assert read.encoding == "gb18030" and read.records[0].text == report("河北省", 2020)
    assert read.records[0].metadata == {"省份": "河北省", "标题": "2020年河北省政府工作报告"}


def test_text_column_is_found_by_content_not_by_name():
    text = csv_text([["content", "notes"], ["见附件", report("甲县", 2020)], ["见附件", report("乙县", 2020)]])
    record = read_text(text).records[0]
    assert record.text_column == "notes" and record.metadata == {"content": "见附件"}


def test_report_column_beats_a_column_of_abstracts_even_with_placeholders():
    abstract = SENTENCE * 5  # about 220 Chinese characters
    text = csv_text([["摘要", "全文"], [abstract, report("甲县", 2020, 40)], [abstract, "暂无全文"], [abstract, "暂无全文"]])
    read = read_text(text)
    assert [r.text_column for r in read.records] == ["全文"] * 3
    assert [r.status for r in read.records] == ["ok", "skipped", "skipped"]


def test_short_row_is_skipped_with_its_reason():
    text = csv_text([["title", "full_text"], ["甲", report("甲县", 2020)], ["乙", "暂无"], ["丙", ""]])
    read = read_text(text)
    assert [r.status for r in read.records] == ["ok", "skipped", "skipped"]
    assert "too short" in read.records[1].reason and read.records[2].reason == "no text"
    assert read.records[1].metadata == {"title": "乙"}


def test_row_of_the_wrong_width_is_a_row_problem_not_a_file_problem():
    text = csv_text([["title", "year", "full_text"], ["甲", 2020, report("甲县", 2020)],
                     ["乙", report("乙县", 2020)], ["丙", 2020, report("丙县", 2020)]])
    read = read_text(text)
    assert [r.status for r in read.records] == ["ok", "skipped", "ok"]
    assert read.records[2].text == report("丙县", 2020)


def test_literal_backslash_line_breaks_become_lines():
    flat = report("甲县", 2020).replace("\n", "\\r\\n")
    read = read_text(csv_text([["title", "full_text"], ["甲", flat], ["乙", report("乙县", 2020).replace("\n", "\\n")]]))
    assert read.records[0].text == report("甲县", 2020) and "literal" in read.records[0].reason
    assert read.records[1].text == report("乙县", 2020)


def test_literal_sequences_stay_when_the_cell_has_real_lines():
    text = report("甲县", 2020) + "\n路径 C:\\new"
    record = read_text(csv_text([["title", "full_text"], ["甲", text], ["乙", report("乙县", 2020)]])).records[0]
    assert record.text == text and record.reason is None


def test_table_without_long_texts_is_unreadable():
    text = csv_text([["code", "name"], ["150702", "海拉尔区"], ["150703", "扎赉诺尔区"]])
    with pytest.raises(Unreadable, match="no column of long texts"):
        read_text(text)


def test_table_over_the_row_limit_is_unreadable():
    text = csv_text([["title", "full_text"]] + [["甲", report("甲县", 2020)]] * 3)
    with pytest.raises(Unreadable, match="max_records"):
        read_text(text, limits=Limits(max_records=2))


# ---------------------------------------------------------------- plain texts are not tables

def test_plain_report_with_commas_is_not_a_table():
    text = "\n".join([
        "2020年甲县政府工作报告",
        "各位代表:",
        "现在,我代表县人民政府,向大会报告工作,请予审议,并请县政协委员提出意见.",
        "一、2019年工作回顾",
        "过去一年,全县地区生产总值增长6.5%,一般公共预算收入增长8%,城乡居民收入分别增长7%和9%.",
        "我们坚持新发展理念,推进高质量发展,经济运行稳中有进.",
        "二、2020年工作安排",
        "今年经济社会发展的主要预期目标是:地区生产总值增长6%左右,城镇新增就业3000人.",
    ] * 3)
    for name in ("甲县.txt", "甲县.csv", "甲县.tsv"):
        assert read_text(text, name) is None


def test_plain_report_indented_with_tabs_is_not_a_table():
    text = "\n".join(f"\t{line}" for line in report("甲县", 2020).split("\n"))
    assert read_text(text, "甲县.txt") is None and read_text(text, "甲县.tsv") is None


def test_crawler_text_header_and_web_page_are_not_tables():
    header = "标题：2020年甲县政府工作报告\n发文单位：甲县人民政府\n发文时间：2020-01-10\n正文：\n"
    assert read_text(header + report("甲县", 2020), "a.txt") is None
    assert read_text("<html><body><p>各位代表,</p><p>现在,我代表</p></body></html>", "a.html") is None


# ---------------------------------------------------------------- JSON, JSON Lines, Parquet

def test_json_lines_with_a_bad_line():
    lines = [json.dumps({"title": "甲", "year": 2020.0, "text": report("甲县", 2020)}, ensure_ascii=False),
             "{not json",
             "",
             json.dumps({"title": "乙", "year": None, "text": report("乙县", 2020)}, ensure_ascii=False)]
    read = read_text("\n".join(lines), "reports.jsonl")
    assert read.format == "jsonl" and [r.record_id for r in read.records] == ["1", "2", "3"]
    assert [r.status for r in read.records] == ["ok", "quarantined", "ok"]
    assert "line 2" in read.records[1].reason
    assert read.records[0].metadata == {"title": "甲", "year": "2020"} and read.records[2].metadata["year"] == ""


def test_json_array_of_objects():
    rows = [{"标题": "甲", "正文": report("甲县", 2020)}, {"标题": "乙", "正文": report("乙县", 2021)}]
    read = read_text(json.dumps(rows, ensure_ascii=False), "a.json")
    assert read.format == "json" and [r.text for r in read.records] == [report("甲县", 2020), report("乙县", 2021)]


def test_json_object_holding_the_rows():
    value = {"code": 0, "data": [{"title": "甲", "paragraphs": report("甲县", 2020).split("\n")}]}
    record = read_text(json.dumps(value, ensure_ascii=False), "api_response.txt").records[0]
    assert record.text == report("甲县", 2020) and record.text_column == "paragraphs"


def test_parquet():
    frame = pl.DataFrame({"year": [2012.0, 2013.0], "code": [150702.0, None], "title": ["甲", "乙"],
                          "full_text": [report("甲县", 2012), report("甲县", 2013)]})
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    read = read_table_bytes(buffer.getvalue(), "parquet", DEFAULT_LIMITS)
    assert read.format == "parquet" and [r.record_id for r in read.records] == ["1", "2"]
    assert read.records[0].metadata == {"year": "2012", "code": "150702", "title": "甲"}
    assert read.records[1].metadata["code"] == "" and read.records[1].text == report("甲县", 2013)


def test_damaged_parquet_is_unreadable():
    with pytest.raises(Unreadable, match="Parquet"):
        read_table_bytes(b"PAR1" + b"\x00" * 40 + b"PAR1", "parquet", DEFAULT_LIMITS)


# ---------------------------------------------------------------- hints

def test_hints_normalise_codes_years_and_dates():
    assert hints({"行政区划代码": "130102000000", "年度": "2020年", "发布时间": "2020年1月9日 10:30"}) == {
        "division_code": "130102", "year": "2020", "published": "2020-01-09"}
    assert hints({"adcode": "150702.0", "date": "20200109"}) == {"division_code": "150702", "published": "2020-01-09"}
    assert hints({"publish_date": "43839"}) == {"published": "2020-01-09"}  # a spreadsheet serial day


def test_hints_match_names_loosely_and_ignore_the_unknown():
    assert hints({"Source URL": " https://example.gov.cn/a.html ", "Province": "河北省", "备注": "x"}) == {
        "url": "https://example.gov.cn/a.html", "province": "河北省"}
    assert hints({"报告人": "张三", "发文单位": "甲县人民政府", "标题": "甲县  政府工作报告"}) == {
        "speaker": "张三", "issuer": "甲县人民政府", "title": "甲县 政府工作报告"}


def test_hints_drop_values_that_do_not_normalise():
    assert hints({"年份": "", "区县代码": "1507", "发文时间": "2020年2月", "url": "见附件"}) == {}


def test_hints_keep_the_column_they_came_from():
    assert hints_with_columns({"code": "150702", "区县代码": "150703"}) == {"division_code": ("区县代码", "150703")}
