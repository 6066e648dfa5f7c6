// Waiting in tests without blind sleeps: wait for a condition (`waitFor`), for an event
// (`nextEvent`), or for a callback to fire exactly n times (`times`, after socket.io's
// createPartialDone). Each gives up with a message that says what it was waiting for.
import type { EventsMap } from '@socket.io/component-emitter';
import type { Socket as ClientSocket } from 'socket.io-client';

// Taken before any test can install fake timers, so that waiting still works under
// vi.useFakeTimers() (a test that fakes the clock still needs real time to pass here).
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realNow = performance.now.bind(performance);

const DEFAULT_TIMEOUT_MS = 5_000;

export interface WaitForOptions {
  timeoutMs?: number;
  /** Names the condition in the timeout message: "timed out after 5000 ms waiting for <what>". */
  what?: string;
  intervalMs?: number;
}

/**
 * Calls `cond` until it returns something other than `false`, `null` or `undefined`, and
 * resolves with that value. A throw counts as "not yet" (so `expect(...)` inside works when
 * the callback ends with `return true`); the last throw or value is in the timeout message.
 */
export async function waitFor<T>(
  cond: () => T | false | null | undefined | Promise<T | false | null | undefined>,
  options: WaitForOptions = {},
): Promise<T> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, what = 'condition', intervalMs = 10 } = options;
  const deadline = realNow() + timeoutMs;
  let last = 'it never returned';
  for (;;) {
    const left = deadline - realNow();
    try {
      const value = await withTimeout(Promise.resolve(cond()), Math.max(left, 0), () =>
        new WaitTimeoutError(`timed out after ${timeoutMs} ms waiting for ${what} (its last call never settled)`));
      if (value !== false && value !== null && value !== undefined) return value;
      last = `last value: ${String(value)}`;
    } catch (err) {
      if (err instanceof WaitTimeoutError) throw err;
      last = `last error: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (realNow() >= deadline) {
      throw new WaitTimeoutError(`timed out after ${timeoutMs} ms waiting for ${what} (${last})`);
    }
    await new Promise((resolve) => realSetTimeout(resolve, Math.min(intervalMs, Math.max(deadline - realNow(), 0))));
  }
}

export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}

function withTimeout<T>(promise: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = realSetTimeout(() => reject(timeoutError()), ms);
    promise.then(
      (v) => { realClearTimeout(timer); resolve(v); },
      (e: unknown) => { realClearTimeout(timer); reject(e instanceof Error ? e : new Error(String(e))); },
    );
  });
}

/** Anything with on/off: a Node EventEmitter, a socket.io-client or socket.io server Socket. */
export interface EventSourceLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface NextEventOptions<T> {
  timeoutMs?: number;
  /** Skip events until one passes (e.g. the delta of a given space). */
  filter?: (payload: T) => boolean;
}

type FirstArg<F> = F extends (first: infer A, ...rest: never[]) => void ? A : never;

/**
 * Resolves with the first argument of the next `name` event (that passes `filter`), or rejects
 * after `timeoutMs`. The listener is removed either way. On a typed socket.io-client socket the
 * payload type comes from its event map; on other emitters pass it as `T`.
 */
export function nextEvent<L extends EventsMap, E extends EventsMap, K extends keyof L & string>(
  socket: ClientSocket<L, E>,
  name: K,
  options?: NextEventOptions<FirstArg<L[K]>>,
): Promise<FirstArg<L[K]>>;
export function nextEvent<T = unknown>(emitter: EventSourceLike, name: string, options?: NextEventOptions<T>): Promise<T>;
export function nextEvent(
  emitter: EventSourceLike,
  name: string,
  options: NextEventOptions<unknown> = {},
): Promise<unknown> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, filter } = options;
  return new Promise((resolve, reject) => {
    const listener = (...args: unknown[]): void => {
      const payload = args[0];
      if (filter && !filter(payload)) return;
      done();
      resolve(payload);
    };
    const timer = realSetTimeout(() => {
      done();
      reject(new WaitTimeoutError(`no "${name}" event${filter ? ' passing the filter' : ''} within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (): void => {
      realClearTimeout(timer);
      emitter.off(name, listener);
    };
    emitter.on(name, listener);
  });
}

export interface Times<A extends unknown[]> {
  (...args: A): void;
  /** How many times it was called so far. */
  readonly count: number;
  /**
   * Resolves once it has been called exactly n times; rejects when it was called more often, or
   * after `timeoutMs` with "called 2 of 3 times".
   */
  wait(timeoutMs?: number): Promise<void>;
}

/**
 * A callback that expects to be called exactly `n` times (forwarding its arguments to `fn`).
 * Call n+1 throws at the caller, an uncaught error that vitest reports, and fails `wait()`.
 * Use it to assert "exactly n deltas": `socket.on('delta', deltas)`, then `await deltas.wait()`.
 */
export function times<A extends unknown[] = unknown[]>(n: number, fn?: (...args: A) => void, what = 'callback'): Times<A> {
  let count = 0;
  let overflow: Error | undefined;
  const waiters = new Set<{ resolve: () => void; reject: (e: Error) => void }>();

  const call = (...args: A): void => {
    count += 1;
    if (count > n) {
      overflow ??= new Error(`${what} called ${count} times, expected ${n}`);
      for (const w of waiters) w.reject(overflow);
      waiters.clear();
      throw new Error(`${what} called ${count} times, expected ${n}`);
    }
    fn?.(...args);
    if (count === n) {
      for (const w of waiters) w.resolve();
      waiters.clear();
    }
  };

  const wait = (timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (overflow) return reject(overflow);
      if (count === n) return resolve();
      const timer = realSetTimeout(() => {
        waiters.delete(waiter);
        reject(new WaitTimeoutError(`${what} called ${count} of ${n} times within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = {
        resolve: () => { realClearTimeout(timer); resolve(); },
        reject: (e: Error) => { realClearTimeout(timer); reject(e); },
      };
      waiters.add(waiter);
    });

  return Object.defineProperties(call, {
    count: { get: () => count, enumerable: true },
    wait: { value: wait, enumerable: true },
  }) as Times<A>;
}
