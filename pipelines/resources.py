"""Resources: the DuckDB warehouse, at the path config.py gives, written through a working copy.

DuckDB lets one process write a file or many read it, not both. So a run never writes the
warehouse users read: every step writes `.building/<name>` beside it, and the last asset,
`warehouse_published`, swaps a consistent copy in with one rename. A reader that holds the old
file open keeps reading it, whole; the next connection sees the new one.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from dagster_duckdb import DuckDBResource

from . import config, team
from .warehouse import ensure_working_copy, working_copy_of


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


def warehouse_resource() -> WarehouseResource:
    path = config.warehouse_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return WarehouseResource(database=str(path))
