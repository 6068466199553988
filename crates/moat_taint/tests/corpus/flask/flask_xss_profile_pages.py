import html

from flask import Flask, make_response, render_template, request
from markupsafe import Markup, escape

app = Flask(__name__)


def badge(label):
    return Markup(f'<span class="badge">{label}</span>')  # expect: xss


def safe_badge(label):
    return Markup('<span class="badge">%s</span>') % label  # ok: xss


def greeting_html(name):
    return "<h1>Hello, " + name + "!</h1>"


@app.get("/hello/<name>")
def hello(name):
    return make_response(greeting_html(name))  # expect: xss


@app.get("/hello-escaped/<name>")
def hello_escaped(name):
    return make_response(greeting_html(html.escape(name)))  # ok: xss


@app.get("/profile")
def profile():
    bio = request.args.get("bio", "")
    return render_template("profile.html", bio=Markup(bio))  # expect: xss


@app.get("/profile/escaped")
def profile_escaped():
    bio = request.args.get("bio", "")
    return render_template("profile.html", bio=Markup(escape(bio)))  # ok: xss


@app.get("/search")
def search():
    q = request.args.get("q", "")
    resp = make_response(f"<p>No results for <em>{q}</em></p>")  # expect: xss
    return resp


@app.get("/search/count")
def search_count():
    n = int(request.args.get("n", "0"))
    return make_response(f"<p>{n} results</p>")  # ok: xss


@app.get("/tags")
def tags():
    items = request.args.getlist("tag")
    body = "<ul>" + "".join(f"<li>{t}</li>" for t in items) + "</ul>"
    return make_response(body, 200)  # expect: xss


@app.get("/tags/badges")
def tag_badges():
    items = request.args.getlist("tag")
    return render_template("tags.html", badges=[badge(t) for t in items])


@app.get("/tags/badges-safe")
def tag_badges_safe():
    items = request.args.getlist("tag")
    return render_template("tags.html", badges=[safe_badge(t) for t in items])


@app.get("/error")
def error_page():
    msg = request.cookies.get("flash", "")
    page = {"title": "Error", "detail": msg}
    return make_response("<h2>%s</h2>" % page["title"])  # ok: xss


@app.get("/error/detail")
def error_detail():
    msg = request.cookies.get("flash", "")
    page = {"title": "Error", "detail": msg}
    return make_response("<h2>%s</h2><p>%s</p>" % (page["title"], page["detail"]))  # expect: xss


@app.get("/card")
def card():
    title = request.headers.get("X-Card-Title", "")
    return Markup("<div class='card'>{}</div>").format(title)  # ok: xss
