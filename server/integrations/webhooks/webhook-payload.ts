// What a webhook carries (docs/integrations.md "Webhooks"): one alert state change, or one
// daily report written. Receivers tell them apart by `kind`; `deliveryId` is unique per change and per target, the key to drop repeats.
import { z } from 'zod';
import { AlertView, Space } from '../../../shared/contract/views.ts';

/** The state changes that send a message: a raise, a change of severity, a clear. Acks do not. */
export const ALERT_CHANGES = ['raised', 'updated', 'cleared'] as const;
export const AlertChange = z.enum(ALERT_CHANGES);
export type AlertChange = z.infer<typeof AlertChange>;

/** What every payload carries. */
const envelope = {
  deliveryId: z.string(),
  /** When Pantau saw the change or wrote the report (ISO with the city's offset). */
  at: z.string(),
  city: z.object({ id: z.string(), name: z.string() }),
  space: Space,
  /** The message in Bahasa Indonesia and English, ready to show. */
  text: z.object({ id: z.string(), en: z.string() }),
};

export const AlertPayload = z.object({ kind: z.literal('alert'), ...envelope, change: AlertChange, alert: AlertView });
export type AlertPayload = z.infer<typeof AlertPayload>;

/** A daily report was written (server/reports): where to download it. */
export const DailyReportPayload = z.object({
  kind: z.literal('daily-report'),
  ...envelope,
  /** The city day, YYYY-MM-DD. */
  day: z.string(),
  lang: z.enum(['id', 'en']),
  /** The report also carries the week (Monday-Sunday) ending on `day`. */
  weekly: z.boolean(),
  /** The PDF (GET, with an operator or executive token). */
  reportUrl: z.string(),
});
export type DailyReportPayload = z.infer<typeof DailyReportPayload>;

export const WebhookPayload = z.discriminatedUnion('kind', [AlertPayload, DailyReportPayload]);
export type WebhookPayload = z.infer<typeof WebhookPayload>;

export const DeadLetter = z.object({
  target: z.string(),
  deliveryId: z.string(),
  attempts: z.number().int(),
  lastError: z.string(),
  failedAt: z.string(),
  payload: WebhookPayload,
});
export type DeadLetter = z.infer<typeof DeadLetter>;

export const DeadLetterAnswer = z.object({ total: z.number().int(), deadLetters: z.array(DeadLetter) });
export type DeadLetterAnswer = z.infer<typeof DeadLetterAnswer>;
