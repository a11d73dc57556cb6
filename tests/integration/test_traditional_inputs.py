"""A report in traditional characters, UTF-8 or Big5/Big5-HKSCS, is read like a simplified one.

tests/traditional/ holds one excerpt of a seed report (济南 2023) three times: as published in
simplified characters (UTF-8), reprinted in Taiwan (Big5) and in Hong Kong (Big5-HKSCS), and the
opening of the State Council's 1954 report (Big5-HKSCS). The three 济南 files must give the same
document and the same facts; only titles and snippets differ, quoting each file as written.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelines.extract.text.hanzi import to_simplified
from tests.helpers import build_warehouse, query

TRADITIONAL = Path(__file__).resolve().parent.parent / "traditional"
SIMPLIFIED, TAIWAN, HONG_KONG = "jinan_2023.txt", "jinan_2023_tw.big5.txt", "jinan_2023_hk.big5hkscs.txt"
FACTS = {
    "fact_targets": "indicator_code, measure, value, value_high, qualifier, source_line, snippet",
    "fact_projects": "source_line, snippet",
    "fact_funds": "amount_yuan, source_line, snippet",
}
DATES = "date_text, date_start, date_end, granularity, source_line"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("traditional")
    seeds = root / "seeds"
    shutil.copytree(TRADITIONAL, seeds)
    return build_warehouse(root / "wh.duckdb", seeds, marts=False)


def test_big5_files_are_read_not_quarantined(warehouse):
    log = {r[0]: r[1:] for r in query(warehouse, "SELECT source_file, status, encoding FROM ingest_log")}
    assert log == {SIMPLIFIED: ("ok", "utf-8"), TAIWAN: ("ok", "big5"), HONG_KONG: ("ok", "big5hkscs"),
                   "state_council_1954.big5hkscs.txt": ("ok", "big5hkscs")}


def test_same_documents(warehouse):
    docs = {r[0]: r[1:] for r in query(warehouse, "SELECT source_file, doc_type, city_code, doc_date, report_year, "
                                                  "plan_year, line_start, line_end, title FROM documents")}
    assert docs[SIMPLIFIED][:-1] == docs[TAIWAN][:-1] == docs[HONG_KONG][:-1]
    assert docs[SIMPLIFIED][:2] == ("work_report", "370100")
    assert docs[TAIWAN][-1] == "2022年濟南市政府工作報告"  # the title as written
    assert docs["state_council_1954.big5hkscs.txt"][:2] == ("work_report", "100000")


@pytest.mark.parametrize("table", FACTS)
def test_same_facts_with_snippets_as_written(warehouse, table):
    def rows(name):
        return sorted(query(warehouse, f"SELECT {FACTS[table]} FROM {table} JOIN documents USING (doc_id) "
                                       "WHERE source_file = ?", [name]))

    expected = rows(SIMPLIFIED)
    assert expected, table
    for name in (TAIWAN, HONG_KONG):
        found = rows(name)
        assert [r[:-1] for r in found] == [r[:-1] for r in expected], (table, name)
        snippets = [r[-1] for r in found]
        assert snippets != [r[-1] for r in expected], (table, name)  # quoted in traditional characters
        assert [to_simplified(s) for s in snippets] == [to_simplified(r[-1]) for r in expected], (table, name)


def test_same_dates(warehouse):
    def rows(name):
        return sorted(query(warehouse, f"SELECT {DATES} FROM fact_dates JOIN documents USING (doc_id) "
                                       "WHERE source_file = ?", [name]))

    assert rows(SIMPLIFIED) and rows(SIMPLIFIED) == rows(TAIWAN) == rows(HONG_KONG)


def test_same_date_roles(warehouse):
    """在濟南市第十八屆人民代表大會第二次會議上 is the delivery line: its date is the 'meeting'."""
    def roles(name):
        return sorted(query(warehouse, "SELECT source_line, date_text, role FROM fact_dates JOIN documents "
                                       "USING (doc_id) WHERE source_file = ?", [name]))

    assert "meeting" in {r[2] for r in roles(SIMPLIFIED)}
    assert roles(SIMPLIFIED) == roles(TAIWAN) == roles(HONG_KONG)
