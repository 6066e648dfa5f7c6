// App activity over whole city days, ranked (the snapshot's apps.top and the apps endpoint).
import type { Redis } from 'ioredis';
import type { AppKind } from '../../shared/contract/events.ts';
import type { AppTop } from '../../shared/contract/views.ts';
import type { SpaceKeys } from './keys.ts';

export type AppCounts = Map<string, Record<AppKind, number>>;

const KIND_FIELD: Record<AppKind, 'sessions' | 'transactions' | 'complaints' | 'errors'> = {
  session: 'sessions', transaction: 'transactions', complaint: 'complaints', error: 'errors',
};

function zero(): Record<AppKind, number> {
  return { session: 0, transaction: 0, complaint: 0, error: 0 };
}

/** Sums the app buckets of the given hash keys into counts per app and kind. */
export async function sumAppBuckets(redis: Redis, bucketKeys: readonly string[]): Promise<AppCounts> {
  const out: AppCounts = new Map();
  if (bucketKeys.length === 0) return out;
  const p = redis.pipeline();
  for (const k of bucketKeys) p.hgetall(k);
  for (const [err, hash] of (await p.exec()) ?? []) {
    if (err) throw err;
    for (const [field, value] of Object.entries((hash ?? {}) as Record<string, string>)) {
      const sep = field.lastIndexOf('|');
      const appId = field.slice(0, sep);
      const kind = field.slice(sep + 1) as AppKind;
      if (!(kind in KIND_FIELD)) continue;
      let c = out.get(appId);
      if (!c) out.set(appId, (c = zero()));
      c[kind] += Number(value);
    }
  }
  return out;
}

export function dayBucketKeys(keys: SpaceKeys, cityDays: readonly string[]): string[] {
  return cityDays.map((d) => `${keys.appsPrefix}d:${d}`);
}

/** Ranks apps by all activity (sessions + transactions + complaints + errors). */
export function rankApps(counts: AppCounts, names: ReadonlyMap<string, string>, top: number): AppTop[] {
  const rows: AppTop[] = [];
  for (const [appId, c] of counts) {
    rows.push({
      appId,
      name: names.get(appId) ?? appId,
      registered: names.has(appId),
      sessions: c.session,
      transactions: c.transaction,
      complaints: c.complaint,
      errors: c.error,
    });
  }
  const total = (r: AppTop): number => r.sessions + r.transactions + r.complaints + r.errors;
  rows.sort((a, b) => total(b) - total(a) || a.appId.localeCompare(b.appId));
  return rows.slice(0, top);
}
