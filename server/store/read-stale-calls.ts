// The calls still waiting that were received before a cutoff: what the stale-call sweeper
// expires. The waiting set is scored by receivedAt (ms), so this is one ZRANGEBYSCORE.
import type { RedisClient } from './redis-client.ts';
import type { Space } from '../../shared/contract/views.ts';
import type { SpaceKeys } from './keys.ts';

/** Ids of at most `limit` waiting calls of `space` received before `beforeMs` (exclusive), oldest first. */
export type ReadWaitingCallsBefore = (space: Space, beforeMs: number, limit: number) => Promise<string[]>;

export function waitingCallsBeforeReader(redis: RedisClient, keys: (space: Space) => SpaceKeys): ReadWaitingCallsBefore {
  return (space, beforeMs, limit) => redis.zrangebyscore(keys(space).callsWaiting, '-inf', `(${beforeMs}`, 'LIMIT', 0, limit);
}
