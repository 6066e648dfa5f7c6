// A notice becomes one delivery per target that wants it: the Pantau payload, and the body the
// target's format sends (Pantau JSON, a Telegram bot's sendMessage, a WhatsApp Business template
// message). Rendered once, when the notice is fanned out, so every retry sends the same bytes.
// Pure.
import { createHash } from 'node:crypto';
import type { AlertView, Space } from '../../../shared/contract/views.ts';
import { description, headline, messageText } from '../alert-text.ts';
import type { WebhookTarget } from './webhook-config.ts';
import type { AlertChange, AlertPayload, DailyReportPayload, WebhookPayload } from './webhook-payload.ts';

export interface Delivery {
  deliveryId: string;
  target: string;
  payload: WebhookPayload;
  /** The exact body to send (and sign). */
  body: string;
}

/** Unique per space, alert, state and target; the same whichever process renders it. */
export function deliveryIdOf(space: Space, alertId: string, state: string, target: string): string {
  return createHash('sha256').update(`${space}\u0000${alertId}\u0000${state}\u0000${target}`).digest('hex').slice(0, 32);
}

const MARK: Record<AlertChange, Record<AlertView['severity'], string>> = {
  raised: { warning: '🟠', critical: '🔴' },
  updated: { warning: '🟠', critical: '🔴' },
  cleared: { warning: '✅', critical: '✅' },
};

/** The body for the target's format. Chat texts are in Bahasa Indonesia. */
export function bodyFor(t: WebhookTarget, payload: AlertPayload): string {
  const { alert, change } = payload;
  if (t.format === 'telegram') {
    // Plain text (no parse_mode): nothing in an app's name can break Telegram's markup.
    return JSON.stringify({ chat_id: t.chatId, text: `${MARK[change][alert.severity]} ${payload.text.id}`, disable_web_page_preview: true });
  }
  if (t.format === 'whatsapp') {
    // WhatsApp Cloud API: a business-initiated message must use an approved template; ours has
    // two body parameters, {{1}} the headline and {{2}} the description (docs/integrations.md).
    return JSON.stringify({
      messaging_product: 'whatsapp', to: t.to, type: 'template',
      template: {
        name: t.template, language: { code: t.templateLanguage },
        components: [{ type: 'body', parameters: [
          { type: 'text', text: `${MARK[change][alert.severity]} ${headline(alert, change, 'id')}` },
          { type: 'text', text: description(alert, change, 'id', payload.city.name) },
        ] }],
      },
    });
  }
  return JSON.stringify(payload);
}

export interface AlertNoticeInput {
  space: Space;
  state: string;
  change: AlertChange;
  alert: AlertView;
  at: string;
  city: { id: string; name: string };
}

export function alertDelivery(t: WebhookTarget, n: AlertNoticeInput): Delivery {
  const deliveryId = deliveryIdOf(n.space, n.alert.alertId, n.state, t.name);
  const payload: AlertPayload = {
    kind: 'alert', deliveryId, at: n.at, city: n.city, space: n.space, change: n.change, alert: n.alert,
    text: { id: messageText(n.alert, n.change, 'id', n.city.name), en: messageText(n.alert, n.change, 'en', n.city.name) },
  };
  return { deliveryId, target: t.name, payload, body: bodyFor(t, payload) };
}

export interface ReportNoticeInput {
  space: Space;
  day: string;
  lang: 'id' | 'en';
  weekly: boolean;
  reportUrl: string;
  at: string;
  city: { id: string; name: string };
  text: { id: string; en: string };
}

/** The body of a report for the target's format: the Pantau JSON, or the Indonesian text for a chat. */
function reportBody(t: WebhookTarget, payload: DailyReportPayload): string {
  if (t.format === 'telegram') return JSON.stringify({ chat_id: t.chatId, text: `📄 ${payload.text.id}`, disable_web_page_preview: true });
  if (t.format === 'whatsapp') {
    // The same two-parameter template as the alerts: {{1}} a headline, {{2}} the text with the link.
    return JSON.stringify({
      messaging_product: 'whatsapp', to: t.to, type: 'template',
      template: {
        name: t.template, language: { code: t.templateLanguage },
        components: [{ type: 'body', parameters: [
          { type: 'text', text: `📄 Laporan harian ${payload.day}` },
          { type: 'text', text: payload.text.id },
        ] }],
      },
    });
  }
  return JSON.stringify(payload);
}

/** One delivery per report, language and target: the same id whichever process writes it, so a receiver drops a repeat. */
export function reportDelivery(t: WebhookTarget, n: ReportNoticeInput): Delivery {
  const deliveryId = deliveryIdOf(n.space, `report:${n.day}:${n.lang}`, 'ready', t.name);
  const payload: DailyReportPayload = {
    kind: 'daily-report', deliveryId, at: n.at, city: n.city, space: n.space, text: n.text,
    day: n.day, lang: n.lang, weekly: n.weekly, reportUrl: n.reportUrl,
  };
  return { deliveryId, target: t.name, payload, body: reportBody(t, payload) };
}
