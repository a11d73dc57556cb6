"""Writes the tiny workbooks the table-reader tests read (tests/unit/test_reader_tables.py).

The project's environment has no library that writes .xlsx (python-calamine only reads), so the
files are made once, by hand, and kept here; the tests do not run this script. To remake them:

    python3 -m venv /tmp/xl && /tmp/xl/bin/pip install openpyxl
    /tmp/xl/bin/python tests/formats/make_workbooks.py

The report texts are built by `report()` below, which the tests repeat to check what was read.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
SENTENCE = "全区上下坚持稳中求进工作总基调，扎实推进经济社会各项事业发展，人民群众获得感幸福感安全感持续增强。"


def report(place: str, year: int, paragraphs: int = 6) -> str:
    """A made-up report: a title line and paragraphs of well over 200 Chinese characters in all."""
    lines = [f"{place}{year}年政府工作报告", "各位代表："]
    lines += [f"{year}年，{SENTENCE}{i + 1}" for i in range(paragraphs)]
    return "\n".join(lines)


def vendor_layout() -> None:
    """A vendor's district workbook: numbers stored as floats (2012.0, 150702.0), one row too short."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["年份", "地区等级", "区县代码", "区县名称", "所属城市", "所属省份", "报告标题", "报告全文", "文本总长度(字)"])
    for year in (2012, 2013):
        text = report("海拉尔区", year)
        ws.append([float(year), "区县级", 150702.0, "海拉尔", "呼伦贝尔", "内蒙古", f"海拉尔区{year}年政府工作报告",
                   text, float(len(text))])
    ws.append([2014.0, "区县级", 150702.0, "海拉尔", "呼伦贝尔", "内蒙古", "海拉尔区2014年政府工作报告", "暂无全文", 4.0])
    wb.save(HERE / "vendor_layout.xlsx")


def two_sheets() -> None:
    """Reports on two sheets (ids Sheet!N), and a notes sheet with no long texts (not read)."""
    wb = Workbook()
    first = wb.active
    first.title = "2012"
    first.append(["标题", "正文"])
    first.append(["甲县2012年政府工作报告", report("甲县", 2012)])
    second = wb.create_sheet("2013")
    second.append(["标题", "正文"])
    second.append(["甲县2013年政府工作报告", report("甲县", 2013)])
    second.append(["乙县2013年政府工作报告", report("乙县", 2013)])
    notes = wb.create_sheet("说明")
    notes.append(["字段", "含义"])
    notes.append(["正文", "报告全文"])
    wb.save(HERE / "two_sheets.xlsx")


if __name__ == "__main__":
    vendor_layout()
    two_sheets()
