"""Quality results for people: the dq_results table and an offline Data Docs front page.

great-expectations' own pages pull CSS and JS from CDNs; users are often offline, so the
front page (`data_docs/index.html`) is plain HTML with inline styles, written from
dq_results and quarantined_rows (the rows row rules set aside), and links to the
great-expectations pages under `data_docs/gx/`.
"""
from __future__ import annotations

import html
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl

from ..warehouse.schema import DQ_RESULTS
from ..warehouse.store import existing_tables, insert_frame, polars_schema, transaction
from .runner import SuiteOutcome, validation_page


def ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    from ..warehouse.store import comment_sql, create_sql

    exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'dq_results'").fetchone()[0]
    if not exists:
        con.execute(create_sql(DQ_RESULTS).replace("CREATE OR REPLACE TABLE", "CREATE TABLE IF NOT EXISTS"))
        for stmt in comment_sql(DQ_RESULTS):
            con.execute(stmt)
        return
    have = {r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'dq_results'").fetchall()}
    for column in DQ_RESULTS.columns:  # a warehouse from an older version gains the new columns
        if column.name not in have:
            con.execute(f'ALTER TABLE dq_results ADD COLUMN "{column.name}" {column.type}')


def record(con: duckdb.DuckDBPyConnection, run_id: str, outcome: SuiteOutcome, data_version: str) -> int:
    """One row per expectation. Checking the same data again (same `data_version`) replaces the
    earlier rows, so re-running on unchanged inputs keeps the table's size; changed data adds rows."""
    ensure_table(con)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    s = outcome.suite
    frame = pl.DataFrame({
        "run_id": [run_id] * len(outcome.outcomes),
        "checked_at": [now] * len(outcome.outcomes),
        "table_name": [s.table] * len(outcome.outcomes),
        "check_name": [s.check_name] * len(outcome.outcomes),
        "severity": [s.severity] * len(outcome.outcomes),
        "expectation": [o.expectation for o in outcome.outcomes],
        "column_name": [o.column for o in outcome.outcomes],
        "success": [o.success for o in outcome.outcomes],
        "observed": [o.observed for o in outcome.outcomes],
        "details": [o.details for o in outcome.outcomes],
        "data_version": [data_version] * len(outcome.outcomes),
    }, schema=polars_schema(DQ_RESULTS))
    with transaction(con):
        con.execute("DELETE FROM dq_results WHERE check_name = ? AND (run_id = ? OR data_version = ?)",
                    [s.check_name, run_id, data_version])
        insert_frame(con, DQ_RESULTS, frame)
    return frame.height


_STYLE = """body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin-bottom:2em}
td,th{border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eee}
.pass{color:#106010;font-weight:bold}.fail{color:#b00000;font-weight:bold}.warn{color:#a06000;font-weight:bold}
code{font-size:90%}"""


SHOWN_ROWS = 500  # set-aside rows listed on the front page, newest first; the table holds them all


def _set_aside(con: duckdb.DuckDBPyConnection) -> tuple[dict[tuple[str, str], int], list[tuple], int]:
    """(check, run) → rows it set aside; the newest entries; how many there are in all."""
    if "quarantined_rows" not in existing_tables(con):
        return {}, [], 0
    by_run = {(c, r): n for c, r, n in con.execute(
        "SELECT check_name, run_id, count(*) FROM quarantined_rows GROUP BY ALL").fetchall()}
    rows = con.execute("SELECT table_name, row_key, check_name, reason, quarantined_at FROM quarantined_rows "
                       "ORDER BY quarantined_at DESC, table_name, row_key LIMIT ?", [SHOWN_ROWS]).fetchall()
    return by_run, rows, sum(by_run.values())


def _set_aside_section(rows: list[tuple], total: int) -> list[str]:
    e = html.escape
    parts = [f"<h2 id='set-aside'>Rows set aside: {total}</h2>",
             "<p>Rows that broke a row rule were moved out of their table into <code>quarantined_rows</code> "
             "(the whole row is in <code>row_json</code>); the rest of the table was published. "
             "<code>SELECT * FROM quarantined_rows ORDER BY table_name, row_key</code>"
             + (f" lists all {total}; the newest {len(rows)} are below." if total > len(rows) else ".") + "</p>"]
    if rows:
        parts.append("<table><tr><th>table</th><th>row key</th><th>check</th><th>reason</th><th>set aside at (UTC)</th></tr>")
        parts += [f"<tr><td>{e(t)}</td><td><code>{e(k)}</code></td><td><a href='#{e(c)}'>{e(c)}</a></td>"
                  f"<td>{e(r)}</td><td>{e(str(at)[:19])}</td></tr>" for t, k, c, r, at in rows]
        parts.append("</table>")
    return parts


def write_index(con: duckdb.DuckDBPyConnection, docs_dir: Path) -> Path:
    """data_docs/index.html: the latest result of every check, readable with no network."""
    ensure_table(con)
    rows = con.execute("""
        WITH latest AS (
            SELECT check_name, max(checked_at) AS at FROM dq_results GROUP BY check_name)
        SELECT r.table_name, r.check_name, r.severity, r.expectation, r.column_name, r.success, r.observed,
               r.details, r.checked_at, r.run_id
        FROM dq_results r JOIN latest l ON l.check_name = r.check_name AND l.at = r.checked_at
        ORDER BY r.table_name, r.check_name, r.expectation, r.column_name""").fetchall()
    e = html.escape
    set_aside_by_run, set_aside_rows, set_aside_total = _set_aside(con)
    by_check: dict[str, list] = {}
    for row in rows:
        by_check.setdefault(row[1], []).append(row)
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>govreports data quality</title>"
             f"<style>{_STYLE}</style></head><body><h1>govreports data quality</h1>",
             "<p>Latest result of every check. Full great-expectations Data Docs: "
             "<a href='gx/index.html'>gx/index.html</a>.</p>",
             "<h2>Summary</h2><table><tr><th>check (suite)</th><th>table</th><th>severity</th><th>result</th>"
             "<th>expectations passed</th><th>checked at (UTC)</th></tr>"]
    for name, items in by_check.items():
        ok = all(r[5] for r in items)
        label = "PASSED" if ok else ("FAILED" if items[0][2] == "error" else "WARNING")
        css = "pass" if ok else ("fail" if items[0][2] == "error" else "warn")
        if not ok and (name, items[0][9]) in set_aside_by_run:  # its breaking rows were set aside: it passed
            label, css = f"PASSED, {set_aside_by_run[name, items[0][9]]} ROW(S) SET ASIDE", "warn"
        parts.append(f"<tr><td><a href='#{e(name)}'>{e(name)}</a></td><td>{e(items[0][0])}</td><td>{e(items[0][2])}</td>"
                     f"<td class='{css}'>{label}</td><td>{sum(r[5] for r in items)} / {len(items)}</td>"
                     f"<td>{e(str(items[0][8])[:19])}</td></tr>")
    parts.append("</table>")
    parts += _set_aside_section(set_aside_rows, set_aside_total)
    for name, items in by_check.items():
        page = validation_page(docs_dir / "gx", name)
        link = f" <small>(<a href='{e(page.relative_to(docs_dir).as_posix())}'>great-expectations page</a>)</small>" if page else ""
        parts.append(f"<h2 id='{e(name)}'>{e(name)}{link}</h2><table><tr><th>expectation</th><th>column</th>"
                     "<th>result</th><th>observed</th><th>details</th></tr>")
        for r in items:
            css, label = ("pass", "pass") if r[5] else (("fail", "FAIL") if r[2] == "error" else ("warn", "WARN"))
            parts.append(f"<tr><td>{e(r[3])}</td><td>{e(r[4] or '')}</td><td class='{css}'>{label}</td>"
                         f"<td>{e(r[6] or '')}</td><td><code>{e(r[7] or '')}</code></td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    docs_dir.mkdir(parents=True, exist_ok=True)
    path = docs_dir / "index.html"
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text("\n".join(parts), encoding="utf-8")
    tmp.replace(path)
    return path
