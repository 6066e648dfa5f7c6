// One app's counts per bucket, for charts: HMGET of its four fields in each bucket.
import type { RedisClient } from './redis-client.ts';
import { APP_KINDS } from '../../shared/contract/events.ts';
import { zeroKinds, type KindCounts } from '../domain/app-rollup.ts';
import type { SpaceKeys } from './keys.ts';

export async function readAppSeries(redis: RedisClient, bucketKeys: readonly string[], appId: string): Promise<KindCounts[]> {
  if (bucketKeys.length === 0) return [];
  const fields = APP_KINDS.map((k) => `${appId}|${k}`);
  const p = redis.pipeline();
  for (const k of bucketKeys) p.hmget(k, ...fields);
  return ((await p.exec()) ?? []).map(([err, v]) => {
    if (err) throw err;
    const values = (v ?? []) as (string | null)[];
    const c = zeroKinds();
    APP_KINDS.forEach((kind, i) => {
      c[kind] = Number(values[i] ?? 0) || 0;
    });
    return c;
  });
}

/** Whether an appId has ever been seen in events (registered or not). */
export async function appSeen(redis: RedisClient, keys: SpaceKeys, appId: string): Promise<boolean> {
  return (await redis.sismember(keys.appsSeen, appId)) === 1;
}
