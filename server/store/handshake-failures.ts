// Failed Socket.IO handshakes per client address, counted in Redis so that every server
// process behind a load balancer shares one budget (a guesser spread over processes by the
// balancer gets no more tries). A fixed window, like the HTTP limits (rate-limit-redis): the
// counter starts with the first failure and expires with its TTL.
import type { Redis } from 'ioredis';
import type { SpaceKeys } from './keys.ts';

export interface FailureCount {
  failures: number;
  /** Until the window ends (0 when there is none). */
  resetInMs: number;
}

function toCount(failures: unknown, pttl: unknown): FailureCount {
  const n = typeof failures === 'string' || typeof failures === 'number' ? Number(failures) : 0;
  const ttl = typeof pttl === 'number' ? pttl : 0;
  return { failures: Number.isFinite(n) ? n : 0, resetInMs: Math.max(ttl, 0) };
}

function replies(result: [Error | null, unknown][] | null): unknown[] {
  if (!result) throw new Error('handshake failure count: MULTI returned nothing');
  return result.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}

/** Failures of `address` in its current window. */
export async function readHandshakeFailures(redis: Redis, keys: SpaceKeys, address: string): Promise<FailureCount> {
  const key = keys.handshakeFailuresPrefix + address;
  const [failures, pttl] = replies(await redis.multi().get(key).pttl(key).exec());
  return toCount(failures, pttl);
}

/** Counts one failure of `address`; the first of a window sets its TTL (one atomic MULTI). */
export async function recordHandshakeFailure(redis: Redis, keys: SpaceKeys, address: string, windowMs: number): Promise<FailureCount> {
  const key = keys.handshakeFailuresPrefix + address;
  const [, failures, pttl] = replies(await redis.multi().set(key, 0, 'PX', windowMs, 'NX').incr(key).pttl(key).exec());
  return toCount(failures, pttl);
}
