# --- file: blog/__init__.py
# --- file: blog/templates/post.html
<article>
  <h1>{{ post.title }}</h1>
  <div class="body">{{ body|safe }}</div>
  <p class="byline">{{ author }}</p>
  {% for c in comments %}
    <div class="comment">{{ c.text | safe }}</div>
  {% endfor %}
</article>
# --- file: blog/templates/signature.html
{% autoescape false %}
<footer>{{ signature }}</footer>
{% endautoescape %}
<small>{{ footnote }}</small>
# --- file: blog/templates/notice.txt
Dear {{ name|safe }}, your post was published.
# --- file: blog/views.py
from flask import Flask, render_template, render_template_string, request
from markupsafe import Markup, escape

app = Flask(__name__)


class Post:
    def __init__(self, title):
        self.title = title


@app.get("/posts/preview")
def preview():
    body = request.form.get("body", "")
    return render_template(
        "post.html",
        post=Post("Preview"),
        body=body,  # expect: xss
        author=request.form.get("author", ""),  # ok: xss
        comments=[],
    )


@app.get("/posts/preview-escaped")
def preview_escaped():
    body = request.form.get("body", "")
    return render_template("post.html", post=Post("Preview"), body=escape(body), comments=[])  # ok: xss


@app.get("/posts/comments")
def comments():
    texts = request.args.getlist("comment")
    return render_template("post.html", post=Post("Comments"), body="", comments=[{"text": t} for t in texts])  # expect: xss


@app.get("/posts/title")
def title_only():
    return render_template("post.html", post=Post(request.args["title"]), body="", comments=[])  # ok: xss


@app.get("/signature")
def signature():
    sig = request.cookies.get("signature", "")
    return render_template("signature.html", signature=sig, footnote="")  # expect: xss


@app.get("/signature/footnote")
def footnote():
    return render_template("signature.html", signature="", footnote=request.args.get("note", ""))  # ok: xss


@app.get("/notice")
def notice():
    return render_template("notice.txt", name=request.args.get("name", ""))  # ok: xss


@app.get("/missing")
def missing():
    return render_template("missing.html", body=request.args.get("body", ""))  # ok: xss


@app.get("/posts/kwargs")
def preview_kwargs():
    context = {"post": Post("Draft"), "body": request.form.get("body", ""), "comments": []}
    return render_template("post.html", **context)  # expect: xss


@app.get("/posts/kwargs-safe")
def preview_kwargs_safe():
    context = {"post": Post(request.form.get("title", "")), "body": "", "comments": []}
    return render_template("post.html", **context)  # ok: xss


@app.get("/inline")
def inline():
    note = request.args.get("note", "")
    return render_template_string("<p>{{ note|safe }}</p>", note=note)  # expect: xss


@app.get("/inline/escaped")
def inline_escaped():
    note = request.args.get("note", "")
    return render_template_string("<p>{{ note }}</p>", note=note)  # ok: xss


@app.get("/inline/markup")
def inline_markup():
    note = request.args.get("note", "")
    return render_template_string("<p>{{ note|safe }}</p>", note=Markup.escape(note))  # ok: xss
# --- file: wiki/__init__.py
# --- file: wiki/templates/wiki/page.html
{% extends "base.html" %}
{% block content %}
<h1>{{ page.title }}</h1>
{% autoescape off %}{{ html_body }}{% endautoescape %}
<aside>{{ summary|safe }}</aside>
{% endblock %}
# --- file: wiki/views.py
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape


def page(request, slug):
    body = request.POST.get("body", "")
    return render(request, "wiki/page.html", {"page": {"title": slug}, "html_body": body})  # expect: xss


def page_escaped(request, slug):
    body = request.POST.get("body", "")
    return render(request, "wiki/page.html", {"page": {"title": slug}, "html_body": escape(body)})  # ok: xss


def summary_card(request):
    summary = request.GET.get("summary", "")
    html = render_to_string("wiki/page.html", context={"summary": summary})  # expect: xss
    return HttpResponse(html)  # ok: xss


def title_card(request):
    return render(request, "wiki/page.html", {"page": {"title": request.GET.get("t", "")}})  # ok: xss


def page_context(request, slug):
    context = {"page": {"title": slug}, "summary": request.GET.get("s", "")}
    return render(request, "wiki/page.html", context)  # expect: xss


def page_context_safe(request, slug):
    context = {"page": {"title": slug}, "summary": "No summary yet"}
    return render(request, "wiki/page.html", context)  # ok: xss
