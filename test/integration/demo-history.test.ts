// A fresh demo comes with two months of history (issue 17): every one of the last 60 city days has
// calls, incidents and app use, with a day-to-day shape (no two-valued flat line), so the
// executive trends and the 7/30-day comparisons mean something on a delegation's first visit.
// Today is written first; the days before follow in the background (the projection does not
// care about the order: issue 14).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../support/app-harness.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import type { AppSeriesAnswer, AppTrendsAnswer } from '../../shared/contract/apps.ts';

const DAY = 86_400_000;
const WIB = 7 * 3_600_000;
let app: TestApp;
beforeAll(async () => {
  app = await startApp({ PANTAU_DEMO: 'on', PANTAU_DEMO_SPEED: '1' }, { demoBackfill: true });
});
afterAll(async () => {
  await app.close();
});

/** Start of the city day `back` days before today, as ISO with the WIB offset. */
function dayStart(back: number): string {
  const midnight = Math.floor((Date.now() + WIB) / DAY) * DAY - WIB;
  return new Date(midnight - back * DAY + WIB).toISOString().replace('Z', '+07:00');
}
const kpisOf = async (back: number): Promise<KpisAnswer> =>
  (await app.get(`/api/v1/kpis?from=${encodeURIComponent(dayStart(back))}&to=${encodeURIComponent(dayStart(back - 1))}`)).json as KpisAnswer;

describe('demo history', () => {
  it('fills each of the 60 days before today with calls, incidents and app use', async () => {
    // The background pass writes the oldest day first: yesterday full means the history is in.
    await expect.poll(async () => (await kpisOf(1)).calls.all.offered, { timeout: 240_000, interval: 2_000 }).toBeGreaterThan(50);
    const offered: number[] = [];
    let incidents = 0;
    for (let back = 1; back <= 60; back++) {
      const k = await kpisOf(back);
      expect(k.calls.all.offered, `calls on day −${back}`).toBeGreaterThan(50);
      offered.push(k.calls.all.offered);
      incidents += k.incidents.count;
    }
    // A plausible month: many different daily volumes, and incidents on most days.
    expect(new Set(offered).size).toBeGreaterThan(10);
    expect(incidents).toBeGreaterThan(30);
    const trends = (await app.get('/api/v1/apps/trends?days=30')).json as AppTrendsAnswer;
    expect(trends.daily).toHaveLength(30);
    // Each of the 30 days has app use, and so has its counterpart in the 30 days before: the
    // executive's "against the 30 days before" compares two full months.
    for (const d of trends.daily) {
      expect(d.current, `app use on ${d.day}`).toBeGreaterThan(0);
      expect(d.previous, `app use on ${d.previousDay}`).toBeGreaterThan(0);
    }
    expect(new Set(trends.daily.map((d) => d.current)).size).toBeGreaterThan(10);
    // Each past hour holds that hour's use, as a gateway would have reported it: the anomaly
    // detector reads past weeks' hours as "usual" (a day lumped into one hour would make every
    // other hour look silent, and that one a spike).
    const week = (await app.get(`/api/v1/apps/tangerang-live/series?from=${encodeURIComponent(dayStart(7))}&to=${encodeURIComponent(dayStart(6))}&resolution=hour`)).json as AppSeriesAnswer;
    expect(week.points).toHaveLength(24);
    const used = week.points.map((p) => p.sessions + p.transactions);
    expect(used.filter((n) => n > 0).length, JSON.stringify(used)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...used)).toBeLessThan(used.reduce((a, b) => a + b, 0) / 4);
  }, 300_000);
});
