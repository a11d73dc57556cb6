"""Resources: the DuckDB warehouse, at the path config.py gives, written through a working copy.

DuckDB lets one process write a file or many read it, not both. So a run never writes the
warehouse users read: every step writes `.building/<name>` beside it, and the last asset,
`warehouse_published`, swaps a consistent copy in with one rename. A reader that holds the old
file open keeps reading it, whole; the next connection sees the new one.
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from dagster_duckdb import DuckDBResource
from packaging.version import Version

from .. import config
from ..warehouse import team
from ..warehouse.store import ensure_working_copy, working_copy_of
from .dbt_models import dbt_executable


class WarehouseResource(DuckDBResource):
    """A DuckDBResource whose connections open the working copy of `database`, not the file itself."""

    @property
    def working_copy(self) -> Path:
        return working_copy_of(Path(self.database))

    @contextmanager
    def get_connection(self):
        if team.enabled():  # team mode: the working copy starts from the DuckLake's current snapshot
            team.ensure_working_copy(self.working_copy)
        else:
            ensure_working_copy(Path(self.database), self.working_copy)
        inner = DuckDBResource(database=str(self.working_copy), connection_config=self.connection_config)
        with inner.get_connection() as con:
            yield con


def written_file(duckdb: DuckDBResource) -> Path:
    """The file steps write: the working copy of a WarehouseResource, else the database itself (tests)."""
    return duckdb.working_copy if isinstance(duckdb, WarehouseResource) else Path(duckdb.database)


class DbtResource(DbtCliResource):
    """dbt through dagster-dbt, without two costs of each invocation that this project does not use.

    - DbtCliResource asks `dbt --version` once per resource: a process start (3-6 s here) and a
      request to PyPI for the latest release, on every run. The dbt that runs is this environment's
      (dbt_executable), so its version is the installed package's.
    - It also loads dbt's adapter into the Dagster process, to read column types while dbt runs;
      the marts step reads them from the DuckDB file after dbt has finished instead (a second
      process on the file would wait for dbt's lock).
    """

    @cached_property
    def _cli_version(self) -> Version:
        from dbt.version import __version__

        return Version(__version__)

    def _initialize_dbt_core_adapter(self, args):
        return None


def dbt_resource(project: DbtProject) -> DbtResource:
    return DbtResource(project_dir=project, dbt_executable=str(dbt_executable()))


def warehouse_resource() -> WarehouseResource:
    path = config.warehouse_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return WarehouseResource(database=str(path))
