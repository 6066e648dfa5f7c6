// Wipes a space (the demo reset). Every key of the space goes except the stream, which is
// emptied (XTRIM MAXLEN 0) and given one reset marker: the stream's last id keeps growing, so a
// live feed tailing it reads the marker right after the entries it already had, however many
// new events were written since, and reloads. No feed polls anything to notice a wipe.
import { scanKeys, type RedisClient } from './redis-client.ts';
import type { SpaceKeys } from './keys.ts';
import { RESET_FIELD } from './read-entries.ts';

/**
 * UNLINKs every key matching `pattern` (SCAN, never KEYS; every master of a cluster), except
 * `keep`; returns how many. One UNLINK per batch: the pattern names one city-space, whose keys
 * share a hash slot, so a batch never spans slots.
 */
export async function unlinkMatching(redis: RedisClient, pattern: string, keep: ReadonlySet<string> = new Set()): Promise<number> {
  let n = 0;
  for await (const found of scanKeys(redis, pattern)) {
    const doomed = found.filter((k) => !keep.has(k));
    if (doomed.length > 0) n += await redis.unlink(...doomed);
  }
  return n;
}

/**
 * Removes the space's derived state and dedupe, then empties its stream and appends the reset
 * marker in one MULTI. The marker comes after the keys are gone, so a feed that reloads on it
 * reads the wiped state. Returns how many keys were removed.
 */
export async function wipeSpace(redis: RedisClient, keys: SpaceKeys): Promise<number> {
  const removed = await unlinkMatching(redis, `${keys.all.replace(/[[\]*?]/g, '\\$&')}*`, new Set([keys.stream]));
  const replies = await redis.multi().xtrim(keys.stream, 'MAXLEN', 0).xadd(keys.stream, '*', RESET_FIELD, String(Date.now())).exec();
  for (const [err] of replies ?? []) if (err) throw err;
  return removed;
}
