"""Compares every Funnelcast table of two warehouses, row for row (run by airflow/test/run in the Spark venv).

    python compare_warehouses.py FUNNELCAST_JAR WAREHOUSE_A WAREHOUSE_B DATE...

Both warehouses must hold the same tables, with the same schemas and the same rows as multisets, except for
what differs by nature: run_id columns, and in pipeline_runs everything but (job, run_date, status, counts).
Doubles are equal within a relative 1e-9 (absolute 1e-12 near zero): sums come out different in the last bits
when Spark splits the work differently (a cluster vs local mode). Both must also hold every DATE: events.run_date,
the as_of_date slices of cohort_conversion, funnel_summary and forecast_conversions, and a succeeded
pipeline_runs row of each job on each date.

Tables are read with delta-rs (deltalake), which is quick; those that use deletion vectors, which it cannot
read, with Spark (local mode, the Delta classes from the Funnelcast jar).
"""

from __future__ import annotations

import datetime
import math
import os
import sys

from deltalake import DeltaTable

DATABASE = "funnelcast"
JOBS = ["ingest", "lifecycle", "conversion", "forecast"]
PIPELINE_RUNS_COLUMNS = ["job", "run_date", "status", "rows_read_count", "rows_written_count",
                         "duplicates_dropped_count", "quarantined_count"]
REL_TOL, ABS_TOL = 1e-9, 1e-12
DATED = {"events": "run_date", "cohort_conversion": "as_of_date", "funnel_summary": "as_of_date",
         "forecast_conversions": "as_of_date"}


class Readers:
    def __init__(self, jar: str) -> None:
        self.jar = jar
        self._spark = None

    def read(self, path: str) -> tuple[str, list[str], list[dict]]:
        """(reader, column names, rows as dicts) of a Delta table."""
        table = DeltaTable(path)
        if "deletionVectors" not in (table.protocol().reader_features or []):
            arrow = table.to_pyarrow_table()
            return "delta-rs", arrow.column_names, arrow.to_pylist(maps_as_pydicts="strict")
        df = self.spark().read.format("delta").load(path)
        return "spark", df.columns, [row.asDict(recursive=True) for row in df.collect()]

    def spark(self):
        if self._spark is None:
            from pyspark.sql import SparkSession
            self._spark = (SparkSession.builder.master("local[2]").appName("funnelcast-compare")
                           .config("spark.jars", self.jar)
                           .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                           .config("spark.sql.catalog.spark_catalog",
                                   "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                           .config("spark.sql.session.timeZone", "UTC")
                           .config("spark.databricks.delta.snapshotPartitions", "2")
                           .config("spark.ui.enabled", "false")
                           .config("spark.ui.showConsoleProgress", "false")
                           .getOrCreate())
        return self._spark

    def stop(self) -> None:
        if self._spark is not None:
            self._spark.stop()


def normalized(value):
    """Plain, comparable values: maps and structs as sorted (key, value) tuples, lists as tuples, instants in UTC."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), normalized(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(normalized(v) for v in value)
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value


def sort_key(value) -> str:
    """A total order in which rows that differ only in the last bits of doubles sort alike."""
    if isinstance(value, float):
        return "nan" if math.isnan(value) else f"{value:.6e}"
    if isinstance(value, tuple):
        return "(" + ",".join(sort_key(v) for v in value) + ")"
    return repr(value)


def same(a, b, stats: dict) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        if a == b or (math.isnan(a) and math.isnan(b)):
            return True
        stats["inexact"] += 1
        stats["max_rel"] = max(stats["max_rel"], abs(a - b) / max(abs(a), abs(b)))
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same(x, y, stats) for x, y in zip(a, b))
    return a == b


def dates_problems(table: str, rows: list[dict], dates: list[datetime.date]) -> list[str]:
    """Whether a table holds every date it should: the dated slices, and pipeline_runs' succeeded jobs."""
    if table in DATED:
        found = sorted({r[DATED[table]] for r in rows})
        if found != dates:
            return [f"{DATED[table]} {[str(d) for d in found]}, expected {[str(d) for d in dates]}"]
    if table == "pipeline_runs":
        succeeded = sorted((r["job"], r["run_date"]) for r in rows if r["status"] == "succeeded")
        if succeeded != sorted((job, d) for job in JOBS for d in dates):
            return [f"succeeded runs {[(j, str(d)) for j, d in succeeded]}, expected each of {JOBS} on each date"]
    return []


def tables(root: str) -> list[str]:
    db = os.path.join(root, DATABASE + ".db")
    return sorted(t for t in os.listdir(db) if os.path.isdir(os.path.join(db, t, "_delta_log")))


def main() -> int:
    jar, a_root, b_root = sys.argv[1:4]
    dates = [datetime.date.fromisoformat(d) for d in sys.argv[4:]]
    readers = Readers(jar)
    problems: list[str] = []
    names_a, names_b = tables(a_root), tables(b_root)
    if names_a != names_b or not names_a:
        problems.append(f"tables differ: {names_a} vs {names_b}")
    for table in sorted(set(names_a) & set(names_b)):
        read = {root: readers.read(os.path.join(root, DATABASE + ".db", table)) for root in (a_root, b_root)}
        (reader, columns_a, _), (_, columns_b, _) = read[a_root], read[b_root]
        if columns_a != columns_b:
            problems.append(f"{table}: columns differ: {columns_a} vs {columns_b}")
            continue
        kept = PIPELINE_RUNS_COLUMNS if table == "pipeline_runs" else [c for c in columns_a if c != "run_id"]
        rows = {}
        for root, (_, _, collected) in read.items():
            rows[root] = sorted((normalized([r[c] for c in kept]) for r in collected), key=sort_key)
            problems.extend(f"{table} in {root}: {p}" for p in dates_problems(table, collected, dates))
        rows_a, rows_b = rows[a_root], rows[b_root]
        stats = {"inexact": 0, "max_rel": 0.0}
        differing = [(x, y) for x, y in zip(rows_a, rows_b) if not same(x, y, stats)]
        if len(rows_a) != len(rows_b) or differing:
            problems.append(f"{table}: {len(rows_a)} vs {len(rows_b)} rows, {len(differing)} differ; first: "
                            + (f"{differing[0][0]} vs {differing[0][1]}" if differing else "-"))
        elif not rows_a:
            problems.append(f"{table}: empty")
        else:
            note = (f"; {stats['inexact']} doubles not bit-identical, max relative difference {stats['max_rel']:.1e}"
                    if stats["inexact"] else "")
            print(f"compare: {table}: {len(rows_a)} rows equal ({reader}{note})", flush=True)
    readers.stop()
    for problem in problems:
        print("compare: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
