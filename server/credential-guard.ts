// Token guessing, limited on every route and on the socket handshake, per client address and
// across processes (issue #20 findings 7 and 8). Two budgets:
// - one credential that keeps failing from an address (a wall with an old token retrying) is
//   refused after `perCredential` failures a window: that credential only;
// - an address from which `distinctPerAddress` different credentials failed in a window (a
//   guesser) is refused for every credential that has not worked from that address lately.
// So a misconfigured screen behind the city's NAT never locks the good walls out, and a guesser
// learns nothing: past the budget its guesses are refused before they are compared.
import { createHash, createHmac } from 'node:crypto';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { CredentialStore } from './store/credential-failures.ts';
import { addressKey } from './live/client-address.ts';

export interface CredentialLimits {
  perCredential: number;
  distinctPerAddress: number;
  windowMs: number;
  /** How long a credential that worked from an address stays admitted there past the budget. */
  knownGoodMs: number;
}

export const DEFAULT_CREDENTIAL_LIMITS: CredentialLimits = { perCredential: 10, distinctPerAddress: 20, windowMs: 60_000, knownGoodMs: 86_400_000 };

export interface CredentialGuard {
  /** Seconds to wait before this credential may be tried from the client address again, or null to go ahead. */
  admit(peer: string, token: string): Promise<number | null>;
  /** Records the outcome of a credential that was admitted and compared. */
  outcome(peer: string, token: string, ok: boolean): Promise<void>;
}

export interface CredentialGuardDeps {
  store: CredentialStore;
  /** Every configured credential: the fingerprint key is derived from them, so all processes agree. */
  secrets: readonly string[];
  limits?: CredentialLimits;
  log: Logger;
  metrics: Metrics;
}

/** Known-good (address, credential) pairs this process saw, so they cost no Redis read. */
const LOCAL_GOOD_MAX = 10_000;

export function createCredentialGuard(deps: CredentialGuardDeps): CredentialGuard {
  const limits = deps.limits ?? DEFAULT_CREDENTIAL_LIMITS;
  // A keyed hash: a fingerprint in Redis cannot be tested against guesses without the tokens.
  const key = createHash('sha256').update(deps.secrets.join('\u0000')).digest();
  const fingerprint = (token: string): string => createHmac('sha256', key).update(token).digest('base64url').slice(0, 22);
  const localGood = new Map<string, number>();
  let lastLogMs = 0;
  const storeFailed = (err: unknown): void => {
    deps.metrics.redisErrors.inc({ op: 'credential-guard' });
    const now = Date.now();
    if (now - lastLogMs < 10_000) return;
    lastLogMs = now;
    deps.log.warn({ mod: 'auth', err: err instanceof Error ? err.message : String(err) }, 'credential guard store failed; not limiting');
  };
  return {
    async admit(peer, token) {
      const address = addressKey(peer);
      const fp = fingerprint(token);
      const local = localGood.get(`${address}\u0000${fp}`);
      if (local !== undefined && local > Date.now()) return null;
      try {
        const s = await deps.store.read(address, fp);
        const blocked = s.credentialFailures >= limits.perCredential || (s.distinctFailures >= limits.distinctPerAddress && !s.knownGood);
        return blocked ? Math.max(1, Math.ceil(s.resetInMs / 1000)) : null;
      } catch (err) {
        // Redis down: let credentials be compared (walls reconnecting after an outage must get
        // in), as the HTTP rate limits do.
        storeFailed(err);
        return null;
      }
    },
    async outcome(peer, token, ok) {
      const address = addressKey(peer);
      const fp = fingerprint(token);
      try {
        if (!ok) {
          await deps.store.failed(address, fp, limits.windowMs);
          return;
        }
        const pair = `${address}\u0000${fp}`;
        if ((localGood.get(pair) ?? 0) > Date.now()) return;
        await deps.store.succeeded(address, fp, limits.knownGoodMs);
        if (localGood.size >= LOCAL_GOOD_MAX) localGood.clear();
        // Re-asserted in Redis every few minutes, so the shared record does not lapse while in use.
        localGood.set(pair, Date.now() + Math.min(limits.knownGoodMs / 2, 300_000));
      } catch (err) {
        storeFailed(err);
      }
    },
  };
}
