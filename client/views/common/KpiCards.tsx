// Today's KPIs as cards against the city's targets: per line, both lines, and incidents.
// Shared by the wall's KPI page (dark) and the executive view (light); the theme is CSS's.
import { useTranslation } from 'react-i18next';
import type { Targets } from '../../../shared/contract/city.ts';
import type { CallKpis, KpisAnswer } from '../../../shared/contract/kpis.ts';
import { formatCount, formatMinutes, formatPercent, formatSeconds, type Lang } from '../../components/format.ts';
import { MetricCard } from '../../components/MetricCard.tsx';
import { TargetMark, targetTone } from '../../components/TargetMark.tsx';

type LineKey = keyof KpisAnswer['calls'];
const LINE_KEYS: readonly LineKey[] = ['112', '119', 'all'];

interface KpiCardsProps {
  kpis: KpisAnswer | null;
  targets: Partial<Targets> | null;
  lang: Lang;
}

function CallCards({ line, k, targets, lang }: { line: LineKey; k: CallKpis | null; targets: Partial<Targets> | null; lang: Lang }) {
  const { t } = useTranslation();
  const pct = (v: number | null) => formatPercent(v, lang);
  const count = (v: number | null) => formatCount(v, lang);
  const id = (m: string) => `kpi-${line}-${m}`;
  const rate = (
    metric: 'sl15' | 'sl20' | 'abandonmentRate',
    target: number | undefined,
    better: 'higher' | 'lower',
  ) => (
    <MetricCard
      label={t(`kpi.${metric}`)}
      value={k?.[metric]}
      format={pct}
      testId={id(metric)}
      tone={targetTone(k?.[metric], target, better)}
    >
      <TargetMark
        value={k?.[metric]}
        target={target}
        better={better}
        targetText={target === undefined ? '' : t(better === 'higher' ? 'kpi.target' : 'kpi.targetMax', { value: formatPercent(target, lang, 0) })}
      />
    </MetricCard>
  );
  return (
    <section className="kpi-group" data-testid={`kpi-group-${line}`}>
      <h2 className="panel-title">{line === 'all' ? t('line.all') : `${line} ${t(`line.${line}`)}`}</h2>
      <div className="kpi-grid">
        <MetricCard label={t('kpi.offered')} value={k?.offered} format={count} testId={id('offered')} />
        <MetricCard label={t('kpi.answered')} value={k?.answered} format={count} testId={id('answered')} />
        <MetricCard label={t('kpi.abandoned')} value={k?.abandoned} format={count} testId={id('abandoned')} />
        <MetricCard
          label={t('kpi.asa')}
          value={k?.asa}
          format={(v) => formatSeconds(v, lang)}
          testId={id('asa')}
          tone={targetTone(k?.asa, targets?.asaSeconds, 'lower')}
        >
          <TargetMark
            value={k?.asa}
            target={targets?.asaSeconds}
            better="lower"
            targetText={targets?.asaSeconds === undefined ? '' : t('kpi.targetMax', { value: formatSeconds(targets.asaSeconds, lang) })}
          />
        </MetricCard>
        {rate('sl15', targets?.sl15, 'higher')}
        {rate('sl20', targets?.sl20, 'higher')}
        {rate('abandonmentRate', targets?.abandonmentRate, 'lower')}
        <MetricCard label={t('kpi.prankShare')} value={k?.prankShare} format={pct} testId={id('prankShare')} />
      </div>
    </section>
  );
}

function IncidentCards({ kpis, targets, lang }: KpiCardsProps) {
  const { t } = useTranslation();
  const inc = kpis?.incidents ?? null;
  const minutes = (v: number | null) => formatMinutes(v, lang);
  const responseTarget = targets?.responseMinutes === undefined ? undefined : targets.responseMinutes * 60;
  return (
    <section className="kpi-group" data-testid="kpi-group-incidents">
      <h2 className="panel-title">{t('kpi.incidentsTitle')}</h2>
      <div className="kpi-grid">
        <MetricCard label={t('kpi.incidents')} value={inc?.count} format={(v) => formatCount(v, lang)} testId="kpi-incidents-count" />
        <MetricCard label={`${t('kpi.dispatch')} · ${t('kpi.mean')}`} value={inc?.dispatch.mean} format={minutes} testId="kpi-dispatch-mean" />
        <MetricCard label={`${t('kpi.dispatch')} · ${t('kpi.p90')}`} value={inc?.dispatch.p90} format={minutes} testId="kpi-dispatch-p90" />
        <MetricCard
          label={`${t('kpi.response')} · ${t('kpi.mean')}`}
          value={inc?.response.mean}
          format={minutes}
          testId="kpi-response-mean"
          tone={targetTone(inc?.response.mean, responseTarget, 'lower')}
        >
          <TargetMark
            value={inc?.response.mean}
            target={responseTarget}
            better="lower"
            targetText={responseTarget === undefined ? '' : t('kpi.targetMax', { value: formatMinutes(responseTarget, lang) })}
          />
        </MetricCard>
        <MetricCard label={`${t('kpi.response')} · ${t('kpi.p90')}`} value={inc?.response.p90} format={minutes} testId="kpi-response-p90" />
        <MetricCard label={t('kpi.prankRate')} value={inc?.prankRate} format={(v) => formatPercent(v, lang)} testId="kpi-incidents-prankRate" />
      </div>
    </section>
  );
}

export function KpiCards({ kpis, targets, lang }: KpiCardsProps) {
  return (
    <div className="kpi-cards">
      {LINE_KEYS.map((line) => (
        <CallCards key={line} line={line} k={kpis?.calls[line] ?? null} targets={targets} lang={lang} />
      ))}
      <IncidentCards kpis={kpis} targets={targets} lang={lang} />
    </div>
  );
}
