# --- file: backup/__init__.py
from flask import Flask

app = Flask(__name__)

from . import routes  # noqa: E402,F401

# --- file: backup/util.py
import base64
import json


def decode_token(token):
    raw = base64.urlsafe_b64decode(token.encode("ascii"))
    return json.loads(raw.decode("utf-8"))


def encode_token(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode("utf-8")).decode("ascii")


def first_non_empty(*values):
    for v in values:
        if v:
            return v
    return None


def normalise(name, depth=0):
    if depth > 3 or not name.startswith(" "):
        return name.rstrip()
    return normalise(name[1:], depth + 1)

# --- file: backup/jobs.py
import os
import shutil
import sqlite3
import subprocess
import tarfile

BACKUP_ROOT = "/var/backups/app"


class BackupJob:
    def __init__(self, name, target):
        self.name = name
        self.target = target
        self.archive = os.path.join(BACKUP_ROOT, name + ".tar.gz")

    def run(self):
        try:
            subprocess.run("tar czf %s %s" % (self.archive, self.target), shell=True, check=True)  # expect: command-injection
        finally:
            self.cleanup()

    def cleanup(self):
        shutil.rmtree(os.path.join(BACKUP_ROOT, "tmp"), ignore_errors=True)  # ok: path-traversal

    def restore(self, dest):
        with tarfile.open(self.archive) as tar:  # expect: path-traversal
            tar.extractall(os.path.join("/srv/restore", dest), filter="data")  # expect: path-traversal


def record(job_name, status):
    conn = sqlite3.connect("backups.db")
    with conn:
        conn.execute("INSERT INTO runs(name, status) VALUES ('%s', '%s')" % (job_name, status))  # expect: sql-injection
        conn.execute("INSERT INTO audit(name) VALUES (?)", (job_name,))  # ok: sql-injection
    conn.close()

# --- file: backup/routes.py
from flask import jsonify, make_response, request

from . import app
from .jobs import BackupJob, record
from .util import decode_token, encode_token, first_non_empty, normalise


@app.post("/backup")
def start_backup():
    name = normalise(first_non_empty(request.form.get("name"), request.args.get("name"), "nightly"))
    job = BackupJob(name, request.form.get("target", "/srv/app/data"))
    job.run()
    record(name, "done")
    return jsonify(token=encode_token({"name": name}))


@app.post("/backup/restore")
def restore():
    spec = decode_token(request.form["token"])
    BackupJob(spec["name"], "").restore(spec.get("dest", "latest"))
    return "", 202


@app.get("/backup/status")
def status():
    names = [n.strip() for n in request.args.get("names", "").split(",") if n]
    rows = "".join(f"<tr><td>{n}</td><td>queued</td></tr>" for n in names)
    return make_response(f"<table>{rows}</table>")  # expect: xss
