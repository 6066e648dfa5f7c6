// Every Socket.IO handshake is limited per client address, tokenless ones included (issue #20
// finding 1): a public demo screen, or anything that connects in a loop, gets a budget of
// handshakes a minute and is then refused before a WebSocket is opened or a Socket.IO packet
// read. The counters are kept in Redis by the same store as the HTTP rate limits
// (rate-limit-redis, through store/rate-limit-commands.ts), so the budget holds across every
// server process. Refused addresses are also remembered here until their window ends, so a
// client hammering past its budget costs this process no Redis round trip.
import { RedisStore } from 'rate-limit-redis';
import type { Logger } from '../log.ts';
import type { SendRateLimitCommand } from '../store/rate-limit-commands.ts';
import { addressKey } from './client-address.ts';

export interface HandshakeLimit {
  /** Seconds until `address` may open another connection, or null to go ahead. */
  admit(address: string): Promise<number | null>;
}

export interface HandshakeLimitDeps {
  send: SendRateLimitCommand;
  /** SpaceKeys.rateLimitPrefix: the HTTP limits' prefix, so all counters live together. */
  prefix: string;
  perMinute: number;
  log: Logger;
}

const WINDOW_MS = 60_000;
/** Addresses remembered as refused in this process (bounded: cleared when full). */
const LOCAL_BLOCKED_MAX = 10_000;

export function createHandshakeLimit(deps: HandshakeLimitDeps): HandshakeLimit {
  const store = new RedisStore({ sendCommand: (...args: string[]) => deps.send(args[0] ?? '', ...args.slice(1)), prefix: `${deps.prefix}handshake:` });
  store.windowMs = WINDOW_MS;
  // As in http/rate-limit.ts: a Redis outage while the store loads its scripts must not become
  // an unhandled rejection (the store reloads them on use).
  store.incrementScriptSha.catch(() => undefined);
  store.getScriptSha.catch(() => undefined);
  const blockedUntil = new Map<string, number>();
  let lastLogMs = 0;
  return {
    async admit(address) {
      const key = addressKey(address);
      const now = Date.now();
      const until = blockedUntil.get(key);
      if (until !== undefined && until > now) return Math.ceil((until - now) / 1000);
      try {
        const { totalHits, resetTime } = await store.increment(key);
        if (totalHits <= deps.perMinute) return null;
        const resetMs = resetTime?.getTime() ?? now + WINDOW_MS;
        if (blockedUntil.size >= LOCAL_BLOCKED_MAX) blockedUntil.clear();
        blockedUntil.set(key, resetMs);
        return Math.max(1, Math.ceil((resetMs - now) / 1000));
      } catch (err) {
        // Redis down: let the handshake through (walls must reconnect after an outage), as the
        // HTTP limits and the credential guard do; logged at most every 10 s.
        if (now - lastLogMs >= 10_000) {
          lastLogMs = now;
          deps.log.warn({ mod: 'live', err: err instanceof Error ? err.message : String(err) }, 'handshake limit store failed; not limiting');
        }
        return null;
      }
    },
  };
}
