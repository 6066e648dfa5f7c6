// The compact wire form end to end (issue #21): a client that asks for it in the handshake gets
// `snapshot:z` and `delta:z` frames that decode (client/live/wire-decode.ts) to exactly what a
// plain client gets as `snapshot` and `delta`, redacted per role; a client that does not ask (an
// integrator's socket) still gets plain JSON. The HTTP snapshot keeps its JSON and is
// compressed when asked: gzip (from the cached compressed body, with a fresh `at`) or br.
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { wipeSpace } from '../../server/store/wipe-space.ts';
import { io, type Socket } from 'socket.io-client';
import { decodeDeltaFrame, decodeSnapshotFrame } from '../../client/live/wire-decode.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/socket.ts';
import { Delta, Snapshot } from '../../shared/contract/views.ts';
import { WIRE_DELTA, WIRE_FORMAT, WIRE_SNAPSHOT } from '../../shared/contract/wire.ts';
import { DEMO_KEY, DISPLAY_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived, makeIncidentReported } from '../support/factories.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let app: TestApp;
const sockets: Client[] = [];
beforeEach(async () => {
  app = await startApp();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await app.close();
});

/** A client and what it received, decoded: compact frames in order of arrival. */
function connect(token: string | undefined, compact: boolean) {
  const auth = { ...(token === undefined ? { space: 'demo' as const } : { token }), ...(compact ? { wire: WIRE_FORMAT } : {}) };
  const s: Client = io(app.url, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
  sockets.push(s);
  const snapshots: Snapshot[] = [];
  const deltas: Delta[] = [];
  const plainEvents: string[] = [];
  let chain = Promise.resolve();
  s.on('snapshot', (x) => { plainEvents.push('snapshot'); snapshots.push(x); });
  s.on('delta', (d) => { plainEvents.push('delta'); deltas.push(d); });
  s.on(WIRE_SNAPSHOT, (at, frame) => {
    chain = chain.then(async () => { const x = await decodeSnapshotFrame(at, frame); if (x) snapshots.push(x); });
  });
  s.on(WIRE_DELTA, (frame) => {
    chain = chain.then(async () => { deltas.push(Delta.parse(await decodeDeltaFrame(frame))); });
  });
  return { snapshots, deltas, plainEvents };
}

const withoutAt = ({ at: _at, ...rest }: Snapshot) => rest;
/** Without what moves with the clock: clients that connect a second apart see the longest wait a second apart. */
const withoutClock = ({ at: _at, kpis, ...body }: Snapshot) => ({
  ...body,
  kpis: { ...kpis, calls: Object.fromEntries(Object.entries(kpis.calls).map(([line, { longestWaitNow: _l, ...k }]) => [line, k])) },
});

function getRaw(path: string, token: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compact wire form', () => {
  it('gives a compact client the same snapshot and deltas as a plain one, per role', async () => {
    const seed = [makeIncidentReported({ priority: 1, summary: 'korban atas nama Budi' }), makeCallReceived({ caller: { number: '081234567789' } })];
    expect((await app.post('/api/v1/events', seed)).status).toBe(200);
    const plain = { operator: connect(OPERATOR_TOKEN, false), display: connect(DISPLAY_TOKEN, false) };
    const compact = { operator: connect(OPERATOR_TOKEN, true), display: connect(DISPLAY_TOKEN, true) };
    await expect.poll(() => [plain.operator, plain.display, compact.operator, compact.display].every((c) => c.snapshots.length === 1)).toBe(true);
    for (const role of ['operator', 'display'] as const) {
      expect(withoutClock(compact[role].snapshots[0] as Snapshot)).toEqual(withoutClock(plain[role].snapshots[0] as Snapshot));
    }
    expect(compact.display.snapshots[0]?.calls.waiting[0]?.caller?.number).toBe('0812****789');
    expect(compact.display.snapshots[0]?.incidents.open[0]?.summary).toBeNull();
    expect(compact.operator.snapshots[0]?.incidents.open[0]?.summary).toBe('korban atas nama Budi');
    // A compact client gets no plain events.
    expect(compact.operator.plainEvents).toEqual([]);

    const call = makeCallReceived({ caller: { number: '081299998888' } });
    const incident = makeIncidentReported({ priority: 2, summary: 'rahasia' });
    expect((await app.post('/api/v1/events', [call, incident])).status).toBe(200);
    const has = (c: { deltas: Delta[] }) => c.deltas.some((d) => d.changes.some((x) => x.t === 'incident' && x.incident.incidentId === incident.incidentId));
    await expect.poll(() => [plain.operator, plain.display, compact.operator, compact.display].every(has)).toBe(true);
    // Deltas are the same windows, in the same order, chained from the snapshot.
    await expect.poll(() => compact.display.deltas.length).toBe(plain.display.deltas.length);
    expect(compact.display.deltas).toEqual(plain.display.deltas);
    expect(compact.operator.deltas).toEqual(plain.operator.deltas);
    expect(compact.display.deltas[0]?.prev).toBe(compact.display.snapshots[0]?.position);
    const displayed = compact.display.deltas.flatMap((d) => d.changes).find((x) => x.t === 'call' && x.call.callId === call.callId);
    expect(displayed).toMatchObject({ call: { caller: { number: '0812****888' } } });
  });

  it('resumes a compact client with a compact delta', async () => {
    const first = connect(DISPLAY_TOKEN, true);
    await expect.poll(() => first.snapshots.length).toBe(1);
    const position = first.snapshots[0]?.position;
    expect((await app.post('/api/v1/events', [makeCallReceived()])).status).toBe(200);
    const s: Client = io(app.url, { transports: ['websocket'], auth: { token: DISPLAY_TOKEN, position, wire: WIRE_FORMAT }, reconnection: false, forceNew: true });
    sockets.push(s);
    const frame = await new Promise<string>((resolve) => s.once(WIRE_DELTA, resolve));
    const delta = Delta.parse(await decodeDeltaFrame(frame));
    expect(delta.prev).toBe(position);
    expect(delta.changes.some((c) => c.t === 'call')).toBe(true);
  });

  it('compresses the HTTP snapshot when asked, keeping its JSON and a fresh `at`', async () => {
    expect((await app.post('/api/v1/events', [makeIncidentReported(), makeCallReceived({ caller: { number: '081234567789' } })])).status).toBe(200);
    const identity = await getRaw('/api/v1/snapshot', DISPLAY_TOKEN);
    expect(identity.headers['content-encoding']).toBeUndefined();
    const plain = Snapshot.parse(JSON.parse(identity.body.toString()));

    const gz = await getRaw('/api/v1/snapshot', DISPLAY_TOKEN, 'br, gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    const fromGzip = Snapshot.parse(JSON.parse(gunzipSync(gz.body).toString()));
    expect(withoutAt(fromGzip)).toEqual(withoutAt(plain));
    // The cached compressed body is reused, the `at` is not.
    const again = Snapshot.parse(JSON.parse(gunzipSync((await getRaw('/api/v1/snapshot', DISPLAY_TOKEN, 'gzip')).body).toString()));
    expect(Date.parse(again.at)).toBeGreaterThanOrEqual(Date.parse(fromGzip.at));

    const br = await getRaw('/api/v1/snapshot', OPERATOR_TOKEN, 'br');
    expect(br.headers['content-encoding']).toBe('br');
    const fromBr = Snapshot.parse(JSON.parse(brotliDecompressSync(br.body).toString()));
    expect(fromBr.calls.waiting[0]?.caller?.number).toBe('081234567789');

    // gzip;q=0 is a refusal.
    expect((await getRaw('/api/v1/snapshot', DISPLAY_TOKEN, 'gzip;q=0, identity')).headers['content-encoding']).toBeUndefined();
  });

  it('sends a compact client a fresh compact snapshot when the space is wiped', async () => {
    const redis = new Redis(inject('redisUrl'));
    try {
      const before = makeIncidentReported({ category: 'fire' });
      expect((await app.post('/api/v1/events?space=demo', [before], { token: DEMO_KEY })).status).toBe(200);
      const viewer = connect(undefined, true);
      await expect.poll(() => viewer.snapshots.length).toBe(1);
      expect(viewer.snapshots[0]?.incidents.open.map((i) => i.incidentId)).toContain(before.incidentId);
      await wipeSpace(redis, app.keys('demo'));
      const after = makeIncidentReported({ category: 'flood' });
      expect((await app.post('/api/v1/events?space=demo', [after], { token: DEMO_KEY })).status).toBe(200);
      await expect.poll(() => viewer.snapshots.length, { timeout: 10_000 }).toBeGreaterThan(1);
      expect(viewer.snapshots.at(-1)?.incidents.open.map((i) => i.incidentId)).not.toContain(before.incidentId);
      expect(viewer.plainEvents).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
