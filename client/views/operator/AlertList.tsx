// Alerts on the desk, with the Acknowledge button (socket `alert:ack`).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertView } from '../../../shared/contract/views.ts';
import { formatShortTime } from '../../components/format.ts';
import { CriticalIcon, WarningIcon } from '../../components/icons.tsx';
import { ackAlert } from '../../live/connection.ts';
import { sortedAlerts } from '../../live/selectors.ts';
import { useLive } from '../../live/store.ts';
import { ringingAlerts } from '../common/alarm.ts';
import { useAlertFigure } from '../common/alert-text.ts';
import { subjectName, useSubjectNames } from '../common/use-subject-names.ts';

function AckButton({ alert }: { alert: AlertView }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (alert.ackedAt !== null) {
    return <span className="muted">{alert.ackedBy ? t('alerts.ackedBy', { who: alert.ackedBy }) : t('alerts.acked')}</span>;
  }
  const onClick = async () => {
    setPending(true);
    setError(null);
    const result = await ackAlert(alert.alertId);
    setPending(false);
    // On success the server's delta carries ackedAt; the button goes away with it.
    if (!result.ok) setError(result.error ?? 'error');
  };
  return (
    <>
      <button type="button" className="btn" disabled={pending} data-testid={`alert-ack-${alert.alertId}`} onClick={() => void onClick()}>
        {t('alerts.ack')}
      </button>
      {error !== null ? <span className="error">{t('alerts.ackFailed', { reason: error })}</span> : null}
    </>
  );
}

/** `canAck` is false for a visitor without a credential: the server would refuse the ack. */
export function AlertList({ timeZone, canAck }: { timeZone: string; canAck: boolean }) {
  const { t } = useTranslation();
  const all = useLive((s) => s.data.alerts);
  const alerts = useMemo(() => sortedAlerts(all), [all]);
  const ringing = useMemo(() => ringingAlerts(alerts).length > 0, [alerts]);
  const names = useSubjectNames();
  const figureOf = useAlertFigure();
  return (
    <section className={`panel op-alerts${ringing ? ' op-alerts--ringing' : ''}`} data-testid="op-alerts" data-ringing={ringing ? 'true' : 'false'}>
      <h2 className="panel-title">{t('alerts.title')}</h2>
      {alerts.length === 0 ? (
        <p className="op-empty">{t('alerts.none')}</p>
      ) : (
        <ul className="op-alert-list">
          {alerts.map((a) => (
            <li key={a.alertId} className={`op-alert op-alert--${a.severity}${a.clearedAt ? ' op-alert--cleared' : ''}`} data-testid={`alert-${a.alertId}`}>
              <span className="op-alert-sev">
                {a.severity === 'critical' ? <CriticalIcon /> : <WarningIcon />} {t(`alerts.${a.severity}`)}
              </span>
              <span className="op-alert-what">
                <b>{t(`alerts.kind.${a.kind}`)}</b> {subjectName(a, names)}
                {a.clearedAt === null && figureOf(a) !== null ? <span className="op-alert-figure fig"> · {figureOf(a)}</span> : null}
              </span>
              <span className="muted fig">
                {formatShortTime(new Date(a.raisedAt), timeZone)}
                {a.clearedAt ? ` · ${t('alerts.cleared')}` : ''}
              </span>
              {canAck ? <AckButton alert={a} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
