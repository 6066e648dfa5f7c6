// Cached reads for the report views: KPIs over a window and app trends. Keyed by the
// window's bounds, so a finished day is fetched once and today's window (whose end moves with
// the minute) is fetched again when it changes.
import { createCachedQuery } from './cached-query.ts';
import { fetchAlerts, fetchAppActivity, fetchAppTrends, fetchKpis } from './http.ts';

export interface WindowArg {
  from: string;
  to: string;
}

const TTL_MS = 5 * 60_000;

const kpis = createCachedQuery(
  (w: WindowArg, signal) => fetchKpis({ from: w.from, to: w.to }, signal),
  (w) => `${w.from}/${w.to}`,
  TTL_MS,
);

/** Whole city days before `to` (ISO, a city midnight), against as many days before them. */
const appTrends = createCachedQuery(
  (q: { days: number; to: string }, signal) => fetchAppTrends(q.days, signal, q.to),
  (q) => `${q.days}@${q.to}`,
  TTL_MS,
);

/** KPIs per window, in the order asked; requests run in parallel. */
export const useKpisFor = kpis.useMany;
export const useAppTrendsFor = appTrends.useMany;

const appActivity = createCachedQuery(
  (w: WindowArg & { top: number }, signal) => fetchAppActivity({ from: w.from, to: w.to, top: w.top }, signal),
  (w) => `${w.from}/${w.to}/${w.top}`,
  TTL_MS,
);

const alerts = createCachedQuery(
  (w: WindowArg, signal) => fetchAlerts({ from: w.from, to: w.to }, signal),
  (w) => `${w.from}/${w.to}`,
  TTL_MS,
);

/** App activity ranked over each window (the daily report's app health). */
export const useAppActivityFor = appActivity.useMany;
/** Alerts raised in each window (the daily report). */
export const useAlertsFor = alerts.useMany;
