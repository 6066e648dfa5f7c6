// Turns open incidents into supercluster input. Kept pure so that the rules "where does an
// incident without coordinates go" and "when must the index be rebuilt" are testable without
// a browser.
import type { Feature, Point } from 'geojson';
import type { Category } from '../../shared/contract/events.ts';
import type { IncidentView } from '../../shared/contract/views.ts';
import type { LonLat } from './label-point.ts';
import { priorityRank, type PriorityRank } from './priority.ts';

export interface IncidentPointProps {
  incidentId: string;
  rank: PriorityRank;
  category: Category | null;
  /** Placed at its kecamatan's label point because it has no coordinates. */
  approx: boolean;
  /** When the map first saw it (epoch ms, 0 for the initial load): drives the one-off pulse. */
  bornMs: number;
}

/** What each cluster aggregates: the most urgent rank inside and the newest arrival. */
export interface ClusterAggregate {
  rank: PriorityRank;
  bornMs: number;
}

export type IncidentPoint = Feature<Point, IncidentPointProps>;

export interface Placement {
  lon: number;
  lat: number;
  approx: boolean;
}

/** The kecamatan an incident counts for: the server's point-in-polygon answer first, then the reported one. */
export function incidentKecamatan(incident: IncidentView): string | null {
  return incident.kecamatan ?? incident.location?.kecamatan ?? null;
}

export function placeIncident(incident: IncidentView, labelPoints: ReadonlyMap<string, LonLat>): Placement | null {
  const loc = incident.location;
  if (loc && typeof loc.lat === 'number' && typeof loc.lon === 'number' && Number.isFinite(loc.lat) && Number.isFinite(loc.lon)) {
    return { lon: loc.lon, lat: loc.lat, approx: false };
  }
  const code = incidentKecamatan(incident);
  const p = code === null ? undefined : labelPoints.get(code);
  return p ? { lon: p[0], lat: p[1], approx: true } : null;
}

/**
 * What the cluster index depends on, per incident. Status and timeline changes do not move a
 * marker or change its colour, so they leave the key (and the index) alone.
 */
export function placementKey(incident: IncidentView, placement: Placement): string {
  return `${placement.lon},${placement.lat},${priorityRank(incident.priority)},${incident.category ?? ''}`;
}

export interface ClusterInput {
  points: IncidentPoint[];
  /** Incident ids that have neither coordinates nor a known kecamatan: counted, not drawn. */
  unplaced: string[];
  /** incidentId → placementKey, to compare with the previous input. */
  keys: Map<string, string>;
}

export function toClusterInput(
  incidents: readonly IncidentView[],
  labelPoints: ReadonlyMap<string, LonLat>,
  bornMs: (incident: IncidentView) => number = () => 0,
): ClusterInput {
  const points: IncidentPoint[] = [];
  const unplaced: string[] = [];
  const keys = new Map<string, string>();
  for (const incident of incidents) {
    // The incidents given are the view's open set (the projection's decision): none is filtered again.
    if (keys.has(incident.incidentId)) continue;
    const placement = placeIncident(incident, labelPoints);
    if (!placement) {
      unplaced.push(incident.incidentId);
      continue;
    }
    keys.set(incident.incidentId, placementKey(incident, placement));
    points.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [placement.lon, placement.lat] },
      properties: {
        incidentId: incident.incidentId,
        rank: priorityRank(incident.priority),
        category: incident.category,
        approx: placement.approx,
        bornMs: bornMs(incident),
      },
    });
  }
  return { points, unplaced, keys };
}

/** True when the two key maps differ: only then is the supercluster index rebuilt. */
export function keysChanged(prev: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): boolean {
  if (prev.size !== next.size) return true;
  for (const [id, key] of next) if (prev.get(id) !== key) return true;
  return false;
}

export function clusterMap(props: IncidentPointProps): ClusterAggregate {
  return { rank: props.rank, bornMs: props.bornMs };
}

export function clusterReduce(acc: ClusterAggregate, props: Readonly<ClusterAggregate>): void {
  if (props.rank < acc.rank) acc.rank = props.rank;
  if (props.bornMs > acc.bornMs) acc.bornMs = props.bornMs;
}

/** How recent a report must be for its first appearance to count as news. */
export const NEWS_WINDOW_MS = 5 * 60_000;

/**
 * When an incident became news on this map (epoch ms), or 0 if it is not news. A delta that
 * arrives after the first load is news only if the report itself is recent: the snapshot that
 * follows an empty start, or a reconnect, brings old incidents that should not all pulse.
 */
export function newsSince(firstSeenMs: number | undefined, reportedAt: string | null, nowMs: number): number {
  if (!firstSeenMs) return 0;
  const reportedMs = reportedAt === null ? NaN : Date.parse(reportedAt);
  if (Number.isFinite(reportedMs) && nowMs - reportedMs > NEWS_WINDOW_MS) return 0;
  return firstSeenMs;
}

/** More new ids than this in one update is a (re)load, such as the snapshot after an empty start. */
export const LOAD_BATCH = 20;

/**
 * Remembers when each incident id was first seen, so new ones can pulse once (0 = part of a
 * load, never pulses). Ids that left the open set are forgotten: a wall runs for days and this
 * map must not grow with history.
 */
export function trackFirstSeen(
  prev: ReadonlyMap<string, number> | null,
  ids: Iterable<string>,
  nowMs: number,
): Map<string, number> {
  const next = new Map<string, number>();
  const fresh: string[] = [];
  for (const id of ids) {
    const seen = prev?.get(id);
    if (seen === undefined) fresh.push(id);
    else next.set(id, seen);
  }
  const stamp = prev === null || fresh.length > LOAD_BATCH ? 0 : nowMs;
  for (const id of fresh) next.set(id, stamp);
  return next;
}
