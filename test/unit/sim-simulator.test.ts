import { describe, expect, it } from 'vitest';
import { PantauEvent, type EventOf } from '../../shared/contract/events.ts';
import { gridCity, type GridCity } from '../../server/sim/grid-city.ts';
import { createSimState, step, type SimState } from '../../server/sim/simulator.ts';

// Kota Tangerang's 13 kecamatan; populations where city-facts.md has them, null elsewhere.
const TANGERANG = [
  null, null, 95_474, 83_530, 248_210, 204_385, null, null, null, null, null, null, 169_473,
].map((population, i) => ({ code: `36.71.${String(i + 1).padStart(2, '0')}`, population }));
const APPS = [
  { id: 'tangerang-live', isSuperApp: true, category: 'super-app' },
  { id: 'laksa', isSuperApp: false, category: 'complaints' },
  { id: 'e-kir', isSuperApp: false, category: 'transport' },
  { id: 'simpeg', isSuperApp: false, category: 'staff' },
];
function city(withApps = true): GridCity {
  return gridCity({ kecamatan: TANGERANG, apps: withApps ? APPS : [] });
}

const WIB = 7 * 3_600_000;
const MIDNIGHT = Date.parse('2026-11-23T00:00:00+07:00'); // a Monday
const DAY = 86_400_000;
const MIN = 60_000;

interface Run {
  events: PantauEvent[];
  state: SimState;
}
function run(opts: { c?: GridCity; seed?: number | string; from?: number; wallMs: number; stepMs?: number; speed?: number }): Run {
  const from = opts.from ?? MIDNIGHT;
  const stepMs = opts.stepMs ?? MIN;
  let state = createSimState({ city: opts.c ?? city(), seed: opts.seed ?? 1, nowMs: from, speed: opts.speed ?? 1 });
  const events: PantauEvent[] = [];
  for (let t = from + stepMs; t <= from + opts.wallMs; t += stepMs) {
    const r = step(state, t, stepMs);
    state = r.state;
    events.push(...r.events);
  }
  return { events, state };
}
function only<T extends PantauEvent['type']>(events: PantauEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => e.type === type);
}
const atMs = (e: PantauEvent): number => Date.parse(e.at);
const localHour = (ms: number): number => new Date(ms + WIB).getUTCHours();

describe('simulator core', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = run({ wallMs: 3 * 3_600_000 });
    const b = run({ wallMs: 3 * 3_600_000 });
    expect(b.events).toEqual(a.events);
    expect(a.events.length).toBeGreaterThan(100);
    const c = run({ seed: 2, wallMs: 3 * 3_600_000 });
    expect(c.events).not.toEqual(a.events);
  });

  it('never changes the state it is given', () => {
    const s0 = createSimState({ city: city(), seed: 3, nowMs: MIDNIGHT + 10 * 3_600_000 });
    const before = JSON.stringify(s0);
    const r1 = step(s0, MIDNIGHT + 11 * 3_600_000, 3_600_000);
    expect(JSON.stringify(s0)).toBe(before);
    expect(step(s0, MIDNIGHT + 11 * 3_600_000, 3_600_000).events).toEqual(r1.events);
  });

  it('emits only valid events with unique ids, dated within their step', () => {
    let state = createSimState({ city: city(), seed: 4, nowMs: MIDNIGHT + 8 * 3_600_000 });
    const ids = new Set<string>();
    for (let t = state.wallMs + 250; t <= MIDNIGHT + 9 * 3_600_000; t += 250) {
      const r = step(state, t, 250);
      state = r.state;
      for (const e of r.events) {
        const parsed = PantauEvent.safeParse(e);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
        expect(ids.has(e.id)).toBe(false);
        ids.add(e.id);
        expect(atMs(e)).toBeGreaterThan(t - 250);
        expect(atMs(e)).toBeLessThanOrEqual(t);
        expect(e.at).toMatch(/\+07:00$/);
      }
    }
    expect(ids.size).toBeGreaterThan(200);
  });

  it('gives a week of volumes and mixes within the facts ranges', () => {
    const week = run({ c: city(false), wallMs: 7 * DAY, stepMs: 5 * MIN });
    const received = only(week.events, 'call.received');
    const per = (line: string): number => received.filter((e) => e.line === line).length / 7;
    // city-facts.md: Tangerang ≈ 110–130 calls/day on 112; the profile's population (≈2.05 M) scales it.
    expect(per('112')).toBeGreaterThan(110);
    expect(per('112')).toBeLessThan(150);
    expect(per('119') / per('112')).toBeGreaterThan(0.3);
    expect(per('119') / per('112')).toBeLessThan(0.5);
    const ended = only(week.events, 'call.ended');
    const share = (d: string): number => ended.filter((e) => e.disposition === d).length / ended.length;
    expect(share('prank')).toBeGreaterThan(0.35);
    expect(share('prank')).toBeLessThan(0.45);
    expect(share('emergency')).toBeGreaterThan(0.03);
    expect(share('emergency')).toBeLessThan(0.07);
    const abandoned = only(week.events, 'call.abandoned').length / received.length;
    expect(abandoned).toBeGreaterThan(0.03);
    expect(abandoned).toBeLessThan(0.12);
    const byHour = new Array<number>(24).fill(0);
    for (const e of received) byHour[localHour(atMs(e))] = (byHour[localHour(atMs(e))] ?? 0) + 1;
    const meanOf = (hs: number[]): number => hs.reduce((a, h) => a + (byHour[h] ?? 0), 0) / hs.length;
    expect(meanOf([1, 2, 3, 4])).toBeLessThan(0.5 * meanOf([9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]));
    // About one incident per emergency call: Tangerang Jan 2026 logged 165 emergencies (≈5/day).
    const incidents = only(week.events, 'incident.reported').length / 7;
    expect(incidents).toBeGreaterThan(4);
    expect(incidents).toBeLessThan(15);
  });

  it('answers most calls within the NENA targets at 1×', () => {
    const day = run({ c: city(false), seed: 5, wallMs: DAY });
    const received = new Map(only(day.events, 'call.received').map((e) => [e.callId, atMs(e)]));
    const waits = only(day.events, 'call.answered').map((e) => (atMs(e) - (received.get(e.callId) ?? NaN)) / 1000);
    expect(waits.every((w) => w > 0 && w < 600)).toBe(true);
    expect(waits.filter((w) => w <= 15).length / waits.length).toBeGreaterThan(0.85);
    expect(waits.filter((w) => w <= 20).length / waits.length).toBeGreaterThan(0.9);
  });

  it('keeps call, agent and incident lifecycles consistent', () => {
    const c = city(false);
    const day = run({ c, seed: 6, wallMs: DAY + 6 * 3_600_000 });
    const agents = new Map<string, { in: boolean; paused: boolean }>();
    const calls = new Map<string, { received?: number; answered?: number; abandoned?: number; ended?: number; disposition?: string }>();
    const incidents = new Map<string, { reported: number; dispatched: Map<string, number>; onScene: number[]; closed?: number; kecamatan?: string }>();
    for (const e of day.events) {
      const t = atMs(e);
      switch (e.type) {
        case 'agent.login': agents.set(e.agentId, { in: true, paused: false }); break;
        case 'agent.logout': agents.set(e.agentId, { in: false, paused: false }); break;
        case 'agent.paused': expect(agents.get(e.agentId)?.in).toBe(true); agents.set(e.agentId, { in: true, paused: true }); break;
        case 'agent.unpaused': agents.set(e.agentId, { in: true, paused: false }); break;
        case 'call.received':
          expect(calls.has(e.callId)).toBe(false);
          expect(e.caller?.number).toMatch(/^08\d{9,10}$/);
          calls.set(e.callId, { received: t });
          break;
        case 'call.answered': {
          const call = calls.get(e.callId);
          expect(call?.received).toBeLessThanOrEqual(t);
          expect(call?.abandoned).toBeUndefined();
          expect(agents.get(e.agentId)).toEqual({ in: true, paused: false });
          calls.set(e.callId, { ...call, answered: t });
          break;
        }
        case 'call.abandoned': {
          const call = calls.get(e.callId);
          expect(call?.received).toBeLessThanOrEqual(t);
          expect(call?.answered).toBeUndefined();
          calls.set(e.callId, { ...call, abandoned: t });
          break;
        }
        case 'call.ended': {
          const call = calls.get(e.callId);
          expect(call?.answered).toBeLessThanOrEqual(t);
          calls.set(e.callId, { ...call, ended: t, ...(e.disposition !== undefined ? { disposition: e.disposition } : {}) });
          break;
        }
        case 'incident.reported': {
          expect(e.callId === undefined || calls.get(e.callId)?.disposition === undefined).toBe(true);
          expect(calls.get(e.callId ?? '')?.answered).toBeLessThanOrEqual(t);
          const { lat, lon, kecamatan } = e.location;
          expect(lat !== undefined && lon !== undefined ? c.locate(lat, lon)?.kecamatan : undefined).toBe(kecamatan);
          incidents.set(e.incidentId, { reported: t, dispatched: new Map(), onScene: [], ...(kecamatan !== undefined ? { kecamatan } : {}) });
          break;
        }
        case 'incident.dispatched': {
          const inc = incidents.get(e.incidentId);
          expect(inc?.reported).toBeLessThanOrEqual(t);
          inc?.dispatched.set(e.unitId ?? '', t);
          break;
        }
        case 'incident.on_scene': {
          const inc = incidents.get(e.incidentId);
          expect(inc?.dispatched.get(e.unitId ?? '')).toBeLessThanOrEqual(t);
          inc?.onScene.push(t);
          break;
        }
        case 'incident.closed': {
          const inc = incidents.get(e.incidentId);
          expect(inc?.closed).toBeUndefined();
          if (e.outcome !== 'duplicate') expect(Math.min(...(inc?.onScene ?? []))).toBeLessThanOrEqual(t);
          if (inc !== undefined) inc.closed = t;
          break;
        }
        default: break;
      }
    }
    // Everything that started in the first day has finished within the extra six hours.
    const firstDay = [...calls.values()].filter((x) => (x.received ?? Infinity) < MIDNIGHT + DAY);
    expect(firstDay.length).toBeGreaterThan(100);
    for (const x of firstDay) expect((x.ended !== undefined) !== (x.abandoned !== undefined)).toBe(true);
    const reported = [...incidents.values()].filter((x) => x.reported < MIDNIGHT + DAY);
    expect(reported.length).toBeGreaterThan(0);
    for (const x of reported) expect(x.closed).toBeDefined();
  });

  it('fire response stays near the Damkar target (8–15 min typical)', () => {
    const week = run({ c: city(false), seed: 8, wallMs: 14 * DAY, stepMs: 5 * MIN });
    const fires = new Set(only(week.events, 'incident.reported').filter((e) => e.category === 'fire').map((e) => e.incidentId));
    const reportedAt = new Map(only(week.events, 'incident.reported').map((e) => [e.incidentId, atMs(e)]));
    const first = new Map<string, number>();
    for (const e of only(week.events, 'incident.on_scene')) if (fires.has(e.incidentId) && !first.has(e.incidentId)) first.set(e.incidentId, atMs(e));
    const minutes = [...first].map(([id, t]) => (t - (reportedAt.get(id) ?? NaN)) / MIN).sort((a, b) => a - b);
    expect(minutes.length).toBeGreaterThan(2);
    const median = minutes[Math.floor(minutes.length / 2)] ?? NaN;
    expect(median).toBeGreaterThan(7);
    expect(median).toBeLessThan(16);
  });

  it('reports app use by office hours, LAKSA at ≈35–38 complaints a day', () => {
    const week = run({ seed: 8, wallMs: 7 * DAY, stepMs: 5 * MIN });
    const apps = only(week.events, 'app.activity');
    const total = (appId: string, kind: string, hours?: number[]): number => apps
      .filter((e) => e.appId === appId && e.kind === kind && (hours === undefined || hours.includes(localHour(atMs(e)))))
      .reduce((a, e) => a + (e.count ?? 1), 0);
    const laksaPerDay = total('laksa', 'complaint') / 7;
    expect(laksaPerDay).toBeGreaterThan(25);
    expect(laksaPerDay).toBeLessThan(45);
    expect(total('tangerang-live', 'session')).toBeGreaterThan(10 * total('e-kir', 'session'));
    expect(total('simpeg', 'session', [10])).toBeGreaterThan(5 * total('simpeg', 'session', [2]));
    expect(apps.filter((e) => e.kind === 'complaint').every((e) => e.kecamatan !== undefined)).toBe(true);
  });

  it('compresses a day into 24 minutes at 60×', () => {
    const lapse = run({ c: city(false), seed: 9, wallMs: 24 * MIN, stepMs: 250, speed: 60 });
    const received = only(lapse.events, 'call.received');
    expect(received.length).toBeGreaterThan(110);
    expect(received.length).toBeLessThan(260);
    expect(lapse.events.every((e) => atMs(e) > MIDNIGHT && atMs(e) <= MIDNIGHT + 24 * MIN)).toBe(true);
    // The night trough (sim 01–05 h) falls in wall minutes 1–5, the day peak in minutes 9–21.
    const inMinutes = (a: number, b: number): number => received.filter((e) => atMs(e) >= MIDNIGHT + a * MIN && atMs(e) < MIDNIGHT + b * MIN).length / (b - a);
    expect(inMinutes(1, 5)).toBeLessThan(0.5 * inMinutes(9, 21));
    const rec = new Map(received.map((e) => [e.callId, atMs(e)]));
    const waits = only(lapse.events, 'call.answered').map((e) => atMs(e) - (rec.get(e.callId) ?? NaN)).sort((a, b) => a - b);
    expect(waits[Math.floor(waits.length / 2)]).toBeLessThan(500);
  });
});
