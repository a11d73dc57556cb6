"""Writes the small PDFs that tests/unit/test_reader_pdf.py reads. Not run by the tests: the PDFs
are kept beside it; run it again only to change them, with reportlab installed in a throwaway venv
(it is no dependency of the project):

    python3 -m venv /tmp/pdfgen && /tmp/pdfgen/bin/pip install reportlab
    /tmp/pdfgen/bin/python tests/formats/make_pdfs.py

report.pdf     a three-page report on small pages: a centred title, a delivery line, indented
               paragraphs that wrap, two of them across a page break, a running head and "— n —"
               page numbers on every page, spaces between Chinese and digits ("2025 年").
               Font: the built-in CID font STSong-Light (not embedded, so the file stays small;
               PDFium still maps its codes to Unicode).
encrypted.pdf  one page that needs the password "secret" to be opened.
"""
from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT = "STSong-Light"

TITLE = "2025年示例市政府工作报告"
HEAD_LINES = [
    "来源：示例日报",
    "——2025 年 1 月 10 日在示例市第十六届人民代表大会第三次会议上",
    "市长 张明",
    "各位代表：",
]
PARAGRAPHS = [
    "现在，我代表市人民政府，向大会报告工作，请予审议。",
    "一、2024 年工作回顾",
    "过去一年，全市经济运行稳中有进，地区生产总值增长 5.2%，一般公共预算收入增长 3.1%，"
    "城镇调查失业率 4.1%左右，居民消费价格涨幅 0.1%，GDP 总量突破 5000 亿元。",
    "我们坚持创新驱动，新增国家高新技术企业 1200 家，技术合同成交额增长 12.5%，"
    "“Made in China”品牌影响力持续提升，建成 5G 基站 3.2 万个，数字经济占比提高到 45%。",
    "我们坚持改革开放，营商环境持续优化，进出口总额增长 9.4%，实际使用外资 26.1 亿美元，"
    "中欧班列累计开行 3600 列，新设外资企业 410 家，对外开放水平不断提升。",
    "我们坚持民生为本，城镇新增就业 30 万人，新建改建养老服务设施 120 个，新增公办学位 2.5 万个，"
    "基本医疗保险参保率稳定在 95%以上，群众获得感幸福感安全感不断增强。",
    "我们坚持绿色发展，空气质量优良天数比例达到 90.6%，地表水国考断面水质优良比例 81.4%，"
    "新增造林绿化 12 万亩，建成城市公园 35 个，完成老旧小区改造 260 个，惠及居民 8.5 万户，"
    "新能源装机容量达到 350 万千瓦，单位地区生产总值能耗下降 3%，生态环境持续改善。",
    "我们坚持依法行政，自觉接受人大监督和政协民主监督，办理人大代表建议 356 件、政协提案 412 件，"
    "办复率 100%，出台政府规章 6 件，行政复议纠错率下降 1.5 个百分点，法治政府建设取得新成效。",
    "二、2025 年工作安排",
    "今年经济社会发展的主要预期目标是：地区生产总值增长 5%左右，城镇调查失业率 5.5%左右，"
    "居民消费价格涨幅 2%左右，居民收入增长和经济增长同步，粮食产量稳定在 120 万吨以上，"
    "单位地区生产总值能耗下降 2%左右，完成国家下达的节能减排任务。",
    "各位代表！让我们团结奋斗，奋力谱写中国式现代化示例篇章！",
]
RUNNING_HEAD = "示例市人民政府文件"
PAGE_SIZE = (420, 480)  # points: small pages, so that the report runs to three of them
HEADING = re.compile("^[一二三四五六七八九十]+、")


def make_report(path: Path) -> None:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    size = 12
    body = ParagraphStyle("body", fontName=FONT, fontSize=size, leading=size * 1.8, wordWrap="CJK",
                          alignment=TA_JUSTIFY, firstLineIndent=2 * size)
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=28, alignment=TA_CENTER, firstLineIndent=0)

    def decorate(canvas, doc):
        width, height = PAGE_SIZE
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(width / 2, height - 30, RUNNING_HEAD)
        canvas.drawCentredString(width / 2, 25, f"— {doc.page} —")
        canvas.restoreState()

    story = [Paragraph(TITLE, title), Spacer(1, 6)]
    story += [Paragraph(text, plain) for text in HEAD_LINES]
    story += [Paragraph(text, plain if HEADING.match(text) else body) for text in PARAGRAPHS]
    doc = SimpleDocTemplate(str(path), pagesize=PAGE_SIZE, leftMargin=50, rightMargin=50, topMargin=50, bottomMargin=60,
                            title=TITLE, author="tests", creator="tests/formats/make_pdfs.py", invariant=1)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)


def make_encrypted(path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    canvas = Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", "owner", strength=128), invariant=1)
    canvas.setFont(FONT, 14)
    canvas.drawString(72, 720, "保密：本页需要密码才能打开。")
    canvas.save()


if __name__ == "__main__":
    make_report(HERE / "report.pdf")
    make_encrypted(HERE / "encrypted.pdf")
