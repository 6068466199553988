# --- file: inventory/__init__.py
from flask import Flask

from .api import register


def create_app():
    app = Flask(__name__)
    register(app)
    return app

# --- file: inventory/params.py
from flask import request


def arg(name, default=None):
    return request.args.get(name, default)


def body_field(name, default=None):
    data = request.get_json(silent=True) or {}
    return data.get(name, default)


def int_arg(name, default=0):
    try:
        return int(request.args.get(name, default))
    except (TypeError, ValueError):
        return default

# --- file: inventory/store.py
import os
import sqlite3

DB_PATH = os.environ.get("INVENTORY_DB", "inventory.db")
LABEL_DIR = "/var/lib/inventory/labels"


class Store:
    def __init__(self, path=DB_PATH):
        self.conn = sqlite3.connect(path)

    def list(self, location, limit):
        cur = self.conn.cursor()
        cur.execute(f"SELECT sku, qty FROM stock WHERE location = ? LIMIT {limit}", (location,))  # ok: sql-injection
        return cur.fetchall()

    def adjust(self, sku, delta):
        self.conn.execute(f"UPDATE stock SET qty = qty + {delta} WHERE sku = '{sku}'")  # expect: sql-injection
        self.conn.commit()

    def history(self, sku, since=None):
        sql = "SELECT * FROM moves WHERE sku = ?"
        params = [sku]
        if since:
            sql += " AND ts >= '" + since + "'"
        return self.conn.execute(sql, params).fetchall()  # expect: sql-injection

    def label(self, sku):
        with open(os.path.join(LABEL_DIR, sku + ".zpl"), encoding="ascii") as fh:  # expect: path-traversal
            return fh.read()

# --- file: inventory/api.py
import requests
from flask import jsonify
from flask.views import MethodView

from .params import arg, body_field, int_arg
from .store import Store

SUPPLIER_API = "https://supplier.example.com/api/stock"


class StockView(MethodView):
    def __init__(self):
        self.store = Store()

    def get(self):
        return jsonify(self.store.list(arg("location", "main"), int_arg("limit", 50)))

    def post(self):
        self.store.adjust(body_field("sku"), body_field("delta", 0))
        return "", 204


class HistoryView(MethodView):
    def get(self, sku):
        return jsonify(Store().history(sku, arg("since")))


class LabelView(MethodView):
    def get(self, sku):
        return Store().label(sku), 200, {"Content-Type": "text/plain"}


class SupplierView(MethodView):
    def get(self):
        resp = requests.get(SUPPLIER_API, params={"sku": arg("sku")}, timeout=int_arg("timeout", 5))  # ok: ssrf
        return jsonify(resp.json())

    def post(self):
        callback = body_field("callback_url")
        resp = requests.post(callback, json={"sku": body_field("sku")}, timeout=5)  # expect: ssrf
        return jsonify(status=resp.status_code)


def register(app):
    app.add_url_rule("/stock", view_func=StockView.as_view("stock"))
    app.add_url_rule("/stock/<sku>/history", view_func=HistoryView.as_view("history"))
    app.add_url_rule("/stock/<sku>/label", view_func=LabelView.as_view("label"))
    app.add_url_rule("/supplier", view_func=SupplierView.as_view("supplier"))
