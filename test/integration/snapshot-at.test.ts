// A snapshot says when it was taken. The feed caches the snapshot per stream position (and its
// JSON per role), so a snapshot sent after a quiet period must still carry the time of sending,
// not the time the cache was filled: clients judge staleness by it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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

  it('keeps the JSON cache: a repeated send at one position serialises nothing but `at`, and says the same', async () => {
    const incidents = Array.from({ length: 50 }, () => makeIncidentReported({ summary: 'Rumah terbakar di dekat pasar, dua unit diminta' }));
    expect((await app.post('/api/v1/events', incidents)).status).toBe(200);
    const feed = app.feeds.live;
    await feed.pullNow();
    expect(feed.snapshot().incidents.open.length).toBe(50);

    // What a send says without any cache: the redacted snapshot, serialised whole.
    const uncached = (role: 'display' | 'operator'): Record<string, unknown> => JSON.parse(JSON.stringify(redactSnapshot(feed.snapshot(), role))) as Record<string, unknown>;
    // Whether a call serialised a snapshot body (an object) rather than only the `at` string.
    const stringify = vi.spyOn(JSON, 'stringify');
    const bodiesSerialised = (): number => stringify.mock.calls.filter(([value]) => typeof value === 'object' && value !== null).length;
    try {
      const first = feed.snapshotJson('display');
      expect(bodiesSerialised()).toBe(1);
      nowMs += 1_000;
      const again = feed.snapshotJson('display');
      expect(bodiesSerialised()).toBe(1); // the cached body, only `at` is new
      expect(JSON.parse(again)).toEqual(uncached('display'));
      expect(JSON.parse(first)).toEqual({ ...uncached('display'), at: toIsoWithOffset(nowMs - 1_000, 'Asia/Jakarta') });

      // Another role is another redaction: serialised once, then cached too.
      stringify.mockClear();
      expect(JSON.parse(feed.snapshotJson('operator'))).toEqual(uncached('operator'));
      stringify.mockClear();
      feed.snapshotJson('operator');
      expect(bodiesSerialised()).toBe(0);

      // A new position is a new body: the cache does not answer with the old one.
      expect((await app.post('/api/v1/events', [makeIncidentReported()])).status).toBe(200);
      await feed.pullNow();
      stringify.mockClear();
      const moved = JSON.parse(feed.snapshotJson('display')) as Snapshot;
      expect(bodiesSerialised()).toBe(1);
      expect(moved.incidents.open.length).toBe(51);
      expect(moved).toEqual(uncached('display'));
    } finally {
      stringify.mockRestore();
    }
  });
});
