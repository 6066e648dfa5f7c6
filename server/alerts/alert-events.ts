// The alert events the detector writes. Ids are derived from what was detected, never from
// which process detected it, so several server processes running the job at once write the
// same events and ingest's dedupe keeps one.
import { createHash } from 'node:crypto';
import type { EventOf } from '../../shared/contract/events.ts';
import type { Finding } from '../domain/anomaly.ts';
import { internalEventId } from '../domain/internal-id.ts';

export const ALERT_SOURCE = 'pantau-alerts';
const MAX_ID = 128;

/** An id of at most 128 characters: a long subject is replaced by its hash. */
function boundedId(prefix: string, subject: string, suffix: string): string {
  const id = `${prefix}:${subject}:${suffix}`;
  if (id.length <= MAX_ID) return id;
  return `${prefix}:${createHash('sha256').update(subject).digest('hex').slice(0, 32)}:${suffix}`;
}

/** `silent:<appId>:<first silent minute>`: the same silence gets the same id whenever it is seen. */
export function alertIdOf(kind: string, subject: string, startMs: number): string {
  return boundedId(kind, subject, String(startMs));
}

export function raisedEvent(
  alertId: string, subject: string, f: Finding, at: string, extra: Record<string, string>, verb = 'raise',
): EventOf<'alert.raised'> {
  return {
    id: internalEventId(verb, alertId), type: 'alert.raised', at, source: ALERT_SOURCE,
    alertId, kind: f.kind, subject, severity: f.severity, detail: { ...f.detail, ...extra },
  };
}

export function clearedEvent(alertId: string, at: string): EventOf<'alert.cleared'> {
  return { id: internalEventId('clear', alertId), type: 'alert.cleared', at, source: ALERT_SOURCE, alertId };
}
