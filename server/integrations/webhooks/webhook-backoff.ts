// When to try a failed delivery again: exponential backoff with jitter, and when to give up.
// Pure; the random source is an argument so tests can fix it.

export interface Backoff {
  /** Delay before the second attempt; doubles each attempt. */
  baseMs: number;
  maxMs: number;
  /** Attempts in all before a delivery goes to the dead-letter list. */
  maxAttempts: number;
}

/** About 2 s, 4 s, … up to 10 min between tries: 15 attempts span roughly an hour and a half. */
export const DEFAULT_BACKOFF: Backoff = { baseMs: 2_000, maxMs: 600_000, maxAttempts: 15 };

/**
 * The wait after the `attempts`-th failure: the exponential step, of which a random half is
 * dropped ("equal jitter"), so receivers coming back are not hit by every sender at once.
 */
export function retryDelayMs(b: Backoff, attempts: number, random: () => number): number {
  const step = Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(step / 2 + (step / 2) * random());
}

/** An answer that retrying cannot change: a 4xx other than 408 (timeout) and 429 (slow down). */
export function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}
