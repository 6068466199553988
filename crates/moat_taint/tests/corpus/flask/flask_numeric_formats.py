# --- file: reports/__init__.py
# --- file: reports/views.py
import sqlite3
import subprocess

from flask import Flask, request

app = Flask(__name__)
db = sqlite3.connect("reports.db")


@app.get("/orders")
def orders():
    customer = request.args["customer"]
    return {"rows": db.execute("SELECT * FROM orders WHERE customer_id = %d" % customer).fetchall()}  # ok: sql-injection


@app.get("/orders/by-name")
def orders_by_name():
    customer = request.args["customer"]
    return {"rows": db.execute("SELECT * FROM orders WHERE name = '%s'" % customer).fetchall()}  # expect: sql-injection


@app.get("/orders/page")
def orders_page():
    limit = request.args.get("limit", "20")
    offset = request.args.get("offset", "0")
    sql = "SELECT * FROM orders LIMIT %d OFFSET %i" % (limit, offset)
    return {"rows": db.execute(sql).fetchall()}  # ok: sql-injection


@app.get("/orders/page-mixed")
def orders_page_mixed():
    limit = request.args.get("limit", "20")
    sort = request.args.get("sort", "id")
    sql = "SELECT * FROM orders ORDER BY %s LIMIT %d" % (sort, limit)
    return {"rows": db.execute(sql).fetchall()}  # expect: sql-injection


@app.get("/totals")
def totals():
    year = request.args.get("year", "2026")
    return {"rows": db.execute(f"SELECT SUM(total) FROM orders WHERE year = {year:d}").fetchall()}  # ok: sql-injection


@app.get("/totals/region")
def totals_region():
    region = request.args.get("region", "eu")
    return {"rows": db.execute(f"SELECT SUM(total) FROM orders WHERE region = '{region:>4}'").fetchall()}  # expect: sql-injection


@app.get("/totals/week")
def totals_week():
    week = request.args.get("week", "1")
    sql = "SELECT SUM(total) FROM orders WHERE week = {:d}".format(week)
    return {"rows": db.execute(sql).fetchall()}  # ok: sql-injection


@app.get("/totals/label")
def totals_label():
    label = request.args.get("label", "")
    sql = "SELECT SUM(total) FROM orders WHERE label = '{name!s}'".format(name=label)
    return {"rows": db.execute(sql).fetchall()}  # expect: sql-injection


@app.get("/price")
def price():
    amount = request.args.get("amount", "0")
    return f"<p>Total: {amount:.2f} EUR</p>"  # ok: xss


@app.get("/price/code")
def price_code():
    code = request.args.get("code", "")
    return f"<p>Code: {code:c}</p>"  # ok: xss


@app.get("/price/note")
def price_note():
    note = request.args.get("note", "")
    return f"<p>Note: {note:<40}</p>"  # expect: xss



@app.post("/renice")
def renice():
    pid = request.form["pid"]
    subprocess.run("renice +5 -p %d" % pid, shell=True)  # ok: command-injection
    subprocess.run("renice +5 -p %s" % pid, shell=True)  # expect: command-injection
    return "", 204
