import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived, wib } from '../support/factories.ts';
import { sweepStaleCalls } from '../../server/ingest/stale-call-sweeper.ts';
import { createLogger } from '../../server/log.ts';
import { waitingCallsBeforeReader } from '../../server/store/read-stale-calls.ts';
import type { Snapshot } from '../../shared/contract/views.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';

let app: TestApp;
beforeEach(async () => {
  app = await startApp();
});
afterEach(async () => {
  await app.close();
});

describe('stale-call sweeper', () => {
  it('expires calls that waited past the threshold, once, however many sweepers run', async () => {
    const now = Date.now();
    const ghost = makeCallReceived({ at: wib(now - 3 * 3_600_000) });
    const fresh = makeCallReceived({ at: wib(now - 60_000) });
    await app.post('/api/v1/events', [ghost, fresh]);
    const deps = { readWaitingCallsBefore: waitingCallsBeforeReader(app.redis.redis, app.keys), ingest: app.ingest, staleMinutes: 60, timeZone: 'Asia/Jakarta', clock: () => now, log: createLogger('silent') };
    const [a, b] = await Promise.all([sweepStaleCalls(deps, 'live'), sweepStaleCalls(deps, 'live')]);
    expect(a + b).toBe(1);
    const snap = (await app.get('/api/v1/snapshot', OPERATOR_TOKEN)).json as Snapshot;
    expect(snap.calls.waiting.map((w) => w.callId)).toEqual([fresh.callId]);
    // An expired call is neither answered nor abandoned: it is still offered.
    const window = `from=${encodeURIComponent(wib(now - 4 * 3_600_000))}&to=${encodeURIComponent(wib(now + 60_000))}`;
    const kpis = (await app.get(`/api/v1/kpis?${window}`, OPERATOR_TOKEN)).json as KpisAnswer;
    expect(kpis.calls.all).toMatchObject({ offered: 2, answered: 0, abandoned: 0 });
  });

  it('expires calls whose ids would break a cut id: astral characters, and ids sharing 120 characters (issue #20 finding 5)', async () => {
    const now = Date.now();
    const emoji = makeCallReceived({ at: wib(now - 3 * 3_600_000), callId: 'a' + '😀'.repeat(63) });
    const twinA = makeCallReceived({ at: wib(now - 3 * 3_600_000), callId: `${'x'.repeat(120)}-a` });
    const twinB = makeCallReceived({ at: wib(now - 3 * 3_600_000), callId: `${'x'.repeat(120)}-b` });
    expect((await app.post('/api/v1/events', [emoji, twinA, twinB])).status).toBe(200);
    const deps = { readWaitingCallsBefore: waitingCallsBeforeReader(app.redis.redis, app.keys), ingest: app.ingest, staleMinutes: 60, timeZone: 'Asia/Jakarta', clock: () => now, log: createLogger('silent') };
    expect(await sweepStaleCalls(deps, 'live')).toBe(3);
    const snap = (await app.get('/api/v1/snapshot', OPERATOR_TOKEN)).json as Snapshot;
    expect(snap.calls.waiting.map((w) => w.callId)).toEqual([]);
  });
});
