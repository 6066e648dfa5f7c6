// Whether a stream has lost entries to retention (MINID trim). Redis 7.0 does not update
// max-deleted-entry-id on XTRIM, so compare how many entries were ever added with how many remain.
import type { RedisClient } from './redis-client.ts';
import type { SpaceKeys } from './keys.ts';

export async function wasTrimmed(redis: RedisClient, keys: SpaceKeys): Promise<boolean> {
  if ((await redis.exists(keys.stream)) === 0) return false;
  const info = (await redis.call('XINFO', 'STREAM', keys.stream)) as unknown[];
  const field = (name: string): number => Number(info[info.indexOf(name) + 1]);
  return field('entries-added') > field('length');
}
