// The callback list and repeat-caller counts on the wire (issue 16): an operator gets the
// numbers and the counts, and marks a callback through the operator-only route; displays,
// executives and demo viewers get no part of any number, nor the counts, in snapshots or deltas.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/socket.ts';
import type { Delta, Snapshot } from '../../shared/contract/views.ts';
import { DEMO_KEY, DISPLAY_TOKEN, EXECUTIVE_TOKEN, INGEST_KEY, OPERATOR_TOKEN, PRESENTER_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallAbandoned, makeCallAnswered, makeCallEnded, makeCallReceived } from '../support/factories.ts';

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

function record(auth: { token?: string; space?: 'live' | 'demo' }) {
  const s: Client = io(app.url, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
  sockets.push(s);
  const snapshots: Snapshot[] = [];
  const deltas: Delta[] = [];
  s.on('snapshot', (x) => snapshots.push(x));
  s.on('delta', (d) => deltas.push(d));
  const listed = (callId: string): boolean | undefined => {
    let out: boolean | undefined;
    for (const d of deltas) for (const c of d.changes) if (c.t === 'callback' && c.callId === callId) out = c.entry !== null;
    return out;
  };
  return { snapshots, deltas, listed };
}

const NUMBER = '081234567789';
/** Any run of the number's digits that would identify it: its middle is what a mask hides. */
const DIGITS = /3456|4567|5677/;

function nuisanceStory(number: string) {
  const t0 = Date.now() - 60 * 60_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const prank = makeCallReceived({ at: iso(t0), caller: { number } });
  const gone = makeCallReceived({ at: iso(t0 + 10 * 60_000), caller: { number } });
  const waiting = makeCallReceived({ caller: { number } });
  return {
    gone, waiting,
    events: [
      prank, makeCallAnswered({ callId: prank.callId, at: iso(t0 + 5_000) }), makeCallEnded({ callId: prank.callId, at: iso(t0 + 60_000), disposition: 'prank' }),
      gone, makeCallAbandoned({ callId: gone.callId, at: iso(t0 + 10 * 60_000 + 30_000) }),
      waiting,
    ],
  };
}

describe('callbacks and repeat callers per role', () => {
  it('operators get the number, the list and the counts; walls, executives get none of them, in deltas and snapshots', async () => {
    const op = record({ token: OPERATOR_TOKEN });
    const display = record({ token: DISPLAY_TOKEN });
    const exec = record({ token: EXECUTIVE_TOKEN });
    await expect.poll(() => op.snapshots.length + display.snapshots.length + exec.snapshots.length).toBe(3);
    const story = nuisanceStory(NUMBER);
    expect((await app.post('/api/v1/events', story.events)).status).toBe(200);
    await expect.poll(() => [op, display, exec].every((r) => r.listed(story.gone.callId) === true)).toBe(true);

    const opChanges = op.deltas.flatMap((d) => d.changes);
    expect(opChanges.findLast((c) => c.t === 'callback')).toMatchObject({ entry: { callId: story.gone.callId, attempts: 1, caller: { number: NUMBER } } });
    expect(opChanges.findLast((c) => c.t === 'call' && c.call.callId === story.waiting.callId)).toMatchObject({ call: { repeatCalls24h: 3, prankCalls24h: 1 } });
    const opSnap = (await app.get('/api/v1/snapshot', OPERATOR_TOKEN)).json as Snapshot;
    expect(opSnap.calls.callbacks).toMatchObject([{ callId: story.gone.callId, caller: { number: NUMBER } }]);
    expect(opSnap.calls.waiting.find((c) => c.callId === story.waiting.callId)).toMatchObject({ repeatCalls24h: 3, prankCalls24h: 1 });

    for (const [r, token] of [[display, DISPLAY_TOKEN], [exec, EXECUTIVE_TOKEN]] as const) {
      const wire = JSON.stringify(r.deltas);
      const snap = (await app.get('/api/v1/snapshot', token)).text;
      for (const text of [wire, snap]) {
        expect(text).not.toMatch(DIGITS);
        expect(text).not.toContain('repeatCalls24h');
        expect(text).not.toContain('prankCalls24h');
      }
      // The entry is there (a count the wall may show), without its number.
      expect((JSON.parse(snap) as Snapshot).calls.callbacks).toEqual([expect.not.objectContaining({ caller: expect.anything() })]);
    }
  });

  it('demo viewers and the presenter get no number or count of the demo space either', async () => {
    const story = nuisanceStory(NUMBER);
    expect((await app.post('/api/v1/events?space=demo', story.events, { token: DEMO_KEY })).status).toBe(200);
    const anon = record({});
    const presenter = record({ token: PRESENTER_TOKEN });
    await expect.poll(() => anon.snapshots.length + presenter.snapshots.length).toBe(2);
    for (const r of [anon, presenter]) {
      const text = JSON.stringify(r.snapshots[0]);
      expect(r.snapshots[0]?.calls.callbacks?.map((e) => e.callId)).toEqual([story.gone.callId]);
      expect(text).not.toMatch(DIGITS);
      expect(text).not.toContain('repeatCalls24h');
    }
  });
});

describe('POST /api/v1/calls/:callId/callback', () => {
  it('an operator marks a call reached: it leaves the list on every screen and counts as called back', async () => {
    const op = record({ token: OPERATOR_TOKEN });
    const display = record({ token: DISPLAY_TOKEN });
    await expect.poll(() => op.snapshots.length + display.snapshots.length).toBe(2);
    const story = nuisanceStory(NUMBER);
    await app.post('/api/v1/events', story.events);
    await expect.poll(() => op.listed(story.gone.callId)).toBe(true);

    const busy = await app.post(`/api/v1/calls/${story.gone.callId}/callback`, { outcome: 'busy' }, { token: OPERATOR_TOKEN });
    expect(busy.status).toBe(202);
    await expect.poll(() => ((app.get('/api/v1/snapshot', OPERATOR_TOKEN)).then((r) => (r.json as Snapshot).calls.callbacks?.[0]?.lastOutcome))).toBe('busy');

    expect((await app.post(`/api/v1/calls/${story.gone.callId}/callback`, { outcome: 'reached' }, { token: OPERATOR_TOKEN })).status).toBe(202);
    await expect.poll(() => op.listed(story.gone.callId) === false && display.listed(story.gone.callId) === false).toBe(true);
    const snap = (await app.get('/api/v1/snapshot', OPERATOR_TOKEN)).json as Snapshot;
    expect(snap.calls.callbacks).toEqual([]);
    expect(snap.kpis.calls.all.callbacks).toMatchObject({ due: 1, calledBack: 1 });
    expect(snap.kpis.targets?.callbackWithin2m).toBe(0.9);
  });

  it('is for operators only, and names the bad field', async () => {
    const path = '/api/v1/calls/C-1/callback';
    expect((await app.post(path, { outcome: 'reached' }, { token: null })).status).toBe(401);
    expect((await app.post(path, { outcome: 'reached' }, { token: DISPLAY_TOKEN })).status).toBe(403);
    expect((await app.post(path, { outcome: 'reached' }, { token: EXECUTIVE_TOKEN })).status).toBe(403);
    expect((await app.post(path, { outcome: 'reached' }, { token: PRESENTER_TOKEN })).status).toBe(403);
    expect((await app.post(path, { outcome: 'reached' }, { token: INGEST_KEY })).status).toBe(403);
    const bad = await app.post(path, { outcome: 'called' }, { token: OPERATOR_TOKEN });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { field: 'outcome' } });
  });

  it('a PBX may send call.callback with its own source; pantau-operator stays reserved', async () => {
    const call = makeCallReceived({ caller: { number: NUMBER } });
    const at = new Date().toISOString();
    const pbx = { id: 'cb-1', type: 'call.callback', at, source: 'pbx-112', callId: call.callId, agentId: 'a-7', outcome: 'no-answer' };
    expect((await app.post('/api/v1/events', [call, pbx])).status).toBe(200);
    const forged = await app.post('/api/v1/events', [{ ...pbx, id: 'cb-2', source: 'pantau-operator' }]);
    expect(forged.status).toBe(400);
    const wrong = await app.post('/api/v1/events', [{ ...pbx, id: 'cb-3', outcome: 'maybe' }]);
    expect(wrong.json).toMatchObject({ rejected: [{ errors: [expect.objectContaining({ field: 'outcome' })] }] });
  });
});
