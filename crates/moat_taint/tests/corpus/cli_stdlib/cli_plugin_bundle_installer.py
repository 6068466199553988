# --- file: plugins/__init__.py
# --- file: plugins/fetch.py
import os
import urllib.request
from urllib.parse import quote

REGISTRY = "https://plugins.example.org/bundles/"
CACHE = "/var/cache/plugins"


def download(url, name):
    dest = os.path.join(CACHE, os.path.basename(name))
    urllib.request.urlretrieve(url, dest)  # expect: ssrf
    return dest


def download_from_registry(name, version):
    dest = os.path.join(CACHE, os.path.basename(name) + ".bundle")
    urllib.request.urlretrieve(REGISTRY + quote(name) + "/" + version, dest)  # ok: ssrf
    return dest
# --- file: plugins/unpack.py
import json
import os
import tarfile
import zipfile

import yaml

PLUGINS = "/opt/app/plugins"
DEFAULTS = "/etc/app/plugin-defaults.yaml"


def unpack_tarball(bundle, name, keep_owners=False):
    dest = os.path.join(PLUGINS, os.path.basename(name))
    with tarfile.open(bundle) as tar:  # expect: path-traversal
        for member in tar.getmembers():
            if keep_owners:
                tar.extract(member, dest, filter="fully_trusted")  # expect: path-traversal
            elif member.isfile():
                tar.extract(member, dest)  # expect: path-traversal
            else:
                tar.extract(member, dest, filter="data")  # ok: path-traversal
    return dest


def read_tar_manifest(bundle):
    with tarfile.open(bundle) as tar:
        raw = tar.extractfile("plugin.yaml").read()
    settings = yaml.full_load(raw)  # expect: unsafe-deserialization
    with open(DEFAULTS) as fh:
        defaults = yaml.full_load(fh)  # ok: unsafe-deserialization
    return {**defaults, **settings}


def read_tar_hooks(bundle):
    with tarfile.open(bundle) as tar:
        raw = tar.extractfile("hooks.yaml").read().decode()
    hooks = list(yaml.full_load_all(raw))  # expect: unsafe-deserialization
    hooks += list(yaml.load_all(raw))  # expect: unsafe-deserialization
    hooks += list(yaml.unsafe_load_all(raw))  # expect: unsafe-deserialization
    hooks += list(yaml.load_all(raw, Loader=yaml.UnsafeLoader))  # expect: unsafe-deserialization
    hooks += list(yaml.load_all(raw, Loader=yaml.SafeLoader))  # ok: unsafe-deserialization
    hooks += list(yaml.safe_load_all(raw))  # ok: unsafe-deserialization
    with open(DEFAULTS) as fh:
        hooks += list(yaml.full_load_all(fh))  # ok: unsafe-deserialization
    with open(DEFAULTS) as fh:
        hooks += list(yaml.unsafe_load_all(fh))  # ok: unsafe-deserialization
    return hooks


def unpack_zip(bundle):
    with zipfile.ZipFile(bundle) as zf:
        meta = json.loads(zf.read("plugin.json"))
        target = os.path.join(PLUGINS, meta["name"])
        zf.extractall(target)  # expect: path-traversal
        zf.extractall(os.path.join(PLUGINS, os.path.basename(meta["name"])))  # ok: path-traversal
        zf.extract("LICENSE", target)  # expect: path-traversal
        zf.extract(meta["readme"], os.path.join(PLUGINS, "docs"))  # ok: path-traversal
        zf.extractall(path=os.path.join(PLUGINS, "staging"))  # ok: path-traversal
    return target
# --- file: plugins/cli.py
import argparse
import sys

from . import fetch, unpack


def main(argv=None):
    parser = argparse.ArgumentParser(prog="plugins")
    parser.add_argument("action", choices=["install", "sync"])
    parser.add_argument("bundles", nargs="*")
    args = parser.parse_args(argv)
    if args.action == "install":
        for path in args.bundles:
            if path.endswith(".zip"):
                unpack.unpack_zip(path)
            else:
                unpack.unpack_tarball(path, "local", keep_owners=True)
        return 0
    # plugins.lock on stdin: "name version url" per line
    for line in sys.stdin:
        name, version, url = line.split()
        bundle = fetch.download(url, name)
        unpack.unpack_tarball(bundle, name)
        unpack.read_tar_manifest(bundle)
        unpack.read_tar_hooks(bundle)
        fetch.download_from_registry(name, version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
