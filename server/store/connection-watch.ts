// Tells the live path when its Redis connection goes away and when it is ready again, from
// the connection's own events: no command is sent for it, so an idle process stays silent.
import type { RedisClient } from './redis-client.ts';

export interface ConnectionListener {
  /** The connection closed (Redis stopped, restarted, or the link broke). */
  away(): void;
  /** Ready again after `away`. */
  back(): void;
}

/** Calls `away` and `back` once per change (ioredis repeats `close` on every failed retry); returns the stop. */
export function watchConnection(redis: RedisClient, listener: ConnectionListener): () => void {
  let up = redis.status === 'ready';
  const down = (): void => {
    if (!up) return;
    up = false;
    listener.away();
  };
  const ready = (): void => {
    if (up) return;
    up = true;
    listener.back();
  };
  redis.on('close', down);
  redis.on('end', down);
  redis.on('ready', ready);
  return () => {
    redis.off('close', down);
    redis.off('end', down);
    redis.off('ready', ready);
  };
}
