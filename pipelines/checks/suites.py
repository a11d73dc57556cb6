"""Every data-quality rule, as data: one suite per table and concern, named `<table>__<suite>`.

Each suite reads one SQL query whose columns are shaped for its rules (a rule that applies
to some rows only gets a column that is NULL elsewhere), and lists expectations on it.
`severity = "error"` blocks downstream assets when it fails; "warning" only reports.
A row suite (`rows=True`) judges each fact row alone: the rows that break it are set aside in
quarantined_rows (pipelines/checks/quarantine.py) and the rest publishes; it still blocks when
more than a set share of its table would be set aside. Table suites (keys, code lists, integrity)
describe a working pipeline: one bad row there means the pipeline is broken, and it blocks.
Ranges are what a real report of any level and era (1950s to today, State Council to district)
can say, not what the bundled seeds happen to hold.
No great-expectations import here: these are plain values, cheap to load and to read.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..warehouse.schema import FILE_ROW, TABLES

LEVEL_CODES = ["national", "province", "prefecture", "county_level_city", "county", "district"]
DOC_TYPES = ["work_report", "news", "meeting_report", "other"]
MEASURES = ["growth_rate", "level", "ratio", "index"]
QUALIFIERS = ["about", "at_least", "at_most", "exact", "range"]
INDICATOR_CODES = [
    "gdp", "industrial_value_added", "fixed_asset_investment", "retail_sales", "general_budget_revenue",
    "urban_disposable_income", "rural_disposable_income", "resident_disposable_income", "cpi",
    "urban_unemployment_surveyed", "urban_unemployment_registered", "construction_output", "foreign_trade",
    "foreign_investment", "grain_output", "energy_intensity", "air_quality_good_days", "industrial_output", "other",
]
INGEST_STATUSES = ["ok", "skipped_unchanged", "duplicate", "quarantined", "skipped"]
PERIODS = ["review", "plan"]
PROJECT_STATUSES = ["planned", "signed", "started", "under_construction", "completed", "operating", "unknown"]
INVESTMENT_KINDS = ["total", "completed", "planned"]
FUND_KINDS = ["fiscal_revenue", "fiscal_expenditure", "debt_bond", "tax_relief", "investment_total", "financing_loan",
              "trade", "attracted_investment", "subsidy", "fund_vehicle", "output_value", "other"]
GRANULARITIES = ["day", "month", "year", "period"]
DATE_ROLES = ["meeting", "target_year", "deadline", "event", "reference", "other"]
# National sums reach 10^14 yuan (GDP, 1954's budget in old yuan) and stocks a few times that
# (M2, total social financing): 10^15 still holds them, while a misread number is far beyond.
MAX_YUAN = 1e15
# Facts cite history (1840年, 1921年, 1900年): a fact's date may reach back that far; a document's
# own dates (delivered, reviewed, planned) start with the People's Republic.
FIRST_FACT_YEAR, FIRST_DOCUMENT_YEAR, LAST_YEAR = 1800, 1949, 2100


@dataclass(frozen=True)
class Expect:
    """One expectation: a great-expectations class name (without 'Expect') and its arguments."""

    kind: str
    kwargs: dict = field(default_factory=dict)

    def rule(self) -> str:
        """What a value must be, for a person reading why a row was set aside."""
        k = self.kwargs
        if self.kind == "ColumnValuesToNotBeNull":
            return "must not be NULL"
        if self.kind == "ColumnValuesToBeInSet":
            return "must be true" if k["value_set"] == [True] else f"must be one of {k['value_set']}"
        if self.kind == "ColumnValuesToBeBetween":
            low, high = k.get("min_value"), k.get("max_value")
            above = f"{'>' if k.get('strict_min') else '≥'} {low:g}" if low is not None else ""
            below = f"{'<' if k.get('strict_max') else '≤'} {high:g}" if high is not None else ""
            return "must be " + " and ".join(filter(None, (above, below)))
        return f"must pass {self.kind}"


def not_null(column: str) -> Expect:
    return Expect("ColumnValuesToNotBeNull", {"column": column})


def unique(column: str) -> Expect:
    return Expect("ColumnValuesToBeUnique", {"column": column})


def in_set(column: str, values: list) -> Expect:
    return Expect("ColumnValuesToBeInSet", {"column": column, "value_set": values})


def between(column: str, low=None, high=None, above_low: bool = False) -> Expect:
    """low ≤ value ≤ high (NULL passes); `above_low`: low < value."""
    kwargs = {"column": column, "min_value": low, "max_value": high}
    if above_low:
        kwargs["strict_min"] = True
    return Expect("ColumnValuesToBeBetween", kwargs)


def all_true(column: str) -> Expect:
    return Expect("ColumnValuesToBeInSet", {"column": column, "value_set": [True]})


# Expectations that judge each row alone, so the rows that break them can be named and set aside.
ROW_KINDS = {"ColumnValuesToNotBeNull", "ColumnValuesToBeInSet", "ColumnValuesToBeBetween"}


@dataclass(frozen=True)
class Suite:
    table: str
    name: str
    severity: str  # "error" or "warning"
    description: str
    sql: str
    expectations: tuple[Expect, ...]
    rows: bool = False  # a row suite: breaking rows are set aside, the run goes on (see the module's docstring)

    def __post_init__(self) -> None:
        if self.rows and (self.severity != "error" or any(e.kind not in ROW_KINDS for e in self.expectations)):
            raise ValueError(f"{self.check_name}: a row suite is an error suite of expectations on single rows")

    @property
    def check_name(self) -> str:
        return f"{self.table}__{self.name}"

    @property
    def key(self) -> str:
        """The column that names a row of the table (its one-column key); a row suite's query selects it."""
        (key,) = TABLES[self.table].key
        return key


def keys_suite(table: str, key: str) -> Suite:
    """A fact table's key present and unique."""
    return Suite(table, "keys", "error", f"{key} present and unique.", f"SELECT {key} FROM {table}",
                 (not_null(key), unique(key)))


def indicator_codes_suite(table: str) -> Suite:
    """Targets' and outcomes' indicator, measure and qualifier from their code lists."""
    return Suite(table, "codes", "error", "indicator_code, measure and qualifier from their code lists.",
                 f"SELECT indicator_code, measure, qualifier FROM {table}",
                 (in_set("indicator_code", INDICATOR_CODES), in_set("measure", MEASURES), in_set("qualifier", QUALIFIERS)))


SUITES: tuple[Suite, ...] = (
    Suite("ingest_log", "keys", "error", "One row per input file and per record of a container, with a known "
          "status and a reason for every quarantined or skipped one.",
          """SELECT source_file || ' [' || coalesce(source_record, '') || ']' AS file_and_record, status,
                    CASE WHEN status IN ('quarantined', 'skipped') THEN error IS NOT NULL AND error <> '' END
                        AS quarantine_has_reason
             FROM ingest_log""",
          (not_null("file_and_record"), unique("file_and_record"), in_set("status", INGEST_STATUSES),
           all_true("quarantine_has_reason"))),

    Suite("source_records", "keys", "error", "One row per record read as text; its metadata and hints are JSON objects.",
          """SELECT source_file || ' [' || coalesce(source_record, '') || ']' AS file_and_record,
                    json_type(metadata) = 'OBJECT' AND json_type(hints) = 'OBJECT' AS metadata_is_object
             FROM source_records""",
          (not_null("file_and_record"), unique("file_and_record"), all_true("metadata_is_object"))),
    # Metadata are hints: the text wins, and every disagreement is worth a look (a mislabelled row).
    Suite("metadata_disagreements", "none", "warning",
          "A record's metadata (a vendor's columns, a crawler's header) says what its text says.",
          """SELECT source_file || ' [' || source_record || '] ' || metadata_column || ' = ' || metadata_value
                    || ', the text: ' || text_value AS disagreement
             FROM metadata_disagreements""",
          (in_set("disagreement", ["(none)"]),)),

    Suite("documents", "keys", "error", "doc_id present and unique.",
          "SELECT doc_id FROM documents",
          (not_null("doc_id"), unique("doc_id"))),
    Suite("documents", "codes", "error", "doc_type from the code list.",
          "SELECT doc_type FROM documents",
          (not_null("doc_type"), in_set("doc_type", DOC_TYPES))),
    # A backwards range is a splitter bug worth fixing, but one odd document must not withhold a whole
    # collection's warehouse: it warns, listed by doc_id, and the rest publishes.
    Suite("documents", "lines", "warning", "Every document's line range runs forward: a backwards one is a splitter bug.",
          "SELECT line_start, line_end - line_start AS line_span FROM documents",
          (not_null("line_start"), between("line_start", 1), between("line_span", 0))),
    # A document is never set aside (its facts hang on it): odd dates of its own warn, like a missing place.
    Suite("documents", "ranges", "warning",
          "Dates within 1949..2100, a work report plans the year after the one it reviews: otherwise worth a look.",
          """SELECT year(doc_date) AS doc_year,
                    CASE WHEN doc_type = 'work_report' THEN plan_year - report_year END AS plan_minus_report,
                    CASE WHEN doc_type = 'work_report' THEN plan_year END AS work_report_plan_year
             FROM documents""",
          (between("doc_year", FIRST_DOCUMENT_YEAR, LAST_YEAR), between("plan_minus_report", 1, 1),
           between("work_report_plan_year", FIRST_DOCUMENT_YEAR, LAST_YEAR))),
    Suite("documents", "integrity", "error", "Every city_code exists in dim_city; every document comes from a file read as ok.",
          f"""SELECT d.doc_id, CASE WHEN d.city_code IS NOT NULL THEN c.city_code IS NOT NULL END AS city_in_dim_city,
                    i.status = 'ok' AS source_file_ok
             FROM documents d LEFT JOIN dim_city c USING (city_code)
                  LEFT JOIN (SELECT * FROM ingest_log WHERE {FILE_ROW}) i USING (source_file)""",
          (all_true("city_in_dim_city"), all_true("source_file_ok"))),
    Suite("documents", "placement", "warning", "A document the pipeline could not place on the map is worth a look.",
          "SELECT doc_id, source_file, title, city_code FROM documents",
          (not_null("city_code"),)),

    Suite("dim_level", "keys", "error", "The six levels, each once.",
          "SELECT level_code FROM dim_level",
          (not_null("level_code"), unique("level_code"), in_set("level_code", LEVEL_CODES))),
    Suite("dim_province", "keys", "error", "Province codes present, unique, six digits ending 0000.",
          "SELECT province_code, province_code LIKE '__0000' AS six_digit_province_code FROM dim_province",
          (not_null("province_code"), unique("province_code"), all_true("six_digit_province_code"))),
    Suite("dim_indicator", "keys", "error", "Every indicator code of the code list, each once, with the measures it takes from their list.",
          f"""SELECT indicator_code, name_zh,
                     list_bool_and(list_transform(string_split(measures, '|'), m -> list_contains({MEASURES!r}, m)))
                         AS measures_in_list
              FROM dim_indicator""",
          (not_null("indicator_code"), unique("indicator_code"), in_set("indicator_code", INDICATOR_CODES),
           not_null("name_zh"), all_true("measures_in_list"))),
    Suite("dim_city", "keys", "error", "Division codes present and unique, levels from the list, provinces that exist.",
          """SELECT c.city_code, c.level_code,
                    CASE WHEN c.level_code <> 'national' THEN p.province_code IS NOT NULL END AS province_exists
             FROM dim_city c LEFT JOIN dim_province p USING (province_code)""",
          (not_null("city_code"), unique("city_code"), in_set("level_code", LEVEL_CODES), all_true("province_exists"))),

    keys_suite("fact_targets", "target_id"),
    indicator_codes_suite("fact_targets"),
    # Growth targets of a year: a decrease is written as a positive value (direction 'decrease') and
    # cannot pass 100 %; a district's 实际利用外资增长100% or a 1958 plan doubling output are real,
    # eleven-fold is a misread. CPI as an index: 1994's 124 and 1998's 97 happened.
    Suite("fact_targets", "ranges", "error",
          "A unit; growth rates within -100..1000 %, unemployment 0..20 %, a CPI index 80..130, ranges low ≤ high.",
          """SELECT target_id, unit,
                    CASE WHEN measure = 'growth_rate' AND unit = '%' THEN value END AS growth_rate_pct,
                    CASE WHEN indicator_code LIKE 'urban_unemployment%' AND unit = '%' THEN value END AS unemployment_pct,
                    CASE WHEN measure = 'index' AND indicator_code = 'cpi' THEN value END AS cpi_index,
                    CASE WHEN value_high IS NOT NULL THEN value_high - value END AS range_width,
                    plan_year
             FROM fact_targets""",
          (not_null("unit"), between("growth_rate_pct", -100, 1000), between("unemployment_pct", 0, 20),
           between("cpi_index", 80, 130), between("range_width", 0),
           between("plan_year", FIRST_DOCUMENT_YEAR, LAST_YEAR)), rows=True),
    Suite("fact_targets", "integrity", "error",
          "Every target's document exists; a city_code it has is in dim_city (NULL: its document could not be placed).",
          """SELECT t.target_id, d.doc_id IS NOT NULL AS doc_in_documents,
                    CASE WHEN t.city_code IS NOT NULL THEN c.city_code IS NOT NULL END AS city_in_dim_city
             FROM fact_targets t LEFT JOIN documents d USING (doc_id) LEFT JOIN dim_city c ON c.city_code = t.city_code""",
          (all_true("doc_in_documents"), all_true("city_in_dim_city"))),
    Suite("fact_targets", "completeness", "warning", "A work report without a GDP growth target is worth a look.",
          """SELECT d.doc_id, d.title, EXISTS (SELECT 1 FROM fact_targets t WHERE t.doc_id = d.doc_id
                        AND t.indicator_code = 'gdp' AND t.measure = 'growth_rate') AS has_gdp_target
             FROM documents d WHERE d.doc_type = 'work_report'""",
          (all_true("has_gdp_target"),)),

    *(
        keys_suite(table, key)
        for table, key in (("fact_projects", "project_id"), ("fact_funds", "fund_id"), ("fact_dates", "date_id"),
                           ("fact_project_aggregates", "aggregate_id"))
    ),
    *(
        Suite(table, "integrity", "error",
              "Every fact's document exists; a city_code it has is in dim_city (NULL: its document could not be placed).",
              f"""SELECT f.doc_id IS NOT NULL AND d.doc_id IS NOT NULL AS doc_in_documents,
                         CASE WHEN f.city_code IS NOT NULL THEN c.city_code IS NOT NULL END AS city_in_dim_city
                  FROM {table} f LEFT JOIN documents d USING (doc_id) LEFT JOIN dim_city c ON c.city_code = f.city_code""",
              (all_true("doc_in_documents"), all_true("city_in_dim_city")))
        for table in ("fact_projects", "fact_funds", "fact_dates", "fact_project_aggregates")
    ),
    Suite("fact_projects", "codes", "error", "status, period and investment_kind from their code lists.",
          "SELECT status, period, investment_kind FROM fact_projects",
          (in_set("status", PROJECT_STATUSES), in_set("period", PERIODS), in_set("investment_kind", INVESTMENT_KINDS))),
    Suite("fact_projects", "ranges", "error", "A name; investment in yuan above 0 and at most 10^15.",
          "SELECT project_id, project_name, investment_yuan FROM fact_projects",
          (not_null("project_name"), between("investment_yuan", 0, MAX_YUAN, above_low=True)), rows=True),
    Suite("fact_funds", "codes", "error", "fund_kind and period from their code lists.",
          "SELECT fund_kind, period FROM fact_funds",
          (in_set("fund_kind", FUND_KINDS), in_set("period", PERIODS))),
    Suite("fact_funds", "ranges", "error", "A unit; amounts in yuan above 0 and at most 10^15.",
          "SELECT fund_id, amount_unit, amount_yuan FROM fact_funds",
          (not_null("amount_unit"), between("amount_yuan", 0, MAX_YUAN, above_low=True)), rows=True),
    Suite("fact_dates", "codes", "error", "granularity and role from their code lists.",
          "SELECT granularity, role FROM fact_dates",
          (in_set("granularity", GRANULARITIES), in_set("role", DATE_ROLES))),
    Suite("fact_dates", "ranges", "error",
          "Dates within 1800..2100 (history cited: 1840年, 1921年) and every span ends on or after its start.",
          """SELECT date_id, year(date_start) AS start_year, year(date_end) AS end_year,
                    date_end - date_start AS span_days FROM fact_dates""",
          (between("start_year", FIRST_FACT_YEAR, LAST_YEAR), between("end_year", FIRST_FACT_YEAR, LAST_YEAR),
           between("span_days", 0)), rows=True),

    Suite("fact_targets_qualitative", "integrity", "error", "Every qualitative target's document exists.",
          """SELECT q.qualitative_id, d.doc_id IS NOT NULL AS doc_in_documents
             FROM fact_targets_qualitative q LEFT JOIN documents d USING (doc_id)""",
          (not_null("qualitative_id"), unique("qualitative_id"), all_true("doc_in_documents"))),

    keys_suite("fact_outcomes", "outcome_id"),
    indicator_codes_suite("fact_outcomes"),
    # A year's results: growth within -100..1000 % (a decrease is written as a positive value),
    # unemployment 0..20 %, other shares 0..100 %, a CPI index 80..130 (1994's 124), a level above 0.
    Suite("fact_outcomes", "ranges", "error",
          "A unit and a year within 1949..2100; growth rates within -100..1000 %, unemployment 0..20 %, shares "
          "0..100 %, a CPI index 80..130, levels above 0, ranges low ≤ high; estimated true or false.",
          """SELECT outcome_id, unit, estimated, year,
                    CASE WHEN measure = 'growth_rate' AND unit = '%' THEN value END AS growth_rate_pct,
                    CASE WHEN indicator_code LIKE 'urban_unemployment%' AND unit = '%' THEN value END AS unemployment_pct,
                    CASE WHEN measure = 'ratio' AND unit = '%' THEN value END AS ratio_pct,
                    CASE WHEN measure = 'index' AND indicator_code = 'cpi' THEN value END AS cpi_index,
                    CASE WHEN measure = 'level' THEN value END AS level_value,
                    CASE WHEN value_high IS NOT NULL THEN value_high - value END AS range_width
             FROM fact_outcomes""",
          (not_null("unit"), not_null("estimated"), not_null("year"), between("year", FIRST_DOCUMENT_YEAR, LAST_YEAR),
           between("growth_rate_pct", -100, 1000), between("unemployment_pct", 0, 20), between("ratio_pct", 0, 100),
           between("cpi_index", 80, 130), between("level_value", 0, above_low=True), between("range_width", 0)),
          rows=True),
    Suite("fact_outcomes", "integrity", "error",
          "Every outcome's document exists; a city_code it has is in dim_city (NULL: its document could not be placed).",
          """SELECT o.outcome_id, d.doc_id IS NOT NULL AS doc_in_documents,
                    CASE WHEN o.city_code IS NOT NULL THEN c.city_code IS NOT NULL END AS city_in_dim_city
             FROM fact_outcomes o LEFT JOIN documents d USING (doc_id) LEFT JOIN dim_city c ON c.city_code = o.city_code""",
          (all_true("doc_in_documents"), all_true("city_in_dim_city"))),
)
