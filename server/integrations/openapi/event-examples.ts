// One example of every event type, shown in the OpenAPI document and posted by the contract
// test. They are data, not a description of the shapes: the shapes come from the zod schemas,
// and `eventExamples()` parses every example with them, so an example that drifts from its
// schema fails at startup and in the tests rather than in an integrator's hands.
import { PantauEvent, type EventType } from '../../../shared/contract/events.ts';

const AT = '2026-11-23T14:05:32+07:00';
const SRC = 'pbx-112';

function examples(kec: string, [lat, lon]: readonly [number, number]): Record<EventType, Record<string, unknown>> {
  return {
    'call.received': { id: 'evt-1001', type: 'call.received', at: AT, source: SRC, callId: 'c-1001', line: '112', caller: { number: '+62 812 0000 0000' }, location: { lat, lon, kecamatan: kec } },
    'call.answered': { id: 'evt-1002', type: 'call.answered', at: AT, source: SRC, callId: 'c-1001', agentId: 'agent-07' },
    'call.abandoned': { id: 'evt-1003', type: 'call.abandoned', at: AT, source: SRC, callId: 'c-1002' },
    'call.ended': { id: 'evt-1004', type: 'call.ended', at: AT, source: SRC, callId: 'c-1001', disposition: 'emergency' },
    'call.expired': { id: 'evt-1005', type: 'call.expired', at: AT, source: SRC, callId: 'c-1003' },
    'call.callback': { id: 'evt-1006', type: 'call.callback', at: AT, source: SRC, callId: 'c-1002', agentId: 'agent-07', outcome: 'reached' },
    'incident.reported': { id: 'evt-2001', type: 'incident.reported', at: AT, source: 'cad', incidentId: 'i-2001', callId: 'c-1001', line: '112', category: 'fire', priority: 1, location: { kecamatan: kec, address: 'Jl. Daan Mogot' }, summary: 'Kebakaran rumah tinggal' },
    'incident.dispatched': { id: 'evt-2002', type: 'incident.dispatched', at: AT, source: 'cad', incidentId: 'i-2001', agency: 'fire', unitId: 'damkar-3' },
    'incident.on_scene': { id: 'evt-2003', type: 'incident.on_scene', at: AT, source: 'cad', incidentId: 'i-2001', unitId: 'damkar-3' },
    'incident.closed': { id: 'evt-2004', type: 'incident.closed', at: AT, source: 'cad', incidentId: 'i-2001', outcome: 'resolved' },
    'app.activity': { id: 'evt-3001', type: 'app.activity', at: AT, source: 'app-gateway', appId: 'tangerang-live', kind: 'complaint', count: 3, kecamatan: kec },
    'agent.login': { id: 'evt-4001', type: 'agent.login', at: AT, source: SRC, agentId: 'agent-07', line: '112' },
    'agent.logout': { id: 'evt-4002', type: 'agent.logout', at: AT, source: SRC, agentId: 'agent-07', line: '112' },
    'agent.paused': { id: 'evt-4003', type: 'agent.paused', at: AT, source: SRC, agentId: 'agent-07', line: '112', reason: 'istirahat' },
    'agent.unpaused': { id: 'evt-4004', type: 'agent.unpaused', at: AT, source: SRC, agentId: 'agent-07', line: '112' },
    'alert.raised': { id: 'evt-5001', type: 'alert.raised', at: AT, source: 'pantau-alerts', alertId: 'silent:tangerang-live:1795425900000', kind: 'silent', subject: 'tangerang-live', severity: 'critical', detail: { name: 'Tangerang LIVE', silentMinutes: 15 } },
    'alert.cleared': { id: 'evt-5002', type: 'alert.cleared', at: AT, source: 'pantau-alerts', alertId: 'silent:tangerang-live:1795425900000' },
    'alert.acked': { id: 'evt-5003', type: 'alert.acked', at: AT, source: 'pantau-operator', alertId: 'silent:tangerang-live:1795425900000', by: 'operator-1' },
  };
}

/** Every event type's example, in the city's first kecamatan and at its map centre, checked against its schema. */
export function eventExamples(kecamatan: string, point: readonly [number, number]): Record<EventType, PantauEvent> {
  const out: Partial<Record<EventType, PantauEvent>> = {};
  for (const [type, example] of Object.entries(examples(kecamatan, point)) as [EventType, unknown][]) out[type] = PantauEvent.parse(example);
  return out as Record<EventType, PantauEvent>;
}
