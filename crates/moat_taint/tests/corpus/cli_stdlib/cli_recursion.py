# --- file: tree/__init__.py
# --- file: tree/walk.py
def unwrap(expr):
    expr = expr.strip()
    if expr.startswith("(") and expr.endswith(")"):
        return unwrap(expr[1:-1])
    return expr


def nesting(expr, depth=0):
    if expr.startswith("("):
        return nesting(expr[1:], depth + 1)
    return depth


def flatten(items):
    out = []
    for item in items:
        if isinstance(item, list):
            out.extend(flatten(item))
        else:
            out.append(item)
    return out


def is_even_path(parts):
    return True if not parts else is_odd_path(parts[1:])


def is_odd_path(parts):
    return False if not parts else is_even_path(parts[1:])


def last_segment(parts):
    return parts[0] if len(parts) == 1 else last_segment(parts[1:])
# --- file: tree/main.py
import os
import subprocess
import sys

from .walk import flatten, is_even_path, last_segment, nesting, unwrap


def main():
    expr = sys.argv[1]
    print(eval(unwrap(expr)))  # expect: code-injection
    print(eval("1" + "+1" * nesting(expr)))  # ok: code-injection

    groups = [sys.argv[2:4], [sys.argv[4:]]]
    subprocess.run("echo " + " ".join(flatten(groups)), shell=True)  # expect: command-injection

    parts = sys.argv[2].split(",")
    if is_even_path(parts):
        subprocess.run("echo even " + str(len(parts)), shell=True)  # ok: command-injection
    with open(os.path.join("/var/tree", last_segment(parts))) as fh:  # expect: path-traversal
        print(fh.read())


if __name__ == "__main__":
    main()
