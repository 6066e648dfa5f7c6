// Issue #20 finding 4: an ingest key could write under Pantau's own sources with the ids Pantau
// uses later (`pantau-operator` / `ack:<alertId>`, `pantau-sweeper` / `expired:<callId>`,
// `pantau-alerts` / `raise:…`), so Pantau's own event became a silent duplicate: an
// acknowledgement never stored, a stale call waiting for ever, an alert suppressed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived } from '../support/factories.ts';
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
