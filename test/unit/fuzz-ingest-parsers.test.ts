// The pure ingest parsers under random input, far more of it than HTTP allows in a test run:
// parseBody + validateItems and parseQueueLog never throw, and every refusal says where and why.
import { describe, expect, it } from 'vitest';
import { parseQueueLog } from '../../server/adapters/asterisk-queue-log.ts';
import { parseBody } from '../../server/ingest/parse-body.ts';
import { validateItems } from '../../server/ingest/validate.ts';
import { createRng, type Rng } from '../support/fuzz-rng.ts';

const TOKENS = ['{', '}', '[', ']', ',', ':', '"id"', '"type"', '"call.received"', '"at"', '"2026-11-23T14:05:32+07:00"', '"source"', '"callId"', '"line"', '"112"',
  'null', 'true', '1', '-0', '1e400', '"\\ud800"', '"\\u0000"', '"__proto__"', '"constructor"', ' ', '\n', '"x"', '"location"', '"lat"', '91', '"caller"'];
const LINE_FIELDS = ['', 'NONE', '1795400000', '0', 'abc', '112', '119', 'siaga', 'SIP/1', 'ENTERQUEUE', 'CONNECT', 'ABANDON', 'COMPLETECALLER', 'AGENTLOGIN', 'PAUSE', 'RINGNOANSWER', 'x'.repeat(200), '\u0000', '\uFFFD', '0812'];

function jsonish(rng: Rng): string {
  return Array.from({ length: rng.int(0, 40) }, () => rng.pick(TOKENS)).join('');
}

describe('ingest parsers under random input', () => {
  it('parseBody and validateItems never throw and explain every refusal', () => {
    const rng = createRng(112);
    let items = 0;
    for (let i = 0; i < 20_000; i++) {
      const picked = rng.pick(['application/json', 'application/x-ndjson', 'text/plain', '']);
      const type = picked === '' ? undefined : picked;
      const body = Buffer.from(rng.chance(0.5) ? jsonish(rng) : `[${Array.from({ length: rng.int(1, 5) }, () => `{${jsonish(rng)}}`).join(',')}]`);
      const parsed = parseBody(body, type);
      if (!parsed.ok) {
        expect(parsed.message.length).toBeGreaterThan(0);
        continue;
      }
      const { valid, rejected } = validateItems(parsed.items);
      items += parsed.items.length;
      expect(valid.length + rejected.length).toBe(parsed.items.length);
      for (const r of rejected) for (const e of r.errors) expect(e.rule.length * e.message.length).toBeGreaterThan(0);
    }
    expect(items).toBeGreaterThan(10_000);
  }, 60_000);

  it('parseQueueLog never throws and gives each line one fate', () => {
    const rng = createRng(119);
    let lines = 0;
    for (let i = 0; i < 1_500; i++) {
      const text = Array.from({ length: 20 }, () => Array.from({ length: rng.int(0, 9) }, () => rng.pick(LINE_FIELDS)).join('|')).join(rng.pick(['\n', '\r\n']));
      const out = parseQueueLog(text, { queueLine: (q) => (q === 'siaga' ? '112' : null), timeZone: 'Asia/Jakarta', source: 'fuzz' });
      lines += 20;
      for (const e of out.errors) expect(e.rule.length * e.reason.length * e.line).toBeGreaterThan(0);
      expect(out.eventLines).toHaveLength(out.events.length);
      // A line gives an error or (at most two) events, never both.
      const errorLines = new Set(out.errors.map((e) => e.line));
      for (const l of out.eventLines) expect(errorLines.has(l)).toBe(false);
    }
    expect(lines).toBe(30_000);
  }, 60_000);
});
