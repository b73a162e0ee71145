"""What the Funnelcast DAGs share: where the jar and the configuration are, and the spark-submit operator.

Not a DAG file (it is listed in .airflowignore); the DAG files import it from the DAG folder.

Settings, each looked up when a task runs, first found wins:
  the DAG run's param (jar, conf)  >  the Airflow Variable (funnelcast_jar, funnelcast_conf)
  >  the environment of the DAG processor (FUNNELCAST_JAR, FUNNELCAST_CONF)  >  the defaults below.
The Spark master comes from the Airflow connection FUNNELCAST_SPARK_CONN_ID (default spark_default), e.g.
AIRFLOW_CONN_SPARK_DEFAULT='spark://spark-master:7077'; Spark's own settings (executor memory, driver JVM
options, ...) come from spark-defaults.conf of the Spark install whose spark-submit is on the PATH, and from
funnelcast.spark.conf in the Funnelcast configuration.
"""

from __future__ import annotations

import json
import os
import re
from datetime import timedelta
from typing import Any

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import Param
from airflow.sdk.exceptions import AirflowFailException

MAIN_CLASS = "io.funnelcast.cli.FunnelcastCli"

# Funnelcast's exit codes: 0 ok, 1 a job failed (recorded in pipeline_runs; worth retrying),
# 2 bad command line or configuration (nothing ran; a retry would fail the same way).
EXIT_CONFIG_ERROR = 2

SPARK_CONN_ID = os.environ.get("FUNNELCAST_SPARK_CONN_ID", "spark_default")
# Runs of the nightly and the backfill DAG must not overlap (they write the same tables, and the
# embedded metastore takes one process at a time): give both a pool with one slot.
POOL = os.environ.get("FUNNELCAST_POOL", "default_pool")

_DEFAULT_JAR = os.environ.get("FUNNELCAST_JAR", "/opt/funnelcast/funnelcast.jar")
_DEFAULT_CONF = os.environ.get("FUNNELCAST_CONF", "/opt/funnelcast/cluster.conf")


def _setting(param: str, variable: str, default: str) -> str:
    # json.dumps gives a double-quoted literal that Jinja reads back as the same string.
    return "{{ params.%s or var.value.get(%s, %s) }}" % (param, json.dumps(variable), json.dumps(default))


JAR = _setting("jar", "funnelcast_jar", _DEFAULT_JAR)
CONF = _setting("conf", "funnelcast_conf", _DEFAULT_CONF)

LOCATION_PARAMS = {
    "jar": Param(None, type=["null", "string"],
                 description="Funnelcast jar for this run; empty: Variable funnelcast_jar, else " + _DEFAULT_JAR),
    "conf": Param(None, type=["null", "string"],
                  description="Funnelcast --conf file for this run; empty: Variable funnelcast_conf, else "
                  + _DEFAULT_CONF),
}

# A failed night (exit 1: Spark lost executors, storage hiccup, ...) is retried after 5, 10, 20 minutes.
RETRY_ARGS: dict[str, Any] = {
    "retries": 3,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": timedelta(hours=1),
}

_ERROR_CODE = re.compile(r"Error code is: (-?\d+)")


class FunnelcastSubmitOperator(SparkSubmitOperator):
    """spark-submit of the Funnelcast jar; exit code 2 (configuration error) fails the task without retrying."""

    def __init__(self, *, application_args: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("application", JAR)
        kwargs.setdefault("java_class", MAIN_CLASS)
        kwargs.setdefault("conn_id", SPARK_CONN_ID)
        kwargs.setdefault("pool", POOL)
        kwargs.setdefault("name", "funnelcast-" + kwargs["task_id"])
        super().__init__(application_args=application_args, **kwargs)

    def execute(self, context: Any) -> None:
        try:
            super().execute(context)
        except Exception as error:
            if exit_code(error, self._hook) == EXIT_CONFIG_ERROR:
                raise AirflowFailException(
                    f"funnelcast exited with code {EXIT_CONFIG_ERROR}: bad command line or configuration "
                    "(the 'funnelcast: config error' line above names the key); not retried: fix it, then "
                    "clear the task") from error
            raise


def exit_code(error: BaseException, hook: Any = None) -> int | None:
    """The spark-submit exit code behind a SparkSubmitHook failure, or None when it is not one."""
    # The hook raises "Cannot execute: <command>. Error code is: <code>." when spark-submit exits non-zero.
    found = _ERROR_CODE.search(str(error))
    if found:
        return int(found.group(1))
    process = getattr(hook, "_submit_sp", None)
    code = getattr(process, "returncode", None)
    return code if code else None
