// The connection every store function takes: one Redis (a plain server or a Sentinel group's
// master) or a Redis Cluster. Both speak the same commands through ioredis, and every key a
// command or script touches carries its city-space's hash tag, so a function written for one
// runs on the other. The few things that differ (scanning, blocking reads, script loading)
// ask `isCluster` and live in store/ only.
import { Cluster, type Redis } from 'ioredis';

export type RedisClient = Redis | Cluster;

export function isCluster(redis: RedisClient): redis is Cluster {
  return redis instanceof Cluster;
}

/**
 * The connections a SCAN must visit to see every key: each master of a cluster (a SCAN sent
 * through the Cluster client would visit one random node), or the one server.
 */
export function scanTargets(redis: RedisClient): Redis[] {
  return isCluster(redis) ? redis.nodes('master') : [redis];
}

/**
 * Every key matching `pattern`, a batch at a time: SCAN (never KEYS, so Redis keeps serving)
 * on every master. Keys of one city-space all sit on one master, so on a cluster the other
 * masters answer with nothing after a pass over their own keyspace.
 */
export async function* scanKeys(redis: RedisClient, pattern: string, count = 1_000): AsyncGenerator<string[]> {
  for (const node of scanTargets(redis)) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (found.length > 0) yield found;
    } while (cursor !== '0');
  }
}
