// The executive KPIs inside the tour: today's figures against the city's targets, from the
// same live data the wall shows, and the way to the full executive view.
import { useTranslation } from 'react-i18next';
import { formatCount, formatMinutes, formatPercent, formatSeconds } from '../../../components/format.ts';
import { MetricCard } from '../../../components/MetricCard.tsx';
import { navigate } from '../../../components/navigation.ts';
import { TargetMark, targetTone } from '../../../components/TargetMark.tsx';
import { useLang } from '../../../components/use-lang.ts';
import { useLive } from '../../../live/store.ts';
import { useTargets } from '../../common/use-targets.ts';

export function KpiStep() {
  const { t } = useTranslation();
  const lang = useLang();
  const kpis = useLive((s) => s.data.kpis);
  const targets = useTargets();
  const all = kpis?.calls.all;
  const responseTarget = targets?.responseMinutes === undefined ? undefined : targets.responseMinutes * 60;
  const rate = (v: number | null) => formatPercent(v, lang);
  return (
    <>
      <p>{t('tour.kpis.body')}</p>
      <div className="tour-kpis" data-testid="tour-kpis">
        <MetricCard label={t('kpi.offered')} value={all?.offered} format={(v) => formatCount(v, lang)} testId="tour-kpi-offered" />
        <MetricCard label={t('kpi.sl20')} value={all?.sl20} format={rate} testId="tour-kpi-sl20" tone={targetTone(all?.sl20, targets?.sl20)}>
          <TargetMark value={all?.sl20} target={targets?.sl20} showWord />
        </MetricCard>
        <MetricCard label={t('kpi.asa')} value={all?.asa} format={(v) => formatSeconds(v, lang)} testId="tour-kpi-asa" tone={targetTone(all?.asa, targets?.asaSeconds, 'lower')}>
          <TargetMark value={all?.asa} target={targets?.asaSeconds} better="lower" showWord />
        </MetricCard>
        <MetricCard
          label={t('kpi.abandonmentRate')}
          value={all?.abandonmentRate}
          format={rate}
          testId="tour-kpi-abandonment"
          tone={targetTone(all?.abandonmentRate, targets?.abandonmentRate, 'lower')}
        >
          <TargetMark value={all?.abandonmentRate} target={targets?.abandonmentRate} better="lower" showWord />
        </MetricCard>
        <MetricCard label={t('kpi.incidents')} value={kpis?.incidents.count} format={(v) => formatCount(v, lang)} testId="tour-kpi-incidents" />
        <MetricCard
          label={`${t('kpi.response')} · ${t('kpi.mean')}`}
          value={kpis?.incidents.response.mean}
          format={(v) => formatMinutes(v, lang)}
          testId="tour-kpi-response"
          tone={targetTone(kpis?.incidents.response.mean, responseTarget, 'lower')}
        >
          <TargetMark value={kpis?.incidents.response.mean} target={responseTarget} better="lower" showWord />
        </MetricCard>
      </div>
      <p className="tour-hint">
        {t('tour.kpis.more')}{' '}
        <button type="button" className="btn btn--link" data-testid="tour-open-executive" onClick={() => navigate('/executive')}>
          {t('tour.kpis.open')}
        </button>
      </p>
    </>
  );
}
