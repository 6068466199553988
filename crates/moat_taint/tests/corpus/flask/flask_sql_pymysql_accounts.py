import functools
import logging

import pymysql
from flask import Flask, abort, jsonify, request, session

app = Flask(__name__)
app.secret_key = "change-me"
log = logging.getLogger("accounts")


def db():
    return pymysql.connect(host="localhost", user="app", password="app", database="accounts", cursorclass=pymysql.cursors.DictCursor)


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if "uid" not in session:
            abort(401)
        return view(*args, **kwargs)

    return wrapped


class AccountStore:
    def __init__(self, conn):
        self.conn = conn

    def find(self, email):
        with self.conn.cursor() as cur:
            cur.execute("SELECT id, email FROM users WHERE email = %s", (email,))  # ok: sql-injection
            return cur.fetchone()

    def find_legacy(self, email):
        with self.conn.cursor() as cur:
            cur.execute("SELECT id, email FROM users WHERE email = '%s'" % (email,))  # expect: sql-injection
            return cur.fetchone()

    def rename(self, uid, name):
        with self.conn.cursor() as cur:
            cur.execute("UPDATE users SET display_name = '" + name + "' WHERE id = %s", (uid,))  # expect: sql-injection
        self.conn.commit()


@app.get("/accounts/lookup")
@login_required
def lookup():
    store = AccountStore(db())
    return jsonify(store.find(request.args["email"]))


@app.get("/accounts/lookup-v1")
@login_required
def lookup_v1():
    store = AccountStore(db())
    email = request.values.get("email", "").strip().lower()
    return jsonify(store.find_legacy(email))


@app.post("/accounts/me/name")
@login_required
def rename_me():
    payload = request.json
    AccountStore(db()).rename(session["uid"], payload["display_name"])
    return "", 204


@app.get("/accounts/audit")
@login_required
def audit():
    conn = db()
    params = {"actor": request.args.get("actor"), "table": "audit_log"}
    with conn.cursor() as cur:
        cur.execute(f"SELECT * FROM {params['table']} ORDER BY ts DESC LIMIT 50")  # ok: sql-injection
        rows = cur.fetchall()
    return jsonify(rows)


@app.get("/accounts/audit/<actor>")
@login_required
def audit_actor(actor):
    conn = db()
    try:
        with conn.cursor() as cur:
            cur.execute(f"SELECT * FROM audit_log WHERE actor = '{actor}'")  # expect: sql-injection
            return jsonify(cur.fetchall())
    except pymysql.MySQLError:
        log.exception("audit query failed for %s", actor)  # expect: log-injection
        abort(500)
