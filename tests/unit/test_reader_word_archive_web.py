"""Readers of Word files, archives and saved web pages, on files made here: what they read, and
how they refuse what must not be read (bombs, encrypted and cut-off inputs)."""
from __future__ import annotations

import bz2
import csv
import gzip
import io
import lzma
import shutil
import struct
import tarfile
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from pipelines.extract.text.decode import decode_bytes, split_lines
from pipelines.extract.text.readers import archives, dispatch, web, word
from pipelines.extract.text.readers.records import Limits, Unreadable

REPORT = ("各位代表：现在，我代表省人民政府，向大会报告政府工作，请予审议。今年经济社会发展的主要预期目标是："
          "地区生产总值增长5%左右，城镇调查失业率5.5%左右，居民消费价格涨幅2%左右。") * 3
SMALL = Limits(max_member_bytes=1 << 20, max_unpacked_bytes=8 << 20, max_ratio=200.0)
MIB = 1 << 20


# ---------------------------------------------------------------- builders


def make_docx(paragraphs=(REPORT,), build=None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if build:
        build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def zip_of(entries, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buf.getvalue()


def gbk_zip(entries) -> bytes:
    """A zip whose non-ASCII names are GBK bytes without the UTF-8 flag (as Windows' own zip
    writes them): written under ASCII stand-ins of the same length, then the bytes swapped in."""
    stand_ins, swapped = [], []
    for i, (name, data) in enumerate(entries):
        raw = name.encode("gbk")
        stand_in = f"~{i:03d}".encode().ljust(len(raw), b"_") if not name.isascii() else raw
        assert len(stand_in) == len(raw)
        stand_ins.append((stand_in.decode(), data))
        swapped.append((stand_in, raw))
    data = zip_of(stand_ins)
    for stand_in, raw in swapped:
        data = data.replace(stand_in, raw)
    return data


def set_zip_header(data: bytes, name: str, local_offset: int, central_offset: int, fmt: str, value) -> bytes:
    """`data` with one field of `name`'s local and central headers set (e.g. the flag bits)."""
    out = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    struct.pack_into(fmt, out, info.header_offset + local_offset, value)
    central = data.index(b"PK\x01\x02")
    while True:
        n = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46: central + 46 + n] == name.encode():
            break
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into(fmt, out, central + central_offset, value)
    return bytes(out)


def with_part(docx_bytes: bytes, name: str, data: bytes) -> bytes:
    """A copy of a Word file with one part replaced or added."""
    src = zipfile.ZipFile(io.BytesIO(docx_bytes))
    entries = [(i.filename, src.read(i)) for i in src.infolist() if i.filename != name]
    return zip_of([*entries, (name, data)])


def tar_of(entries, mode="w") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tar:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            if data is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            elif isinstance(data, tuple):  # ("symlink", target)
                info.type, info.linkname = tarfile.SYMTYPE, data[1]
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def by_id(read):
    return {r.record_id: r for r in read.records}


# ---------------------------------------------------------------- .docx


def test_docx_paragraphs_table_and_line_break_in_order():
    def build(d):
        p = d.add_paragraph("第二段前半")
        p.add_run().add_break()
        p.add_run("第二段后半")
        table = d.add_table(rows=2, cols=3)
        table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "指标", "目标", "备注"
        merged = table.cell(1, 0).merge(table.cell(1, 1))
        merged.text = "地区生产总值增长5%左右"
        table.cell(1, 2).text = "预期"
        d.add_paragraph("末段")
        d.sections[0].header.paragraphs[0].text = "页眉不是正文"
        d.sections[0].footer.paragraphs[0].text = "页脚不是正文"

    read = word.read_docx(make_docx(["第一段", ""], build), Limits())
    assert read.format == "docx" and len(read.records) == 1
    record = read.records[0]
    assert record.record_id == "" and record.ok
    assert record.text.split("\n") == ["第一段", "", "第二段前半", "第二段后半",
                                       "指标", "目标", "备注", "地区生产总值增长5%左右", "预期", "末段"]


def test_docx_page_break_at_a_paragraph_edge_adds_no_line():
    def build(d):
        p = d.add_paragraph()
        p.add_run().add_break(WD_BREAK.PAGE)
        p.add_run("二、2025年工作安排")
        p = d.add_paragraph("前")
        p.add_run().add_break(WD_BREAK.PAGE)
        p.add_run("后")

    text = word.read_docx(make_docx(["一、工作回顾"], build), Limits()).records[0].text
    assert text.split("\n") == ["一、工作回顾", "二、2025年工作安排", "前", "后"]


def test_docx_without_text_is_refused():
    with pytest.raises(Unreadable, match="Word file with no text"):
        word.read_docx(make_docx(["", "  "]), Limits())


def _padded_body(size: int) -> bytes:
    """word/document.xml of a small report, padded with `size` spaces (compresses ~1000:1)."""
    body = zipfile.ZipFile(io.BytesIO(make_docx())).read("word/document.xml")
    return body.replace(b"</w:body>", b" " * size + b"</w:body>")


def test_docx_body_over_the_size_limit_is_refused_before_parsing():
    bomb = with_part(make_docx(), "word/document.xml", _padded_body(2 * MIB))
    with pytest.raises(Unreadable, match="word/document.xml: unpacked size .* over the 1,048,576-byte limit"):
        word.read_docx(bomb, SMALL)


def test_docx_body_over_the_ratio_limit_is_refused():
    bomb = with_part(make_docx(), "word/document.xml", _padded_body(3 * MIB // 2))
    with pytest.raises(Unreadable, match="compression ratio .* over the 50:1 limit"):
        word.read_docx(bomb, Limits(max_ratio=50))


def test_a_part_that_is_not_read_is_never_unpacked():
    """A bomb among the parts nobody reads (custom XML, pictures) costs nothing: the report is read."""
    bomb = with_part(make_docx(), "customXml/item9.xml", b"<a>" + b" " * (2 * MIB) + b"</a>")
    assert word.read_docx(bomb, SMALL).records[0].text.startswith(REPORT[:10])


def test_docx_with_an_encrypted_part_is_refused():
    data = set_zip_header(make_docx(), "word/document.xml", 6, 8, "<H", 0x1)
    with pytest.raises(Unreadable, match="encrypted part: needs a password"):
        word.read_docx(data, Limits())


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def laughs(levels: int) -> bytes:
    """A document.xml whose one word expands to 10**levels 'lol's if entities were expanded."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1))
    return (f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [{entities}]>'
            f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>a&lol{levels};b</w:t></w:r></w:p></w:body>'
            "</w:document>").encode()


def test_billion_laughs_document_is_refused_and_never_expanded():
    with pytest.raises(Unreadable, match="declares a DTD"):
        word.read_docx(with_part(make_docx(), "word/document.xml", laughs(9)), Limits())
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    assert word.read_docx(with_part(make_docx(), "word/media/image1.svg", svg), Limits()).ok  # a picture: not parsed
    # Behind that check, python-docx's own parser (resolve_entities=False) expands nothing: a small
    # bomb parses with its entity left as a reference, a big one is refused by libxml2 itself.
    from docx.oxml.parser import parse_xml
    from lxml import etree
    root = parse_xml(laughs(2))
    assert "lol" not in "".join(t.text or "" for t in root.iter(f"{{{W_NS}}}t"))
    with pytest.raises(etree.XMLSyntaxError):
        parse_xml(laughs(9))


def test_docx_read_through_dispatch_judged_by_bytes():
    read = dispatch.read_bytes(make_docx(), "report.txt", Limits())  # the name says .txt: the bytes say Word
    assert read.format == "docx" and read.records[0].text == REPORT


# ---------------------------------------------------------------- .odt


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
<office:body><office:text>
<text:h text:outline-level="1">政府工作报告</text:h>
<text:p>各位代表：<text:s text:c="2"/>现在<text:note><text:note-body><text:p>脚注不读</text:p></text:note-body></text:note>报告工作。</text:p>
<text:p>前半<text:line-break/>后半<text:tab/>完</text:p>
<table:table><table:table-row><table:table-cell><text:p>单元格</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>"""


def make_odt(content: str = ODT_CONTENT, manifest: str = "<manifest/>") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:  # the mimetype first and stored, as ODF says
        zf.writestr("mimetype", b"application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        zf.writestr("content.xml", content.encode())
        zf.writestr("META-INF/manifest.xml", manifest.encode())
    return buf.getvalue()


def test_odt_paragraphs_and_headings_as_lines():
    read = word.read_odt(make_odt(), Limits())
    assert read.format == "odt"
    assert read.records[0].text.split("\n") == ["政府工作报告", "各位代表：  现在报告工作。", "前半", "后半\t完", "单元格"]
    assert dispatch.read_bytes(make_odt(), "x.odt", Limits()).format == "odt"


def test_odt_encrypted_or_with_a_dtd_is_refused():
    with pytest.raises(Unreadable, match="encrypted OpenDocument"):
        word.read_odt(make_odt(manifest="<manifest><manifest:encryption-data/></manifest>"), Limits())
    with pytest.raises(Unreadable, match="declares a DTD"):
        word.read_odt(make_odt(ODT_CONTENT.replace("?>\n", '?><!DOCTYPE x [<!ENTITY a "b">]>', 1)), Limits())


# ---------------------------------------------------------------- old .doc and RTF


def _cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (each stream at least 4096 bytes: no mini stream needed)."""
    sect, end, free_fat, nostream = 512, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    names = list(streams)
    fat, starts, body = [free_fat, end], [], b""
    for name in names:
        n = -(-len(streams[name]) // sect)
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [end]
        body += streams[name].ljust(n * sect, b"\0")

    def entry(name, kind, left=nostream, child=nostream, start=end, size=0):
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBB3I", len(raw), kind, 1, left, nostream, child)
                + b"\0" * 36 + struct.pack("<IQ", start, size))

    order = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i].upper()))
    left_of = {order[k]: order[k - 1] + 1 for k in range(1, len(order))}
    directory = entry("Root Entry", 5, child=order[-1] + 1) + b"".join(
        entry(n, 2, left=left_of.get(i, nostream), start=starts[i], size=len(streams[n])) for i, n in enumerate(names))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<5H", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<9I", 0, 1, 1, 0, 4096, end, 0, end, 0) + struct.pack("<I", 0)
              + b"\xff" * 432)
    fat_sector = b"".join(struct.pack("<I", x) for x in fat).ljust(sect, b"\xff")
    return header + fat_sector + directory.ljust(sect, b"\0") + body


def make_doc(paragraphs: list[str]) -> bytes:
    """A minimal Word 97 file: a FIB, a one-style stylesheet and the text as one Unicode piece
    (paragraphs end with \\r; \\x0b is a line break)."""
    text = "".join(p + "\r" for p in paragraphs)
    fc_text = 0x800
    doc = bytearray((bytes(0x384).ljust(fc_text, b"\0") + text.encode("utf-16-le")).ljust(4096, b"\0"))
    struct.pack_into("<7H", doc, 0, 0xA5EC, 0x00C1, 0, 0x0804, 0, 0x1200, 0x00BF)  # Word 97, 1Table, Chinese
    struct.pack_into("<II", doc, 0x18, fc_text, fc_text + 2 * len(text))
    struct.pack_into("<H", doc, 0x20, 14)
    struct.pack_into("<I", doc, 0x40, len(doc))
    struct.pack_into("<H", doc, 0x3E, 22)
    struct.pack_into("<I", doc, 0x4C, len(text))  # ccpText
    struct.pack_into("<H", doc, 0x98, 93)
    std = struct.pack("<5H", 0, (0x0FFF << 4) | 1, 2, 0, 0) + struct.pack("<H", 6) + "Normal".encode("utf-16-le")
    std += b"\0\0" + struct.pack("<HHH", 2, 0, 0)
    stshi = struct.pack("<9H", 1, 10, 1, 0x5B, 0x0F, 0, 0, 0, 0)
    stsh = struct.pack("<H", len(stshi)) + stshi + struct.pack("<H", len(std)) + std
    clx = b"\x02" + struct.pack("<I", 20) + struct.pack("<II", 0, len(text)) + struct.pack("<HIH", 0, fc_text, 0)
    for index, (fc, lcb) in {0: (0, len(stsh)), 1: (0, len(stsh)), 33: (len(stsh), len(clx))}.items():
        struct.pack_into("<II", doc, 0x9A + 8 * index, fc, lcb)
    return _cfb({"WordDocument": bytes(doc), "1Table": (stsh + clx).ljust(4096, b"\0")})


DEBIAN_PACKAGE = {"antiword": "antiword", "soffice": "libreoffice-writer-nogui", "catdoc": "catdoc"}
DOC_LINES = ["2025年政府工作报告", "地区生产总值增长5%左右。\x0b城镇新增就业85万人", "各位代表"]


@pytest.mark.parametrize("tool", ["antiword", "soffice", "catdoc"])
def test_old_doc_through_each_installed_converter(tool, monkeypatch):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (Debian: apt-get install {DEBIAN_PACKAGE[tool]})")
    monkeypatch.setattr(word, "_DOC_CONVERTERS", (tool,))
    data = make_doc(DOC_LINES)
    assert dispatch.sniff(data) == "ole2"
    read = dispatch.read_bytes(data, "report.doc", Limits())
    assert read.format == "doc", read.error
    assert read.records[0].text.split("\n") == ["2025年政府工作报告", "地区生产总值增长5%左右。", "城镇新增就业85万人", "各位代表"]


def test_old_doc_without_a_converter_says_what_to_install(monkeypatch):
    monkeypatch.setattr(word.shutil, "which", lambda name: None)
    with pytest.raises(Unreadable, match=r"needs antiword, catdoc or LibreOffice installed \(Debian: apt-get install antiword\)"):
        word.read_doc(make_doc(DOC_LINES), Limits())
    with pytest.raises(Unreadable, match="RTF: not read; save it as .docx"):
        word.read_rtf(rb"{\rtf1\ansi hello\par}", Limits())


def _fake_converter(tmp_path, monkeypatch, script: str) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    tool = bin_dir / "antiword"
    tool.write_text("#!/bin/sh\n" + script + "\n")
    tool.chmod(0o755)
    monkeypatch.setattr(word, "_DOC_CONVERTERS", ("antiword",))
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")


def test_converter_failure_and_timeout_are_quarantine_reasons(tmp_path, monkeypatch):
    _fake_converter(tmp_path, monkeypatch, 'echo "input.doc is not a Word Document." >&2; exit 1')
    with pytest.raises(Unreadable, match="antiword failed: input.doc is not a Word Document."):
        word.read_doc(b"\xd0\xcf\x11\xe0" + b"\0" * 100, Limits())


def test_antiword_output_table_rows_and_astral_characters(tmp_path, monkeypatch):
    # antiword writes a blank first line, a table row as |cell |cell |, and a character beyond
    # U+FFFF as two UTF-8-encoded surrogates (here U+20000).
    _fake_converter(tmp_path, monkeypatch, r"printf '\n标题\n|指标    |5%%左右  |\n\355\241\200\355\260\200字\n'")
    text = word.read_doc(b"x", Limits()).records[0].text
    assert text.split("\n") == ["标题", "指标", "5%左右", "\U00020000字"]


def test_converter_timeout_kills_it(tmp_path, monkeypatch):
    _fake_converter(tmp_path, monkeypatch, "exec sleep 30")
    with pytest.raises(Unreadable, match=r"antiword: timed out after 0.5 s"):
        word.read_doc(b"x", Limits(converter_timeout_s=0.5))


def test_antiword_with_a_real_doc_failure(tmp_path, monkeypatch):
    if shutil.which("antiword") is None:
        pytest.skip("antiword is not installed (Debian: apt-get install antiword)")
    monkeypatch.setattr(word, "_DOC_CONVERTERS", ("antiword",))
    with pytest.raises(Unreadable, match="antiword failed: .*not a Word Document"):
        word.read_doc(b"garbage that is no Word file" * 20, Limits())


def test_rtf_through_libreoffice_when_installed():
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-writer-nogui)")
    rtf = rb"{\rtf1\ansi\ansicpg936\uc1{\fonttbl{\f0 SimSun;}}\f0 \u22320?\u21306?\u29983?\u20135?\u24635?\u20540?\par second\par}"
    read = dispatch.read_bytes(rtf, "x.rtf", Limits())
    assert read.format == "rtf", read.error
    assert read.records[0].text.split("\n") == ["地区生产总值", "second"]


# ---------------------------------------------------------------- archives


def test_zip_with_gbk_names_folders_junk_and_a_failing_member(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = gbk_zip([
        ("报告/2025年四川省政府工作报告.docx", make_docx()),
        ("报告/说明.txt", REPORT.encode("gb18030")),
        ("坏/x.pdf", b"\x00\x01garbage\xff" * 40),
        ("__MACOSX/报告/._说明.txt", b"\x00\x05\x16\x07"),
        (".DS_Store", b"\x00\x00\x00\x01Bud1"),
        ("../../evil.txt", REPORT.encode()),
        ("C:\\Windows\\win.txt", REPORT.encode()),
    ])
    read = dispatch.read_bytes(data, "省区市.zip", Limits())
    assert read.format == "zip"
    records = by_id(read)
    assert list(records) == ["报告/2025年四川省政府工作报告.docx", "报告/说明.txt", "坏/x.pdf", "evil.txt", "Windows/win.txt"]
    assert records["报告/2025年四川省政府工作报告.docx"].format == "docx"
    assert records["报告/2025年四川省政府工作报告.docx"].text == REPORT
    assert records["报告/说明.txt"].text == REPORT and records["报告/说明.txt"].encoding == "gb18030"
    bad = records["坏/x.pdf"]
    assert bad.status == "quarantined" and bad.reason.startswith("坏/x.pdf: ") and bad.text is None
    assert read.error.startswith("skipped OS junk: __MACOSX/报告/._说明.txt, .DS_Store")
    assert records["evil.txt"].ok  # '../' is only text: nothing is ever written
    assert not list(tmp_path.iterdir()) and not (tmp_path.parent.parent / "evil.txt").exists()


def test_member_names_utf8_flag_and_plain_utf8_bytes():
    data = zip_of([("目录/报告.txt", REPORT.encode())])  # Python writes the UTF-8 flag
    assert list(by_id(dispatch.read_bytes(data, "a.zip", Limits()))) == ["目录/报告.txt"]
    info = zipfile.ZipInfo("x")
    info.orig_filename = "目录".encode("utf-8").decode("cp437")  # UTF-8 bytes, no flag (macOS Archive Utility)
    assert archives.zip_member_name(info) == "目录"
    assert archives.member_label("/abs/../../x/./y.txt") == "abs/x/y.txt"
    assert archives.member_label("D:\\a\\b.doc") == "a/b.doc"
    assert archives.member_label("..") == "unnamed"


def test_zip_bomb_member_is_quarantined_and_the_rest_read():
    data = zip_of([("bomb.txt", b"0" * (2 * MIB)), ("good.txt", REPORT.encode())])
    records = by_id(archives.read_archive(data, "zip", "a.zip", SMALL, 0, dispatch.read_bytes))
    assert records["bomb.txt"].status == "quarantined"
    assert "over the 1,048,576-byte limit" in records["bomb.txt"].reason
    assert records["good.txt"].ok


def test_zip_member_whose_header_lies_about_its_size_is_still_stopped():
    data = zip_of([("bomb.txt", b"0" * (2 * MIB)), ("good.txt", REPORT.encode())])
    data = set_zip_header(data, "bomb.txt", 22, 24, "<I", 1000)  # says 1,000 bytes unpacked
    records = by_id(archives.read_archive(data, "zip", "a.zip", SMALL, 0, dispatch.read_bytes))
    assert records["bomb.txt"].status == "quarantined" and records["good.txt"].ok


def test_zip_member_over_the_ratio_and_total_limits():
    data = zip_of([("zeros.txt", b"0" * (3 * MIB // 2)), ("a.txt", REPORT.encode()), ("b.txt", REPORT.encode())])
    records = by_id(archives.read_archive(data, "zip", "a.zip", Limits(max_ratio=50), 0, dispatch.read_bytes))
    assert "compression ratio" in records["zeros.txt"].reason and records["a.txt"].ok
    small_total = Limits(max_unpacked_bytes=len(REPORT.encode()) + 10)
    records = by_id(archives.read_archive(zip_of([("a.txt", REPORT.encode()), ("b.txt", REPORT.encode())]),
                                          "zip", "a.zip", small_total, 0, dispatch.read_bytes))
    assert records["a.txt"].ok and "unpacks to more than" in records["b.txt"].reason
    with pytest.raises(Unreadable, match="over the 1-member limit"):
        archives.read_archive(zip_of([("a.txt", b"a"), ("b.txt", b"b")]), "zip", "a.zip", Limits(max_members=1), 0, dispatch.read_bytes)


def test_nested_zip_ids_and_depth_limit():
    table = f"id,text\n1,{REPORT}\n2,{REPORT}\n".encode()
    inner = zip_of([("a.txt", REPORT.encode()), ("t.csv", table)])
    outer = zip_of([("dir/inner.zip", inner), ("b.txt", REPORT.encode())])
    read = dispatch.read_bytes(outer, "outer.zip", Limits())
    ids = set(by_id(read))
    assert {"dir/inner.zip/a.txt", "b.txt"} <= ids
    rows = sorted(i for i in ids if "t.csv" in i)
    assert len(rows) == 2 and all(i.startswith("dir/inner.zip/t.csv#") for i in rows), rows
    shallow = by_id(dispatch.read_bytes(outer, "outer.zip", Limits(max_depth=0)))
    assert shallow["dir/inner.zip"].status == "quarantined"
    assert "nested more than 0 deep" in shallow["dir/inner.zip"].reason and shallow["b.txt"].ok


def test_quarantined_member_of_a_nested_zip_keeps_its_full_path():
    inner = zip_of([("x.pdf", b"\x00garbage" * 50)])
    read = dispatch.read_bytes(zip_of([("in.zip", inner)]), "o.zip", Limits())
    (record,) = read.records
    assert record.record_id == "in.zip/x.pdf" and record.reason.startswith("in.zip/x.pdf: ")


def test_encrypted_and_corrupt_members_are_quarantined():
    data = zip_of([("secret.txt", b"plain text here " * 20), ("bad.txt", b"corrupt me " * 30),
                   ("good.txt", REPORT.encode())], zipfile.ZIP_STORED)
    data = set_zip_header(data, "secret.txt", 6, 8, "<H", 0x1)
    data = data.replace(b"corrupt me corrupt", b"corrupt me CORRUPT", 1)
    records = by_id(dispatch.read_bytes(data, "a.zip", Limits()))
    assert records["secret.txt"].status == "quarantined"
    assert records["secret.txt"].reason == "secret.txt: encrypted: needs a password"
    assert records["bad.txt"].status == "quarantined" and "CRC" in records["bad.txt"].reason
    assert records["good.txt"].ok


def test_cut_off_zip_is_unreadable():
    data = zip_of([("a.txt", REPORT.encode() * 20), ("b.txt", REPORT.encode())])
    cut = data[: len(data) // 2]
    with pytest.raises(Unreadable, match="cut off or corrupt zip archive: its directory cannot be read"):
        archives.read_archive(cut, "zip", "a.zip", Limits(), 0, dispatch.read_bytes)
    read = dispatch.read_bytes(cut, "a.zip", Limits())
    assert not read.records and "directory cannot be read" in read.error


@pytest.mark.parametrize("mode", ["w", "w:gz", "w:bz2", "w:xz"])
def test_tar_archives_plain_and_compressed(mode):
    data = tar_of([("docs", None), ("docs/报告.docx", make_docx()), ("docs/说明.txt", REPORT.encode()),
                   ("docs/._说明.txt", b"\x00\x05"), ("docs/link", ("symlink", "说明.txt"))], mode)
    read = dispatch.read_bytes(data, "a.tar", Limits())
    assert read.format == "tar"
    records = by_id(read)
    assert list(records) == ["docs/报告.docx", "docs/说明.txt"]
    assert records["docs/报告.docx"].text == REPORT and records["docs/说明.txt"].text == REPORT
    assert "skipped OS junk: docs/._说明.txt" in read.error and "docs/link" in read.error


def test_cut_off_tar_gz_keeps_the_members_before_the_cut():
    import random
    noise = "".join(random.Random(1).choice("政府工作报告发展经济") for _ in range(200_000)).encode()
    data = tar_of([("a.txt", REPORT.encode()), ("b.txt", noise)], "w:gz")
    read = archives.read_archive(data[: len(data) // 2], "gzip", "a.tar.gz", Limits(), 0, dispatch.read_bytes)
    records = by_id(read)
    assert records["a.txt"].ok and records["b.txt"].status == "quarantined"
    assert "not read past b.txt" in read.error


def test_tar_gz_bomb_is_stopped():
    data = tar_of([("zeros.txt", b"0" * (2 * MIB)), ("after.txt", REPORT.encode())], "w:gz")
    records = by_id(archives.read_archive(data, "gzip", "a.tgz", SMALL, 0, dispatch.read_bytes))
    assert records["zeros.txt"].status == "quarantined" and "over the 1,048,576-byte limit" in records["zeros.txt"].reason


@pytest.mark.parametrize("kind,compress,name", [("gzip", gzip.compress, "report.txt.gz"),
                                                ("bzip2", bz2.compress, "report.txt.bz2"),
                                                ("xz", lzma.compress, "report.txt.xz")])
def test_lone_compressed_file_is_one_member_named_without_the_suffix(kind, compress, name):
    read = dispatch.read_bytes(compress(REPORT.encode()), name, Limits())
    assert read.format == kind
    assert [(r.record_id, r.text) for r in read.records] == [("report.txt", REPORT)]
    with pytest.raises(Unreadable, match="cut off or corrupt"):
        archives.read_archive(compress(REPORT.encode() * 50)[:-20], kind, name, Limits(), 0, dispatch.read_bytes)
    with pytest.raises(Unreadable, match="limit"):
        archives.read_archive(compress(b"0" * (2 * MIB)), kind, name, SMALL, 0, dispatch.read_bytes)


# ---------------------------------------------------------------- web pages


def gov_page(charset_tag: str) -> str:
    paragraphs = "".join(f'<p style="text-indent:2em">第{i}段：{REPORT[:40]}</p>\n' for i in range(1, 6))
    return (f"<!DOCTYPE html><html><head>{charset_tag}<title>政府工作报告</title><script>var a='<p>';</script></head>"
            '<body><div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>'
            '<div class="crumb">当前位置：首页 &gt; 政务公开</div>'
            f'<div class="TRS_Editor">{paragraphs}<table><tr><td>指标</td><td>5%左右</td></tr></table></div>'
            '<div class="footer">主办：市人民政府办公厅</div></body></html>')


def test_html_in_gbk_read_with_its_meta_charset():
    data = gov_page('<META http-equiv="Content-Type" content="text/html; charset=gb2312">').encode("gbk")
    decoded = decode_bytes(data)
    read = web.read_html_text(data, decoded.text, decoded.encoding, decoded.error)
    assert read.format == "html" and read.encoding == "gb18030"
    lines = read.records[0].text.split("\n")
    assert [line for line in lines if line.startswith("第")] == [f"第{i}段：{REPORT[:40]}" for i in range(1, 6)]
    assert "指标" in lines and "5%左右" in lines and "var a" not in read.records[0].text
    # The page's charset wins over a wrong guess: the same bytes handed over as if read as Big5.
    wrong = web.read_html_text(data, data.decode("big5hkscs", "replace"), "big5hkscs", "a note")
    assert wrong.encoding == "gb18030" and "第1段" in wrong.records[0].text


def test_html_charset_that_cannot_be_right_is_ignored():
    stale = gov_page('<meta charset="gbk">').encode("utf-8")  # a template's stale charset on a UTF-8 page
    read = web.read_html_text(stale, stale.decode("utf-8"), "utf-8", None)
    assert read.encoding == "utf-8" and "第1段" in read.records[0].text
    latin = gov_page('<meta charset="iso-8859-1">').encode("gbk")  # a server default: not Chinese at all
    read = web.read_html_text(latin, latin.decode("gb18030"), "gb18030", None)
    assert read.encoding == "gb18030" and "第1段" in read.records[0].text
    assert web.declared_charset(b'<meta charset="utf-8">') == "utf-8"
    assert web.declared_charset(b"<p>no meta</p>") is None


def test_looks_like_html():
    assert web.looks_like_html(gov_page(""))
    assert not web.looks_like_html(REPORT)


# ---------------------------------------------------------------- development data


def _corpus() -> Path | None:
    repo = Path(__file__).resolve().parents[2]
    for shared in (repo.parent / "shared", Path("/work/shared")):
        folder = shared / "corpora" / "provinces-2025-docx"
        if (folder / "texts" / "省区市政府工作报告.zip").is_file():
            return folder
    return None


def test_provinces_docx_zip_matches_the_gold():
    folder = _corpus()
    if folder is None:
        pytest.skip("shared/corpora/provinces-2025-docx is not here")
    read = dispatch.read_bytes((folder / "texts" / "省区市政府工作报告.zip").read_bytes(), "省区市政府工作报告.zip")
    records = by_id(read)
    with open(folder / "gold" / "documents.csv", encoding="utf-8") as f:
        assert set(records) == {row["source_record"] for row in csv.DictReader(f)}
    with open(folder / "gold" / "targets.csv", encoding="utf-8") as f:
        gold = list(csv.DictReader(f))
    misses = [(g["source_record"], g["source_line"], g["snippet"]) for g in gold
              if g["snippet"] not in split_lines(records[g["source_record"]].text)[int(g["source_line"]) - 1]]
    assert not misses and len(gold) >= 70
