// An incident's timeline as shown in its popup: the four steps with the minutes since the
// step before. A missing step (dispatch never recorded) is skipped for the arithmetic, so the
// next one counts from the last step that did happen instead of showing nothing.
import type { IncidentView } from '../../shared/contract/views.ts';

export const TIMELINE_STEPS = ['reported', 'dispatched', 'on_scene', 'closed'] as const;
export type TimelineStepName = (typeof TIMELINE_STEPS)[number];

export interface TimelineStep {
  step: TimelineStepName;
  at: string | null;
  atMs: number | null;
  /** Minutes since the latest earlier step that has a time; null for the first or a missing one. */
  minutesSincePrevious: number | null;
}

type Times = Pick<IncidentView, 'reportedAt' | 'dispatchedAt' | 'onSceneAt' | 'closedAt'>;

export function parseMs(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

export function minutesBetween(fromIso: string | null | undefined, toIso: string | null | undefined): number | null {
  const a = parseMs(fromIso);
  const b = parseMs(toIso);
  return a === null || b === null ? null : (b - a) / 60_000;
}

export function incidentTimeline(incident: Times): TimelineStep[] {
  const at: Record<TimelineStepName, string | null> = {
    reported: incident.reportedAt,
    dispatched: incident.dispatchedAt,
    on_scene: incident.onSceneAt,
    closed: incident.closedAt,
  };
  let previousMs: number | null = null;
  return TIMELINE_STEPS.map((step) => {
    const atMs = parseMs(at[step]);
    const minutesSincePrevious = atMs !== null && previousMs !== null ? (atMs - previousMs) / 60_000 : null;
    if (atMs !== null) previousMs = atMs;
    return { step, at: atMs === null ? null : at[step], atMs, minutesSincePrevious };
  });
}
