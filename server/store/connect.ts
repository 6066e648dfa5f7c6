// The one place that creates ioredis connections. Commands fail fast while Redis is away
// (no offline queue), so ingest can answer 503 at once instead of holding requests.
import { Cluster, Redis, type ClusterOptions } from 'ioredis';
import type { Logger } from '../log.ts';
import { defineScripts } from './scripts.ts';
import { parseRedisTarget, type RedisTarget } from './redis-target.ts';
import type { RedisClient } from './redis-client.ts';

export interface RedisHandle {
  redis: RedisClient;
  /** A second connection for blocking or long reads, so they never delay ingest. */
  duplicate(): RedisClient;
  close(): Promise<void>;
}

const NODE_OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 5_000,
  // Reconnect forever, backing off to 2 s: a command center outlives Redis restarts.
  retryStrategy: (times: number) => Math.min(times * 100, 2_000),
};

function clusterClient(target: Extract<RedisTarget, { kind: 'cluster' }>): Cluster {
  const options: ClusterOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    // Every node connection gets the URL's credentials and fails a command after one retry. A
    // lost node is not reconnected by itself: the client follows MOVED and the slot map instead.
    redisOptions: { maxRetriesPerRequest: NODE_OPTIONS.maxRetriesPerRequest, connectTimeout: NODE_OPTIONS.connectTimeout, ...target.auth },
    clusterRetryStrategy: (times: number) => Math.min(times * 100, 2_000),
    // Writes and reads go to masters: a replica may lag, and the live path reads what it just wrote.
    scaleReads: 'master',
    // After a failover ioredis learns the new master from MOVED or a failed node; this bounds
    // how long a quiet client keeps an old slot map.
    slotsRefreshInterval: 2_000,
  };
  return new Cluster(target.nodes, options);
}

function createClient(url: string): RedisClient {
  const target = parseRedisTarget(url);
  if (target.kind === 'cluster') return clusterClient(target);
  const options = { lazyConnect: true, ...NODE_OPTIONS };
  // Through Sentinel, ioredis asks the sentinels for the master and asks again after a failover.
  return target.kind === 'url' ? new Redis(url, options) : new Redis({ ...target.options, ...options });
}

/** A new connection like `redis` that may queue commands while it (re)connects: for readers of their own. */
export function duplicateClient(redis: RedisClient): RedisClient {
  return redis instanceof Cluster
    ? redis.duplicate(undefined, { lazyConnect: false, enableOfflineQueue: true })
    : redis.duplicate({ lazyConnect: false, enableOfflineQueue: true });
}

export async function connectRedis(url: string, log: Logger): Promise<RedisHandle> {
  const redis = defineScripts(createClient(url));
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
  const extra: RedisClient[] = [];
  return {
    redis,
    duplicate() {
      const d = defineScripts(duplicateClient(redis));
      d.on('error', () => undefined);
      extra.push(d);
      return d;
    },
    async close() {
      await Promise.allSettled([redis, ...extra].map((r) => r.quit().catch(() => r.disconnect())));
    },
  };
}
