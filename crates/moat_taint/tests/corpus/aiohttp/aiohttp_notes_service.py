# --- file: notes/__init__.py
# --- file: notes/storage.py
import os
import sqlite3

NOTES_DIR = "/srv/notes"
db = sqlite3.connect("/srv/notes.db")


def note_path(name):
    return os.path.join(NOTES_DIR, name)


def find_notes(owner):
    return db.execute("SELECT title FROM notes WHERE owner = '" + owner + "'").fetchall()  # expect: sql-injection


def find_notes_safely(owner):
    return db.execute("SELECT title FROM notes WHERE owner = ?", (owner,)).fetchall()  # ok: sql-injection
# --- file: notes/views.py
import html
import subprocess

from aiohttp import web

from .storage import find_notes, find_notes_safely, note_path

routes = web.RouteTableDef()


@routes.get("/notes/{owner}")
async def list_notes(request):
    owner = request.match_info["owner"]
    return web.json_response(find_notes(owner))


@routes.get("/safe/{owner}")
async def list_notes_safely(request):
    return web.json_response(find_notes_safely(request.match_info["owner"]))


@routes.post("/notes/export")
async def export(request):
    form = await request.post()
    subprocess.run("tar czf /tmp/export.tgz " + form["folder"], shell=True)  # expect: command-injection
    subprocess.run(["tar", "czf", "/tmp/export.tgz", form["folder"]])  # ok: command-injection
    return web.Response(text="queued")


@routes.get("/download")
async def download(request):
    return web.FileResponse(note_path(request.query["name"]))  # expect: path-traversal


@routes.get("/download/latest")
async def download_latest(request):
    return web.FileResponse(note_path("latest.md"))  # ok: path-traversal


async def greet(request):
    name = request.query.get("name", "stranger")
    return web.Response(text="<h1>Hello " + name + "</h1>", content_type="text/html")  # expect: xss


async def greet_escaped(request):
    name = html.escape(request.query.get("name", "stranger"))
    return web.Response(text="<h1>Hello " + name + "</h1>", content_type="text/html")  # ok: xss


async def greet_plain(request):
    name = request.query.get("name", "stranger")
    return web.Response(text="Hello " + name)  # ok: xss


async def login_done(request):
    target = request.query.get("next", "/")
    raise web.HTTPFound(target)  # expect: open-redirect


async def login_done_here(request):
    raise web.HTTPFound(request.rel_url)  # ok: open-redirect


async def search(request):
    body = await request.json()
    return web.json_response(find_notes(body["owner"]))


def helper_with_request_name(request):
    # Not a handler: nothing registers it, and `request` is whatever the caller passes.
    return find_notes_safely(request)
# --- file: notes/app.py
from aiohttp import web

from . import views


def make_app():
    app = web.Application()
    app.add_routes(views.routes)
    app.add_routes([web.get("/greet", views.greet), web.get("/greet/escaped", views.greet_escaped)])
    app.router.add_get("/greet/plain", views.greet_plain)
    app.router.add_route("GET", "/login/done", views.login_done)
    app.router.add_get("/login/here", handler=views.login_done_here)
    app.router.add_post("/search", views.search)
    return app


if __name__ == "__main__":
    web.run_app(make_app())
