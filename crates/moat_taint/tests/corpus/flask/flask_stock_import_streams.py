# --- file: stock/__init__.py
# --- file: stock/readers.py
import _io
import csv
import io
import marshal

CACHE_FILE = "/var/cache/stock/catalog.marshal"


def load_csv(source):
    """Rows of a CSV given as a file name or an already open text stream."""
    if not hasattr(source, "read"):
        source = open(source, newline="", encoding="utf-8")  # ok: path-traversal
    with source:
        return [tuple(row) for row in csv.reader(source)]


def load_manifest(source):
    """The same loader for manifests, which callers pass by file name."""
    if not hasattr(source, "read"):
        source = open(source, newline="", encoding="utf-8")  # expect: path-traversal
    with source:
        return [tuple(row) for row in csv.reader(source)]


def load_blob(source):
    if isinstance(source, (str, bytes)):
        source = open(source, "rb")  # ok: path-traversal
    with source:
        return source.read()


def load_blob_fast(source):
    if isinstance(source, (str, bytes)):
        source = open(source, "rb")  # ok: path-traversal
    with source:
        return source.read()


def load_text_fast(source):
    if isinstance(source, str):
        source = open(source, encoding="utf-8")  # ok: path-traversal
    with source:
        return source.read()


def upload_blob(data):
    return load_blob(io.BytesIO(data))


def upload_blob_fast(data):
    # the C implementation directly, as the hot path of the importer
    return load_blob_fast(_io.BytesIO(data))


def upload_text_fast(text):
    return load_text_fast(_io.StringIO(text))


def cached_catalog():
    with open(CACHE_FILE, "rb") as fh:
        return marshal.load(fh)  # ok: unsafe-deserialization


def uploaded_catalog(data):
    return marshal.load(io.BytesIO(data))  # expect: unsafe-deserialization
# --- file: stock/store.py
import mysql.connector

TABLES = {"stock", "stock_archive", "stock_staging"}


def connect():
    return mysql.connector.connect(host="db.internal", user="importer", database="inventory")


def save_rows(table, rows):
    conn = connect()
    cur = conn.cursor()
    cur.executemany(f"INSERT INTO {table} (sku, qty) VALUES (%s, %s)", rows)  # expect: sql-injection
    conn.commit()


def save_rows_checked(table, rows):
    if table not in TABLES:
        raise ValueError("unknown table")
    conn = connect()
    cur = conn.cursor()
    cur.executemany(f"INSERT INTO {table} (sku, qty) VALUES (%s, %s)", rows)  # ok: sql-injection
    cur.executemany("UPDATE stock SET qty = %s WHERE sku = %s", [(q, s) for s, q in rows])  # ok: sql-injection
    conn.commit()
# --- file: stock/views.py
import http.client
import io
from urllib.parse import quote

from flask import Flask, abort, jsonify, request

from . import readers, store

app = Flask(__name__)
PARTNERS = {"acme": "feeds.acme.example", "globex": "export.globex.example"}
WAREHOUSE = "warehouse.internal"


@app.post("/import/csv")
def import_csv():
    rows = readers.load_csv(io.StringIO(request.get_data(as_text=True)))
    store.save_rows(request.args.get("table", "stock"), rows)
    store.save_rows_checked(request.args.get("table", "stock"), rows)
    return jsonify(imported=len(rows))


@app.post("/import/manifest")
def import_manifest():
    return jsonify(readers.load_manifest(request.form["manifest"]))


@app.post("/import/blob")
def import_blob():
    data = request.get_data()
    return jsonify(size=len(readers.upload_blob(data)) + len(readers.upload_blob_fast(data)))


@app.post("/import/notes")
def import_notes():
    return readers.upload_text_fast(request.get_data(as_text=True)), 200, {"Content-Type": "text/plain"}


@app.post("/import/catalog")
def import_catalog():
    if request.args.get("cached"):
        return jsonify(readers.cached_catalog())
    return jsonify(readers.uploaded_catalog(request.get_data()))


@app.post("/import/pull")
def pull_feed():
    conn = http.client.HTTPSConnection(request.form["host"], timeout=10)  # expect: ssrf
    conn.request("GET", "/export.csv")
    return conn.getresponse().read()


@app.post("/import/pull/partner")
def pull_partner_feed():
    host = PARTNERS.get(request.form["partner"])
    if host is None:
        abort(404)
    conn = http.client.HTTPSConnection(host=host, timeout=10)  # ok: ssrf
    conn.request("GET", "/export.csv")
    return conn.getresponse().read()


@app.get("/stock/<sku>")
def warehouse_stock(sku):
    conn = http.client.HTTPConnection(WAREHOUSE, 8080, timeout=5)  # ok: ssrf
    conn.request("GET", "/items/" + quote(sku, safe=""))
    return conn.getresponse().read()


@app.get("/stock/mirror")
def mirror_stock():
    conn = http.client.HTTPConnection(request.args["mirror"], 8080, timeout=5)  # expect: ssrf
    conn.request("GET", "/items")
    return conn.getresponse().read()
