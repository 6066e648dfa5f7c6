// Rebuilds a space's derived state from its stream: clears every derived key, then runs the
// same projection script over each entry in order. Run it with ingest stopped.
import type { Redis } from 'ioredis';
import { derivedKeyPatterns, type SpaceKeys } from './keys.ts';
import { wasTrimmed } from './trimmed.ts';
import { unlinkMatching } from './wipe-space.ts';
import { RESET_FIELD } from './read-entries.ts';

export { wasTrimmed };

export class StreamTrimmedError extends Error {
  override name = 'StreamTrimmedError';
  readonly code = 'STREAM_TRIMMED';
  constructor() {
    super('the stream has been trimmed (retention): a rebuild would lose history that only the buckets keep; pass force to rebuild anyway');
  }
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
      // A reset marker (wipe-space.ts) carries no event.
      if (f[RESET_FIELD] !== undefined) continue;
      p.pantauProjectEvent(keys.stream, keys.all, f.e ?? '{}', f.x ?? '{}');
    }
    for (const [err] of (await p.exec()) ?? []) if (err) throw err;
    entries += rows.length;
    start = `(${rows[rows.length - 1]?.[0]}`;
    if (rows.length < chunk) break;
  }
  return { entries, clearedKeys: cleared, ms: performance.now() - t0 };
}
