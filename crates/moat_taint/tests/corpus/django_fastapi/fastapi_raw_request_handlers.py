# --- file: notes/__init__.py
# --- file: notes/storage.py
import sqlite3

DB_PATH = "/var/lib/notes/notes.db"


def connect():
    return sqlite3.connect(DB_PATH)


def add_note(owner, body):
    with connect() as conn:
        conn.execute(f"INSERT INTO notes (owner, body) VALUES ('{owner}', '{body}')")  # expect: sql-injection


def add_note_safe(owner, body):
    with connect() as conn:
        conn.execute("INSERT INTO notes (owner, body) VALUES (?, ?)", (owner, body))  # ok: sql-injection

# --- file: notes/main.py
import html
import pickle
import secrets
import subprocess
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import FileResponse

from .storage import add_note, add_note_safe

app = FastAPI()
EXPORTS = Path("/var/lib/notes/exports")
THEMES = {"light", "dark", "solarized"}


@app.get("/banner")
async def banner(request: Request):
    theme = request.cookies.get("theme", "light")
    return Response(content=f"<div class='banner {theme}'>Notes</div>", media_type="text/html")  # expect: xss


@app.get("/banner/safe")
async def banner_safe(request: Request):
    theme = request.cookies.get("theme", "light")
    if theme not in THEMES:
        theme = "light"
    return Response(content=f"<div class='banner {theme}'>Notes</div>", media_type="text/html")  # ok: xss


@app.get("/banner/text")
async def banner_text(request: Request):
    theme = request.cookies.get("theme", "light")
    return Response(content=f"theme={theme}", media_type="text/plain")  # ok: xss


@app.post("/theme")
async def set_theme(request: Request, response: Response):
    form = await request.form()
    theme = str(form.get("theme", "light"))
    response.set_cookie("theme", theme, max_age=31536000)  # expect: cookie-injection
    if theme in THEMES:
        response.set_cookie("theme_checked", theme, max_age=31536000)  # ok: cookie-injection
    response.set_cookie("csrf", secrets.token_urlsafe(16), httponly=True)  # ok: cookie-injection
    return {"theme": theme}


@app.post("/notes")
async def create_note(request: Request):
    form = await request.form()
    add_note(request.headers.get("x-user", "anon"), str(form.get("body", "")))
    return {"ok": True}


@app.post("/notes/safe")
async def create_note_safe(request: Request):
    form = await request.form()
    add_note_safe("anon", str(form.get("body", "")))
    return {"ok": True}


@app.post("/notes/render")
async def render_note(request: Request):
    payload = await request.json()
    out = subprocess.run("pandoc -f markdown -t " + payload["format"], shell=True, input=payload["text"], capture_output=True, text=True)  # expect: command-injection
    return {"html": out.stdout}


@app.post("/notes/render/safe")
async def render_note_safe(request: Request):
    payload = await request.json()
    fmt = "html5" if payload.get("format") == "html5" else "html"
    out = subprocess.run(["pandoc", "-f", "markdown", "-t", fmt], input=payload["text"], capture_output=True, text=True)  # ok: command-injection
    return {"html": out.stdout}


@app.get("/exports/{name}")
async def download_export(request: Request):
    name = request.path_params["name"]
    return FileResponse(EXPORTS / name)  # expect: path-traversal


@app.get("/exports/{export_id}/pdf")
async def download_export_pdf(request: Request):
    export_id = int(request.path_params["export_id"])
    return FileResponse(EXPORTS / f"{export_id}.pdf")  # ok: path-traversal


@app.post("/notes/import")
async def import_notes(request: Request):
    blob = b""
    async for chunk in request.stream():
        blob += chunk
    notes = pickle.loads(blob)  # expect: unsafe-deserialization
    return {"count": len(notes)}


@app.post("/notes/import/size")
async def import_size(request: Request):
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
    if size > 10_000_000:
        raise HTTPException(status_code=413)
    return Response(content=f"<p>{html.escape(str(size))} bytes</p>", media_type="text/html")  # ok: xss
