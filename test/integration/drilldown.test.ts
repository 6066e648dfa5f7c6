// Drill-down routes (issue #18): the incidents and calls behind an executive figure, cut to the
// role (executives: no caller number, no summary; operators: both), with field errors for a bad
// query; and an incident's timeline with each dispatch and arrival against the profile's target,
// the same whatever order its events arrived in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallListAnswer, IncidentListAnswer, IncidentTimelineAnswer } from '../../shared/contract/drilldown.ts';
import type { KecamatanCode, PantauEvent } from '../../shared/contract/events.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';
import { DISPLAY_TOKEN, EXECUTIVE_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallAnswered, makeCallReceived, makeIncidentReported, wib } from '../support/factories.ts';
import { loadTestCity } from '../support/test-city-data.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const SEED = 4242;
let app: TestApp;
let kecA: KecamatanCode;
let kecB: KecamatanCode;
const T0 = Date.now() - 3 * HOUR;
const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
const range = { from: wib(T0 - HOUR), to: wib(Date.now()) };

const NUMBER = '081234567890';
const SUMMARY = 'Pelapor Bu Rina 0812 3456 789, rumah no. 12';

function fireTimeline(id: string): PantauEvent[] {
  const ev = (o: object, k: number) => ({ id: `${id}-e${k}`, source: 'cad', incidentId: id, ...o }) as PantauEvent;
  return [
    ev({ type: 'incident.reported', at: wib(T0), line: '112', category: 'fire', priority: 1, location: { kecamatan: kecA }, summary: SUMMARY }, 1),
    ev({ type: 'incident.dispatched', at: wib(T0 + 2 * MIN), agency: 'fire', unitId: 'DMK-01' }, 2),
    ev({ type: 'incident.dispatched', at: wib(T0 + 4 * MIN), agency: 'ambulance', unitId: 'AMB-07' }, 3),
    ev({ type: 'incident.dispatched', at: wib(T0 + 6 * MIN), agency: 'fire', unitId: 'DMK-02' }, 4),
    ev({ type: 'incident.on_scene', at: wib(T0 + 12 * MIN), unitId: 'DMK-01' }, 5),
    ev({ type: 'incident.on_scene', at: wib(T0 + 19 * MIN), unitId: 'AMB-07' }, 6),
    ev({ type: 'incident.on_scene', at: wib(T0 + 25 * MIN), unitId: 'DMK-02' }, 7),
    ev({ type: 'incident.closed', at: wib(T0 + 70 * MIN), outcome: 'resolved' }, 8),
  ];
}

beforeAll(async () => {
  const city = await loadTestCity();
  const [a, b] = city.codes;
  if (a === undefined || b === undefined) throw new Error('the test city needs two kecamatan');
  [kecA, kecB] = [a, b];
  app = await startApp();
  const events: PantauEvent[] = [
    ...fireTimeline('inc-fire'),
    makeIncidentReported({ incidentId: 'inc-flood', at: wib(T0 + 5 * MIN), category: 'flood', location: { kecamatan: kecB } }),
    makeIncidentReported({ incidentId: 'inc-crime', at: wib(T0 + 9 * MIN), category: 'crime', location: { kecamatan: kecA } }),
    { id: 'crime-d', type: 'incident.dispatched', at: wib(T0 + 11 * MIN), source: 'cad', incidentId: 'inc-crime', agency: 'police' },
  ];
  for (let i = 0; i < 30; i++) {
    const c = makeCallReceived({ callId: `call-${i}`, at: wib(T0 + i * MIN), line: i % 3 === 0 ? '119' : '112', caller: { number: NUMBER }, location: { kecamatan: i % 2 === 0 ? kecA : kecB } });
    events.push(c);
    if (i % 5 !== 4) events.push(makeCallAnswered({ callId: c.callId, at: wib(T0 + i * MIN + 8_000) }));
  }
  expect((await app.post('/api/v1/events', events)).status).toBe(200);
});

afterAll(async () => {
  await app?.close();
});

describe('GET /api/v1/incidents', () => {
  it('lists a kecamatan\'s incidents of the range, newest first, as many as the KPI counts', async () => {
    const r = await app.get(`/api/v1/incidents?${q({ ...range, kecamatan: kecA })}`, EXECUTIVE_TOKEN);
    expect(r.status, r.text).toBe(200);
    const a = r.json as IncidentListAnswer;
    expect(a.incidents.map((i) => i.incidentId)).toEqual(['inc-crime', 'inc-fire']);
    expect(a.total).toBe(2);
    const k = (await app.get(`/api/v1/kpis?${q(range)}`, EXECUTIVE_TOKEN)).json as KpisAnswer;
    expect(k.incidents.byKecamatan[kecA]).toBe(a.total);
  });

  it('filters by category and agency, and pages', async () => {
    const fire = (await app.get(`/api/v1/incidents?${q({ ...range, agency: 'fire' })}`, EXECUTIVE_TOKEN)).json as IncidentListAnswer;
    expect(fire.incidents.map((i) => i.incidentId)).toEqual(['inc-fire']);
    const flood = (await app.get(`/api/v1/incidents?${q({ ...range, category: 'flood' })}`, EXECUTIVE_TOKEN)).json as IncidentListAnswer;
    expect(flood.incidents.map((i) => i.incidentId)).toEqual(['inc-flood']);
    const page1 = (await app.get(`/api/v1/incidents?${q({ ...range, limit: '2' })}`, EXECUTIVE_TOKEN)).json as IncidentListAnswer;
    expect(page1).toMatchObject({ total: 3, next: 2 });
    const page2 = (await app.get(`/api/v1/incidents?${q({ ...range, limit: '2', offset: '2' })}`, EXECUTIVE_TOKEN)).json as IncidentListAnswer;
    expect(page2.next).toBeNull();
    expect([...page1.incidents, ...page2.incidents].map((i) => i.incidentId)).toEqual(['inc-crime', 'inc-flood', 'inc-fire']);
  });

  it('gives operators the summary and executives none', async () => {
    const summary = async (token: string) => ((await app.get(`/api/v1/incidents?${q({ ...range, category: 'fire' })}`, token)).json as IncidentListAnswer).incidents[0]?.summary;
    expect(await summary(OPERATOR_TOKEN)).toBe(SUMMARY);
    expect(await summary(EXECUTIVE_TOKEN)).toBeNull();
  });

  it('refuses the display role and anonymous viewers of the live space', async () => {
    expect((await app.get(`/api/v1/incidents?${q(range)}`, DISPLAY_TOKEN)).status).toBe(403);
    const anonymous = await app.get(`/api/v1/incidents?${q(range)}`);
    expect(anonymous.json).toMatchObject({ incidents: [] });
  });

  it('names the field of a bad query', async () => {
    const bad = async (query: Record<string, string>) => (await app.get(`/api/v1/incidents?${q(query)}`, EXECUTIVE_TOKEN));
    expect((await bad({ kecamatan: 'Karawaci' })).json).toMatchObject({ error: { code: 'invalid_query', field: 'kecamatan' } });
    expect((await bad({ agency: 'army' })).json).toMatchObject({ error: { field: 'agency' } });
    expect((await bad({ from: '2026-11-23' })).json).toMatchObject({ error: { field: 'from' } });
    expect((await bad({ ...range, from: range.to, to: range.from })).json).toMatchObject({ error: { field: 'to' } });
    expect((await bad({ limit: '5000' })).json).toMatchObject({ error: { field: 'limit' } });
  });
});

describe('GET /api/v1/calls', () => {
  it('lists a line\'s calls of the range: numbers for operators, none for executives', async () => {
    const list = async (token: string) => {
      const r = await app.get(`/api/v1/calls?${q({ ...range, line: '119', limit: '500' })}`, token);
      expect(r.status, r.text).toBe(200);
      return r.json as CallListAnswer;
    };
    const exec = await list(EXECUTIVE_TOKEN);
    expect(exec.calls).toHaveLength(10);
    expect(exec.calls.every((c) => c.line === '119')).toBe(true);
    expect(exec.calls.some((c) => 'caller' in c)).toBe(false);
    expect(JSON.stringify(exec)).not.toContain('0812');
    const op = await list(OPERATOR_TOKEN);
    expect(op.calls.map((c) => c.caller?.number)).toEqual(Array(10).fill(NUMBER));
    const k = (await app.get(`/api/v1/kpis?${q(range)}`, EXECUTIVE_TOKEN)).json as KpisAnswer;
    expect(exec.calls).toHaveLength(k.calls['119'].offered);
    // Newest receipt first.
    const times = exec.calls.map((c) => Date.parse(c.receivedAt ?? ''));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by kecamatan and status, and pages through the index', async () => {
    const abandonedA = (await app.get(`/api/v1/calls?${q({ ...range, kecamatan: kecA, status: 'waiting' })}`, EXECUTIVE_TOKEN)).json as CallListAnswer;
    // Calls 4, 14, 24 were never answered (i % 5 === 4) and are in kecamatan A (even i).
    expect(abandonedA.calls.map((c) => c.callId).sort()).toEqual(['call-14', 'call-24', 'call-4']);
    const seen: string[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page = (await app.get(`/api/v1/calls?${q({ ...range, limit: '7', offset: String(offset) })}`, EXECUTIVE_TOKEN)).json as CallListAnswer;
      expect(page.total).toBe(30);
      seen.push(...page.calls.map((c) => c.callId));
      offset = page.next;
    }
    expect(new Set(seen).size).toBe(30);
  });
});

describe('GET /api/v1/incidents/:incidentId', () => {
  it('gives each dispatch and arrival against its agency\'s target, whatever the arrival order', async () => {
    const rnd = mulberry32(SEED);
    const expected = await timelineOf('inc-fire', EXECUTIVE_TOKEN);
    expect(expected.steps.map((s) => [s.kind, s.agency ?? null, s.unitId ?? null, s.sinceReportedSeconds])).toEqual([
      ['reported', null, null, 0],
      ['dispatched', 'fire', 'DMK-01', 120],
      ['dispatched', 'ambulance', 'AMB-07', 240],
      ['dispatched', 'fire', 'DMK-02', 360],
      ['on_scene', 'fire', 'DMK-01', 720],
      ['on_scene', 'ambulance', 'AMB-07', 1140],
      ['on_scene', 'fire', 'DMK-02', 1500],
      ['closed', null, null, 4200],
    ]);
    // Fire's target is 15 minutes: 12 min good, 25 min bad (more than a quarter over).
    const city = await loadTestCity();
    const t = city.profile.profile.targets;
    const fireTarget = (t.responseMinutesByAgency?.fire ?? t.responseMinutes) * 60;
    const arrivals = expected.steps.filter((s) => s.kind === 'on_scene');
    expect(arrivals[0]).toMatchObject({ targetSeconds: fireTarget, state: 'good' });
    expect(arrivals[2]).toMatchObject({ targetSeconds: fireTarget, state: 'bad' });
    expect(expected).toMatchObject({ dispatchSeconds: 120, responseSeconds: 720, response: { agency: 'fire', targetSeconds: fireTarget, state: 'good' } });
    expect(expected.incident.summary).toBeNull();
    expect((await timelineOf('inc-fire', OPERATOR_TOKEN)).incident.summary).toBe(SUMMARY);

    // The same incident's events in three other seeded orders, split over requests: the same timeline.
    for (let round = 0; round < 3; round++) {
      const id = `inc-fire-${round}`;
      const events = fireTimeline(id);
      for (let i = events.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [events[i], events[j]] = [events[j] as PantauEvent, events[i] as PantauEvent];
      }
      const cut = 1 + Math.floor(rnd() * (events.length - 1));
      expect((await app.post('/api/v1/events', events.slice(0, cut))).status).toBe(200);
      expect((await app.post('/api/v1/events', events.slice(cut))).status).toBe(200);
      const again = await timelineOf(id, EXECUTIVE_TOKEN);
      expect({ ...again, incident: { ...again.incident, incidentId: 'inc-fire' } }, `order seed ${SEED} round ${round}`).toEqual(expected);
    }
  });

  it('answers 404 for an unknown incident', async () => {
    const r = await app.get('/api/v1/incidents/nope', EXECUTIVE_TOKEN);
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ error: { code: 'not_found', field: 'incidentId' } });
  });
});

async function timelineOf(id: string, token: string): Promise<IncidentTimelineAnswer> {
  const r = await app.get(`/api/v1/incidents/${encodeURIComponent(id)}`, token);
  expect(r.status, r.text).toBe(200);
  return r.json as IncidentTimelineAnswer;
}
