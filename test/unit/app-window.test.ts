import { describe, expect, it } from 'vitest';
import { addBucketHash, sumCounts, type AppCounts } from '../../server/domain/app-rollup.ts';
import { HOUR_MS, MINUTE_MS, planWindow, type BucketPart } from '../../server/domain/app-window.ts';
import { cityDayKey } from '../../server/domain/time.ts';
import { mulberry32 as rng } from '../../shared/seeded-random.ts';

const TZ = 'Asia/Jakarta';
const at = (iso: string): number => Date.parse(iso);
const NOW = at('2026-11-23T10:00:00+07:00');

const describeParts = (parts: readonly BucketPart[]): string[] =>
  parts.map((p) => (p.res === 'day' ? `d:${p.day}` : `${p.res[0]}:${new Date(p.fromMs + 7 * HOUR_MS).toISOString().slice(5, 16)}`));

describe('planWindow: a window as whole buckets', () => {
  it('splits a window across WIB midnight into minutes, hours, then minutes again', () => {
    const plan = planWindow(at('2026-11-22T22:30:00+07:00'), at('2026-11-23T01:30:00+07:00'), NOW, TZ);
    expect(plan.exact).toBe(true);
    const d = describeParts(plan.parts);
    // 22:30–23:00 in 30 minutes, 23:00 and 00:00 as hours (the WIB day changes between them), 01:00–01:30 in minutes.
    expect(d.filter((x) => x.startsWith('m:')).length).toBe(60);
    expect(d.filter((x) => x.startsWith('h:'))).toEqual(['h:11-22T23:00', 'h:11-23T00:00']);
    expect(d[0]).toBe('m:11-22T22:30');
    expect(d.at(-1)).toBe('m:11-23T01:29');
    // The parts tile the window: each starts where the one before ended.
    plan.parts.forEach((p, i) => {
      if (i > 0) expect(p.fromMs).toBe(plan.parts[i - 1]?.toMs);
    });
  });

  it('reads 53 minutes of an hour as the hour less its 7 other minutes', () => {
    const plan = planWindow(at('2026-11-23T08:07:00+07:00'), at('2026-11-23T09:00:00+07:00'), NOW, TZ);
    expect(plan.exact).toBe(true);
    expect(plan.parts[0]).toMatchObject({ res: 'hour', fromMs: at('2026-11-23T08:00:00+07:00') });
    expect(plan.parts.slice(1).map((p) => [p.res, p.res === 'minute' && p.subtract === true])).toEqual(Array.from({ length: 7 }, () => ['minute', true]));
  });

  it('takes whole WIB days from day buckets', () => {
    const plan = planWindow(at('2026-11-20T00:00:00+07:00'), at('2026-11-23T00:00:00+07:00'), NOW, TZ);
    expect(describeParts(plan.parts)).toEqual(['d:2026-11-20', 'd:2026-11-21', 'd:2026-11-22']);
    expect(plan.exact).toBe(true);
  });

  it('mixes hours, days, hours and minutes, and widens an edge whose minutes have expired', () => {
    const plan = planWindow(at('2026-11-20T13:17:00+07:00'), at('2026-11-23T02:05:00+07:00'), NOW, TZ);
    // 13:17 three days ago: minutes are gone (48 h), so the window starts at 13:00 and says so.
    expect(plan.exact).toBe(false);
    expect(plan.fromMs).toBe(at('2026-11-20T13:00:00+07:00'));
    expect(plan.toMs).toBe(at('2026-11-23T02:05:00+07:00'));
    const d = describeParts(plan.parts);
    expect(d.slice(0, 11)).toEqual(Array.from({ length: 11 }, (_, i) => `h:11-20T${String(13 + i).padStart(2, '0')}:00`));
    expect(d.slice(11, 13)).toEqual(['d:2026-11-21', 'd:2026-11-22']);
    expect(d.slice(13)).toEqual(['h:11-23T00:00', 'h:11-23T01:00', 'm:11-23T02:00', 'm:11-23T02:01', 'm:11-23T02:02', 'm:11-23T02:03', 'm:11-23T02:04']);
  });

  it('falls back to whole days when even the hours are gone (90 days)', () => {
    const plan = planWindow(at('2026-07-01T05:10:00+07:00'), at('2026-07-03T09:00:00+07:00'), NOW, TZ);
    expect(plan.exact).toBe(false);
    expect(describeParts(plan.parts)).toEqual(['d:2026-07-01', 'd:2026-07-02', 'd:2026-07-03']);
    expect(plan.fromMs).toBe(at('2026-07-01T00:00:00+07:00'));
    expect(plan.toMs).toBe(at('2026-07-04T00:00:00+07:00'));
  });

  it('widens seconds to whole minutes and says it is not exact', () => {
    const plan = planWindow(at('2026-11-23T09:00:30+07:00'), at('2026-11-23T09:02:10+07:00'), NOW, TZ);
    expect(plan.exact).toBe(false);
    expect(plan.parts.map((p) => p.res)).toEqual(['minute', 'minute', 'minute']);
  });
});


interface Ev { atMs: number; appId: string; kind: 'session' | 'error'; count: number }

/** What project.lua does with app.activity: the same count into the minute, hour and city-day bucket. */
function project(events: readonly Ev[]): Map<string, Record<string, string>> {
  const buckets = new Map<string, Record<string, string>>();
  const add = (key: string, field: string, n: number): void => {
    const h = buckets.get(key) ?? {};
    h[field] = String(Number(h[field] ?? 0) + n);
    buckets.set(key, h);
  };
  for (const e of events) {
    const field = `${e.appId}|${e.kind}`;
    add(`m:${Math.floor(e.atMs / MINUTE_MS) * MINUTE_MS}`, field, e.count);
    add(`h:${Math.floor(e.atMs / HOUR_MS) * HOUR_MS}`, field, e.count);
    add(`d:${cityDayKey(e.atMs, TZ)}`, field, e.count);
  }
  return buckets;
}

const keyOf = (p: BucketPart): string => (p.res === 'day' ? `d:${p.day}` : `${p.res[0]}:${p.fromMs}`);

function sumPlan(buckets: Map<string, Record<string, string>>, parts: readonly BucketPart[]): AppCounts {
  const plus = sumCounts(parts.filter((p) => !(p.res === 'minute' && p.subtract)).map((p) => addBucketHash(new Map(), buckets.get(keyOf(p)) ?? {})));
  for (const p of parts) {
    if (p.res !== 'minute' || !p.subtract) continue;
    for (const [app, c] of addBucketHash(new Map(), buckets.get(keyOf(p)) ?? {})) {
      const t = plus.get(app);
      if (t) for (const k of ['session', 'transaction', 'complaint', 'error'] as const) t[k] -= c[k];
    }
  }
  for (const [app, c] of plus) if (c.session + c.transaction + c.complaint + c.error === 0) plus.delete(app);
  return plus;
}

function bruteForce(events: readonly Ev[], fromMs: number, toMs: number): AppCounts {
  const out: AppCounts = new Map();
  for (const e of events) {
    if (e.atMs < fromMs || e.atMs >= toMs) continue;
    const c = out.get(e.appId) ?? { session: 0, transaction: 0, complaint: 0, error: 0 };
    c[e.kind] += e.count;
    out.set(e.appId, c);
  }
  return out;
}

describe('rollups equal the sum of their parts', () => {
  const r = rng(42);
  const start = at('2026-11-16T00:00:00+07:00');
  const events: Ev[] = Array.from({ length: 8_000 }, () => ({
    atMs: start + Math.floor(r() * (NOW - start)),
    appId: `app-${Math.floor(r() * 12)}`,
    kind: r() < 0.9 ? 'session' : 'error',
    count: 1 + Math.floor(r() * 5),
  }));
  const buckets = project(events);

  it('a day bucket is the sum of its hours, an hour the sum of its minutes', () => {
    const day = at('2026-11-22T00:00:00+07:00');
    const hours = Array.from({ length: 24 }, (_, i) => ({ res: 'hour' as const, fromMs: day + i * HOUR_MS, toMs: day + (i + 1) * HOUR_MS }));
    const minutes = Array.from({ length: 1440 }, (_, i) => ({ res: 'minute' as const, fromMs: day + i * MINUTE_MS, toMs: day + (i + 1) * MINUTE_MS }));
    const whole = sumPlan(buckets, [{ res: 'day', day: '2026-11-22', fromMs: day, toMs: day + 86_400_000 }]);
    expect(sumPlan(buckets, hours)).toEqual(whole);
    expect(sumPlan(buckets, minutes)).toEqual(whole);
    expect(whole).toEqual(bruteForce(events, day, day + 86_400_000));
  });

  it('any window, exact or widened, sums to the events in the window it covers', () => {
    for (let i = 0; i < 200; i++) {
      const a = start + Math.floor(r() * (NOW - start) / MINUTE_MS) * MINUTE_MS;
      const b = a + Math.ceil(r() * (NOW - a) / MINUTE_MS) * MINUTE_MS;
      if (b <= a) continue;
      const plan = planWindow(a, b, NOW, TZ);
      expect(sumPlan(buckets, plan.parts)).toEqual(bruteForce(events, plan.fromMs, plan.toMs));
      if (a >= NOW - 48 * HOUR_MS) expect(plan.exact).toBe(true);
    }
  });
});
