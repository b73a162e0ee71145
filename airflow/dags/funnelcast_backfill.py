"""Funnelcast backfill, started by hand: `funnelcast backfill --from D1 --to D2 --snapshots last|daily` as one task.

Trigger it with the dates, e.g. airflow dags trigger funnelcast_backfill -c '{"from": "2026-11-02",
"to": "2026-11-05", "snapshots": "last"}'. Pause funnelcast_nightly meanwhile, or give both DAGs a
one-slot pool (FUNNELCAST_POOL): both write the same tables.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import DAG, Param

from funnelcast_common import CONF, LOCATION_PARAMS, FunnelcastSubmitOperator

with DAG(
    dag_id="funnelcast_backfill",
    description="Funnelcast backfill of a date range in one Spark application",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    params={
        "from": Param(type="string", format="date", description="First date, YYYY-MM-DD"),
        "to": Param(type="string", format="date", description="Last date, YYYY-MM-DD (included)"),
        "snapshots": Param("last", enum=["last", "daily"],
                           description="funnelcast backfill --snapshots: last or daily"),
        **LOCATION_PARAMS,
    },
    tags=["funnelcast"],
) as dag:
    FunnelcastSubmitOperator(
        task_id="backfill",
        application_args=["backfill", "--from", "{{ params['from'] }}", "--to", "{{ params.to }}",
                          "--snapshots", "{{ params.snapshots }}", "--conf", CONF],
        # Started and watched by a person, who reruns it after a failure; exit code 2 fails it at once too.
        retries=0,
    )
