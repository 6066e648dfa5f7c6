// One app's activity as a chart series: which resolution fits a window, and its points.
// Minutes exist for the last 48 hours and hours for 90 days, so a finer resolution than the
// buckets still hold is refused rather than answered with zeros.
import type { SeriesResolution } from '../../shared/contract/apps.ts';
import {
  APP_RETENTION, DAY_MS, HOUR_MS, MINUTE_MS, cityDaysOf, floorHour, floorMinute, hourRetained, minuteRetained, type Retention,
} from './app-window.ts';

export const MAX_SERIES_POINTS = 2_000;

export interface SeriesBucket {
  fromMs: number;
  toMs: number;
  /** City day key, for day points. */
  day?: string;
}

export type SeriesPlan =
  | { ok: true; resolution: SeriesResolution; buckets: SeriesBucket[] }
  | { ok: false; field: 'resolution' | 'from'; message: string };

/** The finest resolution that keeps a chart readable (≤ 6 h in minutes, ≤ 14 days in hours) and is still kept. */
export function autoResolution(fromMs: number, toMs: number, nowMs: number, r: Retention = APP_RETENTION): SeriesResolution {
  const span = toMs - fromMs;
  if (span <= 6 * HOUR_MS && minuteRetained(floorMinute(fromMs), nowMs, r)) return 'minute';
  if (span <= 14 * DAY_MS && hourRetained(floorHour(fromMs), nowMs, r)) return 'hour';
  return 'day';
}

function steps(fromMs: number, toMs: number, step: number): SeriesBucket[] {
  const out: SeriesBucket[] = [];
  for (let t = Math.floor(fromMs / step) * step; t < toMs && out.length <= MAX_SERIES_POINTS; t += step) out.push({ fromMs: t, toMs: t + step });
  return out;
}

export function planSeries(
  fromMs: number, toMs: number, resolution: SeriesResolution | undefined, nowMs: number, timeZone: string, r: Retention = APP_RETENTION,
): SeriesPlan {
  const res = resolution ?? autoResolution(fromMs, toMs, nowMs, r);
  if (res === 'minute' && !minuteRetained(floorMinute(fromMs), nowMs, r)) {
    return { ok: false, field: resolution === undefined ? 'from' : 'resolution', message: 'minute points exist only for the last 48 hours' };
  }
  if (res === 'hour' && !hourRetained(floorHour(fromMs), nowMs, r)) {
    return { ok: false, field: resolution === undefined ? 'from' : 'resolution', message: 'hour points exist only for the last 90 days' };
  }
  let buckets: SeriesBucket[];
  if (res === 'minute') buckets = steps(fromMs, toMs, MINUTE_MS);
  else if (res === 'hour') buckets = steps(fromMs, toMs, HOUR_MS);
  else buckets = cityDaysOf(fromMs, toMs, timeZone).slice(0, MAX_SERIES_POINTS + 1);
  if (buckets.length > MAX_SERIES_POINTS) {
    return { ok: false, field: 'resolution', message: `at most ${MAX_SERIES_POINTS} points: choose a coarser resolution or a shorter window` };
  }
  return { ok: true, resolution: res, buckets };
}
