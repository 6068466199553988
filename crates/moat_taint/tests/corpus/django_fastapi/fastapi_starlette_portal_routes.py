# --- file: portal/__init__.py
# --- file: portal/handlers.py
import html
import json
import logging
import os
import secrets
import sqlite3
import subprocess
import yaml

import httpx
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response

log = logging.getLogger("portal")
DOCS = "/srv/portal/docs"
LANGS = {"en", "de", "fr"}


async def not_found(request: Request, exc):
    return HTMLResponse(f"<h1>Not found</h1><p>{request.url.path}</p>", status_code=404)  # expect: xss


async def not_found_safe(request: Request, exc):
    return HTMLResponse(f"<h1>Not found</h1><p>{html.escape(request.url.path)}</p>", status_code=404)  # ok: xss


async def greet(request: Request):
    name = request.query_params.get("name", "guest")
    return HTMLResponse(content=f"<p>Welcome back, {name}</p>")  # expect: xss


async def greet_safe(request: Request):
    name = request.query_params.get("name", "guest")
    return HTMLResponse(content=f"<p>Welcome back, {html.escape(name)}</p>")  # ok: xss


async def document(request: Request):
    path = os.path.join(DOCS, request.path_params["doc"])
    return FileResponse(path)  # expect: path-traversal


async def document_safe(request: Request):
    requested = os.path.realpath(os.path.join(DOCS, request.path_params["doc"]))
    if not requested.startswith(DOCS + os.sep):
        return Response(status_code=404)
    return FileResponse(requested, filename=request.path_params["doc"])  # ok: path-traversal


async def language(request: Request):
    lang = request.headers.get("accept-language", "en").split(",")[0]
    response = Response(status_code=204)
    response.set_cookie("lang", lang)  # expect: cookie-injection
    response.set_cookie("lang_ok", lang if lang in LANGS else "en")  # ok: cookie-injection
    response.set_cookie("sid", secrets.token_hex(16), httponly=True, secure=True)  # ok: cookie-injection
    return response


async def preferences(request: Request):
    session_id = request.cookies.get("sid", "")
    with sqlite3.connect("/srv/portal/prefs.db") as conn:
        row = conn.execute(f"SELECT prefs FROM sessions WHERE sid = '{session_id}'").fetchone()  # expect: sql-injection
        row = conn.execute("SELECT prefs FROM sessions WHERE sid = ?", (session_id,)).fetchone()  # ok: sql-injection
    return JSONResponse({"prefs": row[0] if row else None})


async def contact(request: Request):
    form = await request.form()
    log.info("contact form from %s", form.get("email"))  # expect: log-injection
    log.info("contact form with %d fields", len(form))  # ok: log-injection
    return Response(status_code=202)


async def webhook(request: Request):
    event = await request.json()
    async with httpx.AsyncClient() as client:
        await client.post(event["callback_url"], json={"received": True})  # expect: ssrf
        await client.post("https://hooks.internal/received", json={"event": event.get("id")})  # ok: ssrf
    return JSONResponse({"ok": True})


async def upload_config(request: Request):
    raw = await request.body()
    config = yaml.load(raw, Loader=yaml.Loader)  # expect: unsafe-deserialization
    checked = yaml.safe_load(raw)  # ok: unsafe-deserialization
    return JSONResponse({"keys": sorted(config), "checked": sorted(checked)})


async def archive(request: Request):
    chunks = []
    async for chunk in request.stream():
        chunks.append(chunk)
    manifest = json.loads(b"".join(chunks))
    subprocess.run("tar czf /srv/portal/archives/out.tgz " + " ".join(manifest["files"]), shell=True)  # expect: command-injection
    subprocess.run(["tar", "czf", "/srv/portal/archives/out.tgz", "--", *manifest["files"]])  # ok: command-injection
    return JSONResponse({"files": len(manifest["files"])})

# --- file: portal/app.py
from starlette.applications import Starlette
from starlette.routing import Route

from . import handlers

routes = [
    Route("/greet", handlers.greet),
    Route("/greet/safe", handlers.greet_safe),
    Route("/docs/{doc:path}", handlers.document),
    Route("/docs/safe/{doc:path}", handlers.document_safe),
    Route("/lang", handlers.language),
    Route("/prefs", handlers.preferences),
    Route("/contact", handlers.contact, methods=["POST"]),
    Route("/webhook", handlers.webhook, methods=["POST"]),
    Route("/config", handlers.upload_config, methods=["POST"]),
    Route("/archive", handlers.archive, methods=["POST"]),
]

app = Starlette(routes=routes, exception_handlers={404: handlers.not_found})
