// The handshake: who the client is (token → role), which space it gets, where it resumes
// from; past the credential guard's budget (the same as the HTTP routes'), a refusal with when
// to retry.
import type { IncomingMessage } from 'node:http';
import type { ExtendedError, Socket } from 'socket.io';
import { HandshakeAuth, type ClientToServerEvents, type InterServerEvents, type ServerToClientEvents, type SocketData } from '../../shared/contract/socket.ts';
import { StreamPosition } from '../../shared/contract/views.ts';
import { WIRE_FORMAT } from '../../shared/contract/wire.ts';
import { resolveToken, viewerSpace, type CredentialTable } from '../auth.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { clientAddress, isLoopback } from './client-address.ts';
import type { CredentialGuard } from '../credential-guard.ts';

export type PantauSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface HandshakeDeps {
  credentials: CredentialTable;
  guard: CredentialGuard;
  log: Logger;
  metrics: Metrics;
}

const firstOf = (h: string | string[] | undefined): string | undefined => (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim();

/** The hosts a same-origin page of this request would carry in its Origin. */
export function requestHosts(req: IncomingMessage): (string | undefined)[] {
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

/** The io.use middleware: fills socket.data or refuses. */
export function handshakeMiddleware(deps: HandshakeDeps): (socket: PantauSocket, next: (err?: ExtendedError) => void) => void {
  /** Resolves with the refusal to send, or undefined after filling socket.data. */
  async function authenticate(socket: PantauSocket): Promise<ExtendedError | undefined> {
    const parsed = HandshakeAuth.safeParse(socket.handshake.auth ?? {});
    const token = parsed.success ? parsed.data.token : undefined;
    // No token: the public demo viewer, which needs no budget (it can see only simulated data).
    const isPublic = parsed.success && (token === undefined || token === '');
    const address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for']);
    // Malformed auth counts as one credential of its own (its text), so a broken client is
    // limited like a stale token, and a guesser cannot dodge the budget by sending junk.
    const presented = parsed.success ? (token ?? '') : `malformed:${JSON.stringify(socket.handshake.auth ?? null).slice(0, 512)}`;
    if (!isPublic) {
      const retryAfterSeconds = await deps.guard.admit(address, presented);
      if (retryAfterSeconds !== null) {
        deps.metrics.socketRefused.inc({ reason: 'too_many_attempts' });
        return refusal(`too many attempts; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
      }
    }
    const principal = parsed.success ? resolveToken(token, deps.credentials) : null;
    if (!isPublic) await deps.guard.outcome(address, presented, principal !== null);
    if (!parsed.success || !principal || principal.kind !== 'viewer') {
      deps.metrics.socketRefused.inc({ reason: 'credential' });
      return refusal(parsed.success ? 'invalid credential' : 'invalid handshake auth');
    }
    socket.data.role = principal.role;
    socket.data.space = viewerSpace(principal.role, parsed.data.space);
    socket.data.principal = principal.name;
    // A malformed position is treated as none: the client gets a fresh snapshot.
    const position = StreamPosition.safeParse(parsed.data.position);
    socket.data.position = position.success ? position.data : null;
    socket.data.compact = parsed.data.wire === WIRE_FORMAT;
    return undefined;
  }
  return (socket, next) => {
    authenticate(socket).then(next, (err: unknown) => {
      deps.log.warn({ mod: 'live', err: String(err) }, 'handshake failed');
      next(refusal('handshake failed'));
    });
  };
}
