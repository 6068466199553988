# --- file: reports/__init__.py
from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///reports.db"
    db.init_app(app)
    from .routes import reports

    app.register_blueprint(reports)
    return app

# --- file: reports/queries.py
from sqlalchemy import text

from . import db

REPORT_SQL = {
    "daily": "SELECT day, total FROM sales_daily WHERE region = :region",
    "monthly": "SELECT month, total FROM sales_monthly WHERE region = :region",
}


def sales_report(kind, region):
    sql = REPORT_SQL.get(kind, REPORT_SQL["daily"])
    return db.session.execute(text(sql), {"region": region}).all()  # ok: sql-injection


def top_customers(region, limit):
    return db.session.execute(text(f"SELECT name FROM customers WHERE region = '{region}' LIMIT {limit}")).all()  # expect: sql-injection


def customer_orders(customer_id):
    stmt = text("SELECT * FROM orders WHERE customer_id = " + str(customer_id))
    return db.session.execute(stmt).all()  # ok: sql-injection


def orders_since(day):
    stmt = text("SELECT * FROM orders WHERE created >= '%s'" % day)  # expect: sql-injection
    return db.session.execute(stmt).all()

# --- file: reports/routes.py
import base64
import urllib.parse

from flask import Blueprint, jsonify, request
from sqlalchemy import text

from . import db
from .queries import customer_orders, orders_since, sales_report, top_customers

reports = Blueprint("reports", __name__)


@reports.get("/sales/<kind>")
def sales(kind):
    return jsonify([list(r) for r in sales_report(kind, request.args.get("region", "eu"))])


@reports.get("/top")
def top():
    region = request.args.get("region", "eu")
    return jsonify([r.name for r in top_customers(region, int(request.args.get("n", 10)))])


@reports.get("/customers/<int:customer_id>/orders")
def orders(customer_id):
    return jsonify([list(r) for r in customer_orders(customer_id)])


@reports.get("/orders/since")
def since():
    cursor = request.args.get("cursor", "")
    day = base64.urlsafe_b64decode(cursor.encode()).decode()
    return jsonify([list(r) for r in orders_since(day)])


@reports.get("/export")
def export():
    columns = urllib.parse.unquote(request.args.get("cols", "id"))
    with db.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT {columns} FROM orders")).all()  # expect: sql-injection
    return jsonify([list(r) for r in rows])


@reports.get("/export/safe")
def export_safe():
    wanted = request.args.get("cols", "id").split(",")
    columns = ", ".join(c for c in wanted if c in {"id", "total", "created"})
    if not columns:
        columns = "id"
    with db.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT {columns} FROM orders")).all()  # ok: sql-injection
    return jsonify([list(r) for r in rows])
