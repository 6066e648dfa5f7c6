import { describe, expect, it } from 'vitest';
import { PantauEvent, type EventOf } from '../../shared/contract/events.ts';
import { gridCity } from '../../server/sim/grid-city.ts';
import { createSimState, startScenario, step, type ScenarioName, type SimState } from '../../server/sim/simulator.ts';
import { SCENARIO_PACE } from '../../server/sim/scenarios.ts';

const TANGERANG = [
  null, null, 95_474, 83_530, 248_210, 204_385, null, null, null, null, null, null, 169_473,
].map((population, i) => ({ code: `36.71.${String(i + 1).padStart(2, '0')}`, population }));
const APPS = [
  { id: 'tangerang-live', isSuperApp: true, category: 'super-app' },
  { id: 'laksa', isSuperApp: false, category: 'complaints' },
  { id: 'e-kir', isSuperApp: false, category: 'transport' },
];
const CITY = gridCity({ kecamatan: TANGERANG, apps: APPS });
const MIN = 60_000;
const NINE = Date.parse('2026-11-23T09:00:00+07:00'); // a Monday
const SATURDAY_NINE = Date.parse('2026-11-28T09:00:00+07:00');

/** Runs [from, from + wallMs] in one-minute steps, starting a scenario at `scenarioAt`. */
function run(opts: { from?: number; wallMs: number; seed?: number; scenario?: { name: ScenarioName; at: number; kecamatan?: string } }): PantauEvent[] {
  const from = opts.from ?? NINE;
  let state: SimState = createSimState({ city: CITY, seed: opts.seed ?? 11, nowMs: from });
  const events: PantauEvent[] = [];
  for (let t = from + MIN; t <= from + opts.wallMs; t += MIN) {
    const sc = opts.scenario;
    if (sc !== undefined && t - MIN === sc.at) {
      state = startScenario(state, sc.name, sc.at, sc.kecamatan !== undefined ? { kecamatan: sc.kecamatan } : {});
    }
    const r = step(state, t, MIN);
    state = r.state;
    events.push(...r.events);
  }
  return events;
}
function only<T extends PantauEvent['type']>(events: PantauEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => e.type === type);
}
const atMs = (e: PantauEvent): number => Date.parse(e.at);
const within = (e: PantauEvent, a: number, b: number): boolean => atMs(e) > a && atMs(e) <= b;

/** The live demo's way: one-second ticks at 1× from the moment a presenter starts `name`. */
function firstSeconds(name: ScenarioName, seed: number, seconds: number): { start: number; events: PantauEvent[]; state: SimState } {
  const start = NINE + 30 * MIN;
  let state = step(createSimState({ city: CITY, seed, nowMs: NINE }), start, 30 * MIN).state;
  state = startScenario(state, name, start, name === 'app-outage' ? {} : { kecamatan: '36.71.08' });
  const events: PantauEvent[] = [];
  for (let t = start + 1_000; t <= start + seconds * 1_000; t += 1_000) {
    const r = step(state, t, 1_000);
    state = r.state;
    events.push(...r.events);
  }
  return { start, events, state };
}

/**
 * Whether, by `by`, some call had waited `criticalMs` unanswered (the queue alarm's "wait"
 * condition: received at r, still ringing at r + criticalMs ≤ by).
 */
function waitedPast(events: PantauEvent[], criticalMs: number, by: number): boolean {
  const settled = new Map<string, number>();
  for (const e of events) if (e.type === 'call.answered' || e.type === 'call.abandoned') settled.set(e.callId, atMs(e));
  return only(events, 'call.received').some((e) => {
    const r = atMs(e);
    return r + criticalMs <= by && (settled.get(e.callId) ?? Infinity) >= r + criticalMs;
  });
}

describe('scenarios show at once (the demo at its default speed, 1×)', () => {
  const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);
  it.each(SEEDS)('flood (seed %i): a call from the flooded kecamatan within 5 s, the flood on the map and a wave that outruns the call-takers in the first minute', (seed) => {
    const { start, events } = firstSeconds('flood', seed, 90);
    const fromKec = only(events, 'call.received').filter((e) => e.location?.kecamatan === '36.71.08' && atMs(e) >= start);
    expect(Math.min(...fromKec.map(atMs)) - start, `seed ${seed}`).toBeLessThanOrEqual(5_000);
    expect(fromKec.filter((e) => atMs(e) < start + MIN).length, `seed ${seed}`).toBeGreaterThanOrEqual(5);
    // The flood itself is on the map within the first minute.
    const flood = only(events, 'incident.reported').find((e) => e.category === 'flood' && e.location.kecamatan === '36.71.08' && atMs(e) >= start);
    expect(flood, `seed ${seed}`).toBeDefined();
    expect(atMs(flood as PantauEvent) - start, `seed ${seed}`).toBeLessThanOrEqual(SCENARIO_PACE.firstIncidentByMs);
    // The queue builds: within the first minute some call has waited the critical 30 s (the
    // queue alarm's threshold in the bundled profiles).
    expect(waitedPast(events, 30_000, start + MIN), `seed ${seed}`).toBe(true);
  });

  it.each(SEEDS)('large fire (seed %i): the first call within 5 s, the priority-1 fire on the map within a minute, a queue past 30 s', (seed) => {
    const { start, events } = firstSeconds('large-fire', seed, 75);
    const calls = only(events, 'call.received').filter((e) => e.location?.kecamatan === '36.71.08' && atMs(e) >= start);
    expect(Math.min(...calls.map(atMs)) - start, `seed ${seed}`).toBeLessThanOrEqual(5_000);
    const fire = only(events, 'incident.reported').find((e) => e.category === 'fire' && e.priority === 1 && atMs(e) >= start);
    expect(fire, `seed ${seed}`).toBeDefined();
    expect(atMs(fire as PantauEvent) - start, `seed ${seed}`).toBeLessThanOrEqual(SCENARIO_PACE.firstIncidentByMs);
    expect(waitedPast(events, 30_000, start + MIN), `seed ${seed}`).toBe(true);
  });

  it.each(SEEDS)('app outage (seed %i): the gateway logs the failing app within 5 s', (seed) => {
    const { start, events } = firstSeconds('app-outage', seed, 10);
    const errors = only(events, 'app.activity').filter((e) => e.appId === 'tangerang-live' && e.kind === 'error' && atMs(e) >= start);
    expect(errors.length, `seed ${seed}`).toBeGreaterThan(0);
    expect(Math.min(...errors.map(atMs)) - start, `seed ${seed}`).toBeLessThanOrEqual(5_000);
  });

  it.each(SEEDS)('each call scenario peaks in its first minute (seed %i): no later minute brings more of its calls', (seed) => {
    for (const name of ['flood', 'large-fire'] as const) {
      const { start, events } = firstSeconds(name, seed, 25 * 60);
      const perMinute = new Array<number>(25).fill(0);
      for (const e of only(events, 'call.received')) {
        const m = Math.floor((atMs(e) - start) / MIN);
        if (e.location?.kecamatan === '36.71.08' && m >= 0 && m < 25) perMinute[m] = (perMinute[m] ?? 0) + 1;
      }
      expect(Math.max(...perMinute), `${name} seed ${seed}: ${perMinute.join()}`).toBe(perMinute[0]);
      expect(perMinute[0], `${name} seed ${seed}`).toBeGreaterThanOrEqual(SCENARIO_PACE.wave[name]);
    }
  });
});

describe('simulator scenarios', () => {
  it('flood: calls, flood incidents and LAKSA complaints rise in the flood kecamatan', () => {
    const start = NINE + 30 * MIN;
    const base = run({ wallMs: 3 * 3_600_000 });
    const flood = run({ wallMs: 3 * 3_600_000, scenario: { name: 'flood', at: start } });
    for (const e of flood) expect(PantauEvent.safeParse(e).success).toBe(true);
    const PERIUK = '36.71.08';
    const callsFrom = (evs: PantauEvent[]): number => only(evs, 'call.received')
      .filter((e) => e.location?.kecamatan === PERIUK && within(e, start, start + 20 * MIN)).length;
    expect(callsFrom(flood)).toBeGreaterThan(3 * callsFrom(base) + 10);
    const floodIncidents = (evs: PantauEvent[]): number => only(evs, 'incident.reported')
      .filter((e) => e.location.kecamatan === PERIUK && (e.category === 'flood' || e.category === 'fallen-tree')).length;
    expect(floodIncidents(flood)).toBeGreaterThanOrEqual(3);
    expect(floodIncidents(flood)).toBeGreaterThan(floodIncidents(base));
    const complaints = (evs: PantauEvent[]): number => only(evs, 'app.activity')
      .filter((e) => e.appId === 'laksa' && e.kind === 'complaint' && e.kecamatan === PERIUK && within(e, start, start + 20 * MIN))
      .reduce((a, e) => a + (e.count ?? 1), 0);
    expect(complaints(flood)).toBeGreaterThan(10);
    expect(complaints(base)).toBeLessThan(3);
  });

  it('large fire: one priority-1 fire, several units, a burst of calls', () => {
    const start = NINE + 30 * MIN;
    const events = run({ wallMs: 4 * 3_600_000, scenario: { name: 'large-fire', at: start, kecamatan: '36.71.07' } });
    for (const e of events) expect(PantauEvent.safeParse(e).success).toBe(true);
    const fires = only(events, 'incident.reported').filter((e) => e.category === 'fire' && e.priority === 1 && within(e, start, start + 5 * MIN));
    expect(fires.length).toBeGreaterThanOrEqual(1);
    const main = fires[0];
    expect(main?.location.kecamatan).toBe('36.71.07');
    const units = only(events, 'incident.dispatched').filter((e) => e.incidentId === main?.incidentId);
    expect(units.filter((e) => e.agency === 'fire').length).toBeGreaterThanOrEqual(4);
    expect(new Set(units.map((e) => e.unitId)).size).toBe(units.length);
    expect(only(events, 'incident.closed').find((e) => e.incidentId === main?.incidentId)?.outcome).toBe('resolved');
    const burst = only(events, 'call.received').filter((e) => e.location?.kecamatan === '36.71.07' && within(e, start, start + 15 * MIN));
    expect(burst.length).toBeGreaterThanOrEqual(6);
  });

  it('app outage: the app goes silent, then errors spike, then complaints', () => {
    const start = NINE + 30 * MIN;
    const events = run({ wallMs: 2 * 3_600_000, scenario: { name: 'app-outage', at: start } });
    const live = only(events, 'app.activity').filter((e) => e.appId === 'tangerang-live');
    const sum = (kind: string, a: number, b: number): number =>
      live.filter((e) => e.kind === kind && within(e, a, b)).reduce((n, e) => n + (e.count ?? 1), 0);
    expect(live.filter((e) => within(e, start + MIN, start + 12 * MIN))).toEqual([]);
    expect(sum('session', start - 20 * MIN, start)).toBeGreaterThan(200);
    const errorsBefore = sum('error', start - 30 * MIN, start) / 30;
    expect(sum('error', start + 12 * MIN, start + 20 * MIN) / 8).toBeGreaterThan(5 * errorsBefore + 2);
    const complaintsBefore = sum('complaint', start - 30 * MIN, start);
    expect(sum('complaint', start + 20 * MIN, start + 40 * MIN)).toBeGreaterThan(complaintsBefore + 10);
    // Other apps carry on.
    expect(only(events, 'app.activity').some((e) => e.appId === 'e-kir' && within(e, start + MIN, start + 12 * MIN))).toBe(true);
  });

  it('normal-monday clears other scenarios and plays a weekday, even on a Saturday', () => {
    let s = createSimState({ city: CITY, seed: 12, nowMs: SATURDAY_NINE });
    s = startScenario(s, 'flood', SATURDAY_NINE);
    s = startScenario(s, 'normal-monday', SATURDAY_NINE);
    expect(s.scenarios.map((x) => x.name)).toEqual(['normal-monday']);
    const sessions = (withMonday: boolean): number => {
      let st = createSimState({ city: CITY, seed: 12, nowMs: SATURDAY_NINE });
      if (withMonday) st = startScenario(st, 'normal-monday', SATURDAY_NINE);
      const r = step(st, SATURDAY_NINE + 60 * MIN, 60 * MIN);
      return only(r.events, 'app.activity').filter((e) => e.appId === 'e-kir' && e.kind === 'session').reduce((n, e) => n + (e.count ?? 1), 0);
    };
    expect(sessions(true)).toBeGreaterThan(1.2 * sessions(false));
  });

  it('rejects an unknown kecamatan or app, and scenarios end on time', () => {
    const s = createSimState({ city: CITY, seed: 13, nowMs: NINE });
    expect(() => startScenario(s, 'flood', NINE, { kecamatan: '99.99.99' })).toThrow(RangeError);
    expect(() => startScenario(s, 'app-outage', NINE, { appId: 'nope' })).toThrow(RangeError);
    const flooded = startScenario(s, 'flood', NINE);
    expect(flooded.scenarios[0]?.kecamatan).toBe('36.71.08');
    expect(s.scenarios).toEqual([]);
    expect(step(flooded, NINE + 19 * MIN, 19 * MIN).state.scenarios).toHaveLength(1);
    expect(step(flooded, NINE + 21 * MIN, 21 * MIN).state.scenarios).toHaveLength(0);
  });
});
