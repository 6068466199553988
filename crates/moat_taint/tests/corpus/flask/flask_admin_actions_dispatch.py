# --- file: admin/__init__.py
# --- file: admin/actions.py
import logging
import os
import shutil
import subprocess

log = logging.getLogger("admin")
BACKUPS = "/srv/backups"


def restart(target):
    subprocess.run(f"systemctl restart {target}", shell=True)  # expect: command-injection
    return "restarted"


def archive(target):
    shutil.make_archive(os.path.join(BACKUPS, "latest"), "gztar", "/srv/app")
    return "archived"


def status(target):
    out = subprocess.run(["systemctl", "status", target], capture_output=True)  # ok: command-injection
    return out.stdout.decode()


def purge(target):
    os.remove(os.path.join(BACKUPS, target))  # expect: path-traversal
    return "purged"


def export_csv(target):
    return open(os.path.join(BACKUPS, "export.csv")).read()  # ok: path-traversal


def export_shell(target):
    return subprocess.check_output("cat /srv/exports/" + target, shell=True)  # ok: command-injection


EXPORTERS = {"csv": export_csv, "shell": export_shell}
ACTIONS = {"restart": restart, "archive": archive, "status": status}
SAFE_ACTIONS = {"archive": archive, "status": status}
BY_NUMBER = [status, purge]


def describe(action):
    log.info("running %s", action if action in ACTIONS else "an unknown action")  # ok: log-injection
    log.info("running %s", action if action else "nothing")  # expect: log-injection
# --- file: admin/views.py
from flask import Blueprint, abort, request

from .actions import ACTIONS, BY_NUMBER, EXPORTERS, SAFE_ACTIONS, describe

bp = Blueprint("admin", __name__)


@bp.post("/actions/<name>")
def run_action(name):
    action = ACTIONS.get(name)
    if action is None:
        abort(404)
    describe(name)
    return action(request.form["target"])


@bp.post("/safe-actions/<name>")
def run_safe_action(name):
    return SAFE_ACTIONS[name](request.form["target"])


@bp.post("/archive")
def run_archive():
    return ACTIONS["archive"](request.form["target"])


@bp.post("/numbered/<int:number>")
def run_numbered(number):
    return BY_NUMBER[number](request.form["target"])


@bp.get("/export.csv")
def export():
    # Only the CSV exporter is ever looked up; the shell one is dead code here.
    return EXPORTERS["csv"](request.args["target"])
