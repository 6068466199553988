# --- file: cronwrap/__init__.py
# --- file: cronwrap/hooks.py
import os
import shlex
import subprocess

LOCK_DIR = b"/run/cronwrap"


def pre_hook():
    hook = os.environb.get(b"CRONWRAP_PRE_HOOK")
    if hook:
        subprocess.run(hook, shell=True, check=True)  # expect: command-injection


def announce(job):
    tag = os.environb.get(b"CRONWRAP_TAG", b"cron")
    subprocess.run([b"/usr/bin/logger", b"-t", tag, b"starting " + job])  # ok: command-injection
    subprocess.run(b"/usr/bin/logger -t " + tag + b" starting", shell=True)  # expect: command-injection
    quoted = shlex.quote(os.fsdecode(tag))
    subprocess.run("/usr/bin/logger -t " + quoted + " starting", shell=True)  # ok: command-injection


def lock_file():
    name = os.environb.get(b"CRONWRAP_LOCK", b"default.lock")
    fh = open(os.path.join(LOCK_DIR, name), "wb")  # expect: path-traversal
    fallback = open(os.path.join(LOCK_DIR, os.path.basename(name)), "wb")  # ok: path-traversal
    return fh, fallback
# --- file: cronwrap/__main__.py
import argparse
import os
import subprocess

from . import hooks

parser = argparse.ArgumentParser(prog="cronwrap")
parser.add_argument("--job", default="nightly")
parser.add_argument("--timeout", type=int, default=3600)
args = parser.parse_args()


def run_job():
    hooks.pre_hook()
    hooks.announce(args.job.encode())
    lock, _ = hooks.lock_file()
    with lock:
        subprocess.run(f"timeout {args.timeout} /etc/cron.jobs/{args.job}", shell=True)  # todo: command-injection
        subprocess.run(["timeout", str(args.timeout), "/etc/cron.jobs/" + os.path.basename(args.job)])  # ok: command-injection


run_job()
