# --- file: worker/__init__.py
# --- file: worker/codecs.py
import io
import json
import pickle

import dill
import jsonpickle
import numpy as np

TEMPLATES = "/etc/worker/job-templates.pkl"
CALIBRATION = "/var/lib/worker/calibration.npy"
EMPTY_JOB = '{"py/object": "worker.jobs.EmptyJob"}'


def decode_pickle(stream):
    return pickle.Unpickler(stream).load()  # expect: unsafe-deserialization


def decode_template(name):
    with open(TEMPLATES, "rb") as fh:
        templates = pickle.Unpickler(fh).load()  # ok: unsafe-deserialization
    return templates.get(name, {})


def decode_closure(blob):
    return dill.loads(blob)  # expect: unsafe-deserialization


def decode_closure_stream(stream):
    return dill.load(stream)  # expect: unsafe-deserialization


def load_builtin_closures():
    with open("/usr/share/worker/builtin-closures.dill", "rb") as fh:
        return dill.load(fh)  # ok: unsafe-deserialization


def load_cached_closure():
    return dill.loads(open("/var/cache/worker/last.dill", "rb").read())  # ok: unsafe-deserialization


def decode_object(text):
    return jsonpickle.decode(text)  # expect: unsafe-deserialization


def decode_object_compat(text):
    return jsonpickle.loads(text)  # expect: unsafe-deserialization


def decode_plain(text):
    data = json.loads(text)
    if "py/object" in text:
        return jsonpickle.decode(EMPTY_JOB)  # ok: unsafe-deserialization
    return data


def decode_defaults():
    with open("/etc/worker/defaults.json") as fh:
        return jsonpickle.loads(fh.read())  # ok: unsafe-deserialization


def decode_array(blob):
    samples = np.load(io.BytesIO(blob), allow_pickle=True)  # expect: unsafe-deserialization
    plain = np.load(io.BytesIO(blob))  # ok: unsafe-deserialization
    offsets = np.load(CALIBRATION, allow_pickle=True)  # ok: unsafe-deserialization
    return samples, plain - offsets
# --- file: worker/state.py
import os
import shelve

STATE_DIR = "/var/lib/worker/state"


def remember(queue, job_id, result):
    with shelve.open(os.path.join(STATE_DIR, queue)) as db:  # expect: path-traversal; expect: unsafe-deserialization
        attempts = db.get(job_id, [])
        db[job_id] = attempts + [result]
    with shelve.open(os.path.join(STATE_DIR, "all-results")) as db:  # ok: path-traversal; ok: unsafe-deserialization
        seen = db.get(job_id, [])
        db[job_id] = seen + [result]
    return len(attempts)
# --- file: worker/client.py
import socket

from . import codecs, state

BROKER = ("broker.internal", 7400)


def handle_frame(header, reader):
    queue, job_id, codec, size = header.split()
    body = reader.read(int(size))
    if codec == "pickle":
        result = codecs.decode_pickle(reader)
    elif codec == "dill":
        result = codecs.decode_closure(body)
    elif codec == "dill-stream":
        result = codecs.decode_closure_stream(reader)
    elif codec == "jsonpickle":
        result = codecs.decode_object(body.decode())
    elif codec == "jsonpickle-v1":
        result = codecs.decode_object_compat(body.decode())
    elif codec == "json":
        result = codecs.decode_plain(body.decode())
    elif codec == "npy":
        result = codecs.decode_array(body)
    else:
        result = codecs.decode_template(codec)
    codecs.load_builtin_closures()
    codecs.load_cached_closure()
    codecs.decode_defaults()
    state.remember(queue.decode(), job_id.decode(), repr(result))


def run():
    sock = socket.create_connection(BROKER, timeout=30)
    sock.sendall(b"SUBSCRIBE jobs\n")
    reader = sock.makefile("rb")
    while True:
        header = reader.readline()
        if not header:
            break
        handle_frame(header, reader)
        sock.sendall(b"ACK\n")
