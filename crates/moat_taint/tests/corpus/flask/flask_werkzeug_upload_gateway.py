# --- file: gateway/__init__.py
# --- file: gateway/wsgi.py
import os
import pickle
import subprocess
import sqlite3

import requests
from werkzeug.utils import redirect, secure_filename
from werkzeug.wrappers import Request, Response

INBOX = "/srv/gateway/inbox"
ALLOWED_FORMATS = {"png", "jpg", "webp"}


def store():
    return sqlite3.connect("/srv/gateway/meta.db")


@Request.application
def uploads(request):
    if request.path == "/upload":
        doc = request.files["document"]
        doc.save(os.path.join(INBOX, doc.filename))  # expect: unrestricted-upload; expect: path-traversal
        return Response("stored", status=201)

    if request.path == "/upload/safe":
        doc = request.files["document"]
        doc.save(os.path.join(INBOX, secure_filename(doc.filename)))  # ok: unrestricted-upload; ok: path-traversal
        return Response("stored", status=201)

    if request.path == "/avatar":
        avatar = request.files.get("avatar")
        if avatar is None:
            return Response("missing avatar", status=400)
        avatar.save(INBOX + "/avatars/" + avatar.filename)  # expect: unrestricted-upload; expect: path-traversal
        avatar.save(os.path.join(INBOX, "avatars", "current.png"))  # ok: unrestricted-upload; ok: path-traversal
        return Response("ok")

    if request.path == "/batch":
        for part in request.files.getlist("parts"):
            part.save(os.path.join(INBOX, "batch", part.filename))  # expect: unrestricted-upload; expect: path-traversal
        return Response("ok")

    if request.path == "/batch/safe":
        for index, part in enumerate(request.files.getlist("parts")):
            part.save(os.path.join(INBOX, "batch", f"part-{index}.bin"))  # ok: unrestricted-upload; ok: path-traversal
        return Response("ok")

    return Response("not found", status=404)


@Request.application
def convert(request):
    fmt = request.values.get("format", "png")
    if request.path == "/convert/checked":
        if fmt not in ALLOWED_FORMATS:
            return Response("unsupported format", status=400)
        subprocess.run(f"convert {INBOX}/in.bin {INBOX}/out.{fmt}", shell=True, check=True)  # ok: command-injection
    else:
        subprocess.run(f"convert {INBOX}/in.bin {INBOX}/out.{fmt}", shell=True, check=True)  # expect: command-injection
    return Response("converted")


class MetadataApp:
    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.path == "/meta":
            meta = request.get_json()
            db = store()
            db.execute(f"UPDATE files SET title = '{meta['title']}' WHERE id = {int(meta['id'])}")  # expect: sql-injection
            db.execute("UPDATE files SET title = ? WHERE id = ?", (meta["title"], int(meta["id"])))  # ok: sql-injection
            response = Response("saved")
        elif request.path == "/meta/bulk":
            for entry in request.json or []:
                store().execute("DELETE FROM files WHERE name = '%s'" % entry["name"])  # expect: sql-injection
            response = Response("deleted")
        elif request.path == "/meta/restore":
            snapshot = pickle.loads(request.data)  # expect: unsafe-deserialization
            response = Response(str(len(snapshot)))
        elif request.path == "/meta/mirror":
            upstream = request.cookies.get("mirror", "")
            requests.post(upstream, data=request.data, timeout=5)  # expect: ssrf
            requests.post("https://mirror.internal/meta", data=request.data, timeout=5)  # ok: ssrf
            response = Response("mirrored")
        elif request.path == "/meta/login":
            response = redirect("/login?next=" + request.url)  # ok: open-redirect
        else:
            store().execute(f"INSERT INTO misses (url) VALUES ('{request.url}')")  # expect: sql-injection
            store().execute("INSERT INTO misses (url) VALUES (?)", (request.url,))  # ok: sql-injection
            response = Response("not found", status=404)
        return response(environ, start_response)
