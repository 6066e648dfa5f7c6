// What every fuzz answer must satisfy, and the "nothing changed" fingerprint of a space:
// derived keys, stream length, the snapshot's records and the KPIs of a fixed window.
import type { TestApp } from './app-harness.ts';
import { derivedState } from './fault-state.ts';

export interface Fingerprint {
  derived: Record<string, unknown>;
  streamLength: number;
  snapshot: unknown;
  kpis: unknown;
}

export async function fingerprint(app: TestApp, token: string, window: { from: string; to: string }): Promise<Fingerprint> {
  const keys = app.keys('live');
  const snap = (await app.get('/api/v1/snapshot', token)).json as Record<string, unknown>;
  // `at` is the time of the read, the snapshot's KPIs carry "longest wait now" and its app
  // summary a window ending now: all move with the clock. Their sources are in `derived`.
  const { at: _at, kpis: _kpis, apps: _apps, ...records } = snap;
  const kpis = (await app.get(`/api/v1/kpis?from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}`, token)).json;
  return { derived: await derivedState(app.redis.redis, keys), streamLength: await app.redis.redis.xlen(keys.stream), snapshot: records, kpis };
}

/** A problem with one answer, or null: an error body must carry a code and a message. */
export function errorBodyProblem(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || !('error' in json)) return `no error body: ${JSON.stringify(json)?.slice(0, 200)}`;
  const e = (json as { error: unknown }).error;
  if (typeof e !== 'object' || e === null) return 'error is not an object';
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || code === '' || typeof message !== 'string' || message === '') return `error without code or message: ${JSON.stringify(e)}`;
  return null;
}

export interface ItemError { field: string; rule: string; message: string }
export interface RejectedItem { index: number; line?: number; errors: ItemError[] }
export interface IngestBody { accepted: number; duplicates: number; rejected: RejectedItem[] }

export function isIngestBody(json: unknown): json is IngestBody {
  if (typeof json !== 'object' || json === null) return false;
  const b = json as Record<string, unknown>;
  return typeof b.accepted === 'number' && typeof b.duplicates === 'number' && Array.isArray(b.rejected);
}

/** Each error of a rejected item names a rule and says why; one of them names `field` (or a field under it). */
export function rejectedProblem(r: RejectedItem, field: string): string | null {
  if (!Array.isArray(r.errors) || r.errors.length === 0) return `item ${r.index}: no errors`;
  for (const e of r.errors) {
    if (typeof e.field !== 'string' || typeof e.rule !== 'string' || e.rule === '' || typeof e.message !== 'string' || e.message === '') {
      return `item ${r.index}: an error without field, rule or message: ${JSON.stringify(e)}`;
    }
  }
  if (field !== '' && !r.errors.some((e) => e.field === field || e.field.startsWith(`${field}.`))) {
    return `item ${r.index}: expected an error on "${field}", got ${JSON.stringify(r.errors).slice(0, 300)}`;
  }
  return null;
}
