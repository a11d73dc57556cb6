"""Schedules: the marts are refreshed every morning, whatever ran during the day."""
import dagster as dg

from .jobs import refresh_marts_job

daily_marts_refresh = dg.ScheduleDefinition(
    name="daily_marts_refresh",
    job=refresh_marts_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Asia/Shanghai",
    description="06:00 Beijing time: rebuild marts.* and the charts from the current fact tables.",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)
