import html
import sqlite3

from flask import Flask, abort, g, jsonify, request

app = Flask(__name__)
DATABASE = "notes.db"

SORT_COLUMNS = {"created", "title", "updated"}


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.get("/notes/search")
def search_notes():
    term = request.args.get("q", "")
    cur = get_db().cursor()
    cur.execute(f"SELECT id, title FROM notes WHERE title LIKE '%{term}%'")  # expect: sql-injection
    return jsonify([dict(r) for r in cur.fetchall()])


@app.get("/notes/search2")
def search_notes_param():
    term = request.args.get("q", "")
    cur = get_db().cursor()
    cur.execute("SELECT id, title FROM notes WHERE title LIKE ?", (f"%{term}%",))  # ok: sql-injection
    return jsonify([dict(r) for r in cur.fetchall()])


@app.get("/notes/<int:note_id>")
def show_note(note_id):
    db = get_db()
    row = db.execute(f"SELECT * FROM notes WHERE id = {note_id}").fetchone()  # ok: sql-injection
    if row is None:
        abort(404)
    return jsonify(dict(row))


@app.get("/tags/<tag>")
def notes_by_tag(tag):
    db = get_db()
    rows = db.execute("SELECT n.id FROM notes n JOIN tags t ON t.note_id = n.id WHERE t.name = '" + tag + "'").fetchall()  # expect: sql-injection
    return jsonify([r["id"] for r in rows])


@app.get("/notes")
def list_notes():
    order = request.args.get("sort", "created")
    if order not in SORT_COLUMNS:
        order = "created"
    db = get_db()
    rows = db.execute("SELECT id, title FROM notes ORDER BY %s DESC" % order).fetchall()  # ok: sql-injection
    return jsonify([dict(r) for r in rows])


@app.get("/notes/by-author")
def notes_by_author():
    author = html.escape(request.args["author"])
    db = get_db()
    rows = db.execute("SELECT id FROM notes WHERE author = '{}'".format(author)).fetchall()  # expect: sql-injection
    return jsonify([r["id"] for r in rows])


@app.post("/notes/bulk-delete")
def bulk_delete():
    ids = request.get_json().get("ids", [])
    db = get_db()
    placeholders = ",".join("?" for _ in ids)
    db.execute(f"DELETE FROM notes WHERE id IN ({placeholders})", ids)  # ok: sql-injection
    db.commit()
    return "", 204


@app.post("/notes/archive")
def archive_notes():
    ids = request.get_json().get("ids", [])
    db = get_db()
    id_list = ", ".join(str(i) for i in ids)
    db.execute(f"UPDATE notes SET archived = 1 WHERE id IN ({id_list})")  # expect: sql-injection
    db.commit()
    return "", 204


@app.post("/notes/page")
def page_notes():
    limit = int(request.form.get("limit", "20"))
    offset = int(request.form.get("offset", "0"))
    db = get_db()
    rows = db.execute(f"SELECT id FROM notes LIMIT {limit} OFFSET {offset}").fetchall()  # ok: sql-injection
    return jsonify([r["id"] for r in rows])


@app.post("/notes/import")
def import_notes():
    script = request.data.decode("utf-8")
    db = get_db()
    db.executescript(script)  # expect: sql-injection
    return "", 201
