import { describe, expect, it } from 'vitest';
import { agentCounts, sortedAlerts, waitingOnLine } from '../../client/live/selectors.ts';
import { filterIncidents, NO_FILTERS } from '../../client/views/operator/filters.ts';
import { timelineSteps } from '../../client/views/operator/IncidentTimeline.tsx';
import type { AgentView, AlertView, IncidentView, WaitingCall } from '../../shared/contract/views.ts';

const call = (callId: string, line: '112' | '119', receivedAt: string): WaitingCall => ({
  callId,
  line,
  status: 'waiting',
  receivedAt,
  answeredAt: null,
  abandonedAt: null,
  endedAt: null,
  agentId: null,
  disposition: null,
  kecamatan: null,
});

const incident = (over: Partial<IncidentView>): IncidentView => ({
  incidentId: 'i',
  line: '112',
  category: 'fire',
  priority: 1,
  status: 'reported',
  location: null,
  kecamatan: '36.71.01',
  kelurahan: null,
  outside: false,
  callId: null,
  reportedAt: '2026-11-23T14:00:00+07:00',
  dispatchedAt: null,
  onSceneAt: null,
  closedAt: null,
  agencies: [],
  outcome: null,
  summary: null,
  ...over,
});

describe('waitingOnLine', () => {
  it("keeps one line's calls, longest wait first, whatever the offsets", () => {
    const w = {
      a: call('a', '112', '2026-11-23T14:00:10+07:00'),
      b: call('b', '119', '2026-11-23T14:00:00+07:00'),
      c: call('c', '112', '2026-11-23T06:59:50Z'),
    };
    expect(waitingOnLine(w, '112').map((c) => c.callId)).toEqual(['c', 'a']);
  });
});

describe('agentCounts', () => {
  it('counts per state and line, ignoring logged-out agents', () => {
    const agent = (agentId: string, line: '112' | '119', state: AgentView['state']): AgentView => ({ agentId, line, state, since: null, callId: null });
    const agents = { a: agent('a', '112', 'available'), b: agent('b', '112', 'on_call'), c: agent('c', '112', 'paused'), d: agent('d', '119', 'available'), e: agent('e', '112', 'logged_out') };
    expect(agentCounts(agents, '112')).toEqual({ available: 1, onCall: 1, paused: 1 });
    expect(agentCounts(agents, null)).toEqual({ available: 2, onCall: 1, paused: 1 });
  });
});

describe('sortedAlerts', () => {
  it('puts raised critical alerts first and cleared ones last', () => {
    const alert = (alertId: string, severity: AlertView['severity'], clearedAt: string | null): AlertView => ({
      alertId,
      kind: 'spike',
      subject: 's',
      severity,
      raisedAt: '2026-11-23T14:00:00+07:00',
      clearedAt,
      ackedAt: null,
      ackedBy: null,
      detail: {},
    });
    const sorted = sortedAlerts({ a: alert('a', 'warning', null), b: alert('b', 'critical', '2026-11-23T14:05:00+07:00'), c: alert('c', 'critical', null) });
    expect(sorted.map((a) => a.alertId)).toEqual(['c', 'a', 'b']);
  });
});

describe('filterIncidents', () => {
  const list = [incident({ incidentId: '1' }), incident({ incidentId: '2', line: '119', category: 'medical' }), incident({ incidentId: '3', kecamatan: '36.71.02' })];
  it('passes everything without filters', () => {
    expect(filterIncidents(list, NO_FILTERS)).toHaveLength(3);
  });
  it('combines line, kecamatan and category', () => {
    expect(filterIncidents(list, { line: '112', kecamatan: '36.71.01', category: 'fire' }).map((i) => i.incidentId)).toEqual(['1']);
    expect(filterIncidents(list, { ...NO_FILTERS, category: 'medical' }).map((i) => i.incidentId)).toEqual(['2']);
  });
});

describe('timelineSteps', () => {
  it('gives the seconds between the steps that happened', () => {
    const steps = timelineSteps(
      incident({ dispatchedAt: '2026-11-23T14:02:00+07:00', onSceneAt: null, closedAt: '2026-11-23T14:32:00+07:00' }),
    );
    expect(steps.map((s) => [s.status, s.sincePrevSeconds])).toEqual([
      ['reported', null],
      ['dispatched', 120],
      ['on_scene', null],
      ['closed', 1800],
    ]);
  });
});
