// Dedupe by arrival, not by the event's `at` (issue #20 finding 8): the README promises that a
// repeat of `source` + `id` is a duplicate for at least 7 days whatever its `at`. Dedupe hashes
// were per UTC day of `at`, so one id sent with three different days was accepted three times.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived } from '../support/factories.ts';

let app: TestApp;
beforeEach(async () => {
  app = await startApp();
});
afterEach(async () => {
  await app.close();
});

const iso = (ms: number): string => new Date(ms).toISOString().replace('Z', '+00:00');
const DAY = 86_400_000;

describe('dedupe by arrival', () => {
  it('answers a repeat of source + id as a duplicate whatever its at (three different days)', async () => {
    const first = makeCallReceived({ at: iso(Date.now() - 3 * DAY) });
    const r1 = await app.post('/api/v1/events', [first]);
    expect(r1.json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const r2 = await app.post('/api/v1/events', [{ ...first, at: iso(Date.now() - 1 * DAY) }]);
    expect(r2.json).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    const r3 = await app.post('/api/v1/events', [{ ...first, at: iso(Date.now()) }]);
    expect(r3.json).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
  });

  it('keeps one of a repeat inside one batch, and tells sources apart', async () => {
    const a = makeCallReceived({ at: iso(Date.now() - 2 * DAY) });
    const r = await app.post('/api/v1/events', [a, { ...a, at: iso(Date.now()) }, { ...a, source: 'other' }]);
    expect(r.json).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
  });
});
