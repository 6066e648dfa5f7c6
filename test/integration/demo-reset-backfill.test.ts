// A reset of the demo restores a backfilled day, not an empty map (issue 17): the presenter
// who resets before a delegation arrives gets a day with calls and incidents behind it. The
// clock is set to 18:00 in the city, so "today so far" is most of a day (the simulator follows
// the city's ~120 calls a day on 112 alone: server/sim/facts.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEY, PRESENTER_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeIncidentReported, wib } from '../support/factories.ts';
import type { Snapshot } from '../../shared/contract/views.ts';

const EVENING = Date.parse('2026-12-03T18:00:00+07:00');
const t0 = Date.now();
const clock = (): number => EVENING + (Date.now() - t0);
let app: TestApp;
beforeAll(async () => {
  app = await startApp({ PANTAU_DEMO: 'on', PANTAU_DEMO_SPEED: '1' }, { demoBackfill: true, clock });
});
afterAll(async () => {
  await app.close();
});

const demo = async (): Promise<Snapshot> => (await app.get('/api/v1/snapshot')).json as Snapshot;
const offered = async (): Promise<number> => (await demo()).kpis.calls.all.offered;

describe('demo reset', () => {
  it('leaves a backfilled day: more than a hundred calls offered today, and the marker gone', async () => {
    await expect.poll(offered, { timeout: 60_000, interval: 500 }).toBeGreaterThan(100);
    const marker = makeIncidentReported({ category: 'animal-rescue', at: wib(clock()) });
    expect((await app.post('/api/v1/events?space=demo', [marker], { token: DEMO_KEY })).status).toBe(200);
    await expect.poll(async () => (await demo()).incidents.open.map((i) => i.incidentId), { timeout: 10_000 }).toContain(marker.incidentId);

    expect((await app.post('/api/v1/demo/reset', {}, { token: PRESENTER_TOKEN })).status).toBe(202);
    // First the wipe (the marker goes), then the backfill of the morning fills the day again.
    await expect.poll(async () => (await demo()).incidents.open.map((i) => i.incidentId), { timeout: 30_000 }).not.toContain(marker.incidentId);
    await expect.poll(offered, { timeout: 60_000, interval: 500 }).toBeGreaterThan(100);
    // Incidents too, not only calls (open ones come and go; the day's count stays).
    expect((await demo()).kpis.incidents.count).toBeGreaterThan(0);
  }, 180_000);
});
