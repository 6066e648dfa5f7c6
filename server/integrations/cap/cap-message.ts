// One alert as an OASIS CAP 1.2 message (docs/integrations.md "CAP 1.2"). The message follows
// the alert: `Alert` while it is raised, `Update` once its severity changed, `Cancel` once it
// is cleared; Update and Cancel reference the messages before them ("sender,identifier,sent").
// Two <info> blocks: Bahasa Indonesia (id-ID) first, English (en-US) second. Pure.
import type { AlertView, Space } from '../../../shared/contract/views.ts';
import type { AlertTimeline } from '../alert-state.ts';
import { description, headline, kindName, type Lang } from '../alert-text.ts';
import type { AlertChange } from '../webhooks/webhook-payload.ts';
import type { CapArea } from './cap-area.ts';

export const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

export interface CapSender {
  sender: string;
  senderName: string;
  codes: readonly string[];
  contact?: string | undefined;
  web?: string | undefined;
  cityId: string;
  cityName: string;
  /** Formats epoch ms as CAP wants it: seconds, explicit offset, the city's zone. */
  time(ms: number): string;
}

type MsgType = 'Alert' | 'Update' | 'Cancel';

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

const el = (name: string, value: string): string => `<${name}>${xmlEscape(value)}</${name}>`;

/**
 * The identifier of one of the alert's messages: unique per city, space and alert, without the
 * spaces and commas CAP forbids (the alert id is percent-encoded).
 */
export function capIdentifier(cityId: string, space: Space, alertId: string, msg: MsgType): string {
  return `urn:pantau:${cityId}:${space}:alert:${encodeURIComponent(alertId)}${msg === 'Alert' ? '' : `:${msg.toLowerCase()}`}`;
}

export function msgTypeOf(t: AlertTimeline): MsgType {
  if (t.clearedMs !== null) return 'Cancel';
  return t.updatedMs !== null ? 'Update' : 'Alert';
}

const CATEGORY: Record<AlertView['kind'], string> = {
  spike: 'Infra', drop: 'Infra', silent: 'Infra', 'error-rate': 'Infra', 'complaint-spike': 'Other', queue: 'Rescue',
};

function info(alert: AlertView, change: AlertChange, lang: Lang, s: CapSender, area: CapArea, expiresMs: number | null): string {
  const cleared = change === 'cleared';
  const parts = [
    el('language', lang === 'id' ? 'id-ID' : 'en-US'),
    el('category', CATEGORY[alert.kind]),
    el('event', kindName(alert.kind, lang)),
    el('responseType', cleared ? 'AllClear' : 'Monitor'),
    el('urgency', cleared ? 'Past' : alert.severity === 'critical' ? 'Immediate' : 'Expected'),
    el('severity', cleared ? 'Minor' : alert.severity === 'critical' ? 'Severe' : 'Moderate'),
    el('certainty', 'Observed'),
    `<eventCode>${el('valueName', 'pantau:kind')}${el('value', alert.kind)}</eventCode>`,
    ...(expiresMs === null ? [] : [el('expires', s.time(expiresMs))]),
    el('senderName', s.senderName),
    el('headline', headline(alert, change, lang)),
    el('description', description(alert, change, lang, s.cityName)),
    ...(s.web ? [el('web', s.web)] : []),
    ...(s.contact ? [el('contact', s.contact)] : []),
    `<parameter>${el('valueName', 'pantau:alertId')}${el('value', alert.alertId)}</parameter>`,
    `<parameter>${el('valueName', 'pantau:subject')}${el('value', alert.subject)}</parameter>`,
    `<area>${[
      el('areaDesc', area.areaDesc),
      ...area.polygons.map((p) => el('polygon', p)),
      ...(area.circle ? [el('circle', area.circle)] : []),
      ...area.geocodes.map((g) => `<geocode>${el('valueName', 'BPS')}${el('value', g)}</geocode>`),
    ].join('')}</area>`,
  ];
  return `<info>${parts.join('')}</info>`;
}

export interface CapInput {
  alert: AlertView;
  timeline: AlertTimeline;
  space: Space;
  area: CapArea;
}

/** The alert's current CAP message, without the XML declaration (the feed embeds it). */
export function capAlertElement(input: CapInput, s: CapSender): { identifier: string; sent: string; msgType: MsgType; xml: string } {
  const { alert, timeline: t, space, area } = input;
  const msgType = msgTypeOf(t);
  const change: AlertChange = msgType === 'Cancel' ? 'cleared' : msgType === 'Update' ? 'updated' : 'raised';
  const sentMs = msgType === 'Cancel' ? (t.clearedMs ?? t.raisedMs) : msgType === 'Update' ? (t.updatedMs ?? t.raisedMs) : t.raisedMs;
  const identifier = capIdentifier(s.cityId, space, alert.alertId, msgType);
  const earlier: string[] = [];
  if (msgType !== 'Alert') earlier.push(`${s.sender},${capIdentifier(s.cityId, space, alert.alertId, 'Alert')},${s.time(t.raisedMs)}`);
  if (msgType === 'Cancel' && t.updatedMs !== null) earlier.push(`${s.sender},${capIdentifier(s.cityId, space, alert.alertId, 'Update')},${s.time(t.updatedMs)}`);
  const xml = [
    `<alert xmlns="${CAP_NS}">`,
    el('identifier', identifier),
    el('sender', s.sender),
    el('sent', s.time(sentMs)),
    // The demo space is simulated: an exercise, never to be acted on.
    el('status', space === 'demo' ? 'Exercise' : 'Actual'),
    el('msgType', msgType),
    el('source', 'Pantau'),
    el('scope', 'Public'),
    ...s.codes.map((c) => el('code', c)),
    ...(earlier.length > 0 ? [el('references', earlier.join(' '))] : []),
    // A cleared alert's message expires at once; an active one is current until replaced.
    info(alert, change, 'id', s, area, msgType === 'Cancel' ? sentMs : null),
    info(alert, change, 'en', s, area, msgType === 'Cancel' ? sentMs : null),
    '</alert>',
  ].join('');
  return { identifier, sent: s.time(sentMs), msgType, xml };
}

export function capDocument(input: CapInput, s: CapSender): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${capAlertElement(input, s).xml}\n`;
}
