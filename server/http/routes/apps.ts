// Per-app read routes: activity ranked over a window, one app's series, trends against the
// period before, complaints per kecamatan, and alert history. Operators and executives; demo
// viewers read the demo space (requireViewer).
import { Router, type Response } from 'express';
import { z } from 'zod';
import { AppCategoryFilter, SeriesResolution, type AppActivityAnswer, type AppSeriesAnswer, type AlertsAnswer, type ComplaintsAnswer } from '../../../shared/contract/apps.ts';
import { AppKind, IsoWithOffset } from '../../../shared/contract/events.ts';
import type { Space } from '../../../shared/contract/views.ts';
import type { CityProfile } from '../../city/city-profile.ts';
import { toAlertView } from '../../domain/alert-record.ts';
import { rankActivity } from '../../domain/app-ranking.ts';
import { planSeries } from '../../domain/app-series.ts';
import { buildTrends } from '../../domain/app-trends.ts';
import { ceilHour, countParts, floorHour, hourRetained, hourStarts, planWindow } from '../../domain/app-window.ts';
import { sumCounts, totalOf, type AppCounts } from '../../domain/app-rollup.ts';
import { cityDayKey, parseIsoMs, startOfCityDay, toIsoWithOffset, todayWindow } from '../../domain/time.ts';
import type { AppStore } from '../../store/read-app-store.ts';
import { requireViewer } from '../auth-middleware.ts';
import { sendError } from '../errors.ts';
import { parseQuery as parse } from '../parse-query.ts';

export interface AppRouteDeps {
  store: (space: Space) => AppStore;
  city: CityProfile;
  clock: () => number;
}

const DAY_MS = 86_400_000;
/** The buckets keep days forever, but a window this long is a report, not a dashboard query. */
const MAX_WINDOW_MS = 400 * DAY_MS;
const space = z.enum(['live', 'demo']).optional();
export const windowFields = { from: IsoWithOffset.optional(), to: IsoWithOffset.optional(), space };

export const ActivityQuery = z.object({
  ...windowFields,
  top: z.coerce.number().int().min(1).max(1_000).default(20),
  kind: AppKind.optional(),
  category: AppCategoryFilter.optional(),
});
export const SeriesQuery = z.object({ ...windowFields, resolution: SeriesResolution.optional() });
export const TrendsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(7), to: IsoWithOffset.optional(), space });
export const AlertsQuery = z.object({ ...windowFields, limit: z.coerce.number().int().min(1).max(5_000).default(500) });

/** A window from the query: both bounds, or from..now, or the default. Null after answering 400. */
function windowOf(
  q: { from?: string | undefined; to?: string | undefined }, nowMs: number, fallback: { fromMs: number; toMs: number }, res: Response,
): { fromMs: number; toMs: number } | null {
  const fromMs = q.from ? parseIsoMs(q.from) : fallback.fromMs;
  const toMs = q.to ? parseIsoMs(q.to) : q.from ? nowMs : fallback.toMs;
  if (toMs <= fromMs) {
    sendError(res, 400, 'invalid_query', '`to` must be after `from`', 'to');
    return null;
  }
  if (toMs - fromMs > MAX_WINDOW_MS) {
    sendError(res, 400, 'invalid_query', 'the window may span at most 400 days', 'from');
    return null;
  }
  return { fromMs, toMs };
}

/** Start of the city day `n` days before the one starting at `dayStartMs`. */
function daysBack(dayStartMs: number, n: number, tz: string): number {
  let t = dayStartMs;
  for (let i = 0; i < n; i++) t = startOfCityDay(t - 1, tz);
  return t;
}

export function appRoutes(deps: AppRouteDeps): Router {
  const r = Router();
  const tz = deps.city.profile.timezone;
  const iso = (ms: number): string => toIsoWithOffset(ms, tz);
  const viewers = requireViewer(['operator', 'executive']);
  const kecNames = new Map(deps.city.profile.kecamatan.map((k) => [k.code, k.name]));

  r.get('/api/v1/apps/activity', viewers, async (req, res) => {
    const v = req.viewer;
    const q = parse(ActivityQuery, req.query, res);
    if (!v || !q.ok) return;
    const now = deps.clock();
    const w = windowOf(q.data, now, todayWindow(now, tz), res);
    if (!w) return;
    const plan = planWindow(w.fromMs, w.toMs, now, tz);
    const counts = await deps.store(v.space).planned(plan);
    const ranked = rankActivity(counts, deps.city.appsById, {
      top: q.data.top,
      ...(q.data.kind ? { kind: q.data.kind } : {}),
      ...(q.data.category ? { category: q.data.category } : {}),
    });
    const answer: AppActivityAnswer = {
      from: iso(w.fromMs), to: iso(w.toMs), timezone: tz,
      coverage: { from: iso(plan.fromMs), to: iso(plan.toMs), exact: plan.exact, ...countParts(plan) },
      ...ranked,
    };
    res.json(answer);
  });

  r.get('/api/v1/apps/trends', viewers, async (req, res) => {
    const v = req.viewer;
    const q = parse(TrendsQuery, req.query, res);
    if (!v || !q.ok) return;
    const end = startOfCityDay(q.data.to ? parseIsoMs(q.data.to) : deps.clock(), tz);
    const days = q.data.days;
    const dayStarts: number[] = [];
    for (let i = 2 * days; i >= 1; i--) dayStarts.push(daysBack(end, i, tz));
    const keys = dayStarts.map((d) => cityDayKey(d, tz));
    const perDay = await deps.store(v.space).days(keys);
    const total = (c: AppCounts | undefined): number => {
      let t = 0;
      for (const k of c?.values() ?? []) t += totalOf(k);
      return t;
    };
    const previous = perDay.slice(0, days);
    const current = perDay.slice(days);
    res.json(buildTrends({
      days,
      timezone: tz,
      current: { from: iso(dayStarts[days] ?? end), to: iso(end), counts: sumCounts(current) },
      previous: { from: iso(dayStarts[0] ?? end), to: iso(dayStarts[days] ?? end), counts: sumCounts(previous) },
      daily: current.map((c, i) => ({
        day: keys[days + i] ?? '', current: total(c), previousDay: keys[i] ?? '', previous: total(previous[i]),
      })),
    }, deps.city.appsById));
  });

  r.get('/api/v1/apps/complaints', viewers, async (req, res) => {
    const v = req.viewer;
    const q = parse(z.object(windowFields), req.query, res);
    if (!v || !q.ok) return;
    const now = deps.clock();
    const w = windowOf(q.data, now, todayWindow(now, tz), res);
    if (!w) return;
    // Complaints are counted per hour only: the window widens to whole hours still kept.
    const all = hourStarts(w.fromMs, ceilHour(w.toMs));
    const hours = all.filter((h) => hourRetained(h, now));
    const perHour = await deps.store(v.space).complaintHours(hours);
    const byKec = new Map<string, number>();
    for (const h of perHour) for (const [k, n] of h) byKec.set(k, (byKec.get(k) ?? 0) + n);
    const exact = floorHour(w.fromMs) === w.fromMs && ceilHour(w.toMs) === w.toMs && hours.length === all.length;
    const answer: ComplaintsAnswer = {
      from: iso(w.fromMs), to: iso(w.toMs), timezone: tz,
      coverage: { from: iso(hours[0] ?? floorHour(w.fromMs)), to: iso(ceilHour(w.toMs)), exact },
      total: [...byKec.values()].reduce((a, b) => a + b, 0),
      byKecamatan: [...byKec]
        .map(([kecamatan, count]) => ({ kecamatan, name: kecNames.get(kecamatan) ?? null, count }))
        .sort((a, b) => b.count - a.count || a.kecamatan.localeCompare(b.kecamatan)),
    };
    res.json(answer);
  });

  r.get('/api/v1/apps/:appId/series', viewers, async (req, res) => {
    const v = req.viewer;
    const q = parse(SeriesQuery, req.query, res);
    if (!v || !q.ok) return;
    const appId = req.params.appId;
    if (typeof appId !== 'string' || appId.length === 0 || appId.length > 128) return sendError(res, 400, 'invalid_query', 'appId: 1-128 characters', 'appId');
    const app = deps.city.appsById.get(appId);
    const store = deps.store(v.space);
    if (!app && !(await store.seen(appId))) return sendError(res, 404, 'not_found', 'no such app in the catalog or in events', 'appId');
    const now = deps.clock();
    const w = windowOf(q.data, now, todayWindow(now, tz), res);
    if (!w) return;
    const plan = planSeries(w.fromMs, w.toMs, q.data.resolution, now, tz);
    if (!plan.ok) return sendError(res, 400, 'invalid_query', plan.message, plan.field);
    const parts = plan.buckets.map((b) =>
      b.day !== undefined ? { res: 'day' as const, day: b.day, fromMs: b.fromMs, toMs: b.toMs } : { res: plan.resolution === 'hour' ? ('hour' as const) : ('minute' as const), fromMs: b.fromMs, toMs: b.toMs },
    );
    const values = await store.series(appId, parts);
    const answer: AppSeriesAnswer = {
      appId, name: app?.name ?? appId, registered: app !== undefined,
      from: iso(plan.buckets[0]?.fromMs ?? w.fromMs), to: iso(plan.buckets.at(-1)?.toMs ?? w.toMs), timezone: tz,
      resolution: plan.resolution,
      points: plan.buckets.map((b, i) => {
        const c = values[i];
        return { at: iso(b.fromMs), sessions: c?.session ?? 0, transactions: c?.transaction ?? 0, complaints: c?.complaint ?? 0, errors: c?.error ?? 0 };
      }),
    };
    res.json(answer);
  });

  r.get('/api/v1/alerts', viewers, async (req, res) => {
    const v = req.viewer;
    const q = parse(AlertsQuery, req.query, res);
    if (!v || !q.ok) return;
    const now = deps.clock();
    // History defaults to the last seven days, up to and including now.
    const w = windowOf(q.data, now + 1, { fromMs: now - 7 * DAY_MS, toMs: now + 1 }, res);
    if (!w) return;
    const found = await deps.store(v.space).alertHistory(w.fromMs, w.toMs, q.data.limit);
    const answer: AlertsAnswer = {
      from: iso(w.fromMs), to: iso(w.toMs), timezone: tz, total: found.total,
      alerts: found.alerts.map(([id, h]) => toAlertView(id, h, tz)),
    };
    res.json(answer);
  });
  return r;
}
