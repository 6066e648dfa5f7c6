// Reads a view repeats (the executive's windows and daily series): one request per key however
// many components ask, answers kept for a while, so switching 7 ↔ 30 days or re-rendering does
// not fetch again. A past day never changes, so callers key windows by their bounds.
import { useEffect, useId, useSyncExternalStore } from 'react';

export interface QueryState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

interface Entry<T> {
  data: T | null;
  error: string | null;
  atMs: number;
  inFlight: boolean;
}

/** More keys than this and the oldest are dropped: a page left open for weeks must not grow. */
const MAX_ENTRIES = 300;
/** After a failure, wait this long before asking again (the server may be restarting). */
const RETRY_AFTER_MS = 10_000;

export function createCachedQuery<A, T>(
  load: (arg: A, signal: AbortSignal) => Promise<T>,
  keyOf: (arg: A) => string,
  ttlMs: number,
): { useMany: (args: readonly A[]) => QueryState<T>[]; clear: () => void } {
  const entries = new Map<string, Entry<T>>();
  /** The last answer each mounted slot showed (`<component id>|<index>`). */
  const lastShown = new Map<string, T>();
  const listeners = new Set<() => void>();
  let version = 0;
  const changed = (): void => {
    version += 1;
    for (const l of listeners) l();
  };
  const subscribe = (l: () => void): (() => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  const readVersion = (): number => version;

  const fresh = (e: Entry<T> | undefined, nowMs: number): boolean =>
    e !== undefined && (e.inFlight || nowMs - e.atMs < (e.error !== null ? RETRY_AFTER_MS : ttlMs));

  function start(arg: A, key: string): void {
    const previous = entries.get(key);
    entries.delete(key);
    // Keep the old answer on screen while the new one loads: figures do not flash to "—".
    entries.set(key, { data: previous?.data ?? null, error: null, atMs: Date.now(), inFlight: true });
    while (entries.size > MAX_ENTRIES) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
    const controller = new AbortController();
    load(arg, controller.signal).then(
      (data) => entries.set(key, { data, error: null, atMs: Date.now(), inFlight: false }),
      (err: unknown) =>
        entries.set(key, { data: previous?.data ?? null, error: err instanceof Error ? err.message : String(err), atMs: Date.now(), inFlight: false }),
    ).finally(changed);
  }

  function useMany(args: readonly A[]): QueryState<T>[] {
    useSyncExternalStore(subscribe, readVersion, readVersion);
    const keys = args.map(keyOf);
    const joined = keys.join('\n');
    useEffect(() => {
      const now = Date.now();
      let started = false;
      args.forEach((arg, i) => {
        const key = keys[i];
        if (key === undefined || fresh(entries.get(key), now)) return;
        start(arg, key);
        started = true;
      });
      if (started) changed();
      // `joined` stands for args and keys: the same keys mean the same requests.
      // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [joined]);
    // A window whose end moved on (today, a minute later) is a new key: until its answer
    // arrives, the slot keeps showing the answer it had, so figures never flash to "—".
    const slot = useId();
    useEffect(() => () => {
      for (const k of lastShown.keys()) if (k.startsWith(`${slot}|`)) lastShown.delete(k);
    }, [slot]);
    return keys.map((key, i) => {
      const e = entries.get(key);
      const slotKey = `${slot}|${i}`;
      if (e?.data != null) lastShown.set(slotKey, e.data);
      return { data: e?.data ?? lastShown.get(slotKey) ?? null, error: e?.error ?? null, loading: e === undefined || e.inFlight };
    });
  }

  return {
    useMany,
    clear: () => {
      entries.clear();
      changed();
    },
  };
}
