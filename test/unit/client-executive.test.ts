import { describe, expect, it } from 'vitest';
import { compareValues, sortRows } from '../../client/components/sort-rows.ts';
import { agencyRows } from '../../client/views/executive/AgencySection.tsx';
import { kecamatanRows } from '../../client/views/executive/KecamatanSection.tsx';
import { metricChange, METRICS } from '../../client/views/executive/kpi-metrics.ts';
import { formatChange } from '../../client/views/executive/metric-format.ts';
import { rateAxis } from '../../client/views/executive/TrendSection.tsx';
import type { CallKpis, KpisAnswer } from '../../shared/contract/kpis.ts';

const calls = (o: Partial<CallKpis> = {}): CallKpis => ({
  offered: 0, answered: 0, abandoned: 0, asa: null, sl15: null, sl20: null, abandonmentRate: null, byDisposition: {}, prankShare: null, ...o,
});
const kpis = (o: Partial<KpisAnswer['incidents']> = {}, all: Partial<CallKpis> = {}): KpisAnswer => ({
  from: '2026-11-23T00:00:00+07:00',
  to: '2026-11-23T14:00:00+07:00',
  timezone: 'Asia/Jakarta',
  calls: { '112': calls(), '119': calls(), all: calls(all) },
  incidents: {
    count: 0, byCategory: {}, byPriority: {}, byKecamatan: {}, byAgency: {},
    dispatch: { mean: null, p90: null, n: 0 }, response: { mean: null, p90: null, n: 0 }, prankRate: null, ...o,
  },
});

describe('metricChange', () => {
  it('is relative for counts and times, in points for rates', () => {
    expect(metricChange(110, 100, 'relative')).toBeCloseTo(0.1);
    expect(metricChange(0.93, 0.9, 'points')).toBeCloseTo(0.03);
  });
  it('is null without a figure before, or from zero', () => {
    expect(metricChange(5, 0, 'relative')).toBeNull();
    expect(metricChange(5, null, 'relative')).toBeNull();
    expect(metricChange(null, 3, 'points')).toBeNull();
    expect(metricChange(0, 0, 'points')).toBe(0);
  });
});

describe('formatChange', () => {
  it('reads with arrows in each language', () => {
    expect(formatChange(0.1234, 'relative', 'id', 'poin')).toBe('↑ 12 %');
    expect(formatChange(-0.015, 'points', 'id', 'poin')).toBe('↓ 1,5 poin');
    expect(formatChange(-0.015, 'points', 'en', 'pts')).toBe('↓ 1.5 pts');
    expect(formatChange(0.0004, 'relative', 'en', 'pts')).toBe('→ 0%');
    expect(formatChange(null, 'relative', 'en', 'pts')).toBe('—');
  });
});

describe('METRICS', () => {
  it('reads the line asked for, and incidents over both lines', () => {
    const k = kpis({ count: 7, response: { mean: 600, p90: 900, n: 7 } }, { offered: 40, sl20: 0.9 });
    const byId = new Map(METRICS.map((m) => [m.id, m]));
    expect(byId.get('offered')?.value(k, 'all')).toBe(40);
    expect(byId.get('offered')?.value(k, '112')).toBe(0);
    expect(byId.get('incidents')?.value(k, '112')).toBe(7);
    expect(byId.get('responseMean')?.target?.({ responseMinutes: 15 })).toBe(900);
    expect(byId.get('sl20')?.better).toBe('higher');
    expect(byId.get('asa')?.better).toBe('lower');
  });
});

describe('tables', () => {
  it('lists every kecamatan, zero where nothing happened, and codes only the data knows', () => {
    const rows = kecamatanRows(
      [
        { code: '36.71.01', name: 'Tangerang', population: 200_000 },
        { code: '36.71.02', name: 'Jatiuwung', population: null },
      ],
      { '36.71.01': 3, '36.71.99': 1 },
      { '36.71.01': 2 },
    );
    expect(rows).toEqual([
      { code: '36.71.01', name: 'Tangerang', population: 200_000, incidents: 3, per10k: 0.15, share: 0.75, previous: 2, change: 0.5 },
      { code: '36.71.02', name: 'Jatiuwung', population: null, incidents: 0, per10k: null, share: 0, previous: 0, change: null },
      { code: '36.71.99', name: '36.71.99', population: null, incidents: 1, per10k: null, share: 0.25, previous: 0, change: null },
    ]);
  });

  it('joins agency counts and times, named by the profile', () => {
    const responseTarget = { seconds: 900, within: 3, n: 4, rate: 0.75 };
    const rows = agencyRows(
      kpis({ byAgency: { fire: 4, police: 1 }, byAgencyTimes: { fire: { dispatch: { mean: 60, p90: 120, n: 4 }, response: { mean: 480, p90: 700, n: 4 }, responseTarget } } }),
      [{ id: 'fire', name: 'Damkar' }],
    );
    expect(rows.find((r) => r.id === 'fire')).toEqual({ id: 'fire', name: 'Damkar', incidents: 4, dispatch: { mean: 60, p90: 120, n: 4 }, response: { mean: 480, p90: 700, n: 4 }, responseTarget, previousRate: null });
    // An agency without times (none of its incidents dispatched in the window's records) has no share.
    expect(rows.find((r) => r.id === 'police')).toMatchObject({ incidents: 1, responseTarget: null });
  });

  it('sorts numbers numerically, text by collation, missing values last either way, stably', () => {
    const rows = [{ v: 3 }, { v: null }, { v: 10 }, { v: 3 }];
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.v)).toEqual([10, 3, 3, null]);
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.v)).toEqual([3, 3, 10, null]);
    const c = new Intl.Collator('id-ID', { numeric: true });
    expect(sortRows([{ s: 'b' }, { s: 'A' }, { s: 'a10' }, { s: 'a9' }], (r) => r.s, 'asc', c).map((r) => r.s)).toEqual(['A', 'a9', 'a10', 'b']);
    expect(compareValues(Number.NaN, 1, 'asc')).toBe(1);
  });
});

describe('rateAxis', () => {
  it('keeps target and points in view on round ticks', () => {
    const axis = rateAxis([{ label: 'x', values: { a: 0.86, b: 0.97 } }], 0.95);
    expect(axis.domain).toEqual([0.85, 1]);
    expect(axis.ticks).toEqual([0.85, 0.9, 0.95, 1]);
    // A point on a tick gets a step of room below it.
    expect(rateAxis([{ label: 'x', values: { a: 0.4 } }], 0.95).ticks).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
  });
});
