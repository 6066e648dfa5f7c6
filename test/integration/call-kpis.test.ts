// computeCallKpis over totals the projection counted (real Redis, read-call-totals.lua): the
// calls are described by their times and become events, so no rule is re-implemented here.
import { afterAll, describe, expect, it } from 'vitest';
import { CallKpis } from '../../shared/contract/kpis.ts';
import { computeCallKpis } from '../../server/domain/call-kpis.ts';
import { emptyTotals, type CallTotals } from '../../server/domain/call-record.ts';
import { todayWindow } from '../../server/domain/time.ts';
import { connectTestRedis, totalsOfCalls, type CallSpec } from '../support/projection-harness.ts';

const redis = connectTestRedis();
afterAll(() => redis.quit());

const T0 = Date.parse('2026-11-23T10:00:00+07:00');
const S = 1000;

function call(over: CallSpec): CallSpec {
  return { line: '112', receivedAtMs: T0, ...over };
}
function totalsOf(records: readonly CallSpec[], window?: { fromMs: number; toMs: number }): Promise<CallTotals> {
  return totalsOfCalls(redis, records, window);
}
const ZERO_DISPOSITIONS = { emergency: 0, 'non-emergency': 0, info: 0, prank: 0, ghost: 0, 'wrong-number': 0 };

describe('computeCallKpis', () => {
  it.each<[string, CallSpec[], Partial<CallKpis>]>([
    [
      // no answered: ASA and SL are null (not 0, not NaN); 1 abandoned ÷ 1 offered = 1
      'one abandon after 30 s',
      [call({ abandonedAtMs: T0 + 30 * S })],
      { offered: 1, answered: 0, abandoned: 1, asa: null, sl15: 0, sl20: 0, abandonmentRate: 1, prankShare: null },
    ],
    [
      // a short abandon is not in the SL denominator: 0 ÷ (0 + 0) → null
      'one abandon after 5 s',
      [call({ abandonedAtMs: T0 + 5 * S })],
      { offered: 1, answered: 0, abandoned: 1, asa: null, sl15: null, sl20: null, abandonmentRate: 1 },
    ],
    [
      // answered waits 10, 15, 20, 30 s → ASA = 75 / 4 = 18.75 → 18.8; ans15 = 2 (10, 15), ans20 = 3
      // abandons: 12 s (short), 18 s (> 15 only), 40 s (> 15 and > 20) → abn15 = 2, abn20 = 1
      // SL15 = 2 ÷ (4 + 2) = 0.3333; SL20 = 3 ÷ (4 + 1) = 0.6; abandonment = 3 ÷ 8 (1 still waiting) = 0.375
      'a mixed hour',
      [
        call({ answeredAtMs: T0 + 10 * S, disposition: 'emergency' }),
        call({ answeredAtMs: T0 + 15 * S, disposition: 'prank' }),
        call({ answeredAtMs: T0 + 20 * S, disposition: 'info' }),
        call({ answeredAtMs: T0 + 30 * S }),
        call({ abandonedAtMs: T0 + 12 * S }),
        call({ abandonedAtMs: T0 + 18 * S }),
        call({ abandonedAtMs: T0 + 40 * S }),
        call({}),
      ],
      {
        offered: 8, answered: 4, abandoned: 3, asa: 18.8, sl15: 0.3333, sl20: 0.6, abandonmentRate: 0.375,
        // prank share: 1 prank ÷ 3 answered calls with a disposition = 0.3333
        byDisposition: { ...ZERO_DISPOSITIONS, emergency: 1, prank: 1, info: 1 }, prankShare: 0.3333,
      },
    ],
    [
      // all within: SL 1; ASA (0 + 2.5 + 15) / 3 = 5.8333 → 5.8
      'three quick answers',
      [call({ answeredAtMs: T0 }), call({ answeredAtMs: T0 + 2500 }), call({ answeredAtMs: T0 + 15 * S })],
      { offered: 3, answered: 3, abandoned: 0, asa: 5.8, sl15: 1, sl20: 1, abandonmentRate: 0, prankShare: null },
    ],
    [
      // 2 pranks ÷ 2 with a disposition = 1
      'pranks only',
      [call({ answeredAtMs: T0 + S, disposition: 'prank' }), call({ answeredAtMs: T0 + S, disposition: 'prank' })],
      { prankShare: 1, byDisposition: { ...ZERO_DISPOSITIONS, prank: 2 } },
    ],
    ['nothing at all', [], { offered: 0, answered: 0, abandoned: 0, asa: null, sl15: null, sl20: null, abandonmentRate: null, prankShare: null, byDisposition: ZERO_DISPOSITIONS }],
  ])('%s', async (_name, records, want) => {
    const kpis = computeCallKpis(await totalsOf(records));
    expect(kpis).toMatchObject(want);
    expect(CallKpis.safeParse(kpis).success).toBe(true);
    expect(Object.keys(kpis.byDisposition).sort()).toEqual(Object.keys(ZERO_DISPOSITIONS).sort());
    expect('waitingNow' in kpis).toBe(false);
  });

  it('adds the live figures when given', () => {
    const kpis = computeCallKpis(emptyTotals(), { waitingNow: 2, longestWaitNow: 31.5 });
    expect(kpis).toMatchObject({ waitingNow: 2, longestWaitNow: 31.5 });
  });

  it('counts a call spanning midnight WIB in the day it was received', async () => {
    // received 23:59:50 WIB on the 23rd, answered 18 s later on the 24th
    const rec = Date.parse('2026-11-23T23:59:50+07:00');
    const records = [call({ receivedAtMs: rec, answeredAtMs: rec + 18 * S }), call({ receivedAtMs: rec + 15 * S, abandonedAtMs: rec + 40 * S })];
    const day23 = todayWindow(Date.parse('2026-11-23T12:00:00+07:00'), 'Asia/Jakarta');
    const day24 = todayWindow(Date.parse('2026-11-24T12:00:00+07:00'), 'Asia/Jakarta');
    // 23rd: the answered call, wait 18 s → ASA 18, SL15 0 ÷ 1, SL20 1 ÷ 1
    expect(computeCallKpis(await totalsOf(records, day23))).toMatchObject({ offered: 1, answered: 1, abandoned: 0, asa: 18, sl15: 0, sl20: 1 });
    // 24th: received 00:00:05, abandoned after 25 s → SL 0 ÷ (0 + 1)
    expect(computeCallKpis(await totalsOf(records, day24))).toMatchObject({ offered: 1, answered: 0, abandoned: 1, asa: null, sl15: 0, sl20: 0 });
  });
});
