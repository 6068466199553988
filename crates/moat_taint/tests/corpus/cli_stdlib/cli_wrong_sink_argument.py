import argparse
import logging
import re
import sqlite3
import subprocess
import urllib.request

log = logging.getLogger("ops")
HEALTH_URL = "https://health.example.com/ping"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--workdir", default="/srv/app")
    p.add_argument("--timeout", default="30")
    p.add_argument("--name", default="svc")
    p.add_argument("--query", default="")
    p.add_argument("--payload", default="{}")
    p.add_argument("--endpoint", default=HEALTH_URL)
    args = p.parse_args()

    subprocess.run("make deploy", shell=True, cwd=args.workdir, timeout=float(args.timeout))  # ok: command-injection
    subprocess.run("make deploy", shell=True, env={"SERVICE": args.name, "PATH": "/usr/bin"})  # ok: command-injection
    subprocess.run(args.name, shell=True, cwd="/srv/app")  # expect: command-injection

    db = sqlite3.connect("/var/lib/ops/ops.db")
    db.execute("SELECT * FROM services WHERE name LIKE ?", ("%" + args.query + "%",))  # ok: sql-injection
    db.execute("SELECT * FROM services WHERE name LIKE '%" + args.query + "%'", ())  # expect: sql-injection

    urllib.request.urlopen(HEALTH_URL, data=args.payload.encode(), timeout=5)  # ok: ssrf
    urllib.request.urlopen(args.endpoint, data=b"{}", timeout=5)  # expect: ssrf

    re.search(r"^svc-[a-z]+$", args.name)  # ok: regex-injection
    re.search(args.name, "svc-api svc-web")  # expect: regex-injection

    log.info("service %s restarted within %.1fs", "ops", float(args.timeout))  # ok: log-injection
    print("{}: {}".format("service", args.name))  # ok: format-string-injection
    print(args.name.format("service"))  # expect: format-string-injection


if __name__ == "__main__":
    main()
