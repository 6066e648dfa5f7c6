// Reads what a fault test compares: every derived key of a space with its content (all but
// the stream and the dedupe hashes), and the event ids in the stream with their counts.
import { scanKeys, type RedisClient } from '../../server/store/redis-client.ts';
import type { SpaceKeys } from '../../server/store/keys.ts';

export async function derivedState(redis: RedisClient, keys: SpaceKeys): Promise<Record<string, unknown>> {
  const names: string[] = [];
  for await (const batch of scanKeys(redis, `${keys.all}*`)) names.push(...batch.filter((k) => k !== keys.stream && !k.startsWith(keys.dedupePrefix)));
  const out: Record<string, unknown> = {};
  for (const k of names.sort()) {
    const type = await redis.type(k);
    out[k] =
      type === 'hash' ? await redis.hgetall(k)
        : type === 'zset' ? await redis.zrange(k, 0, -1, 'WITHSCORES')
          : type === 'set' ? (await redis.smembers(k)).sort()
            : type === 'string' ? await redis.get(k)
              : `<${type}>`;
  }
  return out;
}

export interface StreamCensus {
  entries: number;
  /** `<source>\0<id>` → how many entries carry it. */
  counts: Map<string, number>;
  /** Entries whose id appears more than once. */
  duplicates: number;
  /** Entries per `<source> <type>`. */
  bySource: Map<string, number>;
}

export async function streamCensus(redis: RedisClient, keys: SpaceKeys): Promise<StreamCensus> {
  const counts = new Map<string, number>();
  const bySource = new Map<string, number>();
  let entries = 0;
  let start = '-';
  for (;;) {
    const rows = (await redis.xrange(keys.stream, start, '+', 'COUNT', 5_000)) as [string, string[]][];
    for (const [, fields] of rows) {
      let e = '{}';
      for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'e') e = fields[i + 1] ?? e;
      const { id, source, type } = JSON.parse(e) as { id: string; source: string; type: string };
      const k = `${source}\u0000${id}`;
      bySource.set(`${source} ${type}`, (bySource.get(`${source} ${type}`) ?? 0) + 1);
      counts.set(k, (counts.get(k) ?? 0) + 1);
      entries += 1;
    }
    if (rows.length < 5_000) break;
    start = `(${rows[rows.length - 1]?.[0]}`;
  }
  let duplicates = 0;
  for (const n of counts.values()) if (n > 1) duplicates += n - 1;
  return { entries, counts, duplicates, bySource };
}
