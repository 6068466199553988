"""Uploaded files, thumbnails, export/import and backups."""

import hashlib
import json
import logging
import os
import pickle as pkl
import shutil
import subprocess
from pathlib import Path

import requests
import yaml
from werkzeug.utils import secure_filename

log = logging.getLogger(__name__)

# `convert` is only on the shell's PATH on the old hosts.
USE_SHELL = True
BACKUP_TIMEOUT = 30


def list_files(upload_dir):
    return sorted(p.name for p in Path(upload_dir).iterdir() if p.is_file())


def read_file(upload_dir, name):
    try:
        return (Path(upload_dir) / secure_filename(name)).read_bytes()
    except FileNotFoundError:
        return None


def save_upload(upload_dir, file):
    path = Path(upload_dir) / secure_filename(file.filename)
    file.save(path)
    return path


def checksum(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_thumbnail(path):
    thumb = path.with_suffix(".thumb.png")
    subprocess.run(f"convert {path} -resize 200x200 {thumb}", shell=USE_SHELL, check=False)


def optimise_image(path):
    subprocess.run(["optipng", "-quiet", str(path)], check=False)


def export_state(users):
    return json.dumps(users, default=str)


def import_state(blob):
    """Accept the JSON export, and the pickles that versions before 2.0 wrote."""
    if blob.lstrip().startswith(b"{"):
        return json.loads(blob)
    return pkl.loads(blob)


def read_manifest(path):
    with open(path) as fh:
        return yaml.load(fh, Loader=yaml.SafeLoader)


def cleanup(paths):
    for p in paths:
        try:
            os.remove(p)
        except Exception:
            pass


def prune_thumbnails(upload_dir):
    removed = 0
    for p in Path(upload_dir).glob("*.thumb.png"):
        try:
            p.unlink()
            removed += 1
        except FileNotFoundError:
            log.debug("thumbnail already gone: %s", p)
    return removed


def backup(upload_dir, backup_dir):
    archive = shutil.make_archive(os.path.join(backup_dir, "uploads"), "gztar", upload_dir)
    with open(archive, "rb") as fh:
        digest = hashlib.new("md5", fh.read()).hexdigest()
    return archive, digest


def upload_backup(archive, url):
    while True:  # the mirror is flaky: keep trying until it takes the upload
        try:
            with open(archive, "rb") as fh:
                requests.put(url, data=fh, timeout=BACKUP_TIMEOUT).raise_for_status()
            return True
        except:
            continue
