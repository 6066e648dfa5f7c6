#!/usr/bin/env bash
# README command 2 (`npm test`): the whole check, as CI runs it (.ci/run).
#   OS programs (redis-server, chromium) and npm packages if missing, then typecheck, eslint,
#   import-cycle check, build, and vitest over all projects (unit, integration, e2e).
# The contract check in ../shared/checks/contract.mjs, when present, runs inside the
# integration suite, so nothing here calls it. After setup, every step runs even when an
# earlier one failed (a lint error should not hide a test result); the exit code is non-zero
# if any failed, and the last line says which.
set -uo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
bash scripts/setup.sh --browser --no-build || { echo "test: FAILED in setup (OS packages or npm ci)" >&2; exit 1; }

# Each step stays under this bound, so a hung test cannot hold CI for ever (CI allows 90 minutes
# for the whole run; a normal run takes about 10 on two cores).
step_limit=${PANTAU_TEST_STEP_LIMIT:-2700}
summary=()
failed=()

step() {
  local name=$1; shift
  local t0=$SECONDS rc=0
  printf '\n==> %s: %s\n' "$name" "$*"
  timeout --foreground -k 15 "$step_limit" "$@" || rc=$?
  local took=$((SECONDS - t0))
  if [ "$rc" -eq 0 ]; then
    summary+=("  ok    ${name} (${took}s)")
  else
    [ "$rc" -eq 124 ] && echo "test: ${name} timed out after ${step_limit}s" >&2
    summary+=("  FAIL  ${name} (${took}s, exit ${rc})")
    failed+=("$name")
  fi
}

# `npm run lint` is eslint + cycles + typecheck; run here as separate steps so each is named
# in the summary and tsc runs once.
step typecheck npm run --silent typecheck
step eslint    env PANTAU_LINT_TYPED=1 npx --no-install eslint .   # with the type-aware rules
step cycles    npm run --silent lint:cycles
step build     npm run --silent build
mkdir -p test/artifacts
rm -f test/artifacts/vitest.json
step vitest    npx --no-install vitest run --reporter=default --reporter=json --outputFile.json=test/artifacts/vitest.json

printf '\n==> summary\n'
printf '%s\n' "${summary[@]}"
total=$((SECONDS - started))
if [ "${#failed[@]}" -eq 0 ]; then
  echo "test: PASSED (typecheck, eslint, cycles, build, vitest) in ${total}s"
else
  echo "test: FAILED: ${failed[*]} (${total}s)"
fi
# The plain closing line CI reads to know how many tests ran: "N passed, N failed".
if [ -f test/artifacts/vitest.json ]; then
  node -e 'const r = require("./test/artifacts/vitest.json"); console.log(`tests: ${r.numPassedTests} passed, ${(r.numFailedTests || 0) + (r.numRuntimeErrorTestSuites || 0)} failed, ${(r.numPendingTests || 0) + (r.numTodoTests || 0)} skipped`)' || true
fi
[ "${#failed[@]}" -eq 0 ]
