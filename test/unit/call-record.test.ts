import { describe, expect, it } from 'vitest';
import { Location, type EventOf, type PantauEvent } from '../../shared/contract/events.ts';
import { CallView } from '../../shared/contract/views.ts';
import {
  addTotals, callContribution, callStatus, emptyCallRecord, emptyTotals, foldCallEvents, parseCallRecord, subtractTotals,
  toCallView, type CallRecord,
} from '../../server/domain/call-record.ts';

const TZ = 'Asia/Jakarta';
const T0 = Date.parse('2026-11-23T10:00:00+07:00');
const at = (ms: number): string => new Date(ms).toISOString();

function must<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('missing');
  return x;
}

function record(over: Partial<CallRecord> = {}): CallRecord {
  return { ...emptyCallRecord('C1'), line: '112', receivedAtMs: T0, ...over };
}

let n = 0;
const base = (atMs: number) => ({ id: `e${++n}`, at: at(atMs), source: 'test' });
const received = (callId: string, atMs: number, over: Partial<EventOf<'call.received'>> = {}): EventOf<'call.received'> =>
  ({ ...base(atMs), type: 'call.received', callId, line: '112', ...over });
const answered = (callId: string, atMs: number, agentId = 'A1'): EventOf<'call.answered'> =>
  ({ ...base(atMs), type: 'call.answered', callId, agentId });
const abandoned = (callId: string, atMs: number): EventOf<'call.abandoned'> => ({ ...base(atMs), type: 'call.abandoned', callId });
const ended = (callId: string, atMs: number, over: Partial<EventOf<'call.ended'>> = {}): EventOf<'call.ended'> =>
  ({ ...base(atMs), type: 'call.ended', callId, ...over });
const expired = (callId: string, atMs: number): EventOf<'call.expired'> => ({ ...base(atMs), type: 'call.expired', callId });

describe('parseCallRecord', () => {
  it('reads every field of the hash', () => {
    const r = parseCallRecord('C9', {
      line: '119', receivedAt: String(T0), answeredAt: String(T0 + 4000), endedAt: String(T0 + 90_000),
      agentId: 'PJSIP/201', disposition: 'prank', callerNumber: '081234567789', kecamatan: '36.71.07',
    });
    expect(r).toEqual({
      callId: 'C9', line: '119', receivedAtMs: T0, answeredAtMs: T0 + 4000, abandonedAtMs: null, endedAtMs: T0 + 90_000,
      expiredAtMs: null, agentId: 'PJSIP/201', disposition: 'prank', callerNumber: '081234567789', kecamatan: '36.71.07',
    });
  });

  it('turns junk into null instead of failing', () => {
    const r = parseCallRecord('C9', { line: '911', receivedAt: 'yesterday', answeredAt: '', disposition: 'rude', agentId: '' });
    expect(r).toEqual(emptyCallRecord('C9'));
  });
});

describe('callStatus', () => {
  it.each<[string, Partial<CallRecord>, string]>([
    ['received only', {}, 'waiting'],
    ['answered', { answeredAtMs: T0 + 1 }, 'answered'],
    ['answered and ended', { answeredAtMs: T0 + 1, endedAtMs: T0 + 9 }, 'ended'],
    ['answered and abandoned (answer wins)', { answeredAtMs: T0 + 1, abandonedAtMs: T0 + 2 }, 'answered'],
    ['abandoned', { abandonedAtMs: T0 + 5 }, 'abandoned'],
    ['abandoned and expired', { abandonedAtMs: T0 + 5, expiredAtMs: T0 + 9 }, 'abandoned'],
    ['expired', { expiredAtMs: T0 + 5 }, 'expired'],
    ['ended without answer', { endedAtMs: T0 + 5 }, 'ended'],
    ['nothing but an answer (received still missing)', { receivedAtMs: null, answeredAtMs: T0 }, 'answered'],
    ['nothing', { receivedAtMs: null }, 'unknown'],
  ])('%s → %s', (_name, over, status) => {
    expect(callStatus(record(over))).toBe(status);
  });
});

describe('toCallView', () => {
  const r = record({ answeredAtMs: T0 + 12_000, agentId: 'A1', callerNumber: '081234567789', kecamatan: '36.71.01' });

  it('gives operators the full number, displays a masked one', () => {
    expect(toCallView(r, TZ, 'operator').caller).toEqual({ number: '081234567789' });
    expect(toCallView(r, TZ, 'display').caller).toEqual({ number: '0812****789' });
  });

  it('has no caller key at all for executives and demo viewers', () => {
    for (const role of ['executive', 'demo'] as const) {
      const v = toCallView(r, TZ, role);
      expect('caller' in v).toBe(false);
      expect(JSON.stringify(v)).not.toContain('0812');
    }
  });

  it('writes times with the city offset and matches the contract', () => {
    const v = toCallView(r, TZ, 'operator');
    expect(v).toMatchObject({ status: 'answered', receivedAt: '2026-11-23T10:00:00.000+07:00', answeredAt: '2026-11-23T10:00:12.000+07:00', endedAt: null });
    expect(CallView.safeParse(v).success).toBe(true);
  });

  it('has no caller when the number is unknown', () => {
    expect('caller' in toCallView(record(), TZ, 'operator')).toBe(false);
  });
});

describe('callContribution', () => {
  const S = 1000;
  it.each<[string, Partial<CallRecord>, Partial<ReturnType<typeof emptyTotals>>]>([
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
  ])('%s', (_name, over, want) => {
    expect(callContribution(record(over))).toEqual({ ...emptyTotals(), ...want });
  });

  it('add and subtract are inverse and drop zero dispositions', () => {
    const a = callContribution(record({ answeredAtMs: T0 + 3000, disposition: 'info' }));
    const b = callContribution(record({ abandonedAtMs: T0 + 30_000 }));
    const sum = addTotals(a, b);
    expect(sum).toEqual({ offered: 2, answered: 1, abandoned: 1, waitMs: 3000, ans15: 1, ans20: 1, abn15: 1, abn20: 1, byDisposition: { info: 1 } });
    expect(subtractTotals(sum, b)).toEqual(a);
    expect(subtractTotals(sum, sum)).toEqual(emptyTotals());
  });
});

describe('foldCallEvents', () => {
  it('merges a call: earliest received/answered/abandoned, latest ended, last disposition', () => {
    const events: PantauEvent[] = [
      received('C1', T0 + 1000, { caller: { number: '081234567789' }, location: Location.parse({ kecamatan: '36.71.07' }) }),
      received('C1', T0, { line: '119' }),
      answered('C1', T0 + 9000, 'A2'),
      answered('C1', T0 + 8000, 'A1'),
      ended('C1', T0 + 60_000, { disposition: 'info' }),
      ended('C1', T0 + 90_000, { disposition: 'prank' }),
      ended('C1', T0 + 95_000),
      { id: 'x', at: at(T0), source: 'test', type: 'app.activity', appId: 'a', kind: 'session' },
    ];
    const r = foldCallEvents(events).get('C1');
    expect(r).toEqual({
      callId: 'C1', line: '119', receivedAtMs: T0, answeredAtMs: T0 + 8000, abandonedAtMs: null, endedAtMs: T0 + 95_000,
      expiredAtMs: null, agentId: 'A1', disposition: 'prank', callerNumber: '081234567789', kecamatan: '36.71.07',
    });
  });

  it('gives the same records for every arrival order (permutations of a busy hour)', () => {
    // Several calls with every kind of event, out-of-order pairs and duplicates.
    const events: PantauEvent[] = [
      received('A', T0), answered('A', T0 + 12_000), ended('A', T0 + 80_000, { disposition: 'emergency' }),
      received('B', T0 + 5000, { caller: { number: '0215551234' } }), abandoned('B', T0 + 25_000), abandoned('B', T0 + 26_000),
      answered('C', T0 + 3000, 'A7'), received('C', T0 + 1000, { line: '119' }), ended('C', T0 + 2000),
      received('D', T0 + 7000), expired('D', T0 + 3_600_000),
      ended('E', T0 + 10_000, { disposition: 'ghost' }), ended('E', T0 + 9000, { disposition: 'prank' }), received('E', T0), answered('E', T0 + 4000),
    ];
    const want = foldCallEvents(events);
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let k = 0; k < 300; k++) {
      const shuffled = [...events];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [shuffled[i], shuffled[j]] = [must(shuffled[j]), must(shuffled[i])];
      }
      expect(foldCallEvents(shuffled)).toEqual(want);
    }
    expect(callStatus(must(want.get('A')))).toBe('ended');
    expect(callStatus(must(want.get('B')))).toBe('abandoned');
    expect(want.get('B')?.abandonedAtMs).toBe(T0 + 25_000);
    expect(want.get('C')).toMatchObject({ line: '119', answeredAtMs: T0 + 3000, agentId: 'A7' });
    expect(callStatus(must(want.get('D')))).toBe('expired');
    expect(want.get('E')).toMatchObject({ endedAtMs: T0 + 10_000, disposition: 'ghost' });
  });

  it('keeps an event for an unknown call (answered with no received yet)', () => {
    const r = foldCallEvents([answered('Z', T0)]).get('Z');
    expect(r).toMatchObject({ receivedAtMs: null, answeredAtMs: T0 });
    expect(callContribution(must(r))).toEqual(emptyTotals());
  });
});
