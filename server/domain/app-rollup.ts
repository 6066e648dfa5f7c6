// Counts per app and kind, as the app buckets hold them (field "<appId>|<kind>" → count), and
// their sums. Buckets of every resolution hold the same fields, so a rollup is plain addition.
import { APP_KINDS, type AppKind } from '../../shared/contract/events.ts';
import type { KindTotals } from '../../shared/contract/apps.ts';

export type KindCounts = Record<AppKind, number>;
export type AppCounts = Map<string, KindCounts>;

export function zeroKinds(): KindCounts {
  return { session: 0, transaction: 0, complaint: 0, error: 0 };
}

const isKind = (k: string): k is AppKind => (APP_KINDS as readonly string[]).includes(k);

/**
 * Adds one bucket hash into `into`. The appId may itself contain '|' (ingest allows any
 * short text), so the kind is what follows the last one.
 */
export function addBucketHash(into: AppCounts, hash: Readonly<Record<string, string>>): AppCounts {
  for (const [field, value] of Object.entries(hash)) {
    const sep = field.lastIndexOf('|');
    if (sep <= 0) continue;
    const kind = field.slice(sep + 1);
    const n = Number(value);
    if (!isKind(kind) || !Number.isFinite(n)) continue;
    const appId = field.slice(0, sep);
    let c = into.get(appId);
    if (!c) into.set(appId, (c = zeroKinds()));
    c[kind] += n;
  }
  return into;
}

export function addCounts(into: AppCounts, more: AppCounts): AppCounts {
  for (const [appId, c] of more) {
    let d = into.get(appId);
    if (!d) into.set(appId, (d = zeroKinds()));
    for (const k of APP_KINDS) d[k] += c[k];
  }
  return into;
}

export function sumCounts(list: Iterable<AppCounts>): AppCounts {
  const out: AppCounts = new Map();
  for (const c of list) addCounts(out, c);
  return out;
}

export function totalOf(c: KindCounts): number {
  return c.session + c.transaction + c.complaint + c.error;
}

/** Sessions and transactions: what "using the app" means to the anomaly detector. */
export function usageOf(c: KindCounts | undefined): number {
  return c === undefined ? 0 : c.session + c.transaction;
}

export function toKindTotals(c: KindCounts): KindTotals {
  return { sessions: c.session, transactions: c.transaction, complaints: c.complaint, errors: c.error, total: totalOf(c) };
}

export function addKinds(into: KindCounts, c: KindCounts): KindCounts {
  for (const k of APP_KINDS) into[k] += c[k];
  return into;
}

/** errors ÷ (sessions + transactions), null when nothing was used. */
export function errorRate(c: KindCounts): number | null {
  const used = c.session + c.transaction;
  return used === 0 ? null : Math.round((c.error / used) * 1_000_000) / 1_000_000;
}
