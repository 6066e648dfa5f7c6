// What the credential guard (server/credential-guard.ts) keeps per client address, in Redis so
// that every server process shares it: failures per credential, how many distinct credentials
// failed, and which credentials succeeded from there lately. A credential is stored only as a
// keyed fingerprint, never as itself.
import type { RedisClient } from './redis-client.ts';
import type { SpaceKeys } from './keys.ts';

export interface CredentialState {
  /** Failures of this credential from the address in the current window. */
  credentialFailures: number;
  /** Distinct credentials that failed from the address in the current window. */
  distinctFailures: number;
  /** This credential succeeded from the address lately. */
  knownGood: boolean;
  /** Until the longer of the two windows ends (ms; 0 when none runs). */
  resetInMs: number;
}

function replies(result: [Error | null, unknown][] | null): unknown[] {
  if (!result) throw new Error('credential guard: MULTI returned nothing');
  return result.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}

const count = (v: unknown): number => (typeof v === 'string' || typeof v === 'number' ? Number(v) || 0 : 0);
const ttl = (v: unknown): number => (typeof v === 'number' ? Math.max(v, 0) : 0);

export interface CredentialStore {
  read(address: string, fingerprint: string): Promise<CredentialState>;
  /** Counts a failure; the first failure of a credential in its window also counts it as distinct. */
  failed(address: string, fingerprint: string, windowMs: number): Promise<void>;
  /** Remembers that the credential worked from the address, for `keepMs`. */
  succeeded(address: string, fingerprint: string, keepMs: number): Promise<void>;
}

export function createCredentialStore(redis: RedisClient, keys: SpaceKeys): CredentialStore {
  return {
    async read(address, fingerprint) {
      const k = keys.credentialKeys(address);
      const one = k.failuresOfPrefix + fingerprint;
      const [mine, mineTtl, distinct, distinctTtl, good] = replies(
        await redis.multi().get(one).pttl(one).get(k.distinctFailures).pttl(k.distinctFailures).sismember(k.knownGood, fingerprint).exec(),
      );
      return {
        credentialFailures: count(mine),
        distinctFailures: count(distinct),
        knownGood: count(good) === 1,
        resetInMs: Math.max(ttl(mineTtl), ttl(distinctTtl)),
      };
    },
    async failed(address, fingerprint, windowMs) {
      const k = keys.credentialKeys(address);
      const one = k.failuresOfPrefix + fingerprint;
      const [, n] = replies(await redis.multi().set(one, 0, 'PX', windowMs, 'NX').incr(one).exec());
      if (count(n) === 1) replies(await redis.multi().set(k.distinctFailures, 0, 'PX', windowMs, 'NX').incr(k.distinctFailures).exec());
    },
    async succeeded(address, fingerprint, keepMs) {
      const k = keys.credentialKeys(address);
      replies(await redis.multi().sadd(k.knownGood, fingerprint).pexpire(k.knownGood, keepMs).exec());
    },
  };
}
