import base64
import os
import subprocess
import sys
from urllib.parse import quote, unquote, unquote_plus


def main():
    raw = sys.argv[1]

    os.system("echo " + raw)  # expect: command-injection
    os.system(f"echo {raw!s:>20}")  # expect: command-injection
    os.system("echo %s" % raw)  # expect: command-injection
    os.system("echo {0}".format(raw))  # expect: command-injection; ok: format-string-injection
    os.system(" ".join(["echo", raw, "done"]))  # expect: command-injection
    os.system(raw[2:-2])  # expect: command-injection
    os.system(raw.replace(";", "").strip().lower())  # expect: command-injection
    os.system(raw.encode("utf-8").decode("ascii", "ignore"))  # expect: command-injection
    os.system(unquote(unquote_plus(raw)))  # expect: command-injection
    os.system(base64.b64decode(base64.b64encode(raw.encode())).decode())  # expect: command-injection

    parts = []
    for word in raw.split(","):
        parts.append(word.title())
    subprocess.run("echo " + "-".join(parts), shell=True)  # expect: command-injection

    buf = "echo "
    buf += quote(raw)
    subprocess.run(buf, shell=True)  # ok: command-injection

    size = len(raw)
    subprocess.run("echo " + str(size) + " " + "x" * 3, shell=True)  # ok: command-injection
    subprocess.run("echo " + str(raw.isdigit()), shell=True)  # ok: command-injection


if __name__ == "__main__":
    main()
