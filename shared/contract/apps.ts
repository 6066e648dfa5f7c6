// Answers of the per-app endpoints (/api/v1/apps/*, /api/v1/alerts). Counts are whole
// events; a rate or change with nothing to divide by is null (design.md "Shapes the checks read").
import { z } from 'zod';
import { APP_CATEGORIES } from './city.ts';
import { APP_KINDS } from './events.ts';
import { AlertView, AppTop } from './views.ts';

/** Pseudo-category, agency and super-app key of appIds the catalog does not know. */
export const UNREGISTERED = 'unregistered';
/** Super-app key of registered apps that belong to no super-app. */
export const NO_SUPER_APP = 'none';

export const AppCategoryFilter = z.enum([...APP_CATEGORIES, UNREGISTERED]);
export type AppCategoryFilter = z.infer<typeof AppCategoryFilter>;

export const KindTotals = z.object({
  sessions: z.number().int(),
  transactions: z.number().int(),
  complaints: z.number().int(),
  errors: z.number().int(),
  /** sessions + transactions + complaints + errors: what rankings sort by. */
  total: z.number().int(),
});
export type KindTotals = z.infer<typeof KindTotals>;

/** Which buckets a window was summed from, and the window they really cover. */
export const Coverage = z.object({
  from: z.string(),
  to: z.string(),
  /** false when retention forced coarser buckets than the window's edges (minutes last 48 h, hours 90 days). */
  exact: z.boolean(),
  days: z.number().int(),
  hours: z.number().int(),
  minutes: z.number().int(),
});
export type Coverage = z.infer<typeof Coverage>;

export const AppActivityRow = AppTop.extend({
  rank: z.number().int(),
  total: z.number().int(),
  agency: z.string().nullable(),
  category: z.string().nullable(),
  superApp: z.string().nullable(),
  /** errors ÷ (sessions + transactions). */
  errorRate: z.number().nullable(),
});
export type AppActivityRow = z.infer<typeof AppActivityRow>;

export const AppGroupRow = KindTotals.extend({
  key: z.string(),
  name: z.string(),
  /** Apps of the group with any activity in the window. */
  activeApps: z.number().int(),
});
export type AppGroupRow = z.infer<typeof AppGroupRow>;

export const AppActivityAnswer = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  coverage: Coverage,
  rankedBy: z.enum(['total', ...APP_KINDS]),
  totals: KindTotals.extend({
    activeApps: z.number().int(),
    /** Active appIds the catalog does not know (kept, shown as unregistered). */
    unregisteredApps: z.number().int(),
  }),
  top: z.array(AppActivityRow),
  bySuperApp: z.array(AppGroupRow),
  byAgency: z.array(AppGroupRow),
  byCategory: z.array(AppGroupRow),
});
export type AppActivityAnswer = z.infer<typeof AppActivityAnswer>;

export const SERIES_RESOLUTIONS = ['minute', 'hour', 'day'] as const;
export const SeriesResolution = z.enum(SERIES_RESOLUTIONS);
export type SeriesResolution = z.infer<typeof SeriesResolution>;

export const SeriesPoint = z.object({
  /** Start of the point's minute, hour or city day. */
  at: z.string(),
  sessions: z.number().int(),
  transactions: z.number().int(),
  complaints: z.number().int(),
  errors: z.number().int(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const AppSeriesAnswer = z.object({
  appId: z.string(),
  name: z.string(),
  registered: z.boolean(),
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  resolution: SeriesResolution,
  points: z.array(SeriesPoint),
});
export type AppSeriesAnswer = z.infer<typeof AppSeriesAnswer>;

export const ComplaintsAnswer = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  /** Complaints are kept per hour for 90 days: the window is widened to whole hours. */
  coverage: z.object({ from: z.string(), to: z.string(), exact: z.boolean() }),
  total: z.number().int(),
  byKecamatan: z.array(z.object({ kecamatan: z.string(), name: z.string().nullable(), count: z.number().int() })),
});
export type ComplaintsAnswer = z.infer<typeof ComplaintsAnswer>;

export const AlertsAnswer = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  /** Alerts raised in the window (newest first), capped at `limit`; `total` counts them all. */
  total: z.number().int(),
  alerts: z.array(AlertView),
});
export type AlertsAnswer = z.infer<typeof AlertsAnswer>;

export const TrendRow = z.object({
  key: z.string(),
  name: z.string(),
  current: KindTotals,
  previous: KindTotals,
  /** (current.total − previous.total) ÷ previous.total; null when the period before had nothing. */
  change: z.number().nullable(),
});
export type TrendRow = z.infer<typeof TrendRow>;

export const AppTrendsAnswer = z.object({
  days: z.number().int(),
  timezone: z.string(),
  /** Whole city days: [from, to) and the same number of days just before it. */
  current: z.object({ from: z.string(), to: z.string() }),
  previous: z.object({ from: z.string(), to: z.string() }),
  totals: TrendRow,
  byAgency: z.array(TrendRow),
  bySuperApp: z.array(TrendRow),
  byCategory: z.array(TrendRow),
  /** Per day of the current period, its total beside the total of the matching day before. */
  daily: z.array(z.object({ day: z.string(), current: z.number().int(), previousDay: z.string(), previous: z.number().int() })),
});
export type AppTrendsAnswer = z.infer<typeof AppTrendsAnswer>;
