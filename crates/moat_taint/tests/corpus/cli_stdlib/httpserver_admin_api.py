# --- file: admin/__init__.py
# --- file: admin/params.py
from urllib.parse import parse_qs, urlparse


def query_param(handler, name, default=""):
    values = parse_qs(urlparse(handler.path).query).get(name)
    return values[0] if values else default


def body_text(handler):
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length).decode("utf-8")
# --- file: admin/services.py
import logging
import re
import sqlite3
import subprocess
import urllib.request

log = logging.getLogger("admin")
DB = "/var/lib/admin/admin.db"


def restart_service(unit):
    return subprocess.run(f"systemctl restart {unit}", shell=True, capture_output=True)  # expect: command-injection


def lookup_user(login):
    conn = sqlite3.connect(DB)
    try:
        return conn.execute("SELECT id, email FROM users WHERE login = '%s'" % login).fetchone()  # expect: sql-injection
    finally:
        conn.close()


def grep_log(pattern, path="/var/log/admin/app.log"):
    rx = re.compile(pattern)  # expect: regex-injection
    with open(path) as fh:  # ok: path-traversal
        return [line for line in fh if rx.search(line)]


def probe(url):
    with urllib.request.urlopen(url, timeout=5) as resp:  # expect: ssrf
        return resp.status


def audit(actor, action):
    log.warning("admin action by " + actor + ": " + action)  # expect: log-injection
# --- file: admin/server.py
import json
from http.server import BaseHTTPRequestHandler, HTTPServer

from . import services
from .params import body_text, query_param


class AdminHandler(BaseHTTPRequestHandler):
    def reply(self, payload):
        body = json.dumps(payload, default=str).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        actor = self.headers.get("X-Admin-User", "anonymous")
        if self.path.startswith("/user"):
            self.reply(services.lookup_user(query_param(self, "login")))
        elif self.path.startswith("/logs"):
            self.reply(services.grep_log(query_param(self, "q", ".*")))
        elif self.path.startswith("/probe"):
            self.reply(services.probe(query_param(self, "url")))
        services.audit(actor, self.path)

    def do_POST(self):
        data = json.loads(body_text(self))
        services.restart_service(data["unit"])
        self.reply({"restarted": data["unit"]})


def main():
    HTTPServer(("127.0.0.1", 8081), AdminHandler).serve_forever()
