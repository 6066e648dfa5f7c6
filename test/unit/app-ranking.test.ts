import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../shared/contract/city.ts';
import { rankActivity } from '../../server/domain/app-ranking.ts';
import type { AppCounts, KindCounts } from '../../server/domain/app-rollup.ts';
import { autoResolution, planSeries } from '../../server/domain/app-series.ts';
import { appStates, countStates } from '../../server/domain/app-state.ts';
import { buildTrends, relativeChange } from '../../server/domain/app-trends.ts';

function app(o: Partial<AppInfo> & { id: string }): AppInfo {
  return {
    name: o.id.toUpperCase(), agency: 'Diskominfo', category: 'information', superApp: null, isSuperApp: false,
    publicFacing: true, real: false, targets: { errorRateMax: 0.02 }, ...o,
  };
}

const CATALOG = new Map([
  app({ id: 'live', isSuperApp: true, category: 'super-app' }),
  app({ id: 'laksa', superApp: 'live', category: 'complaints' }),
  app({ id: 'sehat', superApp: 'live', category: 'health', agency: 'Dinkes' }),
  app({ id: 'simasn', category: 'staff', agency: 'BKPSDM' }),
].map((a) => [a.id, a]));

const k = (session: number, transaction = 0, complaint = 0, error = 0): KindCounts => ({ session, transaction, complaint, error });

const COUNTS: AppCounts = new Map([
  ['live', k(1000, 200, 0, 5)],
  ['laksa', k(100, 10, 40)],
  ['sehat', k(300, 50)],
  ['ghost-app', k(20, 0, 0, 1)],
]);

describe('rankActivity', () => {
  it('ranks by everything, keeps unknown appIds as unregistered, and groups by super-app and agency', () => {
    const a = rankActivity(COUNTS, CATALOG, { top: 10 });
    expect(a.top.map((r) => [r.rank, r.appId, r.registered])).toEqual([
      [1, 'live', true], [2, 'sehat', true], [3, 'laksa', true], [4, 'ghost-app', false],
    ]);
    expect(a.totals).toMatchObject({ sessions: 1420, transactions: 260, complaints: 40, errors: 6, total: 1726, activeApps: 4, unregisteredApps: 1 });
    // The super-app's group holds itself and the apps inside it; simasn belongs to none.
    expect(a.bySuperApp.map((g) => [g.key, g.total, g.activeApps])).toEqual([['live', 1705, 3], ['unregistered', 21, 1], ['none', 0, 0]]);
    expect(a.byAgency.find((g) => g.key === 'Diskominfo')?.total).toBe(1205 + 150);
    expect(a.byAgency.find((g) => g.key === 'BKPSDM')).toMatchObject({ total: 0, activeApps: 0 });
    // Every group list adds up to the totals.
    for (const groups of [a.bySuperApp, a.byAgency, a.byCategory]) expect(groups.reduce((t, g) => t + g.total, 0)).toBe(a.totals.total);
    expect(a.top[0]?.errorRate).toBeCloseTo(5 / 1200, 6);
  });

  it('ranks by one kind, filters by category, and cuts at top', () => {
    expect(rankActivity(COUNTS, CATALOG, { top: 10, kind: 'complaint' }).top.map((r) => r.appId)).toEqual(['laksa']);
    expect(rankActivity(COUNTS, CATALOG, { top: 10, category: 'health' }).top.map((r) => r.appId)).toEqual(['sehat']);
    expect(rankActivity(COUNTS, CATALOG, { top: 10, category: 'unregistered' }).top.map((r) => r.appId)).toEqual(['ghost-app']);
    expect(rankActivity(COUNTS, CATALOG, { top: 2 }).top).toHaveLength(2);
  });
});

describe('appStates', () => {
  it('takes the worst active alert, else normal when used today, else idle', () => {
    const states = appStates(['live', 'laksa', 'sehat', 'simasn'], COUNTS, [
      { kind: 'spike', subject: 'laksa' }, { kind: 'error-rate', subject: 'laksa' },
      { kind: 'silent', subject: 'sehat' }, { kind: 'complaint-spike', subject: '36.71.01' },
    ]);
    expect(states).toEqual({ live: 'normal', laksa: 'failing', sehat: 'silent', simasn: 'idle' });
    expect(countStates(states)).toEqual({ normal: 1, spiking: 0, silent: 1, failing: 1, idle: 1 });
  });
});

describe('series resolution', () => {
  const NOW = Date.parse('2026-11-23T10:00:00+07:00');
  const TZ = 'Asia/Jakarta';
  it('picks minutes for hours, hours for days, days for months, within retention', () => {
    expect(autoResolution(NOW - 3_600_000, NOW, NOW)).toBe('minute');
    expect(autoResolution(NOW - 7 * 86_400_000, NOW, NOW)).toBe('hour');
    expect(autoResolution(NOW - 30 * 86_400_000, NOW, NOW)).toBe('day');
    // Two hours, three days ago: the minutes are gone, so hours.
    expect(autoResolution(NOW - 3 * 86_400_000, NOW - 3 * 86_400_000 + 7_200_000, NOW)).toBe('hour');
  });

  it('refuses minutes older than 48 hours and too many points, naming the field', () => {
    expect(planSeries(NOW - 3 * 86_400_000, NOW - 2.9 * 86_400_000, 'minute', NOW, TZ)).toMatchObject({ ok: false, field: 'resolution' });
    expect(planSeries(NOW - 40 * 3_600_000, NOW, 'minute', NOW, TZ)).toMatchObject({ ok: false, field: 'resolution' });
    const days = planSeries(Date.parse('2026-11-01T12:00:00+07:00'), NOW, 'day', NOW, TZ);
    expect(days.ok && days.buckets.map((b) => b.day)).toHaveLength(23);
  });
});

describe('trends', () => {
  it('compares with the period before, by group', () => {
    expect(relativeChange(150, 100)).toBe(0.5);
    expect(relativeChange(5, 0)).toBeNull();
    const t = buildTrends({
      days: 7, timezone: 'Asia/Jakarta',
      current: { from: 'a', to: 'b', counts: COUNTS },
      previous: { from: 'c', to: 'a', counts: new Map([['live', k(500)], ['simasn', k(10)]]) },
      daily: [],
    }, CATALOG);
    expect(t.totals.change).toBeCloseTo(1726 / 510 - 1, 4);
    expect(t.bySuperApp.find((r) => r.key === 'live')).toMatchObject({ current: { total: 1705 }, previous: { total: 500 } });
    expect(t.byAgency.find((r) => r.key === 'BKPSDM')).toMatchObject({ current: { total: 0 }, previous: { total: 10 }, change: -1 });
  });
});
