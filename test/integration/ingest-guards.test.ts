// What ingest keys may not send (issue #20). Finding 4: an ingest key could write under Pantau's own sources with the ids Pantau
// uses later (`pantau-operator` / `ack:<alertId>`, `pantau-sweeper` / `expired:<callId>`,
// `pantau-alerts` / `raise:…`), so Pantau's own event became a silent duplicate: an
// acknowledgement never stored, a stale call waiting for ever, an alert suppressed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../support/app-harness.ts';
import { makeAppActivity, makeCallReceived, makeIncidentReported } from '../support/factories.ts';
import type { IngestAnswer } from '../../shared/contract/ingest.ts';

let app: TestApp;
beforeEach(async () => {
  app = await startApp();
});
afterEach(async () => {
  await app.close();
});

describe('internal sources', () => {
  it.each(['pantau-operator', 'pantau-sweeper', 'pantau-alerts', 'Pantau-Sweeper', 'pantau-anything'])('refuses source %s from an ingest key, naming the field', async (source) => {
    const call = makeCallReceived();
    const forged = { ...makeCallReceived(), source, id: `expired:${call.callId}` };
    const r = await app.post('/api/v1/events', [call, forged]);
    expect(r.status).toBe(207);
    const answer = r.json as IngestAnswer;
    expect(answer.accepted).toBe(1);
    expect(answer.rejected).toEqual([{ index: 1, id: forged.id, errors: [expect.objectContaining({ field: 'source', rule: 'internal' })] }]);
  });

  it('leaves the id Pantau will use free: the sweeper still expires the call', async () => {
    const call = makeCallReceived();
    await app.post('/api/v1/events', [call, { ...makeCallReceived(), source: 'pantau-sweeper', id: `expired:${call.callId}` }]);
    const own = await app.ingest.ingestEvents('live', 'pantau-sweeper', [
      { id: `expired:${call.callId}`, type: 'call.expired', at: call.at, source: 'pantau-sweeper', callId: call.callId },
    ]);
    expect(own.answer).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('accepts ordinary sources that merely contain the word', async () => {
    const r = await app.post('/api/v1/events', [{ ...makeCallReceived(), source: 'pbx-pantau-gateway' }]);
    expect(r.status).toBe(200);
  });
});

describe('the range of `at` (issue #20 finding 8)', () => {
  const iso = (ms: number): string => new Date(ms).toISOString().replace('Z', '+00:00');
  it.each([
    ['year 9999', '9999-12-31T23:59:59+07:00', 'too_far_in_future'],
    ['2099', '2099-01-01T00:00:00+07:00', 'too_far_in_future'],
    ['year 0000', '0000-01-01T00:00:00+07:00', 'too_old'],
    ['two years ago', iso(Date.now() - 730 * 86_400_000), 'too_old'],
  ])('refuses %s with a field error on at', async (_name, at, rule) => {
    const r = await app.post('/api/v1/events', [makeCallReceived({ at })]);
    expect(r.status).toBe(400);
    expect((r.json as IngestAnswer).rejected[0]?.errors).toEqual([expect.objectContaining({ field: 'at', rule })]);
  });

  it('accepts a sender clock a few minutes ahead, and last month', async () => {
    const r = await app.post('/api/v1/events', [makeCallReceived({ at: iso(Date.now() + 5 * 60_000) }), makeCallReceived({ at: iso(Date.now() - 30 * 86_400_000) })]);
    expect(r.json).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });
});

describe('kecamatan codes (issue #16 item 5)', () => {
  it.each([
    ['a call', { ...makeCallReceived(), location: { kecamatan: '99.99.99' } }, 'location.kecamatan'],
    ['an incident', { ...makeIncidentReported(), location: { kecamatan: '99.99.99' } }, 'location.kecamatan'],
    ['app activity', { ...makeAppActivity(), kecamatan: '99.99.99' }, 'kecamatan'],
  ])('refuses %s in a kecamatan the profile does not have, naming the field', async (_what, event, field) => {
    const r = await app.post('/api/v1/events', [event]);
    expect(r.status).toBe(400);
    expect((r.json as IngestAnswer).rejected[0]?.errors).toEqual([expect.objectContaining({ field, rule: 'unknown_kecamatan' })]);
  });

  it("accepts the profile's own codes", async () => {
    const code = app.city.profile.kecamatan[0]?.code ?? '';
    const r = await app.post('/api/v1/events', [{ ...makeIncidentReported(), location: { kecamatan: code } }, { ...makeAppActivity(), kecamatan: code }]);
    expect(r.json).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });
});
