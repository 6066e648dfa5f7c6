// KPI answer shape (design.md "KPI definitions" and "Shapes the checks read").
// Durations are seconds with one decimal, rates fractions 0-1 with four decimals, no data is null.
import { z } from 'zod';

const Seconds = z.number().nullable();
const Rate = z.number().min(0).max(1).nullable();

export const CallKpis = z.object({
  offered: z.number().int(),
  answered: z.number().int(),
  abandoned: z.number().int(),
  asa: Seconds,
  sl15: Rate,
  sl20: Rate,
  abandonmentRate: Rate,
  byDisposition: z.record(z.string(), z.number().int()),
  prankShare: Rate,
  /**
   * Abandoned calls with a number (due a callback), how many were called back (any outcome) and
   * how many within 2 minutes of the abandonment; the rates are of `due` (issue 16).
   */
  callbacks: z.object({
    due: z.number().int(),
    calledBack: z.number().int(),
    within2m: z.number().int(),
    calledBackRate: Rate,
    within2mRate: Rate,
  }).optional(),
  /** Live only (today): calls waiting now and the longest wait now in seconds. */
  waitingNow: z.number().int().optional(),
  longestWaitNow: Seconds.optional(),
});
export type CallKpis = z.infer<typeof CallKpis>;

export const DurationStats = z.object({ mean: Seconds, p90: Seconds, n: z.number().int() });
export type DurationStats = z.infer<typeof DurationStats>;

/** Arrivals within an on-scene target: `within` of `n` arrivals, `rate` = within ÷ n (null when n is 0). */
export const ResponseTarget = z.object({ seconds: z.number(), within: z.number().int(), n: z.number().int(), rate: Rate });
export type ResponseTarget = z.infer<typeof ResponseTarget>;

export const IncidentKpis = z.object({
  count: z.number().int(),
  byCategory: z.record(z.string(), z.number().int()),
  byPriority: z.record(z.string(), z.number().int()),
  byKecamatan: z.record(z.string(), z.number().int()),
  byAgency: z.record(z.string(), z.number().int()),
  dispatch: DurationStats,
  response: DurationStats,
  prankRate: Rate,
  /**
   * Extra: dispatch and response per agency (executive view), and the share of the agency's
   * incidents with an arrival that arrived within its on-scene target (city profile
   * `targets.responseMinutesByAgency`, else `responseMinutes`).
   */
  byAgencyTimes: z.record(z.string(), z.object({ dispatch: DurationStats, response: DurationStats, responseTarget: ResponseTarget.optional() })).optional(),
  /** Incidents whose point lies outside the city. */
  outside: z.number().int().optional(),
});
export type IncidentKpis = z.infer<typeof IncidentKpis>;

export const KpisAnswer = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  calls: z.object({ '112': CallKpis, '119': CallKpis, all: CallKpis }),
  incidents: IncidentKpis,
  targets: z.object({ sl15: z.number(), sl20: z.number(), asaSeconds: z.number().optional(), callbackWithin2m: z.number().optional() }).optional(),
});
export type KpisAnswer = z.infer<typeof KpisAnswer>;
