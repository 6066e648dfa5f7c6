// The desk's incident order (issue 16): by priority (1 first; none last), then by how long since
// the incident's last step (reported, dispatched, on scene), the longest first: the one that
// waits longest for its next step is the one a supervisor must look at. Newest-first put a P1
// fire below a P3 flood.
import type { IncidentView } from '../../../shared/contract/views.ts';

function ms(iso: string | null): number {
  const v = iso === null ? NaN : Date.parse(iso);
  return Number.isFinite(v) ? v : Number.NEGATIVE_INFINITY;
}

/** When the incident last moved; -Infinity when no step carries a time. */
export function lastStepMs(i: IncidentView): number {
  return Math.max(ms(i.reportedAt), ms(i.dispatchedAt), ms(i.onSceneAt));
}

export function deskIncidentOrder(incidents: Iterable<IncidentView>): IncidentView[] {
  const rank = (i: IncidentView): number => i.priority ?? 5;
  return [...incidents].sort((a, b) => rank(a) - rank(b) || lastStepMs(a) - lastStepMs(b) || a.incidentId.localeCompare(b.incidentId));
}
