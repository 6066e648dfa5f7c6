import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPLAY_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeAppActivity, makeCallAnswered, makeCallReceived, makeIncidentReported, wib } from '../support/factories.ts';
import type { IngestAnswer } from '../../shared/contract/ingest.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import type { Snapshot } from '../../shared/contract/views.ts';

let app: TestApp;
beforeEach(async () => {
  app = await startApp();
});
afterEach(async () => {
  await app.close();
});

const waitingIds = async (): Promise<string[]> =>
  ((await app.get('/api/v1/snapshot', OPERATOR_TOKEN)).json as Snapshot).calls.waiting.map((w) => w.callId);

describe('POST /api/v1/events', () => {
  it('accepts a valid batch, makes it visible in the snapshot, and counts a re-post as duplicates only', async () => {
    const batch = [makeCallReceived({ line: '112' }), makeCallReceived({ line: '119' })];
    const first = await app.post('/api/v1/events', batch);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await waitingIds()).toEqual(expect.arrayContaining(batch.map((e) => e.callId)));

    const again = await app.post('/api/v1/events', batch);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    const kpis = (await app.get('/api/v1/kpis', OPERATOR_TOKEN)).json as KpisAnswer;
    expect(kpis.calls.all.offered).toBe(2);
    expect((await app.get('/api/v1/snapshot', OPERATOR_TOKEN)).json).toMatchObject({ eventsToday: 2 });
  });

  it('answers a mixed batch with 207, naming the index and the field of each bad item', async () => {
    const good = makeCallReceived();
    const { line: _line, ...noLine } = makeCallReceived();
    const badLat = makeIncidentReported({ location: { lat: 123, lon: 106.6 } });
    const r = await app.post('/api/v1/events', [good, noLine, badLat, 'not an event']);
    expect(r.status).toBe(207);
    const answer = r.json as IngestAnswer;
    expect(answer.accepted).toBe(1);
    expect(answer.rejected).toMatchInlineSnapshot(`
      [
        {
          "errors": [
            {
              "field": "line",
              "message": "line is required",
              "rule": "required",
            },
          ],
          "id": "${noLine.id}",
          "index": 1,
        },
        {
          "errors": [
            {
              "field": "location.lat",
              "message": "Too big: expected number to be <=90",
              "rule": "too_big",
            },
          ],
          "id": "${badLat.id}",
          "index": 2,
        },
        {
          "errors": [
            {
              "field": "",
              "message": "Invalid input: expected object, received string",
              "rule": "invalid_type",
            },
          ],
          "index": 3,
        },
      ]
    `);
  });

  it('refuses a batch of only bad events with 400 and malformed JSON with 400', async () => {
    expect((await app.post('/api/v1/events', [makeCallReceived({ line: '911' as '112' })])).status).toBe(400);
    const bad = await app.post('/api/v1/events', '{"id":');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('answers 413 for more than 10,000 events or more than 5 MB, and accepts nothing of them', async () => {
    const many = Array.from({ length: 10_001 }, () => makeAppActivity());
    expect((await app.post('/api/v1/events', many)).status).toBe(413);
    const huge = `[${JSON.stringify(makeCallReceived())},"${'x'.repeat(5 * 1024 * 1024)}"]`;
    expect((await app.post('/api/v1/events', huge)).status).toBe(413);
    expect(await waitingIds()).toEqual([]);
  });

  it('answers 401 without a key or with an unknown one, and 403 for a viewer token', async () => {
    const batch = [makeCallReceived()];
    expect((await app.post('/api/v1/events', batch, { token: null })).status).toBe(401);
    expect((await app.post('/api/v1/events', batch, { token: 'not-a-key-at-all' })).status).toBe(401);
    expect((await app.post('/api/v1/events', batch, { token: DISPLAY_TOKEN })).status).toBe(403);
    expect(await waitingIds()).toEqual([]);
  });

  it('accepts NDJSON, rejecting only the lines that do not parse', async () => {
    const a = makeCallReceived();
    const b = makeAppActivity({ kind: 'transaction', count: 3 });
    const body = `${JSON.stringify(a)}\n{oops\n\n${JSON.stringify(b)}\n`;
    const r = await app.post('/api/v1/events', body, { type: 'application/x-ndjson' });
    expect(r.status).toBe(207);
    expect(r.json).toMatchObject({ accepted: 2, duplicates: 0, rejected: [{ index: 1, errors: [{ rule: 'invalid_json' }] }] });
  });

  it('gives the same waiting calls whatever the arrival order', async () => {
    const t0 = Date.now() - 60_000;
    const [a, b, c] = ['A', 'B', 'C'].map((x) => `${app.prefix}-${x}`) as [string, string, string];
    const events = [
      makeCallReceived({ callId: a, at: wib(t0) }),
      makeCallAnswered({ callId: a, at: wib(t0 + 9_000) }),
      makeCallReceived({ callId: b, at: wib(t0 + 1_000) }),
      makeCallReceived({ callId: c, at: wib(t0 + 2_000), line: '119' }),
      { id: `ab-${app.prefix}`, type: 'call.abandoned', at: wib(t0 + 30_000), source: 'test', callId: c },
    ];
    // Reverse order, one event per request, so each arrives before what caused it.
    for (const e of [...events].reverse()) expect((await app.post('/api/v1/events', e)).status).toBe(200);
    expect(await waitingIds()).toEqual([b]);
    const k = (await app.get('/api/v1/kpis', OPERATOR_TOKEN)).json as KpisAnswer;
    expect(k.calls['112']).toMatchObject({ offered: 2, answered: 1, asa: 9 });
    expect(k.calls['119']).toMatchObject({ offered: 1, abandoned: 1, sl20: 0 });
  });

  it('ingests into the demo space only with ?space=demo, and the demo key only there', async () => {
    const e = makeCallReceived();
    expect((await app.post('/api/v1/events?space=demo', [e], { token: 'test-demo-key-00001' })).status).toBe(200);
    expect((await app.post('/api/v1/events', [makeCallReceived()], { token: 'test-demo-key-00001' })).status).toBe(403);
    const demo = (await app.get('/api/v1/snapshot')).json as Snapshot;
    expect(demo.space).toBe('demo');
    expect(demo.calls.waiting.map((w) => w.callId)).toEqual([e.callId]);
    expect(await waitingIds()).toEqual([]);
  });
});
