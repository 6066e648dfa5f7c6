// Answers of the report routes (`GET /api/v1/reports`, `POST /api/v1/reports/<day>`).
import { z } from 'zod';
import { ReportDay } from '../report/report-day.ts';

/** Bahasa Indonesia first (the default), English as an option. */
export const ReportLang = z.enum(['id', 'en']);
export type ReportLang = z.infer<typeof ReportLang>;

export const ReportInfo = z.object({
  /** The city day the report covers. */
  day: ReportDay,
  lang: ReportLang,
  /** true when the report also carries the week Monday-Sunday that ends on `day` (a Sunday). */
  weekly: z.boolean(),
  /** When it was written (ISO with the city's offset). */
  renderedAt: z.string(),
  /** How it came to be: the 06:00 job (or its catch-up at start), or someone asking. */
  trigger: z.enum(['schedule', 'request']),
  bytes: z.number().int().positive(),
  /** How long the rendering took, in milliseconds. */
  renderMs: z.number().int().nonnegative(),
  /** Where to download it (relative to the server). */
  path: z.string(),
});
export type ReportInfo = z.infer<typeof ReportInfo>;

export const ReportsAnswer = z.object({
  timezone: z.string(),
  /** Newest day first. */
  reports: z.array(ReportInfo),
});
export type ReportsAnswer = z.infer<typeof ReportsAnswer>;
