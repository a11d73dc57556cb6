"""Partitions: one per file of the seeds folder, so a new or changed file is processed alone.

Ingestion, documents and facts are partitioned by `source_files`; dimensions, marts, charts and
the publish step are not (they read every partition). A full run covers every partition in one
run (single-run backfill policy: each step gets the list of files), a sensor run covers one file.
"""
from __future__ import annotations

from pathlib import Path

import dagster as dg

from ..extract.text import input_files

source_files = dg.DynamicPartitionsDefinition(name="source_files")

# Every partitioned step handles its whole list of files in one go: a run over a thousand files is
# one step per asset, not a thousand.
ONE_RUN_FOR_ALL_FILES = dg.BackfillPolicy.single_run()

# Substrings Dagster refuses in a partition key (dagster/_core/definitions/partitions/utils/base.py).
_FORBIDDEN = ("...", "\a", "\b", "\f", "\n", "\r", "\t", "\v", "\0")


def unusable_name(name: str) -> str | None:
    """Why a file name cannot be a partition key, or None when it can."""
    bad = [repr(s) for s in _FORBIDDEN if s in name]
    return f"{name}: file name contains {', '.join(bad)}, which a partition key cannot hold; rename the file" if bad else None


def folder_keys(folder: Path) -> tuple[list[str], list[str]]:
    """(partition keys, problems): every visible file of the folder whose name can be a key."""
    keys, problems = [], []
    for path in input_files(folder):
        problem = unusable_name(path.name)
        (problems.append(problem) if problem else keys.append(path.name))
    return keys, problems


def sync_source_files(instance: dg.DagsterInstance, folder: Path) -> tuple[list[str], list[str], list[str]]:
    """Make the instance's partitions the folder's files: returns (all keys, added, removed)."""
    keys, _ = folder_keys(folder)
    known = set(instance.get_dynamic_partitions(source_files.name))
    added = [k for k in keys if k not in known]
    removed = sorted(known - set(keys))
    if added:
        instance.add_dynamic_partitions(source_files.name, added)
    for key in removed:
        instance.delete_dynamic_partition(source_files.name, key)
    return instance.get_dynamic_partitions(source_files.name), added, removed


def all_files_tags(keys: list[str]) -> dict[str, str]:
    """Run tags that give one run every partition, first to last in the instance's order."""
    if not keys:
        raise ValueError("no input files: the seeds folder is empty (set GOVREPORTS_SEEDS)")
    return {"dagster/asset_partition_range_start": keys[0], "dagster/asset_partition_range_end": keys[-1]}
