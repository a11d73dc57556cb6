"""The warehouse contract (../shared/SCHEMA.md) as data: tables, typed columns, descriptions.

One source for the DDL, the `COMMENT ON` text SQL users see, and the column schema the
Dagster UI shows.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    # The columns that identify a row. Unique, and checked on every write (pipelines/warehouse/store.py)
    # and by the table's keys suite, but not a DuckDB PRIMARY KEY: DuckDB rewrites a key's whole
    # index at every checkpoint, so adding one file to 1,000 documents spent 0.3 s on it.
    key: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _t(name: str, description: str, cols: list[tuple[str, str, str]], key: tuple[str, ...] = ()) -> Table:
    return Table(name, description, tuple(Column(*c) for c in cols), key)


INGEST_LOG = _t("ingest_log", "One row per input file of the latest run (how it was read, or why it was quarantined), "
                "and one per record of a container (a table's row, an archive's member).", [
    ("source_file", "VARCHAR", "File name inside the seeds folder (no directory)."),
    ("source_record", "VARCHAR", "Empty on the file's own row; on a record's row, where in the file: a table's 1-based "
                                 "data row (Sheet!N when a workbook has several sheets), an archive member's path, member#N."),
    ("format", "VARCHAR", "What the bytes are: txt, html, docx, doc, odt, pdf, csv, tsv, xlsx, xls, ods, json, jsonl, parquet, zip, tar."),
    ("content_sha256", "VARCHAR", "SHA-256 of the file's bytes."),
    ("bytes", "BIGINT", "File size in bytes."),
    ("encoding", "VARCHAR", "Detected encoding of a text: utf-8, utf-8-sig, utf-16, gb18030, big5, cp950 or big5hkscs; NULL for binary formats and when quarantined."),
    ("status", "VARCHAR", "ok, skipped_unchanged, duplicate (same bytes as another file) or quarantined; a record: "
                          "ok, quarantined (unreadable) or skipped (no or too short a text)."),
    ("error", "VARCHAR", "Why the file or record was quarantined or skipped, or a note on a repair made while reading it."),
    ("ingested_at", "TIMESTAMP", "When this run read the file (UTC)."),
], ("source_file", "source_record"))

# ingest_log's own row of each file (a record of a container has a source_record; a warehouse
# migrated from before records has NULL there).
FILE_ROW = "coalesce(source_record, '') = ''"

SOURCE_RECORDS = _t("source_records", "One row per record read as text: a plain file, a spreadsheet's or CSV's row, "
                    "an archive's member; with the metadata that came with it (a table's other columns, a text's header).", [
    ("source_file", "VARCHAR", "File name inside the seeds folder (no directory)."),
    ("source_record", "VARCHAR", "Where in the file: empty for a plain file, a row number, Sheet!N, a member path, member#N."),
    ("format", "VARCHAR", "Format of the record's own bytes: txt, html, docx, pdf, csv, xlsx, …"),
    ("text_column", "VARCHAR", "The table column the text was read from (found by content); NULL for a document file."),
    ("line_count", "INTEGER", "Lines of the record's text as read: what line_start, line_end and source_line count."),
    ("char_count", "INTEGER", "Characters of the record's text."),
    ("metadata", "JSON", "Every other column of the row, or the fields of a metadata header (标题：…), as written."),
    ("hints", "JSON", "The metadata read as hints: year, division_code, province, city, county, level, title, url, "
                      "published, issuer, speaker. Never over the text: see metadata_disagreements."),
], ("source_file", "source_record"))

METADATA_DISAGREEMENTS = _t("metadata_disagreements", "Where a record's metadata (a vendor's columns, a crawler's header) "
                            "disagrees with what the text says. The text wins in documents; this lists the disagreement.", [
    ("source_file", "VARCHAR", "File name inside the seeds folder."),
    ("source_record", "VARCHAR", "Record within the file (row, member)."),
    ("doc_id", "VARCHAR", "The document read from the record (documents.doc_id)."),
    ("hint", "VARCHAR", "Which hint disagrees: year, division_code, or place (the province, city and county names read together)."),
    ("metadata_column", "VARCHAR", "The column or header field, as written (e.g. 区县名称)."),
    ("metadata_value", "VARCHAR", "What the metadata says."),
    ("text_value", "VARCHAR", "What the text says (the document's place or years), with its code."),
], ("doc_id", "hint"))

DOCUMENTS = _t("documents", "One row per document: each report of a compilation, each article of a newspaper page.", [
    ("doc_id", "VARCHAR", "Stable id: source file name and ordinal, e.g. 002_6bd12d0b4a8782fd.txt:003."),
    ("source_file", "VARCHAR", "File the document came from (no directory)."),
    ("source_record", "VARCHAR", "Where in the file: empty for a plain file; a table's 1-based data row (Sheet!N when a "
                                 "workbook has several sheets); an archive member's path; member#N for a table's row in an archive."),
    ("ordinal", "INTEGER", "Position of the document within its file (over all its records), from 1."),
    ("line_start", "INTEGER", "First line (1-based) of the document in its record's text: the title line."),
    ("line_end", "INTEGER", "Last content line (1-based) of the document in its record's text."),
    ("title", "VARCHAR", "Title or headline as printed; empty for a news item without one."),
    ("doc_type", "VARCHAR", "work_report, news, meeting_report or other."),
    ("city_code", "VARCHAR", "Division the document is about (dim_city.city_code); province or 100000 for higher levels."),
    ("doc_date", "DATE", "Delivery date of a report, dateline date of an article; NULL when the text gives none."),
    ("report_year", "INTEGER", "Year a work report reviews."),
    ("plan_year", "INTEGER", "Year a work report's targets are for."),
    ("char_count", "INTEGER", "Characters in the document's text."),
    ("content_sha256", "VARCHAR", "SHA-256 of the document's text (UTF-8)."),
], ("doc_id",))

DIM_LEVEL = _t("dim_level", "Administrative levels, from the State Council down to city districts.", [
    ("level_code", "VARCHAR", "national, province, prefecture, county_level_city, county or district."),
    ("level_name_zh", "VARCHAR", "Chinese name of the level."),
    ("rank", "INTEGER", "0 for national, growing downwards."),
], ("level_code",))

DIM_PROVINCE = _t("dim_province", "Province-level divisions of China (provinces, autonomous regions, municipalities, SARs).", [
    ("province_code", "VARCHAR", "Six-digit statistical division code, e.g. 370000."),
    ("province_name", "VARCHAR", "Full name, e.g. 山东省."),
    ("short_name", "VARCHAR", "Short form, e.g. 山东."),
], ("province_code",))

DIM_CITY = _t("dim_city", "Every division below the province, in use or retired since 1981 (placed as it was when a report was delivered), plus one row per province and the national row, so every documents.city_code resolves.", [
    ("city_code", "VARCHAR", "Six-digit statistical division code (100000 for the national row)."),
    ("city_name", "VARCHAR", "Full name, e.g. 黄岛区."),
    ("short_name", "VARCHAR", "Short form used in text, e.g. 黄岛; NULL when under two characters."),
    ("level_code", "VARCHAR", "Administrative level (dim_level.level_code)."),
    ("province_code", "VARCHAR", "Province the division belongs to (dim_province.province_code)."),
    ("prefecture_code", "VARCHAR", "Prefecture-level parent; the division itself for a prefecture; the municipality for its districts."),
    ("prefecture_name", "VARCHAR", "Name of the prefecture-level parent."),
    ("valid_from", "INTEGER", "First year the code was in use (yescallop/areacodes; 1981 means in use by then)."),
    ("valid_to", "INTEGER", "First year the code was no longer in use; NULL while in use."),
    ("successor_codes", "VARCHAR", "Codes that took over a retired division's territory, separated by ; (NULL while in use)."),
    ("current_code", "VARCHAR", "Code in use today for its territory: itself while in use, else its first successor followed "
                                "until one is in use; NULL when the chain ends nowhere."),
], ("city_code",))

DIM_INDICATOR = _t("dim_indicator", "One row per indicator_code: its names, measures, usual unit and definition (vocab/indicator_names.csv).", [
    ("indicator_code", "VARCHAR", "Code used by fact_targets and fact_outcomes (gdp, cpi, …, other)."),
    ("name_zh", "VARCHAR", "Chinese name, as reports usually write it."),
    ("name_en", "VARCHAR", "English name."),
    ("measures", "VARCHAR", "Measures the indicator is stated in, separated by |: growth_rate, level, ratio, index."),
    ("usual_unit", "VARCHAR", "Unit the indicator is usually stated in (% for rates); NULL when it varies."),
    ("better", "VARCHAR", "higher or lower: which way an outcome beats a bare target (CPI and unemployment are caps; "
                          "energy intensity is stated as a decrease, so higher). NULL for other."),
    ("definition", "VARCHAR", "One-line definition."),
], ("indicator_code",))

FACT_TARGETS = _t("fact_targets", "Numeric year-ahead targets of work reports (主要预期目标): one row per indicator and value.", [
    ("target_id", "VARCHAR", "Stable id: doc_id and the target's ordinal in the document."),
    ("doc_id", "VARCHAR", "Document the target comes from (documents.doc_id)."),
    ("city_code", "VARCHAR", "Division that set the target (dim_city.city_code)."),
    ("plan_year", "INTEGER", "Year the target is for."),
    ("indicator_code", "VARCHAR", "Indicator from the code list (gdp, cpi, …; other when outside the list)."),
    ("indicator_text", "VARCHAR", "Indicator as written, e.g. 规上工业增加值."),
    ("measure", "VARCHAR", "growth_rate, level, ratio or index."),
    ("value", "DOUBLE", "The number as written (5.5 for 5.5%); the low end of a range."),
    ("value_high", "DOUBLE", "High end of a range (5.8%~6% → 6); NULL otherwise."),
    ("unit", "VARCHAR", "Unit as written: %, 亿元, 万人, …"),
    ("qualifier", "VARCHAR", "about (左右), at_least (以上), at_most (以内), exact, or range."),
    ("direction", "VARCHAR", "increase (增长), decrease (下降: value stays as written) or level."),
    ("source_line", "INTEGER", "1-based line of the record's text (the file's text for a plain file) holding the number."),
    ("snippet", "VARCHAR", "Exact source text of the clause on that line."),
], ("target_id",))

FACT_TARGETS_QUALITATIVE = _t("fact_targets_qualitative", "Targets without a number (与经济增长同步, 完成省下达目标), kept so nothing a report promises is lost.", [
    ("qualitative_id", "VARCHAR", "Stable id: doc_id and the clause's ordinal in the document."),
    ("doc_id", "VARCHAR", "Document the target comes from (documents.doc_id)."),
    ("city_code", "VARCHAR", "Division that set the target (dim_city.city_code)."),
    ("plan_year", "INTEGER", "Year the target is for."),
    ("indicator_text", "VARCHAR", "What the target is about, as written."),
    ("text", "VARCHAR", "The clause, verbatim from its source line."),
    ("source_line", "INTEGER", "1-based line of the record's text (the file's text for a plain file)."),
], ("qualitative_id",))

FACT_PROJECTS = _t("fact_projects", "Named projects (a name a person could look up) with investment, status and period; one row per mention.", [
    ("project_id", "VARCHAR", "Stable id: doc_id and the mention's ordinal in the document."),
    ("doc_id", "VARCHAR", "Document the mention comes from (documents.doc_id)."),
    ("city_code", "VARCHAR", "Division of the document (dim_city.city_code)."),
    ("project_name", "VARCHAR", "Project name as written, shared head nouns restored (打庆、太华公路 → 打庆公路)."),
    ("investment_value", "DOUBLE", "Investment as written, in investment_unit."),
    ("investment_unit", "VARCHAR", "Unit as written: 亿元, 万元 …"),
    ("investment_yuan", "DOUBLE", "Investment in yuan."),
    ("investment_kind", "VARCHAR", "total (总投资), completed (完成投资), planned (计划投资) or NULL when only 投资 is written."),
    ("status", "VARCHAR", "planned, signed, started, under_construction, completed, operating or unknown, from the verb."),
    ("period", "VARCHAR", "review (the year reported on) or plan (the year ahead)."),
    ("source_line", "INTEGER", "1-based line of the record's text (the file's text for a plain file)."),
    ("snippet", "VARCHAR", "Exact source text of the clause naming the project."),
], ("project_id",))

FACT_PROJECT_AGGREGATES = _t("fact_project_aggregates", "Counts of anonymous projects (实施500万元以上项目802个): not named projects, kept apart.", [
    ("aggregate_id", "VARCHAR", "Stable id: doc_id and ordinal."),
    ("doc_id", "VARCHAR", "Document (documents.doc_id)."),
    ("city_code", "VARCHAR", "Division of the document."),
    ("count", "INTEGER", "Number of projects."),
    ("threshold_text", "VARCHAR", "Size threshold as written, e.g. 500万元以上."),
    ("what", "VARCHAR", "What is counted, e.g. 重点项目."),
    ("total_investment_yuan", "DOUBLE", "Total investment of the counted projects in yuan, where stated."),
    ("period", "VARCHAR", "review or plan."),
    ("source_line", "INTEGER", "1-based line of the record's text (the file's text for a plain file)."),
    ("snippet", "VARCHAR", "Exact source text."),
], ("aggregate_id",))

FACT_FUNDS = _t("fact_funds", "Money amounts that are not a project's own investment nor a price: fiscal, debt, trade, subsidies, output.", [
    ("fund_id", "VARCHAR", "Stable id: doc_id and ordinal."),
    ("doc_id", "VARCHAR", "Document (documents.doc_id)."),
    ("city_code", "VARCHAR", "Division of the document."),
    ("amount_value", "DOUBLE", "Amount as written, in amount_unit."),
    ("amount_unit", "VARCHAR", "Unit as written: 亿元, 万元, 元, 亿美元 …"),
    ("amount_yuan", "DOUBLE", "Amount in yuan (NULL for foreign currency)."),
    ("purpose_text", "VARCHAR", "What the money is, as written before (or after) the amount."),
    ("fund_kind", "VARCHAR", "Kind from the code list (fiscal_revenue, debt_bond, subsidy, …; other)."),
    ("period", "VARCHAR", "review or plan."),
    ("source_line", "INTEGER", "1-based line holding the amount."),
    ("snippet", "VARCHAR", "Exact source text of the amount's clause."),
], ("fund_id",))

FACT_OUTCOMES = _t("fact_outcomes", "Whole-year results a work report states for the year it reviews (国内生产总值增长9.5%): one row per indicator and measure.", [
    ("outcome_id", "VARCHAR", "Stable id: doc_id and the result's ordinal in the document."),
    ("doc_id", "VARCHAR", "Document the result comes from (documents.doc_id)."),
    ("city_code", "VARCHAR", "Division the result is for (dim_city.city_code)."),
    ("year", "INTEGER", "Year the result is for: the report's reviewed year (documents.report_year)."),
    ("indicator_code", "VARCHAR", "Indicator from the code list (gdp, cpi, …; other for 城镇新增就业)."),
    ("indicator_text", "VARCHAR", "Indicator as written, e.g. 农村居民人均纯收入."),
    ("measure", "VARCHAR", "growth_rate, level, ratio or index."),
    ("value", "DOUBLE", "The number as written (9.5 for 9.5%; a decrease, 能耗下降3.7%, stays positive)."),
    ("value_high", "DOUBLE", "High end of a range; NULL otherwise."),
    ("unit", "VARCHAR", "Unit as written: %, 亿元, 万亿美元, 万吨, 万人, …"),
    ("qualifier", "VARCHAR", "at_least (超过, 突破, 多, 逾, 以上), about (左右), exact (a bare number), at_most or range."),
    ("estimated", "BOOLEAN", "True when the report gives it as an estimate (预计, 预计全年); 初步核算 is false."),
    ("source_line", "INTEGER", "1-based line of the record's text (the file's text for a plain file) holding the number."),
    ("snippet", "VARCHAR", "Exact source text from the indicator to the number, on that line."),
], ("outcome_id",))

FACT_DATES = _t("fact_dates", "Explicit dates and periods, as spans of DATEs.", [
    ("date_id", "VARCHAR", "Stable id: doc_id and ordinal."),
    ("doc_id", "VARCHAR", "Document (documents.doc_id)."),
    ("city_code", "VARCHAR", "Division of the document."),
    ("date_text", "VARCHAR", "The date as written."),
    ("date_start", "DATE", "First day of the span (2023年 → 2023-01-01)."),
    ("date_end", "DATE", "Last day of the span (2023年 → 2023-12-31; a single day: date_start)."),
    ("granularity", "VARCHAR", "day, month, year or period."),
    ("role", "VARCHAR", "meeting, target_year, deadline, event, reference or other."),
    ("source_line", "INTEGER", "1-based line of the record's text (the file's text for a plain file)."),
], ("date_id",))

DQ_RESULTS = _t("dq_results", "Every data-quality expectation of every run: query quality over time.", [
    ("run_id", "VARCHAR", "Dagster run that ran the check."),
    ("checked_at", "TIMESTAMP", "When the check ran (UTC)."),
    ("table_name", "VARCHAR", "Table the check is about (marts.<name> for a dbt test of a mart)."),
    ("check_name", "VARCHAR", "Asset check name: <table>__<suite> for a suite, <model>__<rule> for a dbt test."),
    ("severity", "VARCHAR", "error (blocks downstream assets) or warning."),
    ("expectation", "VARCHAR", "great-expectations expectation type, or dbt.<test> (dbt.unique, dbt.relationships, …)."),
    ("column_name", "VARCHAR", "Column the expectation tests."),
    ("success", "BOOLEAN", "Whether the expectation held."),
    ("observed", "VARCHAR", "What was observed, e.g. '2 of 35 rows unexpected'."),
    ("details", "VARCHAR", "JSON: the expectation's arguments, a sample of unexpected values, severity."),
    ("data_version", "VARCHAR", "Fingerprint of the checked data and the suite: re-checking the same data replaces its rows, changed data adds rows."),
])

QUARANTINED_ROWS = _t("quarantined_rows", "Rows set aside by a row rule (a value out of range, a NULL the row needs) "
                     "instead of published: which, why, and the whole row to re-admit it.", [
    ("run_id", "VARCHAR", "Dagster run whose check set the row aside."),
    ("quarantined_at", "TIMESTAMP", "When it was set aside (UTC)."),
    ("table_name", "VARCHAR", "Table the row was moved out of."),
    ("row_key", "VARCHAR", "The row's key in that table (e.g. its fund_id)."),
    ("check_name", "VARCHAR", "The row-level check it broke, <table>__<suite>."),
    ("reason", "VARCHAR", "What was wrong, e.g. 'amount_yuan = -5, must be > 0 and ≤ 1e+15'."),
    ("row_json", "VARCHAR", "The whole row as JSON (to_json), column names as in the table."),
    ("doc_id", "VARCHAR", "Document the row came from: re-extracting its file drops the entry (the run checks the new rows)."),
], ("table_name", "row_key"))

# Every table of facts extracted from documents' text, in the order the facts step writes them.
FACT_TABLES = (FACT_TARGETS, FACT_TARGETS_QUALITATIVE, FACT_OUTCOMES, FACT_PROJECTS, FACT_PROJECT_AGGREGATES,
               FACT_FUNDS, FACT_DATES)

TABLES = {t.name: t for t in (DQ_RESULTS, QUARANTINED_ROWS, INGEST_LOG, SOURCE_RECORDS, DOCUMENTS, METADATA_DISAGREEMENTS, DIM_LEVEL, DIM_PROVINCE, DIM_CITY, DIM_INDICATOR,
                              FACT_TARGETS, FACT_TARGETS_QUALITATIVE, FACT_PROJECTS, FACT_PROJECT_AGGREGATES,
                              FACT_FUNDS, FACT_DATES, FACT_OUTCOMES)}
