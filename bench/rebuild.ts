// Rebuild: derived state from a million stream entries (clear, then the projection over every
// entry inside Redis, as `npm run rebuild` does) against the raw time to read the same stream
// with XRANGE into Node in the same chunks. Target: within 4x of that read. Reports events/s,
// the longest single script call, and the stream's Redis memory.
import { REBUILD_CHUNK, rebuildSpace } from '../server/store/rebuild.ts';
import { spaceKeys } from '../server/store/keys.ts';
import type { Benchmark, BenchContext } from './support/context.ts';
import { eventMix } from './support/events.ts';
import { round, target, withBaseline } from './support/figure.ts';
import { appendToStream } from './support/fill.ts';

const CHUNK = REBUILD_CHUNK;

function* limited<T>(next: () => T, n: number): Generator<T> {
  for (let i = 0; i < n; i++) yield next();
}

async function run(ctx: BenchContext): Promise<void> {
  // PANTAU_BENCH_REBUILD_EVENTS sizes a run in between (a check on a busy machine).
  const events = Number(process.env.PANTAU_BENCH_REBUILD_EVENTS ?? (ctx.quick ? 5_000 : 1_000_000));
  const keys = spaceKeys(ctx.prefix('rebuild'), ctx.city.profile.id, 'live');
  const redis = ctx.redis.connect();
  const tz = ctx.city.profile.timezone;
  const now = Date.now();
  const memBefore = await ctx.redis.usedMemory();
  const t0 = performance.now();
  // A month of events, oldest first, as a stream that was never trimmed holds them. Appended
  // without projecting (the rebuild does that), which takes a fraction of the ingest time.
  const span = 30 * 86_400_000;
  await appendToStream(
    { redis, keys, timeZone: tz, locate: (lat, lon) => ctx.city.geo.locate(lat, lon) },
    limited(eventMix({ runId: 'rb', point: ctx.point, atMs: (i) => now - span + Math.floor((i / events) * span) }), events),
  );
  const memStream = await ctx.redis.usedMemory();
  ctx.progress(`appended ${events} events in ${round((performance.now() - t0) / 1000, 1)} s`);
  const r0 = performance.now();
  let read = 0;
  for (let start = '-'; ;) {
    const rows = (await redis.xrange(keys.stream, start, '+', 'COUNT', CHUNK)) as [string, string[]][];
    read += rows.length;
    if (rows.length < CHUNK) break;
    start = `(${rows[rows.length - 1]?.[0]}`;
  }
  const rawMs = performance.now() - r0;
  await redis.config('RESETSTAT');
  const result = await rebuildSpace(redis, keys, { chunk: CHUNK });
  if (result.entries !== events || read !== events) throw new Error(`rebuild saw ${result.entries} and XRANGE ${read} of ${events} entries`);
  // The longest EVALSHA (one chunk) from Redis's own latency accounting of commands.
  const stats = String(await redis.info('commandstats'));
  const evalsha = /cmdstat_evalsha:calls=(\d+),usec=(\d+),usec_per_call=([\d.]+)/.exec(stats);
  const figure = withBaseline(
    {
      name: 'rebuild.1m',
      value: round(result.ms / 1000, 2),
      unit: 's',
      conditions: { events, chunk: CHUNK, mix: 'calls 40%, incidents 20%, apps 40%', spanDays: 30 },
      extra: {
        eventsPerSecond: round(events / (result.ms / 1000), 0),
        rawEventsPerSecond: round(events / (rawMs / 1000), 0),
        msPerScriptCall: evalsha ? round(Number(evalsha[3]) / 1000, 2) : 'unknown',
        streamMemoryMb: round((memStream - memBefore) / 2 ** 20, 1),
        stateMemoryMb: round(((await ctx.redis.usedMemory()) - memStream) / 2 ** 20, 1),
      },
    },
    { name: 'XRANGE of the whole stream into Node in the same chunks', value: rawMs / 1000, unit: 's' },
  );
  ctx.report({ ...figure, target: target('ratio', '<=', 4, figure.ratio) });
}

export const rebuildBenchmark: Benchmark = { name: 'rebuild', figures: ['rebuild.1m'], run };
