"""Reads Funnelcast's Delta tables with delta-rs, Polars and DuckDB (no Spark) and prints what it found as JSON.

Usage: read_tables.py <database folder> <table> [<table> ...]
For each table: its row count read by Polars and counted again by DuckDB, its columns, the column comments
delta-rs sees, and the Delta protocol's reader features (deletion vectors would break older readers).
"""
import json
import sys

import duckdb
import polars as pl
from deltalake import DeltaTable


def describe(path):
    table = DeltaTable(path)
    frame = pl.read_delta(path)
    schema = table.schema()
    return {
        "rows": frame.height,
        "duckdb_rows": duckdb.sql("SELECT count(*) FROM frame").fetchall()[0][0],
        "columns": frame.columns,
        "comments": {f.name: (f.metadata or {}).get("comment") for f in schema.fields},
        "reader_features": sorted(table.protocol().reader_features or []),
        "description": table.metadata().description,
    }


def cohort_query(database):
    """An analyst's DuckDB query over nested columns: 7-day Kaplan-Meier points of the 'all' weekly cohorts."""
    cohorts = pl.read_delta(f"{database}/cohort_conversion")
    return duckdb.sql("""
        SELECT from_stage, to_stage, sum(entrants_count) AS entrants,
               sum(list_filter(km_curve, lambda p: p.day = 7)[1].at_risk_count) AS at_risk_7d
        FROM cohorts WHERE segment_name = 'all' AND cohort_grain = 'week'
        GROUP BY ALL ORDER BY ALL""").fetchall()


def main(args):
    database, tables = args[0], args[1:]
    found = {name: describe(f"{database}/{name}") for name in tables}
    found["_cohort_query"] = cohort_query(database)
    print(json.dumps(found, sort_keys=True, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
