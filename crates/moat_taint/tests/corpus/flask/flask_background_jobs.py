# --- file: jobs/__init__.py
# --- file: jobs/work.py
import shlex
import subprocess


def archive(folder, level="6"):
    subprocess.run(f"tar -czf /backups/{folder}.tgz -{level} /srv/{folder}", shell=True)  # expect: command-injection


def archive_quoted(folder):
    subprocess.run("tar -czf /backups/out.tgz /srv/" + shlex.quote(folder), shell=True)  # ok: command-injection


def thumbnail(name, size):
    subprocess.run(["convert", name, "-resize", size, "/tmp/thumb.png"])  # ok: command-injection
    subprocess.run("optipng /tmp/thumb-%s.png" % size, shell=True)  # expect: command-injection


def notify(address, message):
    subprocess.run(f"mail -s update {address}", input=message.encode(), shell=True)  # expect: command-injection


class Cleaner:
    def purge(self, pattern):
        subprocess.run("find /srv/cache -name '" + pattern + "' -delete", shell=True)  # expect: command-injection

    def start(self, pool, pattern):
        return pool.submit(self.purge, pattern)
# --- file: jobs/views.py
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from flask import Flask, request

from .work import Cleaner, archive, archive_quoted, notify, thumbnail

app = Flask(__name__)
pool = ThreadPoolExecutor(max_workers=4)


@app.post("/archive")
def start_archive():
    folder = request.form["folder"]
    threading.Thread(target=archive, args=(folder,), kwargs={"level": "9"}, daemon=True).start()
    threading.Thread(target=archive_quoted, args=(folder,)).start()
    return "", 202


@app.post("/thumbnail")
def start_thumbnail():
    pool.submit(thumbnail, request.form["name"], request.form["size"])
    pool.submit(thumbnail, "/srv/logo.png", "64")
    return "", 202


@app.post("/notify")
async def start_notify():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, notify, request.form["to"], "Your export is ready")
    await asyncio.to_thread(notify, "ops@example.com", request.form["note"])
    return "", 202


@app.post("/purge")
def start_purge():
    Cleaner().start(pool, request.form["pattern"])
    return "", 202
