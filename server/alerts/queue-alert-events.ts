// The queue alerts' events and ids. An id is `queue:<line>:<condition>[:<agent hash>]:<start ms>`:
// everything before the last colon is the condition's key, which the job matches active
// alerts by; the start makes a new occurrence a new alert. Agent ids are hashed (fixed
// length, no colon) so an id stays under 128 characters whatever the agent is called.
import { createHash } from 'node:crypto';
import type { EventOf } from '../../shared/contract/events.ts';
import { internalEventId } from '../domain/internal-id.ts';
import type { QueueFinding } from '../domain/queue-alert-rules.ts';
import { ALERT_SOURCE, clearedEvent } from './alert-events.ts';

const PREFIX = 'queue';

export function queueAlertKey(f: Pick<QueueFinding, 'line' | 'condition' | 'detail'>): string {
  if (f.condition !== 'long-call') return `${PREFIX}:${f.line}:${f.condition}`;
  const agent = createHash('sha256').update(String(f.detail['agentId'])).digest('base64url').slice(0, 16);
  return `${PREFIX}:${f.line}:long-call:${agent}`;
}

export function queueAlertId(f: QueueFinding): string {
  return `${queueAlertKey(f)}:${f.startMs}`;
}

/** The key of an alert id this module made. */
export function keyOfQueueAlertId(alertId: string): string {
  return alertId.slice(0, alertId.lastIndexOf(':'));
}

export function queueRaisedEvent(alertId: string, f: QueueFinding, at: string, verb: 'raise' | 'escalate'): EventOf<'alert.raised'> {
  return {
    // An escalation is a second fact about the same alert: its own event id.
    id: internalEventId(verb, alertId), type: 'alert.raised', at, source: ALERT_SOURCE,
    alertId, kind: 'queue', subject: f.line, severity: f.severity, detail: f.detail,
  };
}

export { clearedEvent as queueClearedEvent };
