// Reads the stream after a position, for resuming clients and for the live feed's tail.
import type { Redis } from 'ioredis';
import type { SpaceKeys } from './keys.ts';
import { parseEntry, type StreamEntry } from './entries.ts';
import { wasTrimmed } from './trimmed.ts';

const POSITION = /^\d{1,20}-\d{1,20}$/;

/** Entries strictly after `position`, oldest first, at most `count`. */
export async function readEntriesAfter(redis: Redis, keys: SpaceKeys, position: string, count: number): Promise<StreamEntry[]> {
  const rows = (await redis.xrange(keys.stream, `(${position}`, '+', 'COUNT', count)) as [string, string[]][];
  return rows.map(([id, fields]) => parseEntry(id, fields));
}

/**
 * Whether a client at `position` can be brought up to date from the stream: the position
 * has the right format and is still in the stream (not trimmed), or is the empty stream's
 * origin while the stream has never been trimmed.
 */
export async function isResumable(redis: Redis, keys: SpaceKeys, position: string): Promise<boolean> {
  if (!POSITION.test(position)) return false;
  if (position === '0-0') {
    const first = (await redis.xrange(keys.stream, '-', '+', 'COUNT', 1)) as [string, string[]][];
    if (first.length === 0) return true;
    return !(await wasTrimmed(redis, keys));
  }
  const hit = (await redis.xrange(keys.stream, position, position, 'COUNT', 1)) as unknown[];
  return hit.length === 1;
}

/** The id of the newest entry, or 0-0 for an empty stream. */
export async function lastPosition(redis: Redis, keys: SpaceKeys): Promise<string> {
  const last = (await redis.xrevrange(keys.stream, '+', '-', 'COUNT', 1)) as [string, string[]][];
  return last[0]?.[0] ?? '0-0';
}

/** The space's wipe count (see SpaceKeys.epoch); '0' before the first wipe. */
export async function readEpoch(redis: Redis, keys: SpaceKeys): Promise<string> {
  return (await redis.get(keys.epoch)) ?? '0';
}
