# --- file: media/__init__.py

# --- file: media/shell.py
import logging
import shlex
import subprocess

log = logging.getLogger(__name__)


def run(cmd, cwd=None):
    log.debug("running %s", cmd)  # expect: log-injection
    return subprocess.run(cmd, shell=True, cwd=cwd, capture_output=True, check=False)  # expect: command-injection


def run_args(argv, cwd=None):
    return subprocess.run(argv, cwd=cwd, capture_output=True, check=False)  # expect: command-injection


def quoted(*parts):
    return " ".join(shlex.quote(p) for p in parts)

# --- file: media/convert.py
import os
import shlex
import subprocess

from .shell import quoted, run, run_args

WORKDIR = "/srv/media"
PRESETS = {"small": "320x240", "medium": "640x480", "large": "1280x720"}


class Transcoder:
    def __init__(self, binary="ffmpeg"):
        self.binary = binary

    def thumbnail(self, source, size):
        return run(f"{self.binary} -y -i {source} -s {size} -frames:v 1 thumb.jpg", cwd=WORKDIR)

    def thumbnail_quoted(self, source, size):
        cmd = f"{self.binary} -y -i {shlex.quote(source)} -s {shlex.quote(size)} -frames:v 1 thumb.jpg"
        return subprocess.run(cmd, shell=True, cwd=WORKDIR, capture_output=True, check=False)  # ok: command-injection

    def probe(self, source):
        return subprocess.run([self.binary.replace("ffmpeg", "ffprobe"), "-hide_banner", source], capture_output=True)  # ok: command-injection


def convert_with(tool, source):
    return run_args([tool, source], cwd=WORKDIR)


def preset_resize(preset, source):
    size = PRESETS.get(preset, PRESETS["small"])
    return os.system("convert %s -resize %s out.png" % (quoted(os.path.join(WORKDIR, source)), size))  # ok: command-injection

# --- file: media/web.py
from flask import Flask, jsonify, request

from .convert import Transcoder, convert_with, preset_resize

app = Flask(__name__)
transcoder = Transcoder()


@app.post("/media/thumb")
def thumb():
    data = request.get_json()
    result = transcoder.thumbnail(data["source"], data.get("size", "320x240"))
    return jsonify(code=result.returncode)


@app.post("/media/thumb-safe")
def thumb_safe():
    data = request.get_json()
    result = transcoder.thumbnail_quoted(data["source"], data.get("size", "320x240"))
    return jsonify(code=result.returncode)


@app.get("/media/probe/<path:source>")
def probe(source):
    return transcoder.probe(source).stdout


@app.post("/media/convert")
def convert():
    tool = request.form.get("tool", "ffmpeg")
    return jsonify(code=convert_with(tool, request.form["source"]).returncode)


@app.post("/media/resize/<preset>")
def resize(preset):
    return jsonify(code=preset_resize(preset, request.form["source"]))
