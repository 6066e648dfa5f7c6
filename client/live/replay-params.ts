// A replay's moment and speed from a wall's URL (`/wall?replay=<ISO-8601>&speed=N`), and where
// it stands after some real time. Pure: a typo in a URL degrades to something sensible.

/** The speeds offered (a past hour takes an hour at 1×, a minute at 60×). */
export const REPLAY_SPEEDS = [1, 2, 5, 10, 30, 60] as const;
export const MIN_REPLAY_SPEED = 1;
export const MAX_REPLAY_SPEED = 60;

export interface ReplayParams {
  /** The moment the replay starts at (epoch ms). */
  fromMs: number;
  /** Stream time per real time, 1 to 60. */
  speed: number;
}

export function parseReplayParams(search: string): ReplayParams | null {
  const params = new URLSearchParams(search);
  // A '+' typed into an address bar arrives as a space: the offset's sign.
  const at = params.get('replay')?.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  if (!at) return null;
  const fromMs = Date.parse(at);
  if (!Number.isFinite(fromMs)) return null;
  const raw = Number(params.get('speed') ?? '1');
  const speed = Number.isFinite(raw) ? Math.min(MAX_REPLAY_SPEED, Math.max(MIN_REPLAY_SPEED, raw)) : 1;
  return { fromMs, speed };
}

/** The moment a replay shows after `elapsedMs` of real time; it never passes `nowMs` (the present is the live view's). */
export function replayMomentMs(p: ReplayParams, elapsedMs: number, nowMs: number): number {
  return Math.min(p.fromMs + Math.max(0, elapsedMs) * p.speed, nowMs);
}

/** The wall's address replaying `p` (page and playlist parameters kept from `search`). */
export function replayHref(p: ReplayParams, isoAt: string, search = ''): string {
  const params = new URLSearchParams(search);
  params.delete('token');
  params.set('replay', isoAt);
  params.set('speed', String(p.speed));
  return `/wall?${params.toString()}`;
}
