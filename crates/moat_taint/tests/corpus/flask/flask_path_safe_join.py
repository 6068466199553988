# --- file: app.py
import os

from flask import Flask, abort, request, safe_join, send_file
from werkzeug.security import safe_join as werkzeug_safe_join

app = Flask(__name__)
REPORTS = "/srv/reports"


@app.get("/reports/<name>")
def report(name):
    path = safe_join(REPORTS, name)
    return send_file(open(path, "rb"), mimetype="text/csv")  # ok: path-traversal


@app.get("/exports")
def export():
    path = werkzeug_safe_join(REPORTS, request.args["file"])
    if path is None:
        abort(404)
    return send_file(open(path, "rb"), mimetype="text/csv")  # ok: path-traversal


@app.get("/archive/<year>/<name>")
def archive(year, name):
    return send_file(open(safe_join(REPORTS, "archive", year, name), "rb"), mimetype="text/csv")  # ok: path-traversal


@app.get("/raw/<name>")
def raw(name):
    return send_file(open(os.path.join(REPORTS, name), "rb"), mimetype="text/csv")  # expect: path-traversal


@app.get("/raw-exports")
def raw_export():
    return send_file(open(REPORTS + "/" + request.args["file"], "rb"), mimetype="text/csv")  # expect: path-traversal


@app.get("/raw-archive/<year>/<name>")
def raw_archive(year, name):
    return send_file(open(f"{REPORTS}/archive/{year}/{name}", "rb"), mimetype="text/csv")  # expect: path-traversal
