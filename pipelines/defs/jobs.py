"""Jobs the schedule, the sensor and `make run` launch: named selections of the asset graph."""
import dagster as dg

# Everything, over every file: what `make run` materialises (pipelines/run.py gives it all partitions).
refresh_all_job = dg.define_asset_job(
    "refresh_all", selection=dg.AssetSelection.all(),
    description="Read every file of the seeds folder and rebuild every table, check, mart and chart.")

# One file (a partition): what the sensor launches for a new or changed file. Its rows replace
# that file's rows; the checks, marts, charts and export wait for the daily refresh (which also prunes
# removed files: seed_files is not part of this job, to keep it to the four steps it needs).
ingest_files_job = dg.define_asset_job(
    "ingest_files",
    selection=(dg.AssetSelection.assets("ingest_log", "source_records") | dg.AssetSelection.groups("documents", "facts")
               | dg.AssetSelection.assets("warehouse_published")).without_checks(),
    description="Read the run's files (partitions) and replace their documents and facts; publish.")

# The analyst-facing layer and the checks of every table, from the tables as they stand
# (group publish: warehouse_published, then warehouse_export of the published file).
refresh_marts_job = dg.define_asset_job(
    "refresh_marts",
    selection=(dg.AssetSelection.assets("seed_files") | dg.AssetSelection.groups("marts", "reports", "publish")
               | dg.AssetSelection.all_asset_checks()),
    description="Drop rows of files that left the seeds folder, check every table, rebuild the marts "
                "schema and the charts, publish, export the files for researchers.")
