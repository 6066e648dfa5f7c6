// Incident KPI figures (design.md "KPI definitions") over the incidents the caller selected
// (those reported in the window). Every category, priority and agency key is present, with
// zeros, so charts keep a stable legend; kecamatan keys appear only where there is a count.
import { AGENCIES, CATEGORIES, type Agency } from '../../shared/contract/events.ts';
import type { DurationStats, IncidentKpis, ResponseTarget } from '../../shared/contract/kpis.ts';
import type { IncidentRecord } from './incident-record.ts';
import { mean, nearestRank, round1, round4 } from './percentile.ts';

export const OUTSIDE_BUCKET = 'outside';

function zeros(keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = 0;
  return out;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function stats(seconds: readonly number[]): DurationStats {
  const m = mean(seconds);
  const p90 = nearestRank(seconds, 90);
  return { mean: m === null ? null : round1(m), p90: p90 === null ? null : round1(p90), n: seconds.length };
}

/** Seconds from report to a later stage; null when either end is missing. Clock skew → 0. */
function since(reportedAtMs: number, atMs: number | null): number | null {
  return atMs === null ? null : Math.max(0, atMs - reportedAtMs) / 1000;
}

/**
 * Records without a reportedAt are skipped: they were never reported, so no window holds them.
 * byAgencyTimes uses the incident's first dispatch and arrival for each agency it went to,
 * since the record keeps one time of each, not one per agency.
 */
/** Arrivals within `seconds` (≤: arriving exactly on the target meets it). */
function withinTarget(responses: readonly number[], seconds: number): ResponseTarget {
  const within = responses.filter((s) => s <= seconds).length;
  return { seconds, within, n: responses.length, rate: responses.length > 0 ? round4(within / responses.length) : null };
}

/**
 * `responseTarget(agency)`: the agency's on-scene target in seconds (city profile); with it each
 * agency's times carry the share of its arrivals within the target. Incidents without an
 * arrival are not in that share (nor in the response mean and p90): they are still open, or
 * were closed without a unit on scene.
 */
export function computeIncidentKpis(records: readonly IncidentRecord[], responseTarget?: (agency: Agency) => number): IncidentKpis {
  const byCategory = zeros(CATEGORIES);
  const byPriority = zeros(['1', '2', '3', '4']);
  const byKecamatan: Record<string, number> = {};
  const byAgency = zeros(AGENCIES);
  const dispatch: number[] = [];
  const response: number[] = [];
  const agencyDispatch = new Map<Agency, number[]>();
  const agencyResponse = new Map<Agency, number[]>();
  let count = 0;
  let outside = 0;
  let closed = 0;
  let prank = 0;

  for (const r of records) {
    if (r.reportedAtMs === null) continue;
    count += 1;
    if (r.category !== null) bump(byCategory, r.category);
    if (r.priority !== null) bump(byPriority, String(r.priority));
    if (r.outside) {
      outside += 1;
      bump(byKecamatan, OUTSIDE_BUCKET);
    } else if (r.kecamatan !== null) {
      bump(byKecamatan, r.kecamatan);
    }
    const d = since(r.reportedAtMs, r.dispatchedAtMs);
    const s = since(r.reportedAtMs, r.onSceneAtMs);
    if (d !== null) dispatch.push(d);
    if (s !== null) response.push(s);
    for (const a of r.agencies) {
      bump(byAgency, a);
      if (!agencyDispatch.has(a)) {
        agencyDispatch.set(a, []);
        agencyResponse.set(a, []);
      }
      if (d !== null) agencyDispatch.get(a)?.push(d);
      if (s !== null) agencyResponse.get(a)?.push(s);
    }
    if (r.closedAtMs !== null) {
      closed += 1;
      if (r.outcome === 'prank') prank += 1;
    }
  }

  const byAgencyTimes: NonNullable<IncidentKpis['byAgencyTimes']> = {};
  for (const a of AGENCIES) {
    const ds = agencyDispatch.get(a);
    if (ds === undefined) continue;
    const rs = agencyResponse.get(a) ?? [];
    byAgencyTimes[a] = { dispatch: stats(ds), response: stats(rs), ...(responseTarget ? { responseTarget: withinTarget(rs, responseTarget(a)) } : {}) };
  }
  return {
    count,
    byCategory,
    byPriority,
    byKecamatan,
    byAgency,
    dispatch: stats(dispatch),
    response: stats(response),
    prankRate: closed > 0 ? round4(prank / closed) : null,
    byAgencyTimes,
    outside,
  };
}
