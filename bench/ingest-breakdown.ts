// Where an ingested event's cost goes (issue #14: "say where the rest goes, measured"). Two
// sides, each per event, over the same 1,000-event batches:
//
// Redis: its own time inside the scripts (INFO commandstats, usec of EVAL/EVALSHA), for the
//   minimal atomic step of bench/ingest.ts (one pipelined call per event: XADD + HSET + ZADD +
//   HINCRBY) and for apply-batch.lua whole and with one part taken out at a time: the projection
//   (what is left is dedupe, decoding and the stream append) and the stream append. The parts are
//   made by cutting the script's text; each cut is checked to have happened.
// Node: CPU time of each step of the HTTP path before Redis (parse the body, validate, prepare,
//   serialise the script's arguments), in this process, on the same events.
//
// Redis is single-threaded and does the projection for every process, so its time per event is
// what bounds one city's ingest; Node's scales with processes.
import type { PantauEvent } from '../shared/contract/events.ts';
import { enrichEvent } from '../server/domain/enrich.ts';
import { parseBody } from '../server/ingest/parse-body.ts';
import { validateItems } from '../server/ingest/validate.ts';
import { spaceKeys } from '../server/store/keys.ts';
import { applyBatchSource } from '../server/store/scripts.ts';
import type { Benchmark, BenchContext } from './support/context.ts';
import { eventMix, take } from './support/events.ts';
import { round, withBaseline } from './support/figure.ts';

const BATCH = 1_000;
const EVENTS_FULL = 40_000;
const EVENTS_QUICK = 2_000;

const REDIS_PARTS = ['full', 'withoutProjection', 'withoutStreamAppend'] as const;
const NODE_STEPS = ['parse', 'validate', 'prepare', 'serialise'] as const;

export const ingestBreakdownFigures = [
  ...REDIS_PARTS.map((p) => `ingest.breakdown.redis.${p}`),
  ...NODE_STEPS.map((s) => `ingest.breakdown.node.${s}`),
];

const MINIMAL_LUA = `
for i = 2, #ARGV, 5 do
  local id = redis.call('XADD', KEYS[1], '*', 'e', ARGV[i])
  redis.call('HSET', ARGV[1] .. 'rec:' .. ARGV[i + 1], 'at', ARGV[i + 2], 'type', ARGV[i + 3], 'id', id)
  redis.call('ZADD', ARGV[1] .. 'idx', ARGV[i + 2], ARGV[i + 1])
  redis.call('HINCRBY', ARGV[1] .. 'count', ARGV[i + 3], 1)
end
return 1`;

/** apply-batch.lua as it is registered, and the same with one part cut out. */
function applyVariants(): Record<(typeof REDIS_PARTS)[number], string> {
  const full = applyBatchSource();
  const cut = (what: string, from: RegExp, to: string): string => {
    const out = full.replace(from, to);
    if (out === full) throw new Error(`ingest-breakdown: apply-batch.lua changed; cannot take out ${what}`);
    return out;
  };
  return {
    full,
    withoutProjection: cut('the projection', /local changes = project\(base, ev, cjson\.decode\(ARGV\[i \+ 1\]\), true\)/, 'local changes = {}'),
    withoutStreamAppend: cut('the stream append', /out\[f\[1\]\] = redis\.call\('XADD'[^\n]*/, "out[f[1]] = '0-1'"),
  };
}

function entityOf(e: PantauEvent): string {
  if ('callId' in e && e.callId !== undefined) return `call:${e.callId}`;
  if ('incidentId' in e) return `incident:${e.incidentId}`;
  if ('appId' in e) return `app:${e.appId}`;
  return `event:${e.id}`;
}

async function run(ctx: BenchContext): Promise<void> {
  const n = ctx.quick ? EVENTS_QUICK : EVENTS_FULL;
  const tz = ctx.city.profile.timezone;
  const locate = ctx.city.geo.locate.bind(ctx.city.geo);
  const now = Date.now();
  const events = (runId: string): PantauEvent[] =>
    take(eventMix({ runId, seed: 3, point: ctx.point, atMs: (i) => now - 3_600_000 + ((i * 37) % 3_600_000) }), n);
  const redis = ctx.redis.connect();
  const scriptUsec = async (): Promise<number> => {
    let total = 0;
    for (const m of (await redis.info('commandstats')).matchAll(/cmdstat_eval(?:sha)?:calls=\d+,usec=(\d+)/g)) total += Number(m[1]);
    return total;
  };
  try {
    // Redis: the minimal step, then each variant of the apply script, on fresh keys each.
    const minimalEvents = events('min');
    const minimalKeys = spaceKeys(ctx.prefix('breakdown-min'), ctx.city.profile.id, 'live');
    const sha = String(await redis.script('LOAD', MINIMAL_LUA));
    let u0 = await scriptUsec();
    for (let i = 0; i < n; i += BATCH) {
      const p = redis.pipeline();
      for (const e of minimalEvents.slice(i, i + BATCH)) p.evalsha(sha, 1, minimalKeys.stream, minimalKeys.all, JSON.stringify(e), entityOf(e), Date.parse(e.at), e.type, '');
      await p.exec();
    }
    const minimalUs = ((await scriptUsec()) - u0) / n;
    const reference = { name: 'minimal atomic step (bench/ingest.ts): XADD + HSET + ZADD + HINCRBY per event, Redis time', value: round(minimalUs, 2), unit: 'µs/event' };

    const variants = applyVariants();
    const redisUs: Partial<Record<(typeof REDIS_PARTS)[number], number>> = {};
    for (const part of REDIS_PARTS) {
      const evs = events(part);
      const args = evs.flatMap((event) => [JSON.stringify(event), JSON.stringify(enrichEvent(event, tz, locate))]);
      const keys = spaceKeys(ctx.prefix(`breakdown-${part}`), ctx.city.profile.id, 'live');
      const vsha = String(await redis.script('LOAD', variants[part]));
      u0 = await scriptUsec();
      for (let i = 0; i < args.length; i += 2 * BATCH) await redis.evalsha(vsha, 1, keys.stream, keys.all, 'bench', '', ...args.slice(i, i + 2 * BATCH));
      redisUs[part] = ((await scriptUsec()) - u0) / n;
    }
    const full = redisUs.full ?? 0;
    for (const part of REDIS_PARTS) {
      const us = redisUs[part] ?? 0;
      ctx.report(withBaseline({
        name: `ingest.breakdown.redis.${part}`,
        value: round(us, 2),
        unit: 'µs/event',
        conditions: { batch: BATCH, events: n, what: part === 'full' ? 'apply-batch.lua as ingest runs it' : `apply-batch.lua ${part === 'withoutProjection' ? 'without project()' : 'without XADD'}` },
        ...(part === 'full' ? {} : { extra: { partUs: round(full - us, 2), shareOfFull: round((full - us) / full, 3) } }),
      }, reference));
    }

    // Node: each step of the HTTP path before Redis, per event, CPU time of this process.
    const evs = events('node');
    const bodies: Buffer[] = [];
    for (let i = 0; i < n; i += BATCH) bodies.push(Buffer.from(JSON.stringify(evs.slice(i, i + BATCH))));
    const cpu = (fn: () => void): number => {
      const c0 = process.cpuUsage();
      fn();
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / n;
    };
    const parsed = bodies.map((b) => parseBody(b, 'application/json'));
    const kecamatan = new Set(ctx.city.profile.kecamatan.map((k) => k.code));
    const stepUs: Record<(typeof NODE_STEPS)[number], number> = {
      parse: cpu(() => { for (const b of bodies) parseBody(b, 'application/json'); }),
      validate: cpu(() => { for (const p of parsed) if (p.ok) validateItems(p.items, { kecamatan }); }),
      prepare: cpu(() => { for (const e of evs) enrichEvent(e, tz, locate); }),
      serialise: cpu(() => { for (const e of evs) { JSON.stringify(e); JSON.stringify(enrichEvent(e, tz, locate)); } }),
    };
    // serialise includes a prepare to have something to serialise: count only its own part.
    stepUs.serialise = Math.max(0, stepUs.serialise - stepUs.prepare);
    for (const s of NODE_STEPS) {
      ctx.report(withBaseline({
        name: `ingest.breakdown.node.${s}`,
        value: round(stepUs[s], 2),
        unit: 'µs/event',
        conditions: { batch: BATCH, events: n, process: 'in-process, CPU time' },
      }, reference));
    }
    ctx.progress(`ingest breakdown: redis µs/event minimal ${round(minimalUs, 1)} full ${round(full, 1)} (projection ${round(full - (redisUs.withoutProjection ?? 0), 1)}, stream append ${round(full - (redisUs.withoutStreamAppend ?? 0), 1)}); node µs/event ${NODE_STEPS.map((s) => `${s} ${round(stepUs[s], 1)}`).join(', ')}`);
  } finally {
    redis.disconnect();
  }
}

export const ingestBreakdownBenchmark: Benchmark = { name: 'ingest-breakdown', figures: ingestBreakdownFigures, run };
