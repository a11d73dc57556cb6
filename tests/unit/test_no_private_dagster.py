"""The pipeline uses Dagster's public API only (issue 21): no module under pipelines/ imports a
private part of Dagster (`dagster._core…`, `dagster._utils…`, or `from dagster import _x`), in any
form, at any depth (inside functions and `if TYPE_CHECKING:` blocks too), nor names one to
importlib. Private modules change without notice between Dagster releases."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PIPELINES = Path(__file__).resolve().parents[2] / "pipelines"


def _is_private_dagster(module: str) -> bool:
    parts = module.split(".")
    return parts[0] == "dagster" and len(parts) > 1 and parts[1].startswith("_")


def private_dagster_imports(source: str, filename: str = "<string>") -> list[tuple[int, str]]:
    """(line, what is imported) for every import of a private Dagster module in `source`."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):  # import dagster._core.x [as y]
            found += [(node.lineno, alias.name) for alias in node.names if _is_private_dagster(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if _is_private_dagster(node.module):  # from dagster._core.x import y
                found.append((node.lineno, node.module))
            elif node.module == "dagster":  # from dagster import _core
                found += [(node.lineno, f"dagster.{alias.name}") for alias in node.names
                          if alias.name.startswith("_")]
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str) and _is_private_dagster(node.args[0].value)
              and ((isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                   or (isinstance(node.func, ast.Name) and node.func.id in ("import_module", "__import__")))):
            found.append((node.lineno, node.args[0].value))  # importlib.import_module("dagster._core.x")
    return sorted(found)


def test_no_module_in_pipelines_imports_private_dagster():
    files = sorted(PIPELINES.rglob("*.py"))
    assert files, f"no Python files under {PIPELINES}"
    offences = [f"{path.relative_to(PIPELINES.parent)}:{line}: imports {module}"
                for path in files
                for line, module in private_dagster_imports(path.read_text(encoding="utf-8"), str(path))]
    assert not offences, "private Dagster API imported (use the public `dagster` API):\n" + "\n".join(offences)


@pytest.mark.parametrize("source", [
    "import dagster._core",
    "import dagster._core.storage.sqlite as s",
    "import os, dagster._utils",
    "from dagster._core.events import ASSET_EVENTS",
    "from dagster._core.storage.event_log.sqlite.sqlite_event_log import (\n    SqliteEventLogStorage,\n)",
    "from dagster import _core",
    "from dagster import asset, _check as check",
    "def f():\n    from dagster._core.events.log import EventLogEntry",
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from dagster._core.instance import DagsterInstance",
    "try:\n    import dagster._seven as seven\nexcept ImportError:\n    pass",
    "import importlib\nm = importlib.import_module('dagster._core.storage')",
    "m = __import__('dagster._core')",
])
def test_each_form_of_private_import_is_found(source):
    assert private_dagster_imports(source)


@pytest.mark.parametrize("source", [
    "import dagster as dg",
    "import dagster",
    "from dagster import asset, DagsterInstance",
    "from dagster_duckdb import DuckDBResource",
    "import dagster_shared",
    "from . import _private_helper",
    "from ._core import x",
    "text = 'dagster._core is private'",
])
def test_public_imports_pass(source):
    assert not private_dagster_imports(source)


def test_the_offence_names_its_line():
    source = "import dagster as dg\n\n\nfrom dagster._core.events import ASSET_EVENTS\n"
    assert private_dagster_imports(source) == [(4, "dagster._core.events")]
