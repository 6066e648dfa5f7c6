// Active alerts, newest first: kind in words, severity as colour and shape, the app or
// kecamatan by name, since when. With `onAck` (operator desk) each unacknowledged alert gets
// a button; without it (the wall) the strip is read-only.
import type { AlertView } from '../../shared/contract/views.ts';
import { CriticalIcon, WarningIcon } from '../components/icons.tsx';
import { localeTag, type Lang } from '../components/format.ts';
import { withLabels, type AppLabels } from './labels.ts';
import { shortName } from './AppGrid.tsx';
import './apps.css';

export interface AlertStripProps {
  alerts: readonly AlertView[];
  onAck?: (alertId: string) => void;
  /** What the alert measures in words (a queue alert's condition and figure), on its own line; none for most app alerts. */
  figure?: (a: AlertView) => string | null;
  /** Display names of subjects (app or kecamatan); otherwise the alert's own detail.name. */
  names?: Readonly<Record<string, string>>;
  max?: number;
  /** IANA zone for "since" times (the city's). */
  timeZone?: string;
  stale?: boolean;
  lang?: Lang;
  labels?: Partial<AppLabels>;
}

const timeOf = (iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
};

/** Raised and not cleared, newest first. */
export function activeAlerts(alerts: readonly AlertView[]): AlertView[] {
  return alerts.filter((a) => a.clearedAt === null).sort((a, b) => timeOf(b.raisedAt) - timeOf(a.raisedAt) || a.alertId.localeCompare(b.alertId));
}

function subjectName(a: AlertView, names: Readonly<Record<string, string>>): string {
  const fromDetail = a.detail['name'];
  return shortName(names[a.subject] ?? (typeof fromDetail === 'string' ? fromDetail : a.subject));
}

export function AlertStrip({ alerts, onAck, figure, names = {}, max = 6, timeZone = 'Asia/Jakarta', stale = false, lang = 'id', labels }: AlertStripProps) {
  const l = withLabels(labels);
  const shown = activeAlerts(alerts);
  const time = new Intl.DateTimeFormat(localeTag(lang), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  return (
    <section className={`app-alerts${stale ? ' apps-stale' : ''}`} data-testid="alert-strip" aria-label={l.alertsTitle}>
      <h2 className="app-alerts-title">
        {l.alertsTitle} {shown.length > 0 ? <span className="fig">({shown.length})</span> : null}
      </h2>
      {shown.length === 0 ? (
        <div className="app-alerts-none">{l.noAlerts}</div>
      ) : (
        <ul className="app-alerts-list">
          {shown.slice(0, max).map((a) => {
            const said = figure?.(a) ?? null;
            return (
              <li key={a.alertId} className={`app-alert app-alert--${a.severity}`} data-testid={`alert-${a.alertId}`} data-severity={a.severity}>
                {a.severity === 'critical' ? <CriticalIcon /> : <WarningIcon />}
                <span className="app-alert-kind">{l.alertKind[a.kind]}</span>
                <span className="app-alert-subject">{subjectName(a, names)}</span>
                <span className="app-alert-since fig">
                  {l.since} {time.format(timeOf(a.raisedAt))}
                </span>
                {a.ackedAt !== null ? (
                  <span className="app-alert-acked">✓ {l.acked}</span>
                ) : onAck ? (
                  <button type="button" className="app-alert-ack" onClick={() => onAck(a.alertId)}>
                    {l.ack}
                  </button>
                ) : null}
                {said !== null ? <span className="app-alert-figure fig" data-testid={`alert-figure-${a.alertId}`}>{said}</span> : null}
              </li>
            );
          })}
          {shown.length > max ? <li className="app-alert-more">{l.more(shown.length - max)}</li> : null}
        </ul>
      )}
    </section>
  );
}
