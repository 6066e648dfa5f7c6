// The replay form's arithmetic, pure: a `datetime-local` value read in the city's timezone (not
// the browser's: a desk PC may be set to UTC), and back.
import { toIsoWithOffset, zoneOffsetMs } from '../../components/city-time.ts';

/** Epoch ms of `YYYY-MM-DDTHH:MM[:SS]` on the city's clock, or null when it is not a time. */
export function cityLocalToMs(value: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  if (new Date(asUtc).getUTCDate() !== d) return null;
  // The offset at the guess, then once more at the answer, covers zones that change offset.
  const guess = asUtc - zoneOffsetMs(asUtc, timeZone);
  return asUtc - zoneOffsetMs(guess, timeZone);
}

/** `YYYY-MM-DDTHH:MM` of `ms` on the city's clock (what a `datetime-local` input holds). */
export function msToCityLocal(ms: number, timeZone: string): string {
  return toIsoWithOffset(ms, timeZone).slice(0, 16);
}
