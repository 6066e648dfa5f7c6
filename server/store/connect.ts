// The one place that creates ioredis connections. Commands fail fast while Redis is away
// (no offline queue), so ingest can answer 503 at once instead of holding requests.
import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { defineScripts } from './scripts.ts';
import { parseRedisTarget } from './redis-target.ts';


export interface RedisHandle {
  redis: Redis;
  /** A second connection for blocking or long reads, so they never delay ingest. */
  duplicate(): Redis;
  close(): Promise<void>;
}

export async function connectRedis(url: string, log: Logger): Promise<RedisHandle> {
  const options = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    // Reconnect forever, backing off to 2 s: a command center outlives Redis restarts.
    retryStrategy: (times: number) => Math.min(times * 100, 2_000),
  };
  const target = parseRedisTarget(url);
  // Through Sentinel, ioredis asks the sentinels for the master and asks again after a failover.
  const redis = defineScripts(target.kind === 'url' ? new Redis(url, options) : new Redis({ ...target.options, ...options }));
  let lastState = 'init';
  redis.on('error', (err: Error) => {
    if (lastState !== 'error') log.warn({ mod: 'redis', err: err.message }, 'redis error');
    lastState = 'error';
  });
  redis.on('ready', () => {
    if (lastState !== 'init') log.info({ mod: 'redis' }, 'redis ready again');
    lastState = 'ready';
  });
  await redis.connect();
  const extra: Redis[] = [];
  return {
    redis,
    duplicate() {
      const d = defineScripts(redis.duplicate({ lazyConnect: false, enableOfflineQueue: true }));
      d.on('error', () => undefined);
      extra.push(d);
      return d;
    },
    async close() {
      await Promise.allSettled([redis, ...extra].map((r) => r.quit().catch(() => r.disconnect())));
    },
  };
}
