#!/usr/bin/env bash
# README command 1: installs what is missing, builds, and starts Pantau in demo mode on
# http://localhost:8080 (PORT and the other variables of design.md "Running it" still apply).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

export PANTAU_DEMO=on
# Real time, as the city's own wall would run: the scenarios are paced for it (each shows within
# seconds and rings the queue alarm within a minute), and the presenter speeds it up from the panel.
export PANTAU_DEMO_SPEED="${PANTAU_DEMO_SPEED:-1}"
export PORT="${PORT:-8080}"
# The presenter's controls (scenarios, speed, reset) need a credential, so a visitor at the lobby
# screen cannot reset the show: a random presenter token for this run unless one is given.
if [ -z "${PANTAU_PRESENTER_TOKEN:-}" ]; then
  PANTAU_PRESENTER_TOKEN="presenter-$(node -e 'process.stdout.write(require("node:crypto").randomBytes(12).toString("hex"))')"
  export PANTAU_PRESENTER_TOKEN
fi
echo "demo: starting Pantau on http://localhost:${PORT} (Ctrl+C stops it)"
echo "demo: presenter (scenarios, speed, reset; 'p' shows the panel): http://localhost:${PORT}/?token=${PANTAU_PRESENTER_TOKEN}"
exec npm start --silent
