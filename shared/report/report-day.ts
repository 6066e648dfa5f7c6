// The calendar of the daily report, shared by the server (schedule, storage, routes) and the
// report page (which sections it shows): a report is named by the city day it covers
// (`YYYY-MM-DD`), and the report of a Sunday, written on Monday morning, also carries the week
// that day ends (Monday to Sunday). Pure date arithmetic on day keys: no time zone is needed
// once the city day is known.
import { z } from 'zod';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A city day `YYYY-MM-DD` that exists on the calendar (2026-02-30 does not). */
export const ReportDay = z.string().regex(DAY_RE, 'a day as YYYY-MM-DD').refine((s) => dayToUtcMs(s) !== null, 'no such calendar day');
export type ReportDay = z.infer<typeof ReportDay>;

/** Midnight UTC of the day (a label for arithmetic, not the city's midnight); null if no such day. */
function dayToUtcMs(day: string): number | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : null;
}

function utcMsToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day `n` days after `day` (n may be negative). */
export function addDays(day: string, n: number): string {
  const ms = dayToUtcMs(day);
  if (ms === null) throw new RangeError(`not a day: ${day}`);
  return utcMsToDay(ms + n * DAY_MS);
}

/** 0 Sunday … 6 Saturday, as Date#getUTCDay. */
export function weekdayOf(day: string): number {
  const ms = dayToUtcMs(day);
  if (ms === null) throw new RangeError(`not a day: ${day}`);
  return new Date(ms).getUTCDay();
}

/** Whether the report of `day` also carries the week: the day is a Sunday, so it is written on a Monday. */
export function includesWeek(day: string): boolean {
  return weekdayOf(day) === 0;
}

/** The Monday-to-Sunday week that ends on (or contains) `day`: its first and last day. */
export function weekOf(day: string): { first: string; last: string } {
  const back = (weekdayOf(day) + 6) % 7;
  const first = addDays(day, -back);
  return { first, last: addDays(first, 6) };
}

/** `06:00` → minutes after midnight (360). */
export const ReportTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24-hour), e.g. 06:00');
export function minutesOf(time: string): number {
  const [h = '0', m = '0'] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** When no profile says otherwise: 06:00 city time (issue 18). */
export const DEFAULT_REPORT_TIME = '06:00';
