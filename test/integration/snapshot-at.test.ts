// A snapshot says when it was taken. The feed caches the snapshot per stream position (and its
// JSON per role), so a snapshot sent after a quiet period must still carry the time of sending,
// not the time the cache was filled: clients judge staleness by it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/socket.ts';
import { Snapshot } from '../../shared/contract/views.ts';
import { toIsoWithOffset } from '../../server/domain/time.ts';
import { DISPLAY_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived } from '../support/factories.ts';
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

    // A quiet period: nothing re-reads the summaries, so the state is the same; only `at` and the
    // longest wait of the call still waiting (taken from memory at send time) move with the clock.
    nowMs += 9_000;
    const later = await httpSnapshot(DISPLAY_TOKEN);
    expect(later.position).toBe(first.position);
    expect(later.at).toBe(wibNow());
    expect(later.at).not.toBe(first.at);
    // (The call was stamped by the real clock, a moment after the test clock's start: a wait of 0 at first.)
    expect(later.kpis.calls['112'].longestWaitNow ?? 0).toBeGreaterThan((first.kpis.calls['112'].longestWaitNow ?? 0) + 8);
    const withoutClock = ({ at: _at, kpis, ...body }: Snapshot) => ({
      ...body,
      kpis: { ...kpis, calls: Object.fromEntries(Object.entries(kpis.calls).map(([line, { longestWaitNow: _l, ...k }]) => [line, k])) },
    });
    expect(withoutClock(later)).toEqual(withoutClock(first));

    const overSocket = await socketSnapshot(DISPLAY_TOKEN);
    expect(overSocket.position).toBe(first.position);
    expect(overSocket.at).toBe(wibNow());

    // Each role's cached JSON gets the fresh time too.
    nowMs += 3_000;
    expect((await httpSnapshot(OPERATOR_TOKEN)).at).toBe(wibNow());
    nowMs += 3_000;
    expect((await httpSnapshot(OPERATOR_TOKEN)).at).toBe(wibNow());
  });
});
