import os
import uuid

from flask import Flask, abort, current_app, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
app.config["UPLOAD_FOLDER"] = "/srv/app/uploads"
ALLOWED_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif"}


def upload_dir():
    return current_app.config["UPLOAD_FOLDER"]


@app.post("/upload/raw")
def upload_raw():
    f = request.files["file"]
    f.save(os.path.join(upload_dir(), f.filename))  # expect: unrestricted-upload; expect: path-traversal
    return jsonify(name=f.filename), 201


@app.post("/upload/secure")
def upload_secure():
    f = request.files["file"]
    filename = secure_filename(f.filename)
    if not filename:
        abort(400)
    f.save(os.path.join(upload_dir(), filename))  # ok: unrestricted-upload; ok: path-traversal
    return jsonify(name=filename), 201


@app.post("/upload/ext-checked")
def upload_ext_checked():
    f = request.files["file"]
    ext = os.path.splitext(f.filename)[1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        abort(415)
    f.save(os.path.join(upload_dir(), f.filename))  # expect: unrestricted-upload; expect: path-traversal
    return "", 201


@app.post("/upload/generated")
def upload_generated():
    f = request.files["file"]
    ext = os.path.splitext(f.filename)[1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        abort(415)
    name = f"{uuid.uuid4().hex}{ext}"
    f.save(os.path.join(upload_dir(), name))  # ok: unrestricted-upload; ok: path-traversal
    return jsonify(name=name), 201


def store_attachment(storage, folder):
    storage.save(os.path.join(upload_dir(), folder, storage.filename))  # expect: unrestricted-upload; expect: path-traversal


@app.post("/tickets/<int:ticket_id>/attachments")
def add_attachments(ticket_id):
    for storage in request.files.getlist("attachments"):
        store_attachment(storage, str(ticket_id))
    return "", 201


@app.post("/upload/avatar/<username>")
def upload_avatar(username):
    f = request.files["avatar"]
    dest = os.path.join(upload_dir(), "avatars", secure_filename(username) + ".png")
    f.save(dest)  # ok: unrestricted-upload; ok: path-traversal
    return "", 201


@app.post("/upload/stream")
def upload_stream():
    f = request.files["file"]
    with open(os.path.join(upload_dir(), f.filename.strip()), "wb") as out:  # todo: unrestricted-upload; expect: path-traversal
        out.write(f.stream.read())
    return "", 201
