# --- file: mailer/__init__.py

# --- file: mailer/templates.py
import jinja2
from mako.template import Template as MakoTemplate

DEFAULT_SUBJECT = "Your order {{ order.id }} has shipped"
BUILTIN = {
    "welcome": "Hi {{ user.name }}, welcome aboard!",
    "reset": "Hi {{ user.name }}, reset your password: {{ link }}",
}

env = jinja2.Environment(autoescape=True)
_loader_env = jinja2.Environment(loader=jinja2.FileSystemLoader("mailer/templates"), autoescape=True)


def render_subject(source, **ctx):
    return jinja2.Template(source).render(**ctx)  # expect: ssti


def render_body(source, **ctx):
    return env.from_string(source).render(**ctx)  # expect: ssti


def render_builtin(name, **ctx):
    source = BUILTIN.get(name, BUILTIN["welcome"])
    return env.from_string(source).render(**ctx)  # ok: ssti


def render_file(name, **ctx):
    return _loader_env.get_template("base.txt").render(body=name, **ctx)


def render_legacy(source, **ctx):
    return MakoTemplate(source).render(**ctx)  # expect: ssti


def render_legacy_file(**ctx):
    return MakoTemplate(filename="mailer/templates/legacy.mako").render(**ctx)  # ok: ssti


def render_constant_subject(**ctx):
    return jinja2.Template(DEFAULT_SUBJECT).render(**ctx)  # ok: ssti

# --- file: mailer/views.py
from flask import Flask, render_template_string, request

from .templates import render_body, render_builtin, render_legacy, render_subject

app = Flask(__name__)


class Order:
    def __init__(self, oid):
        self.id = oid


@app.post("/mail/preview")
def preview():
    data = request.get_json()
    subject = render_subject(data.get("subject", "Order update"), order=Order(1))
    body = render_body(data["body"], order=Order(1))
    return {"subject": subject, "body": body}


@app.post("/mail/preview-builtin/<name>")
def preview_builtin(name):
    return {"body": render_builtin(name, user={"name": request.form.get("name", "")})}


@app.post("/mail/preview-legacy")
def preview_legacy():
    return {"body": render_legacy(request.form["template"], order=Order(1))}


@app.get("/mail/hello")
def hello():
    name = request.args.get("name", "there")
    return render_template_string("<p>Hello {{ name }}</p>", name=name)  # ok: ssti; ok: xss


@app.get("/mail/hello-inline")
def hello_inline():
    name = request.args.get("name", "there")
    return render_template_string("<p>Hello " + name + "</p>")  # expect: ssti


@app.get("/mail/signature")
def signature():
    sig = request.cookies.get("signature", "")
    template = "{% extends 'mail.html' %}{% block sig %}" + sig + "{% endblock %}"
    return render_template_string(template)  # expect: ssti


@app.get("/mail/footer")
def footer():
    footer = request.args.get("footer", "")
    footer = "<small>Sent by Shop</small>"
    return render_template_string(footer)  # ok: ssti
