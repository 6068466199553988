import html
import os
import re
import shlex
import sqlite3
import subprocess
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, quote, urlparse

MEDIA = "/srv/media"
DB = "/var/lib/media/media.db"


class MediaHandler(BaseHTTPRequestHandler):
    def params(self):
        return {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}

    def do_GET(self):
        q = self.params()
        name = q.get("name", "")
        album = q.get("album", "")
        conn = sqlite3.connect(DB)

        conn.execute("SELECT * FROM photos WHERE album = '%s'" % shlex.quote(album))  # expect: sql-injection
        conn.execute("SELECT * FROM photos WHERE album = '%s'" % str(uuid.UUID(album)))  # ok: sql-injection

        subprocess.run("identify " + html.escape(name), shell=True)  # expect: command-injection
        subprocess.run("identify " + shlex.quote(os.path.join(MEDIA, os.path.basename(name))), shell=True)  # ok: command-injection

        with open(os.path.join(MEDIA, shlex.quote(name))) as fh:  # expect: path-traversal
            meta = fh.read()
        with open(os.path.join(MEDIA, quote(name, safe=""))) as fh:  # fp: path-traversal
            meta += fh.read()

        rx = re.compile(html.escape(q.get("filter", "")))  # expect: regex-injection
        tags = [t for t in meta.split() if rx.search(t)]

        eval(compile(os.path.basename(q.get("expr", "0")), "<expr>", "eval"))  # expect: code-injection

        body = html.escape(", ".join(tags)).encode()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    HTTPServer(("", 8000), MediaHandler).serve_forever()
