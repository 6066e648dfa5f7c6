// The KPI day cache (server/store/kpi-day-cache.ts): past days of a long window come from
// memory, and a late event for a past day (out of order is normal) still changes the answer,
// because the live feed drops the days it touches.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXECUTIVE_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallAbandoned, makeCallReceived, makeIncidentReported, wib } from '../support/factories.ts';

const DAY = 86_400_000;
let app: TestApp;
beforeEach(async () => {
  app = await startApp();
});
afterEach(async () => {
  await app.close();
});

interface Kpis { calls: { all: { offered: number; abandoned: number } }; incidents: { count: number; byCategory: Record<string, number> } }

async function kpis(fromMs: number, toMs: number): Promise<Kpis> {
  const r = await app.get(`/api/v1/kpis?from=${encodeURIComponent(wib(fromMs))}&to=${encodeURIComponent(wib(toMs))}`, EXECUTIVE_TOKEN);
  expect(r.status).toBe(200);
  return r.json as Kpis;
}

describe('KPIs over past days, cached', () => {
  it('answers the same as Redis and follows late events for days already cached', async () => {
    const now = Date.now();
    const from = now - 10 * DAY;
    const old = makeCallReceived({ at: wib(now - 5 * DAY) });
    const fire = makeIncidentReported({ at: wib(now - 4 * DAY), category: 'fire' });
    expect((await app.post('/api/v1/events', [old, fire])).status).toBe(200);
    // First read fills the cache, the second is served from it: both see the past day.
    await expect.poll(async () => (await kpis(from, now)).calls.all.offered).toBe(1);
    expect((await kpis(from, now)).incidents.count).toBe(1);

    // Late events for the cached days: another call 5 days ago, the first one abandoned, a flood.
    const late = makeCallReceived({ at: wib(now - 5 * DAY + 60_000) });
    const abandoned = makeCallAbandoned({ callId: old.callId, at: wib(now - 5 * DAY + 30_000) });
    const flood = makeIncidentReported({ at: wib(now - 4 * DAY + 1_000), category: 'flood' });
    expect((await app.post('/api/v1/events', [late, abandoned, flood])).status).toBe(200);
    await expect.poll(async () => {
      const k = await kpis(from, now);
      return [k.calls.all.offered, k.calls.all.abandoned, k.incidents.count, k.incidents.byCategory.flood];
    }).toEqual([2, 1, 2, 1]);
    // A window that cuts a cached day keeps only that day's part in the window.
    const cut = await kpis(now - 5 * DAY + 45_000, now);
    expect(cut.calls.all.offered).toBe(1);
  });
});
