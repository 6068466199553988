import io
import json
import socketserver


def load_settings(source):
    """Reads settings from a file name or from an open stream."""
    if hasattr(source, "read"):
        return json.load(source)
    with open(source) as fh:  # ok: path-traversal
        return json.load(fh)


def load_named(path):
    with open(path) as fh:  # expect: path-traversal
        return json.load(fh)


class SettingsHandler(socketserver.StreamRequestHandler):
    def handle(self):
        body = self.rfile.read(4096).decode()
        # A stream is never a path: only the hasattr branch can run.
        settings = load_settings(io.StringIO(body))
        name = self.rfile.readline().decode().strip()
        other = load_named(name)
        self.wfile.write(json.dumps([settings, other]).encode())
