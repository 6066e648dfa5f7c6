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
 * A replay that catches up stays this far behind the server's now (estimated from each answer's
 * Date header, whole seconds): a moment in the server's future is refused (400).
 */
const PRESENT_MARGIN_MS = 3_000;

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
  /** Server clock minus browser clock, from the Date headers (0 until one is seen). */
  let serverOffsetMs = 0;
  useLive.setState({
    ...INITIAL_LIVE_STATE,
    // The header's clock stands at the replayed moment from the start, before any answer.
    clockOffsetMs: options.fromMs - Date.now(),
    replay: { fromMs: options.fromMs, speed: options.speed, atMs: options.fromMs, error: null, reachedNow: false },
  });

  const step = async (): Promise<void> => {
    const began = performance.now();
    // Never before the chosen moment, never into the server's last seconds.
    const presentMs = Math.max(options.fromMs, Date.now() + serverOffsetMs - PRESENT_MARGIN_MS);
    const atMs = Math.floor(replayMomentMs(options, began - startedAt, presentMs));
    inFlight = new AbortController();
    try {
      const res = await fetch(`/api/v1${apiPathFor(`/snapshot?at=${encodeURIComponent(new Date(atMs).toISOString())}`, options.space)}`, {
        headers: { Accept: 'application/json', ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}) },
        signal: inFlight.signal,
      });
      const body: unknown = await res.json().catch(() => null);
      if (stopped) return;
      const serverDate = Date.parse(res.headers.get('date') ?? '');
      if (Number.isFinite(serverDate)) {
        // The header has whole seconds: a difference under two of them says nothing.
        const offset = serverDate + 500 - Date.now();
        serverOffsetMs = Math.abs(offset) < 2_000 ? 0 : offset;
      }
      const replay = useLive.getState().replay;
      if (!replay) return;
      if (!res.ok) {
        const error = ErrorMessage(body, res.status);
        // A refusal (role) is final. A moment refused (out of the history, the server's future)
        // is said and the next step tries the next moment.
        const final = res.status === 401 || res.status === 403;
        const nothingShown = useLive.getState().data.position === null;
        // A refusal (a role without replay) is said like any refused credential, and every figure
        // greys out (stale), so an empty wall is never read as a quiet night.
        useLive.setState({
          connected: true,
          ...(final || nothingShown ? { status: 'stale' as const } : {}),
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
          replay: { ...replay, atMs: shownMs, error: null, reachedNow: atMs >= presentMs && presentMs > options.fromMs },
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
