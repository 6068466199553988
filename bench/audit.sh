#!/usr/bin/env bash
# Benchmark `moat audit`'s two costs against the OSV snapshot in ../shared/advisory-db:
# building the advisory index (`moat db import`, target < 2 s) and auditing 1,000 pinned
# requirements once the index exists (`moat audit`, target < 100 ms). For comparison it
# also times the audit straight from the zip (`--db`), which builds the database in memory.
#
# Usage: bench/audit.sh               (from any directory; safe to run again)
#   MOAT_BIN=/path/to/moat            time that binary instead of building target/release/moat
#   MOAT_BENCH_RUNS=N                 timed runs per command (default 20)
#   MOAT_BENCH_OSV_ZIP=FILE.zip       another OSV export instead of the shared snapshot
#
# Writes the results into bench/README.md between the audit markers; raw hyperfine JSON
# stays in bench/results/audit/ (git-ignored).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
OUT="$BENCH_DIR/results/audit"
RUNS="${MOAT_BENCH_RUNS:-20}"
SNAPSHOT="${MOAT_BENCH_OSV_ZIP:-$REPO_ROOT/../shared/advisory-db/osv-PyPI-2024-10-10.zip}"
PYTHON="${PYTHON:-python3}"
PACKAGES=1000

# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"
cd "$REPO_ROOT"

[ -f "$SNAPSHOT" ] || die "no OSV export at $SNAPSHOT"
SNAPSHOT="$(realpath "$SNAPSHOT")"
if ! command -v hyperfine >/dev/null 2>&1; then
    log "installing hyperfine"
    apt_install hyperfine || die "hyperfine is missing and 'apt-get install hyperfine' failed"
fi

if [ -n "${MOAT_BIN:-}" ]; then
    MOAT="$(realpath "$MOAT_BIN")"
else
    log "building moat (release)"
    cargo build --release --locked -p moat >&2
    MOAT="$REPO_ROOT/target/release/moat"
fi

rm -rf "$OUT"
mkdir -p "$OUT"
export MOAT_CACHE_DIR="$OUT/cache"

# 1,000 pinned requirements: every package the snapshot has advisories for, each at a
# version an advisory lists (drawn with a fixed seed), then packages no advisory mentions,
# as most of a real project's dependencies are.
log "writing $PACKAGES pinned requirements"
"$PYTHON" - "$SNAPSHOT" "$OUT/requirements.txt" "$PACKAGES" <<'PY'
import json, random, sys, zipfile

snapshot, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
versions = {}
with zipfile.ZipFile(snapshot) as z:
    for name in sorted(z.namelist()):
        record = json.loads(z.read(name))
        for affected in record.get("affected", []):
            package = affected.get("package", {})
            if package.get("ecosystem") == "PyPI":
                versions.setdefault(package["name"].lower(), set()).update(affected.get("versions", []))
rng = random.Random(20241010)
lines = [f"{name}=={rng.choice(sorted(v))}" for name, v in sorted(versions.items()) if v][:count]
lines += [f"bench-filler-{i:04d}==1.0.{i}" for i in range(count - len(lines))]
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
print(f"{len(lines)} requirements, {len(lines) - sum(l.startswith('bench-filler') for l in lines)} with advisories", file=sys.stderr)
PY

log "timing db import"
hyperfine --style basic --warmup 2 --runs "$RUNS" --export-json "$OUT/import.json" \
    --command-name "moat db import" "$MOAT db import $SNAPSHOT" >&2
log "timing audit from the index"
# `moat audit` exits 1 when it finds vulnerable pins, which these requirements have.
hyperfine --style basic --warmup 3 --runs "$RUNS" --ignore-failure --export-json "$OUT/audit.json" \
    --command-name "moat audit (index)" "$MOAT audit --format json -o /dev/null $OUT/requirements.txt" >&2
log "timing audit from the zip"
hyperfine --style basic --warmup 2 --runs "$RUNS" --ignore-failure --export-json "$OUT/audit-zip.json" \
    --command-name "moat audit --db zip" "$MOAT audit --db $SNAPSHOT --format json -o /dev/null $OUT/requirements.txt" >&2
"$MOAT" audit --format json -o "$OUT/audit-report.json" "$OUT/requirements.txt" || true

PYTHONPATH="$BENCH_DIR" "$PYTHON" - "$OUT" "$BENCH_DIR/README.md" "$SNAPSHOT" "$("$MOAT" --version)" "$(nproc)" <<'PY'
import datetime, json, os, sys

from readme_section import replace_section

out, readme, snapshot, version, cores = sys.argv[1:6]
def load(name):
    return json.load(open(os.path.join(out, name)))["results"][0]
rows = []
for label, name, target in [
    ("build the index from the zip (`moat db import`)", "import.json", "< 2 s"),
    ("audit 1,000 pins from the index (`moat audit`)", "audit.json", "< 100 ms"),
    ("audit 1,000 pins from the zip (`moat audit --db FILE.zip`)", "audit-zip.json", "—"),
]:
    r = load(name)
    ms = lambda s: f"{s * 1000:.1f} ms"
    rows.append(f"| {label} | {ms(r['mean'])} ± {ms(r['stddev'])} | {ms(r['min'])} | {ms(r['user'] + r['system'])} | {len(r['times'])} | {target} |")
report = json.load(open(os.path.join(out, "audit-report.json")))
summary = report.get("summary", {})
load1 = os.getloadavg()[0]
text = "\n".join([
    f"Measured {datetime.date.today().isoformat()} with {version} on {cores} cores; 1-minute load average {load1:.2f} at the end.",
    "",
    f"Database: `{os.path.basename(snapshot)}` ({os.path.getsize(snapshot) / 1e6:.1f} MB). "
    f"Requirements: 1,000 pins, {summary.get('packages', '?')} vulnerable packages, {summary.get('vulnerabilities', '?')} vulnerabilities reported.",
    "",
    "| step | wall (mean ± σ) | wall (min) | user + sys CPU | runs | target |",
    "| --- | --- | --- | --- | --- | --- |",
    *rows,
])
replace_section(readme, "audit", text)
print(text)
PY
