"""The marts' dbt project (models/) without Dagster: the file it builds, its manifest.

models/profiles.yml builds the marts in the DuckDB file named by GOVREPORTS_DBT_DATABASE;
`database_env` sets it around one dbt invocation (the run's working copy, see
pipelines/defs/assets/marts.py). Dagster's definitions are built from the project's manifest,
models/target/dagster/manifest.json (ignored by git): `ensure_manifest` runs `dbt parse` when it
is missing or when a file of the project changed since, so a fresh clone needs no step of its
own. It has a folder of its own: dbt run by hand writes models/target/ (docs/models.md), and a
partial-parse file made there (for another DuckDB file) would make every run parse in full.
The project has no dbt packages: nothing is downloaded, at install or at run time.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import config

PROJECT_DIR = config.DBT_PROJECT_DIR
TARGET_DIR = PROJECT_DIR / "target" / "dagster"
PARTIAL_PARSE = TARGET_DIR / "partial_parse.msgpack"
MANIFEST = TARGET_DIR / "manifest.json"
# What the manifest is parsed from; a digest of these files sits beside it.
SOURCES = ("dbt_project.yml", "profiles.yml", "marts/**/*.sql", "marts/**/*.yml", "tests/**/*.sql", "macros/**/*.sql")
STAMP = TARGET_DIR / "manifest.sources.sha256"


def dbt_executable() -> Path:
    """dbt of this environment, beside its python: `make run` does not put .venv/bin on PATH."""
    return Path(sys.executable).with_name("dbt")


@contextmanager
def database_env(database: Path) -> Iterator[None]:
    """GOVREPORTS_DBT_DATABASE set to `database` inside the block (dbt processes started there inherit it)."""
    name = config.DBT_DATABASE_ENV
    before = os.environ.get(name)
    os.environ[name] = str(database)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def sources_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted({p for pattern in SOURCES for p in PROJECT_DIR.glob(pattern) if p.is_file()}):
        digest.update(path.relative_to(PROJECT_DIR).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def ensure_manifest(database: Path) -> Path:
    """models/target/manifest.json, parsed again if any file of the project changed since.

    `database` only fills in the profile: parsing reads no data. A parse lands in a folder of its
    own and its files are moved in one by one (manifest last), so processes loading the
    definitions at once never read half a file. Raises with dbt's message when the project does
    not parse (a Jinja error, a ref to no model).
    """
    wanted = sources_digest()
    if MANIFEST.exists() and STAMP.exists() and STAMP.read_text(encoding="utf-8") == wanted:
        return MANIFEST
    work = TARGET_DIR / f".parse-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    try:
        if PARTIAL_PARSE.exists():  # dbt re-parses only the files that changed
            shutil.copyfile(PARTIAL_PARSE, work / PARTIAL_PARSE.name)
        env = {**os.environ, config.DBT_DATABASE_ENV: str(database), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
        done = subprocess.run([str(dbt_executable()), "parse", "--quiet", "--project-dir", str(PROJECT_DIR),
                               "--profiles-dir", str(PROJECT_DIR), "--target-path", str(work), "--log-path", str(work)],
                              env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"dbt parse of {PROJECT_DIR} failed:\n{done.stdout}{done.stderr}")
        for name in ("partial_parse.msgpack", "manifest.json"):
            os.replace(work / name, TARGET_DIR / name)
        stamp = work / STAMP.name
        stamp.write_text(wanted, encoding="utf-8")
        os.replace(stamp, STAMP)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return MANIFEST
