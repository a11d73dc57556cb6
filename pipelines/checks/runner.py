"""Running a suite with great-expectations 1.x on a DataFrame, and building its Data Docs.

great-expectations is imported here only, inside functions: its import takes ~10 s.
Its SQLAlchemy route fails on DuckDB (GX #10738, #11579), so suites validate a pandas
DataFrame that DuckDB produced from the suite's query.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .suites import Expect, Suite

if TYPE_CHECKING:
    from .quarantine import SetAside

_LOCK = threading.Lock()


@dataclass(frozen=True)
class Outcome:
    """The result of one expectation, as dq_results stores it."""

    expectation: str
    column: str | None
    success: bool
    observed: str
    details: str


@dataclass(frozen=True)
class SuiteOutcome:
    suite: Suite
    success: bool
    outcomes: tuple[Outcome, ...]
    rows_checked: int
    # A row suite's breaking rows: (row key, why), one entry per row; `named` is False when
    # great-expectations did not name every unexpected row (then none may be set aside).
    breaches: tuple[tuple[str, str], ...] = ()
    named: bool = True
    set_aside: SetAside | None = None  # what was done with the breaches (execute.py)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success]

    @property
    def passed(self) -> bool:
        """The check's verdict: every expectation held, or a row suite set its breaking rows aside."""
        return self.success or (self.set_aside is not None and self.set_aside.refused is None)


def _share_compiled_templates() -> None:
    """great-expectations builds a new Jinja environment for every page it renders and compiles
    its templates again each time (~0.3 s a page). One in-memory bytecode cache shared by those
    environments compiles each template once per process; Jinja keys it by name and source checksum."""
    import jinja2
    from great_expectations.render.view.view import DefaultJinjaView

    if getattr(DefaultJinjaView, "_govreports_cache", None):
        return

    class MemoryBytecodeCache(jinja2.BytecodeCache):
        def __init__(self) -> None:
            self.store: dict[str, bytes] = {}

        def load_bytecode(self, bucket) -> None:
            if bucket.key in self.store:
                bucket.bytecode_from_string(self.store[bucket.key])

        def dump_bytecode(self, bucket) -> None:
            self.store[bucket.key] = bucket.bytecode_to_string()

    cache, original_init = MemoryBytecodeCache(), DefaultJinjaView.__init__

    def init(self, *args, **kwargs) -> None:
        original_init(self, *args, **kwargs)
        self.env.bytecode_cache = cache

    DefaultJinjaView.__init__ = init
    DefaultJinjaView._govreports_cache = cache


@lru_cache(maxsize=4)
def _context(docs_dir: str):
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    _share_compiled_templates()

    # In memory: a file context re-reads and re-writes its YAML config on every suite (~0.4 s each);
    # the Data Docs pages are still written to `docs_dir`, and the results to dq_results.
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    if "govreports" not in (ctx.get_config().data_docs_sites or {}):
        ctx.add_data_docs_site(site_name="govreports", site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": docs_dir},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
    try:
        ctx.data_sources.get("warehouse")
    except Exception:  # noqa: BLE001 - GX raises several kinds for "not there yet"
        ctx.data_sources.add_pandas("warehouse")
    return ctx


def _forget_previous(docs_dir: Path, name: str) -> None:
    """The latest result per suite keeps its page; history lives in dq_results."""
    shutil.rmtree(docs_dir / "validations" / name, ignore_errors=True)


def validation_page(docs_dir: Path, name: str) -> Path | None:
    """The GX Data Docs page of a suite's latest validation, if built."""
    pages = sorted((docs_dir / "validations" / name).rglob("*.html"))
    return pages[-1] if pages else None


def _observed(result: dict) -> str:
    if "observed_value" in result:
        return str(result["observed_value"])
    if "unexpected_count" in result:
        return f"{result['unexpected_count']} of {result.get('element_count', '?')} rows unexpected"
    return ""


def _plain(value) -> str:
    """A cell as a person writes it: NULL, 1840, 1.34e+15, true."""
    value = getattr(value, "item", lambda: value)()  # numpy scalar → Python
    if value is None or value != value:  # NaN is how pandas carries a NULL number
        return "NULL"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


def _breaches(suite: Suite, results) -> tuple[tuple[tuple[str, str], ...], bool]:
    """(row key, reasons) of every row a row suite's expectations found unexpected, and whether
    great-expectations named them all (unexpected_index_list as long as unexpected_count)."""
    reasons: dict[str, list[str]] = {}
    named = True
    for r in results:
        if r.success:
            continue
        res, cfg = dict(r.result or {}), r.expectation_config
        kind = "".join(part.capitalize() for part in cfg.type.removeprefix("expect_").split("_"))
        rule = Expect(kind, dict(cfg.kwargs)).rule()
        column = cfg.kwargs["column"]
        rows = res.get("unexpected_index_list") or []
        named = named and len(rows) == res.get("unexpected_count", -1)
        for row in rows:
            key, value = _plain(row[suite.key]), _plain(row.get(column))
            reasons.setdefault(key, []).append(f"{column} is NULL" if value == "NULL" else f"{column} = {value}, {rule}")
    return tuple((key, "; ".join(why)) for key, why in reasons.items()), named


def run_suite(suite: Suite, frame, docs_dir: Path) -> SuiteOutcome:
    """Validate `frame` (pandas) against `suite`; store the result and refresh the GX Data Docs."""
    import great_expectations as gx

    with _LOCK:
        ctx = _context(str(docs_dir))
        source = ctx.data_sources.get("warehouse")
        try:
            asset = source.get_asset(suite.check_name)
        except LookupError:
            asset = source.add_dataframe_asset(name=suite.check_name)
        try:
            batch = asset.get_batch_definition("all")
        except (KeyError, LookupError):
            batch = asset.add_batch_definition_whole_dataframe("all")
        expectations = [getattr(gx.expectations, "Expect" + e.kind)(**{k: v for k, v in e.kwargs.items() if v is not None})
                        for e in suite.expectations]
        gx_suite = ctx.suites.add_or_update(gx.ExpectationSuite(
            name=suite.check_name, expectations=expectations,
            meta={"severity": suite.severity, "description": suite.description, "sql": suite.sql}))
        validation = ctx.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=suite.check_name, data=batch, suite=gx_suite))
        # A row suite asks for every unexpected row by its key, to set those rows aside.
        result_format = ({"result_format": "COMPLETE", "unexpected_index_column_names": [suite.key]}
                         if suite.rows else "SUMMARY")
        checkpoint = ctx.checkpoints.add_or_update(gx.Checkpoint(
            name=suite.check_name, validation_definitions=[validation], actions=[], result_format=result_format))
        _forget_previous(Path(docs_dir), suite.check_name)
        result = checkpoint.run(batch_parameters={"dataframe": frame})
        # Only this validation's page: GX's own index re-renders every page (~1 s a check); the
        # offline front page (report.write_index) links to the pages instead.
        ctx.build_data_docs(site_names=["govreports"], resource_identifiers=list(result.run_results),
                            build_index=not (Path(docs_dir) / "index.html").exists())
    outcomes, results = [], [r for run in result.run_results.values() for r in run.results]
    for r in results:
        cfg = r.expectation_config
        res = dict(r.result or {})
        details = {"kwargs": {k: v for k, v in cfg.kwargs.items() if k != "batch_id"},
                   "unexpected_sample": [str(x) for x in res.get("partial_unexpected_list", [])[:10]],
                   "severity": suite.severity}
        outcomes.append(Outcome(cfg.type, cfg.kwargs.get("column"), bool(r.success), _observed(res),
                                json.dumps(details, ensure_ascii=False, default=str)))
    breaches, named = _breaches(suite, results) if suite.rows else ((), True)
    return SuiteOutcome(suite, bool(result.success), tuple(outcomes), len(frame), breaches, named)
