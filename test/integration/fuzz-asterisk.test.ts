// Bad input to POST /api/v1/adapters/asterisk/queue-log (issue 9, point 3): generated lines
// with random pipes, fields, binary and huge lines, each built with one defect, in bodies of
// many lines and of one; plus wrong content types and oversized bodies. Never a 5xx, every
// refused line named by its number and a rule, nothing accepted, nothing earlier changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BYTES } from '../../server/ingest/parse-body.ts';
import { INGEST_KEY, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { wib } from '../support/factories.ts';
import { fingerprint, isIngestBody, errorBodyProblem } from '../support/fuzz-check.ts';
import { createBadLineGenerator, type FuzzLine } from '../support/fuzz-queue-log.ts';
import { postRaw } from '../support/fuzz-http.ts';
import { createRng } from '../support/fuzz-rng.ts';

const SEED = 20_261_124;
const LINES_IN_BODIES = 10_000;
const SINGLE_LINES = 1_000;
const ROUTE = '/api/v1/adapters/asterisk/queue-log';

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ PANTAU_INGEST_RATE_PER_MIN: '1000000' });
});
afterAll(async () => {
  await app.close();
});

function baselineLines(): string[] {
  // Recent: calls waiting past the profile's staleMinutes would be expired by the sweeper mid-test.
  const t0 = Math.floor(Date.now() / 1000) - 900;
  const out: string[] = [];
  for (let i = 0; i < 15; i++) {
    const id = `${t0}.${i}`;
    out.push(`${t0 + i * 60}|${id}|${i % 2 ? '112' : '119'}|NONE|ENTERQUEUE||08120000${i}|1`);
    if (i % 3 !== 0) out.push(`${t0 + i * 60 + 7}|${id}|${i % 2 ? '112' : '119'}|SIP/agent-${i % 4}|CONNECT|7|${id}.9|2`);
  }
  return out;
}

async function post(body: Buffer | string, type: string | null, token = INGEST_KEY): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (type !== null) headers['content-type'] = type;
  const r = await postRaw(`${app.url}${ROUTE}`, headers, body);
  try {
    return { status: r.status, json: JSON.parse(r.text) };
  } catch {
    return { status: r.status, json: { unparsable: r.text.slice(0, 200) } };
  }
}

describe('fuzzing the Asterisk queue_log adapter', () => {
  it('refuses every bad line by number and rule, never with a 5xx, and changes nothing accepted before', async () => {
    const baseline = baselineLines();
    const first = await post(baseline.join('\n'), 'text/plain');
    expect(first.json).toMatchObject({ accepted: baseline.length, rejected: [] });
    const window = { from: wib(Date.now() - 86_400_000), to: wib(Date.now() + 3_600_000) };
    const before = await fingerprint(app, OPERATOR_TOKEN, window);

    const rng = createRng(SEED);
    const nextLine = createBadLineGenerator(rng, baseline);
    const problems: string[] = [];
    const tally = { lines: 0, requests: 0, fiveXx: 0, accepted: 0, duplicates: 0, rejected: 0, unmapped: 0, ignored: 0 };

    const check = async (lines: FuzzLine[]): Promise<void> => {
      const body = Buffer.concat(lines.flatMap((l, i) => [Buffer.from(l.text), Buffer.from(i < lines.length - 1 ? '\n' : '')]));
      const { status, json } = await post(body, rng.pick(['text/plain', 'text/plain; charset=utf-8', 'application/octet-stream']));
      tally.requests += 1;
      tally.lines += lines.length;
      if (status >= 500) tally.fiveXx += 1;
      if (!isIngestBody(json)) return void problems.push(`${status} without an ingest answer: ${JSON.stringify(json).slice(0, 200)}`);
      const a = json as typeof json & { unmappedLines?: number; ignored?: number };
      tally.accepted += a.accepted;
      tally.duplicates += a.duplicates;
      tally.rejected += a.rejected.length;
      tally.unmapped += a.unmappedLines ?? 0;
      tally.ignored += a.ignored ?? 0;
      const expected = lines.flatMap((l, i) => (l.expect.kind === 'rejected' ? [{ line: i + 1, l }] : []));
      const dupes = lines.filter((l) => l.expect.kind === 'duplicate').length;
      const wantStatus = expected.length === 0 ? 200 : dupes > 0 ? 207 : 400;
      if (status !== wantStatus) problems.push(`expected ${wantStatus}, got ${status}`);
      if (a.duplicates !== dupes) problems.push(`expected ${dupes} duplicates, got ${a.duplicates}`);
      if (a.unmappedLines !== lines.filter((l) => l.expect.kind === 'unmapped').length) problems.push(`unmapped lines: got ${a.unmappedLines}`);
      const byLine = new Map(a.rejected.map((r) => [r.line, r]));
      if (a.rejected.length !== expected.length) problems.push(`expected ${expected.length} refused lines, got ${a.rejected.length}`);
      for (const { line, l } of expected) {
        const r = byLine.get(line);
        const e = r?.errors[0];
        if (!r || !e) {
          problems.push(`${l.what} (line ${line}): not refused`);
          continue;
        }
        const rules = l.expect.kind === 'rejected' ? l.expect.rules : [];
        if (e.field !== 'line' || !rules.includes(e.rule) || e.message === '') problems.push(`${l.what} (line ${line}): ${JSON.stringify(r.errors).slice(0, 200)}`);
      }
    };

    const bodies: FuzzLine[][] = [];
    for (let n = 0; n < LINES_IN_BODIES; n += 250) bodies.push(Array.from({ length: 250 }, nextLine));
    for (let n = 0; n < SINGLE_LINES; n++) bodies.push([nextLine()]);
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < bodies.length) await check(bodies[next++] ?? []);
    }));

    // Whole requests: wrong content types, oversized, too many events, bad credentials.
    const whole: { body: Buffer | string; type: string | null; token?: string; allowed: number[]; what: string }[] = [
      ...['application/json', 'application/x-ndjson', 'multipart/form-data', 'text/html', 'text/plainx', null].map((type) => ({ body: baseline.join('\n'), type, allowed: [415], what: `type ${type}` })),
      { body: Buffer.alloc(MAX_BYTES + 10, 0x41), type: 'text/plain', allowed: [413], what: 'oversized' },
      { body: Array.from({ length: 10_001 }, (_, i) => `1795400000|big.${i}|112|NONE|ENTERQUEUE||0812|1`).join('\n'), type: 'text/plain', allowed: [413], what: 'too many events' },
      { body: baseline.join('\n'), type: 'text/plain', token: 'not-a-key-000000', allowed: [401], what: 'unknown key' },
      { body: baseline.join('\n'), type: 'text/plain', token: OPERATOR_TOKEN, allowed: [403], what: 'viewer token' },
    ];
    for (const w of whole) {
      const { status, json } = await post(w.body, w.type, w.token);
      tally.requests += 1;
      tally.lines += 1;
      if (status >= 500) tally.fiveXx += 1;
      if (!w.allowed.includes(status)) problems.push(`${w.what}: expected ${w.allowed.join('/')}, got ${status}`);
      const p = errorBodyProblem(json);
      if (p) problems.push(`${w.what}: ${p}`);
    }

    expect(problems.slice(0, 20)).toEqual([]);
    expect(tally.fiveXx).toBe(0);
    expect(tally.accepted).toBe(0);
    expect(tally.lines).toBeGreaterThanOrEqual(10_000);
    expect((await app.get('/healthz')).status).toBe(200);
    expect(await fingerprint(app, OPERATOR_TOKEN, window)).toEqual(before);
    console.log(`fuzz asterisk: ${tally.lines} bad inputs in ${tally.requests} requests, 5xx ${tally.fiveXx}, accepted ${tally.accepted}, duplicates ${tally.duplicates}, refused lines ${tally.rejected}, unmapped ${tally.unmapped}, ignored ${tally.ignored}; state unchanged`);
  }, 180_000);
});
