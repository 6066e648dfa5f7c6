// The executive view's range (issue #18): a preset (today, yesterday, this week, the last 7 /
// 30 / 90 days, this month) or a custom from–to of whole city days, cut at midnight in the
// city's timezone like the server's KPIs; the period just before it of the same length, for the
// comparisons; the buckets its trend charts are drawn in; and its form in the URL
// (`?range=7d`, or `?from=2026-11-01&to=2026-11-15`), so that a view can be bookmarked and shared.
import { cityDayKey, cityMidnight, toIsoWithOffset } from '../../components/city-time.ts';

export const PRESETS = ['today', 'yesterday', 'week', '7d', '30d', '90d', 'month'] as const;
export type Preset = (typeof PRESETS)[number];

export type RangeSpec = { kind: 'preset'; preset: Preset } | { kind: 'custom'; from: string; to: string };

export const DEFAULT_RANGE: RangeSpec = { kind: 'preset', preset: '7d' };

/** The API refuses windows longer than 400 days. */
export const MAX_CUSTOM_DAYS = 400;

export interface Window {
  fromMs: number;
  toMs: number;
  from: string;
  to: string;
}

export type Granularity = 'hour' | 'day' | 'week';

export interface Bucket extends Window {
  /** `2026-11-23` (a day or the first day of a week) or `2026-11-23T14` (an hour), city time. */
  key: string;
}

export interface ResolvedRange {
  spec: RangeSpec;
  current: Window;
  /** As many city days just before `current`, of the same length (yesterday up to this hour, for today). */
  previous: Window;
  /** City days the range touches (1 for today). */
  days: number;
  granularity: Granularity;
  buckets: Bucket[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A window never ends before a minute after it starts: the API refuses an empty one. */
const MIN_WINDOW_MS = 60_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function window(fromMs: number, toMs: number, timeZone: string): Window {
  const to = Math.max(toMs, fromMs + MIN_WINDOW_MS);
  return { fromMs, toMs: to, from: toIsoWithOffset(fromMs, timeZone), to: toIsoWithOffset(to, timeZone) };
}

/** A `YYYY-MM-DD` that names a real calendar day. */
export function isDayKey(s: string): boolean {
  if (!DAY_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Midnight (city time) starting the city day `key`. */
export function dayStart(key: string, timeZone: string): number {
  // Noon UTC of that date lies inside the city day for every offset from -11 to +12.
  return cityMidnight(Date.parse(`${key}T12:00:00Z`), timeZone);
}

/** The range a URL asks for; the default when it asks for none; null when what it asks is not a range. */
export function parseRangeParams(params: URLSearchParams): RangeSpec | null {
  const range = params.get('range');
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null || to !== null) {
    const f = from ?? to ?? '';
    const t = to ?? from ?? '';
    if (!isDayKey(f) || !isDayKey(t)) return null;
    return f <= t ? { kind: 'custom', from: f, to: t } : { kind: 'custom', from: t, to: f };
  }
  if (range === null) return DEFAULT_RANGE;
  return isPreset(range) ? { kind: 'preset', preset: range } : null;
}

function isPreset(s: string): s is Preset {
  return (PRESETS as readonly string[]).includes(s);
}

/** The URL parameters of a range (the others of the URL are kept by the caller). */
export function rangeParams(spec: RangeSpec): Record<'range' | 'from' | 'to', string | null> {
  return spec.kind === 'preset' ? { range: spec.preset, from: null, to: null } : { range: null, from: spec.from, to: spec.to };
}

export function sameRange(a: RangeSpec, b: RangeSpec): boolean {
  return a.kind === 'preset' ? b.kind === 'preset' && a.preset === b.preset : b.kind === 'custom' && a.from === b.from && a.to === b.to;
}

/** Day of the week of a city day, Monday 0 … Sunday 6. */
function mondayIndex(key: string): number {
  return (new Date(`${key}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function bounds(spec: RangeSpec, nowMs: number, timeZone: string): { fromMs: number; toMs: number } {
  const today = cityMidnight(nowMs, timeZone);
  if (spec.kind === 'custom') {
    const fromMs = Math.min(dayStart(spec.from, timeZone), today);
    // The last day is included: the range ends at the midnight after it, or now if that is later.
    const end = cityMidnight(dayStart(spec.to, timeZone), timeZone, 1);
    const capped = Math.max(fromMs, Math.min(end, nowMs, fromMs + MAX_CUSTOM_DAYS * DAY_MS));
    return { fromMs, toMs: capped };
  }
  switch (spec.preset) {
    case 'today': return { fromMs: today, toMs: nowMs };
    case 'yesterday': return { fromMs: cityMidnight(nowMs, timeZone, -1), toMs: today };
    case 'week': return { fromMs: cityMidnight(nowMs, timeZone, -mondayIndex(cityDayKey(nowMs, timeZone))), toMs: nowMs };
    case 'month': {
      const key = cityDayKey(nowMs, timeZone);
      return { fromMs: cityMidnight(nowMs, timeZone, -(Number(key.slice(8, 10)) - 1)), toMs: nowMs };
    }
    case '7d': return { fromMs: cityMidnight(nowMs, timeZone, -6), toMs: nowMs };
    case '30d': return { fromMs: cityMidnight(nowMs, timeZone, -29), toMs: nowMs };
    case '90d': return { fromMs: cityMidnight(nowMs, timeZone, -89), toMs: nowMs };
  }
}

/** Hours for a day or two, days up to a quarter, weeks beyond: a chart of 2 to ~90 points. */
export function granularityOf(days: number): Granularity {
  return days <= 2 ? 'hour' : days <= 92 ? 'day' : 'week';
}

function bucketsOf(current: Window, granularity: Granularity, timeZone: string): Bucket[] {
  const out: Bucket[] = [];
  let start = current.fromMs;
  while (start < current.toMs && out.length < 500) {
    const next = granularity === 'hour' ? start + HOUR_MS : cityMidnight(start, timeZone, granularity === 'day' ? 1 : 7);
    const end = Math.min(next, current.toMs);
    const iso = toIsoWithOffset(start, timeZone);
    out.push({ ...window(start, end, timeZone), key: granularity === 'hour' ? iso.slice(0, 13) : iso.slice(0, 10) });
    start = next;
  }
  return out;
}

/**
 * `nowMs` should be rounded (to the minute, say) by the caller: windows are cache keys, and a
 * key that changes every render would fetch every render.
 */
export function resolveRange(spec: RangeSpec, nowMs: number, timeZone: string): ResolvedRange {
  const { fromMs, toMs } = bounds(spec, nowMs, timeZone);
  const current = window(fromMs, toMs, timeZone);
  let days = 0;
  for (let d = fromMs; d < current.toMs && days <= MAX_CUSTOM_DAYS; d = cityMidnight(d, timeZone, 1)) days += 1;
  // As many days just before, from a midnight, of the same length: today up to 14:05 is
  // compared with yesterday up to 14:05, the last 7 days with the 7 before up to the same hour.
  const previousFrom = cityMidnight(fromMs, timeZone, -days);
  const previous = window(previousFrom, previousFrom + (current.toMs - current.fromMs), timeZone);
  const granularity = granularityOf(days);
  return { spec, current, previous, days, granularity, buckets: bucketsOf(current, granularity, timeZone) };
}

/** For the app section: whole city days up to `to`'s day (the trends API counts whole days). */
export function appTrendDays(range: ResolvedRange, timeZone: string): { days: number; to: string } {
  const endsAtMidnight = cityMidnight(range.current.toMs, timeZone) === range.current.toMs;
  const lastDayStart = endsAtMidnight ? range.current.toMs : cityMidnight(range.current.toMs, timeZone);
  let days = 0;
  for (let d = range.current.fromMs; d < lastDayStart && days < 90; d = cityMidnight(d, timeZone, 1)) days += 1;
  return { days: Math.max(1, days), to: toIsoWithOffset(lastDayStart, timeZone) };
}
