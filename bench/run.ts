// `npm run bench [-- --quick] [--only ingest,latency] [--out file.json] [--update]`
// Starts its own redis-server, runs every benchmark in turn and prints one JSON object per
// line per figure on stdout (progress goes to stderr). A full run writes bench/results.json;
// --quick runs everything at a tiny size (the smoke test) and writes only where --out says.
// --only … --update replaces, in bench/results.json, the figures of the same names with this
// run's and keeps the rest (the file records which benchmarks were updated, and when).
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { loadCityProfile } from '../server/city/load-profile.ts';
import { BENCHMARKS } from './benchmarks.ts';
import { cityPoints } from './support/events.ts';
import type { Figure } from './support/figure.ts';
import { startRedis } from './support/redis-server.ts';
import { mergeResults, type Results } from './support/results-table.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    update: { type: 'boolean', default: false },
  },
});
const quick = values.quick === true;
const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null;
const resultsPath = new URL('./results.json', import.meta.url).pathname;
const out = values.out ?? (quick || only ? null : resultsPath);
const update = values.update === true;
if (update && (!only || quick)) {
  process.stderr.write('bench: --update needs --only and a full-size run (not --quick)\n');
  process.exit(2);
}
const unknown = only ? [...only].filter((name) => !BENCHMARKS.some((b) => b.name === name)) : [];
if (unknown.length > 0) {
  process.stderr.write(`bench: no benchmark named ${unknown.join(', ')} (known: ${BENCHMARKS.map((b) => b.name).join(', ')})\n`);
  process.exit(2);
}

const figures: Figure[] = [];
const started = new Date();
const t0 = performance.now();
const redis = await startRedis();
// Interrupted (Ctrl-C, a CI timeout): stop the bench's own redis-server rather than orphan it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void redis.stop().finally(() => process.exit(130));
  });
}
const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  redis: redis.version,
  loadAvgAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
};
process.stderr.write(`bench: ${quick ? 'quick' : 'full'} run on ${machine.cpus} × ${machine.cpu}, redis ${machine.redis}\n`);
let failed = 0;
let n = 0;
try {
  const city = await loadCityProfile('kota-tangerang');
  const point = cityPoints((lat, lon) => city.geo.locate(lat, lon), quick ? 500 : 20_000);
  for (const bench of BENCHMARKS) {
    if (only && !only.has(bench.name)) continue;
    const b0 = performance.now();
    const seen = new Set<string>();
    const report = (measured: Figure): void => {
      // The machine's load when the figure was taken: a shared machine skews every number.
      const f = { ...measured, conditions: { ...measured.conditions, loadAvg1m: Math.round((loadavg()[0] ?? 0) * 100) / 100 } };
      seen.add(f.name);
      figures.push(f);
      process.stdout.write(`${JSON.stringify(f)}\n`);
    };
    try {
      await bench.run({
        quick,
        redis,
        city,
        point,
        report,
        progress: (m) => process.stderr.write(`  ${bench.name}: ${m}\n`),
        prefix: (name) => `b${n++}${name.replace(/[^A-Za-z0-9_-]/g, '')}`,
      });
    } catch (err) {
      failed++;
      process.stderr.write(`bench ${bench.name} failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    }
    // Every promised figure gets a line, so a reader (and the smoke test) sees what is missing and why.
    for (const name of bench.figures) {
      if (!seen.has(name)) report({ name, value: null, unit: '', conditions: {}, skipped: `benchmark ${bench.name} failed before measuring it` });
    }
    process.stderr.write(`bench ${bench.name}: ${Math.round((performance.now() - b0) / 1000)} s\n`);
    await redis.flush();
  }
} finally {
  await redis.stop();
}
const seconds = Math.round((performance.now() - t0) / 1000);
if (out) {
  writeFileSync(out, `${JSON.stringify({ startedAt: started.toISOString(), seconds, quick, machine, figures }, null, 2)}\n`);
  process.stderr.write(`bench: wrote ${out}\n`);
}
if (update && only && failed === 0) {
  const previous = JSON.parse(readFileSync(resultsPath, 'utf8')) as Results;
  const merged = mergeResults(previous, figures, { startedAt: started.toISOString(), benchmarks: [...only], loadAvgAtStart: machine.loadAvgAtStart });
  writeFileSync(resultsPath, `${JSON.stringify(merged, null, 2)}\n`);
  process.stderr.write(`bench: updated ${figures.length} figures of ${[...only].join(', ')} in ${resultsPath}\n`);
} else if (update) {
  process.stderr.write('bench: a benchmark failed; bench/results.json left as it was\n');
}
process.stderr.write(`bench: ${figures.length} figures in ${seconds} s${failed ? `, ${failed} benchmark(s) failed` : ''}\n`);
process.exit(failed ? 1 : 0);
