import { describe, expect, it } from 'vitest';
import { cityDayKey, cityMidnight, toIsoWithOffset, zoneOffsetMs } from '../../client/components/city-time.ts';
import { appTrendDays, DEFAULT_RANGE, parseRangeParams, rangeParams, resolveRange, type Preset } from '../../client/views/executive/range.ts';

const WIB = 'Asia/Jakarta';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('city time', () => {
  it('cuts days at midnight WIB, not UTC', () => {
    // 23 Nov 2026 01:30 WIB is 22 Nov 18:30 UTC: still 23 November in the city.
    const t = Date.parse('2026-11-22T18:30:00Z');
    expect(zoneOffsetMs(t, WIB)).toBe(7 * HOUR);
    expect(cityDayKey(t, WIB)).toBe('2026-11-23');
    expect(cityMidnight(t, WIB)).toBe(Date.parse('2026-11-22T17:00:00Z'));
    expect(cityMidnight(t, WIB, -6)).toBe(Date.parse('2026-11-16T17:00:00Z'));
    expect(toIsoWithOffset(cityMidnight(t, WIB), WIB)).toBe('2026-11-23T00:00:00+07:00');
  });

  it('handles zones with a negative offset and a daylight-saving change', () => {
    // New York: the day after the November change is still cut at its own midnight.
    const t = Date.parse('2026-11-02T15:00:00Z');
    expect(toIsoWithOffset(cityMidnight(t, 'America/New_York'), 'America/New_York')).toBe('2026-11-02T00:00:00-05:00');
    expect(toIsoWithOffset(cityMidnight(t, 'America/New_York', -1), 'America/New_York')).toBe('2026-11-01T00:00:00-04:00');
  });
});

describe('executive ranges', () => {
  const now = Date.parse('2026-11-23T07:05:00Z'); // Monday 23 November 2026, 14:05 WIB
  const preset = (p: Preset) => resolveRange({ kind: 'preset', preset: p }, now, WIB);

  it('today runs from midnight to now, against yesterday up to the same hour, hour by hour', () => {
    const r = preset('today');
    expect(r.current.from).toBe('2026-11-23T00:00:00+07:00');
    expect(r.current.to).toBe('2026-11-23T14:05:00+07:00');
    expect(r.previous.from).toBe('2026-11-22T00:00:00+07:00');
    expect(r.previous.to).toBe('2026-11-22T14:05:00+07:00');
    expect(r.granularity).toBe('hour');
    expect(r.buckets.map((b) => b.key).slice(0, 2)).toEqual(['2026-11-23T00', '2026-11-23T01']);
    expect(r.buckets).toHaveLength(15);
    expect(r.buckets.at(-1)?.to).toBe('2026-11-23T14:05:00+07:00');
  });

  it('yesterday, this week (from Monday), this month, the last 7, 30 and 90 days', () => {
    expect([preset('yesterday').current.from, preset('yesterday').current.to]).toEqual(['2026-11-22T00:00:00+07:00', '2026-11-23T00:00:00+07:00']);
    expect(preset('yesterday').previous.from).toBe('2026-11-21T00:00:00+07:00');
    expect(preset('week').current.from).toBe('2026-11-23T00:00:00+07:00');
    expect(resolveRange({ kind: 'preset', preset: 'week' }, Date.parse('2026-11-29T10:00:00Z'), WIB).current.from).toBe('2026-11-23T00:00:00+07:00');
    expect(preset('month').current.from).toBe('2026-11-01T00:00:00+07:00');
    const d7 = preset('7d');
    expect(d7.current.from).toBe('2026-11-17T00:00:00+07:00');
    expect(d7.previous.from).toBe('2026-11-10T00:00:00+07:00');
    expect(d7.previous.toMs - d7.previous.fromMs).toBe(d7.current.toMs - d7.current.fromMs);
    expect(d7.buckets.map((b) => b.key)).toEqual(['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
    expect(d7.buckets[0]?.toMs).toBe((d7.buckets[0]?.fromMs ?? 0) + DAY);
    const d30 = preset('30d');
    expect(d30.current.from).toBe('2026-10-25T00:00:00+07:00');
    // The same length just before: it ends the day before the range starts, at this hour.
    expect(d30.previous.to).toBe('2026-10-24T14:05:00+07:00');
    const d90 = preset('90d');
    expect(d90.days).toBe(90);
    expect(d90.granularity).toBe('day');
    expect(d90.buckets).toHaveLength(90);
  });

  it('a custom range holds its last day whole (up to now), and long ones go by the week', () => {
    const r = resolveRange({ kind: 'custom', from: '2026-11-01', to: '2026-11-15' }, now, WIB);
    expect([r.current.from, r.current.to]).toEqual(['2026-11-01T00:00:00+07:00', '2026-11-16T00:00:00+07:00']);
    expect([r.previous.from, r.previous.to]).toEqual(['2026-10-17T00:00:00+07:00', '2026-11-01T00:00:00+07:00']);
    expect(resolveRange({ kind: 'custom', from: '2026-11-20', to: '2026-11-23' }, now, WIB).current.to).toBe('2026-11-23T14:05:00+07:00');
    const long = resolveRange({ kind: 'custom', from: '2026-01-01', to: '2026-11-22' }, now, WIB);
    expect(long.granularity).toBe('week');
    expect(long.buckets[1]?.from).toBe('2026-01-08T00:00:00+07:00');
  });

  it('never asks for an empty window just after midnight', () => {
    const r = resolveRange({ kind: 'preset', preset: 'today' }, Date.parse('2026-11-22T17:00:00Z'), WIB);
    expect(r.current.toMs - r.current.fromMs).toBe(60_000);
  });

  it('reads and writes the URL form, refusing what is not a range', () => {
    const parse = (qs: string) => parseRangeParams(new URLSearchParams(qs));
    expect(parse('')).toEqual(DEFAULT_RANGE);
    expect(parse('range=90d')).toEqual({ kind: 'preset', preset: '90d' });
    expect(parse('from=2026-11-15&to=2026-11-01')).toEqual({ kind: 'custom', from: '2026-11-01', to: '2026-11-15' });
    expect(parse('from=2026-11-05')).toEqual({ kind: 'custom', from: '2026-11-05', to: '2026-11-05' });
    expect(parse('range=forever')).toBeNull();
    expect(parse('from=2026-02-30&to=2026-03-01')).toBeNull();
    for (const spec of [{ kind: 'preset', preset: 'month' }, { kind: 'custom', from: '2026-10-01', to: '2026-10-31' }] as const) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(rangeParams(spec))) if (v !== null) params.set(k, v);
      expect(parse(params.toString())).toEqual(spec);
    }
  });

  it('gives the app section the whole days of the range', () => {
    expect(appTrendDays(preset('7d'), WIB)).toEqual({ days: 6, to: '2026-11-23T00:00:00+07:00' });
    expect(appTrendDays(resolveRange({ kind: 'custom', from: '2026-11-01', to: '2026-11-15' }, now, WIB), WIB)).toEqual({ days: 15, to: '2026-11-16T00:00:00+07:00' });
  });
});
