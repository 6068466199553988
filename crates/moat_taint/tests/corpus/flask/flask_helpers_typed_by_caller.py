# --- file: portal/__init__.py
# --- file: portal/helpers.py
def set_header(resp, name, value):
    resp.headers[name] = value  # expect: header-injection
    return resp


def remember(store, key, value):
    store[key] = value
    return store


def fetch(client, url):
    return client.get(url, timeout=5)  # expect: ssrf


def run_query(cursor, sql):
    cursor.execute(sql)  # expect: sql-injection
    return cursor.fetchall()
# --- file: portal/views.py
import sqlite3

import requests
from flask import Flask, jsonify, make_response, request

from .helpers import fetch, remember, run_query, set_header

app = Flask(__name__)
http = requests.Session()
CACHE = {}


@app.get("/hello")
def hello():
    resp = make_response("hello")
    return set_header(resp, "X-Greeting", request.args.get("greeting", "hi"))


@app.get("/hello/fixed")
def hello_fixed():
    # The helper is called with constants only here.
    return set_header(make_response("hello"), "X-Greeting", "hi")


@app.get("/cache")
def cache():
    # A plain dict: storing untrusted input in it is no sink.
    remember(CACHE, request.args["key"], request.args["value"])
    return jsonify(size=len(CACHE))


@app.get("/proxy")
def proxy():
    return fetch(http, request.args["url"]).text


@app.get("/proxy/status")
def proxy_status():
    return fetch(http, "https://status.example.com/api").text


@app.get("/report")
def report():
    conn = sqlite3.connect("/srv/report.db")
    rows = run_query(conn.cursor(), "SELECT name FROM items WHERE owner = '" + request.args["owner"] + "'")
    return jsonify(rows)
