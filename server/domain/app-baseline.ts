// What is usual for an app at this time of the week: the same minutes on the same weekday in
// past weeks, read from hour buckets (kept 90 days). An hour bucket is a step; usage is a
// curve, so each minute's rate is interpolated between the centres of the hours around it,
// which keeps a morning rise from looking like a spike at the top of every hour.
// Weeks are 7 × 24 h: the city zones this serves (WIB, WITA, WIT) have no daylight saving.
import { HOUR_MS, MINUTE_MS, floorHour } from './app-window.ts';
import { median } from './app-poisson.ts';
import { usageOf, type AppCounts } from './app-rollup.ts';

export const WEEK_MS = 7 * 86_400_000;
/** Past weeks consulted; at least MIN_WEEKS of them must have seen the app. */
export const BASELINE_WEEKS = 4;
export const MIN_WEEKS = 2;

/** Hour buckets needed to interpolate the minutes [fromMs, toMs) in each past week. */
export function baselineHours(fromMs: number, toMs: number, weeks = BASELINE_WEEKS): number[] {
  const out: number[] = [];
  for (let w = 1; w <= weeks; w++) {
    const first = floorHour(fromMs - w * WEEK_MS - HOUR_MS / 2);
    const last = floorHour(toMs - w * WEEK_MS + HOUR_MS / 2);
    for (let h = first; h <= last; h += HOUR_MS) out.push(h);
  }
  return out;
}

/** Per-minute rate at a past instant, interpolated between the centres of the hours around it. */
export function rateAt(atMs: number, hourCount: (hourMs: number) => number): number {
  const c0 = floorHour(atMs - HOUR_MS / 2) + HOUR_MS / 2;
  const f = (atMs - c0) / HOUR_MS;
  const a = hourCount(c0 - HOUR_MS / 2);
  const b = hourCount(c0 + HOUR_MS / 2);
  return (a * (1 - f) + b * f) / 60;
}

export interface WeeklyInput {
  appId: string;
  /** Start of each minute to estimate, oldest first. */
  minutes: readonly number[];
  hours: ReadonlyMap<number, AppCounts>;
  /** Week offsets (1 = a week ago) in which the app was in use that day. */
  weeksSeen: readonly number[];
}

/** Usual usage per minute (median over the weeks that saw the app), or null with too little history. */
export function usualPerMinute(input: WeeklyInput): number[] | null {
  if (input.weeksSeen.length < MIN_WEEKS) return null;
  const count = (h: number): number => usageOf(input.hours.get(h)?.get(input.appId));
  return input.minutes.map((m) => median(input.weeksSeen.map((w) => rateAt(m + MINUTE_MS / 2 - w * WEEK_MS, count))));
}

/** Usual complaints per kecamatan over a window of past weeks' hours, or null with too little history. */
export function usualComplaints(
  kecamatan: string, weeksWithData: readonly number[], hourStarts: readonly { hourMs: number; share: number }[],
  complaints: ReadonlyMap<number, ReadonlyMap<string, number>>,
): number | null {
  if (weeksWithData.length < MIN_WEEKS) return null;
  return median(weeksWithData.map((w) => {
    let t = 0;
    for (const { hourMs, share } of hourStarts) t += (complaints.get(hourMs - w * WEEK_MS)?.get(kecamatan) ?? 0) * share;
    return t;
  }));
}
