// The HTTP rate limits keep their counters in Redis (rate-limit-redis runs its own small
// scripts), so a budget holds across every server process. The limiter gets this sender and
// never a connection: it cannot run anything but the commands its store library sends.
import { isCluster, type RedisClient } from './redis-client.ts';

/** The reply shapes rate-limit-redis accepts (its RedisReply). */
export type RateLimitReply = boolean | number | string | (boolean | number | string)[];

/** Runs one command of the rate limiter's store library: `send('EVALSHA', sha, '1', key, …)`. */
export type SendRateLimitCommand = (command: string, ...args: string[]) => Promise<RateLimitReply>;

function isReplyData(v: unknown): v is boolean | number | string {
  return typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string';
}

/** ioredis answers `unknown`; the limiter wants its reply shape, checked rather than cast. */
function toReply(v: unknown): RateLimitReply {
  if (isReplyData(v)) return v;
  if (Array.isArray(v) && v.every(isReplyData)) return v;
  throw new TypeError('unexpected RedisClient reply to a rate-limit script');
}

/**
 * On a cluster, `SCRIPT LOAD` would reach one random node and the EVALSHA that follows (routed
 * by its key) another, which does not know the script: it is loaded on every master instead.
 * A promoted replica has no script cache; the library answers NOSCRIPT by loading again, which
 * reaches the new master this way.
 */
export function rateLimitCommandSender(redis: RedisClient): SendRateLimitCommand {
  return async (command, ...args) => {
    if (isCluster(redis) && command.toUpperCase() === 'SCRIPT' && args[0]?.toUpperCase() === 'LOAD') {
      const shas = await Promise.all(redis.nodes('master').map((node) => node.call(command, ...args)));
      return toReply(shas[0]);
    }
    return toReply(await redis.call(command, ...args));
  };
}
