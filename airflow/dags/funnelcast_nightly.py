"""Funnelcast's nightly pipeline: ingest >> lifecycle >> conversion >> forecast for each UTC day.

Each run's data interval is one UTC day [D 00:00, D+1 00:00); the run starts when the day is over and every
task runs `funnelcast <job> --date D --conf <conf>` through spark-submit. Where the jar, the configuration
and the Spark master come from: see funnelcast_common.py.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pendulum
from airflow.sdk import DAG, CronDataIntervalTimetable, chain

from funnelcast_common import CONF, LOCATION_PARAMS, RETRY_ARGS, FunnelcastSubmitOperator

JOBS = ["ingest", "lifecycle", "conversion", "forecast"]

# The UTC day the run is for: its data interval's start (for scheduled and manual runs alike).
RUN_DATE = "{{ data_interval_start | ds }}"

with DAG(
    dag_id="funnelcast_nightly",
    description="Funnelcast nightly: raw logs of a UTC day -> events, lifecycle, conversion, forecast",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=pendulum.from_format(os.environ.get("FUNNELCAST_START_DATE", "2026-11-02"), "YYYY-MM-DD",
                                    tz="UTC"),
    catchup=True,
    # Each night continues the previous night's lifecycle state (internal_user_lifecycle_state), so nights
    # must run one at a time, in order, and a night must not start after the one before it failed:
    # max_active_runs=1 keeps them sequential, depends_on_past holds a task until the same task of the
    # previous night succeeded.
    max_active_runs=1,
    default_args={**RETRY_ARGS, "depends_on_past": True, "execution_timeout": timedelta(hours=4)},
    params=LOCATION_PARAMS,
    tags=["funnelcast"],
) as dag:
    chain(*[
        FunnelcastSubmitOperator(task_id=job, application_args=[job, "--date", RUN_DATE, "--conf", CONF])
        for job in JOBS
    ])
