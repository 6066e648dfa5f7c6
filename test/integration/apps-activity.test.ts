// The per-app endpoints against the real projection: 200 apps sending per-minute counts
// across WIB midnight, read back through the ranking, series and complaints endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsAnswer, AppActivityAnswer, AppSeriesAnswer, AppTrendsAnswer, ComplaintsAnswer } from '../../shared/contract/apps.ts';
import { KecamatanCode, type PantauEvent } from '../../shared/contract/events.ts';
import { Snapshot } from '../../shared/contract/views.ts';
import { startOfCityDay } from '../../server/domain/time.ts';
import { DISPLAY_TOKEN, EXECUTIVE_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeAppActivity, wib } from '../support/factories.ts';

const MIN = 60_000;
let app: TestApp;
let midnight: number;
let appIds: string[];
/** Sessions of app i in minute m (0 = 30 minutes before midnight): distinct per app, so the ranking is known. */
const sessions = (i: number, m: number): number => 200 - i + (m % 3);
const transactions = (i: number): number => (i % 4 === 0 ? 2 : 0);

beforeAll(async () => {
  app = await startApp();
  midnight = startOfCityDay(Date.now(), 'Asia/Jakarta');
  appIds = app.city.apps.slice(0, 200).map((a) => a.id);
  const events: PantauEvent[] = [];
  appIds.forEach((appId, i) => {
    for (let m = 0; m < 60; m++) {
      const at = wib(midnight - 30 * MIN + m * MIN + 1_000);
      events.push(makeAppActivity({ appId, kind: 'session', count: sessions(i, m), at }));
      if (transactions(i) > 0) events.push(makeAppActivity({ appId, kind: 'transaction', count: transactions(i), at }));
    }
  });
  events.push(makeAppActivity({ appId: 'aplikasi-tak-dikenal', kind: 'session', count: 7, at: wib(midnight + 5 * MIN) }));
  events.push(makeAppActivity({ appId: 'laksa', kind: 'complaint', count: 4, kecamatan: KecamatanCode.parse('36.71.04'), at: wib(midnight + 10 * MIN) }));
  events.push(makeAppActivity({ appId: 'laksa', kind: 'complaint', count: 1, at: wib(midnight + 11 * MIN) }));
  for (let i = 0; i < events.length; i += 5_000) {
    const r = await app.post('/api/v1/events', events.slice(i, i + 5_000));
    expect(r.status).toBe(200);
  }
}, 120_000);
afterAll(async () => {
  await app.close();
});

const q = (o: Record<string, string | number>): string => new URLSearchParams(Object.entries(o).map(([k, v]) => [k, String(v)])).toString();
const iso = (ms: number): string => wib(ms);

describe('GET /api/v1/apps/activity', () => {
  it('ranks 200 apps over a window across WIB midnight, exactly, from minute buckets', async () => {
    const r = await app.get(`/api/v1/apps/activity?${q({ from: iso(midnight - 30 * MIN), to: iso(midnight + 30 * MIN), top: 300 })}`, EXECUTIVE_TOKEN);
    expect(r.status).toBe(200);
    const a = AppActivityAnswer.parse(r.json);
    expect(a.coverage).toMatchObject({ exact: true, days: 0, hours: 0, minutes: 60 });
    expect(a.top).toHaveLength(201);
    expect(a.top[0]).toMatchObject({ rank: 1, appId: appIds[0], registered: true });
    expect(a.top.find((t) => t.appId === 'aplikasi-tak-dikenal')).toMatchObject({ registered: false, name: 'aplikasi-tak-dikenal', sessions: 7 });
    let expected = 7 + 5;
    appIds.forEach((_, i) => {
      for (let m = 0; m < 60; m++) expected += sessions(i, m) + transactions(i);
    });
    expect(a.totals).toMatchObject({ total: expected, activeApps: 201, unregisteredApps: 1, complaints: 5 });
    for (const groups of [a.bySuperApp, a.byAgency, a.byCategory]) expect(groups.reduce((t, g) => t + g.total, 0)).toBe(expected);
    expect(a.bySuperApp.find((g) => g.key === 'unregistered')?.total).toBe(7);
  });

  it('splits exactly at midnight: the half before plus the half after is the whole', async () => {
    const get = async (from: number, to: number) =>
      AppActivityAnswer.parse((await app.get(`/api/v1/apps/activity?${q({ from: iso(from), to: iso(to), top: 1 })}`, OPERATOR_TOKEN)).json);
    const before = await get(midnight - 30 * MIN, midnight);
    const after = await get(midnight, midnight + 30 * MIN);
    const whole = await get(midnight - 30 * MIN, midnight + 30 * MIN);
    expect(before.totals.total + after.totals.total).toBe(whole.totals.total);
    let expectedBefore = 0;
    appIds.forEach((_, i) => {
      for (let m = 0; m < 30; m++) expectedBefore += sessions(i, m) + transactions(i);
    });
    expect(before.totals.total).toBe(expectedBefore);
  });

  it('reads whole days from day buckets and whole hours from hour buckets, with the same sums', async () => {
    const yesterday = AppActivityAnswer.parse((await app.get(`/api/v1/apps/activity?${q({ from: iso(midnight - 86_400_000), to: iso(midnight) })}`, OPERATOR_TOKEN)).json);
    expect(yesterday.coverage).toMatchObject({ days: 1, hours: 0, minutes: 0, exact: true });
    const lastHour = AppActivityAnswer.parse((await app.get(`/api/v1/apps/activity?${q({ from: iso(midnight - 3_600_000), to: iso(midnight) })}`, OPERATOR_TOKEN)).json);
    expect(lastHour.coverage).toMatchObject({ days: 0, hours: 1, minutes: 0 });
    expect(lastHour.totals.total).toBe(yesterday.totals.total);
    // Today by default: one day bucket, holding everything after midnight.
    const today = AppActivityAnswer.parse((await app.get('/api/v1/apps/activity', OPERATOR_TOKEN)).json);
    expect(today.coverage.days).toBe(1);
    expect(today.top).toHaveLength(20);
  });

  it('ranks by kind and filters by category', async () => {
    const c = AppActivityAnswer.parse((await app.get(`/api/v1/apps/activity?${q({ kind: 'complaint' })}`, OPERATOR_TOKEN)).json);
    expect(c.rankedBy).toBe('complaint');
    expect(c.top.map((t) => [t.appId, t.complaints])).toEqual([['laksa', 5]]);
    const u = AppActivityAnswer.parse((await app.get(`/api/v1/apps/activity?${q({ category: 'unregistered' })}`, OPERATOR_TOKEN)).json);
    expect(u.top.map((t) => t.appId)).toEqual(['aplikasi-tak-dikenal']);
  });

  it('names the field of a bad query, and keeps displays out', async () => {
    for (const [query, field] of [['top=0', 'top'], ['kind=login', 'kind'], ['category=x', 'category'], [`from=${encodeURIComponent(iso(midnight))}&to=${encodeURIComponent(iso(midnight - MIN))}`, 'to'], ['from=yesterday', 'from']] as const) {
      const r = await app.get(`/api/v1/apps/activity?${query}`, OPERATOR_TOKEN);
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ error: { code: 'invalid_query', field } });
    }
    expect((await app.get('/api/v1/apps/activity', DISPLAY_TOKEN)).status).toBe(403);
  });
});

describe('GET /api/v1/apps/:appId/series', () => {
  it('answers minute points across midnight, and hours that add up to them', async () => {
    const id = appIds[3] ?? '';
    const r = await app.get(`/api/v1/apps/${encodeURIComponent(id)}/series?${q({ from: iso(midnight - 30 * MIN), to: iso(midnight + 30 * MIN) })}`, OPERATOR_TOKEN);
    expect(r.status).toBe(200);
    const s = AppSeriesAnswer.parse(r.json);
    expect(s.resolution).toBe('minute');
    expect(s.points).toHaveLength(60);
    expect(s.points.map((p) => p.sessions)).toEqual(Array.from({ length: 60 }, (_, m) => sessions(3, m)));
    const h = AppSeriesAnswer.parse((await app.get(`/api/v1/apps/${encodeURIComponent(id)}/series?${q({ from: iso(midnight - 3_600_000), to: iso(midnight + 3_600_000), resolution: 'hour' })}`, OPERATOR_TOKEN)).json);
    expect(h.points).toHaveLength(2);
    expect(h.points.reduce((t, p) => t + p.sessions, 0)).toBe(s.points.reduce((t, p) => t + p.sessions, 0));
    const d = AppSeriesAnswer.parse((await app.get(`/api/v1/apps/${encodeURIComponent(id)}/series?${q({ from: iso(midnight - 86_400_000), to: iso(midnight + 86_400_000), resolution: 'day' })}`, OPERATOR_TOKEN)).json);
    expect(d.points.map((p) => p.at.slice(11, 16))).toEqual(['00:00', '00:00']);
  });

  it('refuses minutes older than 48 hours, and unknown apps', async () => {
    const old = await app.get(`/api/v1/apps/laksa/series?${q({ from: iso(Date.now() - 3 * 86_400_000), to: iso(Date.now() - 3 * 86_400_000 + 3_600_000), resolution: 'minute' })}`, OPERATOR_TOKEN);
    expect(old.json).toMatchObject({ error: { field: 'resolution' } });
    expect((await app.get('/api/v1/apps/nope/series', OPERATOR_TOKEN)).status).toBe(404);
    expect((await app.get('/api/v1/apps/aplikasi-tak-dikenal/series', OPERATOR_TOKEN)).status).toBe(200);
  });
});

describe('complaints, trends, alert history', () => {
  it('counts complaints per kecamatan, unknown included', async () => {
    const c = ComplaintsAnswer.parse((await app.get('/api/v1/apps/complaints', EXECUTIVE_TOKEN)).json);
    expect(c.total).toBe(5);
    expect(c.byKecamatan[0]).toMatchObject({ kecamatan: '36.71.04', count: 4 });
    expect(c.byKecamatan[1]).toMatchObject({ kecamatan: 'unknown', name: null, count: 1 });
  });

  it('compares whole days with the days before', async () => {
    const t = AppTrendsAnswer.parse((await app.get(`/api/v1/apps/trends?${q({ days: 1, to: iso(midnight + 86_400_000) })}`, EXECUTIVE_TOKEN)).json);
    expect(t.daily).toHaveLength(1);
    expect(t.totals.current.total + t.totals.previous.total).toBeGreaterThan(0);
    expect(t.totals.change).not.toBeNull();
  });

  it('lists alerts raised in a window, newest first', async () => {
    const at = (ms: number) => iso(ms);
    await app.ingest.ingestEvents('live', 'pantau', [
      { id: 'r1', type: 'alert.raised', at: at(Date.now() - 3 * MIN), source: 'pantau-alerts', alertId: 'spike:laksa:1', kind: 'spike', subject: 'laksa', severity: 'warning' },
      { id: 'r2', type: 'alert.raised', at: at(Date.now() - MIN), source: 'pantau-alerts', alertId: 'silent:laksa:2', kind: 'silent', subject: 'laksa', severity: 'critical' },
      { id: 'c1', type: 'alert.cleared', at: at(Date.now() - 2 * MIN), source: 'pantau-alerts', alertId: 'spike:laksa:1' },
    ]);
    const a = AlertsAnswer.parse((await app.get('/api/v1/alerts', OPERATOR_TOKEN)).json);
    expect(a.alerts.map((x) => [x.alertId, x.clearedAt === null])).toEqual([['silent:laksa:2', true], ['spike:laksa:1', false]]);
    expect(a.total).toBe(2);
  });
});

describe('the snapshot', () => {
  it('carries the state of every registered app, counts per state, and 60-minute sparklines of the top 10', async () => {
    const s = Snapshot.parse((await app.get('/api/v1/snapshot', OPERATOR_TOKEN)).json);
    expect(Object.keys(s.apps.states ?? {})).toHaveLength(app.city.apps.length);
    expect(s.apps.top).toHaveLength(10);
    for (const t of s.apps.top) expect(s.apps.sparklines?.[t.appId]).toHaveLength(60);
    const counts = s.apps.stateCounts;
    expect(counts && Object.values(counts).reduce((a, b) => a + b, 0)).toBe(app.city.apps.length);
    expect(s.apps.states?.['laksa']).toBe('silent');
  });
});
