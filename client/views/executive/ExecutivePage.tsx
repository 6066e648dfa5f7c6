// /executive: today's KPIs against the city's targets (light, print-friendly). Aggregates
// only: the server sends executives no caller numbers, and this view shows none.
import { useTranslation } from 'react-i18next';
import { readToken } from '../../api/credentials.ts';
import { useLang } from '../../components/use-lang.ts';
import { useLive } from '../../live/store.ts';
import { useLiveConnection } from '../../live/use-live-connection.ts';
import { DeskHeader } from '../common/DeskHeader.tsx';
import { KpiCards } from '../common/KpiCards.tsx';
import { useTargets } from '../common/use-targets.ts';
import { ViewShell } from '../common/ViewShell.tsx';
import '../common/desk.css';

export function ExecutivePage() {
  const { t } = useTranslation();
  const lang = useLang();
  useLiveConnection(readToken(), undefined);
  const kpis = useLive((s) => s.data.kpis);
  const isDemo = useLive((s) => s.data.space === 'demo');
  const targets = useTargets();
  return (
    <ViewShell name="executive" theme="light">
      <DeskHeader title={t('executive.title')} />
      {isDemo ? <p className="notice">{t('executive.demoNotice')}</p> : null}
      <h2 className="exec-period">{t('kpi.today')}</h2>
      <KpiCards kpis={kpis} targets={targets} lang={lang} />
    </ViewShell>
  );
}
