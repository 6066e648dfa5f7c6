// Callbacks and repeat callers (issue 16) on real Redis through the one projection
// (lua/callback.lua): each rule of the callback list, its KPIs and the repeat/prank counts, in
// every arrival order of the events that state it (seeded; the seed is printed on failure) and
// with repeated ids. The whole projection's order property is projection-order.test.ts's.
import { afterAll, describe, expect, it } from 'vitest';
import type { CallbackOutcome, Disposition, PantauEvent } from '../../shared/contract/events.ts';
import type { CallbackEntry } from '../../shared/contract/views.ts';
import { addTotals, parseCallRecord, type CallRecord } from '../../server/domain/call-record.ts';
import { toCallbackEntry } from '../../server/domain/callback-record.ts';
import { computeCallKpis } from '../../server/domain/call-kpis.ts';
import { cityDayKey } from '../../server/domain/time.ts';
import { readContributions } from '../../server/store/read-calls.ts';
import { readState } from '../../server/store/read-state.ts';
import { createRng } from '../support/fuzz-rng.ts';
import { batchSplit, shuffled } from '../support/conflict-events.ts';
import { TZ, applyInOrder, connectTestRedis, freshKeys } from '../support/projection-harness.ts';

const redis = connectTestRedis();
afterAll(() => redis.quit());

const T0 = Date.parse('2026-11-23T10:00:00.000+07:00');
const S = 1000;
const MIN = 60 * S;
const NUM = '0812-3456-789';
const SEED = Number(process.env.PANTAU_PROPERTY_SEED ?? Date.now() % 1_000_000);
const ORDERS = 6;

let seq = 0;
const env = (ms: number, source = 'pbx') => ({ id: `e${seq++}`, at: new Date(ms).toISOString(), source });
const received = (callId: string, ms: number, number: string | null = NUM): PantauEvent => ({
  ...env(ms), type: 'call.received', callId, line: '112', ...(number === null ? {} : { caller: { number } }),
});
const abandoned = (callId: string, ms: number): PantauEvent => ({ ...env(ms), type: 'call.abandoned', callId });
const answered = (callId: string, ms: number): PantauEvent => ({ ...env(ms), type: 'call.answered', callId, agentId: 'a1' });
const ended = (callId: string, ms: number, disposition: Disposition): PantauEvent => ({ ...env(ms), type: 'call.ended', callId, disposition });
const callback = (callId: string, ms: number, outcome: CallbackOutcome): PantauEvent => ({ ...env(ms, 'pantau-operator'), type: 'call.callback', callId, agentId: 'op-1', outcome });

interface Observed {
  callbacks: CallbackEntry[];
  waiting: Record<string, Pick<CallRecord, 'repeat24h' | 'prank24h'>>;
  kpis: NonNullable<ReturnType<typeof computeCallKpis>['callbacks']>;
}

async function observe(events: readonly PantauEvent[], batches?: number[]): Promise<Observed> {
  const keys = freshKeys();
  await applyInOrder(redis, keys, events, batches ?? [events.length]);
  const state = await readState(redis, keys, cityDayKey(T0, TZ), T0);
  const callbacks = [...state.callbacks].flatMap(([id, h]) => {
    const e = toCallbackEntry(id, h, TZ, 'operator');
    return e === null ? [] : [e];
  });
  const waiting: Observed['waiting'] = {};
  for (const [id, h] of state.waiting) {
    const r = parseCallRecord(id, h);
    waiting[id] = { repeat24h: r.repeat24h, prank24h: r.prank24h };
  }
  const byLine = await readContributions(redis, keys, 0, 8.64e15, '');
  const kpis = computeCallKpis(addTotals(byLine['112'], byLine['119'])).callbacks;
  if (kpis === undefined) throw new Error('no callback KPIs');
  return { callbacks: callbacks.sort((a, b) => (a.callId < b.callId ? -1 : 1)), waiting, kpis };
}

/** The same result for the events in order, in ORDERS seeded shuffles (random batch splits), and with every event sent twice. */
async function inAnyOrder(events: readonly PantauEvent[]): Promise<Observed> {
  const want = await observe(events);
  const rng = createRng(SEED);
  for (let o = 0; o < ORDERS; o++) {
    const order = shuffled(rng, [...events, ...(o % 2 === 1 ? events : [])]);
    const got = await observe(order, batchSplit(rng, order.length));
    expect(got, `seed ${SEED} (PANTAU_PROPERTY_SEED=${SEED}), order ${o}: ${order.map((e) => `${e.type}@${e.at}`).join(' ')}`).toEqual(want);
  }
  return want;
}

describe('the callback list', () => {
  it('lists an abandoned call with a number, not one without a number or an answered one', async () => {
    const got = await inAnyOrder([
      received('C1', T0), abandoned('C1', T0 + 30 * S),
      received('C2', T0, null), abandoned('C2', T0 + 10 * S),
      received('C3', T0, '0813'), answered('C3', T0 + 5 * S), abandoned('C3', T0 + 9 * S),
    ]);
    expect(got.callbacks).toEqual([{
      callId: 'C1', line: '112', abandonedAt: '2026-11-23T10:00:30.000+07:00', lastAbandonedAt: '2026-11-23T10:00:30.000+07:00',
      attempts: 1, tries: 0, lastOutcome: null, lastCallbackAt: null, caller: { number: NUM },
    }]);
    expect(got.kpis).toEqual({ due: 1, calledBack: 0, within2m: 0, calledBackRate: 0, within2mRate: 0 });
  });

  it('merges repeat abandonments by the same number (written differently) into one entry: the first call, with the attempts', async () => {
    const got = await inAnyOrder([
      received('C1', T0), abandoned('C1', T0 + 20 * S),
      received('C2', T0 + 2 * MIN, '0812 3456 789'), abandoned('C2', T0 + 3 * MIN),
      received('C3', T0 + 5 * MIN), abandoned('C3', T0 + 6 * MIN),
    ]);
    expect(got.callbacks.map((e) => [e.callId, e.attempts, e.lastAbandonedAt])).toEqual([['C1', 3, '2026-11-23T10:06:00.000+07:00']]);
  });

  it('a reached callback on any of the number\'s calls settles every abandonment before it; a later one is a new entry', async () => {
    const got = await inAnyOrder([
      received('C1', T0), abandoned('C1', T0 + 20 * S),
      received('C2', T0 + MIN), abandoned('C2', T0 + 2 * MIN),
      callback('C2', T0 + 3 * MIN, 'reached'),
      received('C3', T0 + 10 * MIN), abandoned('C3', T0 + 11 * MIN),
    ]);
    expect(got.callbacks.map((e) => [e.callId, e.attempts])).toEqual([['C3', 1]]);
    // C1 was called back 2:40 after its abandonment (by C2's callback), C2 after 1:00, C3 not yet.
    expect(got.kpis).toEqual({ due: 3, calledBack: 2, within2m: 1, calledBackRate: 0.6667, within2mRate: 0.3333 });
  });

  it('no-answer and busy are attempts: the entry stays with its tries and last outcome; invalid-number settles it', async () => {
    const stays = await inAnyOrder([
      received('C1', T0), abandoned('C1', T0 + 20 * S),
      callback('C1', T0 + MIN, 'no-answer'), callback('C1', T0 + 4 * MIN, 'busy'),
    ]);
    expect(stays.callbacks.map((e) => [e.callId, e.tries, e.lastOutcome, e.lastCallbackAt])).toEqual([['C1', 2, 'busy', '2026-11-23T10:04:00.000+07:00']]);
    expect(stays.kpis).toMatchObject({ due: 1, calledBack: 1, within2m: 1 });
    const settled = await inAnyOrder([received('C1', T0), abandoned('C1', T0 + 20 * S), callback('C1', T0 + 5 * MIN, 'invalid-number')]);
    expect(settled.callbacks).toEqual([]);
    expect(settled.kpis).toMatchObject({ due: 1, calledBack: 1, within2m: 0 });
  });

  it('a callback on the call itself counts even when its time is before the abandonment (a PBX clock ahead)', async () => {
    const got = await inAnyOrder([received('C1', T0), abandoned('C1', T0 + 2 * MIN), callback('C1', T0 + MIN, 'reached')]);
    expect(got.callbacks).toEqual([]);
    expect(got.kpis).toEqual({ due: 1, calledBack: 1, within2m: 1, calledBackRate: 1, within2mRate: 1 });
  });

  it('a callback on another call of the number before this abandonment does not settle it', async () => {
    const got = await inAnyOrder([
      received('C1', T0), abandoned('C1', T0 + 20 * S), callback('C1', T0 + MIN, 'reached'),
      received('C2', T0 + 5 * MIN), abandoned('C2', T0 + 6 * MIN),
    ]);
    expect(got.callbacks.map((e) => [e.callId, e.attempts, e.tries])).toEqual([['C2', 1, 0]]);
  });

  it('within 2 minutes is ≤ 120 s after the abandonment', async () => {
    const got = await inAnyOrder([
      received('C1', T0, '0811'), abandoned('C1', T0 + 10 * S), callback('C1', T0 + 130 * S, 'reached'),
      received('C2', T0, '0822'), abandoned('C2', T0 + 10 * S), callback('C2', T0 + 131 * S, 'reached'),
    ]);
    expect(got.kpis).toEqual({ due: 2, calledBack: 2, within2m: 1, calledBackRate: 1, within2mRate: 0.5 });
  });

  it('a callback for a call not received yet is kept and counts when the call arrives', async () => {
    const got = await inAnyOrder([callback('C1', T0 + MIN, 'reached'), received('C1', T0), abandoned('C1', T0 + 30 * S)]);
    expect(got.callbacks).toEqual([]);
    expect(got.kpis).toMatchObject({ due: 1, calledBack: 1, within2m: 1 });
  });
});

describe('repeat and prank callers beside a waiting call', () => {
  it('counts the number\'s calls in the 24 h up to the waiting call, and those that ended as prank or ghost', async () => {
    const got = await inAnyOrder([
      // 30 hours before: outside the window.
      received('OLD', T0 - 30 * 60 * MIN), answered('OLD', T0 - 30 * 60 * MIN + S), ended('OLD', T0 - 30 * 60 * MIN + MIN, 'prank'),
      received('P1', T0 - 5 * 60 * MIN), answered('P1', T0 - 5 * 60 * MIN + S), ended('P1', T0 - 5 * 60 * MIN + MIN, 'prank'),
      received('P2', T0 - 60 * MIN), answered('P2', T0 - 60 * MIN + S), ended('P2', T0 - 60 * MIN + MIN, 'ghost'),
      received('E1', T0 - 30 * MIN), answered('E1', T0 - 30 * MIN + S), ended('E1', T0 - 29 * MIN, 'emergency'),
      received('W', T0),
      received('OTHER', T0, '0899'),
      received('NONUM', T0, null),
    ]);
    expect(got.waiting).toEqual({
      W: { repeat24h: 4, prank24h: 2 },
      OTHER: { repeat24h: 1, prank24h: 0 },
      NONUM: { repeat24h: null, prank24h: null },
    });
  });

  it('a call that stops waiting drops its counts', async () => {
    const keys = freshKeys();
    await applyInOrder(redis, keys, [received('W', T0), answered('W', T0 + S)]);
    const h = await redis.hgetall(`${keys.callPrefix}W`);
    expect(h['repeat24h']).toBeUndefined();
    expect(h['prank24h']).toBeUndefined();
  });

  it('an earlier receipt naming another number moves the call to that number', async () => {
    const got = await inAnyOrder([
      received('C1', T0 + 10 * S, '0811'), received('C1', T0, '0822'), abandoned('C1', T0 + 30 * S),
      received('C2', T0 + MIN, '0811'),
    ]);
    expect(got.callbacks.map((e) => [e.callId, e.caller?.number])).toEqual([['C1', '0822']]);
    expect(got.waiting['C2']).toEqual({ repeat24h: 1, prank24h: 0 });
  });
});
