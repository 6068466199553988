import argparse
import os
import sqlite3
import subprocess
from collections import namedtuple

Job = namedtuple("Job", ["name", "command"])


class Options:
    def __init__(self, ns):
        self.tool = "/usr/bin/rsync"
        self.target = ns.target
        self.flags = ["-a", "--delete"]


class Config:
    shell = "/bin/sh"

    def __init__(self, user_cmd):
        self.user_cmd = user_cmd


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("target")
    parser.add_argument("--table", default="events")
    parser.add_argument("--command", default="true")
    ns = parser.parse_args()

    cmds = {"safe": "uptime", "user": ns.command}
    os.system(cmds["safe"])  # ok: command-injection
    os.system(cmds["user"])  # expect: command-injection

    query = {}
    query["table"] = "events"
    query["filter"] = ns.table
    conn = sqlite3.connect("/var/lib/app/events.db")
    conn.execute("SELECT COUNT(*) FROM " + query["table"])  # ok: sql-injection
    conn.execute("SELECT COUNT(*) FROM " + query["filter"])  # expect: sql-injection

    argv = ["/usr/bin/uname", "-a", ns.target]
    subprocess.run(argv[0], shell=True)  # ok: command-injection
    subprocess.run(argv[2], shell=True)  # expect: command-injection

    pair = (ns.command, "date")
    subprocess.call(pair[1], shell=True)  # ok: command-injection
    subprocess.call(pair[0], shell=True)  # expect: command-injection

    job = Job(name=ns.target, command="sync")
    os.system("/usr/local/bin/" + job.command)  # fp: command-injection

    opts = Options(ns)
    os.system(f"{opts.tool} {' '.join(opts.flags)} /data/ backup:/data/")  # ok: command-injection
    os.system(f"{opts.tool} {' '.join(opts.flags)} /data/ {opts.target}")  # expect: command-injection

    cfg = Config(ns.command)
    subprocess.Popen(cfg.shell, shell=True)  # ok: command-injection
    subprocess.Popen([cfg.shell, "-c", "echo ready"], executable=cfg.user_cmd)  # expect: command-injection


if __name__ == "__main__":
    main()
