// GET /api/v1/snapshot?at=: the snapshot as the wall showed it at a past moment. Events are
// posted in seeded batches (out-of-order pairs included); after each batch the live snapshot
// is captured with the clock standing at the batch's last arrival. Then every captured moment
// is asked back: from the stream's start, from checkpoints, and folding forward from an earlier
// moment, each must equal what the live snapshot said then, for every role that may ask, and
// no live key may change on the way.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import type { PantauEvent } from '../../shared/contract/events.ts';
import { Snapshot } from '../../shared/contract/views.ts';
import { toIsoWithOffset } from '../../server/domain/time.ts';
import { DISPLAY_TOKEN, EXECUTIVE_TOKEN, OPERATOR_TOKEN, PRESENTER_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { createRng, type Rng } from '../support/fuzz-rng.ts';
import { makeAppActivity, makeCallAbandoned, makeCallAnswered, makeCallEnded, makeCallReceived, makeIncidentReported, wib } from '../support/factories.ts';
import { connectTestRedis, dumpDerived } from '../support/projection-harness.ts';
import { loadTestCity, type TestCity } from '../support/test-city-data.ts';

const SEED = Number(process.env.PANTAU_TEST_SEED ?? 18_005);

let app: TestApp;
let redis: Redis;
let city: TestCity;
let nowMs = 0;

beforeEach(async () => {
  city = await loadTestCity();
  nowMs = Date.now();
  // No detectors: every alert must come from the events posted. No background checkpoints: the test builds them.
  app = await startApp({}, { clock: () => nowMs, alertDetectors: false, replayCheckpoints: false });
  redis = connectTestRedis();
});
afterEach(async () => {
  await app.close();
  redis.disconnect();
});

/** One batch of a scripted hour: new calls and incidents, answers and closings of earlier ones, some before their receipt. */
function batch(rng: Rng, open: { calls: string[]; incidents: string[] }): PantauEvent[] {
  const out: PantauEvent[] = [];
  const t = Date.now();
  for (let i = rng.int(2, 5); i > 0; i--) {
    const call = makeCallReceived({ line: rng.pick(['112', '119'] as const), at: wib(t - rng.int(0, 50_000)), caller: { number: `0812${rng.string(7, '0123456789')}` } });
    if (rng.chance(0.3)) {
      // The answer arrives before its receipt, in the same batch or alone.
      out.push(makeCallAnswered({ callId: call.callId, agentId: `agent-${rng.int(1, 4)}`, at: wib(t) }));
    } else {
      open.calls.push(call.callId);
    }
    out.push(call);
  }
  for (let i = rng.int(0, 2); i > 0 && open.calls.length > 0; i--) {
    const callId = open.calls.splice(rng.int(0, open.calls.length - 1), 1)[0] ?? '';
    if (rng.chance(0.5)) out.push(makeCallAnswered({ callId, agentId: `agent-${rng.int(1, 4)}`, at: wib(t) }), makeCallEnded({ callId, at: wib(t + 1), disposition: rng.pick(['emergency', 'prank', 'info'] as const) }));
    else out.push(makeCallAbandoned({ callId, at: wib(t) }));
  }
  for (let i = rng.int(0, 2); i > 0; i--) {
    const [lat, lon] = rng.pick(city.pointsInside(8, SEED));
    const inc = makeIncidentReported({ category: rng.pick(['fire', 'medical', 'flood'] as const), priority: rng.int(1, 4) as 1 | 2 | 3 | 4, location: { lat, lon }, at: wib(t - rng.int(0, 60_000)) });
    out.push(inc);
    open.incidents.push(inc.incidentId);
  }
  if (open.incidents.length > 1 && rng.chance(0.6)) {
    const incidentId = open.incidents.splice(0, 1)[0] ?? '';
    out.push(
      { id: `d-${incidentId}`, type: 'incident.dispatched', at: wib(t), source: 'test', incidentId, agency: 'fire' },
      { id: `c-${incidentId}`, type: 'incident.closed', at: wib(t + 5), source: 'test', incidentId, outcome: 'resolved' },
    );
  }
  out.push(makeAppActivity({ appId: rng.pick(city.appIds.slice(0, 5)), kind: rng.pick(['session', 'transaction', 'complaint'] as const), count: rng.int(1, 40), at: wib(t) }));
  return out;
}

interface Moment { at: string; position: string; byRole: Record<string, Snapshot> }

const byKey = <T>(key: (x: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * The lists in an order of their own: a process lists entities in the order it met them (a
 * live feed: as events arrived; a fresh load: as Redis returns them). Nothing reads that order
 * (each screen sorts), and a restarted server would differ the same way.
 */
function normal(s: unknown): unknown {
  const snap = Snapshot.parse(s);
  return {
    ...snap,
    calls: {
      ...snap.calls,
      waiting: [...snap.calls.waiting].sort(byKey((c) => `${c.receivedAt}|${c.callId}`)),
      agents: [...snap.calls.agents].sort(byKey((a) => a.agentId)),
    },
    incidents: { ...snap.incidents, open: [...snap.incidents.open].sort(byKey((i) => i.incidentId)) },
    alerts: [...snap.alerts].sort(byKey((a) => a.alertId)),
  };
}

const ROLES = { operator: OPERATOR_TOKEN, executive: EXECUTIVE_TOKEN } as const;

async function lastArrivalMs(): Promise<number> {
  const [last] = (await redis.xrevrange(app.keys('live').stream, '+', '-', 'COUNT', 1)) as [string, string[]][];
  return Number(last?.[0].split('-')[0]);
}

/** Posts the batches, capturing the live snapshot of each role after each one, the clock at the batch's last arrival. */
async function postAndCapture(seed: number, batches: number): Promise<Moment[]> {
  const rng = createRng(seed);
  const open = { calls: [] as string[], incidents: [] as string[] };
  const moments: Moment[] = [];
  for (let b = 0; b < batches; b++) {
    const r = await app.post('/api/v1/events', batch(rng, open));
    expect(r.status, r.text).toBe(200);
    nowMs = await lastArrivalMs();
    const byRole: Record<string, Snapshot> = {};
    for (const [role, token] of Object.entries(ROLES)) {
      const s = await app.get('/api/v1/snapshot', token);
      expect(s.status).toBe(200);
      byRole[role] = Snapshot.parse(s.json);
    }
    const op = byRole.operator as Snapshot;
    expect(op.at).toBe(toIsoWithOffset(nowMs, city.profile.profile.timezone));
    moments.push({ at: op.at, position: op.position, byRole });
  }
  return moments;
}

async function past(at: string, token: string): Promise<{ status: number; body: unknown; from: string | null }> {
  const r = await app.get(`/api/v1/snapshot?at=${encodeURIComponent(at)}`, token);
  return { status: r.status, body: r.json, from: r.headers.get('x-pantau-replay-from') };
}

describe('the snapshot at a past moment', () => {
  it('equals the live snapshot captured at that moment, for each role, from the stream start, checkpoints and earlier moments', async () => {
    const moments = await postAndCapture(SEED, 6);
    // Later moments: the clock moves on, the past stays what it was.
    nowMs += 3_600_000;
    const liveBefore = await dumpDerived(redis, app.keys('live'));
    const streamLength = await redis.xlen(app.keys('live').stream);

    const fromStart: unknown[] = [];
    for (const m of moments) {
      for (const [role, token] of Object.entries(ROLES)) {
        const got = await app.replay.service.snapshotAt('live', m.at, { reuse: false });
        expect(got.ok).toBe(true);
        if (!got.ok) continue;
        expect(got.snapshot.from, `seed ${SEED}`).toEqual({ kind: 'stream-start' });
        expect(normal(JSON.parse(got.snapshot.json(role === 'operator' ? 'operator' : 'executive'))), `seed ${SEED}, ${role} at ${m.at}`).toEqual(normal(m.byRole[role]));
        // Over HTTP, in the role's own redaction.
        const overHttp = await past(m.at, token);
        expect(overHttp.status).toBe(200);
        expect(normal(overHttp.body), `seed ${SEED}, ${role} at ${m.at} over HTTP`).toEqual(normal(m.byRole[role]));
      }
      fromStart.push(normal(m.byRole.operator));
    }
    // Executives never see a caller's number, in the past either.
    expect(JSON.stringify(moments.map((m) => m.byRole.executive))).not.toMatch(/0812\d{7}/);

    // Checkpoints between the batches: each moment now folds from the one before it.
    const store = app.replay.stores.live;
    for (const m of moments.slice(0, -1)) await store.buildCheckpoint(Number(m.position.split('-')[0]) + 1);
    expect((await store.checkpoints()).length).toBe(moments.length - 1);
    for (const [i, m] of moments.entries()) {
      const got = await app.replay.service.snapshotAt('live', m.at, { reuse: false });
      if (!got.ok) throw new Error(got.message);
      if (i > 0) expect(got.snapshot.from.kind).toBe('checkpoint');
      expect(normal(JSON.parse(got.snapshot.json('operator'))), `seed ${SEED}, checkpoint path at ${m.at}`).toEqual(fromStart[i]);
    }

    // Stepping forward through the moments reuses the space left at the one before.
    for (const [i, m] of moments.entries()) {
      const got = await past(m.at, OPERATOR_TOKEN);
      expect(got.status).toBe(200);
      expect(normal(got.body)).toEqual(fromStart[i]);
    }

    // Nothing of the live space moved.
    expect(await dumpDerived(redis, app.keys('live'))).toEqual(liveBefore);
    expect(await redis.xlen(app.keys('live').stream)).toBe(streamLength);
  });

  it('is for operators and executives only, and names `at` when it is bad', async () => {
    const [m] = await postAndCapture(SEED + 1, 1);
    if (!m) throw new Error('no moment');
    expect((await past(m.at, DISPLAY_TOKEN)).status).toBe(403);
    expect((await past(m.at, PRESENTER_TOKEN)).status).toBe(403);
    // No credential is the demo visitor: asked for a credential.
    expect((await app.get(`/api/v1/snapshot?at=${encodeURIComponent(m.at)}`)).status).toBe(401);
    // Without `at`, the live snapshot keeps its roles.
    expect((await app.get('/api/v1/snapshot', DISPLAY_TOKEN)).status).toBe(200);

    const tz = city.profile.profile.timezone;
    const firstMs = Number(((await redis.xrange(app.keys('live').stream, '-', '+', 'COUNT', 1)) as [string, string[]][])[0]?.[0].split('-')[0]);
    for (const bad of ['yesterday', '2026-12-05 10:00', '2026-13-45T10:00:00+07:00', toIsoWithOffset(nowMs + 60_000, tz), toIsoWithOffset(firstMs - 60_000, tz)]) {
      const r = await past(bad, OPERATOR_TOKEN);
      expect(r.status, bad).toBe(400);
      expect(r.body, bad).toMatchObject({ error: { field: 'at' } });
    }
  });

  it('answers from a seed checkpoint once the stream has lost its start, and refuses moments before it', async () => {
    const before = await postAndCapture(SEED + 2, 2);
    // Retention trimmed the stream's start: a fold from the start would lose what only the state still holds.
    await redis.xtrim(app.keys('live').stream, 'MAXLEN', 1);
    const seeded = await app.replay.stores.live.advanceCheckpoints(nowMs);
    expect(seeded).toBe(1);
    const [seed] = await app.replay.stores.live.checkpoints();
    if (!seed) throw new Error('no seed');
    const last = before.at(-1) as Moment;
    // The seed is the live state at the stream's end, which is the last captured moment's.
    const got = await past(toIsoWithOffset(seed.boundaryMs, city.profile.profile.timezone), OPERATOR_TOKEN);
    expect(got.status, got.from ?? JSON.stringify(got.body)).toBe(200);
    const { at: _a, kpis: k1, ...rest } = normal(got.body) as Snapshot;
    const { at: _b, kpis: k2, ...expected } = normal(last.byRole.operator) as Snapshot;
    expect(rest).toEqual(expected);
    expect(k1.calls.all.offered).toBe(k2.calls.all.offered);
    expect((await past(before[0]?.at ?? '', OPERATOR_TOKEN)).status).toBe(400);
  });
});
