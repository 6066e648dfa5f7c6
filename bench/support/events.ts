// Deterministic event streams for the benchmarks: a realistic mix (call lifecycles, incidents
// with points that need point-in-polygon, pre-aggregated app activity) with unique ids, so
// nothing is deduplicated, and times the caller chooses.
import type { PantauEvent } from '../../shared/contract/events.ts';
import { AGENCIES, CATEGORIES, DISPOSITIONS } from '../../shared/contract/events.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';

/** A small seeded PRNG, so two runs send the same events. */
export const rng = mulberry32;

const WIB_MS = 7 * 3_600_000;
/** ISO-8601 in WIB (+07:00) for epoch ms. */
export function wib(ms: number): string {
  return new Date(ms + WIB_MS).toISOString().replace('Z', '+07:00');
}

export type Point = { lat: number; lon: number };
export type PointSource = (r: () => number) => Point;

/** Kota Tangerang's bounding box; about half of it lies outside the city. */
export const CITY_BBOX = { minLat: -6.2561, maxLat: -6.09707, minLon: 106.55145, maxLon: 106.74862 };

export function bboxPoint(r: () => number): Point {
  return {
    lat: Math.round((CITY_BBOX.minLat + r() * (CITY_BBOX.maxLat - CITY_BBOX.minLat)) * 1e6) / 1e6,
    lon: Math.round((CITY_BBOX.minLon + r() * (CITY_BBOX.maxLon - CITY_BBOX.minLon)) * 1e6) / 1e6,
  };
}

/**
 * Points where incidents happen: `n` points inside the city (rejection-sampled from the
 * bounding box with the city's own locate), plus 2 % anywhere in the box, as a few real
 * reports come from just over the border.
 */
export function cityPoints(locate: (lat: number, lon: number) => unknown, n: number, seed = 11): PointSource {
  const r = rng(seed);
  const pool: Point[] = [];
  while (pool.length < n) {
    const p = bboxPoint(r);
    if (locate(p.lat, p.lon) !== null) pool.push(p);
  }
  return (rand) => (rand() < 0.02 ? bboxPoint(rand) : (pool[Math.floor(rand() * pool.length)] as Point));
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

export interface MixOptions {
  /** Makes ids unique across runs sharing a Redis. */
  runId: string;
  seed?: number;
  /** Time of the n-th event. */
  atMs: (n: number) => number;
  /** Number of app ids the activity is spread over. */
  apps?: number;
  /** Where located events happen (default: anywhere in the city's bounding box). */
  point?: PointSource;
  /** Shares of call and incident lifecycle events (default 0.4 and 0.2); app activity is the rest. */
  shares?: { calls: number; incidents: number };
}

/**
 * An endless mix: ~40 % call lifecycle events (received with a point half the time, answered or
 * abandoned, ended with a disposition), ~20 % incident lifecycle events (reported with a point,
 * dispatched, on scene, closed), ~40 % app.activity with counts. Arrivals and departures are
 * balanced, so the waiting queue and the open incidents stay bounded over a long run.
 */
export function eventMix(o: MixOptions): () => PantauEvent {
  const r = rng(o.seed ?? 112119);
  const apps = o.apps ?? 200;
  const randomPoint = o.point ?? bboxPoint;
  const callShare = o.shares?.calls ?? 0.4;
  const incidentShare = callShare + (o.shares?.incidents ?? 0.2);
  const openCalls: string[] = [];
  const answeredCalls: string[] = [];
  const openIncidents: string[] = [];
  let n = 0;
  return () => {
    const i = n++;
    const base = { id: `${o.runId}-${i}`, at: wib(o.atMs(i)), source: 'bench' };
    const x = r();
    if (x < callShare) {
      const y = r();
      // Thirds: arrivals, answers/abandons, ends, so the queue stays about as long as it started.
      if (y < 0.34 || openCalls.length === 0) {
        const callId = `${o.runId}-c${i}`;
        openCalls.push(callId);
        return { ...base, type: 'call.received', callId, line: r() < 0.8 ? '112' : '119', ...(r() < 0.5 ? { location: randomPoint(r) } : {}) };
      }
      if (y < 0.67 || answeredCalls.length === 0) {
        const callId = openCalls.shift() as string;
        if (r() < 0.85) {
          answeredCalls.push(callId);
          return { ...base, type: 'call.answered', callId, agentId: `agent-${1 + Math.floor(r() * 12)}` };
        }
        return { ...base, type: 'call.abandoned', callId };
      }
      const callId = answeredCalls.shift() as string;
      return { ...base, type: 'call.ended', callId, disposition: pick(r, DISPOSITIONS) };
    }
    if (x < incidentShare) {
      const y = r();
      // Quarters: reports, dispatches, arrivals, closes; the open set stays bounded.
      if (y < 0.25 || openIncidents.length === 0) {
        const incidentId = `${o.runId}-i${i}`;
        openIncidents.push(incidentId);
        return {
          ...base, type: 'incident.reported', incidentId, line: '112', category: pick(r, CATEGORIES),
          priority: 1 + Math.floor(r() * 4), location: randomPoint(r),
        };
      }
      const incidentId = openIncidents[Math.floor(r() * openIncidents.length)] as string;
      if (y < 0.5) return { ...base, type: 'incident.dispatched', incidentId, agency: pick(r, AGENCIES) };
      if (y < 0.75) return { ...base, type: 'incident.on_scene', incidentId };
      openIncidents.splice(openIncidents.indexOf(incidentId), 1);
      return { ...base, type: 'incident.closed', incidentId, outcome: r() < 0.9 ? 'resolved' : 'prank' };
    }
    return { ...base, type: 'app.activity', appId: `app-${Math.floor(r() * apps)}`, kind: pick(r, ['session', 'session', 'transaction', 'complaint', 'error'] as const), count: 1 + Math.floor(r() * 50) };
  };
}

export function take<T>(next: () => T, n: number): T[] {
  const out: T[] = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = next();
  return out;
}
