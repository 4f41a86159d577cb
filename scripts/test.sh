#!/usr/bin/env bash
# Run every Station ERP module's tests (unit tests + rst scenarios).
#
#   scripts/test.sh                          # SQLite (in memory)
#   STATION_TEST_DB_URI=postgresql://postgres@127.0.0.1:5432/ scripts/test.sh
#   scripts/test.sh --postgresql postgresql://postgres@127.0.0.1:5432/
#   scripts/test.sh station                  # one module (also: tests, browser)
#   scripts/test.sh --no-browser             # skip the Chromium tests
#   scripts/test.sh -k scenario_agreement    # only matching tests/scenarios
#
# Last line: "N passed, M failed, K skipped"; exit status 1 on any failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/bootstrap.sh"
VENV="${STATION_VENV:-$ROOT/.venv}"
cd "$ROOT"
exec "$VENV/bin/python" "$ROOT/scripts/run_tests.py" "$@"
