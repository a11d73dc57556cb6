"""The export for researchers: every table as Parquet and CSV, the data dictionary, the Stata panel,
written by the asset from a copy of the seeded warehouse, and byte for byte the same the second time."""
from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import polars as pl
import pytest
from dagster_duckdb import DuckDBResource

from pipelines.checks.suites import INGEST_STATUSES, PROJECT_STATUSES, QUALIFIERS
from pipelines.definitions import defs
from pipelines.defs.assets.export import warehouse_export
from pipelines.warehouse import export
from pipelines.warehouse.schema import DIM_INDICATOR
from pipelines.warehouse.store import comment_sql, create_sql
from tests.helpers import query

PANEL_MET = "Whether the outcome met the target (by the target qualifier); NULL without both."


def add_panel_stand_ins(con: duckdb.DuckDBPyConnection) -> None:
    """dim_indicator and marts.targets_vs_outcomes, where the run that built the warehouse made none."""
    present = {r[0] for r in con.execute("SELECT schema_name || '.' || table_name FROM duckdb_tables()").fetchall()}
    if "main.dim_indicator" not in present:
        con.execute(create_sql(DIM_INDICATOR))
        for stmt in comment_sql(DIM_INDICATOR):
            con.execute(stmt)
        con.execute("""INSERT INTO dim_indicator VALUES
            ('gdp', '地区生产总值', 'Gross regional product', 'growth_rate|level', '%', 'Value added.'),
            ('cpi', '居民消费价格', 'Consumer prices', 'growth_rate|index', '%', 'Consumer price index.')""")
    if "marts.targets_vs_outcomes" not in present:
        con.execute("""
            CREATE TABLE marts.targets_vs_outcomes AS
            SELECT r.city_code, c.city_name, c.level_code, p.province_name, r.plan_year AS year, r.indicator_code,
                   r.measure, r.value AS target_value, r.value_high AS target_value_high,
                   r.qualifier AS target_qualifier, r.value + 0.3 AS outcome_value, NULL::DOUBLE AS outcome_value_high,
                   'exact' AS outcome_qualifier, r.plan_year % 2 = 0 AS outcome_estimated, 0.3 AS gap,
                   CASE WHEN r.indicator_code = 'gdp' THEN r.value >= 6 END AS met
            FROM marts.region_targets r LEFT JOIN dim_city c USING (city_code)
            LEFT JOIN dim_province p ON p.province_code = c.province_code""")
    # a column comment becomes the variable's label (a model comments its table only: give `met` one)
    (comment,) = con.execute("SELECT comment FROM duckdb_columns() WHERE schema_name = 'marts' "
                             "AND table_name = 'targets_vs_outcomes' AND column_name = 'met'").fetchone()
    if not comment:
        con.execute(f"COMMENT ON COLUMN marts.targets_vs_outcomes.met IS '{PANEL_MET}'")


@pytest.fixture(scope="module")
def exported(tmp_path_factory, seeded_warehouse):
    """The asset materialised in process on a copy of the seeded warehouse (panel present), over a stale export."""
    db = tmp_path_factory.mktemp("export") / "govreports.duckdb"
    shutil.copy(seeded_warehouse, db)
    with duckdb.connect(str(db)) as con:
        add_panel_stand_ins(con)
    stale = export.export_dir(db) / "csv" / "dropped_table.csv"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    result = dg.materialize([warehouse_export], resources={"duckdb": DuckDBResource(database=str(db))})
    assert result.success
    (event,) = result.get_asset_materialization_events()
    return db, export.export_dir(db), {k: v.value for k, v in event.materialization.metadata.items()}


def warehouse_tables(db) -> list[str]:
    return [r[0] for r in query(db, """
        SELECT CASE schema_name WHEN 'main' THEN table_name ELSE schema_name || '.' || table_name END
        FROM duckdb_tables() WHERE schema_name IN ('main', 'marts') ORDER BY ALL""")]


def rows_of(db, table: str) -> int:
    return query(db, f"SELECT count(*) FROM {table}")[0][0]


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_table_in_both_formats_with_its_rows(exported):
    db, folder, _ = exported
    tables = warehouse_tables(db)
    assert {"documents", "fact_targets", "dim_city", "marts.targets_wide", "marts.targets_vs_outcomes"} <= set(tables)
    assert sorted(p.stem for p in (folder / "parquet").iterdir()) == sorted(tables)
    assert sorted(p.stem for p in (folder / "csv").iterdir()) == sorted(tables)  # the stale file is gone
    with duckdb.connect(str(db), read_only=True) as con:
        for table in tables:
            parquet = str(folder / "parquet" / f"{table}.parquet")
            n = rows_of(db, table)
            assert con.execute("SELECT count(*) FROM read_parquet($p)", {"p": parquet}).fetchone()[0] == n, table
            # the same rows, types and all (EXCEPT ALL both ways: nothing lost, nothing added)
            for a, b in ((f"read_parquet('{parquet}')", table), (table, f"read_parquet('{parquet}')")):
                assert con.execute(f"SELECT count(*) FROM (FROM {a} EXCEPT ALL FROM {b})").fetchone()[0] == 0, table
            frame = pl.read_csv(folder / "csv" / f"{table}.csv", infer_schema=False)
            assert frame.height == n, table
            assert frame.columns == [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()], table
    # rows in key order
    ids = pl.read_parquet(folder / "parquet" / "fact_targets.parquet")["target_id"].to_list()
    assert ids == sorted(ids) and len(ids) >= 100


def test_csv_starts_with_a_bom_and_round_trips_chinese(exported):
    db, folder, _ = exported
    for path in (folder / "csv").iterdir():
        assert path.read_bytes()[:3] == b"\xef\xbb\xbf", path.name
    text = (folder / "csv" / "documents.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("doc_id,source_file,")
    frame = pl.read_csv(folder / "csv" / "documents.csv", infer_schema=False)
    assert frame["title"].to_list() == [r[0] for r in query(db, "SELECT title FROM documents ORDER BY doc_id")]
    assert any("政府工作报告" in (t or "") for t in frame["title"].to_list())
    cities = pl.read_csv(folder / "csv" / "dim_city.csv", infer_schema=False)
    assert cities.select("city_code", "city_name").rows() == query(
        db, "SELECT city_code, city_name FROM dim_city ORDER BY city_code")
    assert "济南市" in cities["city_name"].to_list()
    wide = pl.read_csv(folder / "csv" / "marts.targets_wide.csv", infer_schema=False)
    assert set(wide["province_name"].drop_nulls().to_list()) >= {"山东省"}


def test_dictionary_lists_every_column_with_its_comment_and_code_list(exported):
    db, folder, _ = exported
    raw = (folder / "dictionary.csv").read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf"
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert list(rows[0]) == list(export.DICTIONARY_COLUMNS)
    by_column = {(r["table"], r["column"]): r for r in rows}
    columns = query(db, """
        SELECT CASE schema_name WHEN 'main' THEN table_name ELSE schema_name || '.' || table_name END,
               column_name, data_type, comment
        FROM duckdb_columns() WHERE schema_name IN ('main', 'marts') AND NOT internal""")
    assert set(by_column) == {(t, c) for t, c, _, _ in columns} and len(rows) == len(columns)
    for table, column, type_, comment in columns:
        row = by_column[(table, column)]
        assert row["type"] == type_
        if comment:  # its own comment; otherwise that of the column it is named after
            assert (row["description"], row["description_from"]) == (comment, ""), (table, column)
    assert by_column[("fact_targets", "qualifier")]["code_list"] == "|".join(QUALIFIERS)
    assert by_column[("fact_projects", "status")]["code_list"] == "|".join(PROJECT_STATUSES)
    assert by_column[("ingest_log", "status")]["code_list"] == "|".join(INGEST_STATUSES)
    assert by_column[("documents", "doc_type")]["code_list"] == "work_report|news|meeting_report|other"
    gdp = by_column[("marts.targets_wide", "gdp_qualifier")]
    assert gdp["code_list"] == "|".join(QUALIFIERS)  # the list of the checked columns named `qualifier`
    assert gdp["code_list_from"] in {"fact_targets.qualifier", "fact_outcomes.qualifier"}
    city = by_column[("marts.targets_wide", "city_code")]
    assert city["description_from"] == "dim_city.city_code" and city["description"].startswith("Six-digit")
    assert by_column[("fact_targets", "snippet")]["code_list"] == ""
    markdown = (folder / "dictionary.md").read_text(encoding="utf-8")
    for table in warehouse_tables(db):
        assert f"\n## {table}\n" in markdown
    for table, column, _, _ in columns:
        assert f"| `{column}` |" in markdown
    assert "`about`, `at_least`, `at_most`, `exact`, `range`" in markdown
    assert f"## {export.PANEL_FILE}" in markdown


def test_two_exports_of_the_same_warehouse_are_byte_identical(exported, tmp_path):
    db, folder, _ = exported
    elsewhere = tmp_path / "copy" / "other-name.duckdb"  # the same warehouse, another path and name
    elsewhere.parent.mkdir()
    shutil.copy(db, elsewhere)
    again = export.export_warehouse(elsewhere)
    assert again.folder == elsewhere.parent / "export"
    first, second = digests(folder), digests(again.folder)
    assert export.PANEL_FILE in first and "parquet/documents.parquet" in first
    assert first == second


def test_stata_panel_opens_with_labels(exported):
    db, folder, _ = exported
    path = folder / export.PANEL_FILE
    frame = pd.read_stata(path)
    with pd.io.stata.StataReader(path) as reader:
        labels = reader.variable_labels()
        assert reader.data_label == export.PANEL_LABEL
        assert reader.time_stamp == "01 Jan 1960 00:00"
    mart = [r[0] for r in query(db, "DESCRIBE marts.targets_vs_outcomes")]
    assert list(frame.columns[:len(mart)]) == mart
    assert len(frame) == rows_of(db, "marts.targets_vs_outcomes") > 0
    assert all(len(c) <= 32 for c in frame.columns) and all(len(v) <= 80 for v in labels.values())
    assert {"indicator_definition", "indicator_usual_unit"} <= set(frame.columns)  # joined from dim_indicator
    assert "name_zh" not in frame.columns
    assert labels["met"] == export.stata_label(query(db, """
        SELECT comment FROM duckdb_columns() WHERE table_name = 'targets_vs_outcomes' AND column_name = 'met'""")[0][0])
    dim_comments = dict(query(db, "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'dim_indicator'"))
    assert labels["indicator_definition"] == export.stata_label(dim_comments["definition"])
    assert labels["city_code"].startswith("Six-digit")  # from dim_city.city_code
    for flag in ("met", "outcome_estimated"):  # booleans as 0/1, NULL as missing
        assert set(frame[flag].dropna().unique()) <= {0, 1}
        assert (int((frame[flag] == 1).sum()), int(frame[flag].isna().sum())) == query(db, f"""
            SELECT count(*) FILTER ({flag}), count(*) FILTER ({flag} IS NULL) FROM marts.targets_vs_outcomes""")[0]
    assert sorted(frame["city_name"].tolist()) == sorted(
        r[0] or "" for r in query(db, "SELECT city_name FROM marts.targets_vs_outcomes"))
    assert "济南市" in frame["city_name"].tolist()


def test_asset_metadata_gives_the_folder_and_rows_per_file(exported):
    db, folder, metadata = exported
    assert metadata["path"] == str(db.parent / "export") == str(folder)
    for table in warehouse_tables(db):
        n = rows_of(db, table)
        assert metadata[f"rows/{table}"] == n
        assert f"| `parquet/{table}.parquet` | {n} |" in metadata["files"]
        assert f"| `csv/{table}.csv` | {n} |" in metadata["files"]
    assert f"| `{export.PANEL_FILE}` | {rows_of(db, 'marts.targets_vs_outcomes')} |" in metadata["files"]
    assert metadata["bytes"] == sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_export_follows_publish_and_runs_with_the_marts_not_per_file():
    graph = defs.resolve_asset_graph()
    node = graph.get(dg.AssetKey("warehouse_export"))
    assert node.parent_keys == {dg.AssetKey("warehouse_published")} and node.group_name == "publish"
    selected = {name: {k.to_user_string() for k in defs.resolve_job_def(name).asset_layer.selected_asset_keys}
                for name in ("refresh_all", "refresh_marts", "ingest_files")}
    assert "warehouse_export" in selected["refresh_all"] and "warehouse_export" in selected["refresh_marts"]
    assert "warehouse_export" not in selected["ingest_files"]


# ---------------------------------------------------------------- a small warehouse of odd types

@pytest.fixture
def small_warehouse(tmp_path) -> Path:
    db = tmp_path / "small" / "wh.duckdb"
    db.parent.mkdir()
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE documents (doc_id VARCHAR, title VARCHAR)")
        con.execute("COMMENT ON COLUMN documents.doc_id IS 'Stable id.'")
        con.execute("INSERT INTO documents VALUES ('b', '第二'), ('a', '第一'), ('c', NULL)")
    return db


def test_panel_skipped_with_a_note_when_the_mart_is_missing(small_warehouse):
    result = export.export_warehouse(small_warehouse)
    assert any(n.startswith(f"skipped {export.PANEL_FILE}") for n in result.notes)
    assert not (result.folder / "stata").exists()
    assert [f.path for f in result.files] == ["parquet/documents.parquet", "csv/documents.csv",
                                              "dictionary.csv", "dictionary.md"]
    assert (result.folder / "csv" / "documents.csv").read_bytes() == "\ufeffdoc_id,title\na,第一\nb,第二\nc,\n".encode()
    assert "not in this export" in (result.folder / "dictionary.md").read_text(encoding="utf-8")


def test_stata_types_names_and_labels(small_warehouse):
    long_name = "a_column_name_far_longer_than_stata_allows"
    with duckdb.connect(str(small_warehouse)) as con:
        con.execute("CREATE SCHEMA marts")
        con.execute(f"""
            CREATE TABLE marts.targets_vs_outcomes AS
            SELECT * FROM (VALUES
                ('370100', DATE '2023-01-12', TIMESTAMP '2023-01-12 09:30:00', true, 170141183460469231731687303715884105727::HUGEINT,
                 repeat('长', 1000), 1.5, 2::BIGINT, [1, 2]),
                ('370200', NULL, NULL, false, 1::HUGEINT, 'x', NULL, NULL, NULL))
                AS t(city_code, doc_date, checked_at, met, big, snippet, {long_name}, "in", tags)""")
        con.execute(f"COMMENT ON COLUMN marts.targets_vs_outcomes.snippet IS '{'很长的说明' * 30}'")
    result = export.export_warehouse(small_warehouse)
    path = result.folder / export.PANEL_FILE
    frame = pd.read_stata(path)
    with pd.io.stata.StataReader(path) as reader:
        labels = reader.variable_labels()
        assert reader.data_label == f"govreports research panel: {export.PANEL}"  # no dim_indicator to join
    assert list(frame.columns) == ["city_code", "doc_date", "checked_at", "met", "big", "snippet",
                                   long_name[:32], "_in", "tags"]
    assert any(long_name in n and long_name[:32] in n for n in result.notes)
    assert str(frame["doc_date"].dtype).startswith("datetime64") and frame["doc_date"][0] == pd.Timestamp("2023-01-12")
    assert frame["checked_at"][0] == pd.Timestamp("2023-01-12 09:30:00") and pd.isna(frame["checked_at"][1])
    assert str(frame["met"].dtype) == "int8" and frame["met"].tolist() == [1, 0]  # a byte, 0/1
    assert frame["big"][0] == pytest.approx(1.7014118346046923e38)
    assert frame["snippet"][0] == "长" * 1000  # 3,000 bytes: a strL
    assert frame["tags"].tolist() == ["[1, 2]", ""]  # a type Stata lacks, as text
    assert len(labels["snippet"]) == 80 and labels["snippet"].endswith("…")
    assert labels["city_code"] == ""  # no comment, and no namesake in this warehouse
