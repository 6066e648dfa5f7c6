// App usage by agency, super-app and category over the last 7 or 30 days against the days
// before, drawn by client/apps' AppTrends (tables with their own CSV export).
import { useTranslation } from 'react-i18next';
import type { AppTrendsAnswer } from '../../../shared/contract/apps.ts';
import { AppTrends } from '../../apps/AppTrends.tsx';
import { appLabels } from '../../apps/labels.ts';
import type { Lang } from '../../components/format.ts';

export function AppUsageSection({ trends, lang }: { trends: AppTrendsAnswer | null; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <section className="exec-section" data-testid="exec-apps" aria-labelledby="exec-apps-title">
      <header className="exec-section-head">
        <h2 id="exec-apps-title">{t('exec.appsTitle')}</h2>
        <span className="muted">{t('exec.appsNote')}</span>
      </header>
      {trends ? <AppTrends periods={[trends]} rows={12} lang={lang} labels={appLabels(lang)} /> : <p className="muted">{t('app.loading')}</p>}
    </section>
  );
}
