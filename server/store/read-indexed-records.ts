// Records (calls, incidents) whose index score (receivedAt, reportedAt) lies in [fromMs, toMs),
// oldest first: the ids from the time index, then every hash in one pipeline.
import type { RedisClient } from './redis-client.ts';

export async function readIndexedRecords<T>(
  redis: RedisClient,
  index: string,
  recordPrefix: string,
  fromMs: number,
  toMs: number,
  parse: (id: string, hash: Record<string, string>) => T,
): Promise<T[]> {
  if (toMs <= fromMs) return [];
  const ids = await redis.zrangebyscore(index, fromMs, `(${toMs}`);
  if (ids.length === 0) return [];
  const p = redis.pipeline();
  for (const id of ids) p.hgetall(`${recordPrefix}${id}`);
  const rows = (await p.exec()) ?? [];
  return ids.flatMap((id, i) => {
    const hash = (rows[i]?.[1] ?? {}) as Record<string, string>;
    // An index entry can outlive its record (records expire; trim-record-indexes.ts catches up
    // hourly): that entity is no longer known, not an empty one.
    return Object.keys(hash).length === 0 ? [] : [parse(id, hash)];
  });
}
