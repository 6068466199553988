#!/usr/bin/env python3
"""Recall and false positives of moat and detect-secrets on the labelled secrets corpus.

Usage: bench/secrets.py [--moat PATH] [--write]

Runs, from the repository root, `moat check --select leaked-secret --format json` and
`detect-secrets scan --all-files` on bench/secrets-corpus/files/ (both see the same
files), compares the lines each reports with bench/secrets-corpus/labels.tsv, and prints a
markdown table. detect-secrets is installed at the pinned version into bench/.venv when
missing. With --write, the table replaces the part of bench/README.md between the
`secrets:start` and `secrets:end` markers.

A line counts once per tool, however many findings it has. Recall is the share of the
labelled credential lines reported; a false positive is a reported line that is not a
labelled credential line (look-alike lines are listed in the labels as `-`).
"""

import argparse
import json
import pathlib
import subprocess
import sys

DETECT_SECRETS_VERSION = "1.5.0"
BENCH = pathlib.Path(__file__).resolve().parent
ROOT = BENCH.parent
CORPUS = "bench/secrets-corpus/files"
VENV = BENCH / ".venv"


def labels():
    positives, lookalikes = {}, set()
    for line in (ROOT / "bench/secrets-corpus/labels.tsv").read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        path, number, label = line.split("\t")
        key = (f"{CORPUS}/{path}", int(number))
        if label == "-":
            lookalikes.add(key)
        else:
            positives[key] = label
    return positives, lookalikes


def moat_lines(binary):
    out = subprocess.run(
        [binary, "check", "--no-config", "--select", "leaked-secret", "--exit-zero", "--format", "json", CORPUS],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    return {(f["file"], f["line"]) for f in json.loads(out)["findings"]}


def detect_secrets_lines():
    tool = VENV / "bin" / "detect-secrets"
    if not tool.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", f"detect-secrets=={DETECT_SECRETS_VERSION}"], check=True)
    out = subprocess.run(
        [str(tool), "scan", "--all-files", CORPUS], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    results = json.loads(out)["results"]
    return {(path, item["line_number"]) for path, items in results.items() for item in items}


def score(name, flagged, positives, lookalikes):
    found = flagged & positives.keys()
    missed = sorted(positives.keys() - flagged)
    false = sorted(flagged - positives.keys())
    on_lookalikes = [key for key in false if key in lookalikes]
    row = (
        f"| {name} | {len(found)}/{len(positives)} ({100 * len(found) / len(positives):.0f}%) "
        f"| {len(false)} | {len(on_lookalikes)}/{len(lookalikes)} |"
    )
    return row, missed, false


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--moat", default=str(ROOT / "target" / "debug" / "moat"))
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    positives, lookalikes = labels()
    table = [
        f"Corpus: `{CORPUS}/` — {len(positives)} lines with a fake credential "
        f"({len(set(positives.values()))} kinds), {len(lookalikes)} look-alike lines.",
        "",
        "| tool | recall (lines) | false positives (lines) | of which on look-alikes |",
        "| --- | --- | --- | --- |",
    ]
    details = []
    for name, flagged in [
        ("moat (`leaked-secret`)", moat_lines(args.moat)),
        (f"detect-secrets {DETECT_SECRETS_VERSION}", detect_secrets_lines()),
    ]:
        row, missed, false = score(name, flagged, positives, lookalikes)
        table.append(row)
        details.append((name, missed, false))
    print("\n".join(table))
    for name, missed, false in details:
        print(f"\n{name}: missed {len(missed)}, false positives {len(false)}")
        for path, line in missed:
            print(f"  missed  {path}:{line} ({positives[(path, line)]})")
        for path, line in false:
            print(f"  false   {path}:{line}")
    if args.write:
        readme = BENCH / "README.md"
        text = readme.read_text()
        start, end = "<!-- secrets:start -->", "<!-- secrets:end -->"
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        readme.write_text(before + start + "\n" + "\n".join(table) + "\n" + end + after)


if __name__ == "__main__":
    main()
