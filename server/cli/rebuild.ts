// `npm run rebuild [-- --space live|demo] [--force]`: rebuilds a space's derived state from
// its event stream. Stop the server first: ingest during a rebuild would be projected twice.
import { parseArgs } from 'node:util';
import { loadCityProfile } from '../city/load-profile.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { connectRedis } from '../store/connect.ts';
import { startEmbeddedRedis, type EmbeddedRedis } from '../store/embedded-redis.ts';
import { spaceKeys } from '../store/keys.ts';
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
  const handle = await connectRedis(url, log);
  // The keys are the city's (PANTAU_CITY), as the server that wrote them named them.
  const city = await loadCityProfile(config.city);
  const result = await rebuildSpace(handle.redis, spaceKeys(values.prefix ?? 'pantau', city.profile.id, space), { force: values.force === true });
  console.log(JSON.stringify({ city: city.profile.id, space, ...result, ms: Math.round(result.ms) }));
  await handle.close();
} catch (err) {
  console.error(`rebuild failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
