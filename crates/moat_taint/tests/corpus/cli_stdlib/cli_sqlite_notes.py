# --- file: notes/__init__.py
# --- file: notes/db.py
import sqlite3

DB_PATH = "/var/lib/notes/notes.db"


def connect():
    conn = sqlite3.connect(DB_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def fetch_all(sql, params=()):
    with connect() as conn:
        return conn.execute(sql, params).fetchall()  # expect: sql-injection
# --- file: notes/queries.py
import html

from .db import connect, fetch_all

SORTABLE = {"created", "title", "priority"}


def by_tag(tag):
    return fetch_all(f"SELECT id, title FROM notes WHERE tag = '{tag}'")


def by_tag_safe(tag):
    with connect() as conn:
        return conn.execute("SELECT id, title FROM notes WHERE tag = ?", (tag,)).fetchall()  # ok: sql-injection


def latest(limit, order):
    if order not in SORTABLE:
        order = "created"
    with connect() as conn:
        cur = conn.cursor()
        cur.execute("SELECT id, title FROM notes ORDER BY %s DESC LIMIT %d" % (order, int(limit)))  # ok: sql-injection
        return cur.fetchall()


def search(term):
    cleaned = html.escape(term)
    with connect() as conn:
        cur = conn.cursor()
        cur.execute("SELECT id FROM notes WHERE body LIKE '%" + cleaned + "%'")  # expect: sql-injection
        return cur.fetchall()


def delete(ids):
    with connect() as conn:
        conn.execute("DELETE FROM notes WHERE id IN (" + ",".join(str(int(i)) for i in ids) + ")")  # ok: sql-injection
        conn.executescript("DELETE FROM notes WHERE id IN (%s); VACUUM;" % ",".join(ids))  # expect: sql-injection
# --- file: notes/main.py
import argparse

from . import queries


def main():
    parser = argparse.ArgumentParser(prog="notes")
    sub = parser.add_subparsers(dest="cmd", required=True)
    p_tag = sub.add_parser("tag")
    p_tag.add_argument("tag")
    p_ls = sub.add_parser("ls")
    p_ls.add_argument("--limit", default="20")
    p_ls.add_argument("--order", default="created")
    p_find = sub.add_parser("find")
    p_find.add_argument("term")
    p_rm = sub.add_parser("rm")
    p_rm.add_argument("ids", nargs="+")
    args = parser.parse_args()

    if args.cmd == "tag":
        rows = queries.by_tag(args.tag) + queries.by_tag_safe(args.tag)
    elif args.cmd == "ls":
        rows = queries.latest(args.limit, args.order)
    elif args.cmd == "find":
        rows = queries.search(args.term)
    else:
        queries.delete(args.ids)
        rows = []
    for row in rows:
        print(*row)


if __name__ == "__main__":
    main()
