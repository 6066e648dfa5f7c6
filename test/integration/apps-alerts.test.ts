// The anomaly job on simulated time against the real store: an app that goes silent is
// raised within two minutes, reaches a socket client as an `alert` change, is raised once
// however many processes run the job, and is cleared when the app comes back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { AlertsAnswer } from '../../shared/contract/apps.ts';
import { KecamatanCode, type PantauEvent } from '../../shared/contract/events.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/socket.ts';
import { Snapshot, type AlertView, type Delta } from '../../shared/contract/views.ts';
import { runAppAlerts, type AppAlertJobDeps } from '../../server/alerts/app-alert-job.ts';
import { createCaches } from '../../server/alerts/detector-input.ts';
import { createLogger } from '../../server/log.ts';
import { createAppStore } from '../../server/store/read-app-store.ts';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeAppActivity, wib } from '../support/factories.ts';

const MIN = 60_000;
const BUSY = 'tangerang-live';
const STEADY = ['laksa', 'tangerang-live-gawat-darurat-112'];

let app: TestApp;
let now = 0;
let socket: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;

beforeEach(async () => {
  now = Math.floor(Date.now() / MIN) * MIN;
  app = await startApp({}, { clock: () => now });
});
afterEach(async () => {
  socket?.close();
  await app.close();
});

function jobDeps(): AppAlertJobDeps {
  return { store: (s) => createAppStore(app.redis.redis, app.keys(s)), ingest: app.ingest, city: app.city, clock: () => now, log: createLogger('silent') };
}

/** Per-minute counts the way a gateway sends them: one event per app and minute, stamped inside it. */
async function sendMinutes(appIds: readonly string[], fromMs: number, toMs: number, count: number): Promise<void> {
  const events: PantauEvent[] = [];
  for (let m = fromMs; m < toMs; m += MIN) {
    for (const appId of appIds) events.push(makeAppActivity({ appId, kind: 'session', count: count + ((m / MIN) % 3), at: wib(m + 30_000) }));
  }
  expect((await app.post('/api/v1/events', events)).status).toBe(200);
}

describe('app alert job', () => {
  it('raises a silent app within two minutes of simulated time, once, on the socket, and clears it', async () => {
    const start = now - 120 * MIN;
    const silentFrom = start + 90 * MIN;
    await sendMinutes([BUSY, ...STEADY], start, silentFrom, 30);
    await sendMinutes(STEADY, silentFrom, silentFrom + 10 * MIN, 30);

    socket = io(app.url, { transports: ['websocket'], auth: { token: OPERATOR_TOKEN }, reconnection: false, forceNew: true });
    const alerts: AlertView[] = [];
    const snapshots: Snapshot[] = [];
    socket.on('snapshot', (s) => snapshots.push(s));
    socket.on('delta', (d: Delta) => {
      for (const c of d.changes) if (c.t === 'alert') alerts.push(c.alert);
    });
    await expect.poll(() => snapshots.length).toBe(1);

    const deps = jobDeps();
    // One minute of nothing could be a late gateway: no alert, and nothing for the steady apps.
    now = silentFrom + MIN + 5_000;
    expect(await runAppAlerts(deps, 'live')).toEqual({ raised: [], cleared: [] });

    // Two minutes: raised, by "two processes" at once, with the same id.
    now = silentFrom + 2 * MIN + 5_000;
    const [a, b] = await Promise.all([runAppAlerts(deps, 'live', createCaches()), runAppAlerts(deps, 'live', createCaches())]);
    const alertId = `silent:${BUSY}:${silentFrom}`;
    expect(a?.raised).toEqual([alertId]);
    expect(b?.raised).toEqual([alertId]);
    const history = AlertsAnswer.parse((await app.get('/api/v1/alerts', OPERATOR_TOKEN)).json);
    expect(history.alerts.map((x) => [x.alertId, x.kind, x.subject, x.severity])).toEqual([[alertId, 'silent', BUSY, 'critical']]);
    const raisedEntries = (await app.redis.redis.xrange(app.keys('live').stream, '-', '+')).filter(([, f]) => f.some((v) => v.includes('"alert.raised"')));
    expect(raisedEntries).toHaveLength(1);

    await expect.poll(() => alerts.find((x) => x.alertId === alertId)).toMatchObject({ kind: 'silent', subject: BUSY, clearedAt: null, detail: { minutes: 2 } });
    const snap = Snapshot.parse((await app.get('/api/v1/snapshot', OPERATOR_TOKEN)).json);
    expect(snap.apps.states?.[BUSY]).toBe('silent');

    // A later run sees the active alert in Redis and raises nothing new.
    now = silentFrom + 3 * MIN + 5_000;
    expect((await runAppAlerts(deps, 'live')).raised).toEqual([]);

    // The app is back for two whole minutes: cleared.
    await sendMinutes([BUSY], silentFrom + 3 * MIN, silentFrom + 5 * MIN, 30);
    now = silentFrom + 5 * MIN + 5_000;
    expect((await runAppAlerts(deps, 'live')).cleared).toEqual([alertId]);
    await expect.poll(() => alerts.filter((x) => x.alertId === alertId).at(-1)?.clearedAt).not.toBeNull();
  });

  it('raises a complaint spike in one kecamatan, once the space has history', async () => {
    await sendMinutes(STEADY, now - 90 * MIN, now, 5);
    const events: PantauEvent[] = Array.from({ length: 30 }, (_, i) =>
      makeAppActivity({ appId: 'laksa', kind: 'complaint', kecamatan: KecamatanCode.parse('36.71.03'), at: wib(now - (i + 1) * MIN) }),
    );
    expect((await app.post('/api/v1/events', events)).status).toBe(200);
    const r = await runAppAlerts(jobDeps(), 'live');
    expect(r.raised).toEqual([`complaint-spike:36.71.03:${now}`]);
  });
});
