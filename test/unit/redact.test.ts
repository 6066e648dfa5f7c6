import { describe, expect, it } from 'vitest';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import { Snapshot, StreamPosition, type Change, type IncidentView, type Role, type WaitingCall } from '../../shared/contract/views.ts';
import { computeCallKpis } from '../../server/domain/call-kpis.ts';
import { emptyTotals } from '../../server/domain/call-record.ts';
import { computeIncidentKpis } from '../../server/domain/incident-kpis.ts';
import { redactChange, redactSnapshot } from '../../server/domain/redact.ts';

const NUMBER = '081234567789';
const call: WaitingCall = {
  callId: 'C1', line: '112', status: 'waiting', receivedAt: '2026-11-23T10:00:00.000+07:00', answeredAt: null, abandonedAt: null,
  endedAt: null, agentId: null, disposition: null, kecamatan: '36.71.01', caller: { number: NUMBER },
};
const incident: IncidentView = {
  incidentId: 'I1', line: '112', category: 'crime', priority: 2, status: 'reported', location: { lat: -6.17, lon: 106.63 },
  kecamatan: '36.71.01', kelurahan: null, outside: false, callId: 'C1', reportedAt: '2026-11-23T10:01:00.000+07:00',
  dispatchedAt: null, onSceneAt: null, closedAt: null, agencies: [], outcome: null, summary: 'Pelapor Bu Rina, rumah no. 12',
};
const kpis: KpisAnswer = {
  from: '2026-11-23T00:00:00.000+07:00', to: '2026-11-24T00:00:00.000+07:00', timezone: 'Asia/Jakarta',
  calls: { '112': computeCallKpis(emptyTotals()), '119': computeCallKpis(emptyTotals()), all: computeCallKpis(emptyTotals()) },
  incidents: computeIncidentKpis([]),
};
const snapshot: Snapshot = {
  position: StreamPosition.parse('1-0'), at: '2026-11-23T10:02:00.000+07:00', space: 'live',
  city: { id: 'kota-tangerang', name: 'Kota Tangerang', timezone: 'Asia/Jakarta' },
  calls: { waiting: [call, { ...call, callId: 'C2', caller: {} }], agents: [] },
  incidents: { open: [incident] }, kpis, apps: { from: kpis.from, to: kpis.to, top: [] }, alerts: [], eventsToday: 3,
};

describe('redactChange', () => {
  const change: Change = { t: 'call', call, waiting: true };

  it.each<[Role, { number: string } | undefined]>([
    ['operator', { number: NUMBER }],
    ['display', { number: '0812****789' }],
    ['executive', undefined],
    ['demo', undefined],
  ])('%s sees caller %j', (role, caller) => {
    const out = redactChange(change, role);
    if (out.t !== 'call') throw new Error('not a call change');
    expect(out.call.caller).toEqual(caller);
    expect('caller' in out.call).toBe(caller !== undefined);
    if (role !== 'operator') expect(JSON.stringify(out)).not.toContain(NUMBER);
  });

  it('does not mutate its input', () => {
    const before = structuredClone(change);
    for (const role of ['display', 'executive', 'demo'] as const) redactChange(change, role);
    expect(change).toEqual(before);
  });

  it('blanks incident summaries for executives and walls (issue #20 finding 6), keeps them for operators', () => {
    const c: Change = { t: 'incident', incident, open: true };
    for (const role of ['executive', 'display'] as const) {
      const r = redactChange(c, role);
      expect(r.t === 'incident' && r.incident.summary).toBeNull();
    }
    expect(redactChange(c, 'operator')).toBe(c);
    expect(redactChange(c, 'demo')).toBe(c);
    expect(incident.summary).not.toBeNull();
  });

  it('passes changes without personal data through', () => {
    const c: Change = { t: 'counter', eventsToday: 5 };
    expect(redactChange(c, 'demo')).toBe(c);
  });
});

describe('redactSnapshot', () => {
  it('masks or removes every caller and still matches the contract', () => {
    for (const role of ['operator', 'display', 'executive', 'demo'] as const) {
      const out = redactSnapshot(snapshot, role);
      expect(Snapshot.safeParse(out).success).toBe(true);
      const json = JSON.stringify(out);
      expect(json.includes(NUMBER)).toBe(role === 'operator');
      expect(json.includes('"caller"')).toBe(role === 'operator' || role === 'display');
    }
    expect(redactSnapshot(snapshot, 'display').calls.waiting[0]?.caller).toEqual({ number: '0812****789' });
    expect(snapshot.calls.waiting[0]?.caller).toEqual({ number: NUMBER });
  });
});

describe('callbacks and repeat counts (issue 16)', () => {
  const entry = {
    callId: 'C3', line: '112' as const, abandonedAt: '2026-11-23T10:00:30.000+07:00', lastAbandonedAt: '2026-11-23T10:00:30.000+07:00',
    attempts: 2, tries: 0, lastOutcome: null, lastCallbackAt: null, caller: { number: NUMBER },
  };
  const counted: WaitingCall = { ...call, repeatCalls24h: 3, prankCalls24h: 2 };

  it.each<Role>(['display', 'executive', 'presenter', 'demo'])('%s gets no number of a callback entry and no counts', (role) => {
    const out = [
      redactChange({ t: 'callback', callId: 'C3', entry }, role),
      redactChange({ t: 'call', call: counted, waiting: true }, role),
      redactSnapshot({ ...snapshot, calls: { ...snapshot.calls, waiting: [counted], callbacks: [entry] } }, role),
    ];
    const text = JSON.stringify(out);
    expect(text).not.toContain('3456');
    expect(text).not.toContain('repeatCalls24h');
    expect(text).not.toContain('prankCalls24h');
    expect(JSON.stringify(out[0])).not.toContain('caller');
  });

  it('an operator gets them all', () => {
    expect(redactChange({ t: 'callback', callId: 'C3', entry }, 'operator')).toMatchObject({ entry: { caller: { number: NUMBER } } });
    expect(redactSnapshot({ ...snapshot, calls: { ...snapshot.calls, waiting: [counted], callbacks: [entry] } }, 'operator').calls.waiting[0]).toMatchObject({ repeatCalls24h: 3 });
  });
});
