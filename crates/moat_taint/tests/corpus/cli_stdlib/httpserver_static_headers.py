# --- file: static_server.py
import mimetypes
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

ROOT = os.path.realpath("/srv/static")
TYPES = mimetypes.MimeTypes()


class StaticHandler(BaseHTTPRequestHandler):
    def _path(self):
        name = urlparse(self.path).path.lstrip("/")
        full = os.path.realpath(os.path.join(ROOT, name))
        if not full.startswith(ROOT + os.sep):
            raise PermissionError(name)
        return full

    def do_GET(self):
        path = self._path()
        ctype, _ = mimetypes.guess_type(path)
        with open(path, "rb") as f:
            fs = os.fstat(f.fileno())
            self.send_response(200)
            self.send_header("Content-Type", ctype or "application/octet-stream")  # ok: header-injection
            self.send_header("Content-Length", str(fs[6]))  # ok: header-injection
            self.send_header("Last-Modified", self.date_time_string(fs.st_mtime))  # ok: header-injection
            self.end_headers()
            self.wfile.write(f.read())

    def do_HEAD(self):
        path = self._path()
        self.send_response(200)
        self.send_header("Content-Type", TYPES.guess_type(self.path)[0] or "text/plain")  # ok: header-injection
        self.send_header("Content-Length", str(os.stat(path).st_size))  # ok: header-injection
        self.end_headers()

    def do_POST(self):
        query = parse_qs(urlparse(self.path).query)
        name = query.get("name", ["download"])[0]
        self.send_response(200)
        self.send_header("Content-Type", query.get("type", ["text/plain"])[0])  # expect: header-injection
        self.send_header("Content-Disposition", 'attachment; filename="%s"' % name)  # expect: header-injection
        self.send_header("X-Request-Id", self.headers.get("X-Request-Id", ""))  # expect: header-injection
        self.end_headers()


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", 8000), StaticHandler).serve_forever()
