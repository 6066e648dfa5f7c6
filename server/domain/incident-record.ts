// One incident as the store keeps it (hash `incident:<incidentId>`, docs/architecture.md).
// dispatchedAt and onSceneAt are the first of each (design: "first dispatched − reported");
// agencies is the set of every agency a unit was sent from.
import { AGENCIES, CATEGORIES, OUTCOMES, type Agency, type Category, type Line, type Outcome } from '../../shared/contract/events.ts';
import { INCIDENT_STATUSES, type IncidentStatus, type IncidentView } from '../../shared/contract/views.ts';
import { isOneOf, parseLine } from './call-record.ts';
import { isoOrNull, parseEpochMs } from './time.ts';

export interface IncidentRecord {
  incidentId: string;
  line: Line | null;
  category: Category | null;
  priority: number | null;
  reportedAtMs: number | null;
  lat: number | null;
  lon: number | null;
  /** The kecamatan code as the source sent it in `location`. */
  locKecamatan: string | null;
  /** The kecamatan the incident is counted in: point-in-polygon, else the one sent. */
  kecamatan: string | null;
  kelurahan: string | null;
  outside: boolean;
  callId: string | null;
  dispatchedAtMs: number | null;
  onSceneAtMs: number | null;
  closedAtMs: number | null;
  outcome: Outcome | null;
  agencies: Agency[];
  summary: string | null;
  /** The projection's decision (project.lua incident_status): the furthest stage reached. */
  status: IncidentStatus;
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | null {
  return isOneOf(values, value) ? value : null;
}

function text(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

function coordinate(value: string | undefined, limit: number): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

export function parseIncidentRecord(incidentId: string, hash: Record<string, string>): IncidentRecord {
  const priority = Number(hash['priority']);
  let lat = coordinate(hash['lat'], 90);
  let lon = coordinate(hash['lon'], 180);
  // Half a point is no point: the view promises lat and lon together.
  if (lat === null || lon === null) lat = lon = null;
  const agencies = new Set<Agency>();
  for (const a of (hash['agencies'] ?? '').split(',')) {
    const agency = oneOf(AGENCIES, a.trim());
    if (agency !== null) agencies.add(agency);
  }
  return {
    incidentId,
    line: parseLine(hash['line']),
    category: oneOf(CATEGORIES, hash['category']),
    priority: Number.isInteger(priority) && priority >= 1 && priority <= 4 ? priority : null,
    reportedAtMs: parseEpochMs(hash['reportedAt']),
    lat,
    lon,
    locKecamatan: text(hash['locKecamatan']),
    kecamatan: text(hash['kecamatan']),
    kelurahan: text(hash['kelurahan']),
    outside: hash['outside'] === '1',
    callId: text(hash['callId']),
    dispatchedAtMs: parseEpochMs(hash['dispatchedAt']),
    onSceneAtMs: parseEpochMs(hash['onSceneAt']),
    closedAtMs: parseEpochMs(hash['closedAt']),
    outcome: oneOf(OUTCOMES, hash['outcome']),
    // Sorted so two readers of the same set agree byte for byte (deltas are compared as JSON).
    agencies: AGENCIES.filter((a) => agencies.has(a)),
    summary: text(hash['summary']),
    status: oneOf(INCIDENT_STATUSES, hash['status']) ?? 'unknown',
  };
}

export function toIncidentView(r: IncidentRecord, timeZone: string): IncidentView {
  let location: IncidentView['location'] = null;
  if (r.lat !== null || r.locKecamatan !== null) {
    location = {};
    if (r.lat !== null && r.lon !== null) {
      location.lat = r.lat;
      location.lon = r.lon;
    }
    if (r.locKecamatan !== null) location.kecamatan = r.locKecamatan;
  }
  return {
    incidentId: r.incidentId,
    line: r.line,
    category: r.category,
    priority: r.priority,
    status: r.status,
    location,
    kecamatan: r.kecamatan,
    kelurahan: r.kelurahan,
    outside: r.outside,
    callId: r.callId,
    reportedAt: isoOrNull(r.reportedAtMs, timeZone),
    dispatchedAt: isoOrNull(r.dispatchedAtMs, timeZone),
    onSceneAt: isoOrNull(r.onSceneAtMs, timeZone),
    closedAt: isoOrNull(r.closedAtMs, timeZone),
    agencies: r.agencies,
    outcome: r.outcome,
    summary: r.summary,
  };
}
