// Readiness: whether Redis answers at all. Commands fail fast while the connection is down (no
// offline queue, connect.ts); the timeout covers a Redis that accepts and then stalls.
import type { RedisClient } from './redis-client.ts';

/** Resolves when Redis answers PING within `timeoutMs`; rejects otherwise. */
export async function pingRedis(redis: RedisClient, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`redis did not answer PING within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
