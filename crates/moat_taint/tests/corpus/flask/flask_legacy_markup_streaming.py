# --- file: newsroom/__init__.py
from flask import Flask

app = Flask(__name__)
app.secret_key = "dev-only"

from . import views  # noqa: E402,F401

# --- file: newsroom/templates/feed.html
<ul>
{% for item in items %}<li>{{ item }}</li>{% endfor %}
</ul>
<p>Filtered by {{ tag }}</p>
# --- file: newsroom/templates/article.html
<h1>{{ title }}</h1>
<div>{{ body }}</div>
# --- file: newsroom/badges.py
from flask import Markup, escape


def badge(label):
    return Markup(f"<span class='badge'>{label}</span>")  # expect: xss


def safe_badge(label):
    return Markup(f"<span class='badge'>{escape(label)}</span>")  # ok: xss


def fixed_badge():
    return Markup("<span class='badge badge-new'>new</span>")  # ok: xss

# --- file: newsroom/views.py
from flask import Response, current_app, request, session, stream_template, stream_template_string
from flask.templating import render_template, render_template_string

from . import app
from .badges import badge, fixed_badge, safe_badge

HEADLINES = ["Budget approved", "Bridge reopens", "Council elections"]
TICKER = "<marquee>{{ headline }}</marquee>"


@app.get("/badge")
def show_badge():
    label = request.args.get("label", "")
    return str(badge(label))  # expect: xss


@app.get("/badge/safe")
def show_safe_badge():
    label = request.args.get("label", "")
    current_app.logger.info("badge requested: %s", label)  # expect: log-injection
    return str(safe_badge(label)) + str(fixed_badge())


@app.get("/feed")
def feed():
    tag = request.args.get("tag", "all")
    current_app.logger.info("feed for tag %d chars", len(tag))  # ok: log-injection
    return Response(stream_template("feed.html", items=HEADLINES, tag=tag), mimetype="text/html")  # ok: xss


def generate_feed(items, tag):
    yield "<ul>"
    for item in items:
        yield f"<li>{item}</li>"
    yield f"</ul><p>Filtered by {tag}</p>"


@app.get("/feed/raw")
def feed_raw():
    tag = request.args.get("tag", "all")
    return Response(generate_feed(HEADLINES, tag), mimetype="text/html")  # expect: xss


@app.get("/ticker")
def ticker():
    headline = request.args.get("headline", HEADLINES[0])
    return Response(stream_template_string(TICKER, headline=headline), mimetype="text/html")  # ok: xss; ok: ssti


@app.post("/ticker/custom")
def custom_ticker():
    layout = request.form.get("layout", TICKER)
    return Response(stream_template_string(layout, headline=HEADLINES[0]), mimetype="text/html")  # expect: ssti


@app.get("/article")
def article():
    title = request.args.get("title", "")
    return render_template("article.html", title=title, body="...")  # ok: xss


@app.get("/article/inline")
def article_inline():
    body = request.args.get("body", "")
    return render_template_string("<article>{{ body }}</article>", body=body)  # ok: xss; ok: ssti


@app.get("/article/plain")
def article_plain():
    body = request.args.get("body", "")
    return "<article>" + body + "</article>"  # expect: xss


@app.post("/preview")
def preview():
    source = request.form.get("source", "")
    return render_template_string(source)  # expect: ssti


@app.post("/cart/start")
def start_cart():
    owner = request.form.get("owner", "")
    session.setdefault("cart_owner", owner)  # expect: trust-boundary
    session.setdefault("cart_items", [])  # ok: trust-boundary
    current_app.logger.error("cart opened for %s", owner.replace("\r", "").replace("\n", ""))  # ok: log-injection
    return "", 204
