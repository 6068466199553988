#!/usr/bin/env bash
# Bandit parity: runs Bandit and `moat check --select ALL` on the examples/ folder of
# Bandit's own source release (one or more files per Bandit check) and lists
#   - every Bandit finding of medium or high severity that moat does not report on one of
#     its lines, and
#   - every moat finding on a line where Bandit reports nothing.
# Each remaining difference is explained in docs/bandit-differences.md.
#
# Usage: bench/bandit-parity.sh        (from any directory; safe to run again)
#   MOAT_BIN=/path/to/moat             use that binary instead of building target/debug/moat
#
# Writes bench/results/bandit-parity/{bandit.json,moat.json,differences.txt} (git-ignored)
# and prints the differences; exits 0 whatever they are.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/results/bandit-parity"
VENV="$BENCH_DIR/.venv"
PYTHON="${PYTHON:-python3}"

# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
cd "$REPO_ROOT"

ensure_tool_venv "$VENV"
MOAT="$(debug_moat_bin "$REPO_ROOT")"

rm -rf "$OUT"
mkdir -p "$OUT/sdist"
log "fetching Bandit $BANDIT_VERSION's source release"
"$VENV/bin/python" -m pip download --quiet --disable-pip-version-check --no-deps \
    --no-binary :all: --dest "$OUT/sdist" "bandit==$BANDIT_VERSION"
sdist="$(find "$OUT/sdist" -maxdepth 1 -name 'bandit-*.tar.gz' | head -n 1)"
[ -n "$sdist" ] || die "pip download did not produce a Bandit sdist"
tar -C "$OUT/sdist" --no-same-owner -xzf "$sdist"
EXAMPLES="$(find "$OUT/sdist" -maxdepth 2 -type d -name examples | head -n 1)"
[ -n "$EXAMPLES" ] || die "the Bandit sdist has no examples/ folder"

log "running bandit and moat on $EXAMPLES"
(cd "$EXAMPLES" && "$VENV/bin/bandit" -r -q -f json -o "$OUT/bandit.json" . 2>"$OUT/bandit.log" || true)
(cd "$EXAMPLES" && "$MOAT" check --no-config --select ALL --exit-zero --format json \
    --output "$OUT/moat.json" . || true)

"$PYTHON" - "$OUT" <<'PY'
import collections, json, os, sys

out = sys.argv[1]
bandit = json.load(open(os.path.join(out, "bandit.json")))["results"]
moat = json.load(open(os.path.join(out, "moat.json")))["findings"]

def norm(path):
    return os.path.normpath(path).removeprefix("./")

moat_lines = collections.defaultdict(set)   # file -> lines with a moat finding
for f in moat:
    moat_lines[norm(f["file"])].update(range(f["line"], f["end_line"] + 1))
bandit_lines = collections.defaultdict(set)
for r in bandit:
    lines = r.get("line_range") or [r["line_number"]]
    bandit_lines[norm(r["filename"])].update(lines)

missed = []
for r in bandit:
    if r["issue_severity"] not in ("MEDIUM", "HIGH"):
        continue
    lines = set(r.get("line_range") or [r["line_number"]])
    if not lines & moat_lines[norm(r["filename"])]:
        missed.append((norm(r["filename"]), r["line_number"], r["test_id"], r["issue_severity"], r["issue_text"]))
extra = []
for f in moat:
    lines = set(range(f["line"], f["end_line"] + 1))
    if not lines & bandit_lines[norm(f["file"])]:
        extra.append((norm(f["file"]), f["line"], f["rule"], f["severity"], f["message"]))

report = []
report.append(f"Bandit findings: {len(bandit)} ({sum(r['issue_severity'] in ('MEDIUM', 'HIGH') for r in bandit)} medium or high); moat findings: {len(moat)}")
report.append("")
report.append(f"Bandit medium/high findings moat does not report on the same line: {len(missed)}")
by_test = collections.Counter(m[2] for m in missed)
report.append("  by Bandit test: " + (", ".join(f"{t} {n}" for t, n in sorted(by_test.items())) or "none"))
for m in sorted(missed):
    report.append(f"  {m[0]}:{m[1]}  {m[2]} ({m[3].lower()})  {m[4]}")
report.append("")
report.append(f"moat findings on lines where Bandit reports nothing: {len(extra)}")
by_rule = collections.Counter(e[2] for e in extra)
report.append("  by moat rule: " + (", ".join(f"{r} {n}" for r, n in sorted(by_rule.items())) or "none"))
for e in sorted(extra):
    report.append(f"  {e[0]}:{e[1]}  {e[2]} ({e[3]})  {e[4]}")
text = "\n".join(report) + "\n"
open(os.path.join(out, "differences.txt"), "w").write(text)
print(text)
PY
