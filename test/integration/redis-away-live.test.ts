// Issue #20 finding 3: a wall is never silently LIVE while Redis is down. A real redis-server
// is killed under a connected wall: every client hears `source { available: false }` within
// 5 s (and a client that connects meanwhile is told so with its snapshot); when Redis is back,
// each gets a fresh snapshot, then `source { available: true }`, and the deltas go on from it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents, SourceState } from '../../shared/contract/socket.ts';
import type { Delta, Snapshot } from '../../shared/contract/views.ts';
import { DISPLAY_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived } from '../support/factories.ts';
import { RedisUnderTest } from '../support/fault-processes.ts';
import { freePort } from '../support/redis-process.ts';
import { waitFor } from '../support/wait.ts';

type Got = { kind: 'snapshot'; value: Snapshot } | { kind: 'delta'; value: Delta } | { kind: 'source'; value: SourceState };

let dir: string;
let redis: RedisUnderTest;
let app: TestApp;
const sockets: Socket[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pantau-away-'));
  redis = new RedisUnderTest(await freePort(), dir, 'always');
  await redis.start();
  app = await startApp({}, { redisUrl: redis.url });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await app.close();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
});

function watch(token: string): { got: Got[]; socket: Socket<ServerToClientEvents, ClientToServerEvents> } {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(app.url, { transports: ['websocket'], auth: { token }, forceNew: true });
  sockets.push(socket);
  const got: Got[] = [];
  socket.on('snapshot', (value) => got.push({ kind: 'snapshot', value }));
  socket.on('delta', (value) => got.push({ kind: 'delta', value }));
  socket.on('source', (value) => got.push({ kind: 'source', value }));
  return { got, socket };
}

const lastSource = (got: Got[]): SourceState | undefined => got.filter((g): g is Extract<Got, { kind: 'source' }> => g.kind === 'source').at(-1)?.value;
const hasCall = (g: Got, callId: string): boolean =>
  g.kind === 'delta' ? g.value.changes.some((c) => c.t === 'call' && c.call.callId === callId) : g.kind === 'snapshot' && g.value.calls.waiting.some((c) => c.callId === callId);

describe('Redis away under a connected wall', () => {
  it('tells every client within 5 s, and on its return sends a fresh snapshot before saying so', async () => {
    const wall = watch(DISPLAY_TOKEN);
    await waitFor(() => lastSource(wall.got)?.available === true, { what: 'the wall told the source is there' });
    expect(wall.got[0]?.kind).toBe('snapshot');
    const before = makeCallReceived();
    expect((await app.post('/api/v1/events', [before])).status).toBe(200);
    await waitFor(() => wall.got.some((g) => hasCall(g, before.callId)), { what: 'the call before the outage' });

    await redis.kill();
    const away = await waitFor(() => (lastSource(wall.got)?.available === false ? lastSource(wall.got) : undefined), { what: 'source away on the wall', timeoutMs: 5_000 });
    expect(Number.isNaN(Date.parse(away.since))).toBe(false);
    const awayAt = wall.got.length;

    // A screen that connects during the outage gets what memory holds, and is told it is stale.
    const late = watch(OPERATOR_TOKEN);
    await waitFor(() => lastSource(late.got), { what: 'the late client told about the source' });
    expect(late.got.map((g) => g.kind)).toEqual(['snapshot', 'source']);
    expect(lastSource(late.got)).toEqual({ available: false, since: away.since });
    expect(late.got[0]?.kind === 'snapshot' && hasCall(late.got[0], before.callId)).toBe(true);

    await redis.start();
    await waitFor(() => lastSource(wall.got)?.available === true, { what: 'source back on the wall', timeoutMs: 20_000 });
    const since = wall.got.slice(awayAt);
    const back = since.findIndex((g) => g.kind === 'source');
    const fresh = since.slice(0, back).filter((g): g is Extract<Got, { kind: 'snapshot' }> => g.kind === 'snapshot').at(-1);
    expect(fresh, 'a fresh snapshot before "source back"').toBeDefined();
    const tail = (await app.redis.redis.xrevrange(app.keys('live').stream, '+', '-', 'COUNT', 1))[0]?.[0];
    expect(fresh?.value.position).toBe(tail);
    expect(fresh && hasCall(fresh, before.callId)).toBe(true);
    await waitFor(() => lastSource(late.got)?.available === true, { what: 'source back on the late client' });

    // Live again: a new call arrives as a delta chained on the fresh snapshot.
    const after = makeCallReceived();
    await waitFor(async () => (await app.post('/api/v1/events', [after])).status === 200, { what: 'ingest back', timeoutMs: 10_000 });
    await waitFor(() => wall.got.some((g) => hasCall(g, after.callId)), { what: 'the call after the outage' });
    const firstDelta = wall.got.slice(awayAt).find((g): g is Extract<Got, { kind: 'delta' }> => g.kind === 'delta');
    expect(firstDelta?.value.prev).toBe(fresh?.value.position);
  }, 60_000);
});
