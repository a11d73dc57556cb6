"""`make run`: every file of the seeds folder through every asset and check, in one Dagster run.

    python -m pipelines.run            the whole graph over every file (what `make run` does)
    python -m pipelines.run FILE...    only those files' partitions (what the sensor's runs do)

The run is recorded in the Dagster instance at DAGSTER_HOME, so it shows in the UI like any
other. Exit status 0 when the run succeeded, 1 when it failed (the summary says what).
"""
from __future__ import annotations

import argparse
import sys

import dagster as dg

from . import config
from .definitions import ingest_files_job, refresh_all_job  # applies config.DAGSTER_ENV
from .defs.partitions import all_files_tags, sync_source_files


def refresh_all(instance: dg.DagsterInstance) -> dg.ExecutionResult:
    """Partitions made equal to the seeds folder's files, then one run over all of them."""
    keys, _, _ = sync_source_files(instance, config.seeds_dir())
    return dg.execute_job(dg.reconstructable(refresh_all_job), instance=instance, tags=all_files_tags(keys),
                          raise_on_error=False)


def ingest_files(instance: dg.DagsterInstance, files: list[str]) -> list[dg.ExecutionResult]:
    """One `ingest_files` run per file, as the sensor requests them.

    Rows of files that have left the folder stay until a refresh_marts run (or `make run`) prunes them."""
    keys, _, removed = sync_source_files(instance, config.seeds_dir())
    if removed:
        print(f"no longer in the seeds folder: {', '.join(removed)}; their rows go with the next "
              "refresh_marts run or make run", file=sys.stderr)
    missing = [f for f in files if f not in keys]
    if missing:
        raise ValueError(f"not in the seeds folder {config.seeds_dir()}: {', '.join(missing)}")
    return [dg.execute_job(dg.reconstructable(ingest_files_job), instance=instance,
                           tags={"dagster/partition": f}, raise_on_error=False) for f in files]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help="file names inside the seeds folder (default: the whole graph)")
    args = ap.parse_args(argv)
    folder = config.seeds_dir()
    if not folder.is_dir():
        print(f"error: seeds folder {folder} does not exist (set GOVREPORTS_SEEDS)", file=sys.stderr)
        return 2
    config.prepare_dagster_home()
    try:
        with dg.DagsterInstance.get() as instance:
            results = ingest_files(instance, args.files) if args.files else [refresh_all(instance)]
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failed = [r.run_id for r in results if not r.success]
    for run_id in failed:
        print(f"run {run_id} failed: see its log above or in the Dagster UI (make dev)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
