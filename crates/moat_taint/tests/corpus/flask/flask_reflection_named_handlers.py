# --- file: app.py
from flask import Flask, abort, jsonify, request

app = Flask(__name__)


class Exporters:
    def export_csv(self, rows):
        return ",".join(rows)

    def export_json(self, rows):
        return rows

    def _debug(self):
        return {"secret": app.secret_key}


class Commands:
    def do_status(self):
        return "ok"

    def do_restart(self):
        return "restarting"


exporters = Exporters()
commands = Commands()


@app.get("/export/<fmt>")
def export(fmt):
    handler = getattr(exporters, "export_" + fmt, None)  # ok: unsafe-reflection
    if handler is None:
        abort(404)
    return jsonify(handler(request.args.getlist("row")))


@app.post("/commands")
def run_command():
    name = request.form["command"]
    return jsonify(result=getattr(commands, f"do_{name}")())  # ok: unsafe-reflection


@app.get("/widgets/<kind>")
def widget(kind):
    renderer = getattr(exporters, "%s_renderer" % kind, None)  # ok: unsafe-reflection
    return jsonify(found=renderer is not None)


@app.get("/hooks")
def hook():
    name = request.args["hook"]
    return jsonify(found=hasattr(getattr(commands, name + "_hook", None), "__call__"))  # ok: unsafe-reflection


@app.get("/private")
def private():
    name = request.args["name"]
    return jsonify(value=str(getattr(exporters, "_" + name)()))  # expect: unsafe-reflection


@app.get("/dunder")
def dunder():
    name = request.args["name"]
    return jsonify(value=str(getattr(exporters, "__" + name)))  # expect: unsafe-reflection


@app.get("/dotted")
def dotted():
    group = request.args["group"]
    return jsonify(value=str(getattr(app.config, group + "." + request.args["key"], None)))  # expect: unsafe-reflection


@app.get("/attr")
def attr():
    return jsonify(value=str(getattr(commands, request.args["prefix"] + "_" + request.args["name"])))  # expect: unsafe-reflection
