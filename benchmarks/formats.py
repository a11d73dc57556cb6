"""The formats leg of `make bench`: what reading .docx, .pdf and a vendor's .xlsx costs beside .txt.

    .venv/bin/python benchmarks/formats.py [--n 60] [--keep DIR] [--profile]

Reports come as Word files, PDFs and vendors' workbooks more often than as plain text, and reading
them must not cost much beside the extraction. N work reports from benchmarks/make_corpus.py are
written, untimed, as N .txt, N .docx, N .pdf (laid out as a word processor prints) and ONE .xlsx of
N rows; then each format's reader alone (`read_path`) and the whole extraction (run.py's
`extract_all`) are timed in this one process, best of ROUNDS, the formats alternating. Documents
and fact rows are printed beside the times: the formats should agree. The issue's targets: PDF
read at >= 1 MB/s; .docx and .xlsx extraction within 1.5x the .txt set's.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import json
import pstats
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.make_corpus import generate  # noqa: E402
from pipelines import config  # noqa: E402

DEFAULT_REPORTS = 60
ROUNDS = 3
FORMATS = ("txt", "docx", "pdf", "xlsx")
MB = 1e6
MILLION = 1e6

# The targets.
PDF_MIN_READ_MB_S = 1.0
MAX_EXTRACT_VS_TXT = 1.5
EXTRACT_TARGET_FORMATS = ("docx", "xlsx")
# Fact rows further than this from the .txt set's are called out.
FACT_ROWS_TOLERANCE = 0.02
# Documents make_corpus may make per work report (the seeds mix news pages with compilations of
# reports): generation stops there if the seeds hold too few reports.
MAX_DOCS_PER_REPORT = 40

# The PDF: A4 as Word sets it up for a Chinese locale (2.54 cm top and bottom, 3.18 cm left and
# right), 小四 (12 pt) body at 1.5 lines, a 小二 (18 pt) title, a two-character first-line indent.
PDF_FONT = "STSong-Light"  # reportlab's built-in CID font: not embedded, PDFium maps it to Unicode
BODY_PT = 12
BODY_LEADING_PT = 22
TITLE_PT = 18
TITLE_LEADING_PT = 30
FOOTER_PT = 10
INDENT_CHARS = 2
CM = 72 / 2.54
MARGIN_TOP_BOTTOM = 2.54 * CM
MARGIN_LEFT_RIGHT = 3.18 * CM
FOOTER_Y = 1.5 * CM
SUBTITLE_MAX_CHARS = 60     # the short lines under the title (delivery line, speaker) are centred
GREETING = re.compile(r"^[^，。；\s]{1,8}[：:]$")  # 各位代表： sits flush left
# Line breaking: a run of digits and Latin letters is one piece; no line starts with closing
# punctuation nor ends with opening punctuation (the rule Chinese word processors follow).
_TOKENS = re.compile(r"[0-9A-Za-z.%+\-/:_@#&·．％]+|.", re.DOTALL)
_CANNOT_START = set("，。、；：！？）》」』”’〉】〕…—%％·,.;:!?)]}")
_CANNOT_END = set("（《「『“‘〈【〔([{")

# The vendor's workbook (a district-level vendor's columns; the report in 报告全文).
XLSX_COLUMNS = ("年份", "地区等级", "区县代码", "区县名称", "所属城市", "所属省份",
                "报告标题", "报告全文")
XLSX_NAME = "reports.xlsx"
XLSX_MAX_CELL_CHARS = 32_767
LEVEL_NAMES = {"province": "省级", "prefecture": "地级"}  # every other level: 区县级
COUNTY_LEVEL = "区县级"


@dataclass(frozen=True)
class Report:
    """One generated work report and what a vendor would file it under."""

    stem: str
    text: str
    title: str
    city_code: str | None
    year: int | None


# ---------------------------------------------------------------- the reports, in four formats


def make_reports(n: int, templates: Path) -> list[Report]:
    """The first n work reports make_corpus generates, each split out by the pipeline's own code."""
    from pipelines.extract.documents.regions import default_index
    from pipelines.extract.documents.split import build_documents

    index, out = default_index(), []
    for name, text in generate(n * MAX_DOCS_PER_REPORT, templates):
        for doc in build_documents(name, text, index):
            if doc.doc_type == "work_report" and len(out) < n:
                out.append(Report(f"{len(out):04d}", doc.text.strip("\n") + "\n", doc.title or "",
                                  doc.city_code, doc.report_year or (doc.doc_date.year if doc.doc_date else None)))
        if len(out) == n:
            return out
    raise SystemExit(f"the seeds in {templates} give only {len(out)} work reports, not {n}")


def write_txt(reports: list[Report], out: Path) -> list[Path]:
    paths = [out / f"{r.stem}.txt" for r in reports]
    for report, path in zip(reports, paths):
        path.write_text(report.text, encoding="utf-8")
    return paths


def write_docx(reports: list[Report], out: Path) -> list[Path]:
    """A paragraph a line (blank lines too), the title centred: a report typed into Word."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paths = []
    for report in reports:
        document = docx.Document()
        for i, line in enumerate(report.text.rstrip("\n").split("\n")):
            paragraph = document.add_paragraph(line)
            if i == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        document.core_properties.title = report.title
        paths.append(out / f"{report.stem}.docx")
        document.save(paths[-1])
    return paths


def _pdf_blocks(text: str) -> list[tuple[str, str]]:
    """(style, line) of a report's non-blank lines: the title, the centred lines under it (up to
    the first sentence), the greeting flush left, every other line an indented paragraph."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    blocks, heading = [], True
    for i, line in enumerate(lines):
        if i == 0:
            blocks.append(("title", line))
        elif GREETING.match(line):
            blocks.append(("flush", line))
            heading = False
        elif heading and len(line) <= SUBTITLE_MAX_CHARS and "。" not in line:
            blocks.append(("centred", line))
        else:
            blocks.append(("body", line))
            heading = False
    return blocks


def _units(text: str) -> list[str]:
    """The pieces a line may break between, as a word processor sets Chinese: any two characters,
    but not inside a run of digits and Latin letters (5.2%, GDP), not before closing punctuation
    (，。）”) and not after opening punctuation (（“)."""
    units: list[str] = []
    glue_next = False
    for token in _TOKENS.findall(text):
        if units and (glue_next or token[0] in _CANNOT_START):
            units[-1] += token
        else:
            units.append(token)
        glue_next = token[-1] in _CANNOT_END
    return units


def _wrap(text: str, first_width: float, width: float, size: float) -> list[tuple[str, float]]:
    """(line, its natural width) of a paragraph filled greedily: the first line `first_width` wide
    (an indent), the rest `width`. A unit wider than a line is cut where it must be."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[tuple[str, float]] = []
    line, used, room = "", 0.0, first_width
    for unit in _units(text):
        w = stringWidth(unit, PDF_FONT, size)
        if line and used + w > room:
            lines.append((line.rstrip(), stringWidth(line.rstrip(), PDF_FONT, size)))
            line, used, room = "", 0.0, width
            unit = unit.lstrip()
            w = stringWidth(unit, PDF_FONT, size)
        while w > room and len(unit) > 1:  # a URL or a long number longer than a line
            cut = len(unit) - 1
            while cut > 1 and stringWidth(unit[:cut], PDF_FONT, size) > room:
                cut -= 1
            lines.append((unit[:cut], stringWidth(unit[:cut], PDF_FONT, size)))
            unit, room = unit[cut:], width
            w = stringWidth(unit, PDF_FONT, size)
        line, used = line + unit, used + w
    if line.strip():
        lines.append((line.rstrip(), stringWidth(line.rstrip(), PDF_FONT, size)))
    return lines


class _Pages:
    """A report set on A4 pages line by line, with a page number at the foot of each page."""

    def __init__(self, canvas) -> None:
        from reportlab.lib.pagesizes import A4

        self.canvas, (self.width, self.height) = canvas, A4
        self.page, self.y = 1, self.height - MARGIN_TOP_BOTTOM
        self.text_width = self.width - 2 * MARGIN_LEFT_RIGHT

    def line(self, text: str, natural: float, size: float, leading: float, x: float = 0.0,
             justify_to: float | None = None) -> None:
        """One line at `x` from the left margin; `justify_to`: spaced out to end that far from it."""
        if self.y - leading < MARGIN_TOP_BOTTOM:
            self.new_page()
        self.y -= leading
        out = self.canvas.beginText(MARGIN_LEFT_RIGHT + x, self.y)
        out.setFont(PDF_FONT, size)
        if justify_to is not None and len(text) > 1:
            out.setCharSpace((justify_to - x - natural) / (len(text) - 1))  # as Word justifies Chinese
        out.textOut(text)
        self.canvas.drawText(out)

    def new_page(self) -> None:
        self.footer()
        self.canvas.showPage()
        self.page, self.y = self.page + 1, self.height - MARGIN_TOP_BOTTOM

    def footer(self) -> None:
        self.canvas.setFont(PDF_FONT, FOOTER_PT)
        self.canvas.drawCentredString(self.width / 2, FOOTER_Y, f"— {self.page} —")

    def paragraph(self, style: str, text: str) -> None:
        size, leading = (TITLE_PT, TITLE_LEADING_PT) if style == "title" else (BODY_PT, BODY_LEADING_PT)
        indent = INDENT_CHARS * BODY_PT if style == "body" else 0.0
        lines = _wrap(text, self.text_width - indent, self.text_width, size)
        for i, (line, natural) in enumerate(lines):
            if style in ("title", "centred"):
                self.line(line, natural, size, leading, x=(self.text_width - natural) / 2)
            else:
                last = i == len(lines) - 1
                self.line(line, natural, size, leading, x=indent if i == 0 else 0.0,
                          justify_to=None if last else self.text_width)
        if style == "title":
            self.y -= BODY_LEADING_PT / 2


def write_pdf(reports: list[Report], out: Path) -> list[Path]:
    """Each report typeset as a word processor prints it (see the constants above); the font is
    not embedded, PDFium maps its codes to Unicode."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    paths = []
    for report in reports:
        paths.append(out / f"{report.stem}.pdf")
        canvas = Canvas(str(paths[-1]), pagesize=A4, invariant=1)
        canvas.setTitle(report.title)
        canvas.setAuthor("benchmarks")
        canvas.setCreator("benchmarks/formats.py")
        pages = _Pages(canvas)
        for style, line in _pdf_blocks(report.text):
            pages.paragraph(style, line)
        pages.footer()
        canvas.save()
    return paths


def _vendor_row(report: Report, by_code: dict) -> list:
    """年份, 地区等级, 区县代码 (a number, as vendors store it), 区县名称, 所属城市, 所属省份 (short
    names), 报告标题, 报告全文."""
    from pipelines.extract.documents.divisions import short_name

    division = by_code.get(report.city_code or "")
    if division is None:
        return [report.year or "", "", "", "", "", "", report.title, report.text]
    province = by_code.get(division.province_code or "")
    level = LEVEL_NAMES.get(division.level_code, COUNTY_LEVEL)
    county = division.short_name or division.name if level == COUNTY_LEVEL else ""
    city = ""
    if division.level_code == "prefecture":
        city = division.short_name or division.name
    elif division.prefecture_name:
        city = short_name(division.prefecture_name) or division.prefecture_name
    return [report.year or "", level, int(division.code), county, city,
            (province.short_name or province.name) if province else "", report.title, report.text]


def write_xlsx(reports: list[Report], out: Path) -> list[Path]:
    """ONE workbook, a report a row under the vendor's header."""
    import xlsxwriter

    from pipelines.extract.documents.divisions import load_divisions

    by_code = {d.code: d for d in load_divisions()}
    path = out / XLSX_NAME
    with xlsxwriter.Workbook(str(path)) as workbook:
        sheet = workbook.add_worksheet("Sheet1")
        sheet.write_row(0, 0, XLSX_COLUMNS)
        for i, report in enumerate(reports, start=1):
            if len(report.text) > XLSX_MAX_CELL_CHARS:  # xlsxwriter would cut it short
                raise SystemExit(f"report {report.stem} is over Excel's {XLSX_MAX_CELL_CHARS:,} characters a cell")
            sheet.write_row(i, 0, _vendor_row(report, by_code))
    return [path]


WRITERS = {"txt": write_txt, "docx": write_docx, "pdf": write_pdf, "xlsx": write_xlsx}


# ---------------------------------------------------------------- timing


def read_all(paths: list[Path]) -> tuple[int, int, list[str]]:
    """(input bytes, characters read, the records' texts) of `read_path` over the files."""
    from pipelines.extract.text.readers import read_path

    n_bytes, texts = 0, []
    for path in paths:
        data, read = read_path(path)
        n_bytes += len(data or b"")
        texts += [r.text for r in read.records if r.ok]
    return n_bytes, sum(map(len, texts)), texts


def _best(seconds: float | None, took: float) -> float:
    return took if seconds is None else min(seconds, took)


def _timed(fn, *args, **kwargs):
    gc.collect()  # a previous leg's garbage is not this one's cost
    started = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - started


def same_lines(reports: list[Report], texts: list[str]) -> float:
    """Share of the reports' non-blank lines (spaces aside) that come back exactly from the reader."""
    def lines(text: str) -> Counter:
        return Counter(k for k in ("".join(line.split()) for line in text.split("\n")) if k)

    want, got = Counter(), Counter()
    for r in reports:
        want += lines(r.text)
    for t in texts:
        got += lines(t)
    return sum((want & got).values()) / max(sum(want.values()), 1)


def profile_reader(fmt: str, paths: list[Path], top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    read_all(paths)
    profiler.disable()
    print(f"\n--- profile of read_path over the {fmt} files (top {top} by own time, then cumulative) ---")
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def warm_up() -> None:
    """What the first timed call would otherwise pay: the region index, jieba, the extractors'
    vocabularies, the readers' libraries."""
    import docx  # noqa: F401
    import pypdfium2  # noqa: F401
    import python_calamine  # noqa: F401

    from pipelines.extract.documents.regions import default_index
    from pipelines.extract.facts import warm_up as warm_extraction
    from pipelines.extract.text.readers import pdf, tables, word  # noqa: F401

    default_index()
    warm_extraction()


def pdf_pages(paths: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        total += len(pdf)
        pdf.close()
    return total


def measure(n: int, root: Path, templates: Path, profile: bool = False, extract_all=None) -> dict:
    """Figures of the formats leg for n reports written under root. `extract_all`: run.py's
    (imported from it when not given)."""
    if extract_all is None:
        from benchmarks.run import extract_all

    reports = make_reports(n, templates)
    paths: dict[str, list[Path]] = {}
    for fmt in FORMATS:
        folder = root / fmt
        folder.mkdir(parents=True, exist_ok=True)
        paths[fmt] = WRITERS[fmt](reports, folder)
    pages = pdf_pages(paths["pdf"])
    for fmt in FORMATS:  # each reader's first call (lazy imports, a font's tables) is not timed
        read_all(paths[fmt][:1])

    read_s: dict[str, float | None] = dict.fromkeys(FORMATS)
    extract_s: dict[str, float | None] = dict.fromkeys(FORMATS)
    read_out: dict[str, tuple[int, int, list[str]]] = {}
    rows: dict[str, dict[str, int]] = {}
    docs: dict[str, list] = {}
    for round_ in range(ROUNDS):
        for fmt in FORMATS[round_ % len(FORMATS):] + FORMATS[:round_ % len(FORMATS)]:
            read_out[fmt], took = _timed(read_all, paths[fmt])
            read_s[fmt] = _best(read_s[fmt], took)
            found: list = []
            rows[fmt], took = _timed(extract_all, paths[fmt], documents=found)
            extract_s[fmt] = _best(extract_s[fmt], took)
            docs[fmt] = found

    figures = {}
    for fmt in FORMATS:
        n_bytes, n_chars, texts = read_out[fmt]
        figures[fmt] = {
            "files": len(paths[fmt]), "mb": round(n_bytes / MB, 2), "read_s": round(read_s[fmt], 3),
            "read_mb_s": round(n_bytes / MB / read_s[fmt], 2), "read_mchar_s": round(n_chars / MILLION / read_s[fmt], 2),
            "extract_s": round(extract_s[fmt], 2), "vs_txt": round(extract_s[fmt] / extract_s["txt"], 2),
            "documents": len(docs[fmt]), "work_reports": sum(d.doc_type == "work_report" for d in docs[fmt]),
            "placed": sum(d.city_code is not None for d in docs[fmt]),
            "fact_rows": sum(rows[fmt].values()), "same_lines": round(same_lines(reports, texts), 4),
            "rows_by_table": rows[fmt],
        }
    figures["pdf"]["pages"] = pages
    figures["pdf"]["read_ms_a_page"] = round(1000 * read_s["pdf"] / max(pages, 1), 2)
    pdf_mb_s = figures["pdf"]["read_mb_s"]
    targets = {"pdf_read_mb_s": {"target": f">= {PDF_MIN_READ_MB_S:g}", "value": pdf_mb_s,
                                 "pass": pdf_mb_s >= PDF_MIN_READ_MB_S}}
    for fmt in EXTRACT_TARGET_FORMATS:
        ratio = figures[fmt]["vs_txt"]
        targets[f"{fmt}_extract_vs_txt"] = {"target": f"<= {MAX_EXTRACT_VS_TXT:g}", "value": ratio,
                                            "pass": ratio <= MAX_EXTRACT_VS_TXT}
    if profile:
        for fmt in FORMATS[1:]:
            profile_reader(fmt, paths[fmt], top=20)
    return {"reports": n, "rounds": ROUNDS, "formats": figures, "targets": targets}


# ---------------------------------------------------------------- the printed table


def print_table(result: dict) -> None:
    figures, targets = result["formats"], result["targets"]
    cols = ["files", "mb", "read_s", "read_mb_s", "read_mchar_s", "extract_s", "vs_txt", "documents", "placed",
            "fact_rows", "same_lines"]
    print(f"\nformats: {result['reports']} work reports, each format read and extracted {result['rounds']}x "
          f"(best), in one process")
    print(" | ".join([f"{'format':>6}", *(f"{c:>{max(len(c), 6)}}" for c in cols)]))
    for fmt, f in figures.items():
        print(" | ".join([f"{fmt:>6}", *(f"{f[c]:>{max(len(c), 6)}}" for c in cols)]))
    pdf = figures["pdf"]
    print(f"pdf: {pdf['pages']} A4 pages, {pdf['read_ms_a_page']} ms a page to read (font not embedded: "
          f"{pdf['mb'] * MB / max(pdf['pages'], 1) / 1e3:.1f} KB a page)")
    base = figures["txt"]["fact_rows"]
    for fmt, f in figures.items():
        off = (f["fact_rows"] - base) / max(base, 1)
        if abs(off) > FACT_ROWS_TOLERANCE:
            differ = {t: (f["rows_by_table"].get(t, 0), figures["txt"]["rows_by_table"].get(t, 0))
                      for t in sorted(set(f["rows_by_table"]) | set(figures["txt"]["rows_by_table"]))
                      if f["rows_by_table"].get(t, 0) != figures["txt"]["rows_by_table"].get(t, 0)}
            print(f"  {fmt}: {f['fact_rows']} fact rows, {off:+.1%} from the .txt set's {base} "
                  f"(over ±{FACT_ROWS_TOLERANCE:.0%}): {fmt} rows vs txt rows by table {differ}")
    print("targets:")
    for name, t in targets.items():
        print(f"  {name:<22} {t['value']:>7} (target {t['target']}): {'PASS' if t['pass'] else 'MISS'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=DEFAULT_REPORTS, help="work reports (default %(default)s)")
    ap.add_argument("--keep", type=Path, help="write the four sets of files here and keep them")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of each reader but .txt's")
    args = ap.parse_args()

    templates = config.seeds_dir()
    warm_up()
    with tempfile.TemporaryDirectory(prefix="govreports-formats-") as tmp:
        result = measure(args.n, args.keep or Path(tmp), templates, args.profile)
    print_table(result)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
