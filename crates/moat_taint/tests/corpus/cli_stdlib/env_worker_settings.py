# --- file: worker/__init__.py
# --- file: worker/settings.py
import os

BROKER_URL = os.environ.get("BROKER_URL", "http://localhost:8000/queue")
SCRATCH_DIR = os.getenv("WORKER_SCRATCH", "/tmp/worker")
LOG_FORMAT = os.environ.get("WORKER_LOG_FORMAT", "{asctime} {levelname} {message}")
CONCURRENCY = int(os.environ.get("WORKER_CONCURRENCY", "4"))
QUEUE_NAME = "default"
if os.environ.get("WORKER_QUEUE"):
    QUEUE_NAME = os.environ["WORKER_QUEUE"]
# --- file: worker/runtime.py
import ctypes
import pickle
import re
import urllib.request

from . import settings


def poll():
    with urllib.request.urlopen(settings.BROKER_URL + "/next") as resp:  # todo: ssrf
        return pickle.loads(resp.read())  # todo: unsafe-deserialization


def scratch_file(job_id):
    return open(f"{settings.SCRATCH_DIR}/{int(job_id)}.json", "w")  # todo: path-traversal


def banner():
    return settings.LOG_FORMAT.format(asctime="-", levelname="INFO", message="worker up")  # todo: format-string-injection


def pool_size():
    return ctypes.c_int(settings.CONCURRENCY)  # todo: integer-overflow


def queue_matcher():
    return re.compile(settings.QUEUE_NAME + r"(\.\w+)?")  # todo: regex-injection


def dead_letter_matcher():
    return re.compile(re.escape(settings.QUEUE_NAME) + r"\.dead")  # ok: regex-injection
