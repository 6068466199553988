"""Turn the raw measurements of bench/run.sh into the results section of bench/README.md.

Usage: python3 bench/report.py RESULTS_DIR README

Reads from RESULTS_DIR:
  meta.env                 key=value lines (versions, machine, corpus size, commands)
  <tool>.time              one "wall user sys maxrss_kb" line per measured run (GNU time)
  <tool>.hyperfine.json    hyperfine's export, when hyperfine was used
  <tool>.json              the tool's JSON report, for counting findings
and replaces the text between the results markers in README.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import Counter
from pathlib import Path

START = "<!-- results:start -->"
END = "<!-- results:end -->"
TOOLS = ("moat", "moat-all", "ruff", "bandit")
# How each tool is named in the tables.
LABELS = {"moat": "moat", "moat-all": "moat --check-tests", "ruff": "ruff", "bandit": "bandit"}


def read_meta(results: Path) -> dict[str, str]:
    meta = {}
    for line in (results / "meta.env").read_text().splitlines():
        key, sep, value = line.partition("=")
        if sep:
            meta[key] = value
    return meta


def timing(results: Path, tool: str) -> dict | None:
    tfile = results / f"{tool}.time"
    if not tfile.exists():
        return None
    rows = []
    for line in tfile.read_text().splitlines():
        parts = line.split()
        # GNU time prints "Command exited with non-zero status N" before the format line.
        if len(parts) == 4:
            try:
                rows.append(tuple(float(p) for p in parts))
            except ValueError:
                pass
    if not rows:
        return None
    walls = [r[0] for r in rows]
    out = {
        "runs": len(rows),
        "mean": statistics.fmean(walls),
        "stddev": statistics.stdev(walls) if len(walls) > 1 else None,
        "cpu": statistics.fmean(r[1] + r[2] for r in rows),
        "user": statistics.fmean(r[1] for r in rows),
        "sys": statistics.fmean(r[2] for r in rows),
        "rss_mib": max(r[3] for r in rows) / 1024,
        "source": "GNU time",
    }
    hf = results / f"{tool}.hyperfine.json"
    if hf.exists():
        res = json.loads(hf.read_text())["results"][0]
        out["mean"] = res["mean"]
        out["stddev"] = res.get("stddev")
        out["runs"] = len(res.get("times", [])) or out["runs"]
        out["source"] = "hyperfine"
    return out


def findings(results: Path, tool: str) -> dict | None:
    path = results / f"{tool}.json"
    if not path.exists() or path.stat().st_size == 0:
        return None
    data = json.loads(path.read_text())
    if tool == "ruff":
        # A list of diagnostics; syntax errors have no code. Files ruff could not read
        # (not UTF-8) are only reported as "Failed to lint" warnings on stderr.
        codes = Counter(d.get("code") or "syntax-error" for d in data)
        syntax = codes.pop("syntax-error", 0)
        files = {d["filename"] for d in data if d.get("code")}
        stderr = results / "ruff.stderr"
        failed = stderr.read_text().count("Failed to lint") if stderr.exists() else 0
        return {"count": sum(codes.values()), "rules": len(codes), "files": len(files),
                "errors": syntax + failed, "top": codes.most_common(3)}
    if tool == "bandit":
        res = data.get("results", [])
        codes = Counter(r.get("test_id", "?") for r in res)
        return {"count": len(res), "rules": len(codes),
                "files": len({r.get("filename") for r in res}),
                "errors": len(data.get("errors", [])), "top": codes.most_common(3)}
    # moat: accept a top-level list or an object holding the findings under a usual key.
    items, errors = data, []
    if isinstance(data, dict):
        items = next((data[k] for k in ("findings", "results", "diagnostics") if k in data), [])
        errors = data.get("errors", [])
    codes = Counter(
        (i.get("rule") if isinstance(i.get("rule"), str) else (i.get("rule") or {}).get("id"))
        or i.get("rule_id") or i.get("code") or "?"
        for i in items if isinstance(i, dict)
    )
    files = {i.get("file") or i.get("path") or i.get("filename") for i in items if isinstance(i, dict)}
    return {"count": len(items), "rules": len(codes), "files": len(files - {None}),
            "errors": len(errors) if isinstance(errors, list) else errors,
            "top": codes.most_common(3)}


def fmt_secs(s: float) -> str:
    return f"{s:.3f} s" if s < 10 else f"{s:.1f} s"


def render(meta: dict[str, str], results: Path) -> str:
    lines = int(meta["lines"])
    skip_moat = meta.get("skip_moat") == "1"
    versions = {"moat": meta.get("moat") or "—", "moat-all": meta.get("moat") or "—",
                "ruff": meta["ruff"], "bandit": meta["bandit"]}
    commands = {t: meta.get(f"{t}_cmd", "") for t in TOOLS}
    times = {t: timing(results, t) for t in TOOLS}

    out = [
        f"Measured {meta['date']} on {meta['nproc']} cores ({meta['cpu']}), {meta['mem']} RAM, "
        f"{meta['os']}.",
        "",
        f"Corpus: CPython {meta['python']} standard library (without `site-packages`) + "
        f"Django {meta['django']} sdist — **{int(meta['files']):,} `.py` files, "
        f"{lines:,} lines**.",
        "",
        "| tool | version | wall time (mean ± σ) | runs | user + sys CPU | peak RSS | lines/s |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for tool in TOOLS:
        t = times[tool]
        if t is None:
            skip_key = "skip_moat" if tool.startswith("moat") else f"skip_{tool}"
            note = f"not run (`MOAT_BENCH_{skip_key.upper()}=1`)" if meta.get(skip_key) == "1" else "not run"
            out.append(f"| {LABELS[tool]} | {versions[tool]} | {note} | | | | |")
            continue
        sd = f" ± {t['stddev']:.3f}" if t["stddev"] is not None else ""
        out.append(
            f"| {LABELS[tool]} | {versions[tool]} | {t['mean']:.3f}{sd} s | {t['runs']} | "
            f"{fmt_secs(t['cpu'])} ({t['user']:.2f} + {t['sys']:.2f}) | "
            f"{t['rss_mib']:.0f} MiB | {lines / t['mean']:,.0f} |"
        )
    out.append("")
    if times["moat"] and times["ruff"]:
        ratio = times["moat"]["mean"] / times["ruff"]["mean"]
        vs_bandit = ""
        if times["bandit"]:
            vs_bandit = f" (moat / bandit: {times['moat']['mean'] / times['bandit']['mean']:.3f}×)"
        out.append(f"**moat / ruff wall time: {ratio:.2f}×**{vs_bandit}.")
        if times["moat-all"]:
            ratio_all = times["moat-all"]["mean"] / times["ruff"]["mean"]
            out.append("")
            out.append(f"**moat --check-tests / ruff wall time: {ratio_all:.2f}×**: the same "
                       "work as Ruff, every rule on every file. By default most of Moat's rules "
                       "skip test code (README, *Test code*), which is most of this corpus.")
    elif skip_moat:
        out.append("_moat's numbers (and the moat / ruff ratio) are filled in by the next run of "
                   "`bench/run.sh` without `MOAT_BENCH_SKIP_MOAT=1`._")
    out.append("")
    out.append("Commands (run from the repository root):")
    out.append("")
    for tool in TOOLS:
        if commands[tool]:
            out.append(f"- {LABELS[tool]}: `{commands[tool]}`")
    hf = meta.get("hyperfine")
    out.append("")
    out.append(
        f"Wall time from {'hyperfine ' + hf if hf else 'repeated GNU time runs'} "
        f"({meta['warmup']} warm-up + {meta['runs']} runs for moat and ruff, 1 run and no "
        "warm-up for bandit); CPU is the mean user + sys time and RSS the largest peak RSS "
        "over the measured runs, from `/usr/bin/time -f '%e %U %S %M'`."
    )
    noise = []
    for tool in TOOLS:
        load, cpu = results / f"{tool}.load", results / f"{tool}.cpu"
        if not (load.exists() and cpu.exists()):
            continue
        ticks, hz, t0, t1, own = cpu.read_text().split()
        other = max(0.0, int(ticks) / int(hz) - float(own))
        share = other / ((float(t1) - float(t0)) * int(meta["nproc"]))
        noise.append(f"{LABELS[tool]}: load {load.read_text().strip()} before, other processes took "
                     f"{other:.1f} CPU-s ({share:.0%} of the machine) while it ran")
    if noise:
        out.append("")
        out.append("Noise check — " + "; ".join(noise)
                   + ". Numbers measured next to a busy machine are not worth comparing.")
    out.append("")
    out.append("Findings on the same corpus (one extra run each with JSON output). These are "
               "**not comparable one-to-one**: the tools have different rule sets, different "
               "defaults and different ideas of what one finding is; the counts only show that "
               "each tool really looked at the corpus.")
    out.append("")
    out.append("| tool | findings | distinct rules | files with findings | files not analysed / errors | most frequent |")
    out.append("| --- | --- | --- | --- | --- | --- |")
    for tool in TOOLS:
        f = findings(results, tool)
        if f is None:
            out.append(f"| {LABELS[tool]} | — | | | | |")
            continue
        top = ", ".join(f"{c} {n:,}" for c, n in f["top"])
        out.append(f"| {LABELS[tool]} | {f['count']:,} | {f['rules']} | {f['files']:,} | "
                   f"{f['errors']:,} | {top} |")
    return "\n".join(out)


def main() -> None:
    results, readme = Path(sys.argv[1]), Path(sys.argv[2])
    section = render(read_meta(results), results)
    text = readme.read_text() if readme.exists() else ""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        text = f"{head}{START}\n{section}\n{END}{tail}"
    else:
        text = f"{text.rstrip()}\n\n## Results\n\n{START}\n{section}\n{END}\n".lstrip()
    readme.write_text(text)
    print(section)


if __name__ == "__main__":
    main()
