// App activity buckets (project.lua, project_app): hashes of "<appId>|<kind>" → count per
// minute, hour and city day. Readers here sum whole buckets; which buckets make up a window
// is server/domain/app-window.ts's business.
import { readFileSync } from 'node:fs';
import type { Result } from 'ioredis';
import type { RedisClient } from './redis-client.ts';
import type { AppTop } from '../../shared/contract/views.ts';
import { addBucketHash, type AppCounts } from '../domain/app-rollup.ts';
import type { BucketPart, BucketPlan } from '../domain/app-window.ts';
import { dayBucketKey, hourBucketKey, minuteBucketKey, type SpaceKeys } from './keys.ts';

export { dayBucketKey, hourBucketKey, minuteBucketKey };

export type { AppCounts } from '../domain/app-rollup.ts';

export function dayBucketKeys(keys: SpaceKeys, cityDays: readonly string[]): string[] {
  return cityDays.map((d) => dayBucketKey(keys, d));
}

export function bucketKeyOf(keys: SpaceKeys, part: BucketPart): string {
  if (part.res === 'day') return dayBucketKey(keys, part.day);
  return part.res === 'hour' ? hourBucketKey(keys, part.fromMs) : minuteBucketKey(keys, part.fromMs);
}

/** Each bucket's counts, in the order of the keys (one round trip). */
export async function readAppBuckets(redis: RedisClient, bucketKeys: readonly string[]): Promise<AppCounts[]> {
  if (bucketKeys.length === 0) return [];
  const p = redis.pipeline();
  for (const k of bucketKeys) p.hgetall(k);
  const replies = (await p.exec()) ?? [];
  return replies.map(([err, hash]) => {
    if (err) throw err;
    return addBucketHash(new Map(), (hash ?? {}) as Record<string, string>);
  });
}

/** Sums the app buckets of the given hash keys into counts per app and kind. */
export async function sumAppBuckets(redis: RedisClient, bucketKeys: readonly string[]): Promise<AppCounts> {
  const out: AppCounts = new Map();
  if (bucketKeys.length === 0) return out;
  const p = redis.pipeline();
  for (const k of bucketKeys) p.hgetall(k);
  for (const [err, hash] of (await p.exec()) ?? []) {
    if (err) throw err;
    addBucketHash(out, (hash ?? {}) as Record<string, string>);
  }
  return out;
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    pantauReadAppSum(numKeys: number, ...keysThenPlusCount: (string | number)[]): Result<string[], Context>;
  }
}

let sumScript: string | undefined;

function withSumCommand(redis: RedisClient): RedisClient {
  if (typeof redis.pantauReadAppSum !== 'function') {
    sumScript ??= readFileSync(new URL('./lua/read-app-sum.lua', import.meta.url), 'utf8');
    redis.defineCommand('pantauReadAppSum', { lua: sumScript, readOnly: true });
  }
  return redis;
}

/** Hashes per script call: bounds how long one call keeps Redis busy. */
const SUM_BATCH = 100;

/**
 * Counts over a planned window: the sum of its buckets (less those it subtracts), added up
 * in Redis: a 30-day window is ~100 hashes of ~800 fields, and shipping them all to Node
 * costs more than the sum.
 */
export async function readPlannedCounts(redis: RedisClient, keys: SpaceKeys, plan: BucketPlan): Promise<AppCounts> {
  const r = withSumCommand(redis);
  const out: AppCounts = new Map();
  for (let i = 0; i < plan.parts.length; i += SUM_BATCH) {
    const batch = plan.parts.slice(i, i + SUM_BATCH);
    const plus = batch.filter((p) => !(p.res === 'minute' && p.subtract)).map((p) => bucketKeyOf(keys, p));
    const minus = batch.filter((p) => p.res === 'minute' && p.subtract).map((p) => bucketKeyOf(keys, p));
    const flat = await r.pantauReadAppSum(plus.length + minus.length, ...plus, ...minus, plus.length);
    const hash: Record<string, string> = {};
    for (let j = 0; j + 1 < flat.length; j += 2) hash[flat[j] ?? ''] = flat[j + 1] ?? '0';
    addBucketHash(out, hash);
  }
  return out;
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
