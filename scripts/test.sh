#!/usr/bin/env bash
# README command 2 (`npm test`): the whole check, as CI runs it (.ci/run).
#   OS programs (redis-server, chromium) and npm packages if missing, then typecheck, eslint,
#   import-cycle check, build, vitest over all projects (unit, integration, e2e) with the default
#   city, then the e2e project again with Kota Bandung (PANTAU_TEST_CITY=kota-bandung).
# The contract check in ../shared/checks/contract.mjs, when present, runs inside the
# integration suite, so nothing here calls it. After setup, every step runs even when an
# earlier one failed (a lint error should not hide a test result); the exit code is non-zero
# if any failed, and the last line says which.
set -uo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
bash scripts/setup.sh --browser --no-build || { echo "test: FAILED in setup (OS packages or npm ci)" >&2; exit 1; }

# Each step stays under this bound, so a hung test cannot hold CI for ever (CI allows 90 minutes
# for the whole run; a normal run takes about 13 on two cores, 3 of them the second e2e run).
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
# The end-to-end suite once more against the second bundled city (issue 5: "run the end-to-end
# suite against both profiles"): the tests take names, codes and points from the profile under
# test (test/support/test-city-data.ts); screenshots go to test/artifacts/kota-bandung/.
mkdir -p test/artifacts/kota-bandung
rm -f test/artifacts/kota-bandung/vitest.json
step e2e-kota-bandung env PANTAU_TEST_CITY=kota-bandung npx --no-install vitest run --project e2e --reporter=default --reporter=json --outputFile.json=test/artifacts/kota-bandung/vitest.json

printf '\n==> summary\n'
printf '%s\n' "${summary[@]}"
total=$((SECONDS - started))
if [ "${#failed[@]}" -eq 0 ]; then
  echo "test: PASSED (typecheck, eslint, cycles, build, vitest, e2e-kota-bandung) in ${total}s"
else
  echo "test: FAILED: ${failed[*]} (${total}s)"
fi
# The plain closing line CI reads to know how many tests ran: "N passed, N failed", summed over
# both vitest runs (all projects with Kota Tangerang, then e2e with Kota Bandung).
if [ -f test/artifacts/vitest.json ]; then
  node -e '
    const fs = require("node:fs");
    let passed = 0, failed = 0, skipped = 0;
    const names = [];
    for (const file of process.argv.slice(1)) {
      if (!fs.existsSync(file)) continue;
      const r = JSON.parse(fs.readFileSync(file, "utf8"));
      passed += r.numPassedTests || 0;
      failed += (r.numFailedTests || 0) + (r.numRuntimeErrorTestSuites || 0);
      skipped += (r.numPendingTests || 0) + (r.numTodoTests || 0);
      for (const f of r.testResults || []) {
        const where = f.name.replace(process.cwd() + "/", "");
        const bad = (f.assertionResults || []).filter((a) => a.status === "failed");
        if (bad.length === 0 && f.status === "failed") names.push(`${where}: ${String(f.message || "failed to run").split("\n")[0]}`);
        for (const a of bad) names.push(`${where} > ${a.fullName}: ${String((a.failureMessages || [""])[0]).split("\n")[0].slice(0, 300)}`);
      }
    }
    // CI shows only the end of the output: name what failed here, so it is not scrolled away.
    for (const n of names.slice(0, 20)) console.log(`failed: ${n}`);
    console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  ' test/artifacts/vitest.json test/artifacts/kota-bandung/vitest.json || true
fi
[ "${#failed[@]}" -eq 0 ]
