# --- file: hooks/__init__.py

# --- file: hooks/client.py
import json
import urllib.request

import httpx
import requests

STATUS_API = "https://status.internal.example.com/api/v1/check"
ALLOWED_HOSTS = {"hooks.slack.com", "discord.com", "api.github.com"}

_session = requests.Session()


def deliver(url, payload):
    return requests.post(url, json=payload, timeout=5)  # expect: ssrf


def deliver_checked(host, path, payload):
    if host not in ALLOWED_HOSTS:
        raise ValueError("host not allowed")
    return requests.post(f"https://{host}/{path.lstrip('/')}", json=payload, timeout=5)  # ok: ssrf


def check_status(service, timeout):
    return _session.get(STATUS_API, params={"service": service}, timeout=float(timeout))  # ok: ssrf


def fetch_preview(url):
    with urllib.request.urlopen(url, timeout=5) as resp:  # expect: ssrf
        return resp.read(65536)


def fetch_json(url):
    req = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as resp:  # expect: ssrf
        return json.load(resp)


async def ping_async(url):
    async with httpx.AsyncClient(timeout=5) as client:
        return await client.get(url)  # expect: ssrf


def notify_chat(text):
    return httpx.post("https://hooks.slack.com/services/T000/B000/XXXX", json={"text": text})  # ok: ssrf

# --- file: hooks/views.py
import base64

import requests
from flask import Blueprint, jsonify, request

from . import client

bp = Blueprint("hooks", __name__)


@bp.post("/hooks/test")
def test_hook():
    data = request.get_json()
    resp = client.deliver(data["url"], {"event": "ping"})
    return jsonify(status=resp.status_code)


@bp.post("/hooks/test-allowed")
def test_hook_allowed():
    data = request.get_json()
    resp = client.deliver_checked(data["host"], data.get("path", "/"), {"event": "ping"})
    return jsonify(status=resp.status_code)


@bp.get("/status/<service>")
def status(service):
    return jsonify(client.check_status(service, request.args.get("timeout", "3")).json())


@bp.get("/preview")
def preview():
    target = base64.b64decode(request.args["t"]).decode("utf-8")
    return client.fetch_preview(target)


@bp.get("/import")
def import_feed():
    return jsonify(client.fetch_json(request.args["feed"]))


@bp.get("/ping")
async def ping():
    resp = await client.ping_async(request.args.get("url", "https://example.com"))
    return jsonify(status=resp.status_code)


@bp.post("/feedback")
def feedback():
    client.notify_chat(request.form["message"])
    return "", 202


@bp.get("/avatar/proxy")
def avatar_proxy():
    user_host = request.headers.get("X-Avatar-Host", "cdn.example.com")
    resp = requests.get("https://" + user_host + "/avatar.png", timeout=5)  # expect: ssrf
    return resp.content, 200, {"Content-Type": "image/png"}


@bp.get("/avatar/<user_id>")
def avatar_by_template(user_id):
    size = request.args.get("size", "64")
    host = request.args.get("cdn", "cdn.example.com")
    # The template fixes the host; the path and query only pick a file on it.
    fixed = requests.get("https://cdn.example.com/avatars/{}.png?s={}".format(user_id, size), timeout=5)  # ok: ssrf
    # Here the caller picks the host.
    chosen = requests.get("https://{}/avatars/{}.png".format(host, user_id), timeout=5)  # expect: ssrf
    by_name = requests.get("https://{cdn}/a/{uid}".format(uid=user_id, cdn=host), timeout=5)  # expect: ssrf
    return fixed.content + chosen.content + by_name.content, 200, {"Content-Type": "image/png"}
