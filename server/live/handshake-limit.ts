// A budget of failed Socket.IO handshakes (a token that is wrong, an ingest key, malformed
// auth) per client address, counted in Redis across processes. Past it, every handshake of
// that address that carries a token is refused until the window ends — the right token too,
// or a guesser would learn from which attempt succeeded. Handshakes without a token (the public
// demo viewer) are neither counted nor refused: they reveal nothing.
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { HandshakeFailureStore } from '../store/live-store.ts';
import { addressKey } from './client-address.ts';

export interface HandshakeLimitOptions {
  /** Failed handshakes allowed per address and window (default 30). */
  failures: number;
  /** Window length in ms (default one minute). */
  windowMs: number;
}

export const DEFAULT_HANDSHAKE_LIMIT: HandshakeLimitOptions = { failures: 30, windowMs: 60_000 };

export interface HandshakeLimit {
  /** Seconds until `address` may try again, or null when it is within its budget. */
  blockedFor(address: string): Promise<number | null>;
  /** Counts a failed handshake of `address`. */
  failed(address: string): Promise<void>;
}

export function createHandshakeLimit(deps: { store: HandshakeFailureStore; log: Logger; metrics: Metrics; options: HandshakeLimitOptions }): HandshakeLimit {
  // Redis down: let handshakes through (walls reconnecting after an outage must get in), as
  // the HTTP limits do (passOnStoreError); logged once per 10 s, counted every time.
  let lastLogMs = 0;
  const storeFailed = (err: unknown): void => {
    deps.metrics.redisErrors.inc({ op: 'handshake-limit' });
    const now = Date.now();
    if (now - lastLogMs < 10_000) return;
    lastLogMs = now;
    deps.log.warn({ mod: 'live', err: err instanceof Error ? err.message : String(err) }, 'handshake limit store failed; not limiting');
  };
  return {
    async blockedFor(address) {
      try {
        const c = await deps.store.read(addressKey(address));
        return c.failures >= deps.options.failures ? Math.max(1, Math.ceil(c.resetInMs / 1000)) : null;
      } catch (err) {
        storeFailed(err);
        return null;
      }
    },
    async failed(address) {
      try {
        await deps.store.record(addressKey(address), deps.options.windowMs);
      } catch (err) {
        storeFailed(err);
      }
    },
  };
}
