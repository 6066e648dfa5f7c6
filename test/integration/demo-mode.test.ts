// Demo mode: the simulator writes only to the demo space, through ingest; presenter commands
// reach it over any process; reset starts the show afresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_KEY, DISPLAY_TOKEN, EXECUTIVE_TOKEN, INGEST_KEY, OPERATOR_TOKEN, PRESENTER_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
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
  it('lets only the presenter or an operator drive the demo; anyone may watch its status', async () => {
    const controls: [string, unknown][] = [
      ['/api/v1/demo/scenario', { name: 'flood' }],
      ['/api/v1/demo/speed', { speed: 10 }],
      ['/api/v1/demo/reset', {}],
    ];
    const expected: [string | null, number][] = [
      [null, 401],
      ['wrong-token-xxxxxxxx', 401],
      [DISPLAY_TOKEN, 403],
      [EXECUTIVE_TOKEN, 403],
      [INGEST_KEY, 403],
      [DEMO_KEY, 403],
    ];
    for (const [path, body] of controls) {
      for (const [token, status] of expected) {
        const r = await app.post(path, body, { token });
        expect(r.status, `${path} with ${token ?? 'no credential'}`).toBe(status);
        expect(r.json).toMatchObject({ error: { code: status === 401 ? 'unauthorized' : 'forbidden' } });
      }
    }
    // Nothing refused reached the simulator: no flood was started, the speed did not change.
    const status = (await app.get('/api/v1/demo/status')).json as { scenarios?: { name: string }[]; speed?: number };
    expect(status.scenarios?.map((s) => s.name) ?? []).not.toContain('flood');
    expect(status.speed ?? 600).toBe(600);
    // The presenter signs in like the other roles and is kept to the demo space.
    expect((await app.get('/api/v1/whoami', PRESENTER_TOKEN)).json).toEqual({ kind: 'viewer', role: 'presenter', space: 'demo' });
    const asPresenter = (await app.get('/api/v1/snapshot?space=live', PRESENTER_TOKEN)).json as Snapshot;
    expect(asPresenter.space).toBe('demo');
    expect(JSON.stringify(asPresenter)).not.toMatch(/"caller"/);
    // The operator may drive it too (a rehearsal from the desk).
    expect((await app.post('/api/v1/demo/speed', { speed: 600 }, { token: OPERATOR_TOKEN })).status).toBe(202);
  });

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
    const r = await app.post('/api/v1/demo/scenario', { name: 'large-fire' }, { token: PRESENTER_TOKEN });
    expect(r.status).toBe(202);
    await expect.poll(async () => JSON.stringify((await app.get('/api/v1/demo/status')).json), { timeout: 10_000 }).toContain('large-fire');
    const bad = await fetch(`${app.url}/api/v1/demo/scenario`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PRESENTER_TOKEN}` },
      body: JSON.stringify({ name: 'meteor' }),
    });
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
    expect((await app.post('/api/v1/demo/reset', {}, { token: PRESENTER_TOKEN })).status).toBe(202);
    // The command travels Redis pub/sub to the simulator's leader, which wipes and restarts; the
    // feed sees the wipe by the space's epoch (test/integration/space-reset.test.ts has the race).
    await expect.poll(ids, { timeout: 30_000 }).not.toContain(marker.incidentId);
    // And the show goes on.
    await expect.poll(async () => (await demoSnapshot()).eventsToday, { timeout: 20_000 }).toBeGreaterThan(0);
  }, 90_000);
});
