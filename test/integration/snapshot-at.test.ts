// A snapshot says when it was taken. The feed caches the snapshot per stream position (and its
// JSON per role), so a snapshot sent after a quiet period must still carry the time of sending,
// not the time the cache was filled: clients judge staleness by it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/socket.ts';
import { Snapshot } from '../../shared/contract/views.ts';
import { redactSnapshot } from '../../server/domain/redact.ts';
import { toIsoWithOffset } from '../../server/domain/time.ts';
import { DISPLAY_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived, makeIncidentReported } from '../support/factories.ts';
import { nextEvent } from '../support/wait.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let app: TestApp;
let nowMs = 0;
const sockets: Client[] = [];
beforeEach(async () => {
  nowMs = Date.now();
  app = await startApp({}, { clock: () => nowMs });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await app.close();
});

const wibNow = (): string => toIsoWithOffset(nowMs, 'Asia/Jakarta');

async function socketSnapshot(token: string): Promise<Snapshot> {
  const s: Client = io(app.url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  sockets.push(s);
  return nextEvent(s, 'snapshot');
}

async function httpSnapshot(token: string): Promise<Snapshot> {
  const r = await app.get('/api/v1/snapshot', token);
  expect(r.status).toBe(200);
  // The spliced JSON must still be a valid snapshot, not only carry the right `at`.
  return Snapshot.parse(r.json);
}

describe('snapshot time', () => {
  it('stamps `at` when a snapshot is sent, not when the cached state was built', async () => {
    expect((await app.post('/api/v1/events', [makeCallReceived()])).status).toBe(200);
    const first = await httpSnapshot(DISPLAY_TOKEN);
    expect(first.at).toBe(wibNow());
    expect((await socketSnapshot(DISPLAY_TOKEN)).at).toBe(wibNow());

    // A quiet period shorter than the feed's 10 s heartbeat: nothing re-reads the summaries,
    // so the cached state is reused as it is, and only `at` may move.
    nowMs += 9_000;
    const later = await httpSnapshot(DISPLAY_TOKEN);
    expect(later.position).toBe(first.position);
    expect(later.at).toBe(wibNow());
    expect(later.at).not.toBe(first.at);
    const { at: _a, ...laterBody } = later;
    const { at: _b, ...firstBody } = first;
    expect(laterBody).toEqual(firstBody);

    const overSocket = await socketSnapshot(DISPLAY_TOKEN);
    expect(overSocket.position).toBe(first.position);
    expect(overSocket.at).toBe(wibNow());

    // Each role's cached JSON gets the fresh time too.
    nowMs += 3_000;
    expect((await httpSnapshot(OPERATOR_TOKEN)).at).toBe(wibNow());
    nowMs += 3_000;
    expect((await httpSnapshot(OPERATOR_TOKEN)).at).toBe(wibNow());
  });

  it('keeps the JSON cache: a repeated send costs a fraction of serialising the snapshot', async () => {
    const incidents = Array.from({ length: 5_000 }, () => makeIncidentReported({ summary: 'Rumah terbakar di dekat pasar, dua unit diminta' }));
    for (let i = 0; i < incidents.length; i += 1_000) {
      expect((await app.post('/api/v1/events', incidents.slice(i, i + 1_000))).status).toBe(200);
    }
    const feed = app.feeds.live;
    await feed.pullNow();
    expect(feed.snapshot().incidents.open.length).toBe(5_000);
    feed.snapshotJson('display'); // fills the cache

    // Medians of several runs, so one scheduling hiccup on a busy machine decides nothing.
    const median = (f: () => void): number => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        f();
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[3] ?? Number.NaN;
    };
    // What every send cost without the cache: redact and serialise the whole snapshot.
    const uncached = median(() => { JSON.stringify(redactSnapshot(feed.snapshot(), 'display')); });
    // The cached path, including the copy into a Buffer that res.send makes anyway.
    const cached = median(() => { Buffer.from(feed.snapshotJson('display')); });
    expect(uncached).toBeGreaterThan(0);
    expect(cached).toBeLessThan(uncached / 3);
    console.info(`snapshotJson with 5,000 open incidents: cached ${cached.toFixed(2)} ms, uncached ${uncached.toFixed(2)} ms`);
  }, 60_000);
});
