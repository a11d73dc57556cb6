"""Untrusted bytes never stop a run: what a second reviewer found getting through, kept out."""
from __future__ import annotations

import io
import zipfile

import polars as pl

from pipelines.extract.text.readers import Limits, read_bytes
from tests.unit.test_reader_word_archive_web import zip_of as _zip

REPORT = ("各位代表：现在，我代表市人民政府向大会作工作报告，请予审议。" * 12).encode("utf-8")


def test_json_nested_thousands_deep_is_quarantined_not_raised():
    for data in (b"[" * 5000, b'{"a":' * 5000, b'{"rows":' + b"[" * 5000):
        read = read_bytes(data, "deep.json")
        assert not read.records and "nested too deeply" in read.error


def test_a_member_named_like_a_nested_one_keeps_its_own_record_id():
    read = read_bytes(_zip([("inner.zip", _zip([("a.txt", REPORT)])), ("inner.zip/a.txt", REPORT)]), "o.zip")
    ids = [r.record_id for r in read.records]
    assert len(ids) == len(set(ids)) == 2


def test_archives_inside_an_archive_share_its_unpacked_limit():
    inner = [(f"i{i}.zip", _zip([("a.txt", "甲".encode() * 30_000)], zipfile.ZIP_STORED)) for i in range(3)]
    read = read_bytes(_zip(inner), "o.zip", Limits(max_unpacked_bytes=150_000))
    assert sum(len(r.text.encode()) for r in read.records if r.ok) <= 150_000
    assert any(r.status == "quarantined" and "limit" in r.reason for r in read.records)


def test_a_parquet_file_that_decodes_past_the_limit_is_refused():
    out = io.BytesIO()
    pl.DataFrame({"content": ["报告" * 50_000] * 200}).write_parquet(out, compression="zstd")
    assert len(out.getvalue()) < 50_000  # one string, dictionary-encoded
    read = read_bytes(out.getvalue(), "t.parquet", Limits(max_unpacked_bytes=5_000_000))
    assert not read.records and "decodes to more than" in read.error


def test_a_damaged_doc_is_not_read_as_whatever_a_converter_prints():
    import shutil

    import pytest
    if not any(shutil.which(t) for t in ("antiword", "soffice", "catdoc")):
        pytest.skip("no .doc converter installed (apt-get install antiword)")
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16le") + bytes(range(256)) * 3
    read = read_bytes(data, "x.doc")
    assert not read.records and "old Word .doc" in read.error


def test_a_text_file_whose_paragraphs_are_literal_backslash_r_backslash_n_is_read_as_lines():
    text = r"政府工作报告\r\n——2019年1月10日在海拉尔区第十五届人民代表大会第四次会议上\r\n各位代表：\r\n现在，我代表区人民政府向大会作工作报告。"
    read = read_bytes(text.encode("utf-8"), "export.txt")
    (record,) = read.records
    assert record.text.split("\n")[:3] == ["政府工作报告", "——2019年1月10日在海拉尔区第十五届人民代表大会第四次会议上", "各位代表："]
    assert "literal" in record.reason
