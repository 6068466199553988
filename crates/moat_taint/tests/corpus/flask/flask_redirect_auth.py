from urllib.parse import urlparse

from flask import Flask, redirect, request, session, url_for

app = Flask(__name__)
app.secret_key = "dev"

SAFE_NEXT = {"/", "/dashboard", "/settings", "/billing"}
PARTNER_URLS = {
    "docs": "https://docs.example.com/",
    "status": "https://status.example.com/",
}


def next_target():
    return request.args.get("next") or request.form.get("next") or "/"


@app.post("/login")
def login():
    session["uid"] = 1  # ok: trust-boundary
    return redirect(next_target())  # expect: open-redirect


@app.post("/login/checked")
def login_checked():
    target = next_target()
    if target not in SAFE_NEXT:
        target = url_for("dashboard")
    return redirect(target)  # ok: open-redirect


@app.get("/dashboard")
def dashboard():
    return "dashboard"


@app.get("/logout")
def logout():
    session.clear()
    return redirect(request.headers.get("Referer", "/"))  # expect: open-redirect


@app.get("/go/<partner>")
def go_partner(partner):
    return redirect(PARTNER_URLS.get(partner, "/"))  # ok: open-redirect


@app.get("/out")
def outbound():
    url = request.args["u"]
    if urlparse(url).scheme in ("http", "https"):
        return redirect(url, code=302)  # expect: open-redirect
    return redirect("/")  # ok: open-redirect


@app.get("/profile/<username>/go")
def profile_go(username):
    return redirect(url_for("profile", username=username))  # ok: open-redirect


@app.get("/u/<username>")
def profile(username):
    return {"username": username}


@app.get("/sso/callback")
def sso_callback():
    state = request.args.get("state", "")
    return_to = state.split("|", 1)[-1]
    return redirect(return_to)  # expect: open-redirect


@app.get("/lang")
def set_lang():
    back = request.values.get("back", "/")
    resp = redirect(f"https://{request.args.get('region', 'eu')}.example.com{back}")  # expect: open-redirect
    return resp
