# --- file: notify/__init__.py

# --- file: notify/formatting.py
import string

from jinja2 import Environment

DEFAULT_LINE = "{user.name} commented on {item.title}"
_env = Environment(autoescape=True)


class Formatter:
    def __init__(self, template):
        self.template = template

    def render(self, **ctx):
        return self.template.format(**ctx)  # expect: format-string-injection


def render_line(fmt, user, item):
    return fmt.format(user=user, item=item)  # expect: format-string-injection


def render_default(user, item):
    return DEFAULT_LINE.format(user=user, item=item)  # ok: format-string-injection


def render_map(fmt, ctx):
    return fmt.format_map(ctx)  # expect: format-string-injection


def render_vformat(fmt, ctx):
    return string.Formatter().vformat(fmt, (), ctx)  # expect: format-string-injection


def render_jinja(source, ctx):
    return _env.from_string(source).render(ctx)  # expect: ssti

# --- file: notify/views.py
from flask import Flask, jsonify, request

from .formatting import Formatter, render_default, render_jinja, render_line, render_map, render_vformat

app = Flask(__name__)


class User:
    def __init__(self, name):
        self.name = name


class Item:
    def __init__(self, title):
        self.title = title


@app.post("/notify/preview")
def preview():
    data = request.get_json()
    line = render_line(data.get("format", "{user.name}"), User("ann"), Item("Q3 plan"))
    return jsonify(line=line)


@app.post("/notify/preview-default")
def preview_default():
    data = request.get_json()
    return jsonify(line=render_default(User(data["name"]), Item(data["title"])))


@app.post("/notify/preview-class")
def preview_class():
    fmt = request.form.get("template", "")
    return jsonify(line=Formatter(fmt).render(user=User("ann"), app=app))


@app.get("/notify/map")
def preview_map():
    return jsonify(line=render_map(request.args["fmt"], {"user": User("ann")}))


@app.get("/notify/vformat")
def preview_vformat():
    return jsonify(line=render_vformat(request.args["fmt"], {"user": User("ann")}))


@app.get("/notify/greeting")
def greeting():
    name = request.args.get("name", "")
    return jsonify(line="Hello {}, you have {} new messages".format(name, 3))  # ok: format-string-injection


@app.get("/notify/percent")
def percent():
    name = request.args.get("name", "")
    return jsonify(line="Hello %s" % name, alt=f"Hello {name}", legacy="{0}: {1}".format("user", name))  # ok: format-string-injection


@app.get("/notify/jinja")
def jinja_preview():
    return jsonify(line=render_jinja(request.args.get("tpl", "{{ user }}"), {"user": "ann"}))
