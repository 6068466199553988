import os
import re
import subprocess
import sys

DEBUG = False
VERBOSE = 1
SAFE_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")  # ok: regex-injection


def deploy(argv):
    target = argv[1]

    host = target if 3 * 7 < 20 else "localhost"
    os.system("ping -c 1 " + host)  # ok: command-injection

    host2 = target if 3 * 7 > 20 else "localhost"
    os.system("ping -c 1 " + host2)  # expect: command-injection

    if DEBUG:
        cmd = "echo " + target
    else:
        cmd = "echo release"
    subprocess.run(cmd, shell=True)  # ok: command-injection

    if VERBOSE:
        note = "deploying " + target
    else:
        note = "deploying"
    subprocess.run("logger " + note, shell=True)  # expect: command-injection

    branch = target
    branch = "main"
    subprocess.run("git checkout " + branch, shell=True)  # ok: command-injection

    tag = target
    if len(argv) > 2:
        tag = "v1.0"
    subprocess.run("git tag " + tag, shell=True)  # expect: command-injection

    if not SAFE_NAME.fullmatch(target):
        sys.exit("bad target")
    subprocess.run("git push origin " + target, shell=True)  # ok: command-injection


def cleanup(argv):
    paths = argv[1:]
    for p in paths:
        os.remove(os.path.join("/srv/releases", p))  # expect: path-traversal
    stale = None
    for stale in ("build", "dist"):
        os.remove(os.path.join("/srv/releases", stale))  # ok: path-traversal
    try:
        keep = int(argv[2])
    except (IndexError, ValueError):
        keep = 3
    subprocess.run(f"ls -t /srv/releases | tail -n +{keep + 1} | xargs rm -rf", shell=True)  # ok: command-injection
    if (extra := argv[-1]).endswith(".tar"):
        subprocess.run(f"tar -xf {extra} -C /srv/releases", shell=True)  # expect: command-injection


if __name__ == "__main__":
    if sys.argv[1:2] == ["clean"]:
        cleanup(sys.argv[1:])
    else:
        deploy(sys.argv)
