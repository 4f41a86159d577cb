#!/usr/bin/env bash
# Build the Station ERP demo (SQLite) and serve it with the web client.
#
#   scripts/demo.sh              # build (or update) var/db/station_demo.sqlite, serve
#   scripts/demo.sh --no-serve   # only build
#   scripts/demo.sh --reset      # drop the demo database first
#
# Environment: STATION_DEMO_DB (default station_demo), STATION_DEMO_LISTEN
# (default 127.0.0.1:8000), STATION_DEMO_DB_DIR (default var/db),
# STATION_DEMO_CONF (default var/trytond.conf), TRYTONPASSFILE (file holding the admin password;
# default: var/admin-password containing "admin", demo only).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SERVE=1
RESET=0
for arg in "$@"; do
    case "$arg" in
        --no-serve) SERVE=0 ;;
        --reset) RESET=1 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "unknown option: $arg" >&2; exit 2 ;;
    esac
done

"$ROOT/scripts/bootstrap.sh"
VENV="${STATION_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
DB="${STATION_DEMO_DB:-station_demo}"
LISTEN="${STATION_DEMO_LISTEN:-127.0.0.1:8000}"
VAR="$ROOT/var"
CONF="${STATION_DEMO_CONF:-$VAR/trytond.conf}"
DBDIR="${STATION_DEMO_DB_DIR:-$VAR/db}"
SAO_DIR="$VAR/sao-build/node_modules/tryton-sao"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
unset TRYTOND_DATABASE_URI

mkdir -p "$DBDIR"
cat > "$CONF" <<EOF
# Written by scripts/demo.sh: the demo configuration (SQLite, local only)
[database]
uri = sqlite://
path = $DBDIR
language = en

[web]
listen = $LISTEN
root = $SAO_DIR

[session]
# the demo never expires a session during a presentation
max_age = 86400
EOF

if [ "$RESET" = 1 ]; then
    rm -f "$DBDIR/$DB.sqlite" "$DBDIR/.demo-$DB"
fi

if [ -z "${TRYTONPASSFILE:-}" ]; then
    if [ ! -f "$VAR/admin-password" ]; then
        echo admin > "$VAR/admin-password"
        chmod 600 "$VAR/admin-password"
    fi
    export TRYTONPASSFILE="$VAR/admin-password"
fi

# Every module registered in pyproject's trytond.modules entry points
mapfile -t MODULES < <("$PY" - <<'EOF'
from importlib.metadata import entry_points
# ours only: trytond-admin --activate-dependencies adds the core ones
for name in sorted({ep.name for ep in entry_points(group='trytond.modules')
        if ep.dist and ep.dist.name == 'station-erp'}):
    print(name)
EOF
)
if [ "${#MODULES[@]}" -eq 0 ]; then
    echo "no module registered in pyproject.toml" >&2
    exit 1
fi

# trytond-admin activates/updates the modules; skipped when neither the
# modules' sources nor the module list changed since the last build.
stamp="$DBDIR/.demo-$DB"
want="$( (printf '%s\n' "${MODULES[@]}"; cat pyproject.toml; \
    find addons station_* -type f \( -name '*.py' -o -name '*.xml' \
        -o -name '*.cfg' -o -name '*.po' \) -not -path '*/tests/*' \
        -print0 2>/dev/null | sort -z | xargs -0 cat 2>/dev/null) \
    | sha256sum | cut -d' ' -f1)"
if [ ! -f "$DBDIR/$DB.sqlite" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    if [ ! -f "$DBDIR/$DB.sqlite" ]; then
        echo "[demo] creating database $DB (${MODULES[*]})" >&2
        touch "$DBDIR/$DB.sqlite"
        ALL=()
    else
        echo "[demo] updating database $DB (${MODULES[*]})" >&2
        ALL=(--all)
    fi
    rm -f "$stamp"
    # the empty line answers trytond-admin's "admin email" question
    if ! printf '\n' | PYTHONOPTIMIZE=1 "$VENV/bin/trytond-admin" -c "$CONF" -d "$DB" \
            "${ALL[@]}" --activate-dependencies -l zh_CN \
            -u "${MODULES[@]}"; then
        # never leave a half-created database behind
        [ "${#ALL[@]}" -eq 0 ] && rm -f "$DBDIR/$DB.sqlite"
        echo "[demo] trytond-admin failed" >&2
        exit 1
    fi
fi

echo "[demo] loading demo data" >&2
PYTHONOPTIMIZE=1 "$PY" -m data.demo --database "$DB" --config "$CONF"
echo "$want" > "$stamp"

echo
echo "Station ERP demo: http://$LISTEN/  (database: $DB)"
echo "Administrator: admin / $( [ "$TRYTONPASSFILE" = "$VAR/admin-password" ] && cat "$TRYTONPASSFILE" || echo '(from $TRYTONPASSFILE)')"
"$PY" -m data.demo --print-logins
echo

if [ "$SERVE" = 1 ]; then
    echo "[demo] serving on http://$LISTEN/ (Ctrl-C to stop)" >&2
    # -d loads the database's pool at start-up: trytond 8.0.12 started
    # without it answers the first login with KeyError 'res.user'
    PYTHONOPTIMIZE=1 exec "$VENV/bin/trytond" -c "$CONF" -d "$DB"
fi
