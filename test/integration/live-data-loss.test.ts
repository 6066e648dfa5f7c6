// Redis restarts without its data (no AOF): the stream no longer holds what the feed read.
// The tail notices when its connection comes back (not by polling), the feed reloads, and a
// connected client gets a fresh snapshot without the lost data, even though new events
// (with newer ids than the feed's position) landed first.
import { spawn, type ChildProcess } from 'node:child_process';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/socket.ts';
import type { Snapshot } from '../../shared/contract/views.ts';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeIncidentReported } from '../support/factories.ts';
import { freePort, waitForRedis } from '../support/redis-process.ts';

let port: number;
let redis: ChildProcess | undefined;
let app: TestApp;
let client: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;

async function startRedis(): Promise<void> {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'no', '--save', ''], { stdio: 'ignore' });
  await waitForRedis(port, redis);
}

async function killRedis(): Promise<void> {
  const r = redis;
  if (!r || r.exitCode !== null || r.signalCode !== null) return;
  const exited = new Promise((res) => r.once('exit', res));
  r.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  app = await startApp({}, { redisUrl: `redis://127.0.0.1:${port}` });
});
afterAll(async () => {
  client?.close();
  await app?.close();
  await killRedis();
});

it('reloads when Redis comes back without the entries the feed had read', async () => {
  const snapshots: Snapshot[] = [];
  client = io(app.url, { transports: ['websocket'], auth: { token: OPERATOR_TOKEN }, reconnection: false, forceNew: true });
  client.on('snapshot', (s) => snapshots.push(s));
  await expect.poll(() => snapshots.length).toBe(1);
  const lost = makeIncidentReported();
  await app.ingest.ingestEvents('live', 'test', [lost]);
  await expect.poll(() => app.feeds.live.currentPosition).not.toBe('0-0');

  await killRedis();
  await startRedis();
  // New events land before the tail is back: the stream's end is past the feed's position again.
  const after = makeIncidentReported();
  await expect.poll(async () => {
    try {
      return (await app.ingest.ingestEvents('live', 'test', [after])).status;
    } catch {
      return 0;
    }
  }, { timeout: 15_000, interval: 200 }).toBe(200);

  await expect.poll(() => snapshots.length, { timeout: 15_000 }).toBeGreaterThan(1);
  await expect.poll(() => app.feeds.live.snapshot().incidents.open.map((i) => i.incidentId), { timeout: 15_000 }).toEqual([after.incidentId]);
  const ids = snapshots.at(-1)?.incidents.open.map((i) => i.incidentId);
  expect(ids).not.toContain(lost.incidentId);
});
