// When a view admits it has lost the server (ui.md "Never silently stale"): a short blip stays
// quiet, past 3 s it says it is reconnecting, past 30 s its figures are stale. A server that has
// lost its own source (Redis; the `source` event) makes the figures stale at once.
export type ConnectionStatus = 'live' | 'reconnecting' | 'stale';

export const RECONNECTING_AFTER_MS = 3_000;
export const STALE_AFTER_MS = 30_000;

/**
 * `lostAtMs` is when the server was last known to be there, or null while connected;
 * `sourceAway` whether the server said its source is away.
 */
export function connectionStatus(lostAtMs: number | null, nowMs: number, sourceAway = false): ConnectionStatus {
  if (sourceAway) return 'stale';
  if (lostAtMs === null) return 'live';
  const down = nowMs - lostAtMs;
  if (down >= STALE_AFTER_MS) return 'stale';
  if (down >= RECONNECTING_AFTER_MS) return 'reconnecting';
  return 'live';
}

/** Milliseconds until the status can next change, or null when it cannot change any more. */
export function nextStatusChangeInMs(lostAtMs: number | null, nowMs: number): number | null {
  if (lostAtMs === null) return null;
  const down = nowMs - lostAtMs;
  if (down < RECONNECTING_AFTER_MS) return RECONNECTING_AFTER_MS - down;
  if (down < STALE_AFTER_MS) return STALE_AFTER_MS - down;
  return null;
}
