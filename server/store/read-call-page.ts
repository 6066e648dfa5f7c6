// One page of the calls received in a window, newest first, that pass a filter: the ids from
// the time index in slices (ZREVRANGEBYSCORE … LIMIT), then their hashes in one pipeline per
// slice. A window may hold a million calls: a request scans at most `maxScan` index entries and
// says where to go on (`next`, an offset into the window's index), never reads them all.
import type { RedisClient } from './redis-client.ts';
import { parseCallRecord, type CallRecord } from '../domain/call-record.ts';
import type { SpaceKeys } from './keys.ts';

export interface CallPageQuery {
  fromMs: number;
  toMs: number;
  offset: number;
  limit: number;
  match: (r: CallRecord) => boolean;
  /** Index entries read per request at most (default 5,000). */
  maxScan?: number;
}

export interface CallPage {
  calls: CallRecord[];
  /** The offset to continue from, or null when the window's index is exhausted. */
  next: number | null;
  /** Entries of the window's index (every call received in it, filters aside). */
  indexed: number;
}

const SLICE = 500;

export async function readCallPage(redis: RedisClient, keys: SpaceKeys, q: CallPageQuery): Promise<CallPage> {
  const maxScan = q.maxScan ?? 5_000;
  const max = `(${q.toMs}`;
  const indexed = await redis.zcount(keys.callsByReceived, q.fromMs, max);
  const calls: CallRecord[] = [];
  let offset = q.offset;
  while (calls.length < q.limit && offset < indexed && offset - q.offset < maxScan) {
    const ids = await redis.zrevrangebyscore(keys.callsByReceived, max, q.fromMs, 'LIMIT', offset, SLICE);
    if (ids.length === 0) break;
    const p = redis.pipeline();
    for (const id of ids) p.hgetall(`${keys.callPrefix}${id}`);
    const rows = (await p.exec()) ?? [];
    let used = 0;
    for (let i = 0; i < ids.length && calls.length < q.limit; i++) {
      used = i + 1;
      const hash = (rows[i]?.[1] ?? {}) as Record<string, string>;
      const id = ids[i];
      // An index entry can outlive its record (records expire; the index is trimmed hourly).
      if (id === undefined || Object.keys(hash).length === 0) continue;
      const r = parseCallRecord(id, hash);
      if (q.match(r)) calls.push(r);
    }
    offset += used;
  }
  return { calls, next: offset < indexed ? offset : null, indexed };
}
