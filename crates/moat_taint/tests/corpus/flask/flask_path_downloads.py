import os
import pathlib
import shutil

from flask import Flask, abort, request, send_file, send_from_directory

app = Flask(__name__)

DOCS_DIR = "/srv/app/docs"
EXPORT_DIR = pathlib.Path("/srv/app/exports")


@app.get("/docs/raw")
def raw_doc():
    name = request.args.get("name", "index.md")
    with open(os.path.join(DOCS_DIR, name), encoding="utf-8") as fh:  # expect: path-traversal
        return fh.read(), 200, {"Content-Type": "text/plain"}


@app.get("/docs/raw-basename")
def raw_doc_basename():
    name = os.path.basename(request.args.get("name", "index.md"))
    with open(os.path.join(DOCS_DIR, name), encoding="utf-8") as fh:  # ok: path-traversal
        return fh.read(), 200, {"Content-Type": "text/plain"}


@app.get("/docs/file/<path:filename>")
def doc_file(filename):
    return send_from_directory(DOCS_DIR, filename)  # ok: path-traversal


@app.get("/docs/download/<path:filename>")
def doc_download(filename):
    return send_file(os.path.join(DOCS_DIR, filename), as_attachment=True)  # expect: path-traversal


@app.get("/docs/checked")
def doc_checked():
    requested = request.args["name"]
    full = os.path.realpath(os.path.join(DOCS_DIR, requested))
    if not full.startswith(DOCS_DIR + os.sep):
        abort(403)
    return send_file(full)  # ok: path-traversal


@app.get("/exports/<name>")
def export_file(name):
    target = (EXPORT_DIR / name).resolve()
    if os.path.commonpath([target, EXPORT_DIR]) != str(EXPORT_DIR):
        abort(403)
    return target.read_bytes()  # ok: path-traversal


@app.get("/exports/legacy")
def export_legacy():
    report = request.args.get("report", "")
    path = EXPORT_DIR / f"{report}.csv"
    return path.read_text()  # expect: path-traversal


@app.post("/exports/copy")
def copy_export():
    data = request.form
    shutil.copy(os.path.join(EXPORT_DIR, data["src"]), "/srv/app/shared/latest.csv")  # expect: path-traversal
    return "", 204


@app.delete("/exports/<name>")
def delete_export(name):
    os.remove(os.path.join(EXPORT_DIR, name))  # expect: path-traversal
    return "", 204


@app.delete("/exports/by-id/<int:export_id>")
def delete_export_by_id(export_id):
    os.remove(os.path.join(EXPORT_DIR, f"export-{export_id}.csv"))  # ok: path-traversal
    return "", 204


@app.get("/logs/tail")
def tail_log():
    log_name = request.cookies.get("log", "app.log")
    log_name = "app.log"
    with open("/var/log/app/" + log_name, "rb") as fh:  # ok: path-traversal
        return fh.read()[-4096:]
