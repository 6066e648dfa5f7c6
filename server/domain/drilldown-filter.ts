// Which incidents and calls a drill-down lists: the filters of GET /api/v1/incidents and
// GET /api/v1/calls, as pure predicates. A kecamatan matches as the KPIs count it
// (incident-kpis.ts: the `outside` bucket for points outside the city, else the kecamatan).
import type { Agency, Category, Disposition, Line } from '../../shared/contract/events.ts';
import type { CallStatus } from '../../shared/contract/views.ts';
import type { CallRecord } from './call-record.ts';
import { OUTSIDE_BUCKET } from './incident-kpis.ts';
import type { IncidentRecord } from './incident-record.ts';

export interface IncidentFilter {
  line?: Line | undefined;
  kecamatan?: string | undefined;
  category?: Category | undefined;
  agency?: Agency | undefined;
  priority?: number | undefined;
}

export function incidentMatches(f: IncidentFilter): (r: IncidentRecord) => boolean {
  return (r) => {
    if (r.reportedAtMs === null) return false;
    if (f.line !== undefined && r.line !== f.line) return false;
    if (f.category !== undefined && r.category !== f.category) return false;
    if (f.priority !== undefined && r.priority !== f.priority) return false;
    if (f.agency !== undefined && !r.agencies.includes(f.agency)) return false;
    if (f.kecamatan !== undefined) {
      const counted = r.outside ? OUTSIDE_BUCKET : r.kecamatan;
      if (counted !== f.kecamatan) return false;
    }
    return true;
  };
}

/** Newest report first; ties by id so that pages never overlap. */
export function newestIncidentsFirst(a: IncidentRecord, b: IncidentRecord): number {
  return (b.reportedAtMs ?? 0) - (a.reportedAtMs ?? 0) || (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0);
}

export interface CallFilter {
  line?: Line | undefined;
  kecamatan?: string | undefined;
  status?: CallStatus | undefined;
  disposition?: Disposition | undefined;
}

export function callMatches(f: CallFilter): (r: CallRecord) => boolean {
  return (r) =>
    (f.line === undefined || r.line === f.line) &&
    (f.kecamatan === undefined || r.kecamatan === f.kecamatan) &&
    (f.status === undefined || r.status === f.status) &&
    (f.disposition === undefined || r.disposition === f.disposition);
}

/** Whether a call filter narrows the calls, so the time index's count is not their number. */
export function callFilterNeedsScan(f: CallFilter): boolean {
  return f.line !== undefined || f.kecamatan !== undefined || f.status !== undefined || f.disposition !== undefined;
}
