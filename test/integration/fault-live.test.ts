// Live consistency under faults (issue 9, point 2): Socket.IO clients folding what they receive
// with the browser's own reducer survive network drops, frames cut in half and server
// restarts while events flow, and end with exactly the server's snapshot; a client away too
// long (past the replay limit, or behind a trimmed stream) gets a fresh snapshot, never a gap.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { fromSnapshot, type LiveData } from '../../shared/live/live-data.ts';
import type { Snapshot } from '../../shared/contract/views.ts';
import { DISPLAY_TOKEN, EXECUTIVE_TOKEN, INGEST_KEY, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { createEventSource } from '../support/fault-events.ts';
import { startLiveClient, type LiveClient } from '../support/fault-live-client.ts';
import { startLoad, type Load } from '../support/fault-load.ts';
import { within } from '../support/fault-deadline.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { makeCallReceived } from '../support/factories.ts';
import { freePort } from '../support/redis-process.ts';
import { waitFor } from '../support/wait.ts';

let app: TestApp | undefined;
let proxy: FaultProxy | undefined;
let load: Load | undefined;
const clients: LiveClient[] = [];
afterEach(async () => {
  await load?.stop();
  load = undefined;
  for (const c of clients.splice(0)) c.close();
  await proxy?.close();
  proxy = undefined;
  await app?.close();
  app = undefined;
});

/** One server on a fixed port and key prefix, so a restart is the same server to its clients. */
function server(port: number, prefix: string): () => Promise<TestApp> {
  return async () => {
    app = await startApp({ PORT: String(port), PANTAU_INGEST_RATE_PER_MIN: '1000000', PANTAU_BATCH_MS: '50' }, { keyPrefix: prefix });
    return app;
  };
}

function client(url: string, token: string): LiveClient {
  const c = startLiveClient(url, token);
  clients.push(c);
  return c;
}

/** What a screen shows: the records, the counter and the position (KPIs and app summaries move with the clock). */
function shown(d: LiveData) {
  return { position: d.position, space: d.space, waiting: d.waiting, incidents: d.incidents, agents: d.agents, alerts: d.alerts, eventsToday: d.eventsToday };
}

async function lastPosition(a: TestApp): Promise<string> {
  const last = (await a.redis.redis.xrevrange(a.keys('live').stream, '+', '-', 'COUNT', 1))[0];
  return last?.[0] ?? '0-0';
}

async function expectSameAsServer(a: TestApp, c: LiveClient, token: string): Promise<void> {
  const end = await lastPosition(a);
  await waitFor(() => c.data.position === end, { what: `the client to reach ${end} (it is at ${c.data.position})`, timeoutMs: 20_000 });
  const snap = (await a.get('/api/v1/snapshot', token)).json as Snapshot;
  expect(snap.position).toBe(end);
  expect(shown(c.data)).toEqual(shown(fromSnapshot(snap)));
}

async function postMany(a: TestApp, n: number): Promise<void> {
  for (let i = 0; i < n; i += 2_000) {
    const batch = Array.from({ length: Math.min(2_000, n - i) }, () => makeCallReceived());
    expect((await a.post('/api/v1/events', batch)).status).toBe(200);
  }
}

describe('live consistency under faults', () => {
  it('keeps clients equal to the server through drops, half-delivered frames and restarts', async () => {
    const port = await freePort();
    const boot = server(port, `t-${randomUUID().slice(0, 8)}`);
    let a = await boot();
    proxy = await startFaultProxy(port);
    const viewers = [
      { token: OPERATOR_TOKEN, c: client(proxy.url, OPERATOR_TOKEN) },
      { token: DISPLAY_TOKEN, c: client(proxy.url, DISPLAY_TOKEN) },
      { token: EXECUTIVE_TOKEN, c: client(proxy.url, EXECUTIVE_TOKEN) },
    ];
    await waitFor(() => viewers.every((v) => v.c.data.position !== null), { what: 'first snapshots' });
    load = startLoad({ url: a.url, key: INGEST_KEY, eventsPerSecond: 300, batchSize: 15, workers: 3, nextEvents: createEventSource(112, 'live') });

    const faults = { drops: 0, midFrame: 0, restarts: 0 };
    const running = load;
    const seen = (): string => JSON.stringify({ faults, load: { ...running.stats, acked: running.stats.acked.size }, clients: viewers.map((v) => ({ ...v.c.stats, disconnects: v.c.stats.disconnects.slice(-3) })) });
    for (let round = 0; round < 6; round++) {
      await within(60_000, () => `ingest progress (${seen()})`, running.ackedAtLeast(running.stats.acked.size + 150));
      if (round % 3 === 0) {
        proxy.cutAll();
        faults.drops += 1;
      } else if (round % 3 === 1) {
        // A delta frame cut in the middle: the client has half a batch and must not apply it.
        await within(60_000, () => `frame of 2 KB to cut (${seen()})`, proxy.cutMidFrame(2_000));
        faults.midFrame += 1;
      } else {
        await a.close();
        a = await boot();
        faults.restarts += 1;
      }
    }
    await within(60_000, () => `ingest progress (${seen()})`, running.ackedAtLeast(running.stats.acked.size + 150));
    await load.stop();
    for (const v of viewers) await expectSameAsServer(a, v.c, v.token);
    for (const v of viewers) {
      expect(v.c.stats.connects).toBeGreaterThan(faults.drops + faults.restarts);
      // Most reconnects resume from the position with a replay rather than a snapshot.
      expect(v.c.stats.resumedWithDelta).toBeGreaterThan(0);
    }
    console.log(`live: ${load.stats.acked.size} events, faults ${JSON.stringify(faults)}, clients ${JSON.stringify(viewers.map((v) => v.c.stats).map(({ disconnects, ...s }) => ({ ...s, disconnects: disconnects.length })))}; every client equals the server's snapshot`);
  }, 240_000);

  it('gives a client that was away past the replay limit a fresh snapshot, then keeps it equal', async () => {
    const a = await server(await freePort(), `t-${randomUUID().slice(0, 8)}`)();
    const c = client(a.url, OPERATOR_TOKEN);
    await waitFor(() => c.data.position !== null, { what: 'first snapshot' });
    c.pause();
    // More than the feed keeps in memory (20,000) and far more than a resume replays (MAX_RESUME_ENTRIES).
    await postMany(a, 20_050);
    // The feed reads them all now, so the welcome below is decided by what it holds.
    await a.get('/api/v1/snapshot', OPERATOR_TOKEN);
    const welcome = c.nextWelcome();
    c.resume();
    expect(await welcome).toBe('snapshot');
    await expectSameAsServer(a, c, OPERATOR_TOKEN);
    expect(c.stats.gaps).toBe(0);
  }, 120_000);

  it('gives a client whose position was trimmed from the stream a fresh snapshot, and a short absence a replay', async () => {
    const port = await freePort();
    const boot = server(port, `t-${randomUUID().slice(0, 8)}`);
    let a = await boot();
    await postMany(a, 10);
    const first = await lastPosition(a);
    const trimmed = client(a.url, OPERATOR_TOKEN);
    const replayed = client(a.url, OPERATOR_TOKEN);
    await waitFor(() => trimmed.data.position === first && replayed.data.position === first, { what: `both clients at ${first}` });
    trimmed.pause();
    replayed.pause();
    await postMany(a, 10);
    // A fresh process: nothing in memory, so a resume must come from the stream in Redis.
    await a.close();
    a = await boot();
    let welcome = replayed.nextWelcome();
    replayed.resume();
    expect(await welcome).toBe('delta');
    await a.redis.redis.xtrim(a.keys('live').stream, 'MINID', await lastPosition(a));
    welcome = trimmed.nextWelcome();
    trimmed.resume();
    expect(await welcome).toBe('snapshot');
    await postMany(a, 5);
    await expectSameAsServer(a, trimmed, OPERATOR_TOKEN);
    await expectSameAsServer(a, replayed, OPERATOR_TOKEN);
  }, 60_000);

  // Redis 7.0 does not move XINFO's max-deleted-entry-id on XTRIM/MINID, so trimming is told by
  // entries-added > length (server/store/trimmed.ts); a client at 0-0 must not be "resumed"
  // from the first entry left after retention trimmed the rest.
  it('gives a client at 0-0 a fresh snapshot once the stream has been trimmed', async () => {
    const boot = server(await freePort(), `t-${randomUUID().slice(0, 8)}`);
    const a = await boot();
    const c = client(a.url, OPERATOR_TOKEN);
    await waitFor(() => c.data.position === '0-0', { what: 'a snapshot of the empty stream' });
    c.pause();
    await postMany(a, 10);
    await a.redis.redis.xtrim(a.keys('live').stream, 'MINID', await lastPosition(a));
    // A fresh process: its memory starts at the stream's end, so the stream decides the resume.
    await a.close();
    const b = await boot();
    const welcome = c.nextWelcome();
    c.resume();
    expect(await welcome).toBe('snapshot');
    await expectSameAsServer(b, c, OPERATOR_TOKEN);
  }, 60_000);
});
