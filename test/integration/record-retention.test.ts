// Call records expire 40 days after their last change, incident records 200 days (the executive
// view compares 90 days with the 90 before); their time indexes are trimmed to the same ages
// (server/store/trim-record-indexes.ts), and an index entry whose record is already gone is
// skipped by the readers, never counted as an empty incident.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trimRecordIndexes } from '../../server/store/trim-record-indexes.ts';
import { EXECUTIVE_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived, makeIncidentReported, wib } from '../support/factories.ts';

const DAY = 86_400_000;
let app: TestApp;
beforeEach(async () => {
  app = await startApp();
});
afterEach(async () => {
  await app.close();
});

interface Kpis { calls: { all: { offered: number } }; incidents: { count: number; byCategory: Record<string, number> } }

async function kpisOver(days: number): Promise<Kpis> {
  const now = Date.now();
  const r = await app.get(`/api/v1/kpis?from=${encodeURIComponent(wib(now - days * DAY))}&to=${encodeURIComponent(wib(now))}`, EXECUTIVE_TOKEN);
  expect(r.status).toBe(200);
  return r.json as Kpis;
}

describe('record index retention', () => {
  it('trims call index entries past 40 days and incident entries past 200; call KPIs keep them through the buckets', async () => {
    const now = Date.now();
    const oldCall = makeCallReceived({ at: wib(now - 45 * DAY) });
    const newCall = makeCallReceived({ at: wib(now - 10 * DAY) });
    const oldFire = makeIncidentReported({ at: wib(now - 210 * DAY), category: 'fire' });
    const keptMedical = makeIncidentReported({ at: wib(now - 95 * DAY), category: 'medical' });
    const newFlood = makeIncidentReported({ at: wib(now - 10 * DAY), category: 'flood' });
    expect((await app.post('/api/v1/events', [oldCall, newCall, oldFire, keptMedical, newFlood])).status).toBe(200);
    const keys = app.keys('live');
    const redis = app.redis.redis;

    expect(await trimRecordIndexes(redis, keys, now)).toBe(2);
    expect(await redis.zrange(keys.callsByReceived, 0, -1)).toEqual([newCall.callId]);
    expect(await redis.zrange(keys.incidentsByReported, 0, -1)).toEqual([keptMedical.incidentId, newFlood.incidentId]);
    expect(await trimRecordIndexes(redis, keys, now)).toBe(0);

    const k = await kpisOver(60);
    expect(k.calls.all.offered).toBe(2);
    expect(k.incidents.count).toBe(1);
    expect(k.incidents.byCategory).toMatchObject({ flood: 1, fire: 0 });
    // A 90-day range and the 90 days before it (the executive view's comparison) still hold the medical incident.
    const k180 = await kpisOver(180);
    expect(k180.incidents.byCategory).toMatchObject({ flood: 1, medical: 1, fire: 0 });
  });

  it('trims a callback entry whose first hang-up is past 40 days, with its hash', async () => {
    const now = Date.now();
    const old = makeCallReceived({ at: wib(now - 45 * DAY), caller: { number: '081200000001' } });
    const recent = makeCallReceived({ at: wib(now - 2 * DAY), caller: { number: '081200000002' } });
    const abandon = (callId: string, at: number) => ({ id: `ab-${callId}`, type: 'call.abandoned', at: wib(at), source: 'test', callId });
    expect((await app.post('/api/v1/events', [old, recent, abandon(old.callId, now - 45 * DAY + 30_000), abandon(recent.callId, now - 2 * DAY + 30_000)])).status).toBe(200);
    const keys = app.keys('live');
    const redis = app.redis.redis;
    expect((await redis.zrange(keys.callbacks, 0, -1)).sort()).toEqual([old.callId, recent.callId].sort());
    expect(await trimRecordIndexes(redis, keys, now)).toBe(2);
    expect(await redis.zrange(keys.callbacks, 0, -1)).toEqual([recent.callId]);
    expect(await redis.exists(`${keys.callbackPrefix}${old.callId}`)).toBe(0);
  });

  it('skips an index entry whose record has expired', async () => {
    const now = Date.now();
    const kept = makeIncidentReported({ at: wib(now - 3 * DAY), category: 'fire' });
    const gone = makeIncidentReported({ at: wib(now - 2 * DAY), category: 'flood' });
    expect((await app.post('/api/v1/events', [kept, gone])).status).toBe(200);
    const keys = app.keys('live');
    await app.redis.redis.del(`${keys.incidentPrefix}${gone.incidentId}`);

    const k = await kpisOver(7);
    expect(k.incidents.count).toBe(1);
    expect(k.incidents.byCategory).toMatchObject({ fire: 1, flood: 0 });
  });
});
