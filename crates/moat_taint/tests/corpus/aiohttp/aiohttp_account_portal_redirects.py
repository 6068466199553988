# --- file: portal/__init__.py
# --- file: portal/db.py
import sqlite3

conn = sqlite3.connect("/srv/portal.db")


def record_visit(path, region):
    conn.execute("INSERT INTO visits (path, region) VALUES (?, ?)", (path, region))  # ok: sql-injection


def record_visit_inline(path):
    conn.execute(f"INSERT INTO visits (path) VALUES ('{path}')")  # expect: sql-injection
# --- file: portal/middlewares.py
from aiohttp import web


@web.middleware
async def trailing_slash(request: web.Request, handler):
    if not request.path.endswith("/") and "." not in request.path:
        # "//evil.example" + "/" becomes a protocol-relative redirect off-site.
        raise web.HTTPPermanentRedirect(request.path_qs + "/")  # expect: open-redirect
    return await handler(request)


@web.middleware
async def force_login(request: web.Request, handler):
    if request.path.startswith("/account") and "session" not in request.cookies:
        raise web.HTTPPermanentRedirect("/login")  # ok: open-redirect
    return await handler(request)
# --- file: portal/views.py
from urllib.parse import parse_qs, quote

from aiohttp import web

from . import db

SAFE_RETURNS = {"/", "/account", "/account/billing", "/account/security"}
REGIONS = {"eu": "https://eu.portal.example.com", "us": "https://us.portal.example.com"}


async def change_email(request):
    form = await request.post()
    db.record_visit(request.path_qs, form.get("region", ""))
    db.record_visit_inline(request.path_qs)
    # Post/redirect/get back to the page the form was routed to.
    raise web.HTTPSeeOther(request.path_qs)  # ok: open-redirect


async def update_profile(request):
    params = parse_qs(request.query_string)
    back = params.get("back", ["/account"])[0]
    raise web.HTTPSeeOther(back)  # expect: open-redirect


async def update_profile_checked(request):
    params = parse_qs(request.query_string)
    back = params.get("back", ["/account"])[0]
    if back not in SAFE_RETURNS:
        back = "/account"
    raise web.HTTPSeeOther(back)  # ok: open-redirect


async def close_account(request):
    return_to = request.cookies.get("return_to", "/")
    raise web.HTTPTemporaryRedirect(return_to)  # expect: open-redirect


async def close_account_home(request):
    region = request.cookies.get("region", "eu")
    raise web.HTTPTemporaryRedirect(REGIONS.get(region, REGIONS["eu"]) + "/goodbye")  # ok: open-redirect


async def legacy_search(request):
    # The old host forwards searches to the new one; the query string stays a query string.
    raise web.HTTPMovedPermanently("https://portal.example.com/search?" + request.query_string)  # ok: open-redirect


async def legacy_profile(request):
    region = request.cookies.get("region", "eu")
    raise web.HTTPMovedPermanently(f"https://{region}.portal.example.com/account")  # expect: open-redirect


async def login_required(request):
    raise web.HTTPSeeOther("/login?next=" + quote(request.path_qs, safe=""))  # ok: open-redirect
# --- file: portal/app.py
from aiohttp import web

from . import middlewares, views


def make_app():
    app = web.Application(middlewares=[middlewares.force_login, middlewares.trailing_slash])
    app.router.add_put("/account/email", views.change_email)
    app.router.add_patch("/account/profile", views.update_profile)
    app.router.add_patch("/account/profile/checked", handler=views.update_profile_checked)
    app.router.add_delete("/account", views.close_account)
    app.router.add_delete("/account/home", views.close_account_home)
    app.router.add_get("/search", views.legacy_search)
    app.router.add_get("/profile", views.legacy_profile)
    app.router.add_get("/account/login-required", views.login_required)
    return app


if __name__ == "__main__":
    web.run_app(make_app())
