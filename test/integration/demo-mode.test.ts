// Demo mode: the simulator writes only to the demo space, through ingest; presenter commands
// reach it over any process; reset starts the show afresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEY, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeIncidentReported } from '../support/factories.ts';
import type { Snapshot } from '../../shared/contract/views.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ PANTAU_DEMO: 'on', PANTAU_DEMO_SPEED: '600' }, { demoBackfill: false });
});
afterAll(async () => {
  await app.close();
});

const demoSnapshot = async (): Promise<Snapshot> => (await app.get('/api/v1/snapshot')).json as Snapshot;

describe('demo mode', () => {
  it('fills the demo space with simulated data and leaves the live space alone', async () => {
    await expect.poll(async () => (await demoSnapshot()).eventsToday, { timeout: 20_000 }).toBeGreaterThan(20);
    const demo = await demoSnapshot();
    expect(demo.space).toBe('demo');
    // Demo viewers never get caller numbers, even simulated ones.
    expect(JSON.stringify(demo)).not.toMatch(/"caller"/);
    const live = (await app.get('/api/v1/snapshot', OPERATOR_TOKEN)).json as Snapshot;
    expect(live.eventsToday).toBe(0);
  });

  it('takes presenter commands and reports them in the status', async () => {
    const r = await fetch(`${app.url}/api/v1/demo/scenario`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'large-fire' }) });
    expect(r.status).toBe(202);
    await expect.poll(async () => JSON.stringify((await app.get('/api/v1/demo/status')).json), { timeout: 10_000 }).toContain('large-fire');
    const bad = await fetch(`${app.url}/api/v1/demo/scenario`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'meteor' }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: 'name' } });
  });

  it('resets the demo space', async () => {
    // A marker only this test writes: after the reset it must be gone. (A count would not do:
    // a fresh start reports every app's activity at once, so the count may climb past the old one.)
    const marker = makeIncidentReported({ category: 'animal-rescue' });
    expect((await app.post('/api/v1/events?space=demo', [marker], { token: DEMO_KEY })).status).toBe(200);
    const ids = async (): Promise<string[]> => (await demoSnapshot()).incidents.open.map((i) => i.incidentId);
    await expect.poll(ids, { timeout: 10_000 }).toContain(marker.incidentId);
    expect((await fetch(`${app.url}/api/v1/demo/reset`, { method: 'POST' })).status).toBe(202);
    // The command travels Redis pub/sub to the simulator's leader, which wipes and restarts; the
    // feed sees the wipe by the space's epoch (test/integration/space-reset.test.ts has the race).
    await expect.poll(ids, { timeout: 30_000 }).not.toContain(marker.incidentId);
    // And the show goes on.
    await expect.poll(async () => (await demoSnapshot()).eventsToday, { timeout: 20_000 }).toBeGreaterThan(0);
  }, 90_000);
});
