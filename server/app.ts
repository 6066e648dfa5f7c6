// Builds one Pantau instance from a Config, in dependency order: storage (the Redis
// connection and what is built on it), ingest, the live feeds, the background jobs, the HTTP
// app, then Socket.IO on the same server. Each part gets its dependencies as arguments; nothing
// is filled in later. main.ts adds process concerns (embedded Redis, signals); tests call
// createPantau directly with a fresh key prefix.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
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
import { callbackRoutes } from './http/routes/callbacks.ts';
import { demoRoutes } from './http/routes/demo.ts';
import { startDemoRunner, type DemoRunner } from './sim/demo-runner.ts';
import { eventsRoutes } from './http/routes/events.ts';
import { healthRoutes } from './http/routes/health.ts';
import { openApiRoutes } from './http/routes/openapi.ts';
import { capRoutes } from './http/routes/cap.ts';
import { createCapService } from './integrations/cap/cap-service.ts';
import { createAlertNoticeStore, type AlertNoticeStore } from './store/alert-notices.ts';
import { createAlertNotes, type AlertNotes } from './integrations/alert-notes.ts';
import { createWebhookDispatcher, type WebhookDispatcher, type WebhookTuning } from './integrations/webhooks/webhook-dispatcher.ts';
import { createWebhookOutbox } from './store/webhook-outbox.ts';
import { webhookRoutes } from './http/routes/webhooks.ts';
import { reportRoutes } from './http/routes/reports.ts';
import { createReportJob, type DeliverReport, type ReportJob } from './reports/report-job.ts';
import { createReportMailer } from './reports/report-mail.ts';
import { checkChromium, createReportRenderer } from './reports/report-renderer.ts';
import { reportText } from './reports/report-text.ts';
import { createReportStore, type ReportStore } from './store/report-store.ts';
import { readAlertRecord } from './store/read-alert.ts';
import { viewRoutes } from './http/routes/views.ts';
import { drilldownRoutes } from './http/routes/drilldown.ts';
import { readCallPage } from './store/read-call-page.ts';
import { readIncidentRecords } from './store/read-incidents.ts';
import { readIncidentWithUnits } from './store/read-incident-timeline.ts';
import { replayRoutes } from './http/routes/replay.ts';
import { ReplayService } from './live/replay-service.ts';
import { createReplayStore, type ReplayStore } from './store/replay-store.ts';
import { createIngestService, type IngestService } from './ingest/ingest-service.ts';
import { startStaleCallSweeper } from './ingest/stale-call-sweeper.ts';
import type { SpaceFeed } from './live/space-feed.ts';
import { createFeeds, startLive, type Feeds } from './live/live-service.ts';
import { createHandshakeLimit } from './live/handshake-limit.ts';
import { createLiveStore, type LiveStore } from './store/live-store.ts';
import type { Logger } from './log.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { connectRedis, type RedisHandle } from './store/connect.ts';
import { spaceKeys, type SpaceKeys } from './store/keys.ts';
import { createAppsSummaryReader } from './store/read-app-summary.ts';
import { createAppStore } from './store/read-app-store.ts';
import { appRoutes } from './http/routes/apps.ts';
import { startAppAlertJob } from './alerts/app-alert-job.ts';
import { startQueueAlertJob, type QueueAlertJob } from './alerts/queue-alert-job.ts';
import { queueStateReader } from './store/read-queue-state.ts';
import { readKpis } from './store/read-kpis.ts';
import { KpiDayCache } from './store/kpi-day-cache.ts';
import { trimRecordIndexes } from './store/trim-record-indexes.ts';
import { createCredentialGuard, type CredentialGuard, type CredentialLimits } from './credential-guard.ts';
import { internalEventId } from './domain/internal-id.ts';
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
  /** Webhook clock, backoff and timers (tests shorten them; server/integrations/webhooks). */
  webhooks?: WebhookTuning;
  /**
   * Whether the detectors that raise alerts from what they see (app anomalies, queue alerts) run
   * (default true). A test of the projection itself turns them off, so no alert appears that its
   * events did not carry.
   */
  alertDetectors?: boolean;
  /** Whether this process builds replay checkpoints in the background (default true; tests of checkpoints drive them by hand). */
  replayCheckpoints?: boolean;
}

export interface Pantau {
  url: string;
  port: number;
  server: Server;
  /** The Express app on `server` (its routes are what the authorization matrix test enumerates). */
  httpApp: Express;
  city: CityProfile;
  ingest: IngestService;
  redis: RedisHandle;
  keys: (space: Space) => SpaceKeys;
  feeds: Record<Space, SpaceFeed>;
  /** Past moments (GET /api/v1/snapshot?at=) and their checkpoints. */
  replay: { service: ReplayService; stores: Record<Space, ReplayStore> };
  metrics: Metrics;
  credentials: CredentialTable;
  /** The daily report job (its `settled()` lets a test wait for what it queued). */
  reports: ReportJob;
  close(): Promise<void>;
}

interface Storage {
  redis: RedisHandle;
  keys: (space: Space) => SpaceKeys;
  live: LiveStore;
  appStore: (space: Space) => ReturnType<typeof createAppStore>;
  /** The live reads again, on a third connection: resuming clients never queue before the feeds. */
  resume: LiveStore;
  /** Past days' KPI pieces in memory, kept current by this process's feeds (kpi-day-cache.ts). */
  kpiCache: Record<Space, KpiDayCache>;
  /** Alert state notes and the notice list (CAP, webhooks). */
  notices: (space: Space) => AlertNoticeStore;
  outbox: (space: Space) => ReturnType<typeof createWebhookOutbox>;
  /** The daily reports kept (PDFs and their index). */
  reports: (space: Space) => ReportStore;
  /** Past moments: scratch spaces and checkpoints, on a connection of their own (a fold never queues before the feeds). */
  replay: Record<Space, ReplayStore>;
}

async function openStorage(options: PantauOptions, city: CityProfile, clock: () => number): Promise<Storage> {
  const redis = await connectRedis(options.redisUrl, options.log);
  const prefix = options.keyPrefix ?? 'pantau';
  const keyCache = Object.fromEntries(SPACES.map((s) => [s, spaceKeys(prefix, city.profile.id, s)])) as Record<Space, SpaceKeys>;
  const keys = (space: Space): SpaceKeys => keyCache[space];
  const appStores = Object.fromEntries(SPACES.map((s) => [s, createAppStore(redis.redis, keys(s))])) as Record<Space, ReturnType<typeof createAppStore>>;
  const noticeStores = Object.fromEntries(SPACES.map((s) => [s, createAlertNoticeStore(redis.redis, keys(s))])) as Record<Space, AlertNoticeStore>;
  const outboxes = Object.fromEntries(SPACES.map((s) => [s, createWebhookOutbox(redis.redis, keys(s))])) as Record<Space, ReturnType<typeof createWebhookOutbox>>;
  const reportStores = Object.fromEntries(SPACES.map((s) => [s, createReportStore(redis.redis, keys(s))])) as Record<Space, ReportStore>;
  const replayConnection = redis.duplicate();
  const replay = Object.fromEntries(SPACES.map((s) => [s, createReplayStore(replayConnection, keys(s), { timeZone: city.profile.timezone, targets: city.profile.targets, apps: city.apps })])) as Record<Space, ReplayStore>;
  return {
    replay,
    redis,
    keys,
    // A connection of its own: the feeds' reads (a month of KPIs) never wait behind ingest.
    live: createLiveStore(redis.duplicate(), keys),
    resume: createLiveStore(redis.duplicate(), keys),
    appStore: (space) => appStores[space],
    kpiCache: Object.fromEntries(SPACES.map((s) => [s, new KpiDayCache({ clock })])) as Record<Space, KpiDayCache>,
    notices: (space) => noticeStores[space],
    outbox: (space) => outboxes[space],
    reports: (space) => reportStores[space],
  };
}

/** The jobs every process runs beside the live path; returns their stop. */
function startJobs(deps: { storage: Storage; ingest: IngestService; city: CityProfile; clock: () => number; log: Logger; webhooks: WebhookDispatcher; detectors: boolean; checkpoints: boolean }): () => Promise<void> {
  const { storage, ingest, city, clock, log } = deps;
  const stopWebhooks = deps.webhooks.start();
  const stopSweeper = startStaleCallSweeper({
    readWaitingCallsBefore: waitingCallsBeforeReader(storage.redis.redis, storage.keys), ingest, staleMinutes: city.profile.waits.staleMinutes, timeZone: city.profile.timezone, clock, log,
  });
  const stopAppAlerts = deps.detectors ? startAppAlertJob({ store: storage.appStore, ingest, city, clock, log }) : () => undefined;
  // Hourly and idempotent, so every process may run it.
  const indexTrim = setInterval(() => {
    for (const s of SPACES) {
      trimRecordIndexes(storage.redis.redis, storage.keys(s), clock()).catch((err: unknown) => log.warn({ mod: 'retention', space: s, err: String(err) }, 'index trim failed'));
    }
  }, 3_600_000);
  indexTrim.unref();
  // Replay checkpoints (store/replay-store.ts): at start (a missed boundary, a fresh seed after
  // a trim) and hourly; one process builds under a lease, the others return at once.
  let checkpointing: Promise<void> = Promise.resolve();
  let stopping = false;
  const advanceCheckpoints = (): void => {
    checkpointing = checkpointing.then(async () => {
      for (const s of SPACES) {
        if (stopping) return;
        await storage.replay[s].advanceCheckpoints(clock(), { stopped: () => stopping }).catch((err: unknown) => log.warn({ mod: 'replay', space: s, err: String(err) }, 'checkpoints failed'));
      }
    });
  };
  if (deps.checkpoints) advanceCheckpoints();
  const checkpointTimer = deps.checkpoints ? setInterval(advanceCheckpoints, 3_600_000) : undefined;
  checkpointTimer?.unref();
  return async () => {
    stopSweeper();
    stopAppAlerts();
    clearInterval(indexTrim);
    clearInterval(checkpointTimer);
    stopping = true;
    await checkpointing;
    await stopWebhooks();
  };
}

/** What every part is built from: the config, the city, and the process's shared pieces. */
interface Core {
  config: Config;
  options: PantauOptions;
  log: Logger;
  clock: () => number;
  city: CityProfile;
  metrics: Metrics;
  storage: Storage;
  credentials: CredentialTable;
  credentialGuard: CredentialGuard;
}

function createIngest({ config, options, log, clock, city, metrics, storage }: Core): IngestService {
  return createIngestService({
    writeEvents: eventWriter(storage.redis.redis),
    keys: storage.keys,
    timeZone: city.profile.timezone,
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
}

function loadFeeds({ config, log, clock, city, metrics, storage }: Core, hooks: { alertNotes: AlertNotes; queueAlerts: QueueAlertJob }): Promise<Feeds> {
  const { redis, keys, kpiCache } = storage;
  const tz = city.profile.timezone;
  const appsSummary = Object.fromEntries(SPACES.map((s) => [s, createAppsSummaryReader(redis.redis, keys(s), city.apps, tz)])) as Record<Space, ReturnType<typeof createAppsSummaryReader>>;
  return createFeeds({
    store: storage.live,
    city: { id: city.profile.id, name: city.profile.name, timezone: tz },
    clock,
    batchMs: config.batchMs,
    log,
    metrics,
    readKpis: (space, now, live, incidentRecords) => readKpis(redis.redis, keys(space), { ...todayWindow(now, tz), timeZone: tz, targets: city.profile.targets, live, incidentRecords }),
    readApps: (space, now) => appsSummary[space](now),
    onEntryChanges: (space, changes) => {
      kpiCache[space].changed(changes);
      hooks.alertNotes.changed(space, changes);
      if (changes.some((c) => c.t === 'call' || c.t === 'agent')) hooks.queueAlerts.nudge(space);
    },
    onReload: (space) => kpiCache[space].clear(),
  });
}

async function buildHttpApp(core: Core, parts: { ingest: IngestService; feeds: Feeds; demo: DemoRunner | null; reports: ReportJob; replay: ReplayService }): Promise<ReturnType<typeof createHttpApp>> {
  const { config, options, log, clock, city, metrics, storage, credentials, credentialGuard } = core;
  const { redis, keys, kpiCache } = storage;
  const { ingest, feeds, demo } = parts;
  const kpisFor = (space: Space, q: { fromMs: number; toMs: number; line?: '112' | '119'; kecamatan?: string }) =>
    readKpis(redis.redis, keys(space), { ...q, timeZone: city.profile.timezone, targets: city.profile.targets, cache: kpiCache[space] });
  return createHttpApp({
    credentials,
    credentialGuard,
    metrics,
    log,
    clientDir: options.clientDir === undefined ? join(await findProjectRoot(), 'dist', 'client') : options.clientDir,
    tileOrigin: tileSource(city.profile.map.tileUrl),
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
      // Before the live snapshot: it answers GET /api/v1/snapshot only when `at` is given.
      replayRoutes({ snapshotAt: (space, at) => parts.replay.snapshotAt(space, at) }),
      callbackRoutes(async (space, callId, outcome, agentId) => {
        const atMs = clock();
        // Each mark is an attempt of its own: the id names the call, the moment and the outcome.
        const id = internalEventId('callback', `${callId}\u0000${atMs}\u0000${outcome}`);
        const at = toIsoWithOffset(atMs, city.profile.timezone);
        const { answer } = await ingest.ingestEvents(space, 'pantau', [{ id, type: 'call.callback', at, source: 'pantau-operator', callId, agentId, outcome }]);
        if (answer.accepted + answer.duplicates === 0) throw new Error(`callback of ${callId} not stored: ${JSON.stringify(answer.rejected)}`);
      }),
      viewRoutes({ feeds, city, clock, readKpis: kpisFor }),
      drilldownRoutes({
        timeZone: city.profile.timezone,
        targets: city.profile.targets,
        clock,
        incidents: (space, fromMs, toMs) => readIncidentRecords(redis.redis, keys(space), fromMs, toMs, kpiCache[space]),
        callPage: (space, q) => readCallPage(redis.redis, keys(space), q),
        incident: (space, id) => readIncidentWithUnits(redis.redis, keys(space), id),
      }),
      appRoutes({ store: storage.appStore, city, clock }),
      openApiRoutes(city),
      capRoutes(createCapService(city, {
        alert: (space, id) => readAlertRecord(redis.redis, keys(space), id),
        history: async (space, fromMs, toMs, limit) => (await storage.appStore(space).alertHistory(fromMs, toMs, limit)).alerts,
        notes: (space, id) => storage.notices(space).notes(id),
      }, clock), clock),
      webhookRoutes(storage.outbox),
      reportRoutes({ store: storage.reports, job: parts.reports, cityId: city.profile.id, timeZone: city.profile.timezone, clock }),
    ],
  });
}

/** The report job: renders with this process's Chromium, delivers by e-mail and the webhooks. */
function createReportJobFor(core: Core, parts: { webhooks: WebhookDispatcher; reportToken: string; selfUrl: () => string }): ReportJob {
  const { config, city, storage, clock, log } = core;
  const tz = city.profile.timezone;
  const mail = config.reports.mail ? createReportMailer(config.reports.mail) : null;
  const cityRef = { id: city.profile.id, name: city.profile.name };
  const deliver: DeliverReport = async (space, info, pdf) => {
    const url = `${config.reports.publicUrl ?? parts.selfUrl()}${info.path}`;
    const queued = await parts.webhooks.queueReport({
      space, day: info.day, lang: info.lang, weekly: info.weekly, reportUrl: url, at: info.renderedAt, city: cityRef, text: reportText(info, city.profile.name, url),
    });
    // E-mail is for the city's own figures: the demo space's reports are not mailed.
    if (mail && space === 'live') await mail({ info, pdf, city: cityRef, url });
    log.info({ mod: 'reports', space, day: info.day, webhooks: queued, mailed: mail !== null && space === 'live' }, 'report delivered');
  };
  return createReportJob({
    store: storage.reports,
    render: createReportRenderer({ chromiumPath: config.reports.chromium, baseUrl: parts.selfUrl, token: parts.reportToken }),
    deliver,
    clock,
    timeZone: tz,
    at: city.profile.report.at,
    lang: config.reports.lang,
    spaces: ['live'],
    owner: randomBytes(8).toString('hex'),
    iso: (ms) => toIsoWithOffset(ms, tz),
    log,
    metrics: core.metrics,
  });
}

/** Starts the schedule when PANTAU_REPORTS is on; says at start when Chromium is missing (a report would fail). */
function startReports(core: Core, job: ReportJob): () => Promise<void> {
  if (!core.config.reports.enabled) return () => Promise.resolve();
  try {
    checkChromium(core.config.reports.chromium);
  } catch (err: unknown) {
    core.log.error({ mod: 'reports', err: err instanceof Error ? err.message : String(err) }, 'daily reports cannot be printed');
  }
  return job.start();
}

export async function createPantau(config: Config, options: PantauOptions): Promise<Pantau> {
  const { log } = options;
  const clock = options.clock ?? Date.now;
  const city = options.city ?? (await loadCityProfile(config.city));
  const tz = city.profile.timezone;
  const storage = await openStorage(options, city, clock);
  const { redis, keys } = storage;
  const demoKey = config.demoKey ?? (config.demo ? randomBytes(12).toString('hex') : undefined);
  // The report page's credential: this process prints its own page (server/reports).
  const reportToken = randomBytes(24).toString('base64url');
  const credentials: CredentialTable = { tokens: config.tokens, ingestKeys: config.ingestKeys, demoKey, reportToken };
  const metrics = createMetrics();
  const credentialGuard = createCredentialGuard({
    store: createCredentialStore(redis.redis, keys('live')),
    // Not the report token: it is random per process, and the fingerprint key must be the same on
    // every process (a credential that worked on one is admitted on the others).
    secrets: [...Object.values(config.tokens), ...config.ingestKeys.map((k) => k.key), ...(demoKey === undefined ? [] : [demoKey])],
    ...(options.credentialLimits === undefined ? {} : { limits: options.credentialLimits }),
    log,
    metrics,
  });
  const core: Core = { config, options, log, clock, city, metrics, storage, credentials, credentialGuard };

  const ingest = createIngest(core);
  const webhooks = createWebhookDispatcher({
    targets: config.webhooks, spaces: SPACES, notices: storage.notices, outbox: storage.outbox,
    city: { id: city.profile.id, name: city.profile.name, timeZone: tz }, metrics, log, iso: (ms) => toIsoWithOffset(ms, tz),
    ...options.webhooks,
  });
  const alertNotes = createAlertNotes({ store: storage.notices, clock, timeZone: tz, log, queued: webhooks.hears, onNoted: () => webhooks.wake() });
  // Before the feeds, which nudge it when calls or agents change.
  const detectors = options.alertDetectors !== false;
  const queueAlerts: QueueAlertJob = detectors
    ? startQueueAlertJob({ read: (s) => queueStateReader(redis.redis, keys(s)), ingest, city, clock, log })
    : { nudge: () => undefined, stop: () => undefined };
  const feeds = await loadFeeds(core, { alertNotes, queueAlerts });
  const demo = config.demo
    ? await startDemoRunner({
        store: createDemoSimStore(redis.redis, redis.duplicate(), keys('demo')), ingest, city,
        seed: config.demoSeed, speed: config.demoSpeed, clock, log, ...(options.demoBackfill === false ? { backfill: false } : {}),
      })
    : null;
  const stopJobs = startJobs({ storage, ingest, city, clock, log, webhooks, detectors, checkpoints: options.replayCheckpoints !== false });
  // This process's own address, for the report page it prints: known only once it listens (PORT=0 in tests).
  let selfUrl = '';
  const reports = createReportJobFor(core, { webhooks, reportToken, selfUrl: () => selfUrl });
  const replay = new ReplayService({ stores: storage.replay, city: { id: city.profile.id, name: city.profile.name, timezone: tz }, clock, log, metrics });
  const httpApp = await buildHttpApp(core, { ingest, feeds, demo, reports, replay });
  const server = createServer(httpApp);
  // After the HTTP app: Socket.IO wraps the server's request handlers it finds there.
  const live = startLive({
    http: server, feeds, store: storage.live, resumeStore: storage.resume, log, metrics, credentials, corsOrigins: config.corsOrigins,
    handshakeLimit: createHandshakeLimit({ send: rateLimitCommandSender(redis.redis), prefix: keys('live').rateLimitPrefix, perMinute: config.handshakesPerMin, log }),
    acknowledgeAlert: async (space, alertId, by) => {
      const at = toIsoWithOffset(clock(), tz);
      const { answer } = await ingest.ingestEvents(space, 'pantau', [{ id: internalEventId('ack', alertId), type: 'alert.acked', at, source: 'pantau-operator', alertId, by }]);
      // A duplicate is an earlier acknowledgement of the same alert (only Pantau writes under
      // pantau-operator); anything else was not stored and must not be answered as done.
      if (answer.accepted + answer.duplicates === 0) throw new Error(`acknowledgement of ${alertId} not stored: ${JSON.stringify(answer.rejected)}`);
    },
    ...(options.maxBufferedPackets === undefined ? {} : { maxBufferedPackets: options.maxBufferedPackets }),
    credentialGuard: core.credentialGuard,
    clock,
    timezone: tz,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  selfUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // After listening: a make-up report at start prints this process's own page.
  const stopReports = startReports(core, reports);
  if (demoKey && !config.demoKey) log.info({ mod: 'main', demoIngest: `POST /api/v1/events?space=demo with Authorization: Bearer ${demoKey}` }, 'demo ingest key');

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    httpApp,
    city,
    ingest,
    redis,
    keys,
    feeds,
    replay: { service: replay, stores: storage.replay },
    metrics,
    credentials,
    reports,
    close() {
      closing ??= (async () => {
        await stopReports();
        await stopJobs();
        await replay.close();
        queueAlerts.stop();
        await demo?.stop();
        await live.close();
        await alertNotes.settled();
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
