// Turns a request body into items to validate: one event object, a JSON array, or NDJSON.
// A body that cannot be read as a whole is an error for the whole request; an NDJSON line
// that does not parse is an error for that item only, so its neighbours still get in.
import type { FieldError } from '../../shared/contract/ingest.ts';

export const MAX_EVENTS = 10_000;
export const MAX_BYTES = 5 * 1024 * 1024;

export type ParsedItem = { ok: true; value: unknown } | { ok: false; errors: FieldError[] };

export type ParseResult =
  | { ok: true; items: ParsedItem[] }
  | { ok: false; status: 400 | 413 | 415; code: string; message: string };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;
const NDJSON_TYPE = /^application\/(?:x-)?ndjson$/i;

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message.slice(0, 200) : 'unreadable JSON';
}

export function parseBody(body: Buffer, contentType: string | undefined): ParseResult {
  if (body.length > MAX_BYTES) return { ok: false, status: 413, code: 'too_large', message: `body is larger than ${MAX_BYTES} bytes` };
  const type = mediaType(contentType);
  const text = body.toString('utf8');
  if (NDJSON_TYPE.test(type)) return parseNdjson(text);
  if (!JSON_TYPE.test(type)) {
    return { ok: false, status: 415, code: 'unsupported_media_type', message: `content-type must be application/json or application/x-ndjson, got "${type.slice(0, 60)}"` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, status: 400, code: 'invalid_json', message: `body is not valid JSON: ${describe(err)}` };
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_EVENTS) return { ok: false, status: 413, code: 'too_many_events', message: `at most ${MAX_EVENTS} events per request, got ${value.length}` };
    if (value.length === 0) return { ok: false, status: 400, code: 'empty', message: 'the array holds no events' };
    return { ok: true, items: value.map((v) => ({ ok: true, value: v })) };
  }
  if (value !== null && typeof value === 'object') return { ok: true, items: [{ ok: true, value }] };
  return { ok: false, status: 400, code: 'invalid_body', message: 'body must be an event object or an array of events' };
}

function parseNdjson(text: string): ParseResult {
  const lines = text.split('\n');
  const items: ParsedItem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    if (items.length >= MAX_EVENTS) return { ok: false, status: 413, code: 'too_many_events', message: `at most ${MAX_EVENTS} events per request` };
    try {
      const value: unknown = JSON.parse(line);
      items.push(
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? { ok: true, value }
          : { ok: false, errors: [{ field: '', rule: 'invalid_type', message: `line ${i + 1}: each line must be one event object` }] },
      );
    } catch (err) {
      items.push({ ok: false, errors: [{ field: '', rule: 'invalid_json', message: `line ${i + 1}: ${describe(err)}` }] });
    }
  }
  if (items.length === 0) return { ok: false, status: 400, code: 'empty', message: 'the body holds no events' };
  return { ok: true, items };
}
