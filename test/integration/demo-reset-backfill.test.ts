// A reset of the demo restores a backfilled day, not an empty map (issue 17): the presenter
// who resets before a delegation arrives gets today so far and the days before it again. On the
// real clock: yesterday, a whole backfilled day, has more than a hundred calls (the simulator
// follows the city's ~120 calls a day on 112 alone: server/sim/facts.ts), and today has its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEY, PRESENTER_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeIncidentReported } from '../support/factories.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import type { Snapshot } from '../../shared/contract/views.ts';

const DAY = 86_400_000;
const WIB = 7 * 3_600_000;
let app: TestApp;
beforeAll(async () => {
  app = await startApp({ PANTAU_DEMO: 'on', PANTAU_DEMO_SPEED: '1' }, { demoBackfill: true });
});
afterAll(async () => {
  await app.close();
});

const demo = async (): Promise<Snapshot> => (await app.get('/api/v1/snapshot')).json as Snapshot;
const iso = (ms: number): string => encodeURIComponent(new Date(ms + WIB).toISOString().replace('Z', '+07:00'));
/** Calls offered yesterday (a whole city day), as the demo viewer reads them. */
async function yesterdayOffered(): Promise<number> {
  const midnight = Math.floor((Date.now() + WIB) / DAY) * DAY - WIB;
  return ((await app.get(`/api/v1/kpis?from=${iso(midnight - DAY)}&to=${iso(midnight)}`)).json as KpisAnswer).calls.all.offered;
}
const status = async (): Promise<{ running?: boolean; backfilling?: boolean; writingHistory?: boolean }> => (await app.get('/api/v1/demo/status')).json as never;

describe('demo reset', () => {
  it('leaves a backfilled day: yesterday has more than a hundred calls, today has its own, and the marker is gone', async () => {
    // Yesterday is written by the background pass after today: wait for it (the status says when).
    await expect.poll(yesterdayOffered, { timeout: 120_000, interval: 1_000 }).toBeGreaterThan(100);
    await expect.poll(async () => (await status()).writingHistory, { timeout: 120_000, interval: 500 }).toBe(false);
    const marker = makeIncidentReported({ category: 'animal-rescue' });
    expect((await app.post('/api/v1/events?space=demo', [marker], { token: DEMO_KEY })).status).toBe(200);
    await expect.poll(async () => (await demo()).incidents.open.map((i) => i.incidentId), { timeout: 10_000 }).toContain(marker.incidentId);

    expect((await app.post('/api/v1/demo/reset', {}, { token: PRESENTER_TOKEN })).status).toBe(202);
    // First the wipe (the marker goes), then today and the days before are written again.
    await expect.poll(async () => (await demo()).incidents.open.map((i) => i.incidentId), { timeout: 30_000 }).not.toContain(marker.incidentId);
    await expect.poll(async () => (await demo()).kpis.calls.all.offered, { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);
    await expect.poll(yesterdayOffered, { timeout: 120_000, interval: 1_000 }).toBeGreaterThan(100);
  }, 300_000);
});
