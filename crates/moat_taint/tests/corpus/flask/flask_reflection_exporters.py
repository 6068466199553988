# --- file: exporters/__init__.py
EXPORTERS = {"csv": "exporters.csv_export", "json": "exporters.json_export"}

# --- file: exporters/csv_export.py
def export(rows):
    return "\n".join(",".join(map(str, r)) for r in rows)

# --- file: exporters/json_export.py
import json


def export(rows):
    return json.dumps(rows)

# --- file: exporters/loader.py
import importlib

from . import EXPORTERS


def load_exporter(name):
    module = importlib.import_module(name)  # expect: unsafe-reflection
    return module.export


def load_registered(fmt):
    if fmt not in EXPORTERS:
        raise KeyError(fmt)
    return importlib.import_module(EXPORTERS[fmt]).export  # ok: unsafe-reflection

# --- file: app.py
import importlib

from flask import Flask, abort, jsonify, request

from exporters.loader import load_exporter, load_registered

app = Flask(__name__)
ROWS = [[1, "a"], [2, "b"]]
ACTIONS = {"refresh", "archive"}


class ReportActions:
    def refresh(self):
        return "refreshed"

    def archive(self):
        return "archived"


@app.get("/export")
def export():
    return load_exporter(request.args.get("module", "exporters.csv_export"))(ROWS)


@app.get("/export/<fmt>")
def export_fmt(fmt):
    return load_registered(fmt)(ROWS)


@app.post("/reports/action")
def report_action():
    action = request.form["action"]
    handler = getattr(ReportActions(), action)  # expect: unsafe-reflection
    return jsonify(result=handler())


@app.post("/reports/action-checked")
def report_action_checked():
    action = request.form["action"]
    if action not in ACTIONS:
        abort(400)
    return jsonify(result=getattr(ReportActions(), action)())  # ok: unsafe-reflection


@app.get("/widgets/<kind>")
def widget(kind):
    package = request.args.get("pkg", "widgets")
    mod = importlib.import_module(package + "." + kind)  # expect: unsafe-reflection
    return mod.render()


@app.get("/config/<key>")
def config_value(key):
    return jsonify(value=str(getattr(app.config, key, None)))  # expect: unsafe-reflection


@app.get("/plugins/load")
def load_plugin():
    name = request.args["name"]
    plugin = __import__(name, fromlist=["setup"])  # expect: unsafe-reflection
    return jsonify(ok=bool(plugin))


@app.get("/plugins/default")
def default_plugin():
    opts = {"name": "exporters.csv_export", "label": request.args.get("label", "")}
    return jsonify(ok=bool(importlib.import_module(opts["name"])))  # ok: unsafe-reflection
