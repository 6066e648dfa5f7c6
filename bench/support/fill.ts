// Fills a space fast for the read benchmarks: through applyEvents (stream + state, as ingest
// writes) or, for month-sized histories, through the projection script alone (state without
// the stream, as a rebuild writes it), pipelined in big batches with two in flight.
import type { Redis } from 'ioredis';
import type { PantauEvent } from '../../shared/contract/events.ts';
import { CATEGORIES, AGENCIES, DISPOSITIONS } from '../../shared/contract/events.ts';
import { enrichEvent, type Locate } from '../../server/domain/enrich.ts';
import { applyEvents } from '../../server/store/apply-events.ts';
import { LUA_CONSTANTS } from '../../server/domain/projection-constants.ts';
import { complaintsKey, dayBucketKey, eventsPerDayKey, hourBucketKey, minuteBucketKey, type SpaceKeys } from '../../server/store/keys.ts';
import { rng, wib, type PointSource } from './events.ts';

export interface FillTarget {
  redis: Redis;
  keys: SpaceKeys;
  timeZone: string;
  locate: Locate;
}

const BATCH = 5_000;

/** Writes events with stream entries, like ingest (one pipeline per batch, two in flight). */
export async function ingestAll(t: FillTarget, events: Iterable<PantauEvent>): Promise<void> {
  const inFlight: Promise<unknown>[] = [];
  let batch: PantauEvent[] = [];
  const flush = async (): Promise<void> => {
    const prepared = batch.map((event) => ({ event, enrichment: enrichEvent(event, t.timeZone, t.locate) }));
    batch = [];
    inFlight.push(applyEvents(t.redis, t.keys, prepared, { principal: 'bench' }));
    if (inFlight.length >= 2) await inFlight.shift();
  };
  for (const e of events) {
    batch.push(e);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  await Promise.all(inFlight);
}

/** Projects events into derived state only (no stream, no dedupe): the rebuild's script. */
export async function projectAll(t: FillTarget, events: Iterable<PantauEvent>): Promise<number> {
  const inFlight: Promise<unknown>[] = [];
  let p = t.redis.pipeline();
  let inBatch = 0;
  let total = 0;
  const flush = async (): Promise<void> => {
    const exec = p.exec().then((rows) => {
      for (const [err] of rows ?? []) if (err) throw err;
    });
    p = t.redis.pipeline();
    inBatch = 0;
    inFlight.push(exec);
    if (inFlight.length >= 2) await inFlight.shift();
  };
  for (const e of events) {
    p.pantauProjectEvent(t.keys.stream, t.keys.all, JSON.stringify(e), JSON.stringify(enrichEvent(e, t.timeZone, t.locate)));
    inBatch++;
    total++;
    if (inBatch >= BATCH) await flush();
  }
  if (inBatch > 0) await flush();
  await Promise.all(inFlight);
  return total;
}

/** Open incidents (with points) and waiting calls, reported within the last `spreadMs`. */
export function* openState(o: { incidents: number; waitingCalls: number; nowMs: number; spreadMs: number; runId: string; point: PointSource }): Generator<PantauEvent> {
  const r = rng(7);
  for (let i = 0; i < o.incidents; i++) {
    yield {
      id: `${o.runId}-ir${i}`, type: 'incident.reported', at: wib(o.nowMs - r() * o.spreadMs), source: 'bench',
      incidentId: `${o.runId}-i${i}`, line: r() < 0.8 ? '112' : '119', category: CATEGORIES[i % CATEGORIES.length] ?? 'other',
      priority: 1 + (i % 4), location: o.point(r),
    };
  }
  for (let i = 0; i < o.waitingCalls; i++) {
    yield {
      id: `${o.runId}-cr${i}`, type: 'call.received', at: wib(o.nowMs - r() * Math.min(o.spreadMs, 600_000)), source: 'bench',
      callId: `${o.runId}-c${i}`, line: r() < 0.8 ? '112' : '119', caller: { number: `0812${String(1_000_000 + i).slice(1)}00` },
    };
  }
}

interface HistoryOptions { calls: number; incidents: number; fromMs: number; toMs: number; runId: string; point: PointSource }

/** The n-th call of a month of finished calls: received, then answered 85 % (and ended) or abandoned. */
function historyCall(o: HistoryOptions, r: () => number, i: number) {
  const receivedAtMs = o.fromMs + Math.floor((i / o.calls) * (o.toMs - o.fromMs));
  const line: '112' | '119' = r() < 0.8 ? '112' : '119';
  const waitMs = 2_000 + Math.floor(r() * 58_000);
  const answered = r() < 0.85;
  return { callId: `${o.runId}-c${i}`, line, receivedAtMs, waitMs, answered, agentId: `agent-${i % 12}`, disposition: DISPOSITIONS[i % DISPOSITIONS.length] ?? 'info' };
}

/**
 * A month of finished calls (received, then answered 85 % and ended with a disposition, or
 * abandoned 15 %, after 2-60 s) and incidents (reported, dispatched, on scene, closed), spread
 * evenly over [fromMs, toMs), as events.
 */
export function* history(o: HistoryOptions): Generator<PantauEvent> {
  const r = rng(30);
  for (let i = 0; i < o.calls; i++) {
    const c = historyCall(o, r, i);
    const base = { source: 'bench', callId: c.callId };
    yield { ...base, id: `${c.callId}-r`, type: 'call.received', at: wib(c.receivedAtMs), line: c.line };
    if (c.answered) {
      yield { ...base, id: `${c.callId}-a`, type: 'call.answered', at: wib(c.receivedAtMs + c.waitMs), agentId: c.agentId };
      yield { ...base, id: `${c.callId}-e`, type: 'call.ended', at: wib(c.receivedAtMs + c.waitMs + 90_000), disposition: c.disposition };
    } else {
      yield { ...base, id: `${c.callId}-x`, type: 'call.abandoned', at: wib(c.receivedAtMs + c.waitMs) };
    }
  }
  yield* incidentHistory(o);
}

/** The incidents of `history`: each reported, dispatched, on scene and closed. */
export function* incidentHistory(o: HistoryOptions): Generator<PantauEvent> {
  const r = rng(31);
  for (let n = 0; n < o.incidents; n++) {
    const at = o.fromMs + Math.floor((n / o.incidents) * (o.toMs - o.fromMs));
    const incidentId = `${o.runId}-i${n}`;
    yield {
      id: `${incidentId}-r`, type: 'incident.reported', at: wib(at), source: 'bench', incidentId, line: r() < 0.8 ? '112' : '119',
      category: CATEGORIES[n % CATEGORIES.length] ?? 'other', priority: 1 + (n % 4), location: o.point(r),
    };
    yield { id: `${incidentId}-d`, type: 'incident.dispatched', at: wib(at + 60_000 + Math.floor(r() * 300_000)), source: 'bench', incidentId, agency: AGENCIES[n % AGENCIES.length] ?? 'other' };
    yield { id: `${incidentId}-s`, type: 'incident.on_scene', at: wib(at + 600_000 + Math.floor(r() * 1_200_000)), source: 'bench', incidentId };
    yield { id: `${incidentId}-c`, type: 'incident.closed', at: wib(at + 3_600_000), source: 'bench', incidentId, outcome: n % 10 === 0 ? 'prank' : 'resolved' };
  }
}

/**
 * The calls of `history`, as the projection leaves them (hashes, calls:byReceived, KPI
 * buckets): through the projection script itself, so the bench holds no copy of its rules.
 */
export async function writeCallHistory(t: FillTarget, o: HistoryOptions): Promise<void> {
  await projectAll(t, history({ ...o, incidents: 0 }));
}

/**
 * App activity as a gateway sends it: per app and minute, one pre-aggregated count per kind, for
 * the last `minuteHours`; before that, per app and hour (minute buckets expire after 48 h, so
 * older minutes would only feed the hour and day buckets anyway).
 */
export function* appActivity(o: { apps: number; days: number; minuteHours: number; nowMs: number; runId: string }): Generator<PantauEvent> {
  const r = rng(200);
  const MIN = 60_000;
  const HOUR = 3_600_000;
  const start = Math.floor((o.nowMs - o.days * 86_400_000) / HOUR) * HOUR;
  const minuteFrom = Math.floor((o.nowMs - o.minuteHours * HOUR) / HOUR) * HOUR;
  let n = 0;
  const kinds = ['session', 'transaction', 'complaint', 'error'] as const;
  for (let t = start; t < minuteFrom; t += HOUR) {
    for (let a = 0; a < o.apps; a++) {
      const kind = kinds[n % 4] ?? 'session';
      yield { id: `${o.runId}-${n++}`, type: 'app.activity', at: wib(t), source: 'bench', appId: `app-${a}`, kind, count: 1 + Math.floor(r() * 3_000) };
    }
  }
  for (let t = minuteFrom; t < o.nowMs; t += MIN) {
    for (let a = 0; a < o.apps; a++) {
      const kind = kinds[n % 4] ?? 'session';
      yield { id: `${o.runId}-${n++}`, type: 'app.activity', at: wib(t), source: 'bench', appId: `app-${a}`, kind, count: 1 + Math.floor(r() * 50) };
    }
  }
}

/** The projection's bucket lifetimes (seconds), from the one definition. */
const { MINUTE_TTL: MINUTE_TTL_SECONDS, HOUR_TTL: HOUR_TTL_SECONDS, COUNTER_TTL: COUNTER_TTL_SECONDS } = LUA_CONSTANTS;

/**
 * Writes what projecting `events` (app.activity only) leaves, summed in Node: the minute, hour
 * and day buckets, apps:seen, complaints per hour and the per-day event counters, one HSET per
 * bucket instead of one script run per event. The quick run of bench/reads.ts checks it
 * against projectAll.
 */
export async function writeAppActivity(t: FillTarget, events: Iterable<PantauEvent>): Promise<number> {
  const hashes = new Map<string, { ttl: number | null; fields: Map<string, number> }>();
  const counters = new Map<string, number>();
  const seen = new Set<string>();
  const bump = (key: string, ttl: number | null, field: string, v: number): void => {
    let h = hashes.get(key);
    if (!h) hashes.set(key, (h = { ttl, fields: new Map() }));
    h.fields.set(field, (h.fields.get(field) ?? 0) + v);
  };
  let n = 0;
  for (const e of events) {
    if (e.type !== 'app.activity') throw new Error('writeAppActivity takes app.activity events only');
    const x = enrichEvent(e, t.timeZone, t.locate);
    const count = e.count ?? 1;
    const field = `${e.appId}|${e.kind}`;
    bump(minuteBucketKey(t.keys, x.minuteMs), MINUTE_TTL_SECONDS, field, count);
    bump(hourBucketKey(t.keys, x.hourMs), HOUR_TTL_SECONDS, field, count);
    bump(dayBucketKey(t.keys, x.cityDay), null, field, count);
    seen.add(e.appId);
    if (e.kind === 'complaint') bump(complaintsKey(t.keys, x.hourMs), HOUR_TTL_SECONDS, e.kecamatan ?? 'unknown', count);
    counters.set(x.cityDay, (counters.get(x.cityDay) ?? 0) + 1);
    n++;
  }
  const p = t.redis.pipeline();
  for (const [key, h] of hashes) {
    p.hset(key, Object.fromEntries(h.fields));
    if (h.ttl !== null) p.expire(key, h.ttl);
  }
  if (seen.size > 0) p.sadd(t.keys.appsSeen, ...seen);
  for (const [day, c] of counters) {
    p.set(eventsPerDayKey(t.keys, day), c);
    p.expire(eventsPerDayKey(t.keys, day), COUNTER_TTL_SECONDS);
  }
  for (const [err] of (await p.exec()) ?? []) if (err) throw err;
  return n;
}

/**
 * Appends events to the stream as ingest would (fields e, x, k, c) without projecting them:
 * the input of a rebuild. `c` (the changes, which only live feeds read) is left empty.
 */
export async function appendToStream(t: FillTarget, events: Iterable<PantauEvent>): Promise<number> {
  const inFlight: Promise<unknown>[] = [];
  let p = t.redis.pipeline();
  let n = 0;
  for (const e of events) {
    p.xadd(t.keys.stream, '*', 'e', JSON.stringify(e), 'x', JSON.stringify(enrichEvent(e, t.timeZone, t.locate)), 'k', 'bench', 'c', '[]');
    if (++n % BATCH === 0) {
      inFlight.push(p.exec());
      p = t.redis.pipeline();
      if (inFlight.length >= 2) await inFlight.shift();
    }
  }
  inFlight.push(p.exec());
  await Promise.all(inFlight);
  return n;
}
