from urllib.parse import unquote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import RedirectResponse as StarletteRedirect

app = FastAPI()

ALLOWED_CALLBACKS = {"https://app.example.com/callback", "https://admin.example.com/callback"}
AUTHORIZE_URL = "https://idp.example.com/authorize"


@app.get("/oauth/start")
async def oauth_start(redirect_uri: str = Query(...), state: str = Query("")):
    if redirect_uri not in ALLOWED_CALLBACKS:
        return RedirectResponse("/oauth/error")  # ok: open-redirect
    qs = urlencode({"redirect_uri": redirect_uri, "state": state})
    return RedirectResponse(f"{AUTHORIZE_URL}?{qs}")  # ok: open-redirect


@app.get("/oauth/callback")
async def oauth_callback(code: str, state: str = ""):
    return_to = unquote(state)
    return RedirectResponse(url=return_to, status_code=302)  # expect: open-redirect


@app.get("/out")
async def outbound(request: Request):
    target = request.query_params.get("u", "/")
    return StarletteRedirect(target)  # expect: open-redirect


@app.get("/shortlink/{code}")
async def shortlink(code: str):
    target = await resolve(code)
    return RedirectResponse(target)  # ok: open-redirect


@app.get("/continue")
async def continue_to(next: str = "/"):
    def pick(u):
        return u if u.startswith("/") else "/"
    return RedirectResponse(pick(next))  # expect: open-redirect


async def resolve(code):
    table = {"docs": "https://docs.example.com", "blog": "https://blog.example.com"}
    return table.get(code, "/")
