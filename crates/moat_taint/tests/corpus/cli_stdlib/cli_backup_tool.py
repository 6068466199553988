# --- file: backup/__init__.py
__version__ = "0.4.1"
# --- file: backup/__main__.py
from .cli import main

main()
# --- file: backup/cli.py
import argparse
import sys

from . import archive, remote


def build_parser():
    parser = argparse.ArgumentParser(prog="backup", description="Archive a directory and ship it")
    parser.add_argument("source")
    parser.add_argument("--dest", default="/var/backups")
    parser.add_argument("--compress", choices=["gzip", "bzip2", "xz"], default="gzip")
    parser.add_argument("--host")
    parser.add_argument("--pre-hook")
    parser.add_argument("--exclude", action="append", default=[])
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.pre_hook:
        archive.run_hook(args.pre_hook)
    out = archive.make_tarball(args.source, args.dest, args.compress, args.exclude)
    archive.make_tarball_quoted(args.source, args.dest)
    archive.checksum(out)
    if args.host:
        remote.push(out, args.host)
        remote.push_list(out, args.host)
    return 0


if __name__ == "__main__":
    sys.exit(main())
# --- file: backup/archive.py
import os
import shlex
import subprocess
import time

FLAGS = {"gzip": "z", "bzip2": "j", "xz": "J"}


def run_hook(command):
    os.system(command)  # expect: command-injection


def _stamp():
    return time.strftime("%Y%m%d-%H%M%S")


def make_tarball(source, dest, compress, excludes):
    out = os.path.join(dest, f"backup-{_stamp()}.tar")
    skip = " ".join(f"--exclude={e}" for e in excludes)
    subprocess.run(f"tar -c{FLAGS[compress]}f {out} {skip} {source}", shell=True, check=True)  # expect: command-injection
    subprocess.run(["tar", "-c" + FLAGS[compress] + "f", out, source], check=True)  # ok: command-injection
    return out


def make_tarball_quoted(source, dest):
    out = os.path.join(dest, "latest.tar.gz")
    cmd = "tar -czf {} {}".format(shlex.quote(out), shlex.quote(source))  # ok: format-string-injection
    subprocess.call(cmd, shell=True)  # ok: command-injection
    return out


def checksum(path):
    digest = subprocess.check_output("sha256sum " + path, shell=True)  # expect: command-injection
    return digest.split()[0].decode()
# --- file: backup/remote.py
import shlex
import subprocess


def push(path, host):
    subprocess.Popen("scp %s %s:/srv/backups/" % (path, host), shell=True).wait()  # expect: command-injection


def push_list(path, host):
    subprocess.run("ssh " + shlex.quote(host) + " ls /srv/backups", shell=True)  # ok: command-injection
