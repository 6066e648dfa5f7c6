// The live path of one process, built in dependency order with nothing filled in later:
// createFeeds loads every space's feed; startLive then puts Socket.IO on the HTTP server,
// makes the fan-out the feeds' listener, starts the one stream tail that feeds them all, watches
// whether Redis is there (source-watch.ts), and serves clients.
import type { Server as HttpServer } from 'node:http';
import type { AppsSummary, Space } from '../../shared/contract/views.ts';
import { SPACES } from '../../shared/contract/views.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import type { Line } from '../../shared/contract/events.ts';
import type { CredentialTable } from '../auth.ts';
import type { LiveQueue } from '../domain/call-kpis.ts';
import type { IncidentRecord } from '../domain/incident-record.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { RawChange } from '../store/entries.ts';
import type { LiveStore } from '../store/live-store.ts';
import type { CredentialGuard } from '../credential-guard.ts';
import { createFanout } from './socket-fanout.ts';
import type { HandshakeLimit } from './handshake-limit.ts';
import { watchSource } from './source-watch.ts';
import { createIo, serveClients, type PantauIo } from './socket-server.ts';
import { SpaceFeed } from './space-feed.ts';

export type Feeds = Record<Space, SpaceFeed>;

export interface FeedsDeps {
  store: LiveStore;
  city: { id: string; name: string; timezone: string };
  clock: () => number;
  batchMs: number;
  log: Logger;
  metrics: Metrics;
  readKpis: (space: Space, nowMs: number, live: Record<Line | 'all', LiveQueue>, incidents: readonly IncidentRecord[]) => Promise<KpisAnswer>;
  readApps: (space: Space, nowMs: number) => Promise<AppsSummary>;
  /** Every applied entry's changes of a space (the KPI day cache follows them). */
  onEntryChanges: (space: Space, changes: readonly RawChange[]) => void;
  /** A space was reloaded (wiped, or Redis lost data). */
  onReload: (space: Space) => void;
}

/** Every space's feed, loaded. */
export async function createFeeds(deps: FeedsDeps): Promise<Feeds> {
  const feeds = Object.fromEntries(SPACES.map((space) => [space, new SpaceFeed({
    store: deps.store.space(space),
    space,
    city: deps.city,
    clock: deps.clock,
    batchMs: deps.batchMs,
    log: deps.log,
    metrics: deps.metrics,
    readKpis: (now, live, incidents) => deps.readKpis(space, now, live, incidents),
    readApps: (now) => deps.readApps(space, now),
    onReload: () => deps.onReload(space),
    onEntryChanges: (changes) => deps.onEntryChanges(space, changes),
  })])) as Feeds;
  await Promise.all(SPACES.map((s) => feeds[s].start()));
  return feeds;
}

export interface LiveDeps {
  http: HttpServer;
  feeds: Feeds;
  store: LiveStore;
  /** The same reads on a connection of their own, for resuming clients: the feeds never wait behind them. */
  resumeStore: LiveStore;
  handshakeLimit: HandshakeLimit;
  log: Logger;
  metrics: Metrics;
  credentials: CredentialTable;
  corsOrigins: readonly string[];
  acknowledgeAlert: (space: Space, alertId: string, by: string) => Promise<void>;
  maxBufferedPackets?: number;
  /** The same guard as the HTTP routes': one budget of failed credentials per address. */
  credentialGuard: CredentialGuard;
  clock: () => number;
  /** The city's: times sent to clients carry its offset. */
  timezone: string;
}

export interface Live {
  io: PantauIo;
  /** Stops the feeds and the tail and closes Socket.IO (which closes the HTTP server too). */
  close(): Promise<void>;
}

export function startLive(deps: LiveDeps): Live {
  const { feeds } = deps;
  const io = createIo(deps.http, { corsOrigins: deps.corsOrigins, metrics: deps.metrics, handshakeLimit: deps.handshakeLimit });
  const fanout = createFanout(io, { log: deps.log, metrics: deps.metrics, maxBufferedPackets: deps.maxBufferedPackets ?? 500 });
  for (const space of SPACES) {
    feeds[space].listen({ delta: (d) => fanout.emitDelta(space, d), reset: (snapshot) => fanout.emitReset(space, snapshot) });
  }
  // From where each feed loaded: nothing written since is missed, and nothing before is read twice.
  const tail = deps.store.tail(SPACES.map((space) => ({ space, from: feeds[space].currentPosition, sink: feeds[space].sink })), {
    onError: (err) => {
      deps.metrics.redisErrors.inc({ op: 'tail' });
      deps.log.warn({ mod: 'live', err: String(err) }, 'stream tail read failed');
    },
  });
  const source = watchSource({
    store: deps.store, feeds, fanout, broadcast: (state) => io.local.emit('source', state), clock: deps.clock, timezone: deps.timezone, log: deps.log,
  });
  serveClients(io, {
    source: source.current,
    credentials: deps.credentials,
    feeds,
    store: deps.resumeStore.space,
    credentialGuard: deps.credentialGuard,
    log: deps.log,
    metrics: deps.metrics,
    acknowledgeAlert: deps.acknowledgeAlert,
  });
  return {
    io,
    async close() {
      source.stop();
      for (const s of SPACES) feeds[s].stop();
      await tail.close();
      await new Promise<void>((resolve) => {
        // io.close() closes the HTTP server too and calls back once its last connection is gone:
        // a browser's kept-alive connection must not hold a shutdown (or a restart on the same
        // port) for as long as it stays open.
        void io.close(() => resolve());
        setTimeout(() => deps.http.closeAllConnections(), 2_000).unref();
      });
    },
  };
}
