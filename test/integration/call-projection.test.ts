// How events make a call, on real Redis through the one projection (project.lua): the status it
// stores, its KPI contribution (read back by read-call-totals.lua with the same rule), and how
// repeated facts merge. Arrival order is the property test's business (projection-order.test.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { Location, type EventOf, type PantauEvent } from '../../shared/contract/events.ts';
import { emptyTotals } from '../../server/domain/call-record.ts';
import { parseIncidentRecord } from '../../server/domain/incident-record.ts';
import { applyInOrder, callSpecEvents, connectTestRedis, freshKeys, projectedCall, totalsOfCalls, type CallSpec } from '../support/projection-harness.ts';

const redis = connectTestRedis();
afterAll(() => redis.quit());

const T0 = Date.parse('2026-11-23T10:00:00+07:00');
const S = 1000;

describe('the status the projection stores', () => {
  it.each<[string, CallSpec, string]>([
    ['received only', {}, 'waiting'],
    ['answered', { answeredAtMs: T0 + 1 }, 'answered'],
    ['answered and ended', { answeredAtMs: T0 + 1, endedAtMs: T0 + 9 }, 'ended'],
    ['answered and abandoned (answer wins)', { answeredAtMs: T0 + 1, abandonedAtMs: T0 + 2 }, 'answered'],
    ['abandoned', { abandonedAtMs: T0 + 5 }, 'abandoned'],
    ['abandoned and expired', { abandonedAtMs: T0 + 5, expiredAtMs: T0 + 9 }, 'abandoned'],
    ['expired', { expiredAtMs: T0 + 5 }, 'expired'],
    ['ended without answer', { endedAtMs: T0 + 5 }, 'ended'],
    ['nothing but an answer (received still missing)', { receivedAtMs: null, answeredAtMs: T0 }, 'answered'],
  ])('%s → %s', async (_name, over, status) => {
    const spec = { callId: 'C1', receivedAtMs: T0, ...over };
    expect((await projectedCall(redis, 'C1', callSpecEvents(spec))).status).toBe(status);
  });
});

describe('the KPI contribution of one call', () => {
  it.each<[string, CallSpec, Partial<ReturnType<typeof emptyTotals>>]>([
    ['no receivedAt: nothing', { receivedAtMs: null, answeredAtMs: T0 }, {}],
    ['waiting: offered only', {}, { offered: 1 }],
    // wait 15 s: ≤ 15 s and ≤ 20 s
    ['answered at exactly 15 s', { answeredAtMs: T0 + 15 * S }, { offered: 1, answered: 1, waitMs: 15_000, ans15: 1, ans20: 1 }],
    ['answered at 15.001 s', { answeredAtMs: T0 + 15_001 }, { offered: 1, answered: 1, waitMs: 15_001, ans20: 1 }],
    ['answered at exactly 20 s', { answeredAtMs: T0 + 20 * S }, { offered: 1, answered: 1, waitMs: 20_000, ans20: 1 }],
    ['answered at 21 s', { answeredAtMs: T0 + 21 * S }, { offered: 1, answered: 1, waitMs: 21_000 }],
    ['answered before received (clock skew): wait 0', { answeredAtMs: T0 - 3 * S }, { offered: 1, answered: 1, ans15: 1, ans20: 1 }],
    ['answered with a disposition', { answeredAtMs: T0 + S, disposition: 'prank' }, { offered: 1, answered: 1, waitMs: 1000, ans15: 1, ans20: 1, byDisposition: { prank: 1 } }],
    // abandons count against SL only past the threshold
    ['abandoned at 5 s', { abandonedAtMs: T0 + 5 * S }, { offered: 1, abandoned: 1 }],
    ['abandoned at exactly 15 s', { abandonedAtMs: T0 + 15 * S }, { offered: 1, abandoned: 1 }],
    ['abandoned at 16 s', { abandonedAtMs: T0 + 16 * S }, { offered: 1, abandoned: 1, abn15: 1 }],
    ['abandoned at 21 s', { abandonedAtMs: T0 + 21 * S }, { offered: 1, abandoned: 1, abn15: 1, abn20: 1 }],
    ['answered and abandoned: the answer counts', { answeredAtMs: T0 + 2 * S, abandonedAtMs: T0 + 30 * S }, { offered: 1, answered: 1, waitMs: 2000, ans15: 1, ans20: 1 }],
    ['disposition without answer is not counted', { abandonedAtMs: T0 + S, disposition: 'prank' }, { offered: 1, abandoned: 1 }],
    ['expired: offered only', { expiredAtMs: T0 + 3_600_000 }, { offered: 1 }],
  ])('%s', async (_name, over, want) => {
    expect(await totalsOfCalls(redis, [{ receivedAtMs: T0, ...over }])).toEqual({ ...emptyTotals(), ...want });
  });

  it('sums calls and drops zero dispositions', async () => {
    const sum = await totalsOfCalls(redis, [{ receivedAtMs: T0, answeredAtMs: T0 + 3000, disposition: 'info' }, { receivedAtMs: T0, abandonedAtMs: T0 + 30_000 }]);
    expect(sum).toEqual({ ...emptyTotals(), offered: 2, answered: 1, abandoned: 1, waitMs: 3000, ans15: 1, ans20: 1, abn15: 1, abn20: 1, byDisposition: { info: 1 } });
  });
});

describe('repeated facts about one call', () => {
  let n = 0;
  const base = (atMs: number) => ({ id: `e${++n}`, at: new Date(atMs).toISOString(), source: 'test' });
  const received = (atMs: number, over: Partial<EventOf<'call.received'>> = {}): PantauEvent => ({ ...base(atMs), type: 'call.received', callId: 'C1', line: '112', ...over });
  const answered = (atMs: number, agentId: string): PantauEvent => ({ ...base(atMs), type: 'call.answered', callId: 'C1', agentId });
  const ended = (atMs: number, over: Partial<EventOf<'call.ended'>> = {}): PantauEvent => ({ ...base(atMs), type: 'call.ended', callId: 'C1', ...over });

  it('merge: earliest receipt (line), earliest answer (agent), latest end, the latest end that carries a disposition', async () => {
    const r = await projectedCall(redis, 'C1', [
      received(T0 + 1000, { caller: { number: '081234567789' }, location: Location.parse({ kecamatan: '36.71.07' }) }),
      received(T0, { line: '119' }),
      answered(T0 + 9000, 'A2'),
      answered(T0 + 8000, 'A1'),
      ended(T0 + 60_000, { disposition: 'info' }),
      ended(T0 + 90_000, { disposition: 'prank' }),
      ended(T0 + 95_000),
      { ...base(T0), type: 'app.activity', appId: 'a', kind: 'session' },
    ]);
    expect(r).toEqual({
      callId: 'C1', line: '119', receivedAtMs: T0, answeredAtMs: T0 + 8000, abandonedAtMs: null, endedAtMs: T0 + 95_000,
      expiredAtMs: null, agentId: 'A1', disposition: 'prank', callerNumber: '081234567789', kecamatan: '36.71.07', status: 'ended',
      repeat24h: null, prank24h: null,
    });
  });

  it('keeps an event for an unknown call (answered with no received yet), which counts nothing', async () => {
    const r = await projectedCall(redis, 'C1', [answered(T0, 'A1')]);
    expect(r).toMatchObject({ receivedAtMs: null, answeredAtMs: T0 });
    expect(await totalsOfCalls(redis, [{ callId: 'Z', receivedAtMs: null, answeredAtMs: T0 }])).toEqual(emptyTotals());
  });
});

describe('the status of an incident: the furthest stage reached', () => {
  const stage = (type: 'incident.reported' | 'incident.dispatched' | 'incident.on_scene' | 'incident.closed', atMs: number): PantauEvent => {
    const base = { id: `${type}:${atMs}`, at: new Date(atMs).toISOString(), source: 'test', incidentId: 'I1' };
    if (type === 'incident.reported') return { ...base, type, line: '112', category: 'fire', priority: 2, location: { kecamatan: Location.parse({ kecamatan: '36.71.01' }).kecamatan } } as PantauEvent;
    if (type === 'incident.dispatched') return { ...base, type, agency: 'fire' };
    if (type === 'incident.closed') return { ...base, type, outcome: 'resolved' };
    return { ...base, type };
  };
  it.each<[string, PantauEvent[], string, boolean]>([
    ['reported', [stage('incident.reported', T0)], 'reported', true],
    ['dispatched', [stage('incident.reported', T0), stage('incident.dispatched', T0 + 1)], 'dispatched', true],
    ['on scene', [stage('incident.reported', T0), stage('incident.dispatched', T0 + 1), stage('incident.on_scene', T0 + 2)], 'on_scene', true],
    ['on scene, no dispatch seen', [stage('incident.reported', T0), stage('incident.on_scene', T0 + 2)], 'on_scene', true],
    ['closed', [stage('incident.reported', T0), stage('incident.closed', T0 + 3)], 'closed', false],
    ['dispatched before any report: not open', [stage('incident.dispatched', T0 + 1)], 'dispatched', false],
  ])('%s', async (_name, events, status, open) => {
    const keys = freshKeys();
    await applyInOrder(redis, keys, events);
    expect(parseIncidentRecord('I1', await redis.hgetall(`${keys.incidentPrefix}I1`)).status).toBe(status);
    expect(await redis.zscore(keys.incidentsOpen, 'I1') !== null).toBe(open);
  });
});
