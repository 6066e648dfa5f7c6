// A wiped space (the demo reset) must reach every live view, even when new events land before
// the feed's next window: then the stream is already past the feed's old position. The wipe
// leaves a reset marker in the stream (store/wipe-space.ts), which every tail reads first.
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/socket.ts';
import type { Snapshot } from '../../shared/contract/views.ts';
import { wipeSpace } from '../../server/store/wipe-space.ts';
import { DEMO_KEY, startApp, type TestApp } from '../support/app-harness.ts';
import { makeIncidentReported } from '../support/factories.ts';

let app: TestApp;
let redis: Redis;
let socket: Socket<ServerToClientEvents, ClientToServerEvents>;
beforeAll(async () => {
  // The longest batch window, so the wipe and the next event are most likely in one window;
  // the HTTP snapshot brings the feed up to date on demand.
  app = await startApp({ PANTAU_BATCH_MS: '5000' });
  redis = new Redis(inject('redisUrl'), { lazyConnect: true });
  await redis.connect();
});
afterAll(async () => {
  socket?.close();
  redis?.disconnect();
  await app?.close();
});

const openIds = async (): Promise<string[]> =>
  ((await app.get('/api/v1/snapshot')).json as Snapshot).incidents.open.map((i) => i.incidentId);

describe('a wiped space', () => {
  it('is reloaded by the feed and resent to clients although new events came first', async () => {
    socket = io(app.url, { transports: ['websocket'], auth: { space: 'demo' }, reconnection: false, forceNew: true });
    const snapshots: Snapshot[] = [];
    socket.on('snapshot', (s) => snapshots.push(s));
    await expect.poll(() => snapshots.length).toBe(1);

    const before = makeIncidentReported({ category: 'fire' });
    expect((await app.post('/api/v1/events?space=demo', [before], { token: DEMO_KEY })).status).toBe(200);
    expect(await openIds()).toContain(before.incidentId);

    await wipeSpace(redis, app.keys('demo'));
    const after = makeIncidentReported({ category: 'flood' });
    expect((await app.post('/api/v1/events?space=demo', [after], { token: DEMO_KEY })).status).toBe(200);

    const ids = await openIds();
    expect(ids).toContain(after.incidentId);
    expect(ids).not.toContain(before.incidentId);
    // The socket client is told to start over: a fresh snapshot without the wiped incident.
    await expect.poll(() => snapshots.length, { timeout: 10_000 }).toBeGreaterThan(1);
    const last = snapshots[snapshots.length - 1];
    expect(last?.incidents.open.map((i) => i.incidentId)).not.toContain(before.incidentId);
  });
});
