// reported → dispatched → on scene → closed, with the minutes between each step.
import { useTranslation } from 'react-i18next';
import type { IncidentView } from '../../../shared/contract/views.ts';
import { formatMinutes, formatShortTime, type Lang } from '../../components/format.ts';

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
  const { t } = useTranslation();
  return (
    <ol className="timeline">
      {timelineSteps(incident).map(({ status, atMs, sincePrevSeconds }) => (
        <li key={status} className={`timeline-step${atMs !== null ? ' timeline-step--done' : ''}`}>
          {sincePrevSeconds !== null ? (
            <span className="timeline-gap fig">{t('incident.minutesBetween', { value: formatMinutes(sincePrevSeconds, lang) })}</span>
          ) : null}
          <span className="timeline-name">{t(`status.${status}`)}</span>
          <span className="timeline-at fig">{atMs !== null ? formatShortTime(new Date(atMs), timeZone) : '–'}</span>
        </li>
      ))}
    </ol>
  );
}
