# --- file: media/__init__.py
from flask import Blueprint

app_blueprint = Blueprint("media", __name__)
# --- file: media/validation.py
import re

ALLOWED_FORMATS = {"png", "jpg", "webp"}
ALLOWED_COMMANDS = ("resize", "crop")
SAFE_NAME = re.compile(r"[A-Za-z0-9_-]+")


def is_allowed_format(fmt):
    """The output formats the converter supports."""
    return fmt in ALLOWED_FORMATS


def is_safe_name(name):
    return SAFE_NAME.fullmatch(name) is not None and len(name) < 64


def is_known_command(command, extra):
    return command in ALLOWED_COMMANDS or command in extra


def looks_numeric(value):
    return value.isdigit()


def is_allowed_later(fmt):
    formats = load_formats()
    return fmt in formats
# --- file: media/views.py
import subprocess

from flask import Flask, abort, request

from .validation import (
    is_allowed_format,
    is_allowed_later,
    is_known_command,
    is_safe_name,
    looks_numeric,
)

app = Flask(__name__)


@app.post("/convert")
def convert():
    fmt = request.form["format"]
    if not is_allowed_format(fmt):
        abort(400)
    subprocess.run(f"convert in.img out.{fmt}", shell=True)  # ok: command-injection
    return "ok"


@app.post("/convert-unchecked")
def convert_unchecked():
    fmt = request.form["format"]
    if is_allowed_format(fmt):
        return "ok"
    subprocess.run(f"convert in.img out.{fmt}", shell=True)  # expect: command-injection
    return "converted"


@app.post("/rename")
def rename():
    name = request.form["name"]
    if is_safe_name(name):
        subprocess.run("mv upload.tmp " + name, shell=True)  # ok: command-injection
    subprocess.run("touch " + name, shell=True)  # expect: command-injection
    return "ok"


@app.post("/run")
def run():
    command = request.form["command"]
    if is_known_command(command, request.form.getlist("extra")):
        subprocess.run("tool " + command, shell=True)  # expect: command-injection
    return "ok"


@app.get("/page")
def page():
    number = request.args["n"]
    if looks_numeric(number):
        subprocess.run("show-page " + number, shell=True)  # ok: command-injection
    return "ok"


@app.post("/convert-later")
def convert_later():
    fmt = request.form["format"]
    if is_allowed_later(fmt):
        subprocess.run(f"convert in.img out.{fmt}", shell=True)  # expect: command-injection
    return "ok"
# --- file: media/api.py
import subprocess

from flask import request
from flask.views import MethodView

PRESETS = {"small", "large"}


class ThumbnailView(MethodView):
    def is_preset(self, name):
        return name in PRESETS

    def post(self):
        preset = request.form["preset"]
        if not self.is_preset(preset):
            return "unknown preset", 400
        subprocess.run("thumb --preset " + preset, shell=True)  # ok: command-injection
        return "ok"

    def put(self):
        preset = request.form["preset"]
        if self.is_preset(request.form["other"]):
            subprocess.run("thumb --preset " + preset, shell=True)  # expect: command-injection
        return "ok"
# --- file: media/clean.py
import re
import subprocess

from flask import abort, request

from . import app_blueprint

NAME = re.compile(r"[a-z0-9-]+")


def validated_name(value):
    if not NAME.fullmatch(value):
        abort(400)
    return value


def checked_or_raise(value):
    if value not in {"a", "b"}:
        raise ValueError(value)
    return value


def logged(value):
    print("got", value)
    return value


@app_blueprint.post("/clean")
def clean():
    name = validated_name(request.form["name"])
    subprocess.run("cleanup " + name, shell=True)  # ok: command-injection
    mode = checked_or_raise(request.form["mode"])
    subprocess.run("cleanup --mode " + mode, shell=True)  # ok: command-injection
    other = logged(request.form["other"])
    subprocess.run("cleanup " + other, shell=True)  # expect: command-injection
    return "ok"
# --- file: media/rules.py
import re

SLUG = re.compile(r"[a-z0-9-]+")
SIZES = {"64", "128", "256"}


def is_valid_slug(slug):
    """A slug: letters, digits and dashes, at most 50 of them."""
    if not slug:
        return False
    if len(slug) > 50:
        return False
    return SLUG.fullmatch(slug) is not None


def is_known_size(size):
    if size not in SIZES:
        return False
    return True


def is_slug_or_admin(slug):
    if slug.startswith("admin-"):
        return True
    return SLUG.fullmatch(slug) is not None


def require_slug(slug):
    if len(slug) > 50:
        raise ValueError("slug too long")
    if not SLUG.fullmatch(slug):
        raise ValueError("not a slug")


def require_short(slug):
    if len(slug) > 50:
        raise ValueError("slug too long")


def require_slug_or_empty(slug):
    if not slug:
        return None
    if not SLUG.fullmatch(slug):
        raise ValueError("not a slug")
# --- file: media/pages.py
import subprocess

from flask import abort, request

from . import app_blueprint
from .rules import (
    is_known_size,
    is_slug_or_admin,
    is_valid_slug,
    require_short,
    require_slug,
    require_slug_or_empty,
)


@app_blueprint.post("/pages/publish")
def publish():
    slug = request.form["slug"]
    if not is_valid_slug(slug):
        abort(400)
    subprocess.run("publish-page " + slug, shell=True)  # ok: command-injection
    size = request.form["size"]
    if is_known_size(size):
        subprocess.run("thumb --size " + size, shell=True)  # ok: command-injection
    subprocess.run("thumb --default " + size, shell=True)  # expect: command-injection
    return "ok"


@app_blueprint.post("/pages/preview")
def preview():
    slug = request.form["slug"]
    if is_slug_or_admin(slug):
        subprocess.run("preview-page " + slug, shell=True)  # expect: command-injection
    return "ok"


@app_blueprint.post("/pages/archive")
def archive():
    slug = request.form["slug"]
    require_slug(slug)
    subprocess.run("archive-page " + slug, shell=True)  # ok: command-injection
    return "ok"


@app_blueprint.post("/pages/restore")
def restore():
    slug = request.form["slug"]
    try:
        require_slug(slug)
    except ValueError:
        abort(400)
    subprocess.run("restore-page " + slug, shell=True)  # ok: command-injection
    title = request.form["title"]
    require_short(title)
    subprocess.run("set-title " + title, shell=True)  # expect: command-injection
    return "ok"


@app_blueprint.post("/pages/rename")
def rename_page():
    slug = request.form["slug"]
    other = request.form["other"]
    require_slug(other)
    subprocess.run("rename-page " + slug, shell=True)  # expect: command-injection
    require_slug_or_empty(slug)
    subprocess.run("rename-page --to " + slug, shell=True)  # expect: command-injection
    return "ok"
# --- file: media/exports.py
import re
import subprocess

from flask import request
from flask.views import MethodView

CODE = re.compile(r"[A-Z]{2}[0-9]{4}")


class ExportView(MethodView):
    def require_code(self, code):
        if not CODE.fullmatch(code):
            raise ValueError(code)

    def post(self):
        code = request.form["code"]
        self.require_code(code)
        subprocess.run("export --code " + code, shell=True)  # ok: command-injection
        label = request.form["label"]
        self.log_label(label)
        subprocess.run("export --label " + label, shell=True)  # expect: command-injection
        return "ok"

    def log_label(self, label):
        print("label", label)
