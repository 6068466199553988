# --- file: sensors/__init__.py
# --- file: sensors/schema.py
STATIONS = ("roof", "garden", "cellar")

SCHEMA = """
CREATE TABLE IF NOT EXISTS readings (station TEXT, seq INTEGER, temp INTEGER, humidity INTEGER);
CREATE TABLE IF NOT EXISTS peers (addr TEXT PRIMARY KEY, last_seen REAL);
"""


def station_table_ddl(station):
    return f"CREATE TABLE IF NOT EXISTS readings_{station} (seq INTEGER, temp INTEGER, humidity INTEGER);"
# --- file: sensors/decode.py
import numpy as np


def fields_of(datagram):
    # "station,seq,temp,humidity,pressure,uptime,offset,epoch_ms"
    return datagram.decode("ascii", "replace").strip().split(",")


def to_scalars(fields):
    _, seq, temp, humidity, pressure, uptime, offset, epoch_ms = fields
    return {
        "seq": np.uint32(int(seq)),  # expect: integer-overflow
        "temp": np.int16(int(temp)),  # expect: integer-overflow
        "humidity": np.uint8(int(humidity)),  # expect: integer-overflow
        "pressure": np.uint16(int(pressure)),  # expect: integer-overflow
        "uptime": np.uint64(int(uptime)),  # expect: integer-overflow
        "offset": np.int8(int(offset)),  # expect: integer-overflow
        "epoch_ms": np.int64(int(epoch_ms)),  # expect: integer-overflow
    }


def to_scalars_checked(fields):
    seq, temp, humidity, pressure, uptime, offset, epoch_ms = (int(f) for f in fields[1:])
    out = {"count": np.uint8(len(fields))}  # ok: integer-overflow
    if 0 <= seq < 2**32:
        out["seq"] = np.uint32(seq)  # ok: integer-overflow
    if -(2**15) <= temp < 2**15:
        out["temp"] = np.int16(temp)  # ok: integer-overflow
    if 0 <= humidity <= 100:
        out["humidity"] = np.uint8(humidity)  # ok: integer-overflow
    if 0 <= pressure < 2**16:
        out["pressure"] = np.uint16(pressure)  # ok: integer-overflow
    if 0 <= uptime < 2**64:
        out["uptime"] = np.uint64(uptime)  # ok: integer-overflow
    if -128 <= offset <= 127:
        out["offset"] = np.int8(offset)  # ok: integer-overflow
    if -(2**63) <= epoch_ms < 2**63:
        out["epoch_ms"] = np.int64(epoch_ms)  # ok: integer-overflow
    return out
# --- file: sensors/store.py
import sqlite3

from .schema import SCHEMA, STATIONS, station_table_ddl

DB = "/var/lib/sensors/readings.db"


def open_db():
    conn = sqlite3.connect(DB)
    conn.cursor().executescript(SCHEMA)  # ok: sql-injection
    return conn


def save_batch(conn, station, batch):
    rows = [(r["seq"], r["temp"], r["humidity"]) for r in batch]
    conn.executemany(f"INSERT INTO readings_{station} VALUES (?, ?, ?)", rows)  # expect: sql-injection
    conn.executemany("INSERT INTO readings VALUES (?, ?, ?, ?)", [(station, *r) for r in rows])  # ok: sql-injection
    conn.commit()


def save_batch_per_station(conn: sqlite3.Connection, station, batch):
    cur = conn.cursor()
    cur.executescript(station_table_ddl(station))  # expect: sql-injection
    cur.executemany("INSERT INTO readings_%s VALUES (?, ?, ?)" % station, batch)  # expect: sql-injection
    if station in STATIONS:
        cur.executescript(station_table_ddl(station))  # ok: sql-injection
        cur.executemany(f"INSERT INTO readings_{station} VALUES (?, ?, ?)", batch)  # ok: sql-injection
    conn.commit()


def touch_peer(conn: sqlite3.Connection, addr):
    cur = conn.cursor()
    cur.executemany("INSERT OR REPLACE INTO peers VALUES (?, strftime('%s'))", [(addr,)])  # ok: sql-injection
# --- file: sensors/server.py
import socket

from . import decode, store


def serve(port=9750):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("0.0.0.0", port))
    conn = store.open_db()
    pending = {}
    while True:
        datagram, (host, _port) = sock.recvfrom(512)
        fields = decode.fields_of(datagram)
        if len(fields) != 8:
            continue
        station = fields[0]
        reading = decode.to_scalars(fields)
        decode.to_scalars_checked(fields)
        store.touch_peer(conn, host)
        pending.setdefault(station, []).append(reading)
        if len(pending[station]) >= 50:
            store.save_batch(conn, station, pending[station])
            store.save_batch_per_station(conn, station, [tuple(r.values())[:3] for r in pending.pop(station)])
