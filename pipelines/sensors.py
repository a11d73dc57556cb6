"""Sensors: a new, changed or removed file in the seeds folder starts a rebuild.

The cursor holds a fingerprint of the folder (name, size, modification time of each visible
file). A tick that finds the same fingerprint does nothing; a different one requests one run
of `refresh_all`, keyed by the fingerprint so the same state is never run twice. The whole
graph is rebuilt (each table is replaced whole, so a removed file's rows disappear with it);
per-file partitions that rebuild only the changed file are not built yet.
"""
import hashlib
import json

import dagster as dg

from . import config
from .extract.ingest import input_files
from .jobs import refresh_all_job


def folder_state(folder) -> dict[str, list[int]]:
    """name → [size, mtime_ns] of every visible file: what a change in the folder changes."""
    state = {}
    for path in input_files(folder):
        stat = path.stat()
        state[path.name] = [stat.st_size, stat.st_mtime_ns]
    return state


def describe_change(before: dict, after: dict) -> str:
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(n for n in set(after) & set(before) if after[n] != before[n])
    parts = [f"{label}: {', '.join(names)}" for label, names in
             (("new", added), ("changed", changed), ("removed", removed)) if names]
    return "; ".join(parts) or "first look at the folder"


@dg.sensor(job=refresh_all_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED,
           description="Watches GOVREPORTS_SEEDS; a new, changed or removed file requests a rebuild.")
def seeds_folder_sensor(context: dg.SensorEvaluationContext):
    folder = config.seeds_dir()
    if not folder.is_dir():
        return dg.SkipReason(f"seeds folder {folder} does not exist")
    state = folder_state(folder)
    before = json.loads(context.cursor) if context.cursor else None
    if before == state:
        return dg.SkipReason(f"no change in {folder} ({len(state)} files)")
    fingerprint = hashlib.sha256(json.dumps(state, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    context.update_cursor(json.dumps(state, sort_keys=True))
    change = describe_change(before or {}, state)
    context.log.info(f"{folder}: {change}")
    return dg.RunRequest(run_key=f"seeds-{fingerprint}", tags={"govreports/seeds_change": change[:200]})
