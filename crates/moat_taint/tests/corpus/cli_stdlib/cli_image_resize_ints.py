import argparse
import ctypes
import logging
import subprocess

import numpy as np

log = logging.getLogger("resize")
MAX_SIDE = 16384


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Resize images with ImageMagick")
    parser.add_argument("image")
    parser.add_argument("--width", type=int, default=800)
    parser.add_argument("--height", type=int, default=600)
    parser.add_argument("--quality", type=int, default=85)
    parser.add_argument("--format", choices=["png", "jpeg", "webp"], default="png")
    parser.add_argument("--filter", default="Lanczos")
    return parser.parse_args(argv)


def pixel_count(args):
    w = ctypes.c_int(args.width)  # expect: integer-overflow
    h = ctypes.c_int(args.height)  # expect: integer-overflow
    return w.value * h.value


def pixel_count_checked(args):
    if not (0 < args.width <= MAX_SIDE and 0 < args.height <= MAX_SIDE):
        raise SystemExit("image side out of range")
    return np.int32(args.width) * np.int32(args.height)  # ok: integer-overflow


def convert(args):
    out = f"out.{args.format}"
    subprocess.run(f"convert -resize {args.width}x{args.height} -quality {args.quality} in.img {out}", shell=True)  # ok: command-injection
    subprocess.run(f"convert -filter {args.filter} in.img {out}", shell=True)  # expect: command-injection
    subprocess.run(["convert", "-filter", args.filter, args.image, out])  # ok: command-injection
    subprocess.run("cp %s in.img" % args.image, shell=True)  # expect: command-injection
    log.info("resized %s to %dx%d", args.image, args.width, args.height)  # expect: log-injection
    log.info("resized to %dx%d as %s", args.width, args.height, args.format)  # ok: log-injection


if __name__ == "__main__":
    ns = parse_args()
    pixel_count(ns)
    pixel_count_checked(ns)
    convert(ns)
