// Demo backfill: how long a fresh demo takes to fill today (what the wall shows; the simulator
// goes live after it) and then the DEMO_HISTORY_DAYS before (in the background), on a real Pantau with
// the demo on, against the raw time to XADD the same number of events in pipelines of 1,000 —
// the least any writer of that history could take. The simulation alone is reported beside it.
import { createPantau } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/log.ts';
import { DEMO_HISTORY_DAYS, simCityOf } from '../server/sim/demo-runner.ts';
import { createSimDriver } from '../server/sim/driver.ts';
import type { PantauEvent } from '../shared/contract/events.ts';
import { chunk, type Benchmark, type BenchContext } from './support/context.ts';
import { round, withBaseline } from './support/figure.ts';

interface DemoStatusBody { running?: boolean; backfilling?: boolean; writingHistory?: boolean }

async function until(url: string, done: (s: DemoStatusBody) => boolean, timeoutMs: number): Promise<void> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const s = (await (await fetch(url)).json()) as DemoStatusBody;
    if (done(s)) return;
    if (performance.now() > end) throw new Error(`demo status did not reach the state in ${timeoutMs} ms: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function run(ctx: BenchContext): Promise<void> {
  // The simulation alone, collecting what a backfill writes (the same seed and clock as below).
  const seed = 112119;
  const days = ctx.quick ? 2 : DEMO_HISTORY_DAYS;
  const s0 = performance.now();
  const events: PantauEvent[] = [];
  const nowMs = Date.now();
  const sim = createSimDriver({ city: simCityOf(ctx.city), seed, speed: 1, clock: () => nowMs, backfill: { days }, emit: (b) => { events.push(...b); return Promise.resolve(); } });
  await sim.start();
  await sim.history();
  await sim.stop();
  const simMs = performance.now() - s0;

  // Raw baseline: the same number of events appended as JSON, nothing projected.
  const redis = ctx.redis.connect();
  const stream = `${ctx.prefix('demo-raw')}:stream`;
  const r0 = performance.now();
  for (const part of chunk(events, 1_000)) {
    const p = redis.pipeline();
    for (const e of part) p.xadd(stream, '*', 'e', JSON.stringify(e));
    await p.exec();
  }
  const rawMs = performance.now() - r0;

  // The real thing: a Pantau with the demo on, timed from start to today written, then to the
  // history written. (Backfilling the history is a start-up cost, so the clock is the wall's.)
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PANTAU_DEMO: 'on', PANTAU_DEMO_SPEED: '1', PANTAU_DEMO_SEED: String(seed), PANTAU_CITY: ctx.city.profile.id, LOG_LEVEL: 'silent' });
  const t0 = performance.now();
  const pantau = await createPantau(config, { log: createLogger('silent'), redisUrl: ctx.redis.url, keyPrefix: ctx.prefix('demo'), clientDir: null });
  let todayMs = 0;
  let allMs = 0;
  try {
    const status = `${pantau.url}/api/v1/demo/status`;
    await until(status, (s) => s.running === true && s.backfilling === false, 600_000);
    todayMs = performance.now() - t0;
    await until(status, (s) => s.writingHistory === false, 1_200_000);
    allMs = performance.now() - t0;
  } finally {
    await pantau.close();
  }
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: ctx.city.profile.timezone, hour: '2-digit', hourCycle: 'h23' }).format(nowMs);
  const conditions = { days, events: events.length, cityHour: Number(hour), city: ctx.city.profile.id, apps: ctx.city.apps.length };
  const raw = { name: 'XADD of the same events as JSON, pipelines of 1,000 (nothing projected)', value: rawMs / 1000, unit: 's' };
  ctx.report(withBaseline({ name: 'demo.backfill.all', value: round(allMs / 1000, 1), unit: 's', conditions, extra: { todayWrittenS: round(todayMs / 1000, 1), simulationOnlyS: round(simMs / 1000, 1) } }, raw));
  ctx.report({ name: 'demo.backfill.today', value: round(todayMs / 1000, 1), unit: 's', conditions, note: 'from start until the simulator runs live with today written: what a wall waits for' });
}

export const demoBackfillBenchmark: Benchmark = { name: 'demo-backfill', figures: ['demo.backfill.all', 'demo.backfill.today'], run };
