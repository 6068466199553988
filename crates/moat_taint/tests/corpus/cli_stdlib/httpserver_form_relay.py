# --- file: relay/__init__.py
# --- file: relay/logs.py
import logging

_BaseLogger = logging.getLoggerClass()


class RelayLogger(_BaseLogger):
    def rejected(self, reason):
        self.warning("rejected form: " + reason)  # todo: log-injection


logging.setLoggerClass(RelayLogger)


def access_log():
    logger_class = logging.getLoggerClass()
    return logger_class("relay.access")
# --- file: relay/forms.py
import os
import sqlite3
import urllib.request
from urllib.parse import parse_qsl, quote_plus

DB = "/var/lib/relay/forms.db"
INBOX = "/var/lib/relay/inbox"
LOOKUP_API = "https://directory.example.com/lookup"


def parse_form(body):
    return dict(parse_qsl(body, keep_blank_values=True))


def save(form):
    conn = sqlite3.connect(DB)
    conn.execute("INSERT INTO forms (email, topic) VALUES ('%s', '%s')" % (form.get("email"), form.get("topic")))  # expect: sql-injection
    conn.execute("INSERT INTO forms (email, topic) VALUES (?, ?)", (form.get("email"), form.get("topic")))  # ok: sql-injection
    conn.commit()


def ping_mirror(form):
    url = f"http://{quote_plus(form.get('mirror', 'localhost'))}:8080/ping"
    return urllib.request.urlopen(url, timeout=3).status  # expect: ssrf


def lookup(form):
    url = LOOKUP_API + "?email=" + quote_plus(form.get("email", ""))
    return urllib.request.urlopen(url, timeout=3).read()  # ok: ssrf


def attach(name, data):
    with open(os.path.join(INBOX, name), "wb") as fh:  # expect: path-traversal
        fh.write(data)
    with open(os.path.join(INBOX, os.path.basename(name)), "wb") as fh:  # ok: path-traversal
        fh.write(data)
# --- file: relay/server.py
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import forms
from .logs import access_log

log = access_log()


class RelayHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        if self.path == "/form":
            form = forms.parse_form(self.rfile.read(length).decode())
            forms.save(form)
            forms.ping_mirror(form)
            forms.lookup(form)
            if "@" not in form.get("email", ""):
                log.rejected("bad email " + form.get("email", ""))
        elif self.path == "/attach":
            # first line: the attachment's name, then its bytes
            name = self.rfile.readline(256).decode().strip()
            forms.attach(name, self.rfile.read(length))
        self.send_response(204)
        self.end_headers()


def main():
    ThreadingHTTPServer(("0.0.0.0", 8025), RelayHandler).serve_forever()
