// Event factories with valid defaults and explicit overrides (style.md "Tests").
import type { EventOf, PantauEvent } from '../../shared/contract/events.ts';

let seq = 0;
const uid = (p: string): string => `${p}-${Date.now().toString(36)}-${(seq++).toString(36)}`;

/** An ISO time with the WIB offset for epoch ms. */
export function wib(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
}

type Over<T extends PantauEvent['type']> = Partial<Omit<EventOf<T>, 'type'>>;

export function makeCallReceived(o: Over<'call.received'> = {}): EventOf<'call.received'> {
  return { id: uid('ev'), type: 'call.received', at: wib(Date.now()), source: 'test', callId: uid('call'), line: '112', ...o };
}
export function makeCallAnswered(o: Over<'call.answered'> & { callId: string }): EventOf<'call.answered'> {
  return { id: uid('ev'), type: 'call.answered', at: wib(Date.now()), source: 'test', agentId: 'agent-1', ...o };
}
export function makeCallAbandoned(o: Over<'call.abandoned'> & { callId: string }): EventOf<'call.abandoned'> {
  return { id: uid('ev'), type: 'call.abandoned', at: wib(Date.now()), source: 'test', ...o };
}
export function makeCallEnded(o: Over<'call.ended'> & { callId: string }): EventOf<'call.ended'> {
  return { id: uid('ev'), type: 'call.ended', at: wib(Date.now()), source: 'test', ...o };
}
export function makeIncidentReported(o: Over<'incident.reported'> = {}): EventOf<'incident.reported'> {
  return {
    id: uid('ev'), type: 'incident.reported', at: wib(Date.now()), source: 'test', incidentId: uid('inc'),
    line: '112', category: 'fire', priority: 1, location: { lat: -6.178, lon: 106.63 }, ...o,
  };
}
export function makeAppActivity(o: Over<'app.activity'> = {}): EventOf<'app.activity'> {
  return { id: uid('ev'), type: 'app.activity', at: wib(Date.now()), source: 'test', appId: 'laksa', kind: 'session', ...o };
}
