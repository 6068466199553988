# --- file: tracker/__init__.py
# --- file: tracker/app.py
import json
import pickle
import sqlite3
from urllib.parse import unquote

import requests
from flask import Flask, abort, escape, g, redirect, request, url_for
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import text

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///tracker.db"
db = SQLAlchemy(app)

HEALTH_PORTS = {"api": 8080, "jobs": 8081}


def hits_db():
    return sqlite3.connect("/var/lib/tracker/hits.db")


@app.before_request
def load_project():
    slug = (request.view_args or {}).get("project", "")
    if slug:
        g.project = db.session.execute(f"SELECT * FROM projects WHERE slug = '{slug}'").first()  # expect: sql-injection


@app.get("/p/<project>/issues")
def issues(project):
    rows = db.session.execute(text("SELECT id, title FROM issues WHERE project = :p"), {"p": project})  # ok: sql-injection
    return {"issues": [list(r) for r in rows]}


@app.get("/p/<int:project_id>/stats")
def stats(project_id):
    number = int(request.view_args["project_id"])
    total = db.session.execute(f"SELECT COUNT(*) FROM issues WHERE project_id = {number}").scalar()  # ok: sql-injection
    return {"total": total}


@app.after_request
def record_hit(response):
    conn = hits_db()
    conn.execute(f"INSERT INTO hits (url) VALUES ('{request.url}')")  # expect: sql-injection
    conn.execute("INSERT INTO hits (path, base) VALUES (?, ?)", (request.full_path, request.base_url))  # ok: sql-injection
    conn.execute("DELETE FROM hits WHERE path = '%s'" % request.full_path)  # expect: sql-injection
    conn.execute("UPDATE pages SET views = views + 1 WHERE url = '" + request.base_url + "'")  # expect: sql-injection
    conn.commit()
    return response


@app.get("/browser")
def browser():
    return f"<p>You are using {request.user_agent.string}</p>"  # expect: xss


@app.get("/browser/family")
def browser_family():
    family = "mobile" if "Mobile" in request.user_agent.string else "desktop"
    return f"<p>You are on {family}</p>"  # ok: xss


@app.get("/search")
def search():
    raw = unquote(request.query_string.decode())
    return f"<p>Searching for {raw}</p>"  # expect: xss


@app.get("/search/escaped")
def search_escaped():
    raw = unquote(request.query_string.decode())
    return f"<p>Searching for {escape(raw)}</p>"  # ok: xss


@app.post("/settings/saved")
def settings_saved():
    return redirect(request.referrer or url_for("search"))  # expect: open-redirect


@app.post("/settings/saved/home")
def settings_saved_home():
    app.logger.info("settings saved from %s", request.referrer)  # expect: log-injection
    return redirect(url_for("search"))  # ok: open-redirect


@app.get("/health/<service>")
def health(service):
    resp = requests.get(f"http://{request.host}/internal/{service}/ping", timeout=2)  # expect: ssrf
    return resp.text, resp.status_code, {"Content-Type": "text/plain"}


@app.get("/health/local/<service>")
def health_local(service):
    port = HEALTH_PORTS.get(service)
    if port is None:
        abort(404)
    resp = requests.get(f"http://127.0.0.1:{port}/ping", timeout=2)  # ok: ssrf
    return resp.text, resp.status_code, {"Content-Type": "text/plain"}


@app.get("/whoami")
def whoami():
    forwarded = request.environ.get("HTTP_X_FORWARDED_USER", "anonymous")
    return f"<p>Signed in as {forwarded}</p>"  # expect: xss


@app.get("/whoami/escaped")
def whoami_escaped():
    forwarded = request.environ.get("HTTP_X_FORWARDED_USER", "anonymous")
    return f"<p>Signed in as {escape(forwarded)}</p>"  # ok: xss


@app.get("/account")
def account():
    auth = request.authorization
    if auth is None:
        abort(401)
    cur = hits_db().cursor()
    cur.execute("SELECT plan FROM accounts WHERE login = '" + auth.username + "'")  # expect: sql-injection
    cur.execute("SELECT plan FROM accounts WHERE login = ?", (auth.username,))  # ok: sql-injection
    return {"plan": cur.fetchone()[0]}


@app.post("/import")
def import_snapshot():
    blob = request.stream.read()
    state = pickle.loads(blob)  # expect: unsafe-deserialization
    return {"keys": sorted(state)}


@app.post("/import/json")
def import_json_snapshot():
    state = json.loads(request.stream.read())  # ok: unsafe-deserialization
    return {"keys": sorted(state)}
