// Webhook targets (docs/integrations.md "Webhooks"), from PANTAU_WEBHOOKS: a JSON array, or
// `@/path/to/file.json` holding one. Each target has a name, a URL, a secret for the signature,
// a format (Pantau's JSON, a Telegram bot, WhatsApp Business), the spaces it hears and filters.
import { z } from 'zod';
import { ALERT_KINDS, Line } from '../../../shared/contract/events.ts';
import { Space } from '../../../shared/contract/views.ts';

export const WEBHOOK_FORMATS = ['pantau', 'telegram', 'whatsapp'] as const;

export const WebhookFilter = z.object({
  /** Alert kinds to send; all when absent. */
  kinds: z.array(z.enum(ALERT_KINDS)).min(1).optional(),
  /** The least severity to send: `critical` sends only critical alerts. */
  severity: z.enum(['warning', 'critical']).optional(),
  /** Only alerts about these lines (queue alerts, or a detail `line`). */
  lines: z.array(Line).min(1).optional(),
  /** Only alerts about these kecamatan (BPS codes). */
  kecamatan: z.array(z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'a BPS kecamatan code such as 36.71.07')).min(1).optional(),
}).strict();
export type WebhookFilter = z.infer<typeof WebhookFilter>;

export const WebhookTarget = z.object({
  /** Names the target in metrics, the outbox keys and the dead-letter list. */
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (1-64)'),
  url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
  /** HMAC-SHA256 key of the signature header. */
  secret: z.string().min(16, 'at least 16 characters'),
  format: z.enum(WEBHOOK_FORMATS).default('pantau'),
  /** Telegram: the chat to post in. */
  chatId: z.string().min(1).max(64).optional(),
  /** WhatsApp Business: the recipient's number, and the approved template's name and language. */
  to: z.string().regex(/^\d{6,20}$/, 'digits only, with the country code').optional(),
  template: z.string().regex(/^[a-z0-9_]{1,512}$/).default('pantau_peringatan'),
  templateLanguage: z.string().min(2).max(10).default('id'),
  /** Extra request headers, e.g. the WhatsApp Cloud API's `Authorization: Bearer <token>`. */
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name'), z.string().max(4_096)).optional(),
  spaces: z.array(Space).min(1).default(['live']),
  /** What the target receives: alert state changes, and (when Pantau writes it) the daily report. */
  payloads: z.array(z.enum(['alert', 'daily-report'])).min(1).default(['alert']),
  filter: WebhookFilter.default({}),
}).strict().superRefine((t, ctx) => {
  if (t.format === 'telegram' && !t.chatId) ctx.addIssue({ code: 'custom', path: ['chatId'], message: 'a telegram target needs chatId' });
  if (t.format === 'whatsapp' && !t.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a whatsapp target needs to' });
});
export type WebhookTarget = z.infer<typeof WebhookTarget>;

export const WebhookTargets = z.array(WebhookTarget).max(50).superRefine((ts, ctx) => {
  const seen = new Set<string>();
  ts.forEach((t, i) => {
    if (seen.has(t.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `two targets are named ${t.name}` });
    seen.add(t.name);
  });
});
