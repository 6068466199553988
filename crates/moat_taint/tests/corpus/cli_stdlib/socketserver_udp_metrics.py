import ctypes
import logging
import socketserver
import sqlite3
import struct

log = logging.getLogger("metrics")
conn = sqlite3.connect("/var/lib/metrics/metrics.db", check_same_thread=False)


def store(metric, value, tags):
    conn.execute(f"INSERT INTO samples (metric, value) VALUES ('{metric}', {value})")  # expect: sql-injection
    for tag in tags:
        key, _, val = tag.partition("=")
        conn.execute("INSERT INTO tags (metric, k, v) VALUES (?, ?, ?)", (metric, key, val))  # ok: sql-injection
    conn.execute("UPDATE metrics SET last = %f WHERE name = '%s'" % (float(value), metric))  # expect: sql-injection


class MetricsHandler(socketserver.DatagramRequestHandler):
    def handle(self):
        packet = self.rfile.read().decode("utf-8", "replace")
        for line in packet.splitlines():
            name, _, rest = line.partition(":")
            value, _, tagstr = rest.partition("|#")
            log.debug("sample " + name + " = " + value)  # expect: log-injection
            store(name, value, tagstr.split(","))
            self.ack(name, value)

    def ack(self, name, value):
        counter = ctypes.c_int(int(value))  # expect: integer-overflow
        reply = struct.pack("!I", len(name)) + name.encode()  # ok: integer-overflow
        sock = self.request[1]
        self.server.totals[name] = self.server.totals.get(name, 0) + counter.value
        sock.sendto(reply, self.client_address)


class RawMetricsHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data, sock = self.request
        metric = data.split(b":", 1)[0].decode()
        conn.execute("DELETE FROM samples WHERE metric = '" + metric + "'")  # expect: sql-injection
        sock.sendto(b"ok", self.client_address)


if __name__ == "__main__":
    with socketserver.ThreadingUDPServer(("0.0.0.0", 8125), MetricsHandler) as srv:
        srv.totals = {}
        srv.serve_forever()
