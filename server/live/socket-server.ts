// Socket.IO in two steps, so nothing needs a holder filled in later: createIo makes the server
// (origin check, timeouts), which the fan-out (socket-fanout.ts) and then the feeds are built
// on; serveClients then adds the handshake (socket-handshake.ts), each client's welcome (its
// room, then what it missed or a snapshot: socket-resume.ts) and its handlers (alert:ack).
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { AckResult, SourceState, ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/contract/socket.ts';
import type { Space } from '../../shared/contract/views.ts';
import { redactSnapshot } from '../domain/redact.ts';
import type { CredentialTable } from '../auth.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { SpaceStore } from '../store/live-store.ts';
import type { CredentialGuard } from '../credential-guard.ts';
import type { SpaceFeed } from './space-feed.ts';
import { isAllowedOrigin } from './allowed-origin.ts';
import { clientAddress } from './client-address.ts';
import type { HandshakeLimit } from './handshake-limit.ts';
import { handshakeMiddleware, requestHosts, type PantauSocket } from './socket-handshake.ts';
import { resumeDelta } from './socket-resume.ts';
import { redactDelta, roomOf } from './socket-fanout.ts';
import { wireFrame } from './wire-gzip.ts';
import { WIRE_DELTA, WIRE_SNAPSHOT } from '../../shared/contract/wire.ts';

export type PantauIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export { roomOf };

export interface SocketDeps {
  /** Whether Redis is there now (source-watch.ts): every client is told on connect. */
  source: () => SourceState;
  credentials: CredentialTable;
  feeds: Record<Space, SpaceFeed>;
  /** The resume's reads, on a connection of their own (never the feeds'). */
  store: (space: Space) => SpaceStore;
  /** Failed credentials per address, shared with the HTTP routes (server/credential-guard.ts). */
  credentialGuard: CredentialGuard;
  log: Logger;
  metrics: Metrics;
  /** Records an operator's acknowledgement (composed in app.ts: an alert.acked event through ingest). */
  acknowledgeAlert: (space: Space, alertId: string, by: string) => Promise<void>;
}

export interface IoDeps {
  corsOrigins: readonly string[];
  metrics: Metrics;
  /** Handshakes per client address (handshake-limit.ts), checked before a WebSocket is opened. */
  handshakeLimit: HandshakeLimit;
}

export function createIo(http: HttpServer, deps: IoDeps): PantauIo {
  return new Server(http, {
    serveClient: false,
    cors: deps.corsOrigins.length > 0 ? { origin: [...deps.corsOrigins] } : { origin: false },
    // CORS headers alone do not stop another site's page from opening a WebSocket (browsers
    // apply no CORS to it): a foreign Origin is refused here, for both transports, with a 403
    // (polling) or a closed upgrade (websocket), before any Socket.IO packet is read.
    // Then every new connection, with or without a token, spends its address's handshake budget.
    allowRequest: (req, callback) => {
      if (!isAllowedOrigin(req.headers.origin, requestHosts(req), deps.corsOrigins)) {
        deps.metrics.socketRefused.inc({ reason: 'origin' });
        callback('origin not allowed', false);
        return;
      }
      deps.handshakeLimit.admit(clientAddress(req.socket.remoteAddress ?? '', req.headers['x-forwarded-for'])).then((retryAfterSeconds) => {
        if (retryAfterSeconds === null) return callback(null, true);
        deps.metrics.socketRefused.inc({ reason: 'too_many_connections' });
        callback(`too many connections; retry in ${retryAfterSeconds} s`, false);
      }, () => callback(null, true));
    },
    maxHttpBufferSize: 64 * 1024,
    // A wall must say RECONNECTING within seconds when the link dies without closing.
    pingInterval: 2_500,
    pingTimeout: 2_500,
  });
}

export function serveClients(io: PantauIo, deps: SocketDeps): void {
  const resume = { feeds: deps.feeds, store: deps.store };
  io.use(handshakeMiddleware({ credentials: deps.credentials, guard: deps.credentialGuard, log: deps.log, metrics: deps.metrics }));

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
    const { role, space, position, compact } = socket.data;
    const delta = position ? await resumeDelta(resume, space, position).catch((err: unknown) => {
      // Redis away (the resume had to read it): what memory holds is still the best answer.
      deps.log.warn({ mod: 'live', err: String(err) }, 'resume failed; sending a snapshot');
      return null;
    }) : null;
    if (!socket.connected) return;
    if (delta && compact) socket.emit(WIRE_DELTA, wireFrame(redactDelta(delta, role)));
    else if (delta) socket.emit('delta', redactDelta(delta, role));
    else if (compact) {
      // The compact frame is cached per state and role: a wall of screens reconnecting at once costs one.
      const { at, frame } = deps.feeds[space].snapshotFrame(role);
      socket.emit(WIRE_SNAPSHOT, at, frame);
    } else socket.emit('snapshot', redactSnapshot(deps.feeds[space].snapshot(), role));
    socket.emit('source', deps.source());
    void socket.join(roomOf(space, role, compact));
  }

  /** Operators acknowledge; the ack travels the stream so every screen sees it. */
  async function acknowledge(socket: PantauSocket, alertId: unknown): Promise<AckResult> {
    const { role, space, principal } = socket.data;
    if (role !== 'operator') return { ok: false, error: 'only operators acknowledge alerts' };
    if (typeof alertId !== 'string' || alertId.length === 0 || alertId.length > 128) return { ok: false, error: 'alertId must be a string of 1-128 characters' };
    if (!(await deps.store(space).alertExists(alertId))) return { ok: false, error: 'no such alert' };
    await deps.acknowledgeAlert(space, alertId, principal);
    return { ok: true };
  }
}
