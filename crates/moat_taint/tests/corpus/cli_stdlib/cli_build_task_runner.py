# --- file: runner/__init__.py
# --- file: runner/options.py
import argparse

PARSER = argparse.ArgumentParser(prog="runner", description="Run build tasks and report")
PARSER.add_argument("target")
PARSER.add_argument("--tool", default="make")
PARSER.add_argument("--ref", default="HEAD")
PARSER.add_argument("--report", default="{target}: {status}")
PARSER.add_argument("--grep", default="error")


def parse(argv=None):
    return PARSER.parse_args(argv)
# --- file: runner/launch.py
import os
import shlex
import subprocess

TOOLS = {"make": "/usr/bin/make", "ninja": "/usr/bin/ninja"}
CLEAN_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}


def tool_path(tool):
    if tool not in TOOLS:
        raise SystemExit(f"unknown tool {tool!r}")
    return TOOLS[tool]


def build_with_spawn(tool, target):
    os.spawnl(os.P_WAIT, tool, tool, target)  # expect: command-injection
    os.spawnl(os.P_WAIT, "/usr/bin/make", "make", "--", target)  # ok: command-injection
    os.spawnle(os.P_WAIT, tool, tool, target, CLEAN_ENV)  # expect: command-injection
    os.spawnle(os.P_WAIT, "/usr/bin/make", "make", "--", target, CLEAN_ENV)  # ok: command-injection
    os.spawnlp(os.P_WAIT, tool, tool, target)  # expect: command-injection
    os.spawnlp(os.P_WAIT, "make", "make", "--", target)  # ok: command-injection
    os.spawnlpe(os.P_WAIT, tool, tool, target, CLEAN_ENV)  # expect: command-injection
    os.spawnlpe(os.P_WAIT, "ninja", "ninja", "--", target, CLEAN_ENV)  # ok: command-injection


def build_with_argv(tool, target):
    argv = [tool, "-j4", "--", target]
    os.spawnv(os.P_WAIT, tool, argv)  # expect: command-injection
    os.spawnv(os.P_WAIT, tool_path(tool), argv)  # ok: command-injection
    os.spawnve(os.P_WAIT, tool, argv, CLEAN_ENV)  # expect: command-injection
    os.spawnve(os.P_WAIT, "/usr/bin/make", ["make", "--", target], CLEAN_ENV)  # ok: command-injection
    os.spawnvp(os.P_WAIT, tool, argv)  # expect: command-injection
    os.spawnvp(os.P_WAIT, "make", ["make", "-j4", "--", target])  # ok: command-injection
    os.spawnvpe(os.P_WAIT, tool, argv, CLEAN_ENV)  # expect: command-injection
    os.spawnvpe(os.P_WAIT, "ninja", ["ninja", "--", target], CLEAN_ENV)  # ok: command-injection
    pid = os.posix_spawnp(tool, argv, CLEAN_ENV)  # expect: command-injection
    os.waitpid(pid, 0)
    pid = os.posix_spawnp("make", ["make", "-j4", "--", target], CLEAN_ENV)  # ok: command-injection
    os.waitpid(pid, 0)


def build_with_subprocess(tool, target):
    subprocess.check_call(f"{tool} -j4 -- {target}", shell=True)  # expect: command-injection
    subprocess.check_call(f"{tool_path(tool)} -j4 -- {shlex.quote(target)}", shell=True)  # ok: command-injection
    subprocess.check_call([tool, "-j4", target])  # expect: command-injection
    subprocess.check_call(["make", "-j4", "--", target])  # ok: command-injection


def last_commit(ref):
    status, out = subprocess.getstatusoutput("git log -1 --format=%s " + ref)  # expect: command-injection
    if status:
        status, out = subprocess.getstatusoutput("git log -1 --format=%s --end-of-options " + shlex.quote(ref))  # ok: command-injection
    return out
# --- file: runner/report.py
import re
import string

ANSI = r"\x1b\[[0-9;]*m"


def render(template, target, status):
    return string.Formatter().format(template, target=target, status=status)  # expect: format-string-injection


def render_default(target, status):
    return string.Formatter().format("{target}: {status}", target=target, status=status)  # ok: format-string-injection


def matching_lines(pattern, log_text):
    hits = [m.group(0) for m in re.finditer(pattern, log_text)]  # expect: regex-injection
    hits += [m.group(0) for m in re.finditer(re.escape(pattern), log_text)]  # ok: regex-injection
    return hits


def redact(pattern, log_text):
    cleaned, count = re.subn(pattern, "***", log_text)  # expect: regex-injection
    cleaned, _ = re.subn(ANSI, "", pattern + cleaned)  # ok: regex-injection
    return cleaned, count
# --- file: runner/__main__.py
import subprocess

from . import launch, report
from .options import parse


def main():
    args = parse()
    launch.build_with_spawn(args.tool, args.target)
    launch.build_with_argv(args.tool, args.target)
    launch.build_with_subprocess(args.tool, args.target)
    subject = launch.last_commit(args.ref)
    log_text = subprocess.run(["make", "-n"], capture_output=True, text=True).stdout
    print(report.render(args.report, args.target, subject))
    print(report.render_default(args.target, subject))
    print(report.matching_lines(args.grep, log_text))
    print(report.redact(args.grep, log_text))


main()
