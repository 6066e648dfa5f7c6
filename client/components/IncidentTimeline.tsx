// An incident's steps with the minutes between them: the operator desk's compact row
// (reported → dispatched → on scene → closed) and the executive drill-down's full timeline (each
// unit's dispatch and arrival, arrivals against the agency's on-scene target). Props in.
import { useTranslation } from 'react-i18next';
import type { Better } from '../../shared/kpi/target-state.ts';
import { formatMinutes, formatShortTime, type Lang } from './format.ts';
import { TargetMark } from './TargetMark.tsx';

export type TimelineKind = 'reported' | 'dispatched' | 'on_scene' | 'closed';

export interface TimelineRow {
  key: string;
  kind: TimelineKind;
  /** null: the step has not happened (drawn muted with a dash). */
  atMs: number | null;
  /** Seconds since the previous step that happened, or null. */
  sincePrevSeconds: number | null;
  /** Who: "Damkar · DMK-01", an outcome… */
  detail?: string;
  /** Seconds since the report against a target (arrivals): judged by the shared rule. */
  target?: { seconds: number; targetSeconds: number; better: Better };
}

interface IncidentTimelineProps {
  rows: readonly TimelineRow[];
  timeZone: string;
  lang: Lang;
  /** The desk's one-line row, or the drill-down's list with dates and targets. */
  layout?: 'row' | 'list';
  testId?: string;
}

export function IncidentTimeline({ rows, timeZone, lang, layout = 'row', testId }: IncidentTimelineProps) {
  const { t } = useTranslation();
  return (
    <ol className={`timeline${layout === 'list' ? ' timeline--list' : ''}`} {...(testId ? { 'data-testid': testId } : {})}>
      {rows.map((r) => (
        <li key={r.key} className={`timeline-step${r.atMs !== null ? ' timeline-step--done' : ''}`} data-kind={r.kind}>
          {r.sincePrevSeconds !== null ? (
            <span className="timeline-gap fig">{t('incident.minutesBetween', { value: formatMinutes(r.sincePrevSeconds, lang) })}</span>
          ) : null}
          <span className="timeline-name">{t(`status.${r.kind}`)}</span>
          <span className="timeline-at fig">{r.atMs !== null ? formatShortTime(new Date(r.atMs), timeZone) : '–'}</span>
          {r.detail ? <span className="timeline-detail">{r.detail}</span> : null}
          {r.target ? (
            <span className="timeline-target">
              <span className="fig">{t('drill.sinceReport', { value: formatMinutes(r.target.seconds, lang) })}</span>{' '}
              <TargetMark
                value={r.target.seconds}
                target={r.target.targetSeconds}
                better={r.target.better}
                showWord
                targetText={`(≤ ${formatMinutes(r.target.targetSeconds, lang)})`}
              />
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
