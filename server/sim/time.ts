// City-local clock arithmetic for the simulator. Indonesia has no daylight saving (WIB +7,
// WITA +8, WIT +9), so a fixed offset is exact and keeps the pure core free of Intl.
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Local hour of day as a fraction, 0 ≤ h < 24. */
export function localHour(atMs: number, offsetMinutes: number): number {
  const local = atMs + offsetMinutes * MINUTE_MS;
  return (((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
}

/** Day of week (0 = Sunday) and 0-based month in local time. */
export function localCalendar(atMs: number, offsetMinutes: number): { weekday: number; month: number } {
  const d = new Date(atMs + offsetMinutes * MINUTE_MS);
  return { weekday: d.getUTCDay(), month: d.getUTCMonth() };
}

export function isWeekend(atMs: number, offsetMinutes: number): boolean {
  const { weekday } = localCalendar(atMs, offsetMinutes);
  return weekday === 0 || weekday === 6;
}

/** Start of the local day containing atMs, as epoch ms. */
export function localMidnight(atMs: number, offsetMinutes: number): number {
  return atMs - localHour(atMs, offsetMinutes) * HOUR_MS;
}

/** ISO-8601 with the city's offset, as the event contract wants ("…T14:05:32.120+07:00"). */
export function isoWithOffset(atMs: number, offsetMinutes: number): string {
  const local = new Date(Math.round(atMs) + offsetMinutes * MINUTE_MS).toISOString().slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** Hourly weights normalised to mean 1, so a curve multiplies a daily rate without changing it. */
export function normaliseCurve(curve: readonly number[]): number[] {
  const mean = curve.reduce((a, b) => a + b, 0) / curve.length;
  return curve.map((v) => v / mean);
}

/**
 * Value of an hourly curve at a fractional hour, interpolating between hour midpoints so the
 * rate has no step at each full hour (a step would show as a sawtooth on a 15-minute chart).
 */
export function curveAt(curve: readonly number[], hour: number): number {
  const n = curve.length;
  const x = hour - 0.5;
  const i = Math.floor(x);
  const f = x - i;
  const a = curve[((i % n) + n) % n] ?? 0;
  const b = curve[(((i + 1) % n) + n) % n] ?? 0;
  return a + (b - a) * f;
}
