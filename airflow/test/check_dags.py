"""Checks the Funnelcast DAGs as Airflow loads them (run by airflow/test/run with the Airflow venv's python).

    python check_dags.py DAGS_FOLDER

The DAG files import without errors; funnelcast_nightly is ingest >> lifecycle >> conversion >> forecast on
UTC days, one run at a time, each task depending on the previous night's, retried with back-off; a spark-submit
exit code 2 (configuration error) fails the task for good while exit code 1 leaves it to the retries;
funnelcast_backfill is one manually started `backfill --from --to --snapshots` task.
"""

from __future__ import annotations

import sys
from pathlib import Path

from airflow.dag_processing.dagbag import BundleDagBag

JOBS = ["ingest", "lifecycle", "conversion", "forecast"]
problems: list[str] = []


def check(ok: bool, what: str) -> None:
    if not ok:
        problems.append(what)


def main() -> int:
    folder = Path(sys.argv[1]).resolve()
    bag = BundleDagBag(dag_folder=folder, bundle_path=folder, bundle_name="dags-folder")
    for path, error in bag.import_errors.items():
        problems.append(f"import error in {path}:\n{error}")
    check(sorted(bag.dags) == ["funnelcast_backfill", "funnelcast_nightly"], f"DAGs found: {sorted(bag.dags)}")
    if "funnelcast_nightly" in bag.dags:
        nightly(bag.dags["funnelcast_nightly"])
    if "funnelcast_backfill" in bag.dags:
        backfill(bag.dags["funnelcast_backfill"])
    for problem in problems:
        print("check_dags: " + problem, file=sys.stderr)
    return 1 if problems else 0


def nightly(dag) -> None:
    timetable = dag.timetable
    check(type(timetable).__name__ == "CronDataIntervalTimetable"
          and timetable.expression == "0 0 * * *" and str(timetable.timezone) == "UTC",
          f"nightly timetable: {timetable!r}, expected daily data intervals on UTC days")
    check(str(dag.start_date.tzinfo) == "UTC" and dag.catchup, "nightly: start_date in UTC, catchup on")
    check(dag.max_active_runs == 1, f"nightly max_active_runs = {dag.max_active_runs}")
    check(sorted(dag.task_ids) == sorted(JOBS), f"nightly tasks: {dag.task_ids}")
    if sorted(dag.task_ids) != sorted(JOBS):
        return
    for before, after in zip([None, *JOBS], [*JOBS, None]):
        if before:
            task = dag.get_task(before)
            check(task.downstream_task_ids == ({after} if after else set()),
                  f"{before} is followed by {sorted(task.downstream_task_ids)}, expected {after}")
    for job in JOBS:
        task = dag.get_task(job)
        check(task.depends_on_past, f"{job}: depends_on_past is off")
        check(task.retries >= 1 and task.retry_exponential_backoff > 1,
              f"{job}: retries {task.retries}, backoff {task.retry_exponential_backoff}")
        args = list(task.application_args)
        check(len(args) == 5 and args[0] == job and args[1] == "--date" and "data_interval_start" in args[2]
              and args[3] == "--conf", f"{job}: application_args {args}")
        check(task._java_class == "io.funnelcast.cli.FunnelcastCli", f"{job}: main class {task._java_class}")
    exit_codes(dag.get_task("ingest"))


def exit_codes(task) -> None:
    """The operator on a failed spark-submit: exit 2 raises AirflowFailException (no retry), exit 1 does not."""
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
    from airflow.sdk.exceptions import AirflowException, AirflowFailException

    real = SparkSubmitOperator.execute

    def outcome(code: int) -> str:
        def failing(self, context):
            # What SparkSubmitHook.submit raises when spark-submit exits non-zero.
            raise AirflowException(f"Cannot execute: spark-submit --master spark://x:7077 app.jar. "
                                   f"Error code is: {code}.\nLast spark-submit output:\nfunnelcast: ...")
        SparkSubmitOperator.execute = failing
        try:
            task.execute({})
        except AirflowFailException:
            return "fail"
        except AirflowException:
            return "retry"
        finally:
            SparkSubmitOperator.execute = real
        return "none"

    check(outcome(2) == "fail", f"exit code 2 gives {outcome(2)}, expected AirflowFailException (no retry)")
    check(outcome(1) == "retry", f"exit code 1 gives {outcome(1)}, expected a retryable AirflowException")


def backfill(dag) -> None:
    check(type(dag.timetable).__name__ == "NullTimetable", f"backfill timetable: {dag.timetable!r}, expected None")
    check(dag.task_ids == ["backfill"], f"backfill tasks: {dag.task_ids}")
    check(dag.max_active_runs == 1, f"backfill max_active_runs = {dag.max_active_runs}")
    params = dag.params
    check({"from", "to", "snapshots"} <= set(params.keys()), f"backfill params: {sorted(params.keys())}")
    if "snapshots" in params:
        check(params.get_param("snapshots").schema.get("enum") == ["last", "daily"], "backfill snapshots enum")
    if dag.task_ids == ["backfill"]:
        args = list(dag.get_task("backfill").application_args)
        check(len(args) == 9 and args[0] == "backfill" and args[1] == "--from" and "from" in args[2]
              and args[3] == "--to" and "to" in args[4] and args[5] == "--snapshots" and "snapshots" in args[6]
              and args[7] == "--conf", f"backfill application_args {args}")


if __name__ == "__main__":
    sys.exit(main())
