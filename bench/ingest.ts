// Ingest throughput: events/s through POST /api/v1/events (JSON array and NDJSON, batches of
// 1, 100 and 1,000) against the raw path measured in the same run: the same events, already
// enriched, written by applyEvents (one EVALSHA per event, one pipeline per batch) straight
// from Node, with the same batch size and the same number of requests in flight.
import type { PantauEvent } from '../shared/contract/events.ts';
import { enrichEvent } from '../server/domain/enrich.ts';
import { applyEvents, type PreparedEvent } from '../server/store/apply-events.ts';
import { spaceKeys } from '../server/store/keys.ts';
import { chunk, runPool, type Benchmark, type BenchContext } from './support/context.ts';
import { eventMix, take } from './support/events.ts';
import { round, target, withBaseline } from './support/figure.ts';
import { httpClient } from './support/http.ts';
import { INGEST_KEY, startPantauProcess } from './support/pantau-process.ts';

const BATCHES = [1, 100, 1000] as const;
const FORMATS = ['json', 'ndjson'] as const;
type Batch = (typeof BATCHES)[number];

/** Requests in flight: enough to keep Redis busy, as a real gateway with a few workers would. */
const CONCURRENCY: Record<Batch, number> = { 1: 16, 100: 4, 1000: 2 };
const EVENTS_FULL: Record<Batch, number> = { 1: 4_000, 100: 60_000, 1000: 100_000 };
const EVENTS_QUICK: Record<Batch, number> = { 1: 40, 100: 400, 1000: 2_000 };
/** Each path runs this many times; the best run counts (the machine is shared and noisy). */
const REPEATS_FULL = 2;

export const ingestFigures = BATCHES.flatMap((b) => FORMATS.map((f) => `ingest.${f}.batch${b}`));

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
      const raw = async (): Promise<number> => {
        const prepared: PreparedEvent[] = events(n).map((event) => ({ event, enrichment: enrichEvent(event, tz, locate) }));
        const batches = chunk(prepared, b);
        const t0 = performance.now();
        await runPool(batches, c, async (batch) => {
          const out = await applyEvents(redis, rawKeys, batch, { principal: 'bench', trimBeforeMs: Date.now() - retentionMs });
          if (out.some((o) => o.kind !== 'accepted')) throw new Error('raw path: an event was not accepted');
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
      await raw();
      await viaHttp('json');
      const best = { raw: 0, json: 0, ndjson: 0 };
      const repeats = ctx.quick ? 1 : REPEATS_FULL;
      for (let i = 0; i < repeats; i++) {
        best.raw = Math.max(best.raw, await raw());
        for (const f of FORMATS) best[f] = Math.max(best[f], await viaHttp(f));
      }
      for (const f of FORMATS) {
        const fig = withBaseline(
          {
            name: `ingest.${f}.batch${b}`,
            value: round(best[f], 0),
            unit: 'events/s',
            conditions: { batch: b, format: f, events: n, inFlight: c, repeats, mix: 'calls 40%, incidents 20% (points), apps 40%', server: 'child process, live feed running' },
          },
          { name: 'raw applyEvents pipeline (pre-enriched, no HTTP)', value: round(best.raw, 0), unit: 'events/s' },
        );
        // The target is for batches; one event per request is dominated by HTTP overhead.
        ctx.report(b === 1 ? fig : { ...fig, target: target('ratio', '>=', 0.5, fig.ratio) });
      }
      ctx.progress(`ingest batch ${b}: raw ${round(best.raw, 0)}/s json ${round(best.json, 0)}/s ndjson ${round(best.ndjson, 0)}/s`);
    }
  } finally {
    http.close();
    await server.stop();
  }
}

export const ingestBenchmark: Benchmark = { name: 'ingest', figures: ingestFigures, run };
