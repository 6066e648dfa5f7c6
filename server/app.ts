// Builds one Pantau instance from a Config: Redis connection, city profile, ingest, live
// feeds, Socket.IO and the HTTP app on one port. main.ts adds process concerns (embedded
// Redis, signals); tests call createPantau directly with a fresh key prefix.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Space } from '../shared/contract/views.ts';
import { SPACES } from '../shared/contract/views.ts';
import type { CredentialTable } from './auth.ts';
import type { Config } from './config.ts';
import { loadCityProfile } from './city/load-profile.ts';
import type { CityProfile } from './city/city-profile.ts';
import { findProjectRoot } from './city/resolve-profile-dir.ts';
import { todayWindow, toIsoWithOffset } from './domain/time.ts';
import { createHttpApp, tileSource } from './http/app.ts';
import { createRateLimits } from './http/rate-limit.ts';
import { asteriskRoutes } from './http/routes/asterisk.ts';
import { demoRoutes } from './http/routes/demo.ts';
import { startDemoRunner } from './sim/demo-runner.ts';
import { eventsRoutes } from './http/routes/events.ts';
import { healthRoutes } from './http/routes/health.ts';
import { viewRoutes } from './http/routes/views.ts';
import { createIngestService, type IngestService } from './ingest/ingest-service.ts';
import { startStaleCallSweeper } from './ingest/stale-call-sweeper.ts';
import { SpaceFeed } from './live/space-feed.ts';
import { createSocketServer } from './live/socket-server.ts';
import type { HandshakeLimitOptions } from './live/handshake-limit.ts';
import type { Logger } from './log.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { connectRedis, type RedisHandle } from './store/connect.ts';
import { spaceKeys, type SpaceKeys } from './store/keys.ts';
import { createAppsSummaryReader } from './store/read-app-summary.ts';
import { createAppStore } from './store/read-app-store.ts';
import { appRoutes } from './http/routes/apps.ts';
import { startAppAlertJob } from './alerts/app-alert-job.ts';
import { readKpis } from './store/read-kpis.ts';
import { KpiDayCache } from './store/kpi-day-cache.ts';
import { trimRecordIndexes } from './store/trim-record-indexes.ts';
import { createCredentialGuard, type CredentialLimits } from './credential-guard.ts';
import { createCredentialStore } from './store/credential-failures.ts';
import { createDemoSimStore } from './store/demo-sim-store.ts';
import { eventWriter } from './store/event-writer.ts';
import { pingRedis } from './store/ping.ts';
import { rateLimitCommandSender } from './store/rate-limit-commands.ts';
import { waitingCallsBeforeReader } from './store/read-stale-calls.ts';

export interface PantauOptions {
  log: Logger;
  redisUrl: string;
  /** Key prefix; tests use a fresh one each. */
  keyPrefix?: string;
  clock?: () => number;
  /** Where the built client lives; defaults to <project>/dist/client. */
  clientDir?: string | null;
  city?: CityProfile;
  /** Whether the demo simulator backfills today on start (tests turn it off). */
  demoBackfill?: boolean;
  /** Events in flight to Redis above which ingest answers 503 (default 50,000; tests lower it). */
  maxIngestInFlight?: number;
  /** Packets queued for one Socket.IO client above which it is dropped (default 500; tests lower it). */
  maxBufferedPackets?: number;
  /** Failed credentials per credential and per address before refusals (server/credential-guard.ts; tests lower them). */
  credentialLimits?: CredentialLimits;
  /** Failed socket handshakes per address and window before refusals (default 30 a minute; tests lower it). */
  handshakeLimit?: HandshakeLimitOptions;
}

export interface Pantau {
  url: string;
  port: number;
  server: Server;
  city: CityProfile;
  ingest: IngestService;
  redis: RedisHandle;
  keys: (space: Space) => SpaceKeys;
  feeds: Record<Space, SpaceFeed>;
  metrics: Metrics;
  credentials: CredentialTable;
  close(): Promise<void>;
}

export async function createPantau(config: Config, options: PantauOptions): Promise<Pantau> {
  const { log } = options;
  const clock = options.clock ?? Date.now;
  const prefix = options.keyPrefix ?? 'pantau';
  const city = options.city ?? (await loadCityProfile(config.city));
  const tz = city.profile.timezone;
  const metrics = createMetrics();
  const redis = await connectRedis(options.redisUrl, log);
  const feedRedis = redis.duplicate();
  const keyCache = Object.fromEntries(SPACES.map((s) => [s, spaceKeys(prefix, city.profile.id, s)])) as Record<Space, SpaceKeys>;
  const keys = (space: Space): SpaceKeys => keyCache[space];
  const demoKey = config.demoKey ?? (config.demo ? randomBytes(12).toString('hex') : undefined);
  const credentials: CredentialTable = { tokens: config.tokens, ingestKeys: config.ingestKeys, demoKey };
  const appStores = Object.fromEntries(SPACES.map((s) => [s, createAppStore(redis.redis, keys(s))]));
  const appStore = (space: Space) => appStores[space] ?? createAppStore(redis.redis, keys(space));

  const ingest = createIngestService({
    writeEvents: eventWriter(redis.redis),
    keys,
    timeZone: tz,
    locate: (lat, lon) => city.geo.locate(lat, lon),
    metrics,
    log,
    clock,
    streamRetentionMs: config.streamRetentionDays * 86_400_000,
    replication: config.replication,
    eventTime: config.eventTime,
    kecamatanCodes: new Set(city.profile.kecamatan.map((k) => k.code)),
    ...(options.maxIngestInFlight === undefined ? {} : { maxInFlight: options.maxIngestInFlight }),
  });

  // Past days' KPI pieces in memory, kept current by this process's feeds (kpi-day-cache.ts).
  const kpiCache = Object.fromEntries(SPACES.map((s) => [s, new KpiDayCache({ clock })])) as Record<Space, KpiDayCache>;
  const kpisFor = (space: Space, q: { fromMs: number; toMs: number; line?: '112' | '119'; kecamatan?: string }) =>
    readKpis(redis.redis, keys(space), { ...q, timeZone: tz, targets: city.profile.targets, cache: kpiCache[space] });

  const feeds = {} as Record<Space, SpaceFeed>;
  // The socket server needs the feeds and the feeds emit through it: a holder breaks the knot.
  const live: { sockets?: ReturnType<typeof createSocketServer> } = {};
  for (const space of SPACES) {
    feeds[space] = new SpaceFeed({
      redis: feedRedis,
      keys: keys(space),
      space,
      city: { id: city.profile.id, name: city.profile.name, timezone: tz },
      clock,
      batchMs: config.batchMs,
      log,
      metrics,
      readKpis: (now, live, incidentRecords) => readKpis(redis.redis, keys(space), { ...todayWindow(now, tz), timeZone: tz, targets: city.profile.targets, live, incidentRecords }),
      readApps: createAppsSummaryReader(redis.redis, keys(space), city.apps, tz),
      onDelta: (d) => live.sockets?.emitDelta(space, d),
      onReset: () => {
        kpiCache[space].clear();
        live.sockets?.emitReset(space);
      },
      onEntryChanges: (changes) => kpiCache[space].changed(changes),
    });
  }
  await Promise.all(SPACES.map((s) => feeds[s].start()));
  const demo = config.demo
    ? await startDemoRunner({
        store: createDemoSimStore(redis.redis, redis.duplicate(), keys('demo')), ingest, city,
        seed: config.demoSeed, speed: config.demoSpeed, clock, log, ...(options.demoBackfill === false ? { backfill: false } : {}),
      })
    : null;
  const stopSweeper = startStaleCallSweeper({
    readWaitingCallsBefore: waitingCallsBeforeReader(redis.redis, keys), ingest, staleMinutes: city.profile.waits.staleMinutes, timeZone: tz, clock, log,
  });
  const stopAppAlerts = startAppAlertJob({ store: appStore, ingest, city, clock, log });
  // Hourly and idempotent, so every process may run it.
  const indexTrim = setInterval(() => {
    for (const s of SPACES) {
      trimRecordIndexes(redis.redis, keys(s), clock()).catch((err: unknown) => log.warn({ mod: 'retention', space: s, err: String(err) }, 'index trim failed'));
    }
  }, 3_600_000);
  indexTrim.unref();

  const clientDir = options.clientDir === undefined ? join(await findProjectRoot(), 'dist', 'client') : options.clientDir;
  const tileUrl = city.profile.map.tileUrl;
  const credentialGuard = createCredentialGuard({
    store: createCredentialStore(redis.redis, keys('live')),
    secrets: [...Object.values(config.tokens), ...config.ingestKeys.map((k) => k.key), ...(demoKey === undefined ? [] : [demoKey])],
    ...(options.credentialLimits === undefined ? {} : { limits: options.credentialLimits }),
    log,
    metrics,
  });
  const app = createHttpApp({
    credentials,
    credentialGuard,
    metrics,
    log,
    clientDir,
    tileOrigin: tileSource(tileUrl),
    rateLimits: createRateLimits({
      send: rateLimitCommandSender(redis.redis),
      prefix: keys('live').rateLimitPrefix,
      ingestPerMinute: config.ingestRatePerMin,
      log,
    }),
    routers: [
      healthRoutes(() => pingRedis(redis.redis, 1_000), metrics),
      eventsRoutes(ingest, metrics),
      asteriskRoutes(ingest, city, metrics),
      demoRoutes(demo),
      viewRoutes({ feeds, city, clock, readKpis: kpisFor }),
      appRoutes({ store: appStore, city, clock }),
    ],
  });
  const server = createServer(app);
  const acknowledgeAlert = async (space: Space, alertId: string, by: string): Promise<void> => {
    const at = toIsoWithOffset(clock(), tz);
    await ingest.ingestEvents(space, 'pantau', [{ id: `ack:${alertId}`.slice(0, 128), type: 'alert.acked', at, source: 'pantau-operator', alertId, by }]);
  };
  const sockets = createSocketServer(server, {
    credentials, feeds, redis: feedRedis, keys, log, metrics, corsOrigins: config.corsOrigins, acknowledgeAlert,
    // Its own connection: the adapter blocks on XREAD and subscribes, which would stall a shared one.
    adapter: { redis: redis.duplicate(), prefix },
    ...(options.maxBufferedPackets === undefined ? {} : { maxBufferedPackets: options.maxBufferedPackets }),
    ...(options.handshakeLimit === undefined ? {} : { handshakeLimit: options.handshakeLimit }),
  });
  live.sockets = sockets;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  if (demoKey && !config.demoKey) log.info({ mod: 'main', demoIngest: `POST /api/v1/events?space=demo with Authorization: Bearer ${demoKey}` }, 'demo ingest key');

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    city,
    ingest,
    redis,
    keys,
    feeds,
    metrics,
    credentials,
    close() {
      closing ??= (async () => {
        stopSweeper();
        clearInterval(indexTrim);
        stopAppAlerts();
        await demo?.stop();
        for (const s of SPACES) feeds[s].stop();
        await sockets.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // In-flight requests get a moment to finish; then a browser's open connection must
          // not keep the process (or a restart on the same port) waiting.
          setTimeout(() => server.closeAllConnections(), 2_000).unref();
        });
        await redis.close();
      })();
      return closing;
    },
  };
}
