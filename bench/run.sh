#!/usr/bin/env bash
# Benchmark moat against ruff (S rules) and bandit on one fixed corpus:
# the local CPython standard library plus a pinned Django source release.
#
# Usage: bench/run.sh            (from any directory; safe to run again)
#   MOAT_BENCH_SKIP_MOAT=1 bench/run.sh   skip building and timing moat
#   MOAT_BENCH_RUNS=N                     timed runs for moat and ruff (default 5)
#   MOAT_BENCH_SKIP_BANDIT=1              skip bandit (it takes minutes)
#   MOAT_BENCH_NO_HYPERFINE=1             time with repeated /usr/bin/time runs only
#   MOAT_BIN=/path/to/moat                time that binary instead of building one
#   MOAT_BENCH_WAIT_IDLE=SECONDS          before each tool, wait up to SECONDS for the
#                                         1-minute load average to drop below 0.5
#
# Writes the results into bench/README.md between the results markers, and keeps
# the raw measurements in bench/results/ (git-ignored).
set -euo pipefail

# ---------------------------------------------------------------------------
# Pinned versions and the command lines that are timed. All commands run with
# the repository root as working directory, so the paths below are relative.
# ---------------------------------------------------------------------------
# (Ruff's and Bandit's versions are pinned in bench/lib.sh, shared with the other scripts.)
DJANGO_VERSION=5.1.4

# The moat command line. `@OUT@` is replaced by the output file: /dev/null when
# timing, a JSON file when counting findings. Change flags here only.
# MOAT_BIN=/path/to/moat uses that binary instead of building target/release/moat.
MOAT_BIN="${MOAT_BIN:-}"
[ -z "$MOAT_BIN" ] || MOAT_BIN="$(realpath "$MOAT_BIN")"
MOAT_CMD="${MOAT_BIN:-target/release/moat} check --exit-zero --format json --output @OUT@ bench/corpus"
# The same with every rule on test code too (by default most rules skip it): the run that
# does the same work as Ruff, which checks every file with every selected rule.
MOAT_ALL_CMD="${MOAT_BIN:-target/release/moat} check --check-tests --exit-zero --format json --output @OUT@ bench/corpus"
RUFF_CMD='bench/.venv/bin/ruff check --isolated --select S --no-cache --exit-zero --quiet bench/corpus'
RUFF_FINDINGS_CMD='bench/.venv/bin/ruff check --isolated --select S --no-cache --exit-zero --output-format json bench/corpus'
BANDIT_CMD='bench/.venv/bin/bandit -r -q bench/corpus'
BANDIT_FINDINGS_CMD='bench/.venv/bin/bandit -r -q -f json -o @OUT@ bench/corpus'

RUNS="${MOAT_BENCH_RUNS:-5}"
WARMUP=1
SKIP_MOAT="${MOAT_BENCH_SKIP_MOAT:-0}"
SKIP_BANDIT="${MOAT_BENCH_SKIP_BANDIT:-0}"
NO_HYPERFINE="${MOAT_BENCH_NO_HYPERFINE:-0}"
WAIT_IDLE="${MOAT_BENCH_WAIT_IDLE:-0}"

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
CORPUS="$BENCH_DIR/corpus"
VENV="$BENCH_DIR/.venv"
RESULTS="$BENCH_DIR/results"
PYTHON="${PYTHON:-python3}"

# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

cd "$REPO_ROOT"

# ---------------------------------------------------------------------------
# System tools: GNU time (CPU, peak RSS) and hyperfine (wall time statistics).
# ---------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
    log "installing GNU time"
    apt_install time || die "/usr/bin/time is missing and 'apt-get install time' failed"
fi
if [ "$NO_HYPERFINE" != 1 ] && ! command -v hyperfine >/dev/null 2>&1; then
    log "installing hyperfine"
    apt_install hyperfine || log "hyperfine unavailable: falling back to repeated /usr/bin/time runs"
fi
HAVE_HYPERFINE=0
if [ "$NO_HYPERFINE" != 1 ] && command -v hyperfine >/dev/null 2>&1; then
    HAVE_HYPERFINE=1
fi

# ---------------------------------------------------------------------------
# Corpus: CPython stdlib (minus site-packages) + Django sdist. Rebuilt only when
# the stamp does not match (different Python or Django version, or incomplete).
# ---------------------------------------------------------------------------
STDLIB="$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')"
PY_VERSION="$("$PYTHON" -c 'import platform; print(platform.python_version())')"
STAMP="cpython-$PY_VERSION django-$DJANGO_VERSION"

if [ ! -f "$CORPUS/.stamp" ] || [ "$(cat "$CORPUS/.stamp")" != "$STAMP" ]; then
    log "building corpus: $STAMP"
    rm -rf "$CORPUS"
    mkdir -p "$CORPUS/cpython-$PY_VERSION"
    # Copy the stdlib without site-packages and bytecode caches.
    tar -C "$STDLIB" --exclude='./site-packages' --exclude='__pycache__' -cf - . \
        | tar -C "$CORPUS/cpython-$PY_VERSION" -xf -

    dl="$(mktemp -d)"
    trap 'rm -rf "$dl"' EXIT
    "$PYTHON" -m pip download --quiet --disable-pip-version-check --no-deps \
        --no-binary :all: --dest "$dl" "django==$DJANGO_VERSION"
    sdist="$(find "$dl" -maxdepth 1 -iname 'django-*.tar.gz' | head -n 1)"
    [ -n "$sdist" ] || die "pip download did not produce a Django sdist"
    tar -C "$CORPUS" --no-same-owner -xzf "$sdist"
    rm -rf "$dl"
    trap - EXIT
    echo "$STAMP" > "$CORPUS/.stamp"
fi
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# Count the .py files and their lines (what every tool is pointed at).
PY_FILES="$(find "$CORPUS" -name '*.py' -type f | wc -l | tr -d ' ')"
PY_LINES="$(find "$CORPUS" -name '*.py' -type f -print0 | xargs -0 cat | wc -l | tr -d ' ')"
log "corpus: $PY_FILES .py files, $PY_LINES lines"

# ---------------------------------------------------------------------------
# Virtualenv with pinned ruff and bandit.
# ---------------------------------------------------------------------------
ensure_tool_venv "$VENV"

# ---------------------------------------------------------------------------
# moat: build it (unless skipped).
# ---------------------------------------------------------------------------
if [ "$SKIP_MOAT" = 1 ]; then
    log "MOAT_BENCH_SKIP_MOAT=1: not building or timing moat"
elif [ -n "$MOAT_BIN" ]; then
    [ -x "$MOAT_BIN" ] || die "MOAT_BIN=$MOAT_BIN is not an executable"
    log "using prebuilt $MOAT_BIN"
else
    log "cargo build --release"
    cargo build --release --quiet
    [ -x target/release/moat ] || die "cargo build --release did not produce target/release/moat"
fi

# ---------------------------------------------------------------------------
# Timing. Each timed command is wrapped in GNU time, which appends
# "wall user sys maxrss_kb" per run to $RESULTS/<tool>.time; hyperfine (when
# present) measures wall time with its own statistics on top.
# ---------------------------------------------------------------------------
cpu_busy_ticks() { # CPU time used by all processes on the machine so far, in clock ticks
    awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}

bench_tool() { # name warmup runs ok_status command
    # ok_status: the highest exit status that still counts as a normal run
    # (bandit exits 1 when it finds issues, moat when some files could not be analysed).
    local name="$1" warmup="$2" runs="$3" ok_status="$4" cmd="$5"
    local tfile="$RESULTS/$name.time"
    rm -f "$tfile" "$RESULTS/$name.hyperfine.json"
    # Other work on the machine skews every number: record the load, warn when busy.
    local load waited=0
    load="$(cut -d' ' -f1 /proc/loadavg)"
    while [ "$waited" -lt "$WAIT_IDLE" ] && awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; do
        [ "$waited" = 0 ] && log "load average $load: waiting up to ${WAIT_IDLE}s for the machine to go idle"
        sleep 10
        waited=$((waited + 10))
        load="$(cut -d' ' -f1 /proc/loadavg)"
    done
    echo "$load" > "$RESULTS/$name.load"
    if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
        log "warning: load average is $load before timing $name; results will be noisy"
    fi
    local wrapped="/usr/bin/time -a -o '$tfile' -f '%e %U %S %M' $cmd"
    if [ "$ok_status" -gt 0 ]; then
        wrapped="$wrapped || [ \$? -le $ok_status ]"
    fi
    log "timing $name ($warmup warm-up, $runs runs): $cmd"
    local busy0 t0
    busy0="$(cpu_busy_ticks)"
    t0="$(date +%s.%N)"
    if [ "$HAVE_HYPERFINE" = 1 ]; then
        hyperfine --style basic --warmup "$warmup" --runs "$runs" \
            --command-name "$name" --export-json "$RESULTS/$name.hyperfine.json" \
            "$wrapped" >&2
    else
        local i
        for ((i = 0; i < warmup + runs; i++)); do
            bash -c "$wrapped" >/dev/null 2>&1 || die "$name failed: $cmd"
        done
    fi
    # CPU used on the whole machine while timing vs by the tool itself (warm-up
    # included): the difference is what other processes took.
    local own
    own="$(awk 'NF == 4 && $1 ~ /^[0-9.]+$/ { s += $2 + $3 } END { printf "%.2f", s }' "$tfile")"
    echo "$(( $(cpu_busy_ticks) - busy0 )) $(getconf CLK_TCK) $t0 $(date +%s.%N) $own" \
        > "$RESULTS/$name.cpu"
    # Keep only the measured runs: drop GNU time's "exited with non-zero status"
    # lines, then the warm-up runs.
    awk 'NF == 4 && $1 ~ /^[0-9.]+$/' "$tfile" | tail -n "$runs" > "$tfile.tmp"
    mv "$tfile.tmp" "$tfile"
}

if [ "$SKIP_MOAT" != 1 ]; then
    bench_tool moat "$WARMUP" "$RUNS" 1 "${MOAT_CMD//@OUT@//dev/null}"
    bench_tool moat-all "$WARMUP" "$RUNS" 1 "${MOAT_ALL_CMD//@OUT@//dev/null}"
fi
bench_tool ruff "$WARMUP" "$RUNS" 0 "$RUFF_CMD"
if [ "$SKIP_BANDIT" != 1 ]; then
    bench_tool bandit 0 1 1 "$BANDIT_CMD"
fi

# ---------------------------------------------------------------------------
# Findings (one untimed run each, JSON output).
# ---------------------------------------------------------------------------
log "counting findings"
if [ "$SKIP_MOAT" != 1 ]; then
    # Exit status 1 means some files could not be analysed (they are in "errors").
    bash -c "${MOAT_CMD//@OUT@/$RESULTS/moat.json} || [ \$? -le 1 ]" >/dev/null 2>"$RESULTS/moat.stderr" \
        || die "moat failed while counting findings (see $RESULTS/moat.stderr)"
    bash -c "${MOAT_ALL_CMD//@OUT@/$RESULTS/moat-all.json} || [ \$? -le 1 ]" >/dev/null 2>"$RESULTS/moat-all.stderr" \
        || die "moat --check-tests failed while counting findings (see $RESULTS/moat-all.stderr)"
fi
bash -c "$RUFF_FINDINGS_CMD" >"$RESULTS/ruff.json" 2>"$RESULTS/ruff.stderr"
if [ "$SKIP_BANDIT" != 1 ]; then
    bash -c "${BANDIT_FINDINGS_CMD//@OUT@/$RESULTS/bandit.json}" >/dev/null 2>"$RESULTS/bandit.stderr" || true
    [ -s "$RESULTS/bandit.json" ] || die "bandit wrote no JSON report (see $RESULTS/bandit.stderr)"
fi

# ---------------------------------------------------------------------------
# Versions, machine, and the README table.
# ---------------------------------------------------------------------------
{
    echo "ruff=$("$VENV/bin/ruff" --version | awk '{print $2}')"
    echo "bandit=$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("bandit"))')"
    echo "python=$PY_VERSION"
    echo "django=$DJANGO_VERSION"
    if [ "$HAVE_HYPERFINE" = 1 ]; then
        echo "hyperfine=$(hyperfine --version | awk '{print $2}')"
    fi
    if [ "$SKIP_MOAT" != 1 ]; then
        echo "moat=$("${MOAT_BIN:-target/release/moat}" --version 2>/dev/null | head -n 1 | awk '{print $NF}' || true)"
        echo "moat_cmd=${MOAT_CMD//@OUT@//dev/null}"
        echo "moat-all_cmd=${MOAT_ALL_CMD//@OUT@//dev/null}"
    fi
    echo "ruff_cmd=$RUFF_CMD"
    echo "bandit_cmd=$BANDIT_CMD"
    echo "files=$PY_FILES"
    echo "lines=$PY_LINES"
    echo "nproc=$(nproc)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
    # shellcheck source=/dev/null
    echo "os=$(. /etc/os-release && echo "$PRETTY_NAME")"
    echo "date=$(date -u +%Y-%m-%d)"
    echo "runs=$RUNS"
    echo "warmup=$WARMUP"
    echo "skip_moat=$SKIP_MOAT"
    echo "skip_bandit=$SKIP_BANDIT"
} > "$RESULTS/meta.env"

"$PYTHON" "$BENCH_DIR/report.py" "$RESULTS" "$BENCH_DIR/README.md"
log "results written to bench/README.md"
