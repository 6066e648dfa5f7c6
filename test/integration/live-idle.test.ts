// The live path reads Redis only because something happened: while no event arrives, the
// process holds one blocked XREAD and sends no command about its spaces (no window poll, no
// epoch check, no summary heartbeat). Counted with MONITOR on the test's real Redis.
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/socket.ts';
import type { Delta, Snapshot } from '../../shared/contract/views.ts';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived } from '../support/factories.ts';

let app: TestApp;
let client: Socket<ServerToClientEvents, ClientToServerEvents>;
let monitor: Redis | undefined;
beforeAll(async () => {
  // The detectors are jobs of their own, not the live path: a call left waiting here would rightly
  // raise a queue alert (no agent) while the test waits out the app job's minute.
  app = await startApp({}, { alertDetectors: false });
});
afterAll(async () => {
  client?.close();
  monitor?.disconnect();
  await app.close();
});

const IDLE_MS = 3_000;

it('sends no command about its spaces while no event arrives, and still delivers the next one', async () => {
  const deltas: Delta[] = [];
  client = io(app.url, { transports: ['websocket'], auth: { token: OPERATOR_TOKEN }, reconnection: false, forceNew: true });
  client.on('delta', (d) => deltas.push(d));
  await new Promise<void>((resolve) => client.once('snapshot', () => resolve()));
  const first = makeCallReceived();
  await app.ingest.ingestEvents('live', 'test', [first]);
  await expect.poll(() => deltas.some((d) => d.changes.some((c) => c.t === 'call' && c.call.callId === first.callId))).toBe(true);
  // Let the window and the summary refresh that the first event caused finish.
  await new Promise((r) => setTimeout(r, 1_500));

  const base = new Redis(inject('redisUrl'), { lazyConnect: true });
  await base.connect();
  monitor = await base.monitor();
  base.disconnect();
  const seen: string[] = [];
  monitor.on('monitor', (_time: string, args: string[]) => {
    if (args.some((a) => a.includes(app.prefix))) seen.push(args.join(' '));
  });
  await new Promise((r) => setTimeout(r, IDLE_MS));
  expect(seen, 'commands about our spaces while idle').toEqual([]);

  // The blocked read is still there: the next event arrives, and MONITOR did see it.
  const next = makeCallReceived();
  await app.ingest.ingestEvents('live', 'test', [next]);
  await expect.poll(() => deltas.some((d) => d.changes.some((c) => c.t === 'call' && c.call.callId === next.callId))).toBe(true);
  expect(seen.length).toBeGreaterThan(0);
});

it('moves "longest wait now" with the clock from memory, with no event and no summary read', async () => {
  let offsetMs = 0;
  const clocked = await startApp({}, { clock: () => Date.now() + offsetMs });
  try {
    const call = makeCallReceived({ line: '112' });
    await clocked.ingest.ingestEvents('live', 'test', [call]);
    const longest = async (): Promise<number | null | undefined> =>
      ((await clocked.get('/api/v1/snapshot', OPERATOR_TOKEN)).json as Snapshot).kpis.calls['112'].longestWaitNow;
    const before = (await longest()) ?? 0;
    offsetMs = 120_000;
    const after = (await longest()) ?? 0;
    expect(after - before).toBeGreaterThanOrEqual(120);
  } finally {
    await clocked.close();
  }
});
