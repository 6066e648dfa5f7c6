// `npm run rebuild [-- --space live|demo] [--force]`: rebuilds a space's derived state from
// its event stream. Stop the server first: ingest during a rebuild would be projected twice.
import { parseArgs } from 'node:util';
import { loadCityProfile } from '../city/load-profile.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { connectRedis } from '../store/connect.ts';
import { startEmbeddedRedis, type EmbeddedRedis } from '../store/embedded-redis.ts';
import { spaceKeys } from '../store/keys.ts';
import { findLegacySpaces, LegacyKeyspaceError } from '../store/migrate-keyspace.ts';
import { rebuildSpace } from '../store/rebuild.ts';

const { values } = parseArgs({
  options: { space: { type: 'string', default: 'live' }, force: { type: 'boolean', default: false }, prefix: { type: 'string', default: 'pantau' } },
});
const space = values.space === 'demo' ? 'demo' : 'live';
const config = loadConfig(process.env);
const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
let embedded: EmbeddedRedis | undefined;
try {
  let url = config.redisUrl;
  if (!url) {
    embedded = await startEmbeddedRedis({ dataDir: config.dataDir, appendfsync: config.appendfsync, log });
    url = embedded.url;
  }
  // The keys are the city's (PANTAU_CITY), as the server that wrote them named them.
  const city = await loadCityProfile(config.city);
  const prefix = values.prefix ?? 'pantau';
  const handle = await connectRedis(url, log);
  // Closed on failure too: an open connection would keep the process from exiting.
  try {
    // A rebuild beside old single-city keys would rebuild an empty new space and say nothing.
    const legacy = await findLegacySpaces(handle.redis, prefix);
    if (legacy.length > 0) throw new LegacyKeyspaceError(prefix, city.profile.id, legacy.map((l) => l.pattern));
    const result = await rebuildSpace(handle.redis, spaceKeys(prefix, city.profile.id, space), { force: values.force === true });
    console.log(JSON.stringify({ city: city.profile.id, space, ...result, ms: Math.round(result.ms) }));
  } finally {
    await handle.close();
  }
} catch (err) {
  console.error(`rebuild failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
