"""The import graph of pipelines/: no circles, no module reaching into another's private names, and
the layers below the Dagster wiring (config.py, extract/, warehouse/, checks/) reaching no Dagster.

Built from the source with `ast` (nothing is imported, so the test also holds for modules whose
imports are costly or lazy). Which imports count:

- every `import` and `from … import` statement of a module, at its top level and inside functions,
  classes, `if TYPE_CHECKING:` blocks and `try:` blocks alike. A lazy import inside a function is
  still a dependency of the module: it runs whenever the function does, and a circle closed by one
  is still a circle (it only moves the failure from import time to call time, and hides the order
  in which the code is to be understood). So a circle cannot be "fixed" by moving an import into a
  function; it is fixed by moving the shared piece to the module that owns it, or by passing a
  function in;
- relative imports are resolved against the importing module's package (`from ..vocabulary import
  VOCAB` in pipelines/extract/facts/measures.py is pipelines.extract.vocabulary); `from P import name`
  is an edge to the submodule P.name when there is one (`from . import dating`), else to P;
- a module's parent packages are not counted as dependencies: importing pipelines.extract.text.scan
  runs pipelines/extract/__init__.py and pipelines/extract/text/__init__.py first, but that is how
  packages work, not a choice of the module's; only the modules an import statement names count.
  (A package's __init__ that imports its own modules is counted like any module: it must not be
  imported back by them.)

Private names: `from X import _name` (and `X._name` on a name bound to a module of pipelines/ by an
import) where X is another module of pipelines/ is refused; `from X import name as _name` (a public
name kept private under an alias) is fine. Dunder names (`__version__`) are not private.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "pipelines"


def _modules() -> dict[str, Path]:
    """Dotted name → file of every module under pipelines/ (a package is its __init__.py)."""
    out = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


def _base(module: str, node: ast.ImportFrom) -> str:
    """The module a `from … import` names, resolved against `module`'s package."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if _is_package(module) else module.split(".")[:-1]
    if node.level > 1:
        package = package[: len(package) - (node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


class _Imports(ast.NodeVisitor):
    """The modules of pipelines/ one module imports, the private names it takes from them, and
    the names it binds to modules of pipelines/ (to catch `module._name`)."""

    def __init__(self, module: str):
        self.module = module
        self.edges: dict[str, int] = {}  # imported module → first line
        self.private: list[str] = []
        self.bound: dict[str, str] = {}  # local name → module of pipelines/
        self.outside: set[str] = set()  # top-level names of the other packages it imports (dagster, re)

    def _edge(self, target: str, line: int) -> None:
        if target in MODULES and target != self.module:
            self.edges.setdefault(target, line)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] != PACKAGE:
                self.outside.add(alias.name.split(".")[0])
                continue
            self._edge(alias.name, node.lineno)
            if alias.asname and alias.name in MODULES:
                self.bound[alias.asname] = alias.name

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = _base(self.module, node)
        if base.split(".")[0] != PACKAGE:
            self.outside.add(base.split(".")[0])
            return
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            if sub in MODULES:  # a submodule: `from . import dating`
                self._edge(sub, node.lineno)
                self.bound[alias.asname or alias.name] = sub
                if _is_private(alias.name) and base != self.module.rpartition(".")[0]:
                    self.private.append(f"line {node.lineno}: from {base} import {alias.name} (a private module)")
                continue
            self._edge(base, node.lineno)
            if _is_private(alias.name) and base in MODULES and base != self.module:
                self.private.append(f"line {node.lineno}: from {base} import {alias.name}")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if (isinstance(node.value, ast.Name) and node.value.id in self.bound and _is_private(node.attr)
                and self.bound[node.value.id] != self.module):
            self.private.append(f"line {node.lineno}: {node.value.id}.{node.attr} "
                                f"({self.bound[node.value.id]})")
        self.generic_visit(node)


def _scan() -> dict[str, _Imports]:
    out = {}
    for module, path in MODULES.items():
        visitor = _Imports(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        # Imports first, so that a name bound anywhere in the module is known to every attribute.
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                visitor.visit_Import(node)
            elif isinstance(node, ast.ImportFrom):
                visitor.visit_ImportFrom(node)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                visitor.visit_Attribute(node)
        out[module] = visitor
    return out


SCAN = _scan()


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_the_package():
    """Guards the test itself: it finds the modules and the imports between them."""
    assert "pipelines.extract" in MODULES and "pipelines.definitions" in MODULES
    assert sum(len(s.edges) for s in SCAN.values()) > 50


def test_no_import_circles_in_pipelines():
    graph = {m: set(s.edges) for m, s in SCAN.items()}
    circles = _cycles(graph)
    described = []
    for circle in circles:
        inside = set(circle)
        steps = [f"{m} → {t} (line {SCAN[m].edges[t]})" for m in circle for t in sorted(SCAN[m].edges)
                 if t in inside]
        described.append("circle of " + ", ".join(circle) + ":\n    " + "\n    ".join(steps))
    assert not circles, "\n".join(described)


def test_no_module_imports_another_modules_private_names():
    found = [f"{MODULES[m].relative_to(ROOT)} {p}" for m, s in sorted(SCAN.items()) for p in s.private]
    assert not found, "private names taken from another module:\n" + "\n".join(found)


CORE = "pipelines.extract"
WAREHOUSE_SIDE = {"dagster", "dagster_duckdb", "dagster_webserver", "duckdb", "polars", "great_expectations"}


def test_the_extract_core_knows_no_warehouse():
    """extract/ is strings in, facts out: it imports no module of pipelines/ outside it (the schema,
    the warehouse, config) and neither Dagster nor a database; the wiring maps its facts to tables."""
    found = []
    for module, scan in sorted(SCAN.items()):
        if module != CORE and not module.startswith(CORE + "."):
            continue
        found += [f"{module} → {t}" for t in sorted(scan.edges) if t != CORE and not t.startswith(CORE + ".")]
        found += [f"{module} → {p}" for p in sorted(scan.outside & WAREHOUSE_SIDE)]
    assert not found, "the extract core reaches outside it:\n" + "\n".join(found)



LAYERS = ("pipelines.extract.text", "pipelines.extract.documents", "pipelines.extract.facts")


def _layer(module: str) -> int | None:
    return next((k for k, layer in enumerate(LAYERS) if module == layer or module.startswith(layer + ".")), None)


def test_each_part_of_extract_uses_only_the_parts_before_it():
    """text/ (bytes to a reading view) knows no documents nor facts; documents/ knows no facts."""
    found = [f"{module} → {target}" for module, scan in sorted(SCAN.items()) if _layer(module) is not None
             for target in sorted(scan.edges) if (_layer(target) or 0) > _layer(module)]
    assert not found, "a part of extract/ imports a later one:\n" + "\n".join(found)


WIRING = ("pipelines.defs", "pipelines.definitions", "pipelines.run", "pipelines.dev")
BELOW_THE_WIRING = ("pipelines.config", "pipelines.extract", "pipelines.warehouse", "pipelines.checks")


def _in(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _is_dagster(package: str) -> bool:
    return package == "dagster" or package.startswith("dagster_")  # dagster_duckdb, dagster_dbt, dagster_postgres …


def _reached(module: str) -> set[str]:
    """Every module of pipelines/ that importing `module` runs: its imports, theirs, and so on, with
    the parent packages of each (their __init__ runs first)."""
    seen, todo = set(), [module]
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            parents = [".".join(m.split(".")[:k]) for k in range(1, m.count(".") + 1)]
            todo += [t for t in [*SCAN[m].edges, *parents] if t in MODULES]
    return seen


def test_the_layers_below_the_wiring_know_no_dagster():
    """config.py, extract/, warehouse/ and checks/ import no Dagster package, not even through another
    module of pipelines/, and no module of the wiring (defs/, definitions.py, run.py, dev.py): Dagster
    is wired on top of them (`python -m pipelines.warehouse.export` and `.team` run without it)."""
    below = sorted(m for m in MODULES if _in(m, BELOW_THE_WIRING))
    assert len(below) > 40 and "pipelines.warehouse.store" in below  # the test sees the layers
    found = []
    for module in below:
        for reached in sorted(_reached(module)):
            if _in(reached, WIRING):
                found.append(f"{module} → {reached}")
            found += [f"{module} → {reached} → {p}" for p in sorted(SCAN[reached].outside) if _is_dagster(p)]
    assert not found, "a layer below the wiring reaches Dagster or the wiring:\n" + "\n".join(found)
