// The detector on generated series: a month of per-minute Poisson counts following a daily
// curve, then a known spike, drop, silence or error burst on the last day. An ordinary day
// must raise nothing; each injected anomaly must be raised, and cleared once it is over.
import { describe, expect, it } from 'vitest';
import type { AlertThresholds } from '../../shared/contract/city.ts';
import { detectorConfig, evaluateApp, evaluateComplaints, lookbackMinutes, type AppMinutes } from '../../server/domain/anomaly.ts';
import { usualPerMinute } from '../../server/domain/app-baseline.ts';
import { poissonLowerTail, poissonUpperTail } from '../../server/domain/app-poisson.ts';
import type { AppCounts } from '../../server/domain/app-rollup.ts';
import { HOUR_MS, MINUTE_MS } from '../../server/domain/app-window.ts';
import { mulberry32 as rng } from '../../shared/seeded-random.ts';

const THRESHOLDS: AlertThresholds = { spikeRatio: 2, dropRatio: 0.3, silentMinutes: 30, minExpected: 20, complaintSpikeRatio: 2 };
const CFG = detectorConfig(THRESHOLDS);
const LOOKBACK = lookbackMinutes(CFG);

/** Citizens' day and office hours, per local hour (WIB), mean 1. */
const PUBLIC = [0.2, 0.1, 0.07, 0.06, 0.1, 0.3, 0.6, 1.0, 1.5, 1.7, 1.7, 1.6, 1.4, 1.5, 1.5, 1.4, 1.3, 1.2, 1.2, 1.3, 1.3, 1.1, 0.7, 0.4];
const OFFICE = [0.05, 0.03, 0.02, 0.02, 0.03, 0.1, 0.3, 0.9, 2.0, 2.4, 2.4, 2.3, 1.6, 2.2, 2.2, 1.9, 1.4, 0.8, 0.5, 0.4, 0.35, 0.25, 0.15, 0.08];


function poisson(r: () => number, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r())));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

/** The curve's value at a local hour, interpolated between hour centres (as usage really moves). */
function curveAt(curve: readonly number[], hour: number): number {
  const x = hour - 0.5;
  const i = Math.floor(x);
  const f = x - i;
  return (curve[(i + 24) % 24] ?? 0) * (1 - f) + (curve[(i + 25) % 24] ?? 0) * f;
}

// Monday 2026-10-19 00:00 WIB; four weeks of history, the day under test is Monday 2026-11-16.
const START = Date.parse('2026-10-19T00:00:00+07:00');
const DAY = 1440;
const TEST_DAY = 28 * DAY;

interface Series {
  usage: number[];
  errors: number[];
  hours: Map<number, AppCounts>;
}

interface Shape {
  perDay: number;
  curve: readonly number[];
  errorShare?: number;
  seed: number;
  /** Bends the usual rate at minute i of the series (0 = START). */
  bend?: (i: number, rate: number) => number;
  errorsAt?: (i: number, usage: number) => number | null;
}

function generate(shape: Shape, days = 29): Series {
  const r = rng(shape.seed);
  const usage: number[] = [];
  const errors: number[] = [];
  const hours = new Map<number, AppCounts>();
  for (let i = 0; i < days * DAY; i++) {
    const hour = ((i % DAY) + 0.5) / 60;
    const usual = (shape.perDay / DAY) * curveAt(shape.curve, hour);
    const u = poisson(r, shape.bend ? shape.bend(i, usual) : usual);
    const forced = shape.errorsAt?.(i, u) ?? null;
    const e = forced ?? poisson(r, u * (shape.errorShare ?? 0.004));
    usage.push(u);
    errors.push(e);
    const h = START + Math.floor(i / 60) * HOUR_MS;
    const c = hours.get(h) ?? new Map([['a', { session: 0, transaction: 0, complaint: 0, error: 0 }]]);
    const k = c.get('a');
    if (k) {
      k.session += u;
      k.error += e;
    }
    hours.set(h, c);
  }
  return { usage, errors, hours };
}

/** What the job hands the detector at the end of minute `end` (exclusive). */
function inputAt(s: Series, end: number, history: boolean, errorRateMax = 0.02): AppMinutes {
  const from = end - LOOKBACK;
  const minutes = Array.from({ length: LOOKBACK }, (_, k) => START + (from + k) * MINUTE_MS);
  return {
    usage: s.usage.slice(from, end),
    errors: s.errors.slice(from, end),
    usual: history ? usualPerMinute({ appId: 'a', minutes, hours: s.hours, weeksSeen: [1, 2, 3, 4] }) : null,
    errorRateMax,
  };
}

/** Every raise over [from, to) minutes of the series, as "kind@minute". */
function raises(s: Series, from: number, to: number, history: boolean, errorRateMax?: number): string[] {
  const out: string[] = [];
  for (let end = from; end < to; end++) {
    const v = evaluateApp(inputAt(s, end, history, errorRateMax), CFG);
    for (const [kind, verdict] of Object.entries(v)) if (verdict.raise) out.push(`${kind}@${end - TEST_DAY}`);
  }
  return out;
}

const SIZES = [
  { name: 'a super-app', perDay: 40_000 },
  { name: 'a medium app', perDay: 3_000 },
  { name: 'a small app', perDay: 250 },
];

describe('an ordinary day raises nothing', () => {
  for (const curve of [PUBLIC, OFFICE]) {
    for (const size of SIZES) {
      it(`${size.name}, ${curve === PUBLIC ? 'citizen' : 'office'} curve, weekly baseline`, () => {
        const s = generate({ perDay: size.perDay, curve, seed: size.perDay + curve.length + (curve === PUBLIC ? 1 : 2) });
        expect(raises(s, TEST_DAY, TEST_DAY + DAY, true)).toEqual([]);
      });
    }
  }

  it('with no history yet: the rolling baseline rides the morning rise and evening fall', () => {
    for (const curve of [PUBLIC, OFFICE]) {
      for (const size of SIZES) {
        const s = generate({ perDay: size.perDay, curve, seed: 7 + size.perDay }, 2);
        expect(raises(s, DAY, 2 * DAY, false)).toEqual([]);
      }
    }
  });
});

const at11 = TEST_DAY + 11 * 60;

describe('known anomalies are raised', () => {
  it('a spike (×3 for 20 minutes at 11:00) is raised within ten minutes and holds no longer than it lasts', () => {
    const s = generate({ perDay: 40_000, curve: PUBLIC, seed: 11, bend: (i, r) => (i >= at11 && i < at11 + 20 ? r * 3 : r) });
    const found = raises(s, at11 - 60, at11 + 60, true);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.startsWith('spike@'))).toBe(true);
    const first = Number(found[0]?.split('@')[1]) - 11 * 60;
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(10);
    // Twenty minutes after it ended, the alert no longer holds.
    expect(evaluateApp(inputAt(s, at11 + 40, true), CFG).spike.holds).toBe(false);
  });

  it('a drop (to 15 % from 11:00) is raised as a drop, not as a silence', () => {
    const s = generate({ perDay: 40_000, curve: PUBLIC, seed: 12, bend: (i, r) => (i >= at11 && i < at11 + 60 ? r * 0.15 : r) });
    const found = raises(s, at11 - 30, at11 + 30, true);
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found.map((f) => f.split('@')[0]))).toEqual(new Set(['drop']));
    expect(Number(found[0]?.split('@')[1]) - 11 * 60).toBeLessThanOrEqual(10);
    expect(evaluateApp(inputAt(s, at11 + 90, true), CFG).drop.holds).toBe(false);
  });

  it('a busy app that goes silent is raised after two empty minutes, with the minute it began', () => {
    const s = generate({ perDay: 40_000, curve: PUBLIC, seed: 13, bend: (i, r) => (i >= at11 ? 0 : r) });
    for (const history of [true, false]) {
      expect(evaluateApp(inputAt(s, at11 + 1, history), CFG).silent.raise).toBeNull();
      const v = evaluateApp(inputAt(s, at11 + 2, history), CFG).silent;
      expect(v.raise).toMatchObject({ kind: 'silent', severity: 'critical', sinceMinutesAgo: 2, detail: { minutes: 2 } });
    }
  });

  it('a quieter app is called silent later (when the silence can no longer be luck), at most after silentMinutes', () => {
    const s = generate({ perDay: 3_000, curve: PUBLIC, seed: 14, bend: (i, r) => (i >= at11 ? 0 : r) });
    const found = raises(s, at11, at11 + 40, true).filter((f) => f.startsWith('silent'));
    const first = Number(found[0]?.split('@')[1]) - 11 * 60;
    expect(first).toBeGreaterThan(2);
    expect(first).toBeLessThanOrEqual(THRESHOLDS.silentMinutes);
  });

  it('an app that only just started reporting is not judged: its first minutes are no spike', () => {
    const s = generate({ perDay: 40_000, curve: PUBLIC, seed: 18, bend: (i, r) => (i >= at11 - 20 ? r : 0) });
    expect(raises(s, at11 - 20, at11 + 30, false)).toEqual([]);
  });

  it('an app too quiet to tell is never called silent', () => {
    const s = generate({ perDay: 100, curve: PUBLIC, seed: 15, bend: (i, r) => (i >= at11 ? 0 : r) });
    expect(raises(s, at11, at11 + 60, true)).toEqual([]);
  });

  it('activity coming back clears a silence', () => {
    const s = generate({ perDay: 40_000, curve: PUBLIC, seed: 16, bend: (i, r) => (i >= at11 && i < at11 + 15 ? 0 : r) });
    expect(evaluateApp(inputAt(s, at11 + 10, true), CFG).silent.holds).toBe(true);
    expect(evaluateApp(inputAt(s, at11 + 17, true), CFG).silent.holds).toBe(false);
  });

  it('an error rate over the app target is raised; the usual error share is not', () => {
    const s = generate({
      perDay: 40_000, curve: PUBLIC, seed: 17,
      errorsAt: (i, u) => (i >= at11 && i < at11 + 30 ? Math.round(u * 0.1) : null),
    });
    const found = raises(s, at11 - 30, at11 + 20, true, 0.02);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.startsWith('error-rate@'))).toBe(true);
    // 10 % errors on ~45 uses a minute: a few minutes make it certain against a 2 % ceiling.
    expect(Number(found[0]?.split('@')[1]) - 11 * 60).toBeLessThanOrEqual(6);
    expect(evaluateApp(inputAt(s, at11 + 45, true, 0.02), CFG)['error-rate'].holds).toBe(false);
  });
});

describe('complaint spikes per kecamatan', () => {
  it('thirty complaints in an hour where two a day is usual is a spike; three is not', () => {
    const recentHourly = Array.from({ length: 24 }, (_, i) => (i % 12 === 0 ? 1 : 0));
    expect(evaluateComplaints({ observed: 30, usual: null, recentHourly, windowHours: 1.5, historyKnown: true }, CFG).raise).toMatchObject({ kind: 'complaint-spike' });
    expect(evaluateComplaints({ observed: 3, usual: null, recentHourly, windowHours: 1.5, historyKnown: true }, CFG).raise).toBeNull();
  });

  it('a space with no history yet raises nothing', () => {
    expect(evaluateComplaints({ observed: 30, usual: null, recentHourly: [], windowHours: 1.5, historyKnown: false }, CFG).raise).toBeNull();
  });

  it('a busy kecamatan needs more: the weekly usual scales the bar', () => {
    expect(evaluateComplaints({ observed: 30, usual: 20, recentHourly: [], windowHours: 1.5, historyKnown: true }, CFG).raise).toBeNull();
    expect(evaluateComplaints({ observed: 60, usual: 20, recentHourly: [], windowHours: 1.5, historyKnown: true }, CFG).raise).not.toBeNull();
    expect(evaluateComplaints({ observed: 25, usual: 20, recentHourly: [], windowHours: 1.5, historyKnown: true }, CFG).holds).toBe(false);
  });
});

describe('Poisson tails', () => {
  it('match known values', () => {
    // P(X ≥ 10 | 2) = 4.65e-5; P(X ≤ 5 | 20) = 7.19e-5; P(X = 0 | 14) = e^-14.
    expect(poissonUpperTail(10, 2)).toBeCloseTo(4.6498e-5, 8);
    expect(poissonLowerTail(5, 20)).toBeCloseTo(7.1908e-5, 8);
    expect(poissonLowerTail(0, 14)).toBeCloseTo(Math.exp(-14), 12);
    expect(poissonUpperTail(3, 5)).toBe(1);
    expect(poissonUpperTail(2_000, 1_000)).toBeLessThan(1e-100);
  });
});
