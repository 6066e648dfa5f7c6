// Reads the stream after a position: for resuming clients, for a feed that must be current
// now (an HTTP snapshot), and, through the same parser, for the blocking tail (stream-tail.ts).
import type { RedisClient } from './redis-client.ts';
import type { SpaceKeys } from './keys.ts';
import { parseEntry, type StreamEntry } from './entries.ts';
import { wasTrimmed } from './trimmed.ts';

const POSITION = /^\d{1,20}-\d{1,20}$/;

/** The field of the entry wipe-space.ts appends after emptying a stream (value: when, epoch ms). */
export const RESET_FIELD = 'reset';

/** The stream was wiped here: everything before this position is gone. */
export interface ResetMarker { position: string; reset: true }
/** What a stream holds, in order: accepted events and reset markers. */
export type StreamItem = StreamEntry | ResetMarker;

export const isReset = (item: StreamItem): item is ResetMarker => 'reset' in item;

type Row = [id: string, fields: string[]];

export function parseRows(rows: readonly Row[]): StreamItem[] {
  return rows.map(([id, fields]): StreamItem => (fields[0] === RESET_FIELD ? { position: id, reset: true } : parseEntry(id, fields)));
}

/** Items strictly after `position`, oldest first, at most `count`. */
export async function readItemsAfter(redis: RedisClient, keys: SpaceKeys, position: string, count: number): Promise<StreamItem[]> {
  return parseRows((await redis.xrange(keys.stream, `(${position}`, '+', 'COUNT', count)) as Row[]);
}

/**
 * Whether a client at `position` can be brought up to date from the stream: the position
 * has the right format and is still in the stream (not trimmed, not wiped), or is the empty
 * stream's origin while the stream has never been trimmed.
 */
export async function isResumable(redis: RedisClient, keys: SpaceKeys, position: string): Promise<boolean> {
  if (!POSITION.test(position)) return false;
  if (position === '0-0') {
    const first = (await redis.xrange(keys.stream, '-', '+', 'COUNT', 1)) as unknown[];
    if (first.length === 0) return true;
    return !(await wasTrimmed(redis, keys));
  }
  return hasEntry(redis, keys, position);
}

/** Whether the stream still holds the entry at `position`. */
export async function hasEntry(redis: RedisClient, keys: SpaceKeys, position: string): Promise<boolean> {
  const hit = (await redis.xrange(keys.stream, position, position, 'COUNT', 1)) as unknown[];
  return hit.length === 1;
}

/** The id of the newest entry, or 0-0 for an empty stream. */
export async function lastPosition(redis: RedisClient, keys: SpaceKeys): Promise<string> {
  const last = (await redis.xrevrange(keys.stream, '+', '-', 'COUNT', 1)) as Row[];
  return last[0]?.[0] ?? '0-0';
}

/**
 * The id of the newest accepted event since the last wipe, or 0-0 when there is none: a reset
 * marker at the end means the space holds nothing (the demo simulator backfills then).
 */
export async function lastEventPosition(redis: RedisClient, keys: SpaceKeys): Promise<string> {
  const [last] = parseRows((await redis.xrevrange(keys.stream, '+', '-', 'COUNT', 1)) as Row[]);
  return last === undefined || isReset(last) ? '0-0' : last.position;
}
