# --- file: portal/__init__.py
from flask import Flask

app = Flask(__name__)
app.secret_key = "replace-in-production"

from . import views  # noqa: E402,F401

# --- file: portal/audit.py
import logging

from flask import current_app

audit_log = logging.getLogger("portal.audit")


def record(event, actor):
    audit_log.info("%s by %s", event, actor)  # expect: log-injection


def record_clean(event, actor):
    actor = actor.replace("\r", "").replace("\n", "")
    audit_log.info("%s by %s", event, actor)  # ok: log-injection


def record_failure(reason):
    current_app.logger.warning("login failed: " + reason)  # expect: log-injection

# --- file: portal/views.py
import logging
from datetime import datetime, timezone

from flask import request, session

from . import app
from .audit import record, record_clean, record_failure

ROLES = {"viewer", "editor"}


@app.post("/login")
def login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    if password != "hunter2":
        record_failure(f"bad password for {username}")
        return "no", 401
    session["username"] = username  # expect: trust-boundary
    session["logged_in"] = True  # ok: trust-boundary
    record("login", username)
    return "ok"


@app.post("/preferences")
def preferences():
    prefs = request.get_json()
    session["prefs"] = {"tz": prefs.get("tz", "UTC"), "lang": prefs.get("lang", "en")}  # expect: trust-boundary
    record_clean("prefs", session.get("username", "?"))
    return "", 204


@app.post("/role")
def choose_role():
    role = request.form.get("role", "viewer")
    if role in ROLES:
        session["role"] = role  # ok: trust-boundary
    return "", 204


@app.get("/cart/add/<int:item_id>")
def add_to_cart(item_id):
    session["cart_updated"] = datetime.now(timezone.utc).isoformat()  # ok: trust-boundary
    app.logger.info("cart item %d added", item_id)  # ok: log-injection
    return "", 204


@app.get("/track")
def track():
    campaign = request.args.get("utm_campaign", "")
    session["campaign"] = campaign  # expect: trust-boundary
    logging.info("campaign=%s ua=%s", campaign, request.headers.get("User-Agent"))  # expect: log-injection
    return "", 204


@app.get("/impersonate")
def impersonate():
    target = request.cookies.get("as_user")
    session.update(impersonating=target)  # expect: trust-boundary
    app.logger.warning(f"impersonation requested for {target}")  # expect: log-injection
    return "", 204


@app.post("/feedback")
def feedback():
    text = request.form["text"]
    app.logger.info("feedback received (%d chars)", len(text))  # ok: log-injection
    entry = {"kind": "feedback", "text": text}
    session["last_action"] = entry["kind"]  # ok: trust-boundary
    return "", 202
