"""A run over the seeds plus files real collections contain (tests/bad_inputs/) survives them all.

| file | what | expected status |
|---|---|---|
| gbk_news.txt | a news item encoded in GBK | ok (gb18030) |
| bom_news.txt | UTF-8 with a byte-order mark | ok (utf-8-sig) |
| binary.txt | a PNG header and bytes | quarantined |
| empty.txt | zero bytes | quarantined |
| truncated_utf8.txt | UTF-8 cut inside its last character | ok, note on the dropped bytes |
| long_line_10mb.txt | 10 MB of text without a newline | ok |
| saved_page.txt | an HTML page saved as .txt | ok, converted to visible text |
| duplicate of 004 报告.txt | byte-for-byte copy of a seed; spaces and Chinese in the name | duplicate |
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import build_warehouse, query

BAD = Path(__file__).resolve().parent.parent / "bad_inputs"
FACT_TABLES = {"fact_targets": "doc_id, indicator_code, measure, value, value_high, qualifier, source_line, snippet",
               "fact_targets_qualitative": "doc_id, text, source_line",
               "fact_outcomes": "doc_id, year, indicator_code, measure, value, qualifier, estimated, source_line, snippet",
               "documents": "doc_id, line_start, line_end, doc_type, city_code, doc_date"}


@pytest.fixture(scope="module")
def mixed_warehouse(tmp_path_factory):
    from tests.conftest import SEEDS

    root = tmp_path_factory.mktemp("mixed")
    seeds = root / "seeds"
    seeds.mkdir()
    for folder in (SEEDS, BAD):
        for f in folder.iterdir():
            shutil.copy(f, seeds / f.name)
    return build_warehouse(root / "wh.duckdb", seeds, marts=False)


def test_every_file_has_its_status_and_reason(mixed_warehouse):
    log = {r[0]: r[1:] for r in query(mixed_warehouse, "SELECT source_file, status, encoding, error, format FROM ingest_log")}
    assert len(log) == 5 + len(list(BAD.iterdir()))
    assert log["gbk_news.txt"][:2] == ("ok", "gb18030")
    assert log["bom_news.txt"][:2] == ("ok", "utf-8-sig")
    assert log["binary.txt"][0] == "quarantined" and "binary.txt" in log["binary.txt"][2]
    assert log["empty.txt"][0] == "quarantined" and "empty" in log["empty.txt"][2]
    assert log["truncated_utf8.txt"][0] == "ok" and "cut" in log["truncated_utf8.txt"][2]
    assert log["long_line_10mb.txt"][0] == "ok"
    assert log["saved_page.txt"][0] == "ok" and log["saved_page.txt"][3] == "html"
    assert log["duplicate of 004 报告.txt"][0] == "duplicate"
    assert {r[0] for r in log.values()} <= {"ok", "duplicate", "quarantined"}


def test_readable_odd_files_become_documents(mixed_warehouse):
    docs = dict(query(mixed_warehouse, "SELECT source_file, count(*) FROM documents GROUP BY 1"))
    for name in ("gbk_news.txt", "bom_news.txt", "truncated_utf8.txt", "saved_page.txt", "long_line_10mb.txt"):
        assert docs.get(name, 0) >= 1, name
    assert "duplicate of 004 报告.txt" not in docs and "binary.txt" not in docs
    (title,) = query(mixed_warehouse, "SELECT title FROM documents WHERE source_file = 'saved_page.txt'")[0]
    assert "市长主持召开防汛工作会议" in title and "<p>" not in title and "not text" not in title


def test_nothing_from_the_seeds_is_lost_or_added(mixed_warehouse, seeded_warehouse):
    seed_files = "SELECT source_file FROM ingest_log WHERE source_file < '005'"
    for table, cols in FACT_TABLES.items():
        where = f"WHERE doc_id IN (SELECT doc_id FROM documents WHERE source_file IN ({seed_files}))"
        if table == "documents":
            where = f"WHERE source_file IN ({seed_files})"
        alone = sorted(query(seeded_warehouse, f"SELECT {cols} FROM {table}"))
        mixed = sorted(query(mixed_warehouse, f"SELECT {cols} FROM {table} {where}"))
        assert mixed == alone, table
    for table in ("fact_targets", "fact_targets_qualitative"):
        count = lambda db: query(db, f"SELECT count(*) FROM {table}")[0][0]
        assert count(mixed_warehouse) == count(seeded_warehouse), table
