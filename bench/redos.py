#!/usr/bin/env python3
"""ReDoS detection on the labelled pattern set: Moat against regexploit.

Runs Moat's analysis on every pattern of crates/moat_regex/tests/data/patterns.tsv (the
`corpus` example of moat_regex, built with --release), and regexploit (pinned below,
installed into bench/.venv) on the same patterns, then prints precision, recall and
Moat's analysis times, and writes them into the ReDoS section of bench/README.md
(between the `redos:start` and `redos:end` markers), replacing what was there.

A pattern counts as found when the tool reports it vulnerable (Moat: `polynomial` or
`exponential`; `unknown` counts as not found; regexploit: any `Redos(...)` report).
regexploit has no notion of flags, bytes or match mode: flags are given to it as an
inline group `(?imsx)`, bytes patterns as the same text.

Usage: bench/redos.py   (from any directory; needs python3 with venv, and cargo)
"""

import os
import statistics
import subprocess
import sys
from pathlib import Path

REGEXPLOIT = "regexploit==1.0.0"
ROOT = Path(__file__).resolve().parent.parent
PATTERNS = ROOT / "crates/moat_regex/tests/data/patterns.tsv"
VENV = ROOT / "bench/.venv"
README = ROOT / "bench/README.md"
START, END = "<!-- redos:start -->", "<!-- redos:end -->"


def load():
    rows = []
    for number, line in enumerate(PATTERNS.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        pattern, flags, mode, expected, source = line.split("\t")
        rows.append(
            {"line": number, "pattern": pattern, "flags": flags, "mode": mode,
             "expected": expected, "source": source}
        )
    return rows


def run_moat():
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "-p", "moat_regex", "--example", "corpus"],
        cwd=ROOT, check=True,
    )
    binary = ROOT / "target/release/examples/corpus"
    out = subprocess.run([str(binary), str(PATTERNS)], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    results = {}
    for line in out.splitlines():
        number, expected, vulnerable, verdict, degree, micros, _source = line.split("\t")
        results[int(number)] = {"verdict": verdict, "micros": int(micros)}
    return results


def regexploit_binary():
    binary = VENV / "bin/regexploit"
    if not binary.exists():
        if not (VENV / "bin/pip").exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin/pip"), "install", "--quiet", REGEXPLOIT], check=True)
    return binary


def run_regexploit(rows):
    binary = regexploit_binary()
    found = {}
    for row in rows:
        letters = "".join(c for c in row["flags"] if c in "imsx")
        pattern = (f"(?{letters})" if letters else "") + row["pattern"]
        try:
            out = subprocess.run([str(binary)], input=pattern + "\n", capture_output=True,
                                 text=True, timeout=20).stdout
            found[row["line"]] = "Redos(" in out
        except subprocess.TimeoutExpired:
            found[row["line"]] = False
    return found


def scores(rows, found):
    tp = sum(1 for r in rows if r["expected"] != "safe" and found[r["line"]])
    fp = sum(1 for r in rows if r["expected"] == "safe" and found[r["line"]])
    fn = sum(1 for r in rows if r["expected"] != "safe" and not found[r["line"]])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return tp, fp, fn, precision, recall


def main():
    rows = load()
    load_before = os.getloadavg()[0]
    moat = run_moat()
    moat_found = {n: r["verdict"] in ("polynomial", "exponential") for n, r in moat.items()}
    exploit_found = run_regexploit(rows)
    vulnerable = sum(1 for r in rows if r["expected"] != "safe")
    times = [r["micros"] / 1000 for r in moat.values()]
    unknown = sum(1 for r in moat.values() if r["verdict"] == "unknown")
    exact = sum(1 for r in rows if moat[r["line"]]["verdict"] == r["expected"])

    lines = [
        f"Labelled set: {len(rows)} patterns ({vulnerable} vulnerable, {len(rows) - vulnerable} safe "
        "look-alikes), `crates/moat_regex/tests/data/patterns.tsv`.",
        "",
        "| tool | true positives | false positives | missed | precision | recall |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, found in (("moat", moat_found), (f"regexploit {REGEXPLOIT.split('==')[1]}", exploit_found)):
        tp, fp, fn, precision, recall = scores(rows, found)
        lines.append(f"| {name} | {tp} | {fp} | {fn} | {precision:.1%} | {recall:.1%} |")
    lines += [
        "",
        f"moat: exact verdict (safe / polynomial / exponential) on {exact} of {len(rows)}; "
        f"`unknown` on {unknown}. Analysis time per pattern (release build, one thread, "
        f"attack confirmation included): median {statistics.median(times):.2f} ms, "
        f"max {max(times):.2f} ms (1-minute load average {load_before:.2f} before the run, "
        "on a shared 2-core machine).",
    ]
    section = "\n".join(lines)
    print(section)

    text = README.read_text()
    block = f"{START}\n{section}\n{END}"
    if START in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n## ReDoS detection\n\n" + (
            "`bench/redos.py` runs Moat's ReDoS analysis and regexploit on the labelled pattern "
            "set and writes this section (between the `redos` markers).\n\n"
        ) + block + "\n"
    README.write_text(text)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
