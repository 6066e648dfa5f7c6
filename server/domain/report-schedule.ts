// When the daily report is due (issue 18): the report of a city day is written at the profile's
// time (06:00 by default) on the day after, in the city's timezone. Pure: the clock is an argument.
import { addDays } from '../../shared/report/report-day.ts';
import { cityDayKey, startOfCityDayKey } from './time.ts';

/** The moment the report of `day` falls due: `minutes` after the city's midnight ending that day. */
export function reportDueMs(day: string, minutes: number, timeZone: string): number {
  return startOfCityDayKey(addDays(day, 1), timeZone) + minutes * 60_000;
}

/** The newest day whose report is due at `nowMs`: yesterday from the report time on, else the day before. */
export function latestDueDay(nowMs: number, minutes: number, timeZone: string): string {
  const yesterday = addDays(cityDayKey(nowMs, timeZone), -1);
  return nowMs >= reportDueMs(yesterday, minutes, timeZone) ? yesterday : addDays(yesterday, -1);
}

/** When the next report after the ones due at `nowMs` falls due. */
export function nextDueMs(nowMs: number, minutes: number, timeZone: string): number {
  return reportDueMs(addDays(latestDueDay(nowMs, minutes, timeZone), 1), minutes, timeZone);
}

/** How many missed days a start makes up at most (a week: the Monday's weekly report included). */
export const MAX_CATCH_UP_DAYS = 7;

/**
 * The days to write at start, oldest first: every due day after the newest report already kept,
 * at most MAX_CATCH_UP_DAYS of them; only the latest due day when none was ever kept (a fresh
 * install does not fill a week of empty reports).
 */
export function catchUpDays(latestDue: string, newestKept: string | null): string[] {
  if (newestKept === null) return [latestDue];
  const out: string[] = [];
  for (let d = latestDue; d > newestKept && out.length < MAX_CATCH_UP_DAYS; d = addDays(d, -1)) out.unshift(d);
  return out;
}
