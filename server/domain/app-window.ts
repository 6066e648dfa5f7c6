// A time window as the fewest app buckets that add up to it exactly: whole city days from
// day buckets, whole hours from hour buckets, the rest from minute buckets. Buckets expire
// (minutes after 48 h, hours after 90 days), so an edge older than its bucket's retention is
// widened to the next coarser bucket and the plan says it is no longer exact.
import { startOfCityDay, todayWindow, cityDayKey } from './time.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface Retention {
  minuteMs: number;
  hourMs: number;
}

/** project.lua's TTLs: a bucket lives this long after its first write, which is never before its start. */
export const APP_RETENTION: Retention = { minuteMs: 48 * HOUR_MS, hourMs: 90 * DAY_MS };

export type BucketPart =
  | { res: 'day'; day: string; fromMs: number; toMs: number }
  | { res: 'hour'; fromMs: number; toMs: number }
  | { res: 'minute'; fromMs: number; toMs: number; subtract?: true };

export interface BucketPlan {
  parts: BucketPart[];
  /** The window the parts really cover; equal to the asked one when exact. */
  fromMs: number;
  toMs: number;
  exact: boolean;
}

const floorTo = (ms: number, step: number): number => Math.floor(ms / step) * step;
const ceilTo = (ms: number, step: number): number => Math.ceil(ms / step) * step;

export function minuteRetained(minuteMs: number, nowMs: number, r: Retention = APP_RETENTION): boolean {
  return minuteMs + r.minuteMs > nowMs;
}

export function hourRetained(hourMs: number, nowMs: number, r: Retention = APP_RETENTION): boolean {
  return hourMs + r.hourMs > nowMs;
}

/** Start of the city day after the one containing `atMs`. */
export function nextCityDayStart(atMs: number, timeZone: string): number {
  return todayWindow(atMs, timeZone).toMs;
}

/** Oldest edge: the finest bucket still kept decides how far back the window must start. */
function widenFrom(fromMs: number, nowMs: number, tz: string, r: Retention): number {
  const f = floorTo(fromMs, MINUTE_MS);
  if (minuteRetained(f, nowMs, r)) return f;
  const h = floorTo(f, HOUR_MS);
  if (hourRetained(h, nowMs, r)) return h;
  return startOfCityDay(f, tz);
}

function widenTo(toMs: number, nowMs: number, tz: string, r: Retention): number {
  const e = ceilTo(toMs, MINUTE_MS);
  if (e % HOUR_MS === 0 || minuteRetained(e - MINUTE_MS, nowMs, r)) return e;
  const h = ceilTo(e, HOUR_MS);
  if (hourRetained(h - HOUR_MS, nowMs, r)) return h;
  return startOfCityDay(e, tz) === e ? e : nextCityDayStart(e, tz);
}

/**
 * Plans [fromMs, toMs) over the buckets. Greedy from the start: a whole city day when one
 * starts here and fits, else a whole hour that fits without crossing midnight, else a minute.
 * Zones whose midnight is not on the hour (none in Indonesia) get minutes around midnight.
 */
export function planWindow(fromMs: number, toMs: number, nowMs: number, timeZone: string, r: Retention = APP_RETENTION): BucketPlan {
  const start = widenFrom(fromMs, nowMs, timeZone, r);
  const end = widenTo(toMs, nowMs, timeZone, r);
  let exact = start === fromMs && end === toMs;
  const parts: BucketPart[] = [];
  let t = start;
  let coveredFrom = start;
  while (t < end) {
    const nextDay = nextCityDayStart(t, timeZone);
    if (startOfCityDay(t, timeZone) === t && nextDay <= end) {
      parts.push({ res: 'day', day: cityDayKey(t, timeZone), fromMs: t, toMs: nextDay });
      t = nextDay;
    } else if (t % HOUR_MS === 0 && t + HOUR_MS <= end && t + HOUR_MS <= nextDay && hourRetained(t, nowMs, r)) {
      parts.push({ res: 'hour', fromMs: t, toMs: t + HOUR_MS });
      t += HOUR_MS;
    } else if (minuteRetained(t, nowMs, r)) {
      parts.push({ res: 'minute', fromMs: t, toMs: t + MINUTE_MS });
      t += MINUTE_MS;
    } else {
      // Only reachable in zones whose midnight is off the hour, for data older than its minutes:
      // the enclosing hour (or day) is the best there is.
      exact = false;
      const h = floorTo(t, HOUR_MS);
      if (hourRetained(h, nowMs, r)) {
        parts.push({ res: 'hour', fromMs: h, toMs: h + HOUR_MS });
        t = h + HOUR_MS;
      } else {
        const d = startOfCityDay(t, timeZone);
        parts.push({ res: 'day', day: cityDayKey(t, timeZone), fromMs: d, toMs: nextDay });
        t = nextDay;
      }
      coveredFrom = Math.min(coveredFrom, parts[parts.length - 1]?.fromMs ?? coveredFrom);
    }
  }
  return { parts: foldMinutes(parts, nowMs, r), fromMs: coveredFrom, toMs: Math.max(t, end), exact };
}

/**
 * More than half an hour of minutes inside one hour is cheaper read as that hour minus the
 * minutes outside the window: the same events land in both, so the difference is exact, and
 * a window's edges then cost at most 30 minute buckets each instead of 59.
 */
function foldMinutes(parts: BucketPart[], nowMs: number, r: Retention): BucketPart[] {
  const out: BucketPart[] = [];
  let i = 0;
  while (i < parts.length) {
    const p = parts[i];
    if (p === undefined) break;
    if (p.res !== 'minute') {
      out.push(p);
      i++;
      continue;
    }
    const hour = floorTo(p.fromMs, HOUR_MS);
    let j = i;
    while (j < parts.length && parts[j]?.res === 'minute' && floorTo(parts[j]?.fromMs ?? 0, HOUR_MS) === hour) j++;
    const run = parts.slice(i, j);
    const first = run[0]?.fromMs ?? hour;
    const last = run.at(-1)?.toMs ?? hour;
    const outside = [...minuteStarts(hour, first), ...minuteStarts(last, hour + HOUR_MS)];
    if (run.length > 30 && hourRetained(hour, nowMs, r) && outside.every((m) => minuteRetained(m, nowMs, r))) {
      out.push({ res: 'hour', fromMs: hour, toMs: hour + HOUR_MS });
      for (const m of outside) out.push({ res: 'minute', fromMs: m, toMs: m + MINUTE_MS, subtract: true });
    } else {
      out.push(...run);
    }
    i = j;
  }
  return out;
}

export function countParts(plan: BucketPlan): { days: number; hours: number; minutes: number } {
  let days = 0;
  let hours = 0;
  let minutes = 0;
  for (const p of plan.parts) {
    if (p.res === 'day') days++;
    else if (p.res === 'hour') hours++;
    else minutes++;
  }
  return { days, hours, minutes };
}

/** Start of every minute in [fromMs, toMs), oldest first. */
export function minuteStarts(fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  for (let t = floorTo(fromMs, MINUTE_MS); t < toMs; t += MINUTE_MS) out.push(t);
  return out;
}

/** Start of every hour in [fromMs, toMs), oldest first. */
export function hourStarts(fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  for (let t = floorTo(fromMs, HOUR_MS); t < toMs; t += HOUR_MS) out.push(t);
  return out;
}

/** Every city day that [fromMs, toMs) touches, with its bounds. */
export function cityDaysOf(fromMs: number, toMs: number, timeZone: string): { day: string; fromMs: number; toMs: number }[] {
  const out: { day: string; fromMs: number; toMs: number }[] = [];
  for (let t = startOfCityDay(fromMs, timeZone); t < toMs; ) {
    const next = nextCityDayStart(t, timeZone);
    out.push({ day: cityDayKey(t, timeZone), fromMs: t, toMs: next });
    t = next;
  }
  return out;
}

export const floorMinute = (ms: number): number => floorTo(ms, MINUTE_MS);
export const floorHour = (ms: number): number => floorTo(ms, HOUR_MS);
export const ceilHour = (ms: number): number => ceilTo(ms, HOUR_MS);
