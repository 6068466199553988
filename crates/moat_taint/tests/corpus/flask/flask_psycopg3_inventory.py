# --- file: inventory/__init__.py
from flask import Flask


def create_app():
    app = Flask(__name__)
    from .views import bp

    app.register_blueprint(bp)
    return app

# --- file: inventory/dbconn.py
import psycopg

DSN = "host=db dbname=inventory user=inventory"


def open_conn():
    return psycopg.connect(DSN, autocommit=True)

# --- file: inventory/views.py
import psycopg
from flask import Blueprint, jsonify, request
from psycopg import sql

from .dbconn import DSN, open_conn

bp = Blueprint("inventory", __name__)

SORTABLE = {"sku", "name", "stock", "updated_at"}


@bp.get("/items")
def list_items():
    warehouse = request.args.get("warehouse", "main")
    with psycopg.connect(DSN) as conn:
        rows = conn.execute("SELECT sku, stock FROM items WHERE warehouse = %s", (warehouse,)).fetchall()  # ok: sql-injection
        legacy = conn.execute(f"SELECT sku, stock FROM items WHERE warehouse = '{warehouse}'").fetchall()  # expect: sql-injection
    return jsonify(rows=rows, legacy=legacy)


@bp.get("/items/sorted")
def sorted_items():
    order = request.args.get("order", "sku")
    conn = psycopg.connect(DSN)
    cur = conn.cursor()
    cur.execute("SELECT sku, name FROM items ORDER BY " + order)  # expect: sql-injection
    if order not in SORTABLE:
        order = "sku"
    cur.execute("SELECT sku, name FROM items ORDER BY " + order)  # ok: sql-injection
    rows = cur.fetchall()
    conn.close()
    return jsonify(rows)


@bp.get("/report/<table>")
def report(table):
    column = request.args.get("column", "stock")
    minimum = request.args.get("min", "0")
    conn = psycopg.Connection.connect(DSN)
    with conn.cursor() as cur:
        # Identifiers and literals quoted by psycopg: the composed query is safe.
        query = sql.SQL("SELECT sku, {col} FROM {tbl} WHERE {col} >= {min}").format(
            col=sql.Identifier(column),
            tbl=sql.Identifier("reports", table),
            min=sql.Literal(minimum),
        )
        cur.execute(query)  # ok: sql-injection
        safe_rows = cur.fetchall()
        # The same query with the names pasted into the SQL text.
        raw = sql.SQL("SELECT sku, " + column + " FROM reports." + table)  # expect: sql-injection
        cur.execute(raw)  # expect: sql-injection
        raw_rows = cur.fetchall()
        fixed = sql.SQL("SELECT sku, stock FROM reports.daily WHERE stock >= {}").format(sql.Literal(minimum))  # ok: sql-injection
        cur.execute(fixed)  # ok: sql-injection
    conn.close()
    return jsonify(safe=safe_rows, raw=raw_rows, fixed=cur.rowcount)


@bp.post("/items/restock")
def restock():
    payload = request.get_json(force=True)
    entries = [(e["sku"], int(e["qty"])) for e in payload.get("entries", [])]
    table = payload.get("table", "items")
    with open_conn() as conn:
        with conn.cursor() as cur:
            cur.executemany("UPDATE items SET stock = stock + %s WHERE sku = %s", [(q, s) for s, q in entries])  # ok: sql-injection
            cur.executemany(f"UPDATE {table} SET stock = stock + %s WHERE sku = %s", [(q, s) for s, q in entries])  # expect: sql-injection
            cur.executemany(  # ok: sql-injection
                sql.SQL("UPDATE {} SET stock = stock + %s WHERE sku = %s").format(sql.Identifier(table)),  # ok: sql-injection
                [(q, s) for s, q in entries],
            )
    return "", 204
