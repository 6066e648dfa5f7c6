// Raised alerts on the wall, read-only: they are acknowledged on the operator desk.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CriticalIcon, WarningIcon } from '../../components/icons.tsx';
import { sortedAlerts } from '../../live/selectors.ts';
import { useLive } from '../../live/store.ts';

const MAX_ALERTS = 4;

export function AlertStrip() {
  const { t } = useTranslation();
  const all = useLive((s) => s.data.alerts);
  const raised = useMemo(() => sortedAlerts(all).filter((a) => a.clearedAt === null).slice(0, MAX_ALERTS), [all]);
  if (raised.length === 0) return null;
  return (
    <section className="alert-strip" aria-label={t('alerts.title')}>
      <h2 className="panel-title">{t('alerts.title')}</h2>
      <ul>
        {raised.map((a) => (
          <li key={a.alertId} className={`alert-line alert-line--${a.severity}`} data-testid={`wall-alert-${a.alertId}`}>
            {a.severity === 'critical' ? <CriticalIcon /> : <WarningIcon />}
            <span className="alert-kind">{t(`alerts.kind.${a.kind}`)}</span>
            <span className="alert-subject">{a.subject}</span>
            {a.ackedAt !== null ? <span className="alert-acked">✓ {t('alerts.acked')}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
