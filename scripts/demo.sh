#!/usr/bin/env bash
# README command 1: installs what is missing, builds, and starts Pantau in demo mode on
# http://localhost:8080 (PORT and the other variables of design.md "Running it" still apply).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

export PANTAU_DEMO=on
# A delegation should see the city move: a 10x time-lapse unless told otherwise.
export PANTAU_DEMO_SPEED="${PANTAU_DEMO_SPEED:-10}"
export PORT="${PORT:-8080}"
echo "demo: starting Pantau on http://localhost:${PORT} (Ctrl+C stops it)"
exec npm start --silent
