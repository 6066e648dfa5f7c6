// Never silently LIVE while Redis is down (issue #20 finding 3). The feeds' connection says
// when Redis goes away; every client then hears `source { available: false }` at once (its
// banner leaves LIVE and its timers stop). When the connection is ready again, each feed first
// catches up with the stream and re-reads its summaries, every client gets that fresh snapshot,
// and only then `source { available: true }`. A catch-up that fails (Redis flapping) is retried
// every second until it succeeds: a timer that runs only while Redis is failing.
import type { SourceState } from '../../shared/contract/socket.ts';
import { SPACES, type Space } from '../../shared/contract/views.ts';
import { toIsoWithOffset } from '../domain/time.ts';
import type { Logger } from '../log.ts';
import type { LiveStore } from '../store/live-store.ts';
import type { Fanout } from './socket-fanout.ts';
import type { SpaceFeed } from './space-feed.ts';

export interface SourceWatchDeps {
  store: LiveStore;
  feeds: Record<Space, SpaceFeed>;
  fanout: Fanout;
  /** Sends the state to every client of this process. */
  broadcast: (state: SourceState) => void;
  clock: () => number;
  timezone: string;
  log: Logger;
}

export interface SourceWatch {
  /** What a client that connects now is told. */
  current(): SourceState;
  stop(): void;
}

const RETRY_MS = 1_000;

export function watchSource(deps: SourceWatchDeps): SourceWatch {
  const stamp = (): string => toIsoWithOffset(deps.clock(), deps.timezone);
  let state: SourceState = { available: true, since: stamp() };
  /** Bumped on every change, so a catch-up that outlived its outage does not announce a return. */
  let generation = 0;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;

  async function refresh(gen: number): Promise<void> {
    for (const space of SPACES) await deps.feeds[space].pullNow({ fresh: true });
    if (gen !== generation || stopped) return;
    for (const space of SPACES) deps.fanout.emitReset(space, deps.feeds[space].snapshot());
    state = { available: true, since: stamp() };
    deps.log.info({ mod: 'live' }, 'redis is back: clients have a fresh snapshot');
    deps.broadcast(state);
  }

  function tryRefresh(gen: number): void {
    refresh(gen).catch((err: unknown) => {
      if (gen !== generation || stopped) return;
      deps.log.warn({ mod: 'live', err: String(err) }, 'catching up after redis came back failed; retrying');
      retry = setTimeout(() => tryRefresh(gen), RETRY_MS);
      retry.unref();
    });
  }

  const unwatch = deps.store.watch({
    away() {
      generation += 1;
      clearTimeout(retry);
      if (!state.available) return;
      state = { available: false, since: stamp() };
      deps.log.warn({ mod: 'live' }, 'redis is away: clients are told their figures are stale');
      deps.broadcast(state);
    },
    back() {
      generation += 1;
      clearTimeout(retry);
      tryRefresh(generation);
    },
  });

  return {
    current: () => state,
    stop() {
      stopped = true;
      clearTimeout(retry);
      unwatch();
    },
  };
}
