"""Jobs the schedule and the sensor launch: named selections of the asset graph."""
import dagster as dg

# Everything: what `make run` materialises, and what a change in the seeds folder needs.
refresh_all_job = dg.define_asset_job(
    "refresh_all", selection=dg.AssetSelection.all(),
    description="Read the seeds folder and rebuild every table, check, mart and chart.")

# The analyst-facing layer only: SQL models and charts, from the tables as they stand.
refresh_marts_job = dg.define_asset_job(
    "refresh_marts", selection=dg.AssetSelection.groups("marts", "reports", "publish"),
    description="Rebuild the marts schema and the charts from the current fact tables.")
