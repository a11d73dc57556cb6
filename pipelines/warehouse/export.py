"""The warehouse as files researchers open without DuckDB: Parquet, CSV, a data dictionary, a Stata panel.

    python -m pipelines.warehouse.export     what `make export` runs: the published warehouse → export/ beside it

Plain functions over a read-only connection and a folder; no Dagster (pipelines/defs/assets/export.py
wires them). Every table of the main schema and of `marts` becomes `parquet/<table>.parquet` and
`csv/<table>.csv` (UTF-8 with a byte-order mark, so Excel reads Chinese); `dictionary.md` and
`dictionary.csv` list every column with its type, its comment and its code list (taken from the
quality suites, pipelines/checks/suites.py); `stata/targets_vs_outcomes.dta` holds the research
panel joined to dim_indicator, once that mart exists.

Reproducible: a file depends on the warehouse alone. Rows come in a fixed order (the table's key,
else every column from the first), no file holds a time or a path, and the .dta's time stamp is
fixed, so the same warehouse gives the same bytes. The folder is written beside the target and
swapped in whole, so a reader never sees half of one export and half of another.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import re
import shutil
import sys
import time
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from ..checks.suites import SUITES, Suite
from .schema import TABLES

SCHEMAS = ("main", "marts")
BOM = b"\xef\xbb\xbf"
# The research panel, and the dimension its rows are joined to for the Stata file.
PANEL, PANEL_JOIN, PANEL_KEY = "marts.targets_vs_outcomes", "dim_indicator", "indicator_code"
PANEL_FILE = "stata/targets_vs_outcomes.dta"
PANEL_LABEL = "govreports research panel: marts.targets_vs_outcomes with dim_indicator"
# The .dta header holds a time stamp; a fixed one (Stata's own epoch) keeps the file reproducible.
STATA_TIME_STAMP = datetime(1960, 1, 1)
STATA_NAME_MAX, STATA_LABEL_MAX, STATA_STR_MAX = 32, 80, 2045  # longer strings are written as strL
STATA_RESERVED = frozenset("_all _b byte _coef _cons double float if in int long _n _N _pi _pred _rc _skip "
                           "str strL using with".split())


def export_dir(warehouse_file: Path) -> Path:
    """The export lives beside the warehouse file: export/ (as the charts' reports/)."""
    return Path(warehouse_file).parent / "export"


# ---------------------------------------------------------------- what the warehouse holds

@dataclass(frozen=True)
class ColumnDoc:
    name: str
    type: str
    description: str            # the column's comment; else the comment of its namesake (description_from)
    description_from: str = ""  # "dim_city.city_code" when borrowed, "" when the column's own
    code_list: tuple[str, ...] = ()
    code_list_from: str = ""    # the checked column the list belongs to, e.g. "fact_targets.qualifier"


@dataclass(frozen=True)
class TableDoc:
    schema: str
    name: str
    description: str
    columns: tuple[ColumnDoc, ...]
    rows: int
    order_by: tuple[str, ...]   # the table's key; () for every column in order

    @property
    def qualified(self) -> str:
        """What SQL users write: documents, marts.targets_wide."""
        return self.name if self.schema == "main" else f"{self.schema}.{self.name}"

    @property
    def sql_name(self) -> str:
        return f"{ident(self.schema)}.{ident(self.name)}"

    def column(self, name: str) -> ColumnDoc | None:
        return next((c for c in self.columns if c.name == name), None)


def ident(name: str) -> str:
    """A quoted identifier (names come from the warehouse's own catalog, never from data values)."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


CodeLists = dict[tuple[str, str], tuple[str, ...]]  # (table, column) → the values allowed


def suite_code_lists(suites: Iterable[Suite] = SUITES) -> CodeLists:
    """(table, column) → the values its code-list expectation allows, for columns the suite's table has.

    Expectations on a derived column (all_true on a flag, a list on an alias) are not a column's list."""
    lists: CodeLists = {}
    for suite in suites:
        table = TABLES.get(suite.table)
        for e in suite.expectations:
            values = e.kwargs.get("value_set")
            if e.kind != "ColumnValuesToBeInSet" or values == [True] or table is None:
                continue
            if e.kwargs["column"] in table.column_names:
                lists.setdefault((suite.table, e.kwargs["column"]), tuple(str(v) for v in values))
    return lists


def code_list_for(table: str, column: str, lists: CodeLists) -> tuple[tuple[str, ...], str]:
    """A column's own list; else the list of the checked column of the same name, or of the name's
    tail (target_qualifier, gdp_qualifier → qualifier), when that name has one list only (`status`
    has two: files and projects). Returns (values, "table.column" they come from)."""
    if (table, column) in lists:
        return lists[(table, column)], f"{table}.{column}"
    parts = column.split("_")
    for start in range(len(parts)):
        name = "_".join(parts[start:])
        found = sorted((t, c) for t, c in lists if c == name)
        if found and len({lists[k] for k in found}) == 1:
            return lists[found[0]], f"{found[0][0]}.{found[0][1]}"
    return (), ""


def _namesake_order(table: str) -> tuple[int, str]:
    """Whose comment a column without one borrows: a dimension's first, then the others by name."""
    return (0 if table.startswith("dim_") else 1, table)


def catalog(con: duckdb.DuckDBPyConnection, suites: Iterable[Suite] = SUITES) -> list[TableDoc]:
    """Every table of the main and marts schemas, described from DuckDB's comments; main first, by name."""
    # The schema names are our constants, written into the text: a list parameter would make DuckDB
    # import pandas (a second, without compiled bytecode) to look at it.
    schemas = ", ".join(_literal(s) for s in SCHEMAS)
    tables = con.execute(f"""
        SELECT schema_name, table_name, coalesce(comment, '') FROM duckdb_tables()
        WHERE database_name = current_database() AND schema_name IN ({schemas}) AND NOT temporary
        ORDER BY schema_name <> 'main', schema_name, table_name""").fetchall()
    columns: dict[tuple[str, str], list[tuple[str, str, str | None]]] = {}
    for schema, table, name, type_, comment in con.execute(f"""
            SELECT schema_name, table_name, column_name, data_type, comment FROM duckdb_columns()
            WHERE database_name = current_database() AND schema_name IN ({schemas}) AND NOT internal
            ORDER BY schema_name, table_name, column_index""").fetchall():
        columns.setdefault((schema, table), []).append((name, type_, comment))
    # A mart's columns carry no comments of their own (a model sets its table's): they borrow those
    # of the main-schema column of the same name, and the dictionary says from where.
    namesakes: dict[str, tuple[str, str]] = {}
    for (schema, table), cols in sorted(columns.items(), key=lambda kv: _namesake_order(kv[0][1])):
        for name, _, comment in cols:
            if schema == "main" and comment:
                namesakes.setdefault(name, (comment, f"{table}.{name}"))
    lists = suite_code_lists(suites)
    docs = []
    for schema, table, description in tables:
        qualified = table if schema == "main" else f"{schema}.{table}"
        cols = []
        for name, type_, comment in columns[(schema, table)]:
            own = bool(comment)
            text, source = (comment, "") if own else namesakes.get(name, ("", ""))
            values, values_from = code_list_for(qualified, name, lists)
            cols.append(ColumnDoc(name, type_, text, source, values, values_from))
        contract = TABLES.get(table) if schema == "main" else None
        names = {c.name for c in cols}
        key = contract.key if contract and contract.key and set(contract.key) <= names else ()
        (rows,) = con.execute(f"SELECT count(*) FROM {ident(schema)}.{ident(table)}").fetchone()
        docs.append(TableDoc(schema, table, description, tuple(cols), rows, tuple(key)))
    return docs


def _ordered_select(table: TableDoc) -> str:
    """Its rows by key, then by every other column (a key the checks found repeated still sorts one way)."""
    order = [*table.order_by, *(c.name for c in table.columns if c.name not in table.order_by)]
    return f"SELECT * FROM {table.sql_name} ORDER BY {', '.join(ident(c) for c in order)}"


# ---------------------------------------------------------------- the files

@dataclass(frozen=True)
class ExportedFile:
    path: str          # inside the export folder, e.g. csv/marts.targets_wide.csv
    rows: int | None   # None for the dictionary
    bytes: int
    table: str = ""    # the table (or panel) it holds


@dataclass
class ExportResult:
    folder: Path
    files: list[ExportedFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a reader should know: a file skipped, a name changed
    seconds: float = 0.0

    @property
    def bytes(self) -> int:
        return sum(f.bytes for f in self.files)

    def rows_by_table(self) -> dict[str, int]:
        return {f.table: f.rows for f in self.files if f.table and f.rows is not None}


def write_parquet(con: duckdb.DuckDBPyConnection, table: TableDoc, path: Path) -> None:
    con.execute(f"COPY ({_ordered_select(table)}) TO {_literal(str(path))} (FORMAT parquet)")


def write_csv(con: duckdb.DuckDBPyConnection, table: TableDoc, path: Path) -> None:
    """Comma-separated, a header row, NULL as an empty field and an empty text as "", UTF-8 after a BOM."""
    part = path.with_name(path.name + ".part")
    con.execute(f"COPY ({_ordered_select(table)}) TO {_literal(str(part))} (FORMAT csv, HEADER)")
    with path.open("wb") as out, part.open("rb") as body:
        out.write(BOM)
        shutil.copyfileobj(body, out, 1 << 20)
    part.unlink()


# ---------------------------------------------------------------- Stata

@dataclass(frozen=True)
class StataVariable:
    name: str     # the Stata name (≤ 32 characters)
    source: str   # the warehouse column, e.g. marts.targets_vs_outcomes.city_code
    type: str     # the warehouse type
    storage: str  # text, td (a date), tc (a date and time) or number
    label: str    # ≤ 80 characters


def stata_name(name: str, taken: set[str]) -> str:
    """A valid Stata name: letters, digits and _, not starting with a digit, not reserved, ≤ 32, unique."""
    out = re.sub(r"[^A-Za-z0-9_]", "_", name) or "_"
    if out[0].isdigit() or out in STATA_RESERVED or re.fullmatch(r"str\d+", out):
        out = "_" + out
    out = base = out[:STATA_NAME_MAX]
    n = 1
    while out in taken:
        suffix = f"_{n}"
        out, n = base[:STATA_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(out)
    return out


def stata_label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= STATA_LABEL_MAX else text[:STATA_LABEL_MAX - 1] + "…"


def stata_column(sql_column: str, type_: str) -> tuple[str, str]:
    """The column as Stata stores it, and how: (SQL expression, "text" | "td" | "tc" | "number").

    Booleans become 0/1 bytes; wide integers and decimals doubles; TIMESTAMP WITH TIME ZONE is taken
    in UTC; DATE and TIMESTAMP become Stata dates (%td) and times (%tc); anything else is text, its
    NULL written as "" (Stata's missing string)."""
    t = type_.upper()
    if t == "BOOLEAN":
        return f"CAST({sql_column} AS TINYINT)", "number"
    if t in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE"):
        return sql_column, "number"
    if t in ("HUGEINT", "UHUGEINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT") or t.startswith("DECIMAL"):
        return f"CAST({sql_column} AS DOUBLE)", "number"
    if t == "DATE":
        return sql_column, "td"
    if t in ("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ"):
        return f"timezone('UTC', {sql_column})", "tc"
    if t.startswith("TIMESTAMP"):  # TIMESTAMP, _S, _MS, _NS
        return f"CAST({sql_column} AS TIMESTAMP)", "tc"
    return f"coalesce(CAST({sql_column} AS VARCHAR), '')", "text"


@dataclass(frozen=True)
class Panel:
    columns: tuple[tuple[str, str, StataVariable], ...]  # (SQL expression, the name wanted, the variable)
    source: str                                          # the FROM clause
    joined: bool                                         # dim_indicator's columns are in

    @property
    def variables(self) -> list[StataVariable]:
        return [v for _, _, v in self.columns]

    @property
    def data_label(self) -> str:
        return PANEL_LABEL if self.joined else f"govreports research panel: {PANEL}"


def panel_of(tables: list[TableDoc]) -> Panel | None:
    """The panel's columns, then dim_indicator's (as indicator_<name>, unless the mart has that name
    already), joined on indicator_code when both tables have it. None when the mart is missing."""
    by_name = {t.qualified: t for t in tables}
    mart, dim = by_name.get(PANEL), by_name.get(PANEL_JOIN)
    if mart is None:
        return None
    out = [(f"m.{ident(c.name)}", c, mart, c.name) for c in mart.columns]
    source = f"{mart.sql_name} AS m"
    joined = dim is not None and mart.column(PANEL_KEY) is not None and dim.column(PANEL_KEY) is not None
    as_joined: dict[str, str] = {}  # indicator_name_zh → dim_indicator.name_zh's description
    if joined:
        present = {c.name for c in mart.columns}
        for c in dim.columns:
            alias = c.name if c.name.startswith("indicator_") else f"indicator_{c.name}"
            as_joined[alias] = c.description
            if c.name != PANEL_KEY and alias not in present:
                out.append((f"i.{ident(c.name)}", c, dim, alias))
                present.add(alias)
        source += f" LEFT JOIN {dim.sql_name} AS i ON i.{ident(PANEL_KEY)} = m.{ident(PANEL_KEY)}"
    taken: set[str] = set()
    columns = []
    for expr, c, t, alias in out:
        stored, storage = stata_column(expr, c.type)
        # A mart column the join would have given (indicator_name_zh) is labelled as dim_indicator's.
        label = stata_label(c.description or (as_joined.get(c.name, "") if t is mart else ""))
        columns.append((stored, alias, StataVariable(stata_name(alias, taken), f"{t.qualified}.{c.name}", c.type,
                                                     storage, label)))
    return Panel(tuple(columns), source, joined)


def write_panel(con: duckdb.DuckDBPyConnection, tables: list[TableDoc], path: Path,
                notes: list[str]) -> tuple[int, list[StataVariable]] | None:
    """The research panel as Stata 118 (.dta, UTF-8 strings), variable labels from the column comments.

    Rows in order of every column; the header's time stamp fixed. None (and a note) when the mart
    does not exist yet."""
    panel = panel_of(tables)
    if panel is None:
        notes.append(f"skipped {PANEL_FILE}: {PANEL} is not in the warehouse yet (its model has not run)")
        return None
    import pandas as pd  # only here: its import takes a second

    select = ", ".join(f"{expr} AS {ident(v.name)}" for expr, _, v in panel.columns)
    frame = con.execute(f"SELECT {select} FROM {panel.source} ORDER BY ALL").df()
    notes += [f"{PANEL_FILE}: {alias} is named {v.name} (Stata names: ≤ 32 letters, digits or _)"
              for _, alias, v in panel.columns if v.name != alias]
    variables = panel.variables
    strl = [v.name for v in variables
            if v.storage == "text" and frame[v.name].map(lambda text: len(text.encode("utf-8"))).max() > STATA_STR_MAX]
    dates = {v.name: v.storage for v in variables if v.storage in ("td", "tc")}
    path.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame.to_stata(path, write_index=False, version=118, convert_dates=dates, convert_strl=strl,
                       variable_labels={v.name: v.label for v in variables if v.label},
                       data_label=panel.data_label, time_stamp=STATA_TIME_STAMP)
    notes += [f"{PANEL_FILE}: {' '.join(str(w.message).split())}" for w in caught
              if issubclass(w.category, pd.errors.PossiblePrecisionLoss)]
    return len(frame), variables


# ---------------------------------------------------------------- the data dictionary

DICTIONARY_COLUMNS = ("table", "column", "position", "type", "description", "description_from",
                      "code_list", "code_list_from")


def dictionary_csv(tables: list[TableDoc]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DICTIONARY_COLUMNS)
    for t in tables:
        for position, c in enumerate(t.columns, 1):
            writer.writerow([t.qualified, c.name, position, c.type, c.description, c.description_from,
                             "|".join(c.code_list), c.code_list_from])
    return BOM + buffer.getvalue().encode("utf-8")


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def dictionary_markdown(tables: list[TableDoc], panel: list[StataVariable] | None, panel_rows: int | None) -> bytes:
    lines = [
        "# govreports: data dictionary",
        "",
        "An export of the govreports warehouse (Chinese government work reports and local news, as tables), "
        "written by `make export` or the Dagster asset `warehouse_export` from the published warehouse.",
        "",
        "- `parquet/<table>.parquet`: every table, with its types (DATE, TIMESTAMP, BOOLEAN, DOUBLE …).",
        "- `csv/<table>.csv`: the same rows as UTF-8 text with a byte-order mark (Excel shows Chinese), "
        "comma-separated, a header row, NULL as an empty field, an empty text as `\"\"`, dates as YYYY-MM-DD.",
        f"- `{PANEL_FILE}`: the research panel `{PANEL}` joined to `{PANEL_JOIN}`, Stata 14+ format (118, UTF-8), "
        "variable labels from the column descriptions, booleans as 0/1 bytes, dates as Stata dates"
        + (f" ({panel_rows} rows)." if panel is not None else ": not in this export (the mart did not exist yet)."),
        "- `dictionary.md`, `dictionary.csv`: this dictionary; the CSV has one row per column.",
        "",
        "Tables of schema `marts` are named `marts.<table>`, as in SQL. Rows are in a fixed order (the table's key, "
        "else every column from the first), so the same warehouse gives the same files, byte for byte. A column "
        "without a description of its own (the marts' columns) shows that of the column of the same name it "
        "comes from, marked *(as …)*. A code list is checked by the pipeline's data-quality suites "
        "(`pipelines/checks/suites.py`); one marked *(as …)* is the list of that checked column.",
        "",
        "## Tables",
        "",
        "| table | rows | order | description |",
        "|---|---:|---|---|",
    ]
    lines += [f"| [`{t.qualified}`](#{t.qualified.replace('.', '')}) | {t.rows} | "
              f"{', '.join(t.order_by) or 'all columns'} | {_cell(t.description)} |" for t in tables]
    for t in tables:
        lines += ["", f"## {t.qualified}", "", _cell(t.description) or "(no description)", "",
                  f"{t.rows} rows; files `parquet/{t.qualified}.parquet`, `csv/{t.qualified}.csv`.", "",
                  "| column | type | description | code list |", "|---|---|---|---|"]
        for c in t.columns:
            text = _cell(c.description) + (f" *(as {c.description_from})*" if c.description_from else "")
            codes = ", ".join(f"`{v}`" for v in c.code_list)
            if codes and c.code_list_from != f"{t.qualified}.{c.name}":
                codes += f" *(as {c.code_list_from})*"
            lines.append(f"| `{c.name}` | {c.type} | {text} | {codes} |")
    if panel is not None:
        lines += ["", f"## {PANEL_FILE}", "", f"{panel_rows} rows, one per row of `{PANEL}`, "
                  f"with `{PANEL_JOIN}`'s columns joined on `{PANEL_KEY}`.", "",
                  "| variable | from | type | label |", "|---|---|---|---|"]
        lines += [f"| `{v.name}` | `{v.source}` | {v.type} | {_cell(v.label)} |" for v in panel]
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------- the whole export

def write_export(con: duckdb.DuckDBPyConnection, folder: Path, suites: Iterable[Suite] = SUITES) -> ExportResult:
    """Every file into `folder` (which must be empty or missing)."""
    result = ExportResult(folder)
    tables = catalog(con, suites)
    for sub in ("parquet", "csv"):
        (folder / sub).mkdir(parents=True, exist_ok=True)

    def add(relative: str, rows: int | None, table: str = "") -> None:
        result.files.append(ExportedFile(relative, rows, (folder / relative).stat().st_size, table))

    for t in tables:
        write_parquet(con, t, folder / "parquet" / f"{t.qualified}.parquet")
        add(f"parquet/{t.qualified}.parquet", t.rows, t.qualified)
        write_csv(con, t, folder / "csv" / f"{t.qualified}.csv")
        add(f"csv/{t.qualified}.csv", t.rows, t.qualified)
    panel = write_panel(con, tables, folder / PANEL_FILE, result.notes)
    if panel is not None:
        add(PANEL_FILE, panel[0], PANEL)
    (folder / "dictionary.csv").write_bytes(dictionary_csv(tables))
    add("dictionary.csv", None)
    (folder / "dictionary.md").write_bytes(dictionary_markdown(tables, panel and panel[1], panel and panel[0]))
    add("dictionary.md", None)
    return result


def export_warehouse(warehouse_file: Path, folder: Path | None = None,
                     suites: Iterable[Suite] = SUITES) -> ExportResult:
    """Export the warehouse file (opened read-only) to `folder` (default: export/ beside it).

    Written into a hidden folder beside the target, then swapped in with two renames: a reader sees
    the previous export or this one whole (for the instant between the renames, no folder)."""
    started = time.perf_counter()
    warehouse_file = Path(warehouse_file)
    if not warehouse_file.is_file():
        raise FileNotFoundError(f"no warehouse at {warehouse_file}: build it first (make run)")
    folder = Path(folder) if folder else export_dir(warehouse_file)
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = folder.with_name(f".{folder.name}.{os.getpid()}.building")
    old = folder.with_name(f".{folder.name}.{os.getpid()}.old")
    for leftover in (building, old):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        with duckdb.connect(str(warehouse_file), read_only=True) as con:
            result = write_export(con, building, suites)
        if folder.exists():
            folder.rename(old)
        building.rename(folder)
    finally:
        shutil.rmtree(building, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    result.folder = folder
    result.seconds = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> int:
    from .. import config

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--warehouse", type=Path, default=None, help="DuckDB file (default: GOVREPORTS_WAREHOUSE)")
    ap.add_argument("--out", type=Path, default=None, help="folder to write (default: export/ beside the warehouse)")
    args = ap.parse_args(argv)
    try:
        result = export_warehouse(args.warehouse or config.warehouse_path(), args.out)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    tables = result.rows_by_table()
    print(f"exported {len(tables)} tables ({sum(tables.values())} rows) as Parquet and CSV"
          f"{', the Stata panel' if any(f.path == PANEL_FILE for f in result.files) else ''} and the dictionary: "
          f"{len(result.files)} files, {result.bytes / 1e6:.1f} MB in {result.seconds:.1f} s")
    print(f"wrote {result.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
