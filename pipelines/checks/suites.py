"""Every data-quality rule, as data: one suite per table and concern, named `<table>__<suite>`.

Each suite reads one SQL query whose columns are shaped for its rules (a rule that applies
to some rows only gets a column that is NULL elsewhere), and lists expectations on it.
`severity = "error"` blocks downstream assets when it fails; "warning" only reports.
No great-expectations import here: these are plain values, cheap to load and to read.
"""
from __future__ import annotations

from dataclasses import dataclass, field

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
INGEST_STATUSES = ["ok", "skipped_unchanged", "duplicate", "quarantined"]
PERIODS = ["review", "plan"]
PROJECT_STATUSES = ["planned", "signed", "started", "under_construction", "completed", "operating", "unknown"]
INVESTMENT_KINDS = ["total", "completed", "planned"]
FUND_KINDS = ["fiscal_revenue", "fiscal_expenditure", "debt_bond", "tax_relief", "investment_total", "financing_loan",
              "trade", "attracted_investment", "subsidy", "fund_vehicle", "output_value", "other"]
GRANULARITIES = ["day", "month", "year", "period"]
DATE_ROLES = ["meeting", "target_year", "deadline", "event", "reference", "other"]
MAX_YUAN = 1e14


@dataclass(frozen=True)
class Expect:
    """One expectation: a great-expectations class name (without 'Expect') and its arguments."""

    kind: str
    kwargs: dict = field(default_factory=dict)


def not_null(column: str) -> Expect:
    return Expect("ColumnValuesToNotBeNull", {"column": column})


def unique(column: str) -> Expect:
    return Expect("ColumnValuesToBeUnique", {"column": column})


def in_set(column: str, values: list) -> Expect:
    return Expect("ColumnValuesToBeInSet", {"column": column, "value_set": values})


def between(column: str, low=None, high=None, strict: bool = False) -> Expect:
    kwargs = {"column": column, "min_value": low, "max_value": high}
    if strict:
        kwargs.update(strict_min=True, strict_max=True)
    return Expect("ColumnValuesToBeBetween", kwargs)


def all_true(column: str) -> Expect:
    return Expect("ColumnValuesToBeInSet", {"column": column, "value_set": [True]})


@dataclass(frozen=True)
class Suite:
    table: str
    name: str
    severity: str  # "error" or "warning"
    description: str
    sql: str
    expectations: tuple[Expect, ...]

    @property
    def check_name(self) -> str:
        return f"{self.table}__{self.name}"


SUITES: tuple[Suite, ...] = (
    Suite("ingest_log", "keys", "error", "One row per input file, with a known status and a reason for every quarantine.",
          """SELECT source_file, status,
                    CASE WHEN status = 'quarantined' THEN error IS NOT NULL AND error <> '' END AS quarantine_has_reason
             FROM ingest_log""",
          (not_null("source_file"), unique("source_file"), in_set("status", INGEST_STATUSES),
           all_true("quarantine_has_reason"))),

    Suite("documents", "keys", "error", "doc_id present and unique.",
          "SELECT doc_id FROM documents",
          (not_null("doc_id"), unique("doc_id"))),
    Suite("documents", "codes", "error", "doc_type from the code list.",
          "SELECT doc_type FROM documents",
          (not_null("doc_type"), in_set("doc_type", DOC_TYPES))),
    Suite("documents", "ranges", "error",
          "Dates within 1949..2100, line ranges ordered, a work report plans the year after the one it reviews.",
          """SELECT year(doc_date) AS doc_year, line_end - line_start AS line_span,
                    CASE WHEN doc_type = 'work_report' THEN plan_year - report_year END AS plan_minus_report,
                    CASE WHEN doc_type = 'work_report' THEN plan_year END AS work_report_plan_year
             FROM documents""",
          (between("doc_year", 1949, 2100), between("line_span", 0),
           between("plan_minus_report", 1, 1), between("work_report_plan_year", 1949, 2100))),
    Suite("documents", "integrity", "error", "Every city_code exists in dim_city; every document comes from a file read as ok.",
          """SELECT d.doc_id, CASE WHEN d.city_code IS NOT NULL THEN c.city_code IS NOT NULL END AS city_in_dim_city,
                    i.status = 'ok' AS source_file_ok
             FROM documents d LEFT JOIN dim_city c USING (city_code) LEFT JOIN ingest_log i USING (source_file)""",
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
    Suite("dim_city", "keys", "error", "Division codes present and unique, levels from the list, provinces that exist.",
          """SELECT c.city_code, c.level_code,
                    CASE WHEN c.level_code <> 'national' THEN p.province_code IS NOT NULL END AS province_exists
             FROM dim_city c LEFT JOIN dim_province p USING (province_code)""",
          (not_null("city_code"), unique("city_code"), in_set("level_code", LEVEL_CODES), all_true("province_exists"))),

    Suite("fact_targets", "keys", "error", "target_id present and unique.",
          "SELECT target_id FROM fact_targets",
          (not_null("target_id"), unique("target_id"))),
    Suite("fact_targets", "codes", "error", "indicator_code, measure and qualifier from their code lists.",
          "SELECT indicator_code, measure, qualifier, unit FROM fact_targets",
          (in_set("indicator_code", INDICATOR_CODES), in_set("measure", MEASURES), in_set("qualifier", QUALIFIERS),
           not_null("unit"))),
    Suite("fact_targets", "ranges", "error",
          "Growth rates within -30..60 %, unemployment 0..20 %, a CPI index 95..110, ranges low ≤ high.",
          """SELECT CASE WHEN measure = 'growth_rate' AND unit = '%' THEN value END AS growth_rate_pct,
                    CASE WHEN indicator_code LIKE 'urban_unemployment%' THEN value END AS unemployment_pct,
                    CASE WHEN measure = 'index' AND indicator_code = 'cpi' THEN value END AS cpi_index,
                    CASE WHEN value_high IS NOT NULL THEN value_high - value END AS range_width,
                    plan_year
             FROM fact_targets""",
          (between("growth_rate_pct", -30, 60), between("unemployment_pct", 0, 20), between("cpi_index", 95, 110),
           between("range_width", 0), between("plan_year", 1949, 2100))),
    Suite("fact_targets", "integrity", "error", "Every target's document exists and its city is in dim_city.",
          """SELECT t.target_id, d.doc_id IS NOT NULL AS doc_in_documents, c.city_code IS NOT NULL AS city_in_dim_city
             FROM fact_targets t LEFT JOIN documents d USING (doc_id) LEFT JOIN dim_city c ON c.city_code = t.city_code""",
          (all_true("doc_in_documents"), all_true("city_in_dim_city"))),
    Suite("fact_targets", "completeness", "warning", "A work report without a GDP growth target is worth a look.",
          """SELECT d.doc_id, d.title, EXISTS (SELECT 1 FROM fact_targets t WHERE t.doc_id = d.doc_id
                        AND t.indicator_code = 'gdp' AND t.measure = 'growth_rate') AS has_gdp_target
             FROM documents d WHERE d.doc_type = 'work_report'""",
          (all_true("has_gdp_target"),)),

    *(
        Suite(table, "keys", "error", f"{key} present and unique.",
              f"SELECT {key} FROM {table}", (not_null(key), unique(key)))
        for table, key in (("fact_projects", "project_id"), ("fact_funds", "fund_id"), ("fact_dates", "date_id"),
                           ("fact_project_aggregates", "aggregate_id"))
    ),
    *(
        Suite(table, "integrity", "error", "Every fact's document exists and its city_code is in dim_city.",
              f"""SELECT f.doc_id IS NOT NULL AND d.doc_id IS NOT NULL AS doc_in_documents,
                         CASE WHEN f.city_code IS NOT NULL THEN c.city_code IS NOT NULL END AS city_in_dim_city
                  FROM {table} f LEFT JOIN documents d USING (doc_id) LEFT JOIN dim_city c ON c.city_code = f.city_code""",
              (all_true("doc_in_documents"), all_true("city_in_dim_city")))
        for table in ("fact_projects", "fact_funds", "fact_dates", "fact_project_aggregates")
    ),
    Suite("fact_projects", "codes", "error", "status, period and investment_kind from their code lists; a name.",
          "SELECT project_name, status, period, investment_kind FROM fact_projects",
          (not_null("project_name"), in_set("status", PROJECT_STATUSES), in_set("period", PERIODS),
           in_set("investment_kind", INVESTMENT_KINDS))),
    Suite("fact_projects", "ranges", "error", "Investment in yuan above 0 and below 10^14.",
          "SELECT investment_yuan FROM fact_projects",
          (between("investment_yuan", 0, MAX_YUAN, strict=True),)),
    Suite("fact_funds", "codes", "error", "fund_kind and period from their code lists.",
          "SELECT fund_kind, period, amount_unit FROM fact_funds",
          (in_set("fund_kind", FUND_KINDS), in_set("period", PERIODS), not_null("amount_unit"))),
    Suite("fact_funds", "ranges", "error", "Amounts in yuan above 0 and below 10^14.",
          "SELECT amount_yuan FROM fact_funds",
          (between("amount_yuan", 0, MAX_YUAN, strict=True),)),
    Suite("fact_dates", "codes", "error", "granularity and role from their code lists.",
          "SELECT granularity, role FROM fact_dates",
          (in_set("granularity", GRANULARITIES), in_set("role", DATE_ROLES))),
    Suite("fact_dates", "ranges", "error", "Dates within 1949..2100 and every span ends on or after its start.",
          "SELECT year(date_start) AS start_year, year(date_end) AS end_year, date_end - date_start AS span_days FROM fact_dates",
          (between("start_year", 1949, 2100), between("end_year", 1949, 2100), between("span_days", 0))),

    Suite("fact_targets_qualitative", "integrity", "error", "Every qualitative target's document exists.",
          """SELECT q.qualitative_id, d.doc_id IS NOT NULL AS doc_in_documents
             FROM fact_targets_qualitative q LEFT JOIN documents d USING (doc_id)""",
          (not_null("qualitative_id"), unique("qualitative_id"), all_true("doc_in_documents"))),
)
