"""One report in every format people hold it in, through the real pipeline: the same documents and
targets from each, records named where they came from, bad members and scans quarantined alone,
and a vendor row whose metadata disagrees with its text listed (the text wins).

Every file is made here from one short real excerpt (tests/traditional/jinan_2023.txt).
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pipelines.extract.text.decode import split_lines
from pipelines.extract.text.readers import read_path
from tests.helpers import build_warehouse, query
from tests.unit.test_reader_word_archive_web import gbk_zip

EXCERPT = Path(__file__).resolve().parent.parent / "traditional" / "jinan_2023.txt"
VENDOR_COLUMNS = ["年份", "地区等级", "区县代码", "区县名称", "所属城市", "所属省份", "报告标题", "报告全文"]


def _lines() -> list[str]:
    return EXCERPT.read_text(encoding="utf-8").rstrip("\n").split("\n")


def _docx_bytes(lines: list[str]) -> bytes:
    import docx
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf_bytes(lines: list[str]) -> bytes:
    """A word processor's export: wrapped, indented paragraphs, page numbers in the footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24,
                          wordWrap="CJK")
    out = io.BytesIO()

    def footer(canvas, doc):
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"— {doc.page} —")

    SimpleDocTemplate(out, pagesize=A4).build([Paragraph(line, body) for line in lines if line.strip()],
                                              onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def _scanned_pdf() -> bytes:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    out = io.BytesIO()
    pdf.save(out)
    pdf.close()
    return out.getvalue()


def _xlsx_bytes(rows: list[list]) -> bytes:
    import xlsxwriter
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Sheet1")
    for r, row in enumerate([VENDOR_COLUMNS, *rows]):
        sheet.write_row(r, 0, row)
    book.close()
    return out.getvalue()


def _csv_text(text: str) -> str:
    quoted = text.replace('"', '""')
    return f'province,year,title,source_url,publish_date,full_text\n山东省,2023,济南市政府工作报告,https://example.gov.cn/1,2023-01-05,"{quoted}"\n'


@pytest.fixture(scope="module")
def formats_warehouse(tmp_path_factory):
    lines = _lines()
    text = "\n".join(lines) + "\n"
    seeds = tmp_path_factory.mktemp("formats") / "seeds"
    seeds.mkdir()
    (seeds / "jinan.txt").write_text(text, encoding="utf-8")
    (seeds / "jinan.docx").write_bytes(_docx_bytes(lines))
    (seeds / "jinan.pdf").write_bytes(_pdf_bytes(lines))
    (seeds / "scanned.pdf").write_bytes(_scanned_pdf())
    (seeds / "crawler.csv").write_text(_csv_text(text), encoding="gb18030")
    (seeds / "crawler.jsonl").write_text(json.dumps({"title": "济南", "content": text}, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    (seeds / "vendor.xlsx").write_bytes(_xlsx_bytes([
        [2023, "地级", "370100", "济南", "济南", "山东", "济南市2023年政府工作报告", text],
        # mislabelled by the vendor: filed under 青岛, the text is 济南's
        [2023, "地级", "370200", "青岛", "青岛", "山东", "青岛市2023年政府工作报告", text],
        [2023, "地级", "370300", "淄博", "淄博", "山东", "淄博市2023年政府工作报告", "暂无全文"],
    ]))
    (seeds / "bundle.zip").write_bytes(gbk_zip([  # names in GBK without the UTF-8 flag, as Windows writes them
        ("济南/2023年济南市政府工作报告.docx", _docx_bytes(lines)),
        ("表格/报告.csv", _csv_text(text).encode("utf-8")),
        ("损坏/坏文件.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4),
    ]))
    return seeds, build_warehouse(seeds.parent / "wh.duckdb", seeds, marts=False)


def test_every_file_and_record_has_its_status(formats_warehouse):
    _, db = formats_warehouse
    log = {(f, r): (fmt, status, error or "") for f, r, fmt, status, error in
           query(db, "SELECT source_file, source_record, format, status, error FROM ingest_log")}
    assert log[("scanned.pdf", "")][1] == "quarantined" and "no text layer: needs OCR" in log[("scanned.pdf", "")][2]
    for name, fmt in (("jinan.txt", "txt"), ("jinan.docx", "docx"), ("jinan.pdf", "pdf"), ("crawler.csv", "csv"),
                      ("crawler.jsonl", "jsonl"), ("vendor.xlsx", "xlsx"), ("bundle.zip", "zip")):
        assert log[(name, "")][:2] == (fmt, "ok"), name
    assert log[("vendor.xlsx", "3")][1] == "skipped" and "short" in log[("vendor.xlsx", "3")][2]
    assert log[("bundle.zip", "损坏/坏文件.pdf")][1] == "quarantined"
    assert "损坏/坏文件.pdf" in log[("bundle.zip", "损坏/坏文件.pdf")][2]
    assert log[("bundle.zip", "济南/2023年济南市政府工作报告.docx")][:2] == ("docx", "ok")
    assert log[("bundle.zip", "表格/报告.csv#1")][:2] == ("csv", "ok")


def test_each_format_gives_the_text_files_document(formats_warehouse):
    _, db = formats_warehouse
    docs = query(db, "SELECT source_file, source_record, doc_type, city_code, doc_date, plan_year FROM documents "
                     "ORDER BY source_file, source_record")
    where = [(f, r) for f, r, *_ in docs]
    assert where == [("bundle.zip", "济南/2023年济南市政府工作报告.docx"), ("bundle.zip", "表格/报告.csv#1"),
                     ("crawler.csv", "1"), ("crawler.jsonl", "1"), ("jinan.docx", ""), ("jinan.pdf", ""),
                     ("jinan.txt", ""), ("vendor.xlsx", "1"), ("vendor.xlsx", "2")]
    assert {tuple(d[2:]) for d in docs} == {("work_report", "370100", __import__("datetime").date(2022, 12, 26), 2023)}


def test_each_format_gives_the_same_targets(formats_warehouse):
    _, db = formats_warehouse
    rows = query(db, "SELECT d.source_file, d.source_record, t.indicator_code, t.value, t.value_high, t.qualifier "
                     "FROM fact_targets t JOIN documents d USING (doc_id)")
    by_record: dict[tuple, set] = {}
    for f, r, *target in rows:
        by_record.setdefault((f, r), set()).add(tuple(target))
    plain = by_record.pop(("jinan.txt", ""))
    assert len(plain) >= 7 and ("gdp", 5.5, None, "at_least") in plain
    assert len(by_record) == 8 and all(found == plain for found in by_record.values()), by_record


def test_snippets_are_on_their_line_of_the_records_text(formats_warehouse):
    seeds, db = formats_warehouse
    rows = query(db, "SELECT d.source_file, d.source_record, t.source_line, t.snippet FROM fact_targets t "
                     "JOIN documents d USING (doc_id)")
    texts = {}
    for name in {r[0] for r in rows}:
        _, read = read_path(seeds / name)
        texts.update({(name, rec.record_id): split_lines(rec.text) for rec in read.records if rec.ok})
    for name, record, line, snippet in rows:
        assert snippet in texts[(name, record)][line - 1], (name, record, line, snippet)


def test_metadata_that_disagrees_with_the_text_is_listed(formats_warehouse):
    _, db = formats_warehouse
    listed = query(db, "SELECT source_file, source_record, hint, metadata_column, metadata_value, text_value "
                       "FROM metadata_disagreements")
    assert [row[:5] for row in listed] == [("vendor.xlsx", "2", "division_code", "区县代码", "370200")]
    assert "济南市" in listed[0][5] and "370100" in listed[0][5]
    meta = dict(query(db, "SELECT source_record, metadata->>'区县名称' FROM source_records WHERE source_file = 'vendor.xlsx'"))
    assert meta == {"1": "济南", "2": "青岛"}
    hints = query(db, "SELECT hints->>'url' FROM source_records WHERE source_file = 'crawler.csv'")
    assert hints == [("https://example.gov.cn/1",)]
