import secrets

from flask import Flask, Response, jsonify, request

app = Flask(__name__)

THEMES = ("light", "dark", "solarized")
CORS_ORIGINS = {"https://app.example.com", "https://admin.example.com"}


def with_header(resp, name, value):
    resp.headers[name] = value  # expect: header-injection
    return resp


@app.get("/api/ping")
def ping():
    resp = jsonify(ok=True)
    resp.headers["X-Request-Id"] = request.headers.get("X-Request-Id", "")  # expect: header-injection
    return resp


@app.get("/api/ping2")
def ping2():
    resp = jsonify(ok=True)
    resp.headers["X-Request-Id"] = secrets.token_hex(8)  # ok: header-injection
    return resp


@app.get("/api/cors")
def cors():
    origin = request.headers.get("Origin", "")
    resp = jsonify(ok=True)
    if origin in CORS_ORIGINS:
        resp.headers["Access-Control-Allow-Origin"] = origin  # ok: header-injection
    return resp


@app.get("/api/cors-any")
def cors_any():
    resp = jsonify(ok=True)
    resp.headers.add("Access-Control-Allow-Origin", request.headers.get("Origin", "*"))  # expect: header-injection
    return resp


@app.get("/download/<name>")
def download(name):
    resp = Response(b"...", mimetype="application/octet-stream")
    resp.headers.set("Content-Disposition", f'attachment; filename="{name}"')  # expect: header-injection
    return resp


@app.get("/api/version")
def version():
    return with_header(jsonify(version="1.4"), "X-Client", request.args.get("client", "web"))


@app.get("/api/page/<int:page>")
def page(page):
    resp = jsonify(items=[])
    resp.headers["X-Page"] = str(page)  # ok: header-injection
    return resp


@app.post("/prefs/theme")
def set_theme():
    theme = request.form.get("theme", "light")
    resp = Response(status=204)
    resp.set_cookie("theme", theme, max_age=31536000)  # expect: cookie-injection
    return resp


@app.post("/prefs/theme-checked")
def set_theme_checked():
    theme = request.form.get("theme", "light")
    if theme not in THEMES:
        theme = "light"
    resp = Response(status=204)
    resp.set_cookie("theme", theme, max_age=31536000)  # ok: cookie-injection
    return resp


@app.get("/search")
def search():
    q = request.args.get("q", "")
    resp = jsonify(results=[])
    resp.set_cookie("last_search", value=q[:100], httponly=True)  # expect: cookie-injection
    return resp


@app.get("/r/<ref>")
def referral(ref):
    resp = Response(status=302)
    resp.headers["Location"] = "/"  # ok: header-injection
    resp.set_cookie("ref", ref.strip().lower(), samesite="Lax")  # expect: cookie-injection
    return resp


@app.get("/items/<int:item_id>")
def view_item(item_id):
    resp = jsonify(id=item_id)
    resp.set_cookie("last_item", str(item_id))  # ok: cookie-injection
    resp.set_cookie("visit", secrets.token_urlsafe(16), secure=True)  # ok: cookie-injection
    return resp


def remember(resp, key, value):
    resp.set_cookie(key, value, secure=True, httponly=True)  # expect: cookie-injection
    return resp


@app.post("/locale")
def locale():
    data = request.get_json()
    return remember(Response(status=204), "locale", data.get("locale", "en"))
