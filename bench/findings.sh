#!/usr/bin/env bash
# Findings per tool and per rule on real code: the CPython standard library (without
# site-packages) and the Django, Flask and requests source releases pinned below.
# Runs moat with its default rules, Bandit's default run (all severities) and Ruff's `S`
# rules, and writes the counts per corpus part into bench/README.md, between the
# `findings` markers.
#
# Usage: bench/findings.sh              (from any directory; safe to run again)
#   MOAT_BIN=/path/to/moat              use that binary instead of building target/debug/moat
#   MOAT_FINDINGS_REUSE=1               only rewrite the README section from the last reports
#
# The corpus goes to bench/corpus-findings/ (git-ignored; rebuilt only when a version
# changes), raw reports to bench/results/findings/ (git-ignored). Bandit takes a few
# minutes on a 2-core machine; moat and Ruff take seconds.
set -euo pipefail

DJANGO_VERSION=5.1.4
FLASK_VERSION=3.1.0
REQUESTS_VERSION=2.32.3

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
CORPUS="$BENCH_DIR/corpus-findings"
OUT="$BENCH_DIR/results/findings"
VENV="$BENCH_DIR/.venv"
PYTHON="${PYTHON:-python3}"
REUSE="${MOAT_FINDINGS_REUSE:-0}"

# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
cd "$REPO_ROOT"

ensure_tool_venv "$VENV"
MOAT="$(debug_moat_bin "$REPO_ROOT")"

# Corpus: one folder per part (stdlib, django, flask, requests), so that every finding's
# path says which part it is in.
STDLIB="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
PY_VERSION="$("$PYTHON" -c 'import platform; print(platform.python_version())')"
STAMP="cpython-$PY_VERSION django-$DJANGO_VERSION flask-$FLASK_VERSION requests-$REQUESTS_VERSION"
if [ ! -f "$CORPUS/.stamp" ] || [ "$(cat "$CORPUS/.stamp")" != "$STAMP" ]; then
    log "building corpus: $STAMP"
    rm -rf "$CORPUS"
    mkdir -p "$CORPUS/stdlib" "$CORPUS/.download"
    tar -C "$STDLIB" --exclude='./site-packages' --exclude='__pycache__' -cf - . \
        | tar -C "$CORPUS/stdlib" -xf -
    for spec in "django==$DJANGO_VERSION" "flask==$FLASK_VERSION" "requests==$REQUESTS_VERSION"; do
        name="${spec%%==*}"
        "$PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps \
            --no-binary :all: --dest "$CORPUS/.download" "$spec"
        sdist="$(find "$CORPUS/.download" -maxdepth 1 -iname "$name-*.tar.gz" | head -n 1)"
        [ -n "$sdist" ] || die "pip download did not produce a $name sdist"
        mkdir -p "$CORPUS/$name"
        tar -C "$CORPUS/$name" --strip-components=1 --no-same-owner -xzf "$sdist"
    done
    rm -rf "$CORPUS/.download"
    echo "$STAMP" > "$CORPUS/.stamp"
fi

if [ "$REUSE" = 1 ] && [ -s "$OUT/moat.json" ] && [ -s "$OUT/ruff.json" ] && [ -s "$OUT/bandit.json" ]; then
    log "reusing the reports in $OUT"
else
    rm -rf "$OUT"
    mkdir -p "$OUT"
    # Every tool runs from the repository root on the same folder. moat and Bandit exit 1 on
    # files they cannot parse (the stdlib has some on purpose); that is a normal run here.
    log "moat (default rules)"
    "$MOAT" check --no-config --exit-zero --format json --output "$OUT/moat.json" bench/corpus-findings \
        || [ $? = 1 ] || die "moat failed"
    log "ruff --select S"
    "$VENV/bin/ruff" check --isolated --select S --no-cache --exit-zero --output-format json \
        bench/corpus-findings > "$OUT/ruff.json"
    log "bandit (default run; takes a few minutes)"
    "$VENV/bin/bandit" -r -q -f json -o "$OUT/bandit.json" bench/corpus-findings 2>"$OUT/bandit.log" \
        || [ $? = 1 ] || die "bandit failed (see $OUT/bandit.log)"
fi

PYTHONPATH="$BENCH_DIR" "$PYTHON" - "$OUT" "$BENCH_DIR/README.md" "$CORPUS" "$("$MOAT" --version)" "$STAMP" \
    "$RUFF_VERSION" "$BANDIT_VERSION" <<'PY'
import collections, datetime, json, os, sys

from readme_section import replace_section

out, readme, corpus, moat_version, stamp, ruff_version, bandit_version = sys.argv[1:8]
PARTS = ["stdlib", "django", "flask", "requests"]
LABELS = {"stdlib": "stdlib", "django": "Django", "flask": "Flask", "requests": "requests"}

def part_of(path):
    """The corpus part a reported path lies in ("bench/corpus-findings/<part>/...")."""
    parts = os.path.normpath(path).split(os.sep)
    if "corpus-findings" in parts:
        i = parts.index("corpus-findings")
        if i + 1 < len(parts) and parts[i + 1] in PARTS:
            return parts[i + 1]
    raise SystemExit(f"finding outside the corpus parts: {path}")

def load(name):
    return json.load(open(os.path.join(out, name)))

def ruff_error(r):
    """Ruff reports files it cannot parse as `invalid-syntax` diagnostics, not findings."""
    return r.get("code") in (None, "invalid-syntax")

moat_report, bandit_report, ruff = load("moat.json"), load("bandit.json"), load("ruff.json")
moat, bandit = moat_report["findings"], bandit_report["results"]
not_analysed = {
    "moat": len(moat_report["errors"]),
    "bandit": len(bandit_report["errors"]),
    "ruff": len({r["filename"] for r in ruff if ruff_error(r)}),
}
tools = {
    "moat": [(part_of(f["file"]), f["rule"]) for f in moat],
    "bandit": [(part_of(r["filename"]), r["test_id"]) for r in bandit],
    "ruff": [(part_of(r["filename"]), r["code"]) for r in ruff if not ruff_error(r)],
}
def is_test_path(path):
    """Test code by its path, as Moat's `is_test_path` decides it (most moat rules skip it)."""
    *dirs, name = path.split("/")
    stem = name.removesuffix(".pyi").removesuffix(".py")
    return (stem.startswith("test_") or stem.endswith("_test") or stem in ("tests", "conftest")
            or any(d in ("test", "tests", "testing") or d.startswith("test_")
                   or d.endswith("_test") or d.endswith("_tests") for d in dirs))

# Bandit and Ruff check test code with every rule; moat's default does not (README, "Test
# code"), so their findings outside test code are counted too.
outside_tests = {
    "bandit, outside test code": [(part_of(r["filename"]), r["test_id"]) for r in bandit
                                  if not is_test_path(r["filename"])],
    "ruff, outside test code": [(part_of(r["filename"]), r["code"]) for r in ruff
                                if not ruff_error(r) and not is_test_path(r["filename"])],
}
# Ruff's S rules have no severity; moat's and Bandit's medium-or-higher findings are
# compared on their own.
serious = {
    "moat (medium, high, critical)": [(part_of(f["file"]), f["rule"]) for f in moat
                                      if f["severity"] in ("medium", "high", "critical")],
    "bandit (medium, high)": [(part_of(r["filename"]), r["test_id"]) for r in bandit
                              if r["issue_severity"] in ("MEDIUM", "HIGH")],
}

def corpus_size(part):
    """The number of `.py` files and their lines in one corpus part."""
    files = lines = 0
    for root, _, names in os.walk(os.path.join(corpus, part)):
        for name in names:
            if name.endswith(".py"):
                files += 1
                with open(os.path.join(root, name), "rb") as f:
                    lines += f.read().count(b"\n")
    return files, lines
sizes = {p: corpus_size(p) for p in PARTS}

def corpus_label(stamp):
    """`cpython-3.11.7 django-5.1.4 …` as a sentence."""
    names = {"cpython": "the CPython {} standard library (without `site-packages`)",
             "django": "Django {}", "flask": "Flask {}", "requests": "requests {}"}
    parts = [names[name].format(version) for name, version in (p.split("-", 1) for p in stamp.split())]
    return ", ".join(parts[:-1]) + " and " + parts[-1] + " (source releases: code, tests and docs)"

def n(x):
    return f"{x:,}"

def count_table(rows, with_sizes):
    """Per part and total, for each tool's (part, rule) pairs; first the corpus sizes."""
    lines = ["| tool | " + " | ".join(LABELS[p] for p in PARTS) + " | total |",
             "| --- | " + " | ".join("---:" for _ in PARTS) + " | ---: |"]
    if with_sizes:
        lines += ["| *`.py` files* | " + " | ".join(n(sizes[p][0]) for p in PARTS)
                  + f" | *{n(sum(s[0] for s in sizes.values()))}* |",
                  "| *lines* | " + " | ".join(n(sizes[p][1]) for p in PARTS)
                  + f" | *{n(sum(s[1] for s in sizes.values()))}* |"]
    for tool, found in rows.items():
        per = collections.Counter(p for p, _ in found)
        lines.append(f"| {tool} | " + " | ".join(n(per[p]) for p in PARTS) + f" | **{n(len(found))}** |")
    return lines

def rule_table(tool, found):
    per = collections.defaultdict(collections.Counter)
    for p, rule in found:
        per[rule][p] += 1
    rules = sorted(per, key=lambda r: (-sum(per[r].values()), r))
    lines = [f"| {tool} rule | " + " | ".join(LABELS[p] for p in PARTS) + " | total |",
             "| --- | " + " | ".join("---:" for _ in PARTS) + " | ---: |"]
    for r in rules:
        lines.append(f"| `{r}` | " + " | ".join(n(per[r][p]) if per[r][p] else "" for p in PARTS)
                     + f" | {n(sum(per[r].values()))} |")
    return lines

text = [
    f"Measured {datetime.date.today().isoformat()} with {moat_version}, Bandit {bandit_version}, Ruff {ruff_version}.",
    "",
    f"Corpus (`bench/corpus-findings/`): {corpus_label(stamp)}.",
    "",
    "Commands (from the repository root): "
    "`moat check --no-config --exit-zero --format json bench/corpus-findings` (default rules); "
    "`bandit -r -f json bench/corpus-findings` (default run, every severity and confidence); "
    "`ruff check --isolated --select S --output-format json bench/corpus-findings`.",
    "",
    "### Findings per tool",
    "",
    *count_table(tools, with_sizes=True),
    *count_table(outside_tests, with_sizes=False)[2:],
    "",
    "Files a tool could not analyse (syntax errors, undecodable or binary files; the stdlib "
    "tests hold some on purpose), not counted above: "
    + ", ".join(f"{tool} {n(count)}" for tool, count in not_analysed.items()) + ".",
    "",
    "Of medium severity or higher (Ruff's findings have no severity):",
    "",
    *count_table(serious, with_sizes=False),
]
for tool, found in tools.items():
    text += ["", f"### {tool}: findings per rule", "", *rule_table(tool, found)]
text = "\n".join(text)

replace_section(readme, "findings", text)
print(text)
PY
