import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/socket.ts';
import type { Delta, Snapshot } from '../../shared/contract/views.ts';
import { DISPLAY_TOKEN, EXECUTIVE_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived } from '../support/factories.ts';

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

function connect(auth: { token?: string; position?: string; space?: 'live' | 'demo' }): Client {
  const s: Client = io(app.url, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
  sockets.push(s);
  return s;
}

/** Collects snapshots and deltas; resolves waits on conditions, not on time. */
function record(s: Client) {
  const snapshots: Snapshot[] = [];
  const deltas: Delta[] = [];
  s.on('snapshot', (x) => snapshots.push(x));
  s.on('delta', (d) => deltas.push(d));
  const seen = (callId: string): boolean => deltas.some((d) => d.changes.some((c) => c.t === 'call' && c.call.callId === callId));
  return { snapshots, deltas, seen };
}

describe('live protocol', () => {
  // How fast is the bench's business (POST→client p99), not a test's: this one asserts the chain.
  it('sends a snapshot, then a chained delta with a posted call', async () => {
    const s = connect({ token: OPERATOR_TOKEN });
    const r = record(s);
    await expect.poll(() => r.snapshots.length).toBe(1);
    const call = makeCallReceived({ caller: { number: '081234567789' } });
    expect((await app.post('/api/v1/events', [call])).status).toBe(200);
    await expect.poll(() => r.seen(call.callId), { interval: 10 }).toBe(true);
    const first = r.deltas[0];
    expect(first?.prev).toBe(r.snapshots[0]?.position);
    r.deltas.forEach((d, i) => {
      if (i > 0) expect(d.prev).toBe(r.deltas[i - 1]?.position);
    });
    const change = r.deltas.flatMap((d) => d.changes).find((c) => c.t === 'call');
    expect(change).toMatchObject({ t: 'call', call: { callId: call.callId, status: 'waiting', caller: { number: '081234567789' } } });
  });

  it('masks caller numbers for displays and removes them for executives and demo viewers, on the wire', async () => {
    const display = record(connect({ token: DISPLAY_TOKEN }));
    const exec = record(connect({ token: EXECUTIVE_TOKEN }));
    await expect.poll(() => display.snapshots.length + exec.snapshots.length).toBe(2);
    const call = makeCallReceived({ caller: { number: '081234567789' } });
    await app.post('/api/v1/events', [call]);
    await expect.poll(() => display.seen(call.callId) && exec.seen(call.callId)).toBe(true);
    const wire = (r: { deltas: Delta[] }) => JSON.stringify(r.deltas);
    expect(wire(display)).toContain('0812****789');
    expect(wire(display)).not.toContain('081234567789');
    expect(wire(exec)).not.toContain('0812');
    const snap = (await app.get('/api/v1/snapshot', DISPLAY_TOKEN)).text;
    expect(snap).toContain('0812****789');
    expect(snap).not.toContain('081234567789');
  });

  it('replays what a client missed when it reconnects with its last position, in order', async () => {
    const s = connect({ token: OPERATOR_TOKEN });
    const r = record(s);
    await expect.poll(() => r.snapshots.length).toBe(1);
    const before = makeCallReceived();
    await app.post('/api/v1/events', [before]);
    await expect.poll(() => r.seen(before.callId)).toBe(true);
    const last = r.deltas.at(-1)?.position;
    s.close();
    const missed = [makeCallReceived(), makeCallReceived({ line: '119' })];
    for (const m of missed) await app.post('/api/v1/events', [m]);
    const again = record(connect({ token: OPERATOR_TOKEN, ...(last ? { position: last } : {}) }));
    await expect.poll(() => missed.every((m) => again.seen(m.callId))).toBe(true);
    expect(again.snapshots).toHaveLength(0);
    expect(again.deltas[0]?.prev).toBe(last);
    const order = again.deltas.flatMap((d) => d.changes).flatMap((c) => (c.t === 'call' ? [c.call.callId] : []));
    expect(order.indexOf(missed[0]!.callId)).toBeLessThan(order.indexOf(missed[1]!.callId));
  });

  it('sends a fresh snapshot to a client whose position is unknown', async () => {
    const r = record(connect({ token: OPERATOR_TOKEN, position: '1-0' }));
    await expect.poll(() => r.snapshots.length).toBe(1);
    const bad = record(connect({ token: OPERATOR_TOKEN, position: 'garbage' }));
    await expect.poll(() => bad.snapshots.length).toBe(1);
  });

  it('refuses a handshake with a wrong token and gives no credential the demo space only', async () => {
    const wrong = connect({ token: 'wrong-token-123' });
    const err = await new Promise<Error>((resolve) => wrong.on('connect_error', resolve));
    expect(err.message).toBe('invalid credential');
    const live = makeCallReceived();
    await app.post('/api/v1/events', [live]);
    const anon = record(connect({ space: 'live' }));
    await expect.poll(() => anon.snapshots.length).toBe(1);
    expect(anon.snapshots[0]?.space).toBe('demo');
    expect(JSON.stringify(anon.snapshots[0])).not.toContain(live.callId);
  });
});

describe('alerts on the socket', () => {
  it('lets an operator acknowledge an alert, and every client sees it; others may not', async () => {
    const op = connect({ token: OPERATOR_TOKEN });
    const r = record(op);
    const display = connect({ token: DISPLAY_TOKEN });
    const d = record(display);
    await expect.poll(() => r.snapshots.length + d.snapshots.length).toBe(2);
    const at = new Date().toISOString();
    await app.ingest.ingestEvents('live', 'pantau', [{ id: 'raise-1', type: 'alert.raised', at, source: 'pantau-alerts', alertId: 'silent:laksa:1', kind: 'silent', subject: 'laksa', severity: 'critical', detail: { minutes: 5 } }]);
    const alertOf = (x: { deltas: Delta[] }) => x.deltas.flatMap((dd) => dd.changes).filter((c) => c.t === 'alert').at(-1);
    await expect.poll(() => alertOf(d)).toMatchObject({ alert: { alertId: 'silent:laksa:1', kind: 'silent', ackedAt: null, detail: { minutes: 5 } } });
    expect(await display.emitWithAck('alert:ack', 'silent:laksa:1')).toEqual({ ok: false, error: 'only operators acknowledge alerts' });
    expect(await op.emitWithAck('alert:ack', 'nope')).toEqual({ ok: false, error: 'no such alert' });
    expect(await op.emitWithAck('alert:ack', 'silent:laksa:1')).toEqual({ ok: true });
    await expect.poll(() => alertOf(d)).toMatchObject({ alert: { alertId: 'silent:laksa:1', ackedBy: 'operator' } });
    // An ingest key cannot raise alerts.
    const forged = await app.post('/api/v1/events', [{ id: 'x', type: 'alert.raised', at, source: 'evil', alertId: 'a', kind: 'spike', subject: 's', severity: 'warning' }]);
    expect(forged.status).toBe(400);
    expect(forged.json).toMatchObject({ rejected: [{ index: 0, errors: [{ field: 'type', rule: 'internal' }] }] });
  });
});
