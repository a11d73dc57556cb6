"""Sensors: each new or changed file in the seeds folder becomes a partition and a run of its own.

The cursor maps each visible file to its [size, mtime_ns]. A tick adds a `source_files`
partition for each new file and requests an `ingest_files` run for each new or changed one,
keyed by file and by the change (folder state before and after), so a tick is never run twice. A removed file's
partition is deleted and one `refresh_marts` run is requested: its `seed_files` step deletes the
file's rows from every table (and the marts are rebuilt without them).
"""
import hashlib
import json

import dagster as dg

from .. import config
from ..extract.text import input_files
from .jobs import ingest_files_job, refresh_marts_job
from .partitions import source_files, unusable_name


def folder_state(folder) -> dict[str, list[int]]:
    """name → [size, mtime_ns] of every visible file: what a change in the folder changes."""
    state = {}
    for path in input_files(folder):
        stat = path.stat()
        state[path.name] = [stat.st_size, stat.st_mtime_ns]
    return state


def folder_changes(before: dict, after: dict) -> tuple[list[str], list[str], list[str]]:
    """(new, changed, removed) file names."""
    return (sorted(set(after) - set(before)),
            sorted(n for n in set(after) & set(before) if after[n] != before[n]),
            sorted(set(before) - set(after)))


@dg.sensor(jobs=[ingest_files_job, refresh_marts_job], minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.STOPPED,
           description="Watches GOVREPORTS_SEEDS: a run per new or changed file (its partition only); "
                       "a removed file's rows are deleted by a refresh_marts run.")
def seeds_folder_sensor(context: dg.SensorEvaluationContext):
    folder = config.seeds_dir()
    if not folder.is_dir():
        return dg.SkipReason(f"seeds folder {folder} does not exist")
    state = folder_state(folder)
    before = json.loads(context.cursor) if context.cursor else {}
    new, changed, removed = folder_changes(before, state)
    if not (new or changed or removed):
        return dg.SkipReason(f"no change in {folder} ({len(state)} files)")
    for problem in filter(None, map(unusable_name, new + changed)):
        context.log.warning(f"not read: {problem}")
    new, changed = ([n for n in names if not unusable_name(n)] for names in (new, changed))
    to_add = new + changed  # keys the instance already has are left as they are
    # Keyed by this change of the folder (the state before and after): the same file coming back
    # after a removal, or removed a second time, is a new change and gets a new run.
    change = hashlib.sha256((json.dumps(before, sort_keys=True) + json.dumps(state, sort_keys=True)).encode()
                            ).hexdigest()[:16]
    runs = [dg.RunRequest(job_name=ingest_files_job.name, partition_key=name, run_key=f"{name}@{change}",
                          tags={"govreports/seeds_change": ("new" if name in new else "changed") + f": {name}"})
            for name in new + changed]
    if removed:
        runs.append(dg.RunRequest(job_name=refresh_marts_job.name, run_key=f"removed@{change}",
                                  tags={"govreports/seeds_change": f"removed: {', '.join(removed)}"[:200]}))
    context.log.info(f"{folder}: {len(new)} new, {len(changed)} changed, {len(removed)} removed")
    requests = [source_files.build_add_request(to_add)] if to_add else []
    if removed:
        requests.append(source_files.build_delete_request(removed))
    return dg.SensorResult(run_requests=runs, dynamic_partitions_requests=requests,
                           cursor=json.dumps(state, sort_keys=True))
