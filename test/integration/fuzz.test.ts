// Bad input to POST /api/v1/events (issue 9, point 3): over 10,000 generated bad items (in
// arrays and NDJSON, and one per request) and bad requests (malformed bodies, wrong types and
// encodings, empty and oversized bodies, bad credentials). Never a 5xx, every refusal names
// the field or the reason, nothing is accepted, and what was accepted before is unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PantauEvent } from '../../shared/contract/events.ts';
import { MAX_BYTES } from '../../server/ingest/parse-body.ts';
import { INGEST_KEY, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeAppActivity, makeCallAnswered, makeCallEnded, makeCallReceived, makeIncidentReported, wib } from '../support/factories.ts';
import { createBadRequestGenerator } from '../support/fuzz-bodies.ts';
import { errorBodyProblem, fingerprint, isIngestBody, rejectedProblem } from '../support/fuzz-check.ts';
import { createBadItemGenerator, type FuzzItem } from '../support/fuzz-events.ts';
import { postRaw } from '../support/fuzz-http.ts';
import { createRng } from '../support/fuzz-rng.ts';

const SEED = 9_112_119;
const ITEMS_IN_BATCHES = 12_000;
const SINGLE_ITEMS = 1_200;
const BAD_REQUESTS = 1_500;

let app: TestApp;
beforeAll(async () => {
  // Thousands of requests from one key: the rate limit has its own test.
  app = await startApp({ PANTAU_INGEST_RATE_PER_MIN: '1000000' });
});
afterAll(async () => {
  await app.close();
});

function baselineEvents(): PantauEvent[] {
  // Recent: calls waiting past the profile's staleMinutes would be expired by the sweeper mid-test.
  const t0 = Date.now() - 900_000;
  const out: PantauEvent[] = [];
  for (let i = 0; i < 10; i++) {
    const c = makeCallReceived({ at: wib(t0 + i * 60_000), line: i % 2 ? '112' : '119', caller: { number: `0812000${i}` } });
    out.push(c, makeCallAnswered({ callId: c.callId, at: wib(t0 + i * 60_000 + 9_000), agentId: `a${i}` }));
    if (i % 3 === 0) out.push(makeCallEnded({ callId: c.callId, at: wib(t0 + i * 60_000 + 90_000), disposition: 'info' }));
    out.push(makeIncidentReported({ at: wib(t0 + i * 60_000) }), makeAppActivity({ at: wib(t0 + i * 60_000), count: i + 1 }));
  }
  out.push({ id: 'dispatch-1', type: 'incident.dispatched', at: wib(t0), source: 'test', incidentId: 'inc-x', agency: 'fire' });
  out.push({ id: 'login-1', type: 'agent.login', at: wib(t0), source: 'test', agentId: 'a1', line: '112' });
  return out;
}

async function post(body: Buffer | string, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
  const r = await postRaw(`${app.url}/api/v1/events`, headers, body);
  let json: unknown = null;
  try {
    json = JSON.parse(r.text);
  } catch {
    json = { unparsable: r.text.slice(0, 200) };
  }
  return { status: r.status, json };
}

/** Runs `fn` over `items` with at most `n` at a time. */
async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++] as T);
  }));
}

describe('fuzzing POST /api/v1/events', () => {
  it('refuses every bad input clearly, never with a 5xx, and changes nothing accepted before', async () => {
    const baseline = baselineEvents();
    expect((await app.post('/api/v1/events', baseline)).json).toMatchObject({ accepted: baseline.length, duplicates: 0 });
    const window = { from: wib(Date.now() - 86_400_000), to: wib(Date.now() + 3_600_000) };
    const before = await fingerprint(app, OPERATOR_TOKEN, window);

    const rng = createRng(SEED);
    let fresh = 0;
    const nextItem = createBadItemGenerator(rng, baseline, () => `fuzz-${SEED}-${fresh++}`);
    const problems: string[] = [];
    const tally = { inputs: 0, requests: 0, fiveXx: 0, accepted: 0, duplicates: 0, rejected: 0 };
    const statuses = new Map<number, number>();
    const count = (status: number): void => {
      tally.requests += 1;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) tally.fiveXx += 1;
    };

    // Items, many to a request (arrays and NDJSON) and one per request.
    const checkItems = async (items: FuzzItem[], body: string, type: string): Promise<void> => {
      const { status, json } = await post(body, { authorization: `Bearer ${INGEST_KEY}`, 'content-type': type });
      count(status);
      tally.inputs += items.length;
      if (!isIngestBody(json)) return void problems.push(`${status} without an ingest answer: ${JSON.stringify(json).slice(0, 200)}`);
      const dupes = items.filter((i) => i.expect.kind === 'duplicate').length;
      const expectedStatus = dupes === items.length ? 200 : dupes > 0 ? 207 : 400;
      if (status !== expectedStatus) problems.push(`expected ${expectedStatus}, got ${status}`);
      tally.accepted += json.accepted;
      tally.duplicates += json.duplicates;
      tally.rejected += json.rejected.length;
      if (json.duplicates !== dupes) problems.push(`expected ${dupes} duplicates, got ${json.duplicates}`);
      const byIndex = new Map(json.rejected.map((r) => [r.index, r]));
      items.forEach((item, index) => {
        const r = byIndex.get(index);
        if (item.expect.kind === 'duplicate') {
          if (r) problems.push(`${item.what}: refused, expected a duplicate: ${JSON.stringify(r.errors)}`);
          return;
        }
        if (!r) return void problems.push(`${item.what}: not refused`);
        const p = rejectedProblem(r, item.expect.field);
        if (p) problems.push(`${item.what}: ${p}`);
      });
    };
    const batches: { items: FuzzItem[]; ndjson: boolean }[] = [];
    for (let n = 0; n < ITEMS_IN_BATCHES; n += 500) batches.push({ items: Array.from({ length: 500 }, nextItem), ndjson: batches.length % 3 === 2 });
    for (let n = 0; n < SINGLE_ITEMS; n++) batches.push({ items: [nextItem()], ndjson: n % 4 === 3 });
    await pool(batches, 4, async ({ items, ndjson }) => {
      const single = items.length === 1 && items[0]?.text.startsWith('{');
      const body = ndjson ? items.map((i) => i.text).join('\n') : single ? (items[0]?.text ?? '') : `[${items.map((i) => i.text).join(',')}]`;
      await checkItems(items, body, ndjson ? 'application/x-ndjson' : 'application/json');
    });

    // Whole requests that cannot be read as events at all.
    const nextRequest = createBadRequestGenerator(rng, { key: INGEST_KEY, viewerToken: OPERATOR_TOKEN, validArrayText: JSON.stringify(baseline), maxBytes: MAX_BYTES });
    await pool(Array.from({ length: BAD_REQUESTS }, nextRequest), 4, async (req) => {
      const { status, json } = await post(req.body, req.headers);
      count(status);
      tally.inputs += 1;
      if (!req.allowed.includes(status)) problems.push(`${req.what}: expected ${req.allowed.join('/')}, got ${status} ${JSON.stringify(json).slice(0, 200)}`);
      if (isIngestBody(json)) {
        tally.accepted += json.accepted;
        for (const r of json.rejected) {
          const p = rejectedProblem(r, '');
          if (p) problems.push(`${req.what}: ${p}`);
        }
      } else {
        const p = errorBodyProblem(json);
        if (p) problems.push(`${req.what} (${status}): ${p}`);
      }
    });

    expect(problems.slice(0, 20)).toEqual([]);
    expect(tally.fiveXx).toBe(0);
    expect(tally.accepted).toBe(0);
    expect(tally.inputs).toBeGreaterThanOrEqual(10_000);
    // JSON.parse keeps "__proto__" as an own key; had anything merged it, every object would show it.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await app.get('/healthz')).status).toBe(200);
    expect(await fingerprint(app, OPERATOR_TOKEN, window)).toEqual(before);

    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`fuzz events: ${tally.inputs} bad inputs in ${tally.requests} requests, 5xx ${tally.fiveXx}, accepted ${tally.accepted}, duplicates ${tally.duplicates}, rejected items ${tally.rejected}; statuses ${byStatus}; state unchanged`);
  }, 180_000);
});
