# --- file: blobd/__init__.py
# --- file: blobd/storage.py
import os
import sqlite3
import subprocess

ROOT = "/srv/blobd/data"
INDEX = "/srv/blobd/index.db"


def blob_path(key):
    return os.path.join(ROOT, key)


def read_blob(key):
    with open(blob_path(key), "rb") as fh:  # expect: path-traversal
        return fh.read()


def read_blob_flat(key):
    with open(blob_path(os.path.basename(key)), "rb") as fh:  # ok: path-traversal
        return fh.read()


def index_meta(key, meta):
    conn = sqlite3.connect(INDEX)
    conn.execute(f"INSERT INTO blobs (key, owner) VALUES ('{key}', '{meta.get('owner')}')")  # expect: sql-injection
    conn.execute("INSERT INTO blobs (key, owner) VALUES (?, ?)", (key, meta.get("owner")))  # ok: sql-injection
    conn.execute("UPDATE blobs SET tags = '%s' WHERE key = ?" % ",".join(meta.get("tags", [])), (key,))  # expect: sql-injection
    conn.commit()


def snapshot(label):
    subprocess.run(f"tar czf /srv/blobd/snapshots/{label}.tgz -C {ROOT} .", shell=True)  # expect: command-injection
    subprocess.run(["tar", "czf", f"/srv/blobd/snapshots/{label}.tgz", "-C", ROOT, "."])  # ok: command-injection
# --- file: blobd/server.py
import argparse
import asyncio
import json
import subprocess

from . import storage

DECODER = json.JSONDecoder()


async def handle_client(reader, writer):
    while True:
        try:
            header = await reader.readuntil(b"\n")
        except asyncio.IncompleteReadError:
            break
        verb, _, rest = header.decode().strip().partition(" ")
        if verb == "GET":
            writer.write(storage.read_blob(rest))
            writer.write(storage.read_blob_flat(rest))
        elif verb == "META":
            key, _, size = rest.partition(" ")
            body = await reader.readexactly(int(size))
            storage.index_meta(key, DECODER.decode(body.decode()))
        elif verb == "SNAP":
            label = (await reader.read(64)).decode().strip()
            storage.snapshot(label)
        await writer.drain()
    writer.close()


class BlobServer:
    def __init__(self):
        self.parser = argparse.ArgumentParser(prog="blobd")
        self.parser.add_argument("--port", type=int, default=7600)
        self.parser.add_argument("--on-start", default="true")
        self.options = None

    def configure(self, argv=None):
        # options come from the operator's command line, not from clients
        self.options = self.parser.parse_args(argv)
        subprocess.run(self.options.on_start, shell=True)  # ok: command-injection

    async def serve(self):
        server = await asyncio.start_server(handle_client, "0.0.0.0", self.options.port)
        async with server:
            await server.serve_forever()


def main():
    app = BlobServer()
    app.configure()
    asyncio.run(app.serve())
