import { describe, expect, it } from 'vitest';
import { applyDelta, applyDeltas, deltaFit, MAX_CLEARED_ALERTS } from '../../client/live/apply-delta.ts';
import { comparePositions } from '../../shared/contract/position.ts';
import { EMPTY_LIVE, fromSnapshot } from '../../shared/live/live-data.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import { StreamPosition, type AgentView, type AlertView, type CallView, type Delta, type IncidentView, type Snapshot } from '../../shared/contract/views.ts';

// Factories: valid views with explicit overrides.
const pos = (s: string): StreamPosition => StreamPosition.parse(s);

function makeCall(over: Partial<CallView> = {}): CallView {
  return {
    callId: 'c1',
    line: '112',
    status: 'waiting',
    receivedAt: '2026-11-23T14:00:00+07:00',
    answeredAt: null,
    abandonedAt: null,
    endedAt: null,
    agentId: null,
    disposition: null,
    kecamatan: null,
    ...over,
  };
}

function makeIncident(over: Partial<IncidentView> = {}): IncidentView {
  return {
    incidentId: 'i1',
    line: '112',
    category: 'fire',
    priority: 1,
    status: 'reported',
    location: { lat: -6.17, lon: 106.63 },
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
  };
}

function makeAgent(over: Partial<AgentView> = {}): AgentView {
  return { agentId: 'a1', line: '112', state: 'available', since: null, callId: null, ...over };
}

function makeAlert(over: Partial<AlertView> = {}): AlertView {
  return {
    alertId: 'al1',
    kind: 'spike',
    subject: 'app-1',
    severity: 'warning',
    raisedAt: '2026-11-23T14:00:00+07:00',
    clearedAt: null,
    ackedAt: null,
    ackedBy: null,
    detail: {},
    ...over,
  };
}

const callKpis = {
  offered: 0,
  answered: 0,
  abandoned: 0,
  asa: null,
  sl15: null,
  sl20: null,
  abandonmentRate: null,
  byDisposition: {},
  prankShare: null,
};

function makeKpis(over: Partial<KpisAnswer> = {}): KpisAnswer {
  return {
    from: '2026-11-23T00:00:00+07:00',
    to: '2026-11-24T00:00:00+07:00',
    timezone: 'Asia/Jakarta',
    calls: { '112': callKpis, '119': callKpis, all: callKpis },
    incidents: {
      count: 0,
      byCategory: {},
      byPriority: {},
      byKecamatan: {},
      byAgency: {},
      dispatch: { mean: null, p90: null, n: 0 },
      response: { mean: null, p90: null, n: 0 },
      prankRate: null,
    },
    ...over,
  };
}

function makeSnapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    position: pos('100-0'),
    at: '2026-11-23T14:05:00+07:00',
    space: 'demo',
    city: { id: 'kota-tangerang', name: 'Kota Tangerang', timezone: 'Asia/Jakarta' },
    calls: { waiting: [], agents: [] },
    incidents: { open: [] },
    kpis: makeKpis(),
    apps: { from: '2026-11-23T00:00:00+07:00', to: '2026-11-24T00:00:00+07:00', top: [] },
    alerts: [],
    eventsToday: 0,
    ...over,
  };
}

function makeDelta(prev: string, position: string, changes: Delta['changes']): Delta {
  return { prev: pos(prev), position: pos(position), changes };
}

const start = () => fromSnapshot(makeSnapshot({ position: pos('100-0') }));

describe('comparePositions', () => {
  it.each([
    ['1-0', '2-0', -1],
    ['2-0', '1-9', 1],
    ['5-1', '5-10', -1],
    ['5-3', '5-3', 0],
    // Sequences past 2^53 still order exactly.
    ['5-18446744073709551615', '5-18446744073709551614', 1],
    // Milliseconds compare as numbers, not text ("10" > "9").
    ['10-0', '9-0', 1],
  ])('%s vs %s → %i', (a, b, want) => {
    expect(comparePositions(pos(a), pos(b))).toBe(want);
  });
});

describe('deltaFit', () => {
  it('takes the delta whose prev is our position', () => {
    expect(deltaFit(pos('100-0'), makeDelta('100-0', '101-0', []))).toBe('next');
  });
  it('sees a gap when prev is ahead of our position', () => {
    expect(deltaFit(pos('100-0'), makeDelta('100-5', '101-0', []))).toBe('gap');
  });
  it('calls a delta we already hold old, not a gap', () => {
    expect(deltaFit(pos('101-0'), makeDelta('100-0', '101-0', []))).toBe('old');
  });
  it('has nothing to follow before the first snapshot', () => {
    expect(deltaFit(null, makeDelta('0-0', '1-0', []))).toBe('gap');
  });
});

describe('applyDelta', () => {
  it('upserts a waiting call and removes it once answered', () => {
    let s = applyDelta(start(), makeDelta('100-0', '101-0', [{ t: 'call', call: makeCall({ callId: 'c1' }), waiting: true }]));
    expect(Object.keys(s.waiting)).toEqual(['c1']);
    expect(s.position).toBe('101-0');
    s = applyDelta(s, makeDelta('101-0', '102-0', [{ t: 'call', call: makeCall({ callId: 'c1', status: 'answered', answeredAt: '2026-11-23T14:00:09+07:00' }), waiting: false }]));
    expect(s.waiting).toEqual({});
    expect(s.position).toBe('102-0');
  });

  it.each(['abandoned', 'ended', 'expired', 'unknown'] as const)('removes a call that turned %s', (status) => {
    const s0 = fromSnapshot(makeSnapshot({ calls: { waiting: [{ ...makeCall(), line: '112', receivedAt: '2026-11-23T14:00:00+07:00' }], agents: [] } }));
    const s = applyDelta(s0, makeDelta('100-0', '101-0', [{ t: 'call', call: makeCall({ status }), waiting: false }]));
    expect(s.waiting).toEqual({});
  });

  it('keeps a waiting call without a line or receive time out of the queue', () => {
    const s = applyDelta(start(), makeDelta('100-0', '101-0', [{ t: 'call', call: makeCall({ line: null }), waiting: true }, { t: 'call', call: makeCall({ callId: 'c2', receivedAt: null }), waiting: true }]));
    expect(s.waiting).toEqual({});
  });

  it('upserts open incidents and removes closed ones', () => {
    let s = applyDelta(start(), makeDelta('100-0', '101-0', [{ t: 'incident', incident: makeIncident(), open: true }]));
    expect(s.incidents.i1?.status).toBe('reported');
    s = applyDelta(s, makeDelta('101-0', '102-0', [{ t: 'incident', incident: makeIncident({ status: 'dispatched', dispatchedAt: '2026-11-23T14:02:00+07:00' }), open: true }]));
    expect(s.incidents.i1?.status).toBe('dispatched');
    s = applyDelta(s, makeDelta('102-0', '103-0', [{ t: 'incident', incident: makeIncident({ status: 'closed', outcome: 'resolved' }), open: false }]));
    expect(s.incidents).toEqual({});
  });

  it('keeps an incident the projection calls not open out, whatever its status (dispatched before reported)', () => {
    const early = makeIncident({ status: 'dispatched', reportedAt: null, dispatchedAt: '2026-11-23T14:02:00+07:00' });
    let s = applyDelta(start(), makeDelta('100-0', '101-0', [{ t: 'incident', incident: early, open: false }]));
    expect(s.incidents).toEqual({});
    s = applyDelta(s, makeDelta('101-0', '102-0', [{ t: 'incident', incident: makeIncident({ status: 'dispatched' }), open: true }]));
    expect(Object.keys(s.incidents)).toEqual(['i1']);
  });

  it('follows the change, not the status, for calls', () => {
    const s = applyDelta(start(), makeDelta('100-0', '101-0', [{ t: 'call', call: makeCall(), waiting: false }]));
    expect(s.waiting).toEqual({});
  });

  it('keeps a cleared alert as history only when it was raised', () => {
    const s = applyDelta(start(), makeDelta('100-0', '101-0', [
      { t: 'alert', alert: makeAlert({ alertId: 'raised', clearedAt: '2026-11-23T14:05:00+07:00' }), active: false },
      { t: 'alert', alert: makeAlert({ alertId: 'never-raised', raisedAt: '', clearedAt: '2026-11-23T14:05:00+07:00' }), active: false },
    ]));
    expect(Object.keys(s.alerts)).toEqual(['raised']);
  });

  it('upserts agents and alerts, replaces kpis, apps and the counter', () => {
    const kpis = makeKpis({ timezone: 'Asia/Makassar' });
    const apps = { from: 'a', to: 'b', top: [{ appId: 'x', name: 'X', registered: true, sessions: 3, transactions: 0, complaints: 0, errors: 0 }] };
    const s = applyDelta(
      start(),
      makeDelta('100-0', '101-0', [
        { t: 'agent', agent: makeAgent({ state: 'paused' }) },
        { t: 'alert', alert: makeAlert(), active: true },
        { t: 'kpis', kpis },
        { t: 'apps', apps },
        { t: 'counter', eventsToday: 42 },
      ]),
    );
    expect(s.agents.a1?.state).toBe('paused');
    expect(s.alerts.al1?.kind).toBe('spike');
    expect(s.kpis).toBe(kpis);
    expect(s.apps).toBe(apps);
    expect(s.eventsToday).toBe(42);
  });

  it('applies the changes of one delta in order: the last state of an entity wins', () => {
    const s = applyDelta(
      start(),
      makeDelta('100-0', '101-0', [
        { t: 'call', call: makeCall(), waiting: true },
        { t: 'call', call: makeCall({ status: 'answered' }), waiting: false },
        { t: 'agent', agent: makeAgent({ state: 'available' }) },
        { t: 'agent', agent: makeAgent({ state: 'on_call', callId: 'c1' }) },
        { t: 'counter', eventsToday: 1 },
        { t: 'counter', eventsToday: 2 },
      ]),
    );
    expect(s.waiting).toEqual({});
    expect(s.agents.a1?.state).toBe('on_call');
    expect(s.eventsToday).toBe(2);
  });

  it('leaves the state untouched on a gap', () => {
    const s0 = start();
    const s = applyDelta(s0, makeDelta('100-7', '101-0', [{ t: 'counter', eventsToday: 9 }]));
    expect(s).toBe(s0);
  });

  it('is idempotent: the same delta twice gives the same state', () => {
    const d = makeDelta('100-0', '101-0', [{ t: 'call', call: makeCall(), waiting: true }, { t: 'incident', incident: makeIncident(), open: true }, { t: 'counter', eventsToday: 5 }]);
    const once = applyDelta(start(), d);
    const twice = applyDelta(once, d);
    expect(twice).toEqual(once);
  });

  it('re-applying changes already held converges to the same state (absolute states)', () => {
    const changes = [
      { t: 'call', call: makeCall(), waiting: true },
      { t: 'call', call: makeCall({ status: 'answered' }), waiting: false },
      { t: 'incident', incident: makeIncident({ status: 'dispatched' }), open: true },
    ] as const;
    const a = applyDelta(start(), makeDelta('100-0', '101-0', [...changes]));
    const b = applyDelta(start(), makeDelta('100-0', '101-0', [...changes, ...changes]));
    expect(b).toEqual(a);
  });

  it('does not mutate the state it was given', () => {
    const s0 = start();
    const frozen = structuredClone(s0);
    applyDelta(s0, makeDelta('100-0', '101-0', [{ t: 'call', call: makeCall(), waiting: true }, { t: 'agent', agent: makeAgent() }]));
    expect(s0).toEqual(frozen);
  });

  it('keeps collections a delta does not touch (cheap re-renders)', () => {
    const s0 = start();
    const s = applyDelta(s0, makeDelta('100-0', '101-0', [{ t: 'counter', eventsToday: 3 }]));
    expect(s.waiting).toBe(s0.waiting);
    expect(s.incidents).toBe(s0.incidents);
  });
});

describe('applyDeltas', () => {
  it('applies a batch in order and reports no gap', () => {
    const r = applyDeltas(start(), [
      makeDelta('100-0', '101-0', [{ t: 'call', call: makeCall({ callId: 'a' }), waiting: true }]),
      makeDelta('101-0', '102-0', [{ t: 'call', call: makeCall({ callId: 'b' }), waiting: true }]),
      makeDelta('102-0', '103-0', [{ t: 'call', call: makeCall({ callId: 'a', status: 'abandoned' }), waiting: false }]),
    ]);
    expect(r.gapAt).toBeNull();
    expect(Object.keys(r.state.waiting)).toEqual(['b']);
    expect(r.state.position).toBe('103-0');
  });

  it('stops at the first gap and keeps what came before it', () => {
    const r = applyDeltas(start(), [
      makeDelta('100-0', '101-0', [{ t: 'counter', eventsToday: 1 }]),
      makeDelta('101-5', '102-0', [{ t: 'counter', eventsToday: 2 }]),
      makeDelta('102-0', '103-0', [{ t: 'counter', eventsToday: 3 }]),
    ]);
    expect(r.gapAt).toBe(1);
    expect(r.state.eventsToday).toBe(1);
    expect(r.state.position).toBe('101-0');
  });

  it('skips deltas already applied (a replay overlapping our position)', () => {
    const s1 = applyDelta(start(), makeDelta('100-0', '101-0', [{ t: 'counter', eventsToday: 1 }]));
    const r = applyDeltas(s1, [
      makeDelta('100-0', '101-0', [{ t: 'counter', eventsToday: 1 }]),
      makeDelta('101-0', '102-0', [{ t: 'counter', eventsToday: 2 }]),
    ]);
    expect(r.gapAt).toBeNull();
    expect(r.state.eventsToday).toBe(2);
    expect(r.state.position).toBe('102-0');
  });

  it('reports a gap before any snapshot', () => {
    expect(applyDeltas(EMPTY_LIVE, [makeDelta('0-0', '1-0', [])]).gapAt).toBe(0);
  });

  it('gives the same state batched or one by one', () => {
    const deltas = [
      makeDelta('100-0', '101-0', [{ t: 'call', call: makeCall({ callId: 'a' }), waiting: true }, { t: 'agent', agent: makeAgent() }]),
      makeDelta('101-0', '102-0', [{ t: 'incident', incident: makeIncident(), open: true }]),
      makeDelta('102-0', '103-0', [{ t: 'call', call: makeCall({ callId: 'a', status: 'answered' }), waiting: false }, { t: 'alert', alert: makeAlert(), active: true }]),
    ];
    const oneByOne = deltas.reduce(applyDelta, start());
    expect(applyDeltas(start(), deltas).state).toEqual(oneByOne);
  });
});

describe('cleared alerts between snapshots', () => {
  it('keeps every open alert and only the newest cleared ones', () => {
    const at = (i: number): string => `2026-11-${String(1 + Math.floor(i / 24)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00+07:00`;
    const changes: Delta['changes'] = [];
    for (let i = 0; i < MAX_CLEARED_ALERTS + 50; i++) {
      changes.push({ t: 'alert', alert: makeAlert({ alertId: `c${i}`, raisedAt: at(i), clearedAt: at(i + 1) }), active: false });
    }
    changes.push({ t: 'alert', alert: makeAlert({ alertId: 'open-old', raisedAt: at(0), clearedAt: null }), active: true });
    const state = applyDelta({ ...EMPTY_LIVE, position: pos('100-0') }, makeDelta('100-0', '101-0', changes));
    const ids = Object.keys(state.alerts);
    expect(ids).toHaveLength(MAX_CLEARED_ALERTS + 1);
    expect(ids).toContain('open-old');
    expect(ids).not.toContain('c49');
    expect(ids).toContain('c50');
    expect(ids).toContain(`c${MAX_CLEARED_ALERTS + 49}`);
  });
});

describe('fromSnapshot', () => {
  it('replaces everything and takes the snapshot\'s lists as the sets (no status filter)', () => {
    const s = fromSnapshot(
      makeSnapshot({
        position: pos('7-1'),
        calls: { waiting: [{ ...makeCall(), line: '119', receivedAt: '2026-11-23T14:00:00+07:00' }], agents: [makeAgent()] },
        incidents: { open: [makeIncident()] },
        alerts: [makeAlert()],
        eventsToday: 12,
      }),
    );
    expect(s.position).toBe('7-1');
    expect(Object.keys(s.waiting)).toEqual(['c1']);
    expect(Object.keys(s.incidents)).toEqual(['i1']);
    expect(Object.keys(s.agents)).toEqual(['a1']);
    expect(Object.keys(s.alerts)).toEqual(['al1']);
    expect(s.eventsToday).toBe(12);
  });
});
