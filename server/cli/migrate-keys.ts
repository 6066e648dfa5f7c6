// `npm run migrate:keys [-- --city <id|path>] [--prefix <prefix>]`: moves the single-city
// keyspace of Pantau 0.1 to the city-scoped names of one city. See --help.
import { parseArgs } from 'node:util';
import { loadCityProfile } from '../city/load-profile.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { connectRedis } from '../store/connect.ts';
import { startEmbeddedRedis, type EmbeddedRedis } from '../store/embedded-redis.ts';
import { migrateKeyspace, MigrationTargetNotEmptyError } from '../store/migrate-keyspace.ts';

const USAGE = `Usage: npm run migrate:keys [-- --city <id|path>] [--prefix <prefix>]

Moves the keys of a single-city Pantau (0.1), named <prefix>:{live}:… and <prefix>:{demo}:…,
to the city-scoped names {<prefix>:<city>:live}:… and {<prefix>:<city>:demo}:…, which Pantau
reads now, and drops their #epoch counters (unused now). Values are not rewritten; TTLs are kept.
Each space moves all at once or not at all; running it again moves nothing.

Stop every Pantau process first. The Redis is REDIS_URL, or else the embedded one under
PANTAU_DATA_DIR (default ./data), as for the server.

  --city <id|path>   the city the old keys belong to (default: PANTAU_CITY, else kota-tangerang)
  --prefix <prefix>  the key prefix (default: PANTAU_KEY_PREFIX, else pantau)
  --help             this text

It refuses, moving nothing, when a target space already holds data.`;

let values;
try {
  ({ values } = parseArgs({ options: { city: { type: 'string' }, prefix: { type: 'string' }, help: { type: 'boolean', default: false } } }));
} catch (err) {
  console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const config = loadConfig({ ...process.env, ...(values.prefix === undefined ? {} : { PANTAU_KEY_PREFIX: values.prefix }) });
const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
let embedded: EmbeddedRedis | undefined;
try {
  // The profile, not the raw argument: a path or a typo must become the id the server uses.
  const city = (await loadCityProfile(values.city ?? config.city)).profile.id;
  let url = config.redisUrl;
  if (!url) {
    embedded = await startEmbeddedRedis({ dataDir: config.dataDir, appendfsync: config.appendfsync, log });
    url = embedded.url;
  }
  const handle = await connectRedis(url, log);
  try {
    for (const m of await migrateKeyspace(handle.redis, config.keyPrefix, city)) {
      console.log(m.outcome === 'moved' ? `${m.space}: moved ${m.keys} keys from ${m.from}… to ${m.to}…` : `${m.space}: nothing to move (no ${m.from}… keys)`);
    }
  } finally {
    await handle.close();
  }
} catch (err) {
  const refused = err instanceof MigrationTargetNotEmptyError;
  console.error(`migrate:keys ${refused ? 'refused' : 'failed'}: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
