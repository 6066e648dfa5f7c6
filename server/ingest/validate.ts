// Validates items against the event contract. Failures are data: one FieldError per broken
// rule, naming the field by its dotted path, so an integrator can fix the sender.
import type { z } from 'zod';
import { PantauEvent } from '../../shared/contract/events.ts';
import type { FieldError, Rejected } from '../../shared/contract/ingest.ts';
import type { ParsedItem } from './parse-body.ts';

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

export interface Validated {
  valid: { index: number; event: PantauEvent }[];
  rejected: Rejected[];
}

export function validateItems(items: readonly ParsedItem[]): Validated {
  const valid: Validated['valid'] = [];
  const rejected: Rejected[] = [];
  items.forEach((item, index) => {
    if (!item.ok) {
      rejected.push({ index, errors: item.errors });
      return;
    }
    const parsed = PantauEvent.safeParse(item.value);
    if (parsed.success) {
      valid.push({ index, event: parsed.data });
      return;
    }
    const id = valueAt(item.value, ['id']);
    const r: Rejected = { index, errors: toFieldErrors(item.value, parsed.error.issues) };
    if (typeof id === 'string' && id.length > 0 && id.length <= 128) r.id = id;
    rejected.push(r);
  });
  return { valid, rejected };
}
