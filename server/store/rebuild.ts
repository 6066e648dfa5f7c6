// Rebuilds a space's derived state from its stream: clears every derived key, then runs the
// one projection over every entry inside Redis (rebuild-chunk.lua: XRANGE and project, a chunk
// per call, small enough that no call blocks Redis for long). Nothing travels to Node and back
// but a position. Run it with ingest stopped.
import type { RedisClient } from './redis-client.ts';
import { derivedKeyPatterns, type SpaceKeys } from './keys.ts';
import { wasTrimmed } from './trimmed.ts';
import { unlinkMatching } from './wipe-space.ts';

export { wasTrimmed };

export class StreamTrimmedError extends Error {
  override name = 'StreamTrimmedError';
  readonly code = 'STREAM_TRIMMED';
  constructor() {
    super('the stream has been trimmed (retention): a rebuild would lose history that only the buckets keep; pass force to rebuild anyway');
  }
}

/**
 * Entries per script call: ~1,000 keeps one call in the tens of milliseconds (bench/rebuild.ts),
 * so a rebuild never holds Redis long enough to stall a health check.
 */
export const REBUILD_CHUNK = 1_000;

export interface RebuildResult { entries: number; clearedKeys: number; ms: number }

export async function rebuildSpace(redis: RedisClient, keys: SpaceKeys, opts: { force?: boolean; chunk?: number } = {}): Promise<RebuildResult> {
  const t0 = performance.now();
  if (!opts.force && (await wasTrimmed(redis, keys))) throw new StreamTrimmedError();
  let cleared = 0;
  for (const pattern of derivedKeyPatterns(keys)) cleared += await unlinkMatching(redis, pattern);
  const chunk = opts.chunk ?? REBUILD_CHUNK;
  let start = '-';
  let entries = 0;
  for (;;) {
    const [last, n] = await redis.pantauRebuildChunk(keys.stream, keys.all, start, chunk);
    entries += Number(n);
    if (Number(n) < chunk || last === '') break;
    start = `(${last}`;
  }
  return { entries, clearedKeys: cleared, ms: performance.now() - t0 };
}
