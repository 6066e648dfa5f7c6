// Moves a single-city keyspace of Pantau 0.1 (`<prefix>:{<space>}:…`) to the city-scoped names
// `{<prefix>:<city>:<space>}:…`, and finds one at start-up so the server can refuse to run
// beside it (the new names never read the old ones: the data would look lost).
//
// Each space moves in one MULTI/EXEC of RENAMEs: all of it or none, so a migration cut short
// leaves every space either old or new, and running it again finishes the job. RENAME keeps
// each key's TTL (dedupe days, the sim's lease) and its value; no value names a key (stream
// entries hold the event and its enrichment, sets and hashes hold ids), so nothing is rewritten.
// Both spaces move, the demo's too: its simulated history was made for the same city
// (PANTAU_CITY) as the live one, and a demo reset clears it whenever the presenter wants.
//
// RENAME between the old and the new hash tag needs one Redis (or a Sentinel group's master):
// the single-city layout never ran on a Redis Cluster, so there is none to migrate there.
import { isCluster, scanKeys, type RedisClient } from './redis-client.ts';
import { SPACES, type Space } from '../../shared/contract/views.ts';
import type { Logger } from '../log.ts';
import { connectRedis } from './connect.ts';
import { globLiteral, legacySpaceKeys, spaceKeys, type LegacySpaceKeys, type SpaceKeys } from './keys.ts';

/** The command that migrates, as the refusals name it. */
export const MIGRATE_COMMAND = 'npm run migrate:keys';

export type SpaceMigration =
  | { space: Space; outcome: 'nothing'; from: string; to: string }
  | { space: Space; outcome: 'moved'; from: string; to: string; keys: number };

export class MigrationTargetNotEmptyError extends Error {
  override name = 'MigrationTargetNotEmptyError';
  constructor(readonly space: Space, readonly from: string, readonly to: string, readonly example: string, pattern: string) {
    super(
      `${to}* already holds data (e.g. ${example}) and ${from}* holds the old single-city ${space} space: ` +
        'moving one onto the other would mix two histories, so nothing was moved. ' +
        `If the old keys belong to another city, run again with --city <that city>; otherwise remove one of the two first ` +
        `(the old ones with: redis-cli --scan --pattern '${pattern}' | xargs -r redis-cli unlink).`,
    );
  }
}

export class LegacyKeyspaceError extends Error {
  override name = 'LegacyKeyspaceError';
  constructor(readonly prefix: string, readonly city: string, readonly found: readonly string[]) {
    super(
      `this Redis holds keys of the single-city layout (${found.join(', ')}), which this version no longer reads. ` +
        `Stop every Pantau process, then run \`${MIGRATE_COMMAND}\` with PANTAU_CITY set to the city those keys belong to ` +
        `(now ${city}): it moves them to {${prefix}:<city>:<space>}:…. \`${MIGRATE_COMMAND} -- --help\` tells more.`,
    );
  }
}

/** Every key under a SCAN pattern (the migration moves them all; SCAN, never KEYS, so Redis keeps serving). */
async function scanAll(redis: RedisClient, pattern: string): Promise<string[]> {
  const out: string[] = [];
  for await (const keys of scanKeys(redis, pattern)) out.push(...keys);
  // SCAN may return a key twice (during a rehash).
  return [...new Set(out)];
}

/** Some key under a SCAN pattern, or undefined when there is none. */
async function scanFirst(redis: RedisClient, pattern: string): Promise<string | undefined> {
  for await (const keys of scanKeys(redis, pattern)) if (keys[0] !== undefined) return keys[0];
  return undefined;
}

/**
 * The old spaces present for a prefix, from one EXISTS per key of their single names (stream,
 * sets, epoch…): every space that ever took an event has its stream, every reset one its epoch.
 * O(1) whatever the size of the keyspace, so it runs at every start.
 */
export async function findLegacySpaces(redis: RedisClient, prefix: string): Promise<LegacySpaceKeys[]> {
  const found: LegacySpaceKeys[] = [];
  for (const space of SPACES) {
    const legacy = legacySpaceKeys(prefix, space);
    if ((await redis.exists(legacy.epoch, ...legacy.singles)) > 0) found.push(legacy);
  }
  return found;
}

/** Throws LegacyKeyspaceError when the Redis at `url` holds an old single-city keyspace for `prefix`. */
export async function refuseLegacyKeyspace(url: string, prefix: string, city: string, log: Logger): Promise<void> {
  const handle = await connectRedis(url, log);
  try {
    const found = await findLegacySpaces(handle.redis, prefix);
    if (found.length > 0) throw new LegacyKeyspaceError(prefix, city, found.map((l) => l.pattern));
  } finally {
    await handle.close();
  }
}

/** One old space and the keys of it that the SCAN found, to be moved to `target`. */
export interface SpacePlan { readonly legacy: LegacySpaceKeys; readonly target: SpaceKeys; readonly old: readonly string[] }

async function planSpace(redis: RedisClient, legacy: LegacySpaceKeys, target: SpaceKeys): Promise<SpacePlan> {
  const old = await scanAll(redis, legacy.pattern);
  if (old.length > 0) {
    const occupied = await scanFirst(redis, `${globLiteral(target.all)}*`);
    if (occupied !== undefined) throw new MigrationTargetNotEmptyError(legacy.space, legacy.base, target.all, occupied, legacy.pattern);
  }
  return { legacy, target, old };
}

async function moveSpace(redis: RedisClient, { legacy, target, old }: SpacePlan): Promise<SpaceMigration> {
  const from = legacy.base;
  const to = target.all;
  if (old.length === 0) return { space: legacy.space, outcome: 'nothing', from, to };
  const tx = redis.multi();
  const dropped = new Set<number>();
  old.forEach((key, i) => {
    const name = legacy.renamed(key, target);
    // The old wipe counter has no successor (a reset is a marker in the stream now).
    if (name === null) dropped.add(i);
    if (name === null) tx.del(key);
    else tx.rename(key, name);
  });
  const replies = await tx.exec();
  if (!replies) throw new Error(`the move of ${from}* was aborted`);
  let moved = 0;
  for (const [i, [err]] of replies.entries()) {
    if (dropped.has(i)) continue;
    // A key whose TTL ran out between the SCAN and the EXEC (a dedupe day, the sim's lease) is
    // gone, not lost. Redis runs the rest of an EXEC whatever one command answers, and a RENAME
    // can fail in no other way once queued, so the space still moves whole.
    if (err && !/no such key/i.test(err.message)) throw err;
    if (!err) moved += 1;
  }
  return { space: legacy.space, outcome: 'moved', from, to, keys: moved };
}

/**
 * Moves every old space of `prefix` to `city`'s names. Every target is checked before any
 * space moves: one that already holds data stops it all (MigrationTargetNotEmptyError) with
 * nothing moved. Running it again moves nothing. Stop every Pantau process first: a key
 * written between the SCAN and the move would stay behind (and the next start would refuse).
 */
export async function migrateKeyspace(redis: RedisClient, prefix: string, city: string): Promise<SpaceMigration[]> {
  return moveKeyspace(redis, await planKeyspaceMove(redis, prefix, city));
}

/** The first half of migrateKeyspace: what would move, after checking every target (throws when one holds data). */
export async function planKeyspaceMove(redis: RedisClient, prefix: string, city: string): Promise<SpacePlan[]> {
  // The old and the new hash tag are different slots: a RENAME between them is refused on a cluster.
  if (isCluster(redis)) throw new Error('the keyspace migration needs a single Redis (or a Sentinel group\'s master), not a Redis Cluster: migrate there, then move the data to the cluster');
  const plans: SpacePlan[] = [];
  for (const space of SPACES) plans.push(await planSpace(redis, legacySpaceKeys(prefix, space), spaceKeys(prefix, city, space)));
  return plans;
}

/** The second half: one MULTI/EXEC per space. */
export async function moveKeyspace(redis: RedisClient, plans: readonly SpacePlan[]): Promise<SpaceMigration[]> {
  const out: SpaceMigration[] = [];
  for (const plan of plans) out.push(await moveSpace(redis, plan));
  return out;
}
