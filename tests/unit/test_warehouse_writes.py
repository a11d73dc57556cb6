"""Table writes keep every key unique without a PRIMARY KEY index, and an old warehouse loses its index."""
from __future__ import annotations

import duckdb
import polars as pl
import pytest

from pipelines.warehouse.schema import DIM_LEVEL, FACT_DATES
from pipelines.warehouse.store import (KeyViolationError, create_sql, ensure_tables, facts_frame, replace_rows,
                                 replace_table, transaction)


def _dates(*ids: str, doc: str) -> pl.DataFrame:
    width = len(FACT_DATES.columns)
    return facts_frame(FACT_DATES, [(i, doc, *([None] * (width - 2))) for i in ids])


def _stored(con) -> list[tuple]:
    return con.execute("SELECT date_id, doc_id FROM fact_dates ORDER BY ALL").fetchall()


def _replace_doc(con, doc: str, frame: pl.DataFrame) -> dict[str, int]:
    return replace_rows(con, {FACT_DATES: frame}, "doc_id = $doc", {"doc": doc})


def test_a_write_is_refused_whole_when_a_key_would_repeat():
    con = duckdb.connect()
    _replace_doc(con, "a", _dates("a:d001", "a:d002", doc="a"))
    before = _stored(con)
    with pytest.raises(KeyViolationError, match=r"fact_dates: date_id would repeat for a:d002"):
        _replace_doc(con, "b", _dates("b:d001", "a:d002", doc="b"))  # another document's id
    assert _stored(con) == before  # rolled back: not even b:d001 went in
    with pytest.raises(KeyViolationError, match="b:d001"):
        _replace_doc(con, "b", _dates("b:d001", "b:d001", doc="b"))  # the same id twice in one write
    assert _stored(con) == before


def test_rewriting_the_same_rows_is_not_a_repeat():
    con = duckdb.connect()
    for _ in range(2):
        assert _replace_doc(con, "a", _dates("a:d001", "a:d002", doc="a")) == {"fact_dates": 2}
    assert _stored(con) == [("a:d001", "a"), ("a:d002", "a")]


def test_a_whole_table_with_a_repeated_key_is_refused():
    con = duckdb.connect()
    frame = pl.DataFrame({"level_code": ["county", "county"], "level_name_zh": ["县", "县"], "rank": [4, 4]},
                         schema={"level_code": pl.Utf8, "level_name_zh": pl.Utf8, "rank": pl.Int32})
    with pytest.raises(KeyViolationError, match="dim_level: level_code would repeat for county"):
        replace_table(con, DIM_LEVEL, frame)
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'dim_level'").fetchone() == (0,)


def test_a_table_an_older_version_made_with_a_primary_key_is_rebuilt_without_it():
    con = duckdb.connect()
    ddl = create_sql(FACT_DATES)
    con.execute(ddl[:-1] + ", PRIMARY KEY (date_id))")  # what create_sql wrote before keys were checked on write
    con.execute("INSERT INTO fact_dates (date_id, doc_id) VALUES ('a:d001', 'a'), ('b:d001', 'b')")
    with transaction(con):
        ensure_tables(con, [FACT_DATES])
    assert con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'fact_dates' "
                       "AND constraint_type = 'PRIMARY KEY'").fetchone() == (0,)
    assert _stored(con) == [("a:d001", "a"), ("b:d001", "b")]
    assert con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'fact_dates'").fetchone()[0] \
        == FACT_DATES.description



def test_a_row_without_a_key_is_refused():
    con = duckdb.connect()
    _replace_doc(con, "a", _dates("a:d001", doc="a"))
    with pytest.raises(KeyViolationError, match=r"fact_dates: key column NULL \(date_id in 1 row\(s\)\)"):
        _replace_doc(con, "b", _dates("b:d001", None, doc="b"))
    assert _stored(con) == [("a:d001", "a")]
