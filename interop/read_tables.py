"""Reads Funnelcast's Delta tables with delta-rs and Polars (no Spark) and prints what it found as JSON.

Usage: read_tables.py <database folder> <table> [<table> ...]
For each table: its row count read by Polars, its columns, the column comments delta-rs sees, and the
Delta protocol's reader features (deletion vectors would break older readers).
"""
import json
import sys

import polars as pl
from deltalake import DeltaTable


def describe(path):
    table = DeltaTable(path)
    frame = pl.read_delta(path)
    schema = table.schema()
    return {
        "rows": frame.height,
        "columns": frame.columns,
        "comments": {f.name: (f.metadata or {}).get("comment") for f in schema.fields},
        "reader_features": sorted(table.protocol().reader_features or []),
        "description": table.metadata().description,
    }


def main(args):
    database, tables = args[0], args[1:]
    print(json.dumps({name: describe(f"{database}/{name}") for name in tables}, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
