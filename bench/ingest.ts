// Ingest throughput: events/s through POST /api/v1/events (JSON array and NDJSON, batches of
// 1, 100 and 1,000) against the MINIMAL atomic step measured in the same run: per event one
// pipelined Lua call doing XADD + HSET + ZADD + HINCRBY (what any event store with one record,
// one index and one counter must do), with the same batch size and requests in flight. To say
// where the rest goes, applyEvents alone (the same events pre-enriched, straight from Node: the
// projection's cost over the minimal step) is reported against the same reference; the HTTP
// figure over the applyEvents figure is what HTTP, parsing, validation and prepare cost.
import type { PantauEvent } from '../shared/contract/events.ts';
import { enrichEvent } from '../server/domain/enrich.ts';
import { applyEvents, type PreparedEvent } from '../server/store/apply-events.ts';
import { spaceKeys } from '../server/store/keys.ts';
import { chunk, runPool, type Benchmark, type BenchContext } from './support/context.ts';
import { eventMix, take } from './support/events.ts';
import { round, target, withBaseline } from './support/figure.ts';
import { httpClient } from './support/http.ts';
import { INGEST_KEY, startPantauProcess } from './support/pantau-process.ts';
import type { Redis } from 'ioredis';

// The reference: XADD + HSET + ZADD + HINCRBY, atomically, one script per event.
const MINIMAL_LUA = `
local id = redis.call('XADD', KEYS[1], '*', 'e', ARGV[2])
redis.call('HSET', ARGV[1] .. 'rec:' .. ARGV[3], 'at', ARGV[4], 'type', ARGV[5], 'id', id)
redis.call('ZADD', ARGV[1] .. 'idx', ARGV[4], ARGV[3])
redis.call('HINCRBY', ARGV[1] .. 'count', ARGV[5], 1)
return id`;

interface MinimalRedis extends Redis {
  benchMinimalStep(stream: string, base: string, eventJson: string, entity: string, atMs: number, type: string): Promise<string>;
}

function entityOf(e: PantauEvent): string {
  if ('callId' in e && e.callId !== undefined) return `call:${e.callId}`;
  if ('incidentId' in e) return `incident:${e.incidentId}`;
  if ('appId' in e) return `app:${e.appId}`;
  return `event:${e.id}`;
}

const BATCHES = [1, 100, 1000] as const;
const FORMATS = ['json', 'ndjson'] as const;
type Batch = (typeof BATCHES)[number];

/** Requests in flight: enough to keep Redis busy, as a real gateway with a few workers would. */
const CONCURRENCY: Record<Batch, number> = { 1: 16, 100: 4, 1000: 2 };
const EVENTS_FULL: Record<Batch, number> = { 1: 4_000, 100: 60_000, 1000: 100_000 };
const EVENTS_QUICK: Record<Batch, number> = { 1: 40, 100: 400, 1000: 2_000 };
/** Each path runs this many times; the best run counts (the machine is shared and noisy). */
const REPEATS_FULL = 2;

export const ingestFigures = BATCHES.flatMap((b) => [`ingest.applyEvents.batch${b}`, ...FORMATS.map((f) => `ingest.${f}.batch${b}`)]);

function body(events: readonly PantauEvent[], format: 'json' | 'ndjson'): string {
  if (format === 'ndjson') return events.map((e) => JSON.stringify(e)).join('\n');
  return events.length === 1 ? JSON.stringify(events[0]) : JSON.stringify(events);
}

async function run(ctx: BenchContext): Promise<void> {
  const tz = ctx.city.profile.timezone;
  const locate = ctx.city.geo.locate.bind(ctx.city.geo);
  const prefix = ctx.prefix('ingest');
  const server = await startPantauProcess({ redisUrl: ctx.redis.url, keyPrefix: prefix });
  const http = httpClient(server.url);
  const redis = ctx.redis.connect();
  const rawKeys = spaceKeys(`${prefix}raw`, ctx.city.profile.id, 'live');
  const minimalKeys = spaceKeys(`${prefix}min`, ctx.city.profile.id, 'live');
  redis.defineCommand('benchMinimalStep', { numberOfKeys: 1, lua: MINIMAL_LUA });
  const minimalRedis = redis as MinimalRedis;
  const now = Date.now();
  const retentionMs = 35 * 86_400_000;
  let runs = 0;
  const events = (n: number): PantauEvent[] => {
    const id = `r${runs++}`;
    // Spread over the last hour, like a live feed with some late arrivals.
    return take(eventMix({ runId: id, seed: runs, point: ctx.point, atMs: (i) => now - 3_600_000 + ((i * 37) % 3_600_000) }), n);
  };
  try {
    for (const b of BATCHES) {
      const n = (ctx.quick ? EVENTS_QUICK : EVENTS_FULL)[b];
      const c = CONCURRENCY[b];
      const minimal = async (): Promise<number> => {
        const batches = chunk(events(n), b);
        const t0 = performance.now();
        await runPool(batches, c, async (batch) => {
          const p = minimalRedis.pipeline() as unknown as { benchMinimalStep: MinimalRedis['benchMinimalStep']; exec(): Promise<[Error | null, unknown][] | null> };
          for (const e of batch) void p.benchMinimalStep(minimalKeys.stream, minimalKeys.all, JSON.stringify(e), entityOf(e), Date.parse(e.at), e.type);
          for (const [err] of (await p.exec()) ?? []) if (err) throw err;
        });
        return n / ((performance.now() - t0) / 1000);
      };
      const raw = async (): Promise<number> => {
        const prepared: PreparedEvent[] = events(n).map((event) => ({ event, enrichment: enrichEvent(event, tz, locate) }));
        const batches = chunk(prepared, b);
        const t0 = performance.now();
        await runPool(batches, c, async (batch) => {
          const out = await applyEvents(redis, rawKeys, batch, { principal: 'bench', trimBeforeMs: Date.now() - retentionMs });
          if (out.some((o) => o.kind !== 'accepted')) throw new Error('applyEvents: an event was not accepted');
        });
        return n / ((performance.now() - t0) / 1000);
      };
      const viaHttp = async (format: 'json' | 'ndjson'): Promise<number> => {
        const bodies = chunk(events(n), b).map((e) => ({ n: e.length, text: body(e, format) }));
        const type = format === 'json' ? 'application/json' : 'application/x-ndjson';
        const t0 = performance.now();
        await runPool(bodies, c, async ({ n: count, text }) => {
          const res = await http.post('/api/v1/events', text, type, INGEST_KEY);
          if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${res.body.slice(0, 200)}`);
          const accepted = (JSON.parse(res.body) as { accepted: number }).accepted;
          if (accepted !== count) throw new Error(`ingest accepted ${accepted} of ${count}`);
        });
        return n / ((performance.now() - t0) / 1000);
      };
      // Warm both paths (JIT, script cache, connections) before anything counts.
      await minimal();
      await raw();
      await viaHttp('json');
      const best = { minimal: 0, raw: 0, json: 0, ndjson: 0 };
      const repeats = ctx.quick ? 1 : REPEATS_FULL;
      for (let i = 0; i < repeats; i++) {
        best.minimal = Math.max(best.minimal, await minimal());
        best.raw = Math.max(best.raw, await raw());
        for (const f of FORMATS) best[f] = Math.max(best[f], await viaHttp(f));
      }
      const reference = { name: 'minimal atomic step: one pipelined Lua call per event, XADD + HSET + ZADD + HINCRBY', value: round(best.minimal, 0), unit: 'events/s' };
      const conditions = { batch: b, events: n, inFlight: c, repeats, mix: 'calls 40%, incidents 20% (points), apps 40%' };
      ctx.report(withBaseline(
        { name: `ingest.applyEvents.batch${b}`, value: round(best.raw, 0), unit: 'events/s', conditions: { ...conditions, path: 'applyEvents from Node, pre-enriched, no HTTP' } },
        reference,
      ));
      for (const f of FORMATS) {
        const fig = withBaseline(
          {
            name: `ingest.${f}.batch${b}`,
            value: round(best[f], 0),
            unit: 'events/s',
            conditions: { ...conditions, format: f, server: 'child process, live feed running' },
            // HTTP + parse + validate + prepare, as a share of the applyEvents path's rate.
            extra: { ofApplyEvents: round(best[f] / best.raw, 3) },
          },
          reference,
        );
        // The target is for batches; one event per request is dominated by HTTP overhead.
        ctx.report(b === 1 ? fig : { ...fig, target: target('ratio', '>=', 0.6, fig.ratio) });
      }
      ctx.progress(`ingest batch ${b}: minimal ${round(best.minimal, 0)}/s applyEvents ${round(best.raw, 0)}/s json ${round(best.json, 0)}/s ndjson ${round(best.ndjson, 0)}/s`);
    }
  } finally {
    http.close();
    await server.stop();
  }
}

export const ingestBenchmark: Benchmark = { name: 'ingest', figures: ingestFigures, run };
