# --- file: wiki/__init__.py
# --- file: wiki/render.py
def table_row(name, value):
    return f"<tr><td>{name}</td><td>{value}</td></tr>"
# --- file: wiki/views.py
import html
import os

from flask import Blueprint, Flask, Response, jsonify, request
from markupsafe import escape
from werkzeug.utils import secure_filename

from .render import table_row

app = Flask(__name__)
bp = Blueprint("pages", __name__)
UPLOADS = "/srv/wiki/uploads"


@app.get("/search")
def search():
    q = request.args.get("q", "")
    return f"<h1>Results for {q}</h1>"  # expect: xss


@app.get("/search/escaped")
def search_escaped():
    q = request.args.get("q", "")
    return f"<h1>Results for {escape(q)}</h1>"  # ok: xss


@app.get("/search/json")
def search_json():
    q = request.args.get("q", "")
    return {"query": q, "results": []}  # ok: xss


@app.get("/search/plain")
def search_plain():
    q = request.args.get("q", "")
    return f"No results for {q}", 200, {"Content-Type": "text/plain; charset=utf-8"}  # ok: xss


@app.get("/search/count")
def search_count():
    n = int(request.args.get("n", "10"))
    return f"<p>Showing {n} results</p>"  # ok: xss


@app.get("/tags")
def tags():
    names = request.args.getlist("tag")
    page = "<ul>" + "".join(f"<li>{t}</li>" for t in names) + "</ul>"
    return page  # expect: xss


@app.get("/tags/escaped")
def tags_escaped():
    names = request.args.getlist("tag")
    page = "<ul>" + "".join(f"<li>{html.escape(t)}</li>" for t in names) + "</ul>"
    return page  # ok: xss


@app.get("/users/<username>")
def user(username):
    return "<p>Unknown user %s</p>" % username, 404  # expect: xss


@app.get("/users/<int:user_id>/card")
def user_card(user_id):
    return "<p>User #%d</p>" % user_id, 200  # ok: xss


@app.get("/hello/<name>")
def hello(name):
    return "<p>Hello, {}!</p>".format(name)  # expect: xss


@app.get("/hello-json/<name>")
def hello_json(name):
    return jsonify(greeting="Hello, {}!".format(name))  # ok: xss


@app.get("/preview")
def preview():
    body = request.form.get("body", "")
    return f"<article>{body}</article>" if body else "<p>Nothing to preview</p>"  # expect: xss


@app.get("/preview/text")
def preview_text():
    body = request.form.get("body", "")
    return Response(f"<article>{body}</article>", mimetype="text/plain")  # ok: xss


@app.get("/info")
def info():
    rows = table_row("agent", request.headers.get("User-Agent", ""))
    return "<table>" + rows + "</table>"  # expect: xss


@bp.get("/back")
def back():
    ref = request.headers.get("Referer", "/")
    return f"<a href='{ref}'>Go back</a>", 200, {"Cache-Control": "no-store"}  # expect: xss


def describe(topic):
    return f"<h2>{topic}</h2>"  # ok: xss


@app.get("/topics/<topic>")
def topic_page(topic):
    return describe(topic)  # expect: xss


def summary(topic):
    return {"topic": topic, "pages": []}


def maybe_card(topic, as_json):
    if as_json:
        return {"topic": topic}
    return f"<div>{topic}</div>"


@app.get("/topics/<topic>/summary")
def topic_summary(topic):
    return summary(topic)  # ok: xss


@app.get("/topics/<topic>/card")
def topic_card(topic):
    return maybe_card(topic, True)  # ok: xss


@app.get("/row")
def row():
    return table_row("q", request.args.get("q", ""))  # expect: xss


@app.post("/photos")
def photos():
    for photo in request.files.getlist("photos"):
        photo.save(os.path.join(UPLOADS, photo.filename))  # expect: unrestricted-upload; expect: path-traversal
    return "", 201


@app.post("/photos/safe")
def photos_safe():
    for photo in request.files.getlist("photos"):
        name = secure_filename(photo.filename)
        photo.save(os.path.join(UPLOADS, name))  # ok: unrestricted-upload; ok: path-traversal
    return "", 201


@app.post("/document")
def document():
    doc = request.files.get("document")
    if doc is None:
        return "missing document", 400
    doc.save(os.path.join(UPLOADS, doc.filename))  # expect: unrestricted-upload; expect: path-traversal
    return "", 201


@app.post("/document/first")
def first_document():
    first = request.files.getlist("documents")[0]
    first.save(os.path.join(UPLOADS, "incoming", secure_filename(first.filename)))  # ok: unrestricted-upload; ok: path-traversal
    return "", 201
