#!/usr/bin/env bash
# Gets a fresh clone ready: OS programs (redis-server; chromium too with --browser), npm
# packages when node_modules is missing or older than package-lock.json, then the build.
#   bash scripts/setup.sh [--browser] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

browser=()
build=1
for arg in "$@"; do
  case "$arg" in
    --browser) browser=(--browser) ;;
    --no-build) build=0 ;;
    *) echo "usage: $0 [--browser] [--no-build]" >&2; exit 2 ;;
  esac
done

# package.json asks for Node >= 20.19 (require(esm), used by the toolchain).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup: Node.js 20.19 or newer (with npm) is required: https://nodejs.org/en/download" >&2
  exit 1
fi
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "setup: Node.js $(node -v) is too old; Pantau needs 20.19 or newer." >&2
  exit 1
fi

bash scripts/ensure-os-deps.sh "${browser[@]}"

# npm ci writes node_modules/.package-lock.json; a lock file newer than it means the tree is stale.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$build" = 1 ]; then
  echo "setup: building client and server..."
  npm run --silent build
fi
