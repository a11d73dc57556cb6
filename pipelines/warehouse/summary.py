"""The run summary: what the warehouse holds after a run, in a few numbers a person reads first."""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from .schema import FACT_TABLES, FILE_ROW
from .store import existing_tables

SHOWN_ROWS = 50  # set-aside rows listed by name; quarantined_rows holds them all


@dataclass
class RunSummary:
    files: int = 0
    documents: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    quarantined: list[str] = field(default_factory=list)
    failed_checks: list[str] = field(default_factory=list)
    # Rows a row rule set aside (quarantined_rows): how many in all, how many by this run, per
    # table and check, and the first few as "table row_key: reason".
    set_aside: int = 0
    set_aside_now: int = 0
    set_aside_by_check: dict[str, int] = field(default_factory=dict)
    set_aside_rows: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"files read: {self.files}; documents: {self.documents}"]
        out += [f"{table}: {n} rows" for table, n in self.rows.items()]
        out.append(f"quarantined files and records: {len(self.quarantined)}" + "".join(f"\n  - {q}" for q in self.quarantined))
        out.append(f"rows set aside (quarantined_rows): {self.set_aside}, {self.set_aside_now} by this run"
                   + "".join(f"\n  - {c}: {n}" for c, n in self.set_aside_by_check.items())
                   + "".join(f"\n  - {r}" for r in self.set_aside_rows) + self._more())
        out.append(f"failed checks in this run: {len(self.failed_checks)}"
                   + "".join(f"\n  - {c}" for c in self.failed_checks))
        return out

    def _more(self) -> str:
        more = self.set_aside - len(self.set_aside_rows)
        return f"\n  … and {more} more: SELECT * FROM quarantined_rows" if more > 0 else ""

    def markdown(self) -> str:
        rows = [("files read", self.files), ("documents", self.documents), *self.rows.items(),
                ("quarantined files and records", len(self.quarantined)), ("rows set aside (quarantined_rows)", self.set_aside),
                ("rows set aside by this run", self.set_aside_now), ("failed checks", len(self.failed_checks))]
        table = "| what | count |\n|---|---:|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)
        set_aside = [f"{c}: {n}" for c, n in self.set_aside_by_check.items()] + self.set_aside_rows
        for title, items in (("Quarantined", self.quarantined), ("Rows set aside", set_aside),
                             ("Failed checks", self.failed_checks)):
            if items:
                table += f"\n\n**{title}**\n" + "\n".join(f"- {i}" for i in items)
        return table + (self._more().replace("\n  ", "\n\n") if self.set_aside_rows else "")


def summarize(con: duckdb.DuckDBPyConnection, run_id: str) -> RunSummary:
    """Counts from the warehouse as it stands; failed checks are those recorded by `run_id` that
    did not pass (a row check that set its breaking rows aside passed)."""
    stored = existing_tables(con)
    s = RunSummary()

    def one(sql: str, params=None):
        return con.execute(sql, params or []).fetchone()[0]

    if "ingest_log" in stored:
        s.files = one(f"SELECT count(*) FROM ingest_log WHERE status = 'ok' AND {FILE_ROW}")
        # A quarantined file, or a record (a row, a member) of a file that was read: each with its reason.
        s.quarantined = [r[0] for r in con.execute(
            f"SELECT CASE WHEN {FILE_ROW} THEN error "
            "ELSE source_file || ' [' || source_record || ']: ' || status || ', ' || error END "
            "FROM ingest_log WHERE status IN ('quarantined', 'skipped') ORDER BY source_file, source_record").fetchall()]
    if "documents" in stored:
        s.documents = one("SELECT count(*) FROM documents")
    s.rows = {t.name: one(f'SELECT count(*) FROM "{t.name}"') for t in FACT_TABLES if t.name in stored}
    passed_by_setting_aside: set[str] = set()
    if "quarantined_rows" in stored:
        s.set_aside = one("SELECT count(*) FROM quarantined_rows")
        s.set_aside_now = one("SELECT count(*) FROM quarantined_rows WHERE run_id = ?", [run_id])
        s.set_aside_by_check = dict(con.execute(
            "SELECT check_name, count(*) FROM quarantined_rows GROUP BY 1 ORDER BY 1").fetchall())
        s.set_aside_rows = [f"{t} {k}: {r}" for t, k, r in con.execute(
            "SELECT table_name, row_key, reason FROM quarantined_rows ORDER BY table_name, row_key LIMIT ?",
            [SHOWN_ROWS]).fetchall()]
        passed_by_setting_aside = {r[0] for r in con.execute(
            "SELECT DISTINCT check_name FROM quarantined_rows WHERE run_id = ?", [run_id]).fetchall()}
    if "dq_results" in stored:
        s.failed_checks = [r[0] for r in con.execute(
            "SELECT DISTINCT check_name FROM dq_results WHERE run_id = ? AND NOT success ORDER BY 1",
            [run_id]).fetchall() if r[0] not in passed_by_setting_aside]
    return s
