// The desk's row: reported → dispatched → on scene → closed, with the minutes between each step
// (client/components/IncidentTimeline.tsx draws it; the executive drill-down draws its full
// timeline with the same component).
import type { IncidentView } from '../../../shared/contract/views.ts';
import { IncidentTimeline as Timeline, type TimelineRow } from '../../components/IncidentTimeline.tsx';
import type { Lang } from '../../components/format.ts';

const STEPS = [
  ['reported', 'reportedAt'],
  ['dispatched', 'dispatchedAt'],
  ['on_scene', 'onSceneAt'],
  ['closed', 'closedAt'],
] as const;

interface Step {
  status: (typeof STEPS)[number][0];
  atMs: number | null;
  /** Seconds since the previous step that happened, or null. */
  sincePrevSeconds: number | null;
}

export function timelineSteps(incident: IncidentView): Step[] {
  const out: Step[] = [];
  let prevMs: number | null = null;
  for (const [status, field] of STEPS) {
    const at = incident[field];
    const ms = at === null ? NaN : Date.parse(at);
    const atMs = Number.isFinite(ms) ? ms : null;
    out.push({ status, atMs, sincePrevSeconds: atMs !== null && prevMs !== null ? (atMs - prevMs) / 1000 : null });
    if (atMs !== null) prevMs = atMs;
  }
  return out;
}

export function IncidentTimeline({ incident, timeZone, lang }: { incident: IncidentView; timeZone: string; lang: Lang }) {
  const rows: TimelineRow[] = timelineSteps(incident).map((s) => ({ key: s.status, kind: s.status, atMs: s.atMs, sincePrevSeconds: s.sincePrevSeconds }));
  return <Timeline rows={rows} timeZone={timeZone} lang={lang} />;
}
