// The time indexes of call and incident records (calls:byReceived, incidents:byReported) point
// at records that expire 40 days after their last change (project.lua RECORD_TTL). Without a
// trim the indexes would grow for ever and name records that are gone. Trimming by the clock
// (not by event time) keeps one bad far-future timestamp from emptying them; the stream is
// kept for less than 40 days (PANTAU_STREAM_RETENTION_DAYS ≤ 35 by default), so a rebuild
// never recreates what this removed.
import type { Redis } from 'ioredis';
import type { SpaceKeys } from './keys.ts';

export const RECORD_RETENTION_MS = 40 * 86_400_000;

/** Removes index entries older than the record retention; returns how many went. */
export async function trimRecordIndexes(redis: Redis, keys: SpaceKeys, nowMs: number): Promise<number> {
  const before = `(${nowMs - RECORD_RETENTION_MS}`;
  const replies = (await redis.pipeline()
    .zremrangebyscore(keys.callsByReceived, '-inf', before)
    .zremrangebyscore(keys.incidentsByReported, '-inf', before)
    .exec()) ?? [];
  return replies.reduce((sum, [err, n]) => {
    if (err) throw err;
    return sum + Number(n);
  }, 0);
}
