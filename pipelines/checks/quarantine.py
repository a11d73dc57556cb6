"""Rows set aside: a row suite's breaking rows moved, in one transaction, out of their table into
quarantined_rows (the whole row as JSON, and why), so the run publishes the rest.

Setting a few odd rows aside keeps a real collection publishable; setting many aside would hide a
broken extractor, so above MAX_SHARE of a table (and more than MIN_ROWS_TO_REFUSE rows) nothing moves
and the check fails (and blocks).
One entry per table and row key: a row set aside again replaces its entry. An entry lasts as long
as its row would: re-extracting its file deletes it with the file's fact rows (pipelines/defs/assets/facts.py),
a file leaving the folder prunes it (seed_files), and the run's checks then judge the new rows.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import duckdb
import polars as pl

from ..warehouse.schema import QUARANTINED_ROWS, TABLES
from ..warehouse.store import ensure_tables, transaction

MAX_SHARE = 0.05  # of a table's rows (counting those set aside by earlier runs and still out)
# ... but a few rows never look like a broken extractor: one odd row of a small run is set aside too.
MIN_ROWS_TO_REFUSE = 5


@dataclass(frozen=True)
class SetAside:
    """What a row suite did with its breaking rows."""

    rows: int                   # moved to quarantined_rows by this check
    share: float                # of the table's rows set aside once they are (or would be) moved
    refused: str | None = None  # why nothing moved: the check fails

    def describe(self, table: str) -> str:
        if self.refused:
            return f"nothing set aside: {self.refused}"
        return f"{self.rows} row(s) set aside in quarantined_rows ({self.share:.1%} of {table})"


def set_aside(con: duckdb.DuckDBPyConnection, table_name: str, key: str, check_name: str,
              breaches: tuple[tuple[str, str], ...], run_id: str) -> SetAside:
    """Move the rows named by `breaches` ((row key, reason), one per row) out of `table_name`,
    unless its keys are broken or that would leave more than MAX_SHARE of it set aside."""
    table = TABLES[table_name]
    doc_id = 'f."doc_id"' if "doc_id" in table.column_names else "NULL"
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    incoming = pl.DataFrame(list(breaches), schema={"row_key": pl.Utf8, "reason": pl.Utf8}, orient="row")
    con.register("_breaches", incoming.to_arrow())
    try:
        with transaction(con):
            ensure_tables(con, [QUARANTINED_ROWS])
            rows, keys, named = con.execute(
                f'SELECT count(*), count(DISTINCT "{key}"), count("{key}") FROM "{table_name}"').fetchone()
            if not rows == keys == named:
                return SetAside(0, 0.0, f"{table_name}.{key} is repeated or NULL: a row cannot be named by its key")
            (found,) = con.execute(f'SELECT count(*) FROM "{table_name}" WHERE CAST("{key}" AS VARCHAR) IN '
                                   "(SELECT row_key FROM _breaches)").fetchone()
            (earlier,) = con.execute(
                f'SELECT count(*) FROM quarantined_rows WHERE table_name = $t AND row_key NOT IN '
                f'(SELECT CAST("{key}" AS VARCHAR) FROM "{table_name}")', {"t": table_name}).fetchone()
            share = (earlier + found) / (rows + earlier) if rows + earlier else 0.0
            if found != len(breaches):
                return SetAside(0, share, f"{len(breaches) - found} breaking row(s) no longer in {table_name}")
            if share > MAX_SHARE and earlier + found > MIN_ROWS_TO_REFUSE:
                return SetAside(0, share, f"{found} breaking row(s) would leave {share:.1%} of {table_name} "
                                          f"set aside, more than {MAX_SHARE:.0%}: the extraction looks broken")
            con.execute("DELETE FROM quarantined_rows WHERE table_name = $t AND row_key IN "
                        "(SELECT row_key FROM _breaches)", {"t": table_name})
            con.execute(f"""
                INSERT INTO quarantined_rows ({", ".join(QUARANTINED_ROWS.column_names)})
                SELECT $run, $now, $t, b.row_key, $check, b.reason, to_json(f)::VARCHAR, {doc_id}
                FROM "{table_name}" f JOIN _breaches b ON b.row_key = CAST(f."{key}" AS VARCHAR)""",
                        {"run": run_id, "now": now, "t": table_name, "check": check_name})
            con.execute(f'DELETE FROM "{table_name}" WHERE CAST("{key}" AS VARCHAR) IN (SELECT row_key FROM _breaches)')
    finally:
        con.unregister("_breaches")
    return SetAside(found, share)
