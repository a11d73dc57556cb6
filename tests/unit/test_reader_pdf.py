"""The PDF reader: the layout rules on hand-made lines, then whole PDFs kept in tests/formats/
(written by tests/formats/make_pdfs.py) or made here with pypdfium2 (a scan-like page)."""
from __future__ import annotations

import io
import math
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipelines.extract.text.readers.dispatch import read_bytes
from pipelines.extract.text.readers.pdf import (
    Line, Margins, continues, drop_running_lines, find_margins, glue, is_page_number, paragraphs,
    read_pdf, tidy_spaces, unspace_letters,
)
from pipelines.extract.text.readers.records import DEFAULT_LIMITS, Limits, Unreadable

FORMATS = Path(__file__).resolve().parent.parent / "formats"
REPORT = FORMATS / "report.pdf"          # three pages: see make_pdfs.py
ENCRYPTED = FORMATS / "encrypted.pdf"    # user password "secret"

# A page laid out like a word processor's: text from x=90 to x=504 in 14-point type, paragraphs
# indented by two characters, a line every 31 points.
LEFT, RIGHT, SIZE, PITCH = 90.0, 504.0, 14.0, 31.0
MARGINS = Margins(LEFT, RIGHT, PITCH)


def line(text: str, row: int, left: float = LEFT, right: float = RIGHT, size: float = SIZE) -> Line:
    """A line on the `row`-th baseline from the top of the page."""
    bottom = 740.0 - row * PITCH
    return Line(text, left, right, bottom, bottom + size, size)


def indented(text: str, row: int, right: float = RIGHT) -> Line:
    return line(text, row, left=LEFT + 2 * SIZE, right=right)


# --- layout rules ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["3", "- 3 -", "— 12 —", "－ 7 －", "第 3 页", "第3页 共20页", "3/20",
                                  "Page 3 of 20", " 12 ", "·5·", "iv"])
def test_page_numbers(text):
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2024年工作回顾", "一、2024 年工作回顾", "增长 5%", "3 个", "第 3 位"])
def test_text_that_is_no_page_number(text):
    assert not is_page_number(text)


def test_a_wrapped_line_continues_on_the_next():
    assert continues(indented("过去一年，全市经济运行稳中有进，地区生产总值", 0), line("增长5.2%。", 1), MARGINS)


def test_a_short_line_ends_its_paragraph():
    assert not continues(line("实现三年引资目标。", 0, right=300.0), line("一年来，我们坚持", 1), MARGINS)


def test_an_indented_line_starts_a_paragraph():
    assert not continues(line("……全面完成年度目标任务。", 0), indented("一年来，我们坚持", 1), MARGINS)


def test_a_line_in_another_size_is_a_heading():
    assert not continues(line("……", 0), line("二、2025年工作安排", 1, size=18.0), MARGINS)


def test_a_paragraph_gap_separates_flush_paragraphs():
    far_below = Line("新的一段", LEFT, RIGHT, 740.0 - 3 * PITCH, 740.0 - 3 * PITCH + SIZE, SIZE)
    assert not continues(line("……", 0), far_below, MARGINS)


def test_a_numbered_heading_or_an_address_after_a_closed_sentence_starts_anew():
    full = line("……以新时代首都发展为统领，全面完成年度目标任务。", 0)
    assert not continues(full, line("二、2025年工作安排", 1), MARGINS)
    assert not continues(full, line("各位代表：", 1, right=150.0), MARGINS)
    # … but a line that merely opens with a number carries on
    assert continues(line("……地区生产总值增长", 0), line("1.5%，总量突破", 1), MARGINS)


def test_a_centred_or_right_aligned_line_is_no_wrapped_text():
    assert not continues(line("市长 张明", 0, left=400.0), line("各位代表：", 1, right=150.0), MARGINS)


def test_without_a_right_margin_nothing_is_joined():
    assert not continues(line("……", 0), line("……", 1), Margins(LEFT, math.inf, PITCH))


def test_margins_are_where_most_lines_start_and_end():
    page = [indented("甲" * 20, 0), line("乙" * 29, 1), line("丙" * 29, 2, right=RIGHT + 0.8),
            line("丁" * 29, 3, right=RIGHT - 0.5), line("戊" * 5, 4, right=160.0)]
    found = find_margins([page])
    assert abs(found.left - LEFT) < 1 and abs(found.right - RIGHT) < 2 and abs(found.pitch - PITCH) < 1


BODY = ["春天的正文。", "夏天的正文。", "秋天的正文。", "冬天的正文。"]


def test_running_heads_and_page_numbers_are_dropped():
    pages = [[line(f"— {n} —", 25, left=280.0, right=300.0),      # the footer comes first in the stream
              line("示例市人民政府文件", -1, left=250.0, right=350.0),
              line(text, 0, right=200.0)] for n, text in enumerate(BODY, 1)]
    assert [[x.text for x in page] for page in drop_running_lines(pages)] == [[text] for text in BODY]


def test_a_line_at_the_top_of_two_pages_in_four_stays():
    pages = [[line(top, 0, right=200.0), line(text, 1, right=200.0)]
             for top, text in zip(["标题", "标题", "别的", "另外"], BODY)]
    assert [x.text for x in drop_running_lines(pages)[0]] == ["标题", BODY[0]]


def test_a_paragraph_runs_across_a_page_break():
    pages = [[indented("全市经济运行稳中有进，地区生产总值增长 5.2%，一般公共预算收入", 0),
              line("增长 3.1%，城镇调查失业率 4.1%左右，居民消费价格涨幅 0.1%，GDP 总量突", 1)],
             [line("破 5000 亿元。", 0, right=200.0), indented("一年来，我们坚持创新驱动。", 1, right=300.0)]]
    assert paragraphs(pages, [MARGINS, MARGINS]) == [
        "全市经济运行稳中有进，地区生产总值增长5.2%，一般公共预算收入增长3.1%，城镇调查失业率4.1%左右，"
        "居民消费价格涨幅0.1%，GDP总量突破5000亿元。",
        "一年来，我们坚持创新驱动。",
    ]


def test_a_page_without_text_ends_the_paragraph():
    pages = [[indented("一段话写到了页面的右边缘，", 0)], [], [line("接着的一页另起。", 0, right=200.0)]]
    assert paragraphs(pages, [MARGINS] * 3) == ["一段话写到了页面的右边缘，", "接着的一页另起。"]


def test_spaces_between_chinese_and_digits_or_latin_go():
    assert tidy_spaces("2025 年 1 月 14 日") == "2025年1月14日"
    assert tidy_spaces("增长 5%左右，GDP 增长 6%") == "增长5%左右，GDP增长6%"
    assert tidy_spaces("新局面 ，奋力") == "新局面，奋力"


def test_other_spaces_stay():
    assert tidy_spaces("“Made in China”品牌") == "“Made in China”品牌"
    assert tidy_spaces("2.5 3.5") == "2.5 3.5"
    assert tidy_spaces("省长 施小琳") == "省长 施小琳"


def test_a_letter_spaced_line_is_closed_up():
    assert unspace_letters("学 技 术 奖 励 。 六 大 优 势 产 业 、") == "学技术奖励。六大优势产业、"
    assert unspace_letters("第十四届 人民代表大会第三次会议上") == "第十四届 人民代表大会第三次会议上"


def test_glue_keeps_a_space_only_between_latin_words():
    assert glue("突破 2000 ", "亿元") == "突破 2000亿元"
    assert glue("Made in", "China") == "Made in China"
    assert glue("地区生产", "总值") == "地区生产总值"


# --- whole PDFs --------------------------------------------------------------------------------

def _read(data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    result = read_pdf(data, limits)
    assert result.format == "pdf" and len(result.records) == 1 and result.records[0].record_id == ""
    return result.records[0].text.split("\n")


def test_a_report_reads_one_paragraph_a_line():
    lines = _read(REPORT.read_bytes())
    assert lines[:5] == ["2025年示例市政府工作报告", "来源：示例日报",
                         "——2025年1月10日在示例市第十六届人民代表大会第三次会议上", "市长 张明", "各位代表："]
    assert "一、2024年工作回顾" in lines and "二、2025年工作安排" in lines
    assert ("过去一年，全市经济运行稳中有进，地区生产总值增长5.2%，一般公共预算收入增长3.1%，城镇调查失业率"
            "4.1%左右，居民消费价格涨幅0.1%，GDP总量突破5000亿元。") in lines
    assert "“Made in China”" in "\n".join(lines)
    assert lines[-1] == "各位代表！让我们团结奋斗，奋力谱写中国式现代化示例篇章！"
    assert len(lines) == 16


def test_paragraphs_across_page_breaks_are_one_line():
    text = "\n".join(_read(REPORT.read_bytes()))
    assert "数字经济占比提高到45%。" in text and "办复率100%，出台政府规章6件" in text
    assert any(x.startswith("我们坚持创新驱动") and x.endswith("数字经济占比提高到45%。") for x in text.split("\n"))


def test_running_heads_and_page_numbers_are_gone():
    text = "\n".join(_read(REPORT.read_bytes()))
    assert "示例市人民政府文件" not in text and "—" not in text.replace("——", "")
    assert "地区生产总值增长5%左右" in text and "居民消费价格涨幅2%左右" in text


def _image_page(pdf: pdfium.PdfDocument) -> None:
    """A page that holds a picture and no text, as a scanner makes it."""
    page = pdf.new_page(200, 300)
    bitmap = pdfium.PdfBitmap.new_native(20, 30, pdfium.raw.FPDFBitmap_BGR)
    bitmap.fill_rect((200, 200, 200, 255), 0, 0, 20, 30)
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(200, 300))
    page.insert_obj(image)
    page.gen_content()
    page.close()
    bitmap.close()


def _saved(pdf: pdfium.PdfDocument) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer)
    pdf.close()
    return buffer.getvalue()


def test_a_scan_without_text_needs_ocr():
    pdf = pdfium.PdfDocument.new()
    _image_page(pdf)
    with pytest.raises(Unreadable, match="no text layer: needs OCR"):
        read_pdf(_saved(pdf), DEFAULT_LIMITS)


def test_a_blank_page_has_no_text_layer_either():
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(200, 300).close()
    with pytest.raises(Unreadable, match="no text layer"):
        read_pdf(_saved(pdf), DEFAULT_LIMITS)


def test_scanned_pages_among_text_pages_are_noted():
    pdf = pdfium.PdfDocument.new()
    source = pdfium.PdfDocument(REPORT.read_bytes())
    pdf.import_pages(source)
    source.close()
    _image_page(pdf)
    result = read_pdf(_saved(pdf), DEFAULT_LIMITS)
    assert result.ok and "OCR" in result.records[0].reason and "4" in result.records[0].reason
    assert result.records[0].text.split("\n")[0] == "2025年示例市政府工作报告"


def test_an_encrypted_pdf_needs_a_password():
    with pytest.raises(Unreadable, match="encrypted PDF: needs a password"):
        read_pdf(ENCRYPTED.read_bytes(), DEFAULT_LIMITS)


def test_a_cut_off_pdf_is_quarantined_with_pdfiums_reason():
    data = REPORT.read_bytes()
    with pytest.raises(Unreadable, match="corrupt or cut-off PDF: .+"):
        read_pdf(data[: len(data) // 2], DEFAULT_LIMITS)


def test_too_many_pages():
    with pytest.raises(Unreadable, match="3 pages is over the 2-page limit"):
        read_pdf(REPORT.read_bytes(), Limits(max_pdf_pages=2))


def test_dispatch_reads_a_pdf_and_quarantines_a_bad_one():
    good = read_bytes(REPORT.read_bytes(), "report.pdf")
    assert good.ok and good.format == "pdf" and good.error is None
    bad = read_bytes(ENCRYPTED.read_bytes(), "encrypted.pdf")
    assert not bad.ok and bad.records == [] and bad.error == "encrypted PDF: needs a password"


def test_the_kept_pdfs_are_small():
    assert all(path.stat().st_size < 50_000 for path in (REPORT, ENCRYPTED))


def _open_pdfium_objects() -> int:
    from pypdfium2.internal.bases import ObjectTracker  # pypdfium2's own register of live handles
    return sum(len(handles) for handles in ObjectTracker.values())


def test_every_pdfium_object_is_closed_whatever_the_outcome():
    data = REPORT.read_bytes()
    before = _open_pdfium_objects()
    read_pdf(data, DEFAULT_LIMITS)
    for bad, limits in ((data[: len(data) // 2], DEFAULT_LIMITS), (ENCRYPTED.read_bytes(), DEFAULT_LIMITS),
                        (data, Limits(max_pdf_pages=1))):
        with pytest.raises(Unreadable):
            read_pdf(bad, limits)
    assert _open_pdfium_objects() == before
