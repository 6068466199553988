# --- file: inventory/__init__.py
from .cli import main

__all__ = ["main"]
# --- file: inventory/cli.py
import argparse

from .commands import export, lookup


def main(argv=None):
    parser = argparse.ArgumentParser(prog="inventory")
    parser.add_argument("action", choices=["lookup", "export", "import"])
    parser.add_argument("value")
    parser.add_argument("--site", default="main")
    args = parser.parse_args(argv)
    if args.action == "lookup":
        print(lookup.run(args.value, args.site))
    elif args.action == "export":
        export.run(args.value)
    else:
        export.restore(args.value)
# --- file: inventory/commands/__init__.py
# --- file: inventory/commands/lookup.py
from ..core import repository


def run(sku, site):
    return repository.find_item(sku, site) or repository.find_item_safe(sku, site)
# --- file: inventory/commands/export.py
from ..core import files
from ..core.repository import dump_rows


def run(name):
    files.write_report(name, dump_rows())


def restore(name):
    if name.endswith(".pickle"):
        return files.import_dump(name)
    return files.load_snapshot(name)
# --- file: inventory/core/__init__.py
# --- file: inventory/core/repository.py
from . import sql


def find_item(sku, site):
    return sql.one(sql.select("items", "sku = '" + sku + "' AND site = '" + site + "'"))


def find_item_safe(sku, site):
    return sql.one_params("SELECT * FROM items WHERE sku = ? AND site = ?", (sku, site))


def dump_rows():
    return sql.one("SELECT COUNT(*) FROM items")
# --- file: inventory/core/sql.py
import sqlite3

from .paths import DATA_DIR


def _conn():
    return sqlite3.connect(f"{DATA_DIR}/inventory.db")


def select(table, where):
    return f"SELECT * FROM {table} WHERE {where}"


def one(query):
    return _conn().execute(query).fetchone()  # expect: sql-injection


def one_params(query, params):
    return _conn().execute(query, params).fetchone()  # ok: sql-injection
# --- file: inventory/core/paths.py
import os

DATA_DIR = "/var/lib/inventory"
REPORTS = os.path.join(DATA_DIR, "reports")


def report_path(name):
    return os.path.join(REPORTS, name + ".csv")


def snapshot_path(name):
    return os.path.join(DATA_DIR, "snapshots", os.path.basename(name))
# --- file: inventory/core/files.py
import json
import pickle

from .paths import report_path, snapshot_path


def write_report(name, row):
    with open(report_path(name), "w") as fh:  # expect: path-traversal
        fh.write(",".join(map(str, row or ())))


def load_snapshot(name):
    with open(snapshot_path(name)) as fh:  # ok: path-traversal
        return json.load(fh)


def import_dump(path):
    with open(path, "rb") as fh:  # expect: path-traversal
        return pickle.load(fh)  # expect: unsafe-deserialization
