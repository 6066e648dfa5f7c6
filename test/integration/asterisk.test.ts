// The Asterisk adapter against a realistic three-day queue_log: its KPIs equal what a queue
// report computes straight from the log, and re-posting the same log changes nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import { wib } from '../support/factories.ts';

const log = readFileSync('test/fixtures/queue_log/kota-tangerang-3days.log', 'utf8');

/** A queue report computed independently, straight from the lines (asterisk-queue-log.md "Derived metrics"). */
function queueReport(text: string, queueLine: (q: string) => string | null) {
  const enter = new Map<string, { epoch: number; line: string }>();
  const connect = new Map<string, number>();
  const abandon = new Set<string>();
  for (const raw of text.split('\n')) {
    const f = raw.trim().split('|');
    if (f.length < 5) continue;
    const [epochText, callid = '', queue = '', , event = ''] = f;
    const epoch = Number(epochText);
    const line = queueLine(queue);
    if (!Number.isFinite(epoch) || !line) continue;
    if (event === 'ENTERQUEUE' && !enter.has(callid)) enter.set(callid, { epoch, line });
    if (event === 'CONNECT' && !connect.has(callid)) connect.set(callid, epoch);
    if (['ABANDON', 'EXITWITHTIMEOUT', 'EXITWITHKEY', 'EXITEMPTY'].includes(event)) abandon.add(callid);
  }
  const out: Record<string, { offered: number; answered: number; abandoned: number; waits: number[] }> = {};
  for (const [callid, e] of enter) {
    const row = (out[e.line] ??= { offered: 0, answered: 0, abandoned: 0, waits: [] });
    row.offered++;
    const c = connect.get(callid);
    if (c !== undefined) {
      row.answered++;
      row.waits.push(Math.max(0, c - e.epoch));
    } else if (abandon.has(callid)) row.abandoned++;
  }
  return out;
}

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.close();
});

describe('POST /api/v1/adapters/asterisk/queue-log', () => {
  it('turns a real queue_log into the KPIs a queue report gives, idempotently', async () => {
    const first = await app.post('/api/v1/adapters/asterisk/queue-log', log, { type: 'text/plain' });
    expect([200, 207]).toContain(first.status);
    const answer = first.json as { accepted: number; duplicates: number; unmappedQueues: string[]; rejected: { line: number }[] };
    expect(answer.accepted).toBeGreaterThan(300);
    expect(answer.unmappedQueues).toContain('helpdesk');
    expect(answer.rejected.map((r) => r.line).length).toBeGreaterThan(0);

    const epochs = log.split('\n').map((l) => Number(l.split('|')[0])).filter((n) => Number.isFinite(n) && n > 1e9);
    const from = encodeURIComponent(wib(Math.min(...epochs) * 1000 - 3_600_000));
    const to = encodeURIComponent(wib(Math.max(...epochs) * 1000 + 3_600_000));
    const kpis = (await app.get(`/api/v1/kpis?from=${from}&to=${to}`, OPERATOR_TOKEN)).json as KpisAnswer;
    const report = queueReport(log, (q) => app.city.queueLine(q) ?? (q === '112' || q === '119' ? q : null));
    for (const line of ['112', '119'] as const) {
      const r = report[line];
      expect(r).toBeDefined();
      if (!r) continue;
      const asa = r.waits.length ? Math.round((r.waits.reduce((a, b) => a + b, 0) / r.waits.length) * 10) / 10 : null;
      expect(kpis.calls[line]).toMatchObject({ offered: r.offered, answered: r.answered, abandoned: r.abandoned, asa });
    }

    const again = await app.post('/api/v1/adapters/asterisk/queue-log', log, { type: 'text/plain' });
    expect(again.json).toMatchObject({ accepted: 0, duplicates: answer.accepted });
    expect((await app.get(`/api/v1/kpis?from=${from}&to=${to}`, OPERATOR_TOKEN)).json).toEqual(kpis);
  });

  it('answers each unparseable line with its number and reason, and refuses other content types', async () => {
    const r = await app.post('/api/v1/adapters/asterisk/queue-log', 'garbage\n1795276800|c1|112|NONE|ENTERQUEUE||0812|1\n', { type: 'text/plain' });
    expect(r.status).toBe(207);
    expect(r.json).toMatchObject({ accepted: 1, rejected: [{ line: 1, errors: [{ field: 'line', rule: 'too_few_fields' }] }] });
    expect((await app.post('/api/v1/adapters/asterisk/queue-log', '{}', { type: 'application/json' })).status).toBe(415);
    expect((await app.post('/api/v1/adapters/asterisk/queue-log', 'x', { type: 'text/plain', token: null })).status).toBe(401);
  });
});
