// Scale-out (design.md "Scale-out"): two Pantau processes (`server/main.ts` as child processes)
// on one Redis with one key prefix. An event ingested on either reaches clients of both, in
// order; a client resumes on the other process with the position the first one gave it; and
// two wall screens, one per process (directly and through the sticky proxy), end identical.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/socket.ts';
import type { Delta, Snapshot } from '../../shared/contract/views.ts';
import { applyDelta } from '../../client/live/apply-delta.ts';
import { fromSnapshot, type LiveData } from '../../shared/live/live-data.ts';
import { DISPLAY_TOKEN, INGEST_KEY, OPERATOR_TOKEN, startPantauProcess, type PantauProcess } from '../../bench/support/pantau-process.ts';
import { startStickyProxy, STICKY_COOKIE, type StickyProxy } from '../../scripts/sticky-proxy.ts';
import { makeCallAnswered, makeCallReceived, makeIncidentReported } from '../support/factories.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let a: PantauProcess;
let b: PantauProcess;
const sockets: Client[] = [];

beforeAll(async () => {
  // One prefix for both processes (they are one deployment), fresh for this file.
  const keyPrefix = `mp-${randomUUID().slice(0, 8)}`;
  const redisUrl = inject('redisUrl');
  [a, b] = await Promise.all([
    startPantauProcess({ redisUrl, keyPrefix, batchMs: 50 }),
    startPantauProcess({ redisUrl, keyPrefix, batchMs: 50 }),
  ]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

function connect(url: string, auth: { token: string; position?: string }, extraHeaders?: Record<string, string>): Client {
  const s: Client = io(url, { auth, reconnection: false, forceNew: true, ...(extraHeaders ? { extraHeaders } : { transports: ['websocket'] }) });
  sockets.push(s);
  return s;
}

/** Follows one client: its snapshots and deltas, and the view they add up to (the browser's reducer). */
function record(s: Client) {
  const snapshots: Snapshot[] = [];
  const deltas: Delta[] = [];
  let view: LiveData | null = null;
  s.on('snapshot', (x) => {
    snapshots.push(x);
    view = fromSnapshot(x);
  });
  s.on('delta', (d) => {
    deltas.push(d);
    if (view) view = applyDelta(view, d);
  });
  const callIds = (): string[] => deltas.flatMap((d) => d.changes).flatMap((c) => (c.t === 'call' ? [c.call.callId] : []));
  return { snapshots, deltas, callIds, view: () => view };
}

async function post(p: PantauProcess, events: unknown[]): Promise<void> {
  const r = await fetch(`${p.url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  expect(r.status).toBe(200);
}

/** What must be equal on two screens: the position and every entity (KPIs are re-read per process). */
function comparable(v: LiveData | null) {
  return v && { position: v.position, waiting: v.waiting, incidents: v.incidents, agents: v.agents, eventsToday: v.eventsToday };
}

describe('two processes, one Redis', () => {
  it('delivers an event ingested on A to a client connected to B, in order', async () => {
    const onB = record(connect(b.url, { token: OPERATOR_TOKEN }));
    await expect.poll(() => onB.snapshots.length).toBe(1);
    const calls = Array.from({ length: 5 }, () => makeCallReceived());
    for (const c of calls) await post(a, [c]);
    await expect.poll(() => calls.every((c) => onB.callIds().includes(c.callId))).toBe(true);
    const seen = onB.callIds().filter((id) => calls.some((c) => c.callId === id));
    expect(seen).toEqual(calls.map((c) => c.callId));
    expect(onB.deltas[0]?.prev).toBe(onB.snapshots[0]?.position);
    onB.deltas.forEach((d, i) => {
      if (i > 0) expect(d.prev).toBe(onB.deltas[i - 1]?.position);
    });
  });

  it('resumes a client on B from the position it got from A, with what it missed, in order', async () => {
    const onA = record(connect(a.url, { token: OPERATOR_TOKEN }));
    await expect.poll(() => onA.snapshots.length).toBe(1);
    const first = makeCallReceived();
    await post(a, [first]);
    await expect.poll(() => onA.callIds().includes(first.callId)).toBe(true);
    const position = onA.deltas.at(-1)?.position;
    expect(position).toBeDefined();
    sockets.splice(0).forEach((s) => s.close());
    const missed = [makeCallReceived(), makeCallReceived({ line: '119' })];
    await post(a, [missed[0]]);
    await post(b, [missed[1]]);
    const onB = record(connect(b.url, { token: OPERATOR_TOKEN, ...(position ? { position } : {}) }));
    await expect.poll(() => missed.every((m) => onB.callIds().includes(m.callId))).toBe(true);
    expect(onB.snapshots).toHaveLength(0);
    expect(onB.deltas[0]?.prev).toBe(position);
    const order = onB.callIds();
    expect(order).not.toContain(first.callId);
    expect(order.indexOf(missed[0]!.callId)).toBeLessThan(order.indexOf(missed[1]!.callId));
  });

  it('gives two screens, one per process, identical state while both processes ingest', async () => {
    const one = record(connect(a.url, { token: DISPLAY_TOKEN }));
    const two = record(connect(b.url, { token: DISPLAY_TOKEN }));
    await expect.poll(() => one.snapshots.length + two.snapshots.length).toBe(2);
    const received = Array.from({ length: 6 }, (_, i) => makeCallReceived({ line: i % 2 ? '112' : '119' }));
    const incidents = Array.from({ length: 3 }, () => makeIncidentReported());
    await Promise.all([
      post(a, [...received.slice(0, 3), incidents[0]]),
      post(b, [...received.slice(3), ...incidents.slice(1)]),
    ]);
    await post(a, [makeCallAnswered({ callId: received[0]!.callId })]);
    const last = makeCallReceived();
    await post(b, [last]);
    await expect.poll(() => [one, two].every((r) => r.view()?.waiting[last.callId] !== undefined)).toBe(true);
    await expect.poll(() => one.view()?.position).toBe(two.view()?.position);
    expect(comparable(one.view())).toEqual(comparable(two.view()));
    expect(one.view()?.waiting[received[0]!.callId]).toBeUndefined();
    for (const i of incidents) expect(one.view()?.incidents[i.incidentId]).toBeDefined();
  });
});

describe('behind the sticky proxy', () => {
  let proxy: StickyProxy;
  beforeAll(async () => {
    const backends = [a, b].map((p) => ({ host: '127.0.0.1', port: Number(new URL(p.url).port) }));
    proxy = await startStickyProxy({ port: 0, host: '127.0.0.1', backends });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('keeps each screen on its process (long-polling, then the upgrade) and both show the same', async () => {
    const url = `http://127.0.0.1:${proxy.port}`;
    // Polling first, as browsers start: every request of the session must reach one process.
    const one = record(connect(url, { token: DISPLAY_TOKEN }, { cookie: `${STICKY_COOKIE}=0` }));
    const two = record(connect(url, { token: DISPLAY_TOKEN }, { cookie: `${STICKY_COOKIE}=1` }));
    await expect.poll(() => one.snapshots.length + two.snapshots.length).toBe(2);
    const metric = async (p: PantauProcess): Promise<number> => {
      const text = await (await fetch(`${p.url}/metrics`)).text();
      return Number(/pantau_socket_connections\{[^}]*role="display"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    await expect.poll(async () => [await metric(a), await metric(b)]).toEqual([1, 1]);
    const calls = [makeCallReceived(), makeCallReceived()];
    await post(a, [calls[0]]);
    await post(b, [calls[1]]);
    await expect.poll(() => [one, two].every((r) => calls.every((c) => r.view()?.waiting[c.callId] !== undefined))).toBe(true);
    await expect.poll(() => one.view()?.position).toBe(two.view()?.position);
    expect(comparable(one.view())).toEqual(comparable(two.view()));
  });
});
