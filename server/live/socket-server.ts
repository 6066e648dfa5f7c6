// Socket.IO: authenticates the handshake, puts each client in the room of its space and
// role, sends a snapshot (or, for a client that resumes, what it missed), then the deltas of
// its space's feed, redacted once per room.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ExtendedError, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { HandshakeAuth, type AckResult, type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SocketData } from '../../shared/contract/socket.ts';
import type { Delta, Role, Space } from '../../shared/contract/views.ts';
import { ROLES, StreamPosition } from '../../shared/contract/views.ts';
import { redactChange, redactSnapshot } from '../domain/redact.ts';
import { resolveToken, viewerSpace, type CredentialTable } from '../auth.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { Redis } from '../store/connect.ts';
import type { SpaceKeys } from '../store/keys.ts';
import { comparePositions } from '../../shared/contract/position.ts';
import { isResumable, readEntriesAfter } from '../store/read-entries.ts';
import type { SpaceFeed } from './space-feed.ts';
import { isAllowedOrigin } from './allowed-origin.ts';
import { clientAddress, isLoopback } from './client-address.ts';
import { createHandshakeLimit, DEFAULT_HANDSHAKE_LIMIT, type HandshakeLimitOptions } from './handshake-limit.ts';

export type PantauIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type PantauSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SocketDeps {
  credentials: CredentialTable;
  feeds: Record<Space, SpaceFeed>;
  redis: Redis;
  keys: (space: Space) => SpaceKeys;
  log: Logger;
  metrics: Metrics;
  corsOrigins: readonly string[];
  /** Records an operator's acknowledgement (composed in app.ts: an alert.acked event through ingest). */
  acknowledgeAlert: (space: Space, alertId: string, by: string) => Promise<void>;
  /** Older positions than this many entries behind get a snapshot instead of a replay. */
  maxReplay?: number;
  /** Packets queued for one client above which it is dropped (it resyncs on reconnect). */
  maxBufferedPackets?: number;
  /** Failed handshakes per address and window before its handshakes are refused (handshake-limit.ts). */
  handshakeLimit?: HandshakeLimitOptions;
  /**
   * A connection of its own for the Socket.IO Redis streams adapter, and the key prefix its
   * stream and channels live under. With it, broadcasts without `local` and fetchSockets reach
   * every process; deltas stay local because each process runs its own feed of the stream.
   */
  adapter?: { redis: Redis; prefix: string };
}

export const roomOf = (space: Space, role: Role): string => `${space}:${role}`;

const firstOf = (h: string | string[] | undefined): string | undefined => (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim();

/** The hosts a same-origin page of this request would carry in its Origin. */
function requestHosts(req: IncomingMessage): (string | undefined)[] {
  // Only a proxy on this machine is trusted to say which host the browser asked for.
  const viaLoopbackProxy = isLoopback(req.socket.remoteAddress ?? '');
  return [req.headers.host, viaLoopbackProxy ? firstOf(req.headers['x-forwarded-host']) : undefined];
}

/** A handshake refusal the client sees as connect_error: `message`, and `data` to act on. */
function refusal(message: string, data?: { retryAfterSeconds: number }): ExtendedError {
  const err: ExtendedError = new Error(message);
  if (data) err.data = data;
  return err;
}

/**
 * The adapter's stream and channels carry the prefix and one hash tag, so processes of one
 * deployment (one prefix) find each other, tests with fresh prefixes do not, and on Redis
 * Cluster the adapter's keys sit in one slot. Payloads are JSON only, so the binary scan is skipped.
 */
function streamsAdapter(redis: Redis, prefix: string): ReturnType<typeof createAdapter> {
  return createAdapter(quietSubscriptions(redis), {
    streamName: `${prefix}:{sio}:stream`,
    channelPrefix: `${prefix}:{sio}`,
    sessionKeyPrefix: `${prefix}:{sio}:session:`,
    maxLen: 10_000,
    onlyPlaintext: true,
  });
}

/**
 * The adapter SUBSCRIBEs on a connection it duplicates and drops that promise: a close (or a
 * Redis failure) before the subscription is confirmed became an unhandled rejection, which
 * stops the process. ioredis resubscribes by itself after a reconnect, so the rejection
 * carries nothing to act on. The cast: subscribe's overloads all return this one promise.
 */
function quietSubscriptions(redis: Redis): Redis {
  const duplicate = redis.duplicate.bind(redis);
  redis.duplicate = (override) => {
    const sub = duplicate(override);
    const subscribe = sub.subscribe.bind(sub) as (...args: unknown[]) => Promise<unknown>;
    Object.assign(sub, {
      subscribe: (...args: unknown[]) => {
        const done = subscribe(...args);
        done.catch(() => undefined);
        return done;
      },
    });
    return sub;
  };
  return redis;
}

export function createSocketServer(http: HttpServer, deps: SocketDeps): { io: PantauIo; emitDelta(space: Space, d: Delta): void; emitReset(space: Space): void; close(): Promise<void> } {
  const io: PantauIo = new Server(http, {
    serveClient: false,
    cors: deps.corsOrigins.length > 0 ? { origin: [...deps.corsOrigins] } : { origin: false },
    // CORS headers alone do not stop another site's page from opening a WebSocket (browsers
    // apply no CORS to it): a foreign Origin is refused here, for both transports, with a 403
    // (polling) or a closed upgrade (websocket), before any Socket.IO packet is read.
    allowRequest: (req, callback) => {
      if (isAllowedOrigin(req.headers.origin, requestHosts(req), deps.corsOrigins)) return callback(null, true);
      deps.metrics.socketRefused.inc({ reason: 'origin' });
      callback('origin not allowed', false);
    },
    maxHttpBufferSize: 64 * 1024,
    // A wall must say RECONNECTING within seconds when the link dies without closing.
    pingInterval: 2_500,
    pingTimeout: 2_500,
    ...(deps.adapter ? { adapter: streamsAdapter(deps.adapter.redis, deps.adapter.prefix) } : {}),
  });
  const maxReplay = deps.maxReplay ?? 20_000;
  const maxBuffered = deps.maxBufferedPackets ?? 500;

  const limit = createHandshakeLimit({ redis: deps.redis, keys: deps.keys('live'), log: deps.log, metrics: deps.metrics, options: deps.handshakeLimit ?? DEFAULT_HANDSHAKE_LIMIT });

  io.use((socket, next) => {
    authenticate(socket).then(next, (err: unknown) => {
      deps.log.warn({ mod: 'live', err: String(err) }, 'handshake failed');
      next(refusal('handshake failed'));
    });
  });

  /** Resolves with the refusal to send, or undefined after filling socket.data. */
  async function authenticate(socket: PantauSocket): Promise<ExtendedError | undefined> {
    const parsed = HandshakeAuth.safeParse(socket.handshake.auth ?? {});
    const token = parsed.success ? parsed.data.token : undefined;
    // No token: the public demo viewer, which needs no budget (it can see only simulated data).
    const isPublic = parsed.success && (token === undefined || token === '');
    const address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for']);
    if (!isPublic) {
      const retryAfterSeconds = await limit.blockedFor(address);
      if (retryAfterSeconds !== null) {
        deps.metrics.socketRefused.inc({ reason: 'too_many_attempts' });
        return refusal(`too many attempts; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
      }
    }
    const principal = parsed.success ? resolveToken(token, deps.credentials) : null;
    if (!parsed.success || !principal || principal.kind !== 'viewer') {
      await limit.failed(address);
      deps.metrics.socketRefused.inc({ reason: 'credential' });
      return refusal(parsed.success ? 'invalid credential' : 'invalid handshake auth');
    }
    socket.data.role = principal.role;
    socket.data.space = viewerSpace(principal.role, parsed.data.space);
    socket.data.principal = principal.name;
    // A malformed position is treated as none: the client gets a fresh snapshot.
    const position = StreamPosition.safeParse(parsed.data.position);
    socket.data.position = position.success ? position.data : null;
    return undefined;
  }

  io.on('connection', (socket: PantauSocket) => {
    const { role, space } = socket.data;
    deps.metrics.sockets.inc({ space, role });
    socket.on('disconnect', () => deps.metrics.sockets.dec({ space, role }));
    socket.on('alert:ack', (alertId, reply) => {
      if (typeof reply !== 'function') return;
      acknowledge(socket, alertId).then(reply, (err: unknown) => reply({ ok: false, error: err instanceof Error ? err.message : 'failed' }));
    });
    welcome(socket).catch((err: unknown) => {
      deps.log.warn({ mod: 'live', err: String(err) }, 'welcome failed');
      socket.disconnect(true);
    });
  });

  async function welcome(socket: PantauSocket): Promise<void> {
    const { role, space, position } = socket.data;
    const feed = deps.feeds[space];
    const keys = deps.keys(space);
    let delta: Delta | null = null;
    if (position) {
      if (comparePositions(position, feed.currentPosition) > 0) await feed.pullNow();
      delta = feed.catchUpFromMemory(position);
      if (!delta && (await isResumable(deps.redis, keys, position))) {
        const entries = await readEntriesAfter(deps.redis, keys, position, maxReplay + 1);
        if (entries.length <= maxReplay) {
          // The feed may have moved on while we read: stitch Redis up to where memory starts.
          const upTo = entries.filter((e) => comparePositions(e.position, feed.currentPosition) <= 0);
          const lastRead = upTo.at(-1)?.position ?? position;
          const rest = feed.catchUpFromMemory(lastRead);
          if (rest) delta = { prev: position, position: rest.position, changes: [...feed.changesOf(upTo), ...rest.changes] };
        }
      }
    }
    if (!socket.connected) return;
    if (delta) socket.emit('delta', redactDelta(delta, role));
    else socket.emit('snapshot', redactSnapshot(feed.snapshot(), role));
    void socket.join(roomOf(space, role));
  }

  /** Operators acknowledge; the ack travels the stream so every screen sees it. */
  async function acknowledge(socket: PantauSocket, alertId: unknown): Promise<AckResult> {
    const { role, space, principal } = socket.data;
    if (role !== 'operator') return { ok: false, error: 'only operators acknowledge alerts' };
    if (typeof alertId !== 'string' || alertId.length === 0 || alertId.length > 128) return { ok: false, error: 'alertId must be a string of 1-128 characters' };
    if ((await deps.redis.exists(`${deps.keys(space).alertPrefix}${alertId}`)) === 0) return { ok: false, error: 'no such alert' };
    await deps.acknowledgeAlert(space, alertId, principal);
    return { ok: true };
  }

  function redactDelta(d: Delta, role: Role): Delta {
    return role === 'operator' ? d : { ...d, changes: d.changes.map((c) => redactChange(c, role)) };
  }

  function dropSlowClients(space: Space): void {
    for (const role of ROLES) {
      for (const id of io.of('/').adapter.rooms.get(roomOf(space, role)) ?? []) {
        const s = io.of('/').sockets.get(id);
        // engine.io keeps unsent packets in a private writeBuffer; its length is the only
        // measure of how far behind a client is, and it is stable across engine.io 6.x.
        const buffered = (s?.conn as unknown as { writeBuffer?: unknown[] } | undefined)?.writeBuffer?.length ?? 0;
        if (s && buffered > maxBuffered) {
          deps.metrics.slowClientsDropped.inc({ space });
          deps.log.info({ mod: 'live', space, role, buffered }, 'dropping a slow client');
          s.disconnect(true);
        }
      }
    }
  }

  return {
    io,
    emitDelta(space, d) {
      dropSlowClients(space);
      // Local only: every process runs its own feed of the shared stream.
      for (const role of ROLES) {
        const room = roomOf(space, role);
        // Socket.IO serialises a broadcast before it looks for sockets: skip rooms nobody is in.
        if (!io.of('/').adapter.rooms.get(room)?.size) continue;
        io.local.to(room).emit('delta', redactDelta(d, role));
      }
    },
    emitReset(space) {
      const snap = deps.feeds[space].snapshot();
      for (const role of ROLES) io.local.to(roomOf(space, role)).emit('snapshot', redactSnapshot(snap, role));
    },
    close: () => new Promise<void>((resolve) => { void io.close(() => resolve()); }),
  };
}
