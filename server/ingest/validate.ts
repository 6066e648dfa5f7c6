// Validates items against the event contract. Failures are data: one FieldError per broken
// rule, naming the field by its dotted path, so an integrator can fix the sender.
import type { z } from 'zod';
import { PantauEvent } from '../../shared/contract/events.ts';
import type { FieldError, Rejected } from '../../shared/contract/ingest.ts';
import type { ParsedItem } from './parse-body.ts';
import { parseIsoMs } from '../domain/time.ts';

function valueAt(item: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = item;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.prototype.hasOwnProperty.call(v, k) ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  }
  return v;
}

export function toFieldErrors(item: unknown, issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.slice(0, 20).map((issue) => {
    const field = issue.path.map(String).join('.');
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') && valueAt(item, issue.path) === undefined) {
      return { field, rule: 'required', message: `${field || 'value'} is required` };
    }
    return { field, rule: issue.code, message: issue.message };
  });
}

/** A lone surrogate: JSON can carry it ("\ud800"), UTF-8 cannot, and Redis's Lua JSON refuses it. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Control characters in the dedupe identity: NUL separates source from id in the dedupe field. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Rules the schema cannot say: well-formed Unicode everywhere, no control characters in the identity. */
export function textErrors(event: unknown, path: string[] = []): FieldError[] {
  const out: FieldError[] = [];
  if (typeof event === 'string') {
    const field = path.join('.');
    if (LONE_SURROGATE.test(event)) out.push({ field, rule: 'invalid_unicode', message: `${field || 'value'} holds a lone UTF-16 surrogate (not valid Unicode)` });
    else if ((field === 'id' || field === 'source') && CONTROL.test(event)) out.push({ field, rule: 'control_character', message: `${field} may not hold control characters` });
  } else if (event !== null && typeof event === 'object') {
    for (const [k, v] of Object.entries(event)) out.push(...textErrors(v, [...path, k]));
  }
  return out;
}

export interface Validated {
  valid: { index: number; event: PantauEvent }[];
  rejected: Rejected[];
}

/** The accepted range of `at`: a sender's clock may run a little ahead, and history has an end. */
export interface EventTimeWindow {
  nowMs: number;
  maxFutureMs: number;
  maxAgeMs: number;
}

/**
 * `at` outside the window: a call "received" in 2099 would wait for ever on the wall, and one in
 * year 0 would land in no KPI bucket anyone reads.
 */
export function atErrors(at: string, w: EventTimeWindow): FieldError[] {
  const ms = parseIsoMs(at);
  if (ms > w.nowMs + w.maxFutureMs) {
    return [{ field: 'at', rule: 'too_far_in_future', message: `at is more than ${Math.round(w.maxFutureMs / 60_000)} minutes ahead of the server's clock (PANTAU_EVENT_MAX_FUTURE_MINUTES)` }];
  }
  if (ms < w.nowMs - w.maxAgeMs) {
    return [{ field: 'at', rule: 'too_old', message: `at is more than ${Math.round(w.maxAgeMs / 86_400_000)} days in the past (PANTAU_EVENT_MAX_AGE_DAYS)` }];
  }
  return [];
}

/**
 * A kecamatan code the city's profile does not have: shown raw on three screens and counted in
 * no kecamatan, so it is refused where it arrives, naming the field.
 */
export function kecamatanErrors(event: PantauEvent, known: ReadonlySet<string>): FieldError[] {
  const [field, code] =
    event.type === 'app.activity' ? ['kecamatan', event.kecamatan]
      : event.type === 'call.received' || event.type === 'incident.reported' ? ['location.kecamatan', event.location?.kecamatan]
        : ['', undefined];
  if (code === undefined || known.has(code)) return [];
  return [{ field, rule: 'unknown_kecamatan', message: `${field} ${code} is not a kecamatan of this city's profile` }];
}

export interface ValidationContext {
  /** The accepted range of `at`; unbounded when absent. */
  window?: EventTimeWindow;
  /** The city's kecamatan codes; any well-formed code passes when absent. */
  kecamatan?: ReadonlySet<string>;
}

export function validateItems(items: readonly ParsedItem[], ctx: ValidationContext = {}): Validated {
  const valid: Validated['valid'] = [];
  const rejected: Rejected[] = [];
  items.forEach((item, index) => {
    if (!item.ok) {
      rejected.push({ index, errors: item.errors });
      return;
    }
    const parsed = PantauEvent.safeParse(item.value);
    // Checked on the parsed event only: it is small and bounded, the raw item may not be.
    const textual = parsed.success
      ? [
          ...textErrors(parsed.data),
          ...(ctx.window ? atErrors(parsed.data.at, ctx.window) : []),
          ...(ctx.kecamatan ? kecamatanErrors(parsed.data, ctx.kecamatan) : []),
        ]
      : [];
    if (parsed.success && textual.length === 0) {
      valid.push({ index, event: parsed.data });
      return;
    }
    const id = valueAt(item.value, ['id']);
    const r: Rejected = { index, errors: parsed.success ? textual : toFieldErrors(item.value, parsed.error.issues) };
    if (typeof id === 'string' && id.length > 0 && id.length <= 128) r.id = id;
    rejected.push(r);
  });
  return { valid, rejected };
}
