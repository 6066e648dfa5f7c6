// Whether a target wants an alert (its space and filter) or a daily report (its space). Pure.
import type { AlertView, Space } from '../../../shared/contract/views.ts';
import { alertKecamatan } from '../cap/cap-area.ts';
import type { WebhookTarget } from './webhook-config.ts';

/** The line an alert concerns: a queue alert's subject, or a detail `line`. */
export function alertLine(alert: AlertView): string | null {
  if (alert.kind === 'queue') return alert.subject;
  const l = alert.detail.line;
  return typeof l === 'string' ? l : null;
}

export function wantsAlert(t: WebhookTarget, space: Space, alert: AlertView): boolean {
  const f = t.filter;
  if (!t.spaces.includes(space) || !t.payloads.includes('alert')) return false;
  if (f.kinds && !f.kinds.includes(alert.kind)) return false;
  if (f.severity === 'critical' && alert.severity !== 'critical') return false;
  if (f.lines) {
    const line = alertLine(alert);
    if (line === null || !(f.lines as readonly string[]).includes(line)) return false;
  }
  if (f.kecamatan) {
    const kec = alertKecamatan(alert);
    if (kec === null || !f.kecamatan.includes(kec)) return false;
  }
  return true;
}

/** Reports are not filtered by kind, severity, line or kecamatan: a target that takes them takes them all. */
export function wantsReport(t: WebhookTarget, space: Space): boolean {
  return t.spaces.includes(space) && t.payloads.includes('daily-report');
}
