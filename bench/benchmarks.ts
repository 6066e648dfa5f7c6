// Every benchmark, in the order `npm run bench` runs them (the browser last: it needs the
// built client and is the slowest to start).
import { ingestBenchmark } from './ingest.ts';
import { ingestBreakdownBenchmark } from './ingest-breakdown.ts';
import { citiesBenchmark } from './cities.ts';
import { latencyBenchmark } from './latency.ts';
import { readsBenchmark } from './reads.ts';
import { rebuildBenchmark } from './rebuild.ts';
import { replayBenchmark } from './replay.ts';
import { geoBenchmark } from './geo.ts';
import { browserBenchmark } from './browser.ts';
import { demoBackfillBenchmark } from './demo-backfill.ts';
import { wireBenchmark } from './wire.ts';
import { reportBenchmark } from './report.ts';
import type { Benchmark } from './support/context.ts';

export const BENCHMARKS: readonly Benchmark[] = [ingestBenchmark, ingestBreakdownBenchmark, citiesBenchmark, latencyBenchmark, readsBenchmark, rebuildBenchmark, replayBenchmark, geoBenchmark, wireBenchmark, demoBackfillBenchmark, reportBenchmark, browserBenchmark];

/** Every figure name a run prints (measured or skipped), for the smoke test. */
export const EXPECTED_FIGURES: readonly string[] = BENCHMARKS.flatMap((b) => b.figures);
