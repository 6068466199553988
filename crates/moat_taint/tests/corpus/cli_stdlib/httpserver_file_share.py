# --- file: share/__init__.py
# --- file: share/storage.py
import os

ROOT = os.path.realpath("/srv/share")


def resolve_unchecked(name):
    return os.path.normpath(os.path.join(ROOT, name))


def resolve(name):
    full = os.path.realpath(os.path.join(ROOT, name))
    if not full.startswith(ROOT + os.sep):
        raise PermissionError(name)
    return full


def inside_root(full):
    return os.path.commonpath([ROOT, os.path.realpath(full)]) == ROOT
# --- file: share/server.py
import json
import os
import pickle
import shutil
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

from .storage import ROOT, inside_root, resolve, resolve_unchecked


class ShareHandler(BaseHTTPRequestHandler):
    server_version = "share/1.2"

    def _send(self, status, body, ctype="application/octet-stream"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlparse(self.path)
        name = unquote(url.path[len("/files/"):])
        if url.path.startswith("/files/"):
            with open(resolve_unchecked(name), "rb") as fh:  # expect: path-traversal
                self._send(200, fh.read())
        elif url.path.startswith("/safe/"):
            with open(resolve(unquote(url.path[len("/safe/"):])), "rb") as fh:  # ok: path-traversal
                self._send(200, fh.read())
        elif url.path == "/thumb":
            thumb = parse_qs(url.query).get("name", [""])[0]
            with open(os.path.join(ROOT, "thumbs", os.path.basename(thumb)), "rb") as fh:  # ok: path-traversal
                self._send(200, fh.read(), "image/png")
        else:
            self._send(404, b"not found")

    def do_DELETE(self):
        target = os.path.join(ROOT, unquote(urlparse(self.path).path.lstrip("/")))
        if not inside_root(target):
            self._send(403, b"forbidden")
            return
        os.remove(target)  # fp: path-traversal
        self._send(204, b"")

    def do_PUT(self):
        length = int(self.headers.get("Content-Length", 0))
        data = self.rfile.read(length)
        dest = os.path.join(ROOT, self.headers.get("X-Filename", "upload.bin"))
        with open(dest, "wb") as fh:  # expect: path-traversal
            fh.write(data)
        if self.headers.get("X-Copy-To"):
            shutil.copy(dest, os.path.join(ROOT, self.headers["X-Copy-To"]))  # expect: path-traversal
        self._send(201, b"stored")

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        raw = self.rfile.read(length)
        if self.headers.get("Content-Type") == "application/x-python-pickle":
            job = pickle.loads(raw)  # expect: unsafe-deserialization
        else:
            job = json.loads(raw)  # ok: unsafe-deserialization
        self._send(200, json.dumps({"queued": str(job)}).encode(), "application/json")


def serve(port=8080):
    ThreadingHTTPServer(("0.0.0.0", port), ShareHandler).serve_forever()
