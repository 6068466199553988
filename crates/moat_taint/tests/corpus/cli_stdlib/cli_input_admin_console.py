# --- file: console/__init__.py
# --- file: console/actions.py
import logging
import os
import sqlite3
import urllib.request

import yaml

log = logging.getLogger("console")
db = sqlite3.connect("/var/lib/console/users.db")
EXPORTS = "/var/lib/console/exports"


def find_user(email):
    return db.execute("SELECT id, role FROM users WHERE email = '" + email + "'").fetchall()  # expect: sql-injection


def set_role(user_id, role):
    db.execute("UPDATE users SET role = ? WHERE id = ?", (role, int(user_id)))  # ok: sql-injection
    log.info("role of %s set to %s", user_id, role)  # expect: log-injection


def export(filename, rows):
    with open(os.path.join(EXPORTS, filename), "w") as fh:  # expect: path-traversal
        fh.write(yaml.dump(rows))


def load_policy(path):
    with open(path) as fh:  # expect: path-traversal
        return yaml.load(fh, Loader=yaml.Loader)  # expect: unsafe-deserialization


def webhook(url, message):
    req = urllib.request.Request(url, data=message.encode(), method="POST")
    return urllib.request.urlopen(req).status  # expect: ssrf
# --- file: console/repl.py
from . import actions

PROMPT = "admin> "


def loop():
    while True:
        line = input(PROMPT)
        cmd, *argv = line.split(" ", 2)
        if cmd == "find":
            print(actions.find_user(argv[0]))
        elif cmd == "role":
            actions.set_role(argv[0], argv[1])
        elif cmd == "export":
            actions.export(argv[0], actions.find_user(input("email: ")))
        elif cmd == "policy":
            print(actions.load_policy(argv[0]))
        elif cmd == "hook":
            actions.webhook(argv[0], " ".join(argv[1:]))
        elif cmd == "quit":
            break
