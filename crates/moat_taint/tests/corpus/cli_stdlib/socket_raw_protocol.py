# --- file: telemetry/__init__.py
# --- file: telemetry/wire.py
import ctypes
import struct

import numpy as np

INT32_MAX = 2**31 - 1


class FrameHeader(ctypes.Structure):
    _fields_ = [("length", ctypes.c_int), ("channel", ctypes.c_int)]


def encode_ack(seq):
    return struct.pack("!i", int(seq))  # expect: integer-overflow


def encode_ack_checked(seq):
    n = int(seq)
    if not 0 <= n <= INT32_MAX:
        raise ValueError("sequence out of range")
    return struct.pack("!i", n)  # ok: integer-overflow


def header_for(length, channel):
    size = ctypes.c_int(int(length))  # expect: integer-overflow
    return FrameHeader(size.value, int(channel) & 0xFF)


def clamp_size(length):
    return min(int(length), 1 << 20)


def sample_buffer(count):
    n = np.int32(clamp_size(count))  # expect: integer-overflow
    return np.zeros(n, dtype=np.float32)


def sample_buffer_checked(count):
    n = int(count)
    if 0 <= n < 2**31:
        return np.zeros(np.int32(n), dtype=np.float32)  # ok: integer-overflow
    return np.zeros(0, dtype=np.float32)


def checksum_field(data):
    return ctypes.c_int(len(data))  # ok: integer-overflow
# --- file: telemetry/server.py
import socket

from . import wire


def serve(host="0.0.0.0", port=7100):
    with socket.create_server((host, port)) as srv:
        while True:
            conn, _ = srv.accept()
            with conn:
                handle(conn)


def handle(conn):
    line = conn.recv(256).decode("ascii", "replace")
    fields = line.split()
    if len(fields) < 3:
        return
    seq, length, channel = fields[:3]
    conn.sendall(wire.encode_ack(seq))
    conn.sendall(wire.encode_ack_checked(seq))
    hdr = wire.header_for(length, channel)
    buf = wire.sample_buffer(length)
    safe_buf = wire.sample_buffer_checked(length)
    conn.sendall(bytes(hdr) + wire.checksum_field(buf.tobytes() + safe_buf.tobytes()).value.to_bytes(4, "big", signed=True))
