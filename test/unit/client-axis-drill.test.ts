// Whole, distinct axis ticks (issue #18 item 3) and the drill-down's URL form.
import { describe, expect, it } from 'vitest';
import { niceStep, wholeAxis } from '../../client/charts/axis-ticks.ts';
import { drillParam, parseDrill } from '../../client/views/executive/drill.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';

describe('wholeAxis', () => {
  it('never repeats a tick nor shows a fraction: 0, 1, 2 for small counts', () => {
    expect(wholeAxis([0, 1, 2, 1])).toEqual({ domain: [0, 2], ticks: [0, 1, 2] });
    expect(wholeAxis([])).toEqual({ domain: [0, 1], ticks: [0, 1] });
    expect(wholeAxis([null, 0])).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });

  it('holds the target and every value, with steps of 1, 2 or 5 × 10^k', () => {
    expect(wholeAxis([7, 12], 10)).toEqual({ domain: [0, 15], ticks: [0, 5, 10, 15] });
    expect(wholeAxis([1234])).toEqual({ domain: [0, 1500], ticks: [0, 500, 1000, 1500] });
    expect([niceStep(0.3), niceStep(1.2), niceStep(3), niceStep(7), niceStep(40), niceStep(260)]).toEqual([1, 2, 5, 10, 50, 500]);
  });

  it('gives whole, distinct, increasing ticks that cover the data, for seeded random data', () => {
    const seed = 1818;
    const rnd = mulberry32(seed);
    for (let run = 0; run < 500; run++) {
      const scale = 10 ** Math.floor(rnd() * 6);
      const values = Array.from({ length: 1 + Math.floor(rnd() * 40) }, () => (rnd() < 0.1 ? null : rnd() * scale));
      const target = rnd() < 0.3 ? rnd() * scale : undefined;
      const { domain, ticks } = wholeAxis(values, target);
      const what = `seed ${seed} run ${run}`;
      expect(ticks.every((t) => Number.isInteger(t)), what).toBe(true);
      expect(new Set(ticks).size, what).toBe(ticks.length);
      expect(ticks.every((t, i) => i === 0 || t > (ticks[i - 1] ?? -1)), what).toBe(true);
      expect(ticks.length, what).toBeLessThanOrEqual(7);
      const max = Math.max(0, target ?? 0, ...values.filter((v): v is number => v !== null));
      expect(domain[1], what).toBeGreaterThanOrEqual(max);
      expect(ticks.at(-1), what).toBe(domain[1]);
    }
  });
});

describe('drill-down in the URL', () => {
  it('reads back what it writes, and refuses anything else', () => {
    for (const d of [{ kind: 'kecamatan', value: '36.71.01' }, { kind: 'category', value: 'fire' }, { kind: 'agency', value: 'fire' }, { kind: 'calls', value: '119' }] as const) {
      expect(parseDrill(drillParam(d))).toEqual(d);
    }
    expect(parseDrill('calls:911')).toBeNull();
    expect(parseDrill('people:all')).toBeNull();
    expect(parseDrill('kecamatan:')).toBeNull();
    expect(parseDrill(null)).toBeNull();
  });
});
