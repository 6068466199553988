#!/usr/bin/env python3
"""Recall and false-positive rate of the taint analysis on its labelled corpus, per sink kind.

Usage: bench/taint.py [--write]

Runs the corpus test (`cargo test -p moat_taint --test corpus`) with
`MOAT_CORPUS_REPORT` set, reads the per-kind counts it writes, and prints a markdown table.
With --write, the table replaces the part of bench/README.md between the `taint:start` and
`taint:end` markers.

Each label in crates/moat_taint/tests/corpus/ is one case. `expect` and `todo` cases are
vulnerable (`todo`: a known miss); `ok` and `fp` cases are safe look-alikes (`fp`: a known
false alarm). Recall = expect / (expect + todo); false-positive rate = fp / (ok + fp);
their difference (recall − FP rate) is the usual single-number summary (Youden's J).
"""

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile

BENCH = pathlib.Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
from readme_section import replace_section  # noqa: E402


def counts() -> list[tuple[str, int, int, int, int]]:
    with tempfile.TemporaryDirectory() as tmp:
        report = pathlib.Path(tmp) / "taint.tsv"
        env = dict(os.environ, MOAT_CORPUS_REPORT=str(report))
        run = subprocess.run(
            ["cargo", "test", "--locked", "-p", "moat_taint", "--test", "corpus"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if not report.exists():
            sys.exit(f"the corpus test wrote no report:\n{run.stdout}\n{run.stderr}")
        if run.returncode != 0:
            print("note: the corpus test fails (labels differ from what is reported):", file=sys.stderr)
            print(run.stdout[-4000:], file=sys.stderr)
        rows = []
        for line in report.read_text().splitlines()[1:]:
            kind, expect, todo, ok, fp = line.split("\t")
            rows.append((kind, int(expect), int(todo), int(ok), int(fp)))
        return rows


def pct(part: int, whole: int) -> str:
    return "–" if whole == 0 else f"{100 * part / whole:.0f}%"


def table(rows) -> str:
    out = [
        "| sink kind | vulnerable cases | found | recall | safe cases | false alarms | FP rate | recall − FP rate |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    totals = [0, 0, 0, 0]
    for kind, expect, todo, ok, fp in rows:
        vulnerable, safe = expect + todo, ok + fp
        for i, v in enumerate((expect, todo, ok, fp)):
            totals[i] += v
        j = "–" if not vulnerable or not safe else f"{100 * (expect / vulnerable - fp / safe):.0f}"
        out.append(
            f"| `{kind}` | {vulnerable} | {expect} | {pct(expect, vulnerable)} | {safe} | {fp} | {pct(fp, safe)} | {j} |"
        )
    expect, todo, ok, fp = totals
    j = 100 * (expect / (expect + todo) - fp / (ok + fp))
    out.append(
        f"| **all** | **{expect + todo}** | **{expect}** | **{pct(expect, expect + todo)}** | "
        f"**{ok + fp}** | **{fp}** | **{pct(fp, ok + fp)}** | **{j:.0f}** |"
    )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update bench/README.md")
    args = parser.parse_args()
    text = table(counts())
    print(text)
    if args.write:
        replace_section(str(BENCH / "README.md"), "taint", text)


if __name__ == "__main__":
    main()
