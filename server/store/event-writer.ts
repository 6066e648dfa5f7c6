// Ingest's way into the projection: applyEvents with the connection already bound, so the
// ingest service holds a function, not a Redis client. The type follows applyEvents's own
// parameters after the connection, so the two cannot drift apart.
import type { RedisClient } from './redis-client.ts';
import { applyEvents } from './apply-events.ts';

type WithoutConnection<F> = F extends (redis: RedisClient, ...args: infer A) => infer R ? (...args: A) => R : never;

/** Appends prepared events to a space's stream and projects them (store/apply-events.ts). */
export type WriteEvents = WithoutConnection<typeof applyEvents>;

export function eventWriter(redis: RedisClient): WriteEvents {
  return (...args) => applyEvents(redis, ...args);
}
