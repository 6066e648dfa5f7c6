// Composition root: configuration, Redis (embedded unless REDIS_URL), the Pantau instance,
// and an orderly stop on SIGINT/SIGTERM (the embedded Redis flushes its AOF on the way out).
import { loadConfig, ConfigError } from './config.ts';
import { createLogger } from './log.ts';
import { createPantau, type Pantau } from './app.ts';
import { startEmbeddedRedis, RedisServerMissingError, type EmbeddedRedis } from './store/embedded-redis.ts';
import { CityProfileError, loadCityProfile } from './city/load-profile.ts';
import { LegacyKeyspaceError, refuseLegacyKeyspace } from './store/migrate-keyspace.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { demo: process.env.npm_lifecycle_event === 'demo' });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`pantau: bad configuration: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  let embedded: EmbeddedRedis | undefined;
  let pantau: Pantau | undefined;
  const stop = async (code: number): Promise<never> => {
    await pantau?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  process.on('uncaughtException', (err) => {
    log.fatal({ mod: 'main', err: { name: err.name, message: err.message, stack: err.stack } }, 'uncaught exception');
    void stop(1);
  });
  try {
    // First what needs no Redis: a wrong profile is named even when Redis is away too.
    const city = await loadCityProfile(config.city);
    let redisUrl = config.redisUrl;
    if (!redisUrl) {
      embedded = await startEmbeddedRedis({ dataDir: config.dataDir, appendfsync: config.appendfsync, log });
      redisUrl = embedded.url;
    }
    // Before anything writes: keys of the single-city layout would be invisible to this one.
    await refuseLegacyKeyspace(redisUrl, config.keyPrefix, config.city, log);
    pantau = await createPantau(config, { log, redisUrl, keyPrefix: config.keyPrefix, city });
    log.info({ mod: 'main', url: pantau.url, city: pantau.city.profile.id, demo: config.demo }, 'pantau listening');
  } catch (err) {
    if (err instanceof RedisServerMissingError || err instanceof CityProfileError || err instanceof LegacyKeyspaceError) {
      process.stderr.write(`pantau: ${err.message}\n`);
    } else {
      log.fatal({ mod: 'main', err: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err) }, 'start failed');
    }
    await stop(1);
  }
}

void main();
