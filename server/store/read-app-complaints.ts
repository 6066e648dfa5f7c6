// Complaints per kecamatan per hour (project.lua: complaints:<hourMs>, kecamatan → count,
// "unknown" when the event named none). Hours are kept 90 days.
import type { RedisClient } from './redis-client.ts';
import { complaintsKey, type SpaceKeys } from './keys.ts';

export type KecamatanCounts = Map<string, number>;

/** Each hour's complaints per kecamatan, in the order of `hourStarts` (one round trip). */
export async function readComplaintHours(redis: RedisClient, keys: SpaceKeys, hourStarts: readonly number[]): Promise<KecamatanCounts[]> {
  if (hourStarts.length === 0) return [];
  const p = redis.pipeline();
  for (const h of hourStarts) p.hgetall(complaintsKey(keys, h));
  return ((await p.exec()) ?? []).map(([err, hash]) => {
    if (err) throw err;
    const out: KecamatanCounts = new Map();
    for (const [kec, n] of Object.entries((hash ?? {}) as Record<string, string>)) {
      const v = Number(n);
      if (Number.isFinite(v)) out.set(kec, v);
    }
    return out;
  });
}
