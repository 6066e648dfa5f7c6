import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeAppActivity, makeCallAnswered, makeCallEnded, makeCallReceived, makeIncidentReported, wib } from '../support/factories.ts';
import { rebuildSpace } from '../../server/store/rebuild.ts';

let app: TestApp;
beforeEach(async () => {
  // The detectors off: a queue alert the server raises on these calls would be a stream entry
  // the test did not post (the rebuild reproduces it too, but the count below is of ours).
  app = await startApp({}, { alertDetectors: false });
});
afterEach(async () => {
  await app.close();
});

/** Every key of the live space except the stream and dedupe, with its content. */
async function derivedState(): Promise<Record<string, unknown>> {
  const r = app.redis.redis;
  const keys = (await r.keys(`${app.keys('live').all}*`)).filter((k) => !k.endsWith(':stream') && !k.includes(':dedupe:')).sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const type = await r.type(k);
    out[k] = type === 'hash' ? await r.hgetall(k) : type === 'zset' ? await r.zrange(k, 0, -1, 'WITHSCORES') : type === 'set' ? (await r.smembers(k)).sort() : await r.get(k);
  }
  return out;
}

describe('rebuild from the stream', () => {
  it('reproduces the derived state exactly', async () => {
    const t0 = Date.now() - 3_600_000;
    const events = [];
    for (let i = 0; i < 40; i++) {
      const c = makeCallReceived({ at: wib(t0 + i * 60_000), line: i % 3 ? '112' : '119', caller: { number: `0812000${i}` } });
      events.push(c);
      if (i % 4 !== 0) events.push(makeCallAnswered({ callId: c.callId, at: wib(t0 + i * 60_000 + (i % 7) * 4_000), agentId: `a${i % 3}` }));
      if (i % 4 === 1) events.push(makeCallEnded({ callId: c.callId, at: wib(t0 + i * 60_000 + 90_000), disposition: i % 8 === 1 ? 'prank' : 'info' }));
      if (i % 10 === 0) events.push(makeIncidentReported({ at: wib(t0 + i * 60_000), callId: c.callId }));
      events.push(makeAppActivity({ at: wib(t0 + i * 60_000), count: i + 1, kind: i % 5 === 0 ? 'complaint' : 'session', kecamatan: '36.71.07' as never }));
    }
    // Shuffle deterministically: arrival order must not matter.
    events.sort((a, b) => (a.id < b.id ? 1 : -1));
    expect((await app.post('/api/v1/events', events)).status).toBe(200);
    const before = await derivedState();
    const kpisBefore = (await app.get('/api/v1/kpis', OPERATOR_TOKEN)).json;
    const result = await rebuildSpace(app.redis.redis, app.keys('live'));
    expect(result.entries).toBe(events.length);
    expect(await derivedState()).toEqual(before);
    expect((await app.get('/api/v1/kpis', OPERATOR_TOKEN)).json).toEqual(kpisBefore);
  });
});
