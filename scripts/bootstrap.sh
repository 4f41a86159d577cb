#!/usr/bin/env bash
# Install everything Station ERP needs to run and to be tested, once.
#
#   scripts/bootstrap.sh            # idempotent; a second run only checks stamps
#
# - .venv (Python 3.11) with the project installed in editable mode (+ test extras)
# - the tryton-sao 8.0 web client from npm in var/sao-build/node_modules/tryton-sao
#
# Environment: PYTHON (interpreter used to create the venv, default python3.11),
# STATION_VENV (default <repo>/.venv), BOOTSTRAP_FORCE=1 to redo every step.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${STATION_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3.11}"
VAR="$ROOT/var"
SAO_BUILD="$VAR/sao-build"
SAO_DIR="$SAO_BUILD/node_modules/tryton-sao"
FORCE="${BOOTSTRAP_FORCE:-0}"

log() { printf '[bootstrap] %s\n' "$*" >&2; }

mkdir -p "$VAR"

# 1. Virtual environment -----------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
    if ! command -v "$PYTHON" >/dev/null 2>&1; then
        log "$PYTHON not found: install Python 3.11 or set PYTHON=/path/to/python3.11"
        exit 1
    fi
    log "creating virtual environment $VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip setuptools wheel
fi

# 2. Python packages (editable install of the repository) -------------------
# Re-run pip only when pyproject.toml changed (new module entry point,
# new dependency) or the project is not installed.
stamp_pip="$VAR/.bootstrap-pip"
# (the editable finder maps top-level packages found at install time, so a new
# station_* package folder also needs a re-install)
want_pip="$( (cat pyproject.toml; ls -d */__init__.py 2>/dev/null) | sha256sum | cut -d' ' -f1)"
have_pip="$(cat "$stamp_pip" 2>/dev/null || true)"
if [ "$FORCE" = 1 ] || [ "$want_pip" != "$have_pip" ] \
        || ! "$VENV/bin/python" -c "import importlib.metadata as m; m.distribution('station-erp')" \
            >/dev/null 2>&1; then
    log "pip install -e .[test]"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        -e "$ROOT[test]"
    echo "$want_pip" > "$stamp_pip"
fi

# Every module registered in pyproject must be found by trytond's loader.
"$VENV/bin/python" - <<'EOF'
import sys
from importlib.metadata import entry_points
names = sorted({ep.name for ep in entry_points(group='trytond.modules')
    if ep.dist and ep.dist.name == 'station-erp'})
try:
    from trytond.modules import get_module_info, get_modules
    found = get_modules()
except Exception as exc:  # trytond missing or broken install
    sys.exit(f'[bootstrap] cannot list trytond modules: {exc}')
missing = [n for n in names if n not in found]
if missing:
    sys.exit(f'[bootstrap] modules not found by trytond: {missing}')
for name in names:
    try:
        get_module_info(name)
    except Exception as exc:
        print(f'[bootstrap] warning: module {name} not loadable yet: {exc}',
            file=sys.stderr)
EOF

# 3. Web client sao -----------------------------------------------------------
stamp_sao="$VAR/.bootstrap-sao"
if [ "$FORCE" = 1 ] || [ ! -f "$stamp_sao" ] || [ ! -f "$SAO_DIR/index.html" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        log "npm not found: install Node.js >= 18 (apt-get install nodejs npm)"
        exit 1
    fi
    # a built sao of the same spec is kept in the user's cache, shared by
    # the checkouts of the machine (a fresh clone copies it: no npm run)
    SAO_CACHE="${STATION_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/station-erp}/sao-build-8.0-$(node --version 2>/dev/null || echo none)"
    if [ "$FORCE" != 1 ] && [ -f "$SAO_CACHE/node_modules/tryton-sao/index.html" ] \
            && [ -f "$SAO_CACHE/.version" ]; then
        log "copying tryton-sao from $SAO_CACHE"
        rm -rf "$SAO_BUILD"
        mkdir -p "$VAR"
        cp -a "$SAO_CACHE" "$SAO_BUILD"
        cp "$SAO_CACHE/.version" "$stamp_sao"
    fi
fi
if [ "$FORCE" = 1 ] || [ ! -f "$stamp_sao" ] || [ ! -f "$SAO_DIR/index.html" ]; then
    log "installing tryton-sao 8.0 into $SAO_BUILD"
    mkdir -p "$SAO_BUILD"
    [ -f "$SAO_BUILD/package.json" ] \
        || echo '{"name": "station-sao-build", "private": true}' > "$SAO_BUILD/package.json"
    (cd "$SAO_BUILD" && npm install --no-audit --no-fund --loglevel=error \
        'tryton-sao@>=8.0 <8.1')
    log "installing sao's own dependencies"
    (cd "$SAO_DIR" && npm install --omit=dev --legacy-peer-deps --no-audit \
        --no-fund --loglevel=error)
    node -e "console.log(require('$SAO_DIR/package.json').version)" > "$stamp_sao"
    if [ -n "${SAO_CACHE:-}" ]; then
        rm -rf "$SAO_CACHE.tmp.$$"
        mkdir -p "$(dirname "$SAO_CACHE")"
        cp -a "$SAO_BUILD" "$SAO_CACHE.tmp.$$"
        cp "$stamp_sao" "$SAO_CACHE.tmp.$$/.version"
        rm -rf "$SAO_CACHE"
        mv "$SAO_CACHE.tmp.$$" "$SAO_CACHE" || rm -rf "$SAO_CACHE.tmp.$$"
    fi
fi

# complete sao's own zh_CN strings (idempotent, see i18n/sao_zh_CN.po)
"$VENV/bin/python" "$ROOT/scripts/sao_zh.py" "$SAO_DIR" >/dev/null

log "ready: venv $VENV, sao $(cat "$stamp_sao") in $SAO_DIR"
