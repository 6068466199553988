"""Public routes: listing, download with ETags, upload, export and import."""

import hashlib

from flask import Blueprint, Response, abort, current_app, jsonify, request, session

from . import storage
from .auth import USERS, require_admin

bp = Blueprint("views", __name__)


@bp.get("/")
def index():
    return jsonify(files=storage.list_files(current_app.config["UPLOAD_DIR"]))


@bp.get("/files/<name>")
def download(name):
    body = storage.read_file(current_app.config["UPLOAD_DIR"], name)
    if body is None:
        abort(404)
    etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
    resp = Response(body, mimetype="application/octet-stream")
    resp.set_etag(etag)
    return resp.make_conditional(request)


@bp.post("/upload")
def upload():
    path = storage.save_upload(current_app.config["UPLOAD_DIR"], request.files["file"])
    storage.make_thumbnail(path)
    storage.optimise_image(path)
    return jsonify(saved=path.name, sha256=storage.checksum(path))


@bp.get("/export")
def export():
    require_admin(USERS.get(session.get("user"), {}))
    return Response(storage.export_state(USERS), mimetype="application/json")


@bp.post("/import")
def import_users():
    require_admin(USERS.get(session.get("user"), {}))
    users = storage.import_state(request.get_data())
    USERS.update(users)
    return jsonify(imported=len(users))
