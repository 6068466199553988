# --- file: web/__init__.py
# --- file: web/render.py
from markupsafe import Markup, escape


def card(title, body):
    return f"<div class='card'><h3>{title}</h3><p>{body}</p></div>"


def safe_card(title, body):
    return Markup("<div class='card'><h3>{}</h3><p>{}</p></div>").format(title, body)
# --- file: web/main.py
import html
from typing import Annotated

from fastapi import Cookie, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel
from starlette.responses import Response

from .render import card, safe_card

app = FastAPI()


class Feedback(BaseModel):
    author: str
    message: str
    rating: int


@app.get("/hello", response_class=HTMLResponse)
async def hello(name: Annotated[str, Query()] = "world"):
    return HTMLResponse(content=f"<h1>Hello {name}</h1>")  # expect: xss


@app.get("/hello-safe", response_class=HTMLResponse)
async def hello_safe(name: str = "world"):
    return HTMLResponse(f"<h1>Hello {html.escape(name)}</h1>")  # ok: xss


@app.post("/feedback", response_class=HTMLResponse)
async def feedback(fb: Feedback):
    rendered = card(fb.author, fb.message)
    return HTMLResponse(rendered)  # expect: xss


@app.post("/feedback/rating", response_class=HTMLResponse)
async def feedback_rating(fb: Feedback):
    return HTMLResponse(card("Rating", str(fb.rating)))  # ok: xss


@app.post("/feedback/safe", response_class=HTMLResponse)
async def feedback_safe(fb: Feedback):
    return HTMLResponse(str(safe_card(fb.author, fb.message)))  # ok: xss


@app.post("/signup", response_class=HTMLResponse)
async def signup(username: str = Form(...), theme: str | None = Cookie(default=None)):
    parts = ["<html><body>", f"<p class='{theme}'>Thanks for signing up</p>", "</body></html>"]
    return HTMLResponse("".join(parts))  # expect: xss


@app.get("/echo")
async def echo(request: Request):
    ua = request.headers.get("user-agent", "")
    return Response(content="<p>Your browser: " + ua + "</p>", media_type="text/html")  # expect: xss


@app.get("/search", response_class=HTMLResponse)
async def search(request: Request):
    terms = [t.strip() for t in request.query_params.getlist("t")]
    return HTMLResponse("<ul>" + "".join(f"<li>{t}</li>" for t in terms) + "</ul>")  # expect: xss


@app.get("/greet", response_class=HTMLResponse)
def greet(name: str = ""):
    return f"<h1>Hello {name}</h1>"  # expect: xss


@app.get("/greet/escaped", response_class=HTMLResponse)
def greet_escaped(name: str = ""):
    return f"<h1>Hello {html.escape(name)}</h1>"  # ok: xss


@app.get("/greet/json")
def greet_json(name: str = ""):
    return f"Hello {name}"  # ok: xss


@app.get("/greet/count", response_class=HTMLResponse)
def greet_count(n: int = 1):
    page = "<p>" + "Hello! " * n + "</p>"
    return page  # ok: xss


@app.get("/say", response_class=HTMLResponse)
def say(message: str = ""):
    return message  # expect: xss


@app.get("/say/json")
def say_json(message: str = ""):
    return message  # ok: xss


@app.post("/say/feedback", response_class=HTMLResponse)
def say_feedback(fb: Feedback):
    return fb.message  # expect: xss


@app.get("/say/count", response_class=HTMLResponse)
def say_count(n: int = 1):
    return n  # ok: xss
