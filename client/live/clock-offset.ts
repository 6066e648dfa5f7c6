// Server clock minus browser clock, from a snapshot's `at` and the moment it arrived, so that
// wait timers count from the server's receivedAt on a kiosk whose clock is wrong.

/**
 * The server may serve a snapshot it built a few seconds earlier (server/live/space-feed.ts
 * caches it between summaries, at most ~10 s), so `at` can lag the real send time. Differences
 * smaller than this say more about that than about the browser's clock and are ignored; a
 * kiosk set minutes or hours wrong is still corrected.
 */
export const CLOCK_SKEW_DEADBAND_MS = 15_000;

export function clockOffsetMs(serverAtMs: number, receivedAtMs: number): number {
  if (!Number.isFinite(serverAtMs) || !Number.isFinite(receivedAtMs)) return 0;
  const offset = serverAtMs - receivedAtMs;
  return Math.abs(offset) < CLOCK_SKEW_DEADBAND_MS ? 0 : offset;
}
