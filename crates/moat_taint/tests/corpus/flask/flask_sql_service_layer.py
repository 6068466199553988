# --- file: shop/__init__.py
from flask import Flask


def create_app():
    app = Flask(__name__)
    from .views import bp

    app.register_blueprint(bp)
    return app

# --- file: shop/db.py
import psycopg2

DSN = "dbname=shop user=shop"


def connect():
    return psycopg2.connect(DSN)


def query_all(sql, params=()):
    conn = connect()
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)  # ok: sql-injection
            return cur.fetchall()
    finally:
        conn.close()


def raw_query(sql):
    conn = connect()
    try:
        cur = conn.cursor()
        cur.execute(sql)  # expect: sql-injection
        return cur.fetchall()
    finally:
        conn.close()


def fetch_where(table, column, value):
    conn = connect()
    with conn, conn.cursor() as cur:
        cur.execute(f"SELECT * FROM {table} WHERE {column} = %s", (value,))  # ok: sql-injection
        return cur.fetchall()


def count_where(column, value):
    conn = connect()
    with conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM products WHERE " + column + " = %s", [value])  # expect: sql-injection
        return cur.fetchone()[0]

# --- file: shop/repository.py
from . import db


class ProductRepository:
    table = "products"

    def __init__(self, tenant):
        self.tenant = tenant

    def by_sku(self, sku):
        return db.query_all("SELECT * FROM products WHERE sku = %s AND tenant = %s", (sku, self.tenant))

    def by_category(self, category):
        return db.raw_query("SELECT * FROM products WHERE category = '%s'" % category)

    def by_brand(self, brand):
        return db.fetch_where(self.table, "brand", brand)

    def search(self, filters):
        clauses = " AND ".join(f"{k} = '{v}'" for k, v in filters.items())
        return db.raw_query("SELECT * FROM products WHERE " + clauses)

    def count_by(self, field, value):
        return db.count_where(field, value)

# --- file: shop/views.py
from flask import Blueprint, jsonify, request

from .repository import ProductRepository

bp = Blueprint("shop", __name__, url_prefix="/shop")


def current_repo():
    return ProductRepository(tenant=request.headers.get("X-Tenant", "public"))


@bp.get("/sku/<sku>")
def product_by_sku(sku):
    return jsonify(current_repo().by_sku(sku))


@bp.get("/category/<category>")
def product_by_category(category):
    return jsonify(current_repo().by_category(category))


@bp.get("/brand")
def product_by_brand():
    return jsonify(current_repo().by_brand(request.args["brand"]))


@bp.post("/search")
def product_search():
    filters = request.get_json(silent=True) or {}
    return jsonify(current_repo().search(filters))


@bp.get("/count")
def product_count():
    field = request.args.get("field", "brand")
    return jsonify(count=current_repo().count_by(field, request.args.get("value")))
