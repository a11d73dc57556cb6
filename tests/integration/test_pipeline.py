"""The whole graph, in process, on real files, into a real temporary DuckDB file."""
from __future__ import annotations

import logging
import shutil
from datetime import date

from pipelines.definitions import defs
from pipelines.extract.text.decode import split_lines
from pipelines.extract.text.readers import read_path
from tests.conftest import SEEDS
from tests.helpers import WITHOUT_MARTS, materialize_into, query


def test_definitions_load_with_every_asset():
    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert {"ingest_log", "documents", "dim_level", "dim_province", "dim_city"} <= keys


def test_every_seed_file_is_logged_and_read(seeded_warehouse):
    rows = query(seeded_warehouse, "SELECT status, count(*) FROM ingest_log GROUP BY 1")
    assert dict(rows) == {"ok": 5}


def test_documents_as_an_analyst_queries_them(seeded_warehouse):
    by_file = dict(query(seeded_warehouse, "SELECT source_file, count(*) FROM documents GROUP BY 1"))
    assert by_file["002_6bd12d0b4a8782fd.txt"] == 19
    assert by_file["003_32fdeeb7734b567c.txt"] == by_file["004_df31f4454c7cdcdc.txt"] == 1
    assert by_file["000_9186873d32b83b5a.txt"] >= 5 and by_file["001_2cbcf802db6e83b8.txt"] >= 4
    (row,) = query(seeded_warehouse, """
        SELECT d.doc_type, c.city_name, c.level_code, p.province_name, d.doc_date, d.report_year, d.plan_year
        FROM documents d JOIN dim_city c USING (city_code) JOIN dim_province p ON p.province_code = c.province_code
        WHERE d.title LIKE '%繁昌区%'""")
    assert row == ("work_report", "繁昌区", "district", "安徽省", date(2022, 12, 16), 2022, 2023)


def test_every_document_is_placed_on_the_map(seeded_warehouse):
    orphans = query(seeded_warehouse, """
        SELECT doc_id FROM documents d LEFT JOIN dim_city c USING (city_code) WHERE c.city_code IS NULL""")
    assert orphans == []


def test_tables_and_columns_carry_descriptions(seeded_warehouse):
    missing = query(seeded_warehouse, """
        SELECT table_name, column_name FROM duckdb_columns()
        WHERE table_name IN ('documents','ingest_log','dim_city','dim_province','dim_level')
          AND (comment IS NULL OR comment = '')""")
    assert missing == []
    (comment,) = query(seeded_warehouse, "SELECT comment FROM duckdb_tables() WHERE table_name = 'documents'")
    assert "document" in comment[0]


def test_rerun_does_not_duplicate_rows(tmp_path, monkeypatch, seeded_warehouse):
    db = tmp_path / "copy.duckdb"
    shutil.copy(seeded_warehouse, db)
    tables = ["ingest_log", "documents", "dim_city", "dim_province", "dim_level", "fact_targets",
              "fact_targets_qualitative", "fact_outcomes"]
    before = {t: query(db, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    materialize_into(db, monkeypatch, SEEDS, selection=WITHOUT_MARTS)
    after = {t: query(db, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    assert before == after


def test_bad_files_are_quarantined_and_the_rest_loads(tmp_path, monkeypatch, seeds_dir):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("003_32fdeeb7734b567c.txt", "004_df31f4454c7cdcdc.txt"):
        shutil.copy(seeds_dir / name, seeds / name)
    shutil.copy(seeds_dir / "004_df31f4454c7cdcdc.txt", seeds / "copy of 004 报告.txt")
    (seeds / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "gbk.txt").write_bytes((seeds_dir / "003_32fdeeb7734b567c.txt").read_text("utf-8")
                                    .replace("铜陵", "池州").encode("gb18030"))
    db = tmp_path / "wh.duckdb"
    materialize_into(db, monkeypatch, seeds, selection=WITHOUT_MARTS)
    log = {r[0]: r[1:] for r in query(db, "SELECT source_file, status, encoding, error FROM ingest_log")}
    assert log["image.txt"][0] == "quarantined" and "needs OCR" in log["image.txt"][2]
    assert "image.txt" in log["image.txt"][2]  # the error names the file
    assert log["empty.txt"][0] == "quarantined" and "empty" in log["empty.txt"][2]
    assert log["copy of 004 报告.txt"][0] == "duplicate"
    assert log["gbk.txt"][:2] == ("ok", "gb18030")
    docs = dict(query(db, "SELECT source_file, count(*) FROM documents GROUP BY 1"))
    assert docs == {"003_32fdeeb7734b567c.txt": 1, "004_df31f4454c7cdcdc.txt": 1, "gbk.txt": 1}
    (city,) = query(db, "SELECT c.city_name FROM documents JOIN dim_city c USING (city_code) WHERE source_file='gbk.txt'")
    assert city == ("池州市",)


def test_targets_as_an_analyst_queries_them(seeded_warehouse):
    rows = query(seeded_warehouse, """
        SELECT c.city_name, t.plan_year, t.value, t.qualifier, t.source_line, t.snippet
        FROM fact_targets t JOIN dim_city c USING (city_code)
        WHERE t.indicator_code = 'gdp' AND t.measure = 'growth_rate' ORDER BY t.value DESC""")
    assert len(rows) >= 15
    assert all(r[1] == 2023 for r in rows)
    assert ("济南市", 2023, 5.5, "at_least", 56, "地区生产总值增长5.5%以上") in rows
    lines = query(seeded_warehouse, """
        SELECT t.snippet, d.source_file, t.source_line FROM fact_targets t JOIN documents d USING (doc_id)""")
    # every snippet is verbatim text of the source line it names
    files = {name: split_lines(read_path(SEEDS / name)[1].records[0].text) for name in {f for _, f, _ in lines}}
    assert lines and all(snippet and snippet in files[f][line - 1] for snippet, f, line in lines)
    quali = query(seeded_warehouse, "SELECT count(*) FROM fact_targets_qualitative")[0][0]
    assert quali > 0


def test_outcomes_are_the_reviewed_years_with_verbatim_snippets(seeded_warehouse):
    rows = query(seeded_warehouse, """
        SELECT o.year, d.report_year, o.snippet, d.source_file, o.source_line, d.doc_type
        FROM fact_outcomes o JOIN documents d USING (doc_id)""")
    assert len(rows) >= 100
    assert all(year == report_year and doc_type == "work_report" for year, report_year, *_, doc_type in rows)
    files = {name: split_lines(read_path(SEEDS / name)[1].records[0].text) for name in {r[3] for r in rows}}
    assert all(snippet and snippet in files[f][line - 1] for _, _, snippet, f, line, _ in rows)


def test_a_file_changed_after_ingest_is_skipped_not_misread(tmp_path, monkeypatch):
    """Documents are split from the file read again; bytes that no longer match ingest_log's fingerprint
    would describe a text nobody stored, so that file is skipped with a warning and the rest goes on."""
    import dagster as dg

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("003_32fdeeb7734b567c.txt", "004_df31f4454c7cdcdc.txt"):
        shutil.copy(SEEDS / name, seeds / name)
    db = tmp_path / "w.duckdb"
    materialize_into(db, monkeypatch, seeds, selection=dg.AssetSelection.assets("ingest_log"))
    (seeds / "004_df31f4454c7cdcdc.txt").write_text("改过的文本。\n", encoding="utf-8")
    instance = dg.DagsterInstance.ephemeral()
    result = materialize_into(db, monkeypatch, seeds, instance=instance,
                              selection=dg.AssetSelection.assets("documents"))
    assert query(db, "SELECT DISTINCT source_file FROM documents") == [("003_32fdeeb7734b567c.txt",)]
    warnings = [r.user_message for r in instance.all_logs(result.run_id) if r.level == logging.WARNING]
    assert any(w.startswith("skipped 004_df31f4454c7cdcdc.txt: changed since it was ingested") for w in warnings)
