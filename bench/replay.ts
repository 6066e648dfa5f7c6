// Replay: GET /api/v1/snapshot?at= for moments 30 days back, on a stream of 31 days whose entry
// ids are the events' own times (as a month of arrivals would have made them), after the
// checkpoint job has run over it. Target: under 3 s per open. Baseline: XRANGE into Node of
// the entries the open folds (from its checkpoint to the moment), the least any fold must read.
// Also reported: how long the checkpoints of the month took to build and what they hold.
import { createReplayStore } from '../server/store/replay-store.ts';
import { spaceKeys } from '../server/store/keys.ts';
import { enrichEvent } from '../server/domain/enrich.ts';
import { checkpointFor, REPLAY_CHECKPOINT_EVERY_MS } from '../server/domain/replay-window.ts';
import { toIsoWithOffset } from '../server/domain/time.ts';
import type { Benchmark, BenchContext } from './support/context.ts';
import { eventMix } from './support/events.ts';
import { round, target, withBaseline } from './support/figure.ts';
import { httpClient } from './support/http.ts';
import { OPERATOR_TOKEN, startPantauProcess } from './support/pantau-process.ts';
import { summarize } from './support/stats.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const BATCH = 2_000;

async function run(ctx: BenchContext): Promise<void> {
  const days = ctx.quick ? 2 : 31;
  const perDay = Number(process.env.PANTAU_BENCH_REPLAY_EVENTS_PER_DAY ?? (ctx.quick ? 2_000 : 24_000));
  const backMs = ctx.quick ? 1.5 * DAY : 30 * DAY;
  const prefix = ctx.prefix('replay');
  const keys = spaceKeys(prefix, ctx.city.profile.id, 'live');
  const redis = ctx.redis.connect();
  const tz = ctx.city.profile.timezone;
  const now = Date.now();
  const start = now - days * DAY;
  const total = days * perDay;

  // The month's entries, ids at the events' times, appended without projecting.
  const t0 = performance.now();
  const next = eventMix({ runId: 'rp', point: ctx.point, atMs: (i) => start + Math.floor((i / total) * days * DAY) });
  let p = redis.pipeline();
  let lastMs = 0;
  let seq = 0;
  for (let i = 0; i < total; i++) {
    const e = next();
    const ms = Date.parse(e.at);
    seq = ms === lastMs ? seq + 1 : 0;
    lastMs = ms;
    p.xadd(keys.stream, `${ms}-${seq}`, 'e', JSON.stringify(e), 'x', JSON.stringify(enrichEvent(e, tz, (lat, lon) => ctx.city.geo.locate(lat, lon))), 'k', 'bench', 'c', '[]');
    if ((i + 1) % BATCH === 0) {
      await p.exec();
      p = redis.pipeline();
    }
  }
  await p.exec();
  ctx.progress(`appended ${total} entries over ${days} days in ${round((performance.now() - t0) / 1000, 1)} s`);

  // The checkpoint job over the month, as a server's would run it at start.
  const store = createReplayStore(redis, keys, { timeZone: tz, targets: ctx.city.profile.targets, apps: ctx.city.apps });
  const memBefore = await ctx.redis.usedMemory();
  const c0 = performance.now();
  const built = await store.advanceCheckpoints(now);
  const buildMs = performance.now() - c0;
  const checkpointMb = ((await ctx.redis.usedMemory()) - memBefore) / 2 ** 20;
  ctx.progress(`built ${built} checkpoints in ${round(buildMs / 1000, 1)} s`);
  const checkpoints = await store.checkpoints();

  const server = await startPantauProcess({ redisUrl: ctx.redis.url, keyPrefix: prefix });
  const http = httpClient(server.url, 2);
  try {
    // Moments 30 days back, each in a different checkpoint's span and at a different distance
    // from it (so none folds forward from another's scratch space), up to nearly 6 hours of entries.
    const runs = ctx.quick ? 3 : 8;
    const opens: number[] = [];
    const raws: number[] = [];
    const folded: number[] = [];
    for (let k = 0; k < runs; k++) {
      const atMs = now - backMs + k * (REPLAY_CHECKPOINT_EVERY_MS + HOUR) + ((k * 47) % 359) * 60_000;
      const at = encodeURIComponent(toIsoWithOffset(atMs, tz));
      const o0 = performance.now();
      const r = await http.get(`/api/v1/snapshot?at=${at}`, OPERATOR_TOKEN);
      opens.push(performance.now() - o0);
      if (r.status !== 200) throw new Error(`snapshot?at answered ${r.status}: ${r.body.slice(0, 200)}`);
      const position = (JSON.parse(r.body) as { position: string }).position;
      const from = checkpointFor(checkpoints, atMs)?.position ?? '0-0';
      const x0 = performance.now();
      const rows = (await redis.xrange(keys.stream, from === '0-0' ? '-' : `(${from}`, position)) as unknown[];
      raws.push(performance.now() - x0);
      folded.push(rows.length);
    }
    const open = summarize(opens);
    const raw = summarize(raws);
    const figure = withBaseline(
      {
        name: 'replay.open.30d',
        value: round(open.p50, 1),
        unit: 'ms (p50)',
        conditions: { days, eventsPerDay: perDay, daysBack: round(backMs / DAY, 1), runs, checkpointEveryHours: REPLAY_CHECKPOINT_EVERY_MS / HOUR, role: 'operator', mix: 'calls 40%, incidents 20%, apps 40%' },
        extra: {
          max: round(open.max, 1),
          entriesFoldedMedian: [...folded].sort((a, b) => a - b)[Math.floor(folded.length / 2)] ?? 0,
          entriesFoldedMax: Math.max(...folded),
          checkpoints: checkpoints.length,
          checkpointBuildSeconds: round(buildMs / 1000, 1),
          checkpointMemoryMb: round(checkpointMb, 1),
        },
      },
      { name: 'XRANGE into Node of the entries the open folds (checkpoint → moment)', value: raw.p50, unit: 'ms (p50)' },
    );
    ctx.report({ ...figure, target: target('value', '<', 3_000, open.max) });
  } finally {
    http.close();
    await server.stop();
  }
}

export const replayBenchmark: Benchmark = { name: 'replay', figures: ['replay.open.30d'], run };
