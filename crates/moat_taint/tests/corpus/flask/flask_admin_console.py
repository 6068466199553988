# --- file: console/__init__.py
from flask import Flask


def create_app():
    app = Flask(__name__)
    app.secret_key = "dev"
    from .routes import admin

    app.register_blueprint(admin, url_prefix="/admin")
    return app

# --- file: console/auth.py
import functools
import logging

from flask import abort, request, session

log = logging.getLogger("console.auth")


def admin_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if session.get("role") != "admin":
            log.warning("denied %s for %s", request.path, request.headers.get("X-Forwarded-For"))  # expect: log-injection
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def remember_choice(key):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if (choice := request.args.get(key)) is not None:
                session[key] = choice  # expect: trust-boundary
            return view(*args, **kwargs)

        return wrapper

    return decorator

# --- file: console/services.py
import re
import subprocess

import requests


class HealthChecker:
    def __init__(self, timeout=3):
        self.timeout = timeout

    def check(self, base_url):
        try:
            return requests.head(base_url + "/healthz", timeout=self.timeout).ok  # expect: ssrf
        except requests.RequestException:
            return False

    def check_all(self, urls):
        return {u: self.check(u) for u in urls}


def restart_service(unit):
    def _systemctl(*args):
        return subprocess.run(" ".join(("systemctl",) + args), shell=True, capture_output=True)  # expect: command-injection

    return _systemctl("restart", unit).returncode


def filter_units(pattern, units):
    compiled = re.compile(pattern)  # expect: regex-injection
    return [u for u in units if compiled.search(u)]

# --- file: console/routes.py
from flask import Blueprint, jsonify, make_response, redirect, request, session
from markupsafe import Markup

from .auth import admin_required, remember_choice
from .services import HealthChecker, filter_units, restart_service

admin = Blueprint("admin", __name__)
UNITS = ["web.service", "worker.service", "cron.service"]


@admin.get("/health")
@admin_required
def health():
    targets = request.args.getlist("url")
    return jsonify(HealthChecker().check_all(targets))


@admin.post("/restart/<unit>")
@admin_required
def restart(unit):
    return jsonify(code=restart_service(unit))


@admin.get("/units")
@admin_required
@remember_choice("unit_filter")
def units():
    pattern = request.args.get("unit_filter") or session.get("unit_filter", ".*")
    return jsonify(filter_units(pattern, UNITS))


@admin.get("/banner")
@admin_required
def banner():
    text = request.args.get("text", "")
    resp = make_response(Markup("<div class='banner'>" + text + "</div>"))  # expect: xss
    resp.headers["X-Banner"] = text  # expect: header-injection
    return resp


@admin.get("/notes")
@admin_required
def notes():
    rows = []
    for note in request.args.getlist("note"):
        rows.append("<li>" + note.strip() + "</li>")
    return make_response("<ul>%s</ul>" % "".join(rows))  # expect: xss


@admin.get("/switch")
@admin_required
def switch_tenant():
    tenant = request.args.get("tenant", "")
    session["tenant"] = tenant.lower()  # expect: trust-boundary
    resp = redirect(request.args.get("back", "/admin/health"))  # expect: open-redirect
    resp.headers["X-Tenant"] = tenant  # expect: header-injection
    resp.set_cookie("tenant", tenant)  # expect: cookie-injection
    return resp


@admin.get("/report-title")
@admin_required
def report_title():
    fmt = request.args.get("title", "Report for {session}")
    return jsonify(title=fmt.format(session=dict(session)))  # expect: format-string-injection


@admin.get("/debug-header")
@admin_required
def debug_header():
    resp = jsonify(ok=True)
    resp.headers["X-Debug"] = "1" if request.args.get("debug") else "0"  # ok: header-injection
    return resp
