# --- file: fetcher/__init__.py
# --- file: fetcher/http.py
import json
import urllib.parse
import urllib.request

API = "https://status.internal.example.com/api/v1/report"
ALLOWED_MIRRORS = {
    "https://mirror-a.example.com/index.json",
    "https://mirror-b.example.com/index.json",
}


def fetch(url, timeout=10):
    req = urllib.request.Request(url, headers={"User-Agent": "fetcher/2.0"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # expect: ssrf
        return resp.read()


def fetch_mirror(url):
    if url not in ALLOWED_MIRRORS:
        raise ValueError(f"unknown mirror {url}")
    with urllib.request.urlopen(url) as resp:  # ok: ssrf
        return json.load(resp)


def report(results, timeout):
    data = json.dumps(results).encode()
    with urllib.request.urlopen(API, data=data, timeout=timeout) as resp:  # ok: ssrf
        return resp.status


def open_relative(base, path):
    return urllib.request.urlopen(urllib.parse.urljoin(base, path))  # expect: ssrf
# --- file: fetcher/cli.py
import argparse
import hashlib

from .http import fetch, fetch_mirror, open_relative, report


def main():
    parser = argparse.ArgumentParser(prog="fetcher")
    parser.add_argument("--url-list", type=argparse.FileType("r"))
    parser.add_argument("--mirror")
    parser.add_argument("--base", default="https://cdn.example.com/")
    parser.add_argument("--asset")
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args()

    results = {}
    if args.url_list:
        for line in args.url_list:
            url = line.strip()
            if url and not url.startswith("#"):
                results[url] = hashlib.sha256(fetch(url, args.timeout)).hexdigest()
    if args.mirror:
        results["mirror"] = fetch_mirror(args.mirror)
    if args.asset:
        results["asset"] = open_relative(args.base, args.asset).status
    report(results, args.timeout)
