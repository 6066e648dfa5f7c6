// App activity: today's event counter, apps by state, the most active apps today.
import { useTranslation } from 'react-i18next';
import type { AppsSummary } from '../../../shared/contract/views.ts';
import { formatCount } from '../../components/format.ts';
import { useLang } from '../../components/use-lang.ts';
import { useLive } from '../../live/store.ts';
import { AlertStrip } from './AlertStrip.tsx';

type AppState = NonNullable<AppsSummary['states']>[string];
const STATE_ORDER: readonly AppState[] = ['failing', 'spiking', 'silent', 'normal', 'idle'];

function StateCounts({ states }: { states: NonNullable<AppsSummary['states']> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const counts = new Map<AppState, number>();
  for (const s of Object.values(states)) counts.set(s, (counts.get(s) ?? 0) + 1);
  return (
    <ul className="app-states">
      {STATE_ORDER.filter((s) => counts.has(s)).map((s) => (
        <li key={s} className={`app-state app-state--${s}`} data-testid={`app-state-${s}`}>
          <span className="app-state-n fig">{formatCount(counts.get(s) ?? 0, lang)}</span> {t(`apps.state.${s}`)}
        </li>
      ))}
    </ul>
  );
}

interface AppActivityProps {
  /** Rows of the top list; the full-screen apps page shows more. */
  rows: number;
}

export function AppActivity({ rows }: AppActivityProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const apps = useLive((s) => s.data.apps);
  const eventsToday = useLive((s) => s.data.eventsToday);
  const top = apps?.top.slice(0, rows) ?? [];
  return (
    <section className="apps" aria-label={t('apps.title')}>
      <div className="apps-counter">
        <div className="apps-counter-value fig" data-testid="events-today">
          {formatCount(eventsToday, lang)}
        </div>
        <div className="metric-label">{t('apps.eventsToday')}</div>
      </div>
      {apps?.states ? <StateCounts states={apps.states} /> : null}
      <h2 className="panel-title">{t('apps.top')}</h2>
      {top.length === 0 ? (
        <div className="apps-none">{t('apps.none')}</div>
      ) : (
        <ol className="apps-top">
          {top.map((app) => (
            <li key={app.appId} className="app-row" data-testid={`app-row-${app.appId}`}>
              <span className="app-name">{app.name}</span>
              <span className="app-figs">
                <span className="fig" data-testid={`app-${app.appId}-sessions`}>
                  {formatCount(app.sessions, lang)}
                </span>{' '}
                <span className="app-unit">{t('apps.sessions', { count: app.sessions })}</span>
                {app.complaints > 0 ? (
                  <>
                    {' · '}
                    <span className="fig">{formatCount(app.complaints, lang)}</span> <span className="app-unit">{t('apps.complaints', { count: app.complaints })}</span>
                  </>
                ) : null}
                {app.errors > 0 ? (
                  <>
                    {' · '}
                    <span className="fig app-errors">{formatCount(app.errors, lang)}</span> <span className="app-unit">{t('apps.errors', { count: app.errors })}</span>
                  </>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      )}
      <AlertStrip />
    </section>
  );
}
