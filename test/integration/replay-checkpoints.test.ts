// Checkpoints carry what later moments need, and no more: over four days of stream (entry ids at
// arrival times, as four days of ingest would have made them), a moment opened from its
// checkpoint must equal the same moment folded from the stream's start, although each
// checkpoint keeps only two days of records and buckets. The script straddles boundaries on
// purpose: answers that arrive before their receipt, incidents open for days, calls waiting
// across a boundary, alerts raised and cleared, app activity every hour.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import type { PantauEvent } from '../../shared/contract/events.ts';
import type { Snapshot, Space } from '../../shared/contract/views.ts';
import { enrichEvent } from '../../server/domain/enrich.ts';
import { REPLAY_CHECKPOINT_EVERY_MS, REPLAY_HORIZON_MS } from '../../server/domain/replay-window.ts';
import { toIsoWithOffset } from '../../server/domain/time.ts';
import { ReplayService } from '../../server/live/replay-service.ts';
import { createLogger } from '../../server/log.ts';
import { createMetrics } from '../../server/metrics.ts';
import { createReplayStore, type ReplayStore } from '../../server/store/replay-store.ts';
import type { SpaceKeys } from '../../server/store/keys.ts';
import { createRng, type Rng } from '../support/fuzz-rng.ts';
import { wib } from '../support/factories.ts';
import { connectTestRedis, freshKeys } from '../support/projection-harness.ts';
import { loadTestCity, type TestCity } from '../support/test-city-data.ts';

const SEED = Number(process.env.PANTAU_TEST_SEED ?? 4_218);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let redis: Redis;
let city: TestCity;
beforeAll(async () => {
  city = await loadTestCity();
});
afterEach(() => redis?.disconnect());

interface Arrival { arrivalMs: number; event: PantauEvent }
/** An event without its envelope, per type. */
type Body = PantauEvent extends infer E ? (E extends PantauEvent ? Omit<E, 'id' | 'at' | 'source'> : never) : never;

/** Four days of a city's events with their arrival times (at + a delay), seeded. */
function fourDays(rng: Rng, startMs: number): Arrival[] {
  const out: Arrival[] = [];
  let n = 0;
  const id = (p: string) => `${p}-${n++}`;
  const push = (atMs: number, event: Body, delayMs = rng.int(0, 20_000), source = 'test') =>
    out.push({ arrivalMs: atMs + delayMs, event: { id: id('ev'), at: wib(atMs), source, ...event } as PantauEvent });
  const points = city.pointsInside(12, SEED);
  for (let t = startMs; t < startMs + 4 * DAY; t += rng.int(2, 25) * 60_000) {
    const callId = id('call');
    const line = rng.pick(['112', '119'] as const);
    const answeredAfterMs = rng.int(5, 400) * 1_000;
    const answered = rng.chance(0.75);
    push(t, { type: 'call.received', callId, line, caller: { number: `0813${rng.string(7, '0123456789')}` } });
    if (answered) {
      // One in five answers arrives before its receipt (another source, another delay).
      push(t + answeredAfterMs, { type: 'call.answered', callId, agentId: `agent-${rng.int(1, 6)}` }, rng.chance(0.2) ? -answeredAfterMs - 5_000 + rng.int(0, 4_000) : rng.int(0, 5_000));
      push(t + answeredAfterMs + rng.int(30, 600) * 1_000, { type: 'call.ended', callId, disposition: rng.pick(['emergency', 'prank', 'info', 'non-emergency'] as const) });
    } else if (rng.chance(0.7)) {
      push(t + rng.int(5, 200) * 1_000, { type: 'call.abandoned', callId });
    } else {
      // Left waiting: the sweeper's expiry comes a couple of hours later, across a boundary at times.
      push(t + rng.int(1, 5) * HOUR, { type: 'call.expired', callId }, 0, 'pantau-sweeper');
    }
    if (rng.chance(0.35)) {
      const incidentId = id('inc');
      const [lat, lon] = rng.pick(points);
      push(t + 60_000, { type: 'incident.reported', incidentId, callId, line, category: rng.pick(['fire', 'medical', 'flood', 'crime'] as const), priority: rng.int(1, 4) as 1 | 2 | 3 | 4, location: { lat, lon } });
      push(t + rng.int(2, 30) * 60_000, { type: 'incident.dispatched', incidentId, agency: rng.pick(['police', 'fire', 'ambulance'] as const) });
      // Some stay open for days: closed long after any horizon, or never.
      const closeAfter = rng.chance(0.15) ? rng.int(30, 80) * HOUR : rng.int(1, 180) * 60_000;
      if (!rng.chance(0.05)) push(t + closeAfter, { type: 'incident.closed', incidentId, outcome: rng.pick(['resolved', 'prank', 'duplicate'] as const) });
    }
    if (rng.chance(0.04)) {
      const alertId = id('alert');
      push(t, { type: 'alert.raised', alertId, kind: 'spike', subject: rng.pick(city.appIds.slice(0, 4)), severity: rng.pick(['warning', 'critical'] as const) }, 0, 'pantau-alerts');
      push(t + rng.int(1, 40) * HOUR, { type: 'alert.cleared', alertId }, 0, 'pantau-alerts');
    }
  }
  for (let h = startMs; h < startMs + 4 * DAY; h += HOUR) {
    for (const appId of city.appIds.slice(0, 6)) push(h, { type: 'app.activity', appId, kind: rng.pick(['session', 'transaction', 'complaint', 'error'] as const), count: rng.int(1, 500) }, rng.int(0, 60_000));
  }
  return out.sort((a, b) => a.arrivalMs - b.arrivalMs);
}

async function append(keys: SpaceKeys, arrivals: readonly Arrival[]): Promise<void> {
  const tz = city.profile.profile.timezone;
  let p = redis.pipeline();
  let last = -1;
  let seq = 0;
  for (const [i, a] of arrivals.entries()) {
    seq = a.arrivalMs === last ? seq + 1 : 0;
    last = a.arrivalMs;
    p.xadd(keys.stream, `${a.arrivalMs}-${seq}`, 'e', JSON.stringify(a.event), 'x', JSON.stringify(enrichEvent(a.event, tz, (lat, lon) => city.profile.geo.locate(lat, lon))), 'k', 'test', 'c', '[]');
    if (i % 1_000 === 999) {
      await p.exec();
      p = redis.pipeline();
    }
  }
  await p.exec();
}

function service(store: ReplayStore, nowMs: number): ReplayService {
  const stores = { live: store, demo: store } as Record<Space, ReplayStore>;
  const c = city.profile.profile;
  return new ReplayService({ stores, city: { id: c.id, name: c.name, timezone: c.timezone }, clock: () => nowMs, log: createLogger('silent'), metrics: createMetrics() });
}

/** Lists in an order of their own (a load lists entities as Redis returns them). */
function normal(json: string): unknown {
  const s = JSON.parse(json) as Snapshot;
  const by = <T>(k: (x: T) => string) => (a: T, b: T) => k(a).localeCompare(k(b));
  return {
    ...s,
    calls: { ...s.calls, waiting: [...s.calls.waiting].sort(by((c) => `${c.receivedAt}|${c.callId}`)), agents: [...s.calls.agents].sort(by((a) => a.agentId)) },
    incidents: { ...s.incidents, open: [...s.incidents.open].sort(by((i) => i.incidentId)) },
    alerts: [...s.alerts].sort(by((a) => a.alertId)),
  };
}

describe('replay checkpoints', () => {
  it('a moment opened from its checkpoint equals the same moment folded from the stream start', async () => {
    redis = connectTestRedis();
    const tz = city.profile.profile.timezone;
    const c = city.profile.profile;
    const startMs = Date.now() - 5 * DAY;
    const arrivals = fourDays(createRng(SEED), startMs);
    const withCheckpoints = freshKeys(c.id);
    const fromStart = freshKeys(c.id);
    await append(withCheckpoints, arrivals);
    await append(fromStart, arrivals);
    const deps = { timeZone: tz, targets: c.targets, apps: city.profile.apps };
    const a = createReplayStore(redis, withCheckpoints, deps);
    const b = createReplayStore(redis, fromStart, deps);
    const nowMs = Date.now();
    const built = await a.advanceCheckpoints(nowMs);
    expect(built).toBeGreaterThanOrEqual(14);
    // Each checkpoint holds a fraction of the whole state: two days of it.
    const checkpoints = await a.checkpoints();
    const first = checkpoints[0];
    expect(first && first.boundaryMs - startMs).toBeLessThanOrEqual(REPLAY_CHECKPOINT_EVERY_MS);

    const svcA = service(a, nowMs);
    const svcB = service(b, nowMs);
    const rng = createRng(SEED + 1);
    // Moments past the horizon of the first checkpoints, where pruning has happened, and some just after a boundary.
    const moments = Array.from({ length: 10 }, () => startMs + REPLAY_HORIZON_MS + rng.int(0, 2 * DAY - HOUR));
    // Right after boundaries while the day is busy: the sparkline's hour lies wholly before the checkpoint.
    moments.push(...checkpoints.filter((cp) => cp.boundaryMs < startMs + 4 * DAY - HOUR).slice(-4).map((cp) => cp.boundaryMs + rng.int(0, 2_000)));
    let viaLastBoundary = '';
    for (const atMs of moments) {
      const at = toIsoWithOffset(atMs, tz);
      const viaCheckpoint = await svcA.snapshotAt('live', at, { reuse: false });
      const viaStart = await svcB.snapshotAt('live', at, { reuse: false });
      if (!viaCheckpoint.ok || !viaStart.ok) throw new Error(`seed ${SEED}: ${JSON.stringify([viaCheckpoint, viaStart].filter((x) => !x.ok))}`);
      expect(viaCheckpoint.snapshot.from.kind).toBe('checkpoint');
      expect(viaStart.snapshot.from.kind).toBe('stream-start');
      const got = normal(viaCheckpoint.snapshot.json('operator')) as Snapshot;
      const want = normal(viaStart.snapshot.json('operator')) as Snapshot;
      expect(got, `seed ${SEED}, at ${at}`).toEqual(want);
      viaLastBoundary = viaCheckpoint.snapshot.json('operator');
    }
    // The moments were not empty: the comparison saw queues, open incidents and KPIs.
    const sample = await svcA.snapshotAt('live', toIsoWithOffset(moments[0] ?? 0, tz), { reuse: false });
    if (!sample.ok) throw new Error(sample.message);
    const s = JSON.parse(sample.snapshot.json('operator')) as Snapshot;
    expect(s.incidents.open.length + s.calls.waiting.length).toBeGreaterThan(0);
    const sparkline = Object.values((normal(viaLastBoundary) as Snapshot).apps.sparklines ?? {}).flat();
    expect(sparkline.some((n) => n > 0)).toBe(true);
    expect(s.kpis.calls.all.offered).toBeGreaterThan(0);
    await svcA.close();
    await svcB.close();
  });
});
