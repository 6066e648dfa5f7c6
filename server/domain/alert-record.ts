// An alert as stored in its Redis hash (project.lua, project_alert): raisedAt, clearedAt,
// ackedAt (epoch ms), kind, subject, severity, ackedBy, detail (JSON).
import { ALERT_KINDS } from '../../shared/contract/events.ts';
import type { AlertView } from '../../shared/contract/views.ts';
import { isOneOf } from './call-record.ts';
import { isoOrNull, parseEpochMs } from './time.ts';

export function parseAlertDetail(text: string | undefined): AlertView['detail'] {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: AlertView['detail'] = {};
    for (const [k, x] of Object.entries(v)) if (typeof x === 'string' || typeof x === 'number' || x === null) out[k] = x;
    return out;
  } catch {
    return {};
  }
}

export function toAlertView(alertId: string, h: Record<string, string>, timeZone: string): AlertView {
  const kind = isOneOf(ALERT_KINDS, h.kind) ? h.kind : 'spike';
  return {
    alertId,
    kind,
    subject: h.subject ?? alertId,
    severity: h.severity === 'critical' ? 'critical' : 'warning',
    raisedAt: isoOrNull(parseEpochMs(h.raisedAt), timeZone) ?? '',
    clearedAt: isoOrNull(parseEpochMs(h.clearedAt), timeZone),
    ackedAt: isoOrNull(parseEpochMs(h.ackedAt), timeZone),
    ackedBy: h.ackedBy ?? null,
    detail: parseAlertDetail(h.detail),
  };
}
