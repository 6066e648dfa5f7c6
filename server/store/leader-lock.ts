// A lease in Redis: one process at a time holds it (SET NX PX), renews it while alive, and
// another takes over when it lapses. Used so that only one process runs the demo simulator.
import type { RedisClient } from './redis-client.ts';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** Takes the lease if free, or renews it if we hold it. True when we hold it afterwards. */
export async function holdLease(redis: RedisClient, key: string, owner: string, ttlMs: number): Promise<boolean> {
  if ((await redis.set(key, owner, 'PX', ttlMs, 'NX')) === 'OK') return true;
  return (await redis.eval(RENEW, 1, key, owner, ttlMs)) === 1;
}

export async function releaseLease(redis: RedisClient, key: string, owner: string): Promise<void> {
  await redis.eval(RELEASE, 1, key, owner);
}
