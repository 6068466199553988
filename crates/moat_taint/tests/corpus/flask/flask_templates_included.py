# --- file: forum/__init__.py
# --- file: forum/templates/layout.html
<!doctype html>
<html>
<head><title>{{ page_title }}</title></head>
<body>
  <nav>{{ banner|safe }}</nav>
  {% block content %}{% endblock %}
</body>
</html>
# --- file: forum/templates/partials/reply.html
<article class="reply">
  <h3>{{ reply.author }}</h3>
  <div class="body">{{ reply.html|safe }}</div>
</article>
# --- file: forum/templates/partials/quote.html
<blockquote>{{ quoted|safe }}</blockquote>
# --- file: forum/templates/partials/footer.html
<footer>{{ footer_note }}</footer>
# --- file: forum/templates/thread.html
{% extends "layout.html" %}
{% block content %}
  <h1>{{ thread.title }}</h1>
  {% for reply in replies %}
    {% include "partials/reply.html" with context %}
  {% endfor %}
  {% include "partials/footer.html" %}
{% endblock %}
# --- file: forum/templates/reply_preview.html
{% set reply = draft %}
{% include "partials/reply.html" %}
# --- file: forum/templates/post.html
{% extends "layout.html" %}
{% block content %}<h1>{{ post.title }}</h1><div class="body">{{ post.body|safe }}</div>{% endblock %}
# --- file: forum/views.py
from flask import Flask, render_template, request
from markupsafe import escape

app = Flask(__name__)


class Thread:
    def __init__(self, title):
        self.title = title


class Post:
    def __init__(self, title, body="<p>No text yet.</p>"):
        self.title = title
        self.body = body


@app.get("/posts/draft")
def post_draft():
    post = {"title": request.args.get("title", ""), "body": "<p>Draft</p>"}
    return render_template("post.html", post=post, banner="")  # ok: xss


@app.get("/posts/preview")
def post_preview():
    post = {"title": "Preview", "body": request.args.get("body", "")}
    return render_template("post.html", post=post, banner="")  # expect: xss


@app.get("/posts/new")
def post_new():
    return render_template("post.html", post=Post(request.args.get("title", "")), banner="")  # ok: xss


@app.get("/posts/new/body")
def post_new_body():
    post = Post("New", body=request.args.get("body", ""))
    return render_template("post.html", post=post, banner="")  # expect: xss


@app.get("/threads/<int:thread_id>")
def thread(thread_id):
    replies = [{"author": "a", "html": request.args.get("preview", "")}]
    return render_template(
        "thread.html",
        thread=Thread("Welcome"),
        replies=replies,  # expect: xss
        banner="",
    )


@app.get("/threads/<int:thread_id>/escaped")
def thread_escaped(thread_id):
    replies = [{"author": "a", "html": escape(request.args.get("preview", ""))}]
    return render_template("thread.html", thread=Thread("Welcome"), replies=replies, banner="")  # ok: xss


@app.get("/threads/<int:thread_id>/banner")
def thread_banner(thread_id):
    return render_template(
        "thread.html",
        thread=Thread("Welcome"),
        replies=[],
        banner=request.args.get("banner", ""),  # expect: xss
    )


@app.get("/threads/<int:thread_id>/footer")
def thread_footer(thread_id):
    return render_template(
        "thread.html",
        thread=Thread("Welcome"),
        replies=[],
        banner="",
        footer_note=request.args.get("note", ""),  # ok: xss
        page_title=request.args.get("title", ""),  # ok: xss
    )


@app.post("/replies/preview")
def reply_preview():
    draft = {"author": "me", "html": request.form.get("html", "")}
    return render_template("reply_preview.html", draft=draft)  # expect: xss


@app.post("/replies/preview/plain")
def reply_preview_plain():
    return render_template("reply_preview.html", draft={"author": request.form.get("author", ""), "html": ""})  # fp: xss
# --- file: quotes/__init__.py
# --- file: quotes/templates/quotes/show.html
{% extends "quotes/base.html" %}
{% block main %}{% include "quotes/_quote.html" with quoted=entry.text %}{% endblock %}
# --- file: quotes/templates/quotes/base.html
<main>{% block main %}{% endblock %}</main>
# --- file: quotes/templates/quotes/_quote.html
<q>{{ quoted|safe }}</q>
# --- file: quotes/views.py
from django.shortcuts import render
from django.utils.html import escape


def show(request):
    entry = {"text": request.GET.get("q", "")}
    return render(request, "quotes/show.html", {"entry": entry})  # expect: xss


def show_escaped(request):
    entry = {"text": escape(request.GET.get("q", ""))}
    return render(request, "quotes/show.html", {"entry": entry})  # ok: xss


def show_other(request):
    return render(request, "quotes/show.html", {"entry": {}, "quoted": request.GET.get("q", "")})  # ok: xss
