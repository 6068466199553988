# --- file: storage/__init__.py
from .backend import LocalStorage

storage = LocalStorage("/var/lib/storage")

# --- file: storage/backend.py
import os
import shutil


class LocalStorage:
    def __init__(self, root):
        self.root = root

    def _path(self, *parts):
        return os.path.join(self.root, *parts)

    def _safe_path(self, *parts):
        full = os.path.realpath(os.path.join(self.root, *parts))
        if os.path.commonpath([full, self.root]) != self.root:
            raise PermissionError(full)
        return full

    def read(self, bucket, key):
        with open(self._path(bucket, key), "rb") as fh:  # expect: path-traversal
            return fh.read()

    def read_checked(self, bucket, key):
        with open(self._safe_path(bucket, key), "rb") as fh:  # ok: path-traversal
            return fh.read()

    def move(self, bucket, key, new_key):
        shutil.move(self._path(bucket, key), self._path(bucket, new_key))  # expect: path-traversal

    def purge(self, bucket):
        shutil.rmtree(self._path(bucket), ignore_errors=True)  # expect: path-traversal

# --- file: storage/api.py
import urllib.parse

from flask import Blueprint, Response, request

from . import storage

api = Blueprint("storage", __name__, url_prefix="/storage")


@api.get("/<bucket>/<key>")
def get_object(bucket, key):
    return Response(storage.read(bucket, key), mimetype="application/octet-stream")


@api.get("/checked/<bucket>/<key>")
def get_object_checked(bucket, key):
    return Response(storage.read_checked(bucket, key), mimetype="application/octet-stream")


@api.post("/<bucket>/<key>/rename")
def rename_object(bucket, key):
    new_key = urllib.parse.unquote(request.form["to"])
    storage.move(bucket, key, new_key)
    return "", 204


@api.delete("/<bucket>")
def purge_bucket(bucket):
    storage.purge(bucket)
    return "", 204
