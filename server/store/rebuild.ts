// Rebuilds a space's derived state from its stream: clears every derived key, then runs the
// same projection script over each entry in order. Run it with ingest stopped.
import type { Redis } from 'ioredis';
import { derivedKeyPatterns, type SpaceKeys } from './keys.ts';
import { wasTrimmed } from './trimmed.ts';

export { wasTrimmed };

export class StreamTrimmedError extends Error {
  override name = 'StreamTrimmedError';
  readonly code = 'STREAM_TRIMMED';
  constructor() {
    super('the stream has been trimmed (retention): a rebuild would lose history that only the buckets keep; pass force to rebuild anyway');
  }
}

async function unlinkMatching(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) n += await redis.unlink(...keys);
  } while (cursor !== '0');
  return n;
}

export interface RebuildResult { entries: number; clearedKeys: number; ms: number }

export async function rebuildSpace(redis: Redis, keys: SpaceKeys, opts: { force?: boolean; chunk?: number } = {}): Promise<RebuildResult> {
  const t0 = performance.now();
  if (!opts.force && (await wasTrimmed(redis, keys))) throw new StreamTrimmedError();
  let cleared = 0;
  for (const pattern of derivedKeyPatterns(keys)) cleared += await unlinkMatching(redis, pattern);
  const chunk = opts.chunk ?? 5_000;
  let start = '-';
  let entries = 0;
  for (;;) {
    const rows = (await redis.xrange(keys.stream, start, '+', 'COUNT', chunk)) as [string, string[]][];
    if (rows.length === 0) break;
    const p = redis.pipeline();
    for (const [, fields] of rows) {
      const f: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] as string] = fields[i + 1] as string;
      p.pantauProjectEvent(keys.stream, keys.all, f.e ?? '{}', f.x ?? '{}');
    }
    for (const [err] of (await p.exec()) ?? []) if (err) throw err;
    entries += rows.length;
    start = `(${rows[rows.length - 1]?.[0]}`;
    if (rows.length < chunk) break;
  }
  return { entries, clearedKeys: cleared, ms: performance.now() - t0 };
}

/**
 * Removes every key of a space (the demo reset), then moves its epoch on. The epoch moves
 * after the keys are gone, so a feed that reads the new epoch also reads the wiped state.
 */
export async function wipeSpace(redis: Redis, keys: SpaceKeys): Promise<number> {
  const removed = await unlinkMatching(redis, `${keys.all.replace(/[[\]*?]/g, '\\$&')}*`);
  await redis.incr(keys.epoch);
  return removed;
}
