# --- file: workspace/__init__.py
# --- file: workspace/paths.py
import os

ROOT = "/srv/workspace/data"


def inside_root(*parts):
    full = os.path.abspath(os.path.join(ROOT, *parts))
    if not full.startswith(ROOT + os.sep):
        raise PermissionError("path escapes the workspace")
    return full


def joined_only(*parts):
    full = os.path.join(ROOT, *parts)
    if not full.startswith(ROOT + os.sep):
        raise PermissionError("path escapes the workspace")
    return full
# --- file: workspace/views.py
import codecs
import io
import os

from flask import Flask, abort, jsonify, request
from werkzeug.utils import secure_filename

from .paths import ROOT, inside_root, joined_only

app = Flask(__name__)


@app.get("/notes")
def read_note():
    name = request.args.get("name", "")
    with io.open(os.path.join(ROOT, "notes", name), encoding="utf-8") as fh:  # expect: path-traversal
        return fh.read()


@app.get("/notes/checked")
def read_note_checked():
    name = request.args.get("name", "")
    with io.open(inside_root("notes", name), encoding="utf-8") as fh:  # ok: path-traversal
        return fh.read()


@app.get("/notes/prefix-only")
def read_note_prefix_only():
    name = request.args.get("name", "")
    with io.open(joined_only("notes", name), encoding="utf-8") as fh:  # expect: path-traversal
        return fh.read()


@app.get("/notes/absolute")
def read_note_absolute():
    full = os.path.abspath(os.path.join(ROOT, "notes", request.args.get("name", "")))
    with open(full, encoding="utf-8") as fh:  # expect: path-traversal
        return fh.read()


@app.get("/notes/absolute-checked")
def read_note_absolute_checked():
    full = os.path.abspath(os.path.join(ROOT, "notes", request.args.get("name", "")))
    if not full.startswith(ROOT + os.sep):
        abort(404)
    with open(full, encoding="utf-8") as fh:  # ok: path-traversal
        return fh.read()


@app.get("/legacy/<path:doc>")
def legacy_doc(doc):
    with codecs.open(os.path.join(ROOT, "legacy", doc), "r", "latin-1") as fh:  # expect: path-traversal
        return fh.read()


@app.get("/legacy/by-name/<doc>")
def legacy_doc_named(doc):
    with codecs.open(os.path.join(ROOT, "legacy", secure_filename(doc)), "r", "latin-1") as fh:  # ok: path-traversal
        return fh.read()


@app.post("/drafts")
def create_draft():
    title = request.form["title"]
    body = request.form.get("body", "").encode()
    fd = os.open(os.path.join(ROOT, "drafts", title + ".md"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # expect: path-traversal
    try:
        os.write(fd, body)
    finally:
        os.close(fd)
    return "", 201


@app.post("/drafts/safe")
def create_draft_safe():
    title = secure_filename(request.form["title"]) or "untitled"
    body = request.form.get("body", "").encode()
    fd = os.open(os.path.join(ROOT, "drafts", title + ".md"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # ok: path-traversal
    try:
        os.write(fd, body)
    finally:
        os.close(fd)
    return "", 201


@app.get("/browse")
def browse():
    folder = request.args.get("folder", ".")
    return jsonify(sorted(os.listdir(os.path.join(ROOT, folder))))  # expect: path-traversal


@app.get("/browse/checked")
def browse_checked():
    folder = request.args.get("folder", ".")
    return jsonify(sorted(os.listdir(inside_root(folder))))  # ok: path-traversal


@app.post("/projects")
def create_project():
    project = request.json["project"]
    os.makedirs(os.path.join(ROOT, "projects", project, "assets"), exist_ok=True)  # expect: path-traversal
    os.makedirs(os.path.join(ROOT, "projects", secure_filename(project), "assets"), exist_ok=True)  # ok: path-traversal
    return {"project": project}, 201


@app.post("/projects/<project>/folders")
def create_folder(project):
    folder = request.form["folder"]
    os.mkdir(os.path.join(ROOT, "projects", secure_filename(project), folder))  # expect: path-traversal
    os.mkdir(inside_root("projects", secure_filename(project), folder))  # ok: path-traversal
    return "", 201
