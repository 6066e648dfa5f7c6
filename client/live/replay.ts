// Feeds the live store from the past instead of the socket: a wall opened with `?replay=` asks
// `GET /api/v1/snapshot?at=` for the moment it stands at, once a second, the moment moving at
// the replay's speed. Each answer is the whole state at that moment (the server folds forward
// from the previous one, server/live/replay-service.ts), so a missed step costs nothing and the
// view is exactly what the wall showed then. Read-only: nothing is sent but reads.
import { Snapshot, type Space } from '../../shared/contract/views.ts';
import { fromSnapshot } from '../../shared/live/live-data.ts';
import { apiPathFor } from '../api/requested-space.ts';
import { replayMomentMs, type ReplayParams } from './replay-params.ts';
import { INITIAL_LIVE_STATE, useLive } from './store.ts';

/** One step a second: at 60× a minute of the past per second, which a wall's viewers can follow. */
const STEP_MS = 1_000;
/**
 * A replay that catches up stays this far behind the browser's now: a browser clock a little
 * ahead of the server's would otherwise ask for the server's future (400).
 */
const PRESENT_MARGIN_MS = 15_000;

export interface ReplayOptions extends ReplayParams {
  token: string | null;
  space?: Space;
}

const ErrorMessage = (body: unknown, status: number): string => {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const e = (body as { error: unknown }).error;
    if (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string') return e.message;
  }
  return `HTTP ${status}`;
};

/** Starts replaying; returns the stop. */
export function startReplay(options: ReplayOptions): () => void {
  const startedAt = performance.now();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: AbortController | null = null;
  useLive.setState({
    ...INITIAL_LIVE_STATE,
    // The header's clock stands at the replayed moment from the start, before any answer.
    clockOffsetMs: options.fromMs - Date.now(),
    replay: { fromMs: options.fromMs, speed: options.speed, atMs: options.fromMs, error: null, reachedNow: false },
  });

  const step = async (): Promise<void> => {
    const began = performance.now();
    const atMs = Math.floor(replayMomentMs(options, began - startedAt, Date.now() - PRESENT_MARGIN_MS));
    inFlight = new AbortController();
    try {
      const res = await fetch(`/api/v1${apiPathFor(`/snapshot?at=${encodeURIComponent(new Date(atMs).toISOString())}`, options.space)}`, {
        headers: { Accept: 'application/json', ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}) },
        signal: inFlight.signal,
      });
      const body: unknown = await res.json().catch(() => null);
      if (stopped) return;
      const replay = useLive.getState().replay;
      if (!replay) return;
      if (!res.ok) {
        const error = ErrorMessage(body, res.status);
        // A refusal is final; so is a moment the server cannot answer before anything was shown
        // (out of the history). Once playing, a refused step is retried with the next moment.
        const shown = useLive.getState().data.position !== null;
        const final = res.status === 401 || res.status === 403 || (res.status === 400 && !shown);
        // A refusal (a role without replay) is said like any refused credential; every figure
        // greys out (stale), so an empty wall is never read as a quiet night.
        useLive.setState({
          connected: true,
          ...(final ? { status: 'stale' as const } : {}),
          ...(res.status === 401 || res.status === 403 ? { refused: error } : {}),
          replay: { ...replay, error },
        });
        // Neither mends by asking again.
        if (final) return;
      } else {
        const snapshot = Snapshot.parse(body);
        const shownMs = Date.parse(snapshot.at);
        useLive.setState({
          data: fromSnapshot(snapshot),
          connected: true,
          status: 'live',
          lastUpdateAt: Date.now(),
          // The header's clock and every wait timer stand at the replayed moment.
          clockOffsetMs: shownMs - Date.now(),
          replay: { ...replay, atMs: shownMs, error: null, reachedNow: atMs >= Date.now() - PRESENT_MARGIN_MS - STEP_MS },
        });
      }
    } catch (err) {
      if (stopped) return;
      const replay = useLive.getState().replay;
      if (replay) useLive.setState({ status: 'reconnecting', replay: { ...replay, error: err instanceof Error ? err.message : String(err) } });
    }
    if (stopped) return;
    timer = setTimeout(() => void step(), Math.max(0, STEP_MS - (performance.now() - began)));
  };
  void step();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    inFlight?.abort();
  };
}
