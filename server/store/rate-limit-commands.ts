// The HTTP rate limits keep their counters in Redis (rate-limit-redis runs its own small
// scripts), so a budget holds across every server process. The limiter gets this sender and
// never a connection: it cannot run anything but the commands its store library sends.
import type { Redis } from 'ioredis';

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
  throw new TypeError('unexpected Redis reply to a rate-limit script');
}

export function rateLimitCommandSender(redis: Redis): SendRateLimitCommand {
  return async (command, ...args) => toReply(await redis.call(command, ...args));
}
