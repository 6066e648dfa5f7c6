// KPIs over any range (issue #18): GET /api/v1/kpis for seeded random ranges — ranges that cut
// through 15-minute slots at odd milliseconds, ranges across a city midnight, whole days —
// equals the figures computed here, straight from the events posted, with none of the project's
// KPI code (no computeCallKpis, nearestRank or rounding helpers): the definitions of design.md
// "KPI definitions" written out again. The server answers from its buckets, the day cache and
// the call records at the edges; any disagreement between those paths shows up here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KecamatanCode, type PantauEvent } from '../../shared/contract/events.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';
import { EXECUTIVE_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { wib } from '../support/factories.ts';
import { loadTestCity } from '../support/test-city-data.ts';

const SEED = Number(process.env.KPI_RANGES_SEED ?? 18_2026);
const S = 1_000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Tangerang and Bandung are both WIB: city midnight is 17:00 UTC. */
const OFFSET = 7 * HOUR;

const LINES = ['112', '119'] as const;
const CATEGORIES = ['fire', 'medical', 'traffic-accident', 'flood', 'crime'] as const;
const AGENCIES = ['fire', 'ambulance', 'police'] as const;
const DISPOSITIONS = ['emergency', 'non-emergency', 'info', 'prank', 'ghost', 'wrong-number'] as const;

interface CallFact { line: '112' | '119'; receivedAtMs: number; answeredAfterMs?: number; abandonedAfterMs?: number; disposition?: string }
interface IncidentFact {
  receivedAtMs: number; category: string; kecamatan: KecamatanCode;
  dispatches: { afterMs: number; agency: string }[]; onSceneAfterMs?: number; closed?: { afterMs: number; outcome: string };
}

let app: TestApp;
let calls: CallFact[] = [];
let incidents: IncidentFact[] = [];
let nowMs = 0;
/** The profile's on-scene targets (minutes), read as the profile states them. */
let responseMinutes: { general: number; byAgency: Partial<Record<string, number>> } = { general: 0, byAgency: {} };

/** Times that sit near a 15-minute slot edge or a city midnight, to the millisecond. */
function pickTime(rnd: () => number, fromMs: number, toMs: number): number {
  const base = fromMs + Math.floor(rnd() * (toMs - fromMs));
  const r = rnd();
  if (r < 0.3) return Math.min(toMs - 1, Math.floor(base / (15 * MIN)) * 15 * MIN + Math.floor((rnd() - 0.5) * 4 * S));
  if (r < 0.45) {
    const midnight = Math.floor((base + OFFSET) / DAY) * DAY - OFFSET;
    return Math.max(fromMs, Math.min(toMs - 1, midnight + Math.floor((rnd() - 0.5) * 20 * MIN)));
  }
  return base;
}

function eventsOf(rnd: () => number): PantauEvent[] {
  const out: PantauEvent[] = [];
  let n = 0;
  const id = (p: string) => `${p}-${SEED}-${n++}`;
  calls.forEach((c, i) => {
    const callId = `call-${i}`;
    out.push({ id: id('e'), type: 'call.received', at: wib(c.receivedAtMs), source: 'test', callId, line: c.line });
    if (c.answeredAfterMs !== undefined) {
      out.push({ id: id('e'), type: 'call.answered', at: wib(c.receivedAtMs + c.answeredAfterMs), source: 'test', callId, agentId: `agent-${i % 7}` });
      const ended = { id: id('e'), type: 'call.ended', at: wib(c.receivedAtMs + c.answeredAfterMs + 90 * S), source: 'test', callId } as const;
      out.push(c.disposition === undefined ? ended : { ...ended, disposition: c.disposition as (typeof DISPOSITIONS)[number] });
    } else if (c.abandonedAfterMs !== undefined) {
      out.push({ id: id('e'), type: 'call.abandoned', at: wib(c.receivedAtMs + c.abandonedAfterMs), source: 'test', callId });
    }
  });
  incidents.forEach((f, i) => {
    const incidentId = `inc-${i}`;
    out.push({
      id: id('e'), type: 'incident.reported', at: wib(f.receivedAtMs), source: 'test', incidentId, line: '112',
      category: f.category as (typeof CATEGORIES)[number], priority: 2, location: { kecamatan: f.kecamatan },
    });
    for (const d of f.dispatches) out.push({ id: id('e'), type: 'incident.dispatched', at: wib(f.receivedAtMs + d.afterMs), source: 'test', incidentId, agency: d.agency as (typeof AGENCIES)[number], unitId: `${d.agency}-${i}` });
    if (f.onSceneAfterMs !== undefined) out.push({ id: id('e'), type: 'incident.on_scene', at: wib(f.receivedAtMs + f.onSceneAfterMs), source: 'test', incidentId });
    if (f.closed) out.push({ id: id('e'), type: 'incident.closed', at: wib(f.receivedAtMs + f.closed.afterMs), source: 'test', incidentId, outcome: f.closed.outcome as 'resolved' });
  });
  // Any arrival order: the answer must not depend on it.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as PantauEvent, out[i] as PantauEvent];
  }
  return out;
}

// ---- the expected figures, from the facts alone -------------------------------------------

const avg = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
function p90(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(0.9 * sorted.length - 1e-9)) - 1] ?? null;
}
const frac = (a: number, b: number): number | null => (b === 0 ? null : a / b);

function expectedCalls(fromMs: number, toMs: number, line: '112' | '119' | 'all') {
  const inWindow = calls.filter((c) => c.receivedAtMs >= fromMs && c.receivedAtMs < toMs && (line === 'all' || c.line === line));
  const answered = inWindow.filter((c) => c.answeredAfterMs !== undefined);
  const abandoned = inWindow.filter((c) => c.answeredAfterMs === undefined && c.abandonedAfterMs !== undefined);
  const waits = answered.map((c) => (c.answeredAfterMs ?? 0) / S);
  const sl = (t: number) => frac(waits.filter((w) => w <= t).length, answered.length + abandoned.filter((c) => (c.abandonedAfterMs ?? 0) / S > t).length);
  const byDisposition: Record<string, number> = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0]));
  for (const c of answered) if (c.disposition !== undefined) byDisposition[c.disposition] = (byDisposition[c.disposition] ?? 0) + 1;
  const withDisposition = Object.values(byDisposition).reduce((a, b) => a + b, 0);
  return {
    offered: inWindow.length, answered: answered.length, abandoned: abandoned.length,
    asa: avg(waits), sl15: sl(15), sl20: sl(20), abandonmentRate: frac(abandoned.length, inWindow.length),
    byDisposition, prankShare: frac(byDisposition.prank ?? 0, withDisposition),
  };
}

function expectedIncidents(fromMs: number, toMs: number) {
  const inWindow = incidents.filter((f) => f.receivedAtMs >= fromMs && f.receivedAtMs < toMs);
  const count = (key: (f: IncidentFact) => string[]) => {
    const out: Record<string, number> = {};
    for (const f of inWindow) for (const k of key(f)) out[k] = (out[k] ?? 0) + 1;
    return out;
  };
  const firstDispatch = (f: IncidentFact) => (f.dispatches.length === 0 ? undefined : Math.min(...f.dispatches.map((d) => d.afterMs)));
  const dispatch = inWindow.flatMap((f) => { const d = firstDispatch(f); return d === undefined ? [] : [d / S]; });
  const response = inWindow.flatMap((f) => (f.onSceneAfterMs === undefined ? [] : [f.onSceneAfterMs / S]));
  const closed = inWindow.filter((f) => f.closed);
  const agencies = (f: IncidentFact) => [...new Set(f.dispatches.map((d) => d.agency))];
  const perAgency: Record<string, { dispatch: number[]; response: number[] }> = {};
  for (const f of inWindow) {
    for (const a of agencies(f)) {
      const e = (perAgency[a] ??= { dispatch: [], response: [] });
      const d = firstDispatch(f);
      if (d !== undefined) e.dispatch.push(d / S);
      if (f.onSceneAfterMs !== undefined) e.response.push(f.onSceneAfterMs / S);
    }
  }
  return {
    count: inWindow.length,
    byCategory: count((f) => [f.category]),
    byKecamatan: count((f) => [f.kecamatan]),
    byAgency: count(agencies),
    dispatch, response, perAgency,
    prankRate: frac(closed.filter((f) => f.closed?.outcome === 'prank').length, closed.length),
  };
}

/** The wire carries seconds with one decimal and rates with four: `actual` is `raw` rounded to that. */
function near(actual: number | null | undefined, raw: number | null, step: number, what: string): void {
  if (raw === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual ?? NaN) - raw), `${what}: ${actual} against ${raw}`).toBeLessThanOrEqual(step / 2 + 1e-9);
}

function checkAnswer(k: KpisAnswer, fromMs: number, toMs: number, label: string): void {
  for (const line of [...LINES, 'all'] as const) {
    const e = expectedCalls(fromMs, toMs, line);
    const a = k.calls[line];
    const what = `${label} line ${line}`;
    expect({ offered: a.offered, answered: a.answered, abandoned: a.abandoned, byDisposition: a.byDisposition }, what)
      .toEqual({ offered: e.offered, answered: e.answered, abandoned: e.abandoned, byDisposition: e.byDisposition });
    near(a.asa, e.asa, 0.1, `${what} asa`);
    near(a.sl15, e.sl15, 0.0001, `${what} sl15`);
    near(a.sl20, e.sl20, 0.0001, `${what} sl20`);
    near(a.abandonmentRate, e.abandonmentRate, 0.0001, `${what} abandonment`);
    near(a.prankShare, e.prankShare, 0.0001, `${what} prankShare`);
  }
  const e = expectedIncidents(fromMs, toMs);
  const i = k.incidents;
  expect(i.count, `${label} incidents`).toBe(e.count);
  expect(Object.fromEntries(Object.entries(i.byCategory).filter(([, n]) => n > 0)), `${label} byCategory`).toEqual(e.byCategory);
  expect(i.byKecamatan, `${label} byKecamatan`).toEqual(e.byKecamatan);
  expect(Object.fromEntries(Object.entries(i.byAgency).filter(([, n]) => n > 0)), `${label} byAgency`).toEqual(e.byAgency);
  expect(i.dispatch.n).toBe(e.dispatch.length);
  expect(i.response.n).toBe(e.response.length);
  near(i.dispatch.mean, avg(e.dispatch), 0.1, `${label} dispatch mean`);
  near(i.dispatch.p90, p90(e.dispatch), 0.1, `${label} dispatch p90`);
  near(i.response.mean, avg(e.response), 0.1, `${label} response mean`);
  near(i.response.p90, p90(e.response), 0.1, `${label} response p90`);
  near(i.prankRate, e.prankRate, 0.0001, `${label} prankRate`);
  for (const [agency, times] of Object.entries(e.perAgency)) {
    const got = i.byAgencyTimes?.[agency];
    near(got?.response.mean, avg(times.response), 0.1, `${label} ${agency} response mean`);
    near(got?.dispatch.p90, p90(times.dispatch), 0.1, `${label} ${agency} dispatch p90`);
    const target = (responseMinutes.byAgency[agency] ?? responseMinutes.general) * 60;
    const within = times.response.filter((s) => s <= target).length;
    expect(got?.responseTarget?.seconds, `${label} ${agency} target`).toBe(target);
    expect(got?.responseTarget?.within, `${label} ${agency} within target`).toBe(within);
    near(got?.responseTarget?.rate, frac(within, times.response.length), 0.0001, `${label} ${agency} % within target`);
  }
}

async function kpis(fromMs: number, toMs: number): Promise<KpisAnswer> {
  const r = await app.get(`/api/v1/kpis?from=${encodeURIComponent(wib(fromMs))}&to=${encodeURIComponent(wib(toMs))}`, EXECUTIVE_TOKEN);
  expect(r.status, r.text).toBe(200);
  return r.json as KpisAnswer;
}

beforeAll(async () => {
  const city = await loadTestCity();
  const targets = city.profile.profile.targets;
  responseMinutes = { general: targets.responseMinutes, byAgency: targets.responseMinutesByAgency ?? {} };
  const rnd = mulberry32(SEED);
  nowMs = Date.now();
  // Four city days back, up to two hours ago: whole past days (the server's day cache) and today.
  const spanFrom = nowMs - 4 * DAY;
  const spanTo = nowMs - 2 * HOUR;
  calls = Array.from({ length: 400 }, (): CallFact => {
    const c: CallFact = { line: rnd() < 0.6 ? '112' : '119', receivedAtMs: pickTime(rnd, spanFrom, spanTo) };
    const wait = Math.floor(rnd() * 40 * S);
    if (rnd() < 0.8) {
      c.answeredAfterMs = wait;
      if (rnd() < 0.8) c.disposition = DISPOSITIONS[Math.floor(rnd() * DISPOSITIONS.length)] ?? 'info';
    } else {
      c.abandonedAfterMs = wait;
    }
    return c;
  });
  incidents = Array.from({ length: 150 }, (): IncidentFact => {
    const f: IncidentFact = {
      receivedAtMs: pickTime(rnd, spanFrom, spanTo),
      category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)] ?? 'fire',
      kecamatan: city.codes[Math.floor(rnd() * city.codes.length)] ?? KecamatanCode.parse(city.codes[0]),
      dispatches: [],
    };
    const units = rnd() < 0.85 ? 1 + Math.floor(rnd() * 3) : 0;
    for (let u = 0; u < units; u++) f.dispatches.push({ afterMs: Math.floor(30 * S + rnd() * 10 * MIN), agency: AGENCIES[Math.floor(rnd() * AGENCIES.length)] ?? 'fire' });
    if (units > 0 && rnd() < 0.8) f.onSceneAfterMs = Math.max(...f.dispatches.map((d) => d.afterMs)) + Math.floor(rnd() * 20 * MIN);
    if (rnd() < 0.7) f.closed = { afterMs: 40 * MIN + Math.floor(rnd() * HOUR), outcome: rnd() < 0.2 ? 'prank' : 'resolved' };
    return f;
  });
  app = await startApp();
  const events = eventsOf(rnd);
  for (let i = 0; i < events.length; i += 500) {
    const r = await app.post('/api/v1/events', events.slice(i, i + 500));
    expect(r.status, r.text).toBe(200);
  }
});

afterAll(async () => {
  await app?.close();
});

describe(`KPIs over any range (seed ${SEED}; KPI_RANGES_SEED=<n> to replay)`, () => {
  it('equal the figures computed from the events, for ranges through slots, midnights and whole days', async () => {
    const rnd = mulberry32(SEED ^ 0x5eed);
    const ranges: [number, number, string][] = [];
    const lastMidnight = Math.floor((nowMs + OFFSET) / DAY) * DAY - OFFSET;
    for (let i = 0; i < 12; i++) {
      // Across a city midnight, both ends at odd milliseconds inside a 15-minute slot.
      const m = lastMidnight - Math.floor(rnd() * 4) * DAY;
      ranges.push([m - Math.floor(rnd() * 3 * HOUR) - 7_777, m + Math.floor(rnd() * 3 * HOUR) + 1_234, `across midnight ${i}`]);
    }
    for (let i = 0; i < 12; i++) {
      // Anywhere, any length from a minute to three days.
      const from = nowMs - 4 * DAY + Math.floor(rnd() * 3 * DAY);
      ranges.push([from, Math.min(nowMs, from + MIN + Math.floor(rnd() * 3 * DAY)), `random ${i}`]);
    }
    for (let i = 0; i < 12; i++) {
      // Inside one slot, or a few, around a slot edge.
      const edge = Math.floor((nowMs - Math.floor(rnd() * 4 * DAY)) / (15 * MIN)) * 15 * MIN;
      ranges.push([edge - Math.floor(rnd() * 10 * MIN) - 1, edge + Math.floor(rnd() * 40 * MIN) + 1, `slot edge ${i}`]);
    }
    // Whole city days (the day cache's path) and the executive's presets.
    for (let d = 1; d <= 3; d++) ranges.push([lastMidnight - d * DAY, lastMidnight - (d - 1) * DAY, `city day -${d}`]);
    ranges.push([lastMidnight - 6 * DAY, nowMs, 'last 7 days'], [lastMidnight, nowMs, 'today']);
    let nonEmpty = 0;
    for (const [fromMs, toMs, label] of ranges) {
      const k = await kpis(fromMs, toMs);
      checkAnswer(k, fromMs, toMs, `${label} [${wib(fromMs)}, ${wib(toMs)}) seed ${SEED}`);
      if (k.calls.all.offered > 0 && k.incidents.count > 0) nonEmpty += 1;
      // Asked twice (the second from the day cache where the days are over): the same answer.
      expect(await kpis(fromMs, toMs)).toEqual(k);
    }
    // The property is only worth something if most ranges hold data.
    expect(nonEmpty).toBeGreaterThan(ranges.length / 2);
  });
});
