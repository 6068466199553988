# --- file: fwtool/__init__.py
# --- file: fwtool/limits.py
U8_MAX = 255
I8_MIN = -128
I8_MAX = 127
U16_MAX = 65535
I16_MIN = -32768
I16_MAX = 32767
U32_MAX = 4294967295
I32_MIN = -2147483648
I32_MAX = 2147483647
ADDR_MAX = 281474976710655
# --- file: fwtool/header.py
import ctypes
import time

from .limits import ADDR_MAX, I8_MAX, I8_MIN, I16_MAX, I16_MIN, I32_MAX, I32_MIN, U8_MAX, U16_MAX


def version_fields(opts):
    major = ctypes.c_uint8(opts.major)  # expect: integer-overflow
    if not 0 <= opts.minor <= U8_MAX:
        raise SystemExit("minor version must fit in a byte")
    minor = ctypes.c_uint8(opts.minor)  # ok: integer-overflow
    build = ctypes.c_uint16(opts.build)  # expect: integer-overflow
    return major.value, minor.value, build.value


def build_number_checked(opts):
    if 0 <= opts.build <= U16_MAX:
        return ctypes.c_uint16(opts.build).value  # ok: integer-overflow
    raise SystemExit("build number out of range")


def calibration(opts):
    trim = ctypes.c_int8(opts.trim)  # expect: integer-overflow
    if I8_MIN <= opts.temp_offset <= I8_MAX:
        temp = ctypes.c_int8(opts.temp_offset)  # ok: integer-overflow
    else:
        raise SystemExit("temperature offset out of range")
    osc = ctypes.c_byte(opts.osc_trim)  # expect: integer-overflow
    default_osc = ctypes.c_byte(-3)  # ok: integer-overflow
    led = ctypes.c_ubyte(opts.brightness)  # expect: integer-overflow
    if not 0 <= opts.contrast <= U8_MAX:
        raise SystemExit("contrast must be 0-255")
    contrast = ctypes.c_ubyte(opts.contrast)  # ok: integer-overflow
    return trim, temp, osc, default_osc, led, contrast


def audio_fields(opts):
    gain = ctypes.c_short(opts.gain)  # expect: integer-overflow
    if not I16_MIN <= opts.balance <= I16_MAX:
        raise SystemExit("balance out of range")
    balance = ctypes.c_short(opts.balance)  # ok: integer-overflow
    tz = ctypes.c_int16(opts.tz_minutes)  # expect: integer-overflow
    utc = ctypes.c_int16(0)  # ok: integer-overflow
    port = ctypes.c_ushort(opts.port)  # expect: integer-overflow
    if not 0 < opts.debug_port <= U16_MAX:
        raise SystemExit("debug port out of range")
    debug_port = ctypes.c_ushort(opts.debug_port)  # ok: integer-overflow
    return gain, balance, tz, utc, port, debug_port


def memory_layout(opts, sections):
    flags = ctypes.c_uint32(opts.flags)  # expect: integer-overflow
    count = ctypes.c_uint32(len(sections))  # ok: integer-overflow
    offset = ctypes.c_int32(opts.offset)  # expect: integer-overflow
    if not I32_MIN <= opts.entry_delta <= I32_MAX:
        raise SystemExit("entry delta out of range")
    delta = ctypes.c_int32(opts.entry_delta)  # ok: integer-overflow
    load = ctypes.c_uint64(opts.load_addr)  # expect: integer-overflow
    if not 0 <= opts.stack_addr <= ADDR_MAX:
        raise SystemExit("stack address out of range")
    stack = ctypes.c_uint64(opts.stack_addr)  # ok: integer-overflow
    stamp = ctypes.c_int64(opts.timestamp)  # expect: integer-overflow
    now = ctypes.c_int64(int(time.time()))  # ok: integer-overflow
    return flags, count, offset, delta, load, stack, stamp, now


def board_seed(opts):
    seed = ctypes.c_ssize_t(opts.seed)  # expect: integer-overflow
    derived = ctypes.c_ssize_t(hash(opts.board))  # ok: integer-overflow
    return seed.value ^ derived.value
# --- file: fwtool/native.py
import ctypes
import ctypes.util

libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
DEFAULT_WAIT = 2


def stage_payload(opts, payload):
    buf = libc.malloc(ctypes.c_size_t(opts.buffer_size))  # expect: integer-overflow
    exact = libc.malloc(ctypes.c_size_t(len(payload)))  # ok: integer-overflow
    return buf, exact


def seek_image(fd, opts):
    libc.lseek(fd, ctypes.c_long(opts.skip), 0)  # expect: integer-overflow
    libc.lseek(fd, ctypes.c_long(512), 0)  # ok: integer-overflow
    libc.posix_fadvise(fd, ctypes.c_longlong(opts.advise_offset), ctypes.c_longlong(0), 2)  # expect: integer-overflow
    libc.posix_fadvise(fd, ctypes.c_longlong(0), ctypes.c_longlong(0), 2)  # ok: integer-overflow


def settle(opts):
    libc.sleep(ctypes.c_uint(opts.wait))  # expect: integer-overflow
    libc.sleep(ctypes.c_uint(DEFAULT_WAIT))  # ok: integer-overflow


def tune_pipe(fd, opts, payload):
    avail = ctypes.c_int()
    libc.ioctl(fd, ctypes.c_ulong(opts.ioctl_request), ctypes.byref(avail))  # expect: integer-overflow
    libc.ioctl(fd, ctypes.c_ulong(0x541B), ctypes.byref(avail))  # ok: integer-overflow
    want = ctypes.c_ulonglong(opts.reserve_bytes)  # expect: integer-overflow
    have = ctypes.c_ulonglong(len(payload))  # ok: integer-overflow
    return want.value - have.value
# --- file: fwtool/cli.py
import argparse
import os

from . import header, native


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="Write a firmware image header")
    p.add_argument("image")
    p.add_argument("--board", default="rev-b")
    for name in ("major", "minor", "build", "trim", "temp-offset", "osc-trim", "brightness",
                 "contrast", "gain", "balance", "tz-minutes", "port", "debug-port", "flags",
                 "offset", "entry-delta", "load-addr", "stack-addr", "timestamp", "seed",
                 "buffer-size", "skip", "advise-offset", "wait", "ioctl-request", "reserve-bytes"):
        p.add_argument("--" + name, type=int, default=0)
    return p.parse_args(argv)


def main(argv=None):
    opts = parse_args(argv)
    with open(opts.image, "rb") as fh:  # expect: path-traversal
        payload = fh.read()
    header.version_fields(opts)
    header.build_number_checked(opts)
    header.calibration(opts)
    header.audio_fields(opts)
    header.memory_layout(opts, payload.split(b"\x00\x00\x00\x00"))
    header.board_seed(opts)
    native.stage_payload(opts, payload)
    fd = os.open(opts.image, os.O_RDONLY)  # expect: path-traversal
    native.seek_image(fd, opts)
    native.tune_pipe(fd, opts, payload)
    native.settle(opts)


if __name__ == "__main__":
    main()
