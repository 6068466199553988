# Shared by the bench scripts: logging and the system tools they time with.
# Source it after setting `set -euo pipefail`.

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

APT_UPDATED=0
# apt_install PACKAGE… — installs Debian packages (as root or through sudo); fails quietly.
apt_install() {
    command -v apt-get >/dev/null 2>&1 || return 1
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 || return 1
        sudo="sudo"
    fi
    if [ "$APT_UPDATED" = 0 ]; then
        $sudo apt-get update -qq >/dev/null 2>&1 || return 1
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null 2>&1
}

# The versions of the tools Moat is compared with.
RUFF_VERSION=0.17.6
BANDIT_VERSION=1.9.4

# ensure_tool_venv DIR — a virtualenv in DIR with exactly the pinned ruff and bandit,
# created (or re-created) when it is missing or holds other versions. Uses $PYTHON.
ensure_tool_venv() {
    local venv="$1"
    venv_ok() {
        [ -x "$venv/bin/ruff" ] && [ -x "$venv/bin/bandit" ] || return 1
        [ "$("$venv/bin/ruff" --version)" = "ruff $RUFF_VERSION" ] || return 1
        "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('bandit') != '$BANDIT_VERSION')"
    }
    if ! venv_ok; then
        log "creating $venv with ruff==$RUFF_VERSION bandit==$BANDIT_VERSION"
        rm -rf "$venv"
        "${PYTHON:-python3}" -m venv "$venv"
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            "ruff==$RUFF_VERSION" "bandit==$BANDIT_VERSION"
        venv_ok || die "ruff/bandit in $venv do not have the pinned versions"
    fi
}

# debug_moat_bin ROOT — prints the moat binary to use: $MOAT_BIN when set, else a debug
# build made in ROOT (the repository root).
debug_moat_bin() {
    if [ -n "${MOAT_BIN:-}" ]; then
        realpath "$MOAT_BIN"
    else
        log "building moat"
        cargo build --locked -p moat >&2
        echo "$1/target/debug/moat"
    fi
}
