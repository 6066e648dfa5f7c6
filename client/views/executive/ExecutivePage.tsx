// /executive: KPIs against the city's targets for today, 7 and 30 days, daily trends, incidents
// app usage, incidents per kecamatan and times per agency; every table exports as CSV; light and
// print-friendly. Aggregates only: the server sends executives no caller numbers, and no
// figure here is about a person.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readToken } from '../../api/credentials.ts';
import { useCity } from '../../api/use-city.ts';
import { useLang } from '../../components/use-lang.ts';
import { useLive } from '../../live/store.ts';
import { useLiveConnection } from '../../live/use-live-connection.ts';
import { requestedSpace } from '../../api/requested-space.ts';
import { DeskHeader } from '../common/DeskHeader.tsx';
import { useTargets } from '../common/use-targets.ts';
import { ViewShell } from '../common/ViewShell.tsx';
import { AgencySection } from './AgencySection.tsx';
import { AppUsageSection } from './AppUsageSection.tsx';
import { KecamatanSection } from './KecamatanSection.tsx';
import type { LineKey } from './kpi-metrics.ts';
import type { Period } from './periods.ts';
import { ScorecardSection } from './ScorecardSection.tsx';
import { TrendSection } from './TrendSection.tsx';
import { useExecutiveData } from './use-executive-data.ts';
import '../common/desk.css';
import './executive.css';

function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn" data-testid="exec-print" onClick={() => window.print()}>
      {t('exec.print')}
    </button>
  );
}

export function ExecutivePage() {
  const { t } = useTranslation();
  const lang = useLang();
  useLiveConnection(readToken(), requestedSpace());
  const { city, boundaries } = useCity();
  const isDemo = useLive((s) => s.data.space === 'demo');
  const targets = useTargets();
  const [line, setLine] = useState<LineKey>('all');
  const [period, setPeriod] = useState<Period>('d7');
  const [trendDays, setTrendDays] = useState(7);
  const data = useExecutiveData(city?.timezone ?? null, trendDays);
  const tableKpis = data.periods[period].current;
  return (
    <ViewShell name="executive" theme="light">
      <DeskHeader title={t('executive.title')} actions={<PrintButton />} />
      {isDemo ? <p className="notice">{t('executive.demoNotice')}</p> : null}
      {data.error !== null ? (
        <p className="notice notice--error" role="alert" data-testid="exec-error">
          {t('exec.error', { reason: data.error })}
        </p>
      ) : null}
      <main className="exec" data-testid="exec-main" aria-busy={data.loading}>
        <ScorecardSection answers={data.periods} line={line} onLine={setLine} targets={targets} lang={lang} />
        <TrendSection days={data.days} targets={targets} lang={lang} trendDays={trendDays} onTrendDays={setTrendDays} />
        <AppUsageSection trends={data.appTrends} lang={lang} />
        <KecamatanSection kpis={tableKpis} kecamatan={city?.kecamatan ?? []} boundaries={boundaries} lang={lang} period={period} onPeriod={setPeriod} />
        <AgencySection kpis={tableKpis} agencies={city?.agencies ?? []} lang={lang} period={period} onPeriod={setPeriod} />
      </main>
    </ViewShell>
  );
}
