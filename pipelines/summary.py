"""The run summary: what the warehouse holds after a run, in a few numbers a person reads first."""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from .schema import FACT_TABLES
from .warehouse import existing_tables


@dataclass
class RunSummary:
    files: int = 0
    documents: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    quarantined: list[str] = field(default_factory=list)
    failed_checks: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"files read: {self.files}; documents: {self.documents}"]
        out += [f"{table}: {n} rows" for table, n in self.rows.items()]
        out.append(f"quarantined files: {len(self.quarantined)}" + "".join(f"\n  - {q}" for q in self.quarantined))
        out.append(f"failed checks in this run: {len(self.failed_checks)}"
                   + "".join(f"\n  - {c}" for c in self.failed_checks))
        return out

    def markdown(self) -> str:
        rows = [("files read", self.files), ("documents", self.documents), *self.rows.items(),
                ("quarantined files", len(self.quarantined)), ("failed checks", len(self.failed_checks))]
        table = "| what | count |\n|---|---:|\n" + "\n".join(f"| {k} | {v} |" for k, v in rows)
        for title, items in (("Quarantined", self.quarantined), ("Failed checks", self.failed_checks)):
            if items:
                table += f"\n\n**{title}**\n" + "\n".join(f"- {i}" for i in items)
        return table


def summarize(con: duckdb.DuckDBPyConnection, run_id: str) -> RunSummary:
    """Counts from the warehouse as it stands; failed checks are those recorded by `run_id`."""
    stored = existing_tables(con)
    s = RunSummary()

    def one(sql: str, params=None):
        return con.execute(sql, params or []).fetchone()[0]

    if "ingest_log" in stored:
        s.files = one("SELECT count(*) FROM ingest_log WHERE status = 'ok'")
        s.quarantined = [r[0] for r in con.execute(
            "SELECT error FROM ingest_log WHERE status = 'quarantined' ORDER BY source_file").fetchall()]
    if "documents" in stored:
        s.documents = one("SELECT count(*) FROM documents")
    s.rows = {t.name: one(f'SELECT count(*) FROM "{t.name}"') for t in FACT_TABLES if t.name in stored}
    if "dq_results" in stored:
        s.failed_checks = [r[0] for r in con.execute(
            "SELECT DISTINCT check_name FROM dq_results WHERE run_id = ? AND NOT success ORDER BY 1",
            [run_id]).fetchall()]
    return s
