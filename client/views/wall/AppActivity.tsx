// App activity on the wall, from client/apps: the overview's column shows today's event counter,
// every app as a cell coloured (and shaped) by state, and the active alerts; the full-screen
// apps page groups the cells by category and adds the most active apps with their last-hour
// sparklines.
import { useTranslation } from 'react-i18next';
import { AlertStrip } from '../../apps/AlertStrip.tsx';
import { AppGrid } from '../../apps/AppGrid.tsx';
import { TopApps } from '../../apps/TopApps.tsx';
import { formatCount } from '../../components/format.ts';
import { useLang } from '../../components/use-lang.ts';
import { useLive } from '../../live/store.ts';
import { useAlertFigure } from '../common/alert-text.ts';
import { useAppView } from './use-app-view.ts';

function EventsToday() {
  const { t } = useTranslation();
  const lang = useLang();
  const eventsToday = useLive((s) => s.data.eventsToday);
  return (
    <div className="apps-counter">
      <span className="apps-counter-value fig" data-testid="events-today">
        {formatCount(eventsToday, lang)}
      </span>{' '}
      <span className="metric-label">{t('apps.eventsToday')}</span>
    </div>
  );
}

/** The overview's right column: narrow, so the grid shows icons in state colours, no names. */
export function AppPanel() {
  const lang = useLang();
  const v = useAppView();
  const figure = useAlertFigure();
  return (
    <section className="apps apps--panel" data-testid="apps-panel">
      <EventsToday />
      <div className="apps-grid-box">
        <AppGrid apps={v.catalog} states={v.apps?.states ?? {}} activity={v.activity} names={false} attentionMax={3} aspect={0.7} lang={lang} labels={v.labels} />
      </div>
      <AlertStrip alerts={v.alerts} figure={figure} names={v.names} max={3} timeZone={v.timeZone} lang={lang} labels={v.labels} />
    </section>
  );
}

/** The full-screen apps page: the grid by category, then the top ten and the alerts beside it. */
export function AppsPage() {
  const lang = useLang();
  const v = useAppView();
  const figure = useAlertFigure();
  return (
    <div className="apps-page" data-testid="apps-page">
      <section className="apps apps--grid">
        <AppGrid apps={v.catalog} states={v.apps?.states ?? {}} activity={v.activity} lang={lang} labels={v.labels} byCategory attentionMax={8} />
      </section>
      <section className="apps apps--side">
        <EventsToday />
        <TopApps top={v.apps?.top ?? []} sparklines={v.apps?.sparklines ?? {}} rows={10} lang={lang} labels={v.labels} />
        <AlertStrip alerts={v.alerts} figure={figure} names={v.names} max={5} timeZone={v.timeZone} lang={lang} labels={v.labels} />
      </section>
    </div>
  );
}
