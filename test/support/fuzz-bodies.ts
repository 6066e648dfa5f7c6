// Generated bad requests for POST /api/v1/events as a whole: malformed JSON and NDJSON,
// wrong content types and encodings, empty, oversized and binary bodies, bad credentials.
// Each says which statuses a correct server may answer; none of them is a 2xx that accepts.
import type { Rng } from './fuzz-rng.ts';

export interface BadRequest {
  body: Buffer | string;
  headers: Record<string, string>;
  /** Statuses a correct server may answer (2xx only where the body can still parse into duplicates). */
  allowed: number[];
  what: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const NDJSON_TYPE = { 'content-type': 'application/x-ndjson' };

const MALFORMED = [
  '{', '[', '{"id":', '[{"id":"a"},]', "{'id':'a'}", '{"id":NaN}', '{"id":Infinity}', '{"a":1}{"b":2}', '// c\n{}', '{"a":01}',
  '{"a":"\\x41"}', '{"a":"\\u12"}', '{"a":"unterminated}', '[1,2', '{"a" 1}', '{,}', 'undefined', '\u0000', '{"a":1,,"b":2}', '"\\ud800',
];

function binary(rng: Rng, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}

/** Offsets of `text` (a JSON document) that are not inside a string literal. */
function positionsOutsideStrings(text: string): number[] {
  const out: number[] = [];
  let inString = false;
  for (let i = 0; i <= text.length; i++) {
    if (!inString) out.push(i);
    const c = text[i];
    if (inString && c === '\\') i++;
    else if (c === '"') inString = !inString;
  }
  return out;
}

export function createBadRequestGenerator(rng: Rng, opts: { key: string; viewerToken: string; validArrayText: string; maxBytes: number }): () => BadRequest {
  const structural = positionsOutsideStrings(opts.validArrayText);
  const auth = { authorization: `Bearer ${opts.key}` };
  const json = { ...auth, ...JSON_TYPE };
  const makers: (() => BadRequest)[] = [
    () => ({ body: rng.pick(MALFORMED), headers: json, allowed: [400], what: 'malformed JSON' }),
    () => {
      // A cut can leave valid JSON (the whole text): then it is the baseline again, all duplicates.
      const cut = rng.int(0, opts.validArrayText.length - 1);
      return { body: opts.validArrayText.slice(0, cut), headers: json, allowed: [400], what: `JSON cut at ${cut}` };
    },
    () => {
      // Outside strings only: inside one, most characters just change a value (a new id would be
      // a new, valid event); between tokens every one of these breaks the syntax.
      const t = opts.validArrayText;
      const at = rng.pick(structural);
      const junk = rng.pick(['"', '{', ']', ',', '\\', '\u0000', '\uD800', ':', 'x']);
      return { body: t.slice(0, at) + junk + t.slice(at), headers: json, allowed: [400], what: `JSON with ${JSON.stringify(junk)} spliced in at ${at}` };
    },
    () => {
      const lines = rng.pick(['{', '{"id":1', 'not json', '[]', '1', '"x"', 'null', '{"a":1} {"b":2}', '\uFEFF{}']);
      return { body: `${lines}\n${lines}\n`, headers: { ...auth, ...NDJSON_TYPE }, allowed: [400], what: `NDJSON ${lines}` };
    },
    () => ({ body: rng.pick(['1', '"event"', 'null', 'true', '[]', '-0', '1e400']), headers: json, allowed: [400], what: 'a scalar or empty array' }),
    () => ({ body: rng.pick(['', '  ', '\n\n\n']), headers: rng.chance(0.5) ? json : { ...auth, ...NDJSON_TYPE }, allowed: [400], what: 'empty body' }),
    () => {
      const n = rng.pick([1_000, 100_000, 400_000]);
      const open = rng.chance(0.5) ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n);
      const body = rng.chance(0.3) ? open.slice(0, -1) : open;
      return { body, headers: json, allowed: [400], what: `nesting ${n} deep` };
    },
    () => {
      const type = rng.pick(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/jsonx', 'json', '', 'application/json/x', 'text/json']);
      return { body: opts.validArrayText, headers: type === '' ? auth : { ...auth, 'content-type': type }, allowed: [415], what: `content-type ${type || 'none'}` };
    },
    () => ({ body: binary(rng, rng.int(1, 4_096)), headers: rng.chance(0.5) ? json : { ...auth, ...NDJSON_TYPE }, allowed: [400], what: 'binary body' }),
    () => ({ body: binary(rng, 64), headers: { ...json, 'content-encoding': rng.pick(['gzip', 'deflate', 'br', 'compress', 'x-unknown']) }, allowed: [400, 415], what: 'bad content-encoding' }),
    () => {
      const header = rng.pick(['Bearer wrong-key-000000000', `Bearer ${'k'.repeat(600)}`, 'Basic dXNlcjpwYXNz', 'Bearer', `Bearer ${opts.viewerToken}`, 'bearer\tx', '']);
      // A wrong key tried again and again is locked out after a few tries (server/credential-guard.ts): 429, still a clear refusal.
      const expected = header === `Bearer ${opts.viewerToken}` ? [403] : [401, 429];
      return { body: opts.validArrayText, headers: header === '' ? JSON_TYPE : { ...JSON_TYPE, authorization: header }, allowed: expected, what: 'bad credential' };
    },
    () => {
      const n = 10_001;
      const ndjson = rng.chance(0.5);
      const body = ndjson ? '{}\n'.repeat(n) : `[${Array.from({ length: n }, () => '{}').join(',')}]`;
      return { body, headers: { ...auth, ...(ndjson ? NDJSON_TYPE : JSON_TYPE) }, allowed: [413], what: 'too many events' };
    },
  ];
  const oversized = (): BadRequest => ({ body: Buffer.alloc(opts.maxBytes + rng.int(1, 1_000), 0x20), headers: json, allowed: [413], what: 'oversized body' });
  // Oversized bodies cost 5 MB each: one in a hundred keeps the run short and still tries them.
  return () => (rng.chance(0.01) ? oversized() : rng.pick(makers)());
}
