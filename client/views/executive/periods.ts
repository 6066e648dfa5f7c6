// The executive's windows, cut at midnight in the city's timezone like the server's KPIs:
// today, the last 7 and 30 days (today included, so far), each beside the period just before
// it of the same length; and the days of a trend chart.
import { cityDayKey, cityMidnight, toIsoWithOffset } from '../../components/city-time.ts';

export const PERIODS = ['today', 'd7', 'd30'] as const;
export type Period = (typeof PERIODS)[number];
export const PERIOD_DAYS: Readonly<Record<Period, number>> = { today: 1, d7: 7, d30: 30 };

export interface Window {
  fromMs: number;
  toMs: number;
  from: string;
  to: string;
}

export interface PeriodWindows {
  period: Period;
  current: Window;
  /** The same length of time just before `current` (yesterday up to this hour, for today). */
  previous: Window;
}

/** A window never ends before a minute after it starts: the API refuses an empty one. */
const MIN_WINDOW_MS = 60_000;

function window(fromMs: number, toMs: number, timeZone: string): Window {
  const to = Math.max(toMs, fromMs + MIN_WINDOW_MS);
  return { fromMs, toMs: to, from: toIsoWithOffset(fromMs, timeZone), to: toIsoWithOffset(to, timeZone) };
}

/**
 * `nowMs` should be rounded (to the minute, say) by the caller: windows are cache keys, and a
 * key that changes every render would fetch every render.
 */
export function periodWindows(period: Period, nowMs: number, timeZone: string): PeriodWindows {
  const days = PERIOD_DAYS[period];
  const from = cityMidnight(nowMs, timeZone, -(days - 1));
  const previousFrom = cityMidnight(nowMs, timeZone, -(2 * days - 1));
  const current = window(from, nowMs, timeZone);
  return { period, current, previous: window(previousFrom, previousFrom + (current.toMs - current.fromMs), timeZone) };
}

export interface DayWindow extends Window {
  /** `2026-11-23`, the city day. */
  day: string;
}

/** The last `days` city days, oldest first; today runs up to `nowMs`. */
export function dayWindows(days: number, nowMs: number, timeZone: string): DayWindow[] {
  const out: DayWindow[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const fromMs = cityMidnight(nowMs, timeZone, -i);
    const toMs = i === 0 ? nowMs : cityMidnight(nowMs, timeZone, -i + 1);
    out.push({ ...window(fromMs, toMs, timeZone), day: cityDayKey(fromMs, timeZone) });
  }
  return out;
}
